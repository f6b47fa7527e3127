//! The case benchmark: a generated database, its reads, and writes.

pub mod bench;
pub mod bench_write;
pub mod generate;

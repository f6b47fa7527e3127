//! The help-center benchmark: generated articles, searches, article pages.

pub mod bench;

//! Attachments: the checks, the file store, streamed uploads saved with
//! their message, who may fetch a file, and the sweep of orphans.

pub use model::files::*;

pub mod check;
pub mod save;
pub mod store;
pub mod sweep;
pub mod thumb;
pub mod upload;

#[cfg(test)]
mod tests;

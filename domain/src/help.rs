//! The help center: articles, their search engine per backend, votes,
//! authoring and the arrangement of collections and folders.

pub use model::help::*;

pub mod authoring_store;
pub mod demo;
pub mod markdown;
pub mod rows;
pub mod search;
pub mod snippet;
pub mod store;
pub mod structure;
pub mod votes;

#[cfg(test)]
mod authoring_tests;
#[cfg(test)]
mod tests;

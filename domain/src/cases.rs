//! Cases: opening, the conversation, statuses and their automatic changes,
//! lists and search, merges, CSV export.

pub use model::cases::*;

pub mod assign;
pub mod attachments;
pub mod bulk;
pub mod by_mail;
pub mod canned;
pub mod changes;
pub mod departments;
pub mod edit;
pub mod export;
pub mod file_access;
pub mod lifecycle;
pub mod listing;
pub mod merge;
pub mod notes;
pub mod open;
pub mod presence;
pub(crate) mod quota;
mod reading;
pub mod requester;
pub mod saved_views;
pub mod self_help;
pub mod settings;
pub mod sla;
pub mod store;
pub mod text_search;
pub mod with_files;

#[cfg(test)]
mod concurrency_tests;
#[cfg(test)]
mod flow_tests;
#[cfg(test)]
pub(crate) mod test_world;

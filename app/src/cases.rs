//! Cases (tickets): the customer's list, opening one, the conversation, and
//! the staff workspace.

pub mod actions;
pub mod activity;
pub mod api;
#[cfg(feature = "ssr")]
pub mod bench;
#[cfg(feature = "ssr")]
pub mod bench_write;
pub mod conversation;
pub mod detail;
pub mod details;
#[cfg(feature = "ssr")]
pub mod edit;
pub mod expand;
#[cfg(feature = "ssr")]
pub mod export;
pub mod filter;
pub mod filter_panel;
#[cfg(feature = "ssr")]
pub mod generate;
#[cfg(feature = "ssr")]
pub mod lifecycle;
pub mod list;
#[cfg(feature = "ssr")]
pub mod listing;
#[cfg(feature = "ssr")]
pub mod merge;
pub mod new;
#[cfg(feature = "ssr")]
pub mod open;
pub mod record;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod self_help;
pub mod self_help_page;
pub mod staff;
pub mod status;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod text_search;
pub mod types;

#[cfg(all(test, feature = "ssr"))]
mod concurrency_tests;
#[cfg(all(test, feature = "ssr"))]
mod flow_tests;

pub use status::CaseStatus;
pub use types::*;

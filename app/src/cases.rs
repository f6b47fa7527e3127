//! Cases (tickets): the customer's list, opening one, the conversation, and
//! the staff workspace.

pub mod api;
pub mod detail;
#[cfg(feature = "ssr")]
pub mod export;
pub mod filter;
pub mod filter_panel;
#[cfg(feature = "ssr")]
pub mod lifecycle;
pub mod list;
#[cfg(feature = "ssr")]
pub mod listing;
pub mod new;
pub mod rules;
pub mod staff;
pub mod status;
#[cfg(feature = "ssr")]
pub mod store;
pub mod types;

pub use status::CaseStatus;
pub use types::*;

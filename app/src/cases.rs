//! Cases (tickets): the customer's list, opening one, the conversation, and
//! the staff workspace.

pub mod actions;
pub mod activity;
pub mod api;
pub mod case_types;
pub mod conversation;
pub mod detail;
pub mod details;
pub mod expand;
#[cfg(feature = "ssr")]
pub mod export;
pub mod filter_panel;
pub mod hold;
pub mod in_place;
pub mod list;
#[cfg(feature = "ssr")]
mod my_part;
pub mod new;
pub mod self_help_page;
pub mod staff;

pub use model::cases::*;

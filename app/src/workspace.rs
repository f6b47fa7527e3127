//! The staff workspace's shared work: the views of the rail, who a case
//! is assigned to, departments (PRODUCT.md §8).

pub mod api;
pub mod assign_panel;
pub mod bulk_bar;
pub mod departments_page;
#[cfg(feature = "ssr")]
pub mod events;
pub mod live;
pub mod presence_bar;
pub mod rail;
pub mod users_page;

pub use model::cases::workspace::*;

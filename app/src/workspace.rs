//! The staff workspace's shared work: the views of the rail, who a case
//! is assigned to, departments (PRODUCT.md §8).

pub mod api;
pub mod assign_panel;
pub mod bulk_bar;
pub mod canned_api;
pub mod canned_page;
pub mod canned_picker;
pub mod columns;
pub mod departments_page;
#[cfg(feature = "ssr")]
pub mod events;
pub mod live;
pub mod presence_bar;
pub mod rail;
pub mod saved_views;
pub mod service_levels_page;
pub mod settings_api;
pub mod settings_page;
pub mod sla_clock;
pub mod users_page;

pub use model::cases::canned::*;
pub use model::cases::sla::*;
pub use model::cases::workspace::*;

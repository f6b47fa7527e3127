//! Live chat and the help form (PRODUCT.md §4): the help button on public
//! and customer pages, the help form, business hours on the home page and
//! on the settings page.

pub mod alert;
pub mod api;
pub mod button;
pub mod chat_bar;
pub mod console;
pub mod help_page;
pub mod hours_form;
pub mod hours_text;
pub mod staff_api;
pub mod visitor_api;
pub mod window;

#[cfg(feature = "ssr")]
pub mod post;

pub use model::chat::*;

/// The help form's page, where the help button leads outside hours.
pub const HELP_PAGE: &str = "/contact";
/// The visitor's chat page, where it leads when an agent is free.
pub const CHAT_PAGE: &str = "/chat";

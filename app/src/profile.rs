//! The profile page: a person's details, language and time zone, photo,
//! password and address; and the language switch of every page.

pub mod api;
pub mod page;
#[cfg(feature = "ssr")]
pub mod photo;
pub mod switch;

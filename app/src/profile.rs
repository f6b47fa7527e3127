//! The profile page: a person's details, language and time zone, photo,
//! password and address.

pub mod api;
pub mod page;
#[cfg(feature = "ssr")]
pub mod photo;

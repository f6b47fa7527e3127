//! What the browser and the server share: the product's types, their text
//! forms, input validation and the one error type. No Leptos, no database;
//! the `server-fn` and `server` features add the conversions each side needs.

mod text_enum;

pub mod auth;
pub mod cases;
pub mod chat;
pub mod error;
pub mod field;
pub mod files;
pub mod help;
pub mod mail;
pub mod time;
pub mod validate;

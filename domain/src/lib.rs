//! The helpdesk's core: rules, storage and services, one module per
//! feature, on SQLite or PostgreSQL. Server only: no Leptos, no HTTP.
//!
//! Every service that acts for someone takes a typed actor
//! ([`auth::actor`]); only the accounts module makes one, from a session,
//! so who may do what is decided here and nowhere else.

pub use model::{error, time, validate};

pub mod auth;
pub mod cases;
pub mod chat;
pub mod db;
pub mod demo;
pub mod files;
pub mod help;
pub mod mail;

/// How many CPU-heavy jobs (password hashes, picture decodes) run at once:
/// the cores, at least two.
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().max(2))
}

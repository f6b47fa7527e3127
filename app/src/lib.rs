//! The helpdesk: routes, components, shared types and server functions.
//!
//! Everything the browser and the server share lives here; modules that touch
//! the database or the file system are compiled only with the `ssr` feature.

// The macro reads the locales listed in Cargo.toml at compile time. Its
// build.rs replacement pulls ICU's data exporter into every build; we need
// none of ICU's formatting, so we keep the macro.
#[allow(deprecated)]
mod i18n_gen {
    leptos_i18n::load_locales!();
}
pub use i18n_gen::i18n;

pub mod auth;
pub mod cases;
pub mod error;
pub mod files;
pub mod help;
pub mod time;
pub mod ui;
pub mod validate;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod state;

pub use ui::app::{shell, App};

//! The helpdesk's pages: routes, components and server functions.
//!
//! The types the browser shares come from `model`. Server functions and the
//! few axum handlers (compiled with `ssr`) only read the session, call a
//! service of `domain`, and answer; the browser build pulls in neither.

// The macro reads the locales listed in Cargo.toml at compile time. Its
// build.rs replacement pulls ICU's data exporter into every build; we need
// none of ICU's formatting, so we keep the macro.
#[allow(deprecated)]
mod i18n_gen {
    leptos_i18n::load_locales!();
}
pub use i18n_gen::i18n;

/// `tr!(i18n, key.path)`: a plain translated text, like `t!` without
/// interpolation, but of one shared type (`ui::text`). Defined before the
/// modules so that all of them see it.
macro_rules! tr {
    ($i18n:expr, $($key:tt)+) => {
        $crate::ui::text::text($i18n, |locale| $crate::i18n::td_string!(locale, $($key)+))
    };
}

/// `tr_with!(i18n, key.path, name = value)`: a translated sentence with one
/// value in it, written `%name%` in the translation files (`ui::text`).
macro_rules! tr_with {
    ($i18n:expr, $($key:ident).+, $name:ident = $value:expr) => {
        $crate::ui::text::with_value(
            $i18n,
            |locale| $crate::i18n::td_string!(locale, $($key).+),
            stringify!($name),
            ($value).to_string(),
        )
    };
}

pub mod auth;
pub mod cases;
pub mod chat;
pub mod files;
pub mod help;
mod routes;
pub mod time;
pub mod ui;
pub mod workspace;

pub use model::{error, validate};

#[cfg(feature = "ssr")]
mod csp;
#[cfg(feature = "ssr")]
pub mod language;
pub mod mail;
pub mod profile;
#[cfg(feature = "ssr")]
pub mod state;

pub use routes::{shell, App};

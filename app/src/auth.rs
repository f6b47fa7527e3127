//! Accounts: the sign-in and sign-up pages and their server functions.

pub use model::auth::*;

pub mod api;
pub mod context;
pub mod follow;
#[cfg(feature = "ssr")]
pub mod page_gate;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod session;
pub mod top_bar;
#[cfg(feature = "ssr")]
pub mod viewer;

//! What mail adds to the pages: the links mails carry (`/mail/{token}`),
//! "Forgot your password?", the page after sign-up, and the admins'
//! outbox. The mails themselves are `domain::mail`'s.

pub mod api;
#[cfg(feature = "ssr")]
pub mod links;
pub mod outbox_page;
pub mod pages;

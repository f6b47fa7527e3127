//! Email (PRODUCT.md §5). Every mail is a row of the outbox, written in the
//! transaction of the change that causes it ([`notify`]); a worker sends
//! the rows over SMTP with retries ([`send`]), composing each from the
//! translation files in the recipient's language ([`compose`]). Links in
//! mails are single-use tokens ([`links`]). Mail received lands in cases
//! ([`inbound`]).

pub mod compose;
pub mod imap;
pub mod inbound;
pub mod links;
pub mod notify;
pub mod outbox;
pub mod send;
#[cfg(any(test, feature = "test-support"))]
pub mod testing;
#[cfg(test)]
mod tests;
pub(crate) mod words;

pub use compose::{Notice, Site};

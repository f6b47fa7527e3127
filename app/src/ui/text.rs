//! Translated text that follows the language switch, as one view type.
//!
//! `t!` makes a closure type of its own at every use, and each type costs
//! its own copy of Leptos's rendering code in the wasm (about a kilobyte).
//! `tr!` gives every plain text the same type: the context and a function
//! from the language to the key's text.

use super::labels::I18n;
use crate::i18n::Locale;

/// The text `key` gives in the page's language, re-read when it changes.
pub fn text(
    i18n: I18n,
    key: fn(Locale) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || key(i18n.get_locale())
}

//! Translated text that follows the language switch, as one view type.
//!
//! `t!` makes a closure type of its own at every use, and each type costs
//! its own copy of Leptos's rendering code in the wasm (about a kilobyte).
//! `tr!` gives every plain text the same type: the context and a function
//! from the language to the key's text. `tr_with!` does the same for a
//! sentence with one value in it, written `%name%` in the translation files.

use leptos::prelude::*;

use super::labels::I18n;
use crate::i18n::Locale;

/// The text `key` gives in the page's language, re-read when it changes.
pub fn text(
    i18n: I18n,
    key: fn(Locale) -> &'static str,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || key(i18n.get_locale())
}

/// The sentence `key` gives in the page's language with `%name%` replaced
/// by `value`, re-read when the language changes.
pub fn with_value(
    i18n: I18n,
    key: fn(Locale) -> &'static str,
    name: &'static str,
    value: String,
) -> AnyView {
    (move || fill(key(i18n.get_locale()), &[(name, value.as_str())])).into_any()
}

/// `template` with each `%name%` replaced by its value.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    args.iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("%{name}%"), value)
        })
}

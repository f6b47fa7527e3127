//! Locale tags and the not-found page.

use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::title::PageTitle;

/// The locale of a language tag (`en`, `es`, `fr`).
pub fn locale_of(tag: &str) -> Option<Locale> {
    match tag {
        "en" => Some(Locale::en),
        "es" => Some(Locale::es),
        "fr" => Some(Locale::fr),
        _ => None,
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    super::status::set_not_found();
    view! {
        <PageTitle text=move || t_string!(i18n, errors.not_found).to_string() />
        <h1>{tr!(i18n, errors.not_found)}</h1>
        <p><a href="/">{tr!(i18n, article.back)}</a></p>
    }
}

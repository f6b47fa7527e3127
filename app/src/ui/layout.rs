//! The language switch and the not-found page.

use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::title::PageTitle;

/// Changes the language at once; the choice is kept in a cookie.
#[component]
pub fn LanguageSwitch(
    /// Told the language chosen (to keep it in a signed-in person's profile).
    #[prop(optional)]
    on_pick: Option<Callback<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev| {
        let value = event_target_value(&ev);
        i18n.set_locale(locale_of(&value).unwrap_or(Locale::en));
        if let Some(pick) = on_pick {
            pick.run(value);
        }
    };
    let current = move || match i18n.get_locale() {
        Locale::en => "en",
        Locale::es => "es",
        Locale::fr => "fr",
    };
    view! {
        <label class="language">
            <span class="visually-hidden">{t!(i18n, nav.language)}</span>
            <select on:change=on_change prop:value=current>
                <option value="en" selected=move || current() == "en" lang="en">{t!(i18n, languages.en)}</option>
                <option value="es" selected=move || current() == "es" lang="es">{t!(i18n, languages.es)}</option>
                <option value="fr" selected=move || current() == "fr" lang="fr">{t!(i18n, languages.fr)}</option>
            </select>
        </label>
    }
}

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
        <h1>{t!(i18n, errors.not_found)}</h1>
        <p><a href="/">{t!(i18n, article.back)}</a></p>
    }
}

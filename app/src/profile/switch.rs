//! The language switch of every page. Once the wasm runs, choosing changes
//! the page at once; before that (or without JavaScript) it is a plain form
//! whose button sets the language and comes back to the same page (the
//! stylesheet hides the button once the page is hydrated). Plain, not an
//! `ActionForm`: the hydrated switch never submits it, and an `ActionForm`
//! in the shell brings the form decoder (serde_qs) to every first load.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_location;

use super::api::{switch_language, SwitchLanguage};
use crate::i18n::*;
use crate::ui::layout::locale_of;

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let here = move || {
        let (path, query) = (location.pathname.get(), location.search.get());
        if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        }
    };
    let on_change = move |ev| {
        let language = event_target_value(&ev);
        i18n.set_locale(locale_of(&language).unwrap_or(Locale::en));
        // The cookie and the profile follow; nothing on the page waits for
        // them, so a plain call rather than an action (whose code every
        // first load would carry).
        leptos::task::spawn_local(async move {
            let _ = switch_language(language, None).await;
        });
    };
    let current = move || match i18n.get_locale() {
        Locale::en => "en",
        Locale::es => "es",
        Locale::fr => "fr",
    };
    view! {
        <form method="post" action=SwitchLanguage::url() class="language">
            <input type="hidden" name="next" value=here />
            <label for="language-switch" class="visually-hidden">{tr!(i18n, nav.language)}</label>
            <select id="language-switch" name="language" on:change=on_change prop:value=current>
                <option value="en" selected=move || current() == "en" lang="en">{tr!(i18n, languages.en)}</option>
                <option value="es" selected=move || current() == "es" lang="es">{tr!(i18n, languages.es)}</option>
                <option value="fr" selected=move || current() == "fr" lang="fr">{tr!(i18n, languages.fr)}</option>
            </select>
            <button type="submit" class="language-go">{tr!(i18n, nav.change_language)}</button>
        </form>
    }
}

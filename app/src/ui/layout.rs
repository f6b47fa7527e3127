//! The top bar of every page and the not-found page.

use leptos::prelude::*;
use leptos_router::components::A;

use super::app::use_auth;
use crate::i18n::*;
use crate::ui::title::PageTitle;

#[component]
pub fn TopBar() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let user = move || auth.user.get().and_then(|r| r.ok()).flatten();
    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <header class="top-bar">
            <a class="brand" href="/">{t!(i18n, app_name)}</a>
            <nav aria-label=move || t_string!(i18n, nav.label)>
                <A href="/">{t!(i18n, nav.questions_and_answers)}</A>
                <A href="/cases">{t!(i18n, nav.write_to_us)}</A>
                <Transition>
                    {move || {
                        user()
                            .filter(|u| u.role.is_staff())
                            .map(|_| view! { <A href="/staff">{t!(i18n, nav.staff)}</A> })
                    }}
                </Transition>
            </nav>
            <div class="account">
                <Transition>
                    {move || match user() {
                        Some(u) => {
                            let name = u.name.clone();
                            view! {
                                <span class="who">{t!(i18n, nav.signed_in_as, name = move || name.clone())}</span>
                                <ActionForm action=auth.sign_out attr:class="inline">
                                    <button type="submit" class="link-button">{t!(i18n, nav.sign_out)}</button>
                                </ActionForm>
                            }
                                .into_any()
                        }
                        None => {
                            view! {
                                <A href="/signin">{t!(i18n, nav.sign_in)}</A>
                                <A href="/signup">{t!(i18n, nav.sign_up)}</A>
                            }
                                .into_any()
                        }
                    }}
                </Transition>
                <LanguageSwitch />
            </div>
        </header>
    }
}

/// Changes the language at once; the choice is kept in a cookie.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev| {
        let locale = match event_target_value(&ev).as_str() {
            "es" => Locale::es,
            "fr" => Locale::fr,
            _ => Locale::en,
        };
        i18n.set_locale(locale);
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

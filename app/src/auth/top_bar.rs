//! The top bar of every page: the site's sections, who is signed in (with
//! "Sign out"), and the language switch.

use leptos::prelude::*;
use leptos_router::components::A;

use super::context::use_auth;
use crate::i18n::*;
use crate::profile::switch::LanguageSwitch;
use crate::ui::layout::locale_of;

#[component]
pub fn TopBar() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let user = move || auth.user.get().and_then(|r| r.ok()).flatten();
    // The profile's language wins over the browser's, once the person is known.
    Effect::new(move |_| {
        let own = user().filter(|u| u.following.is_none());
        if let Some(locale) = own.and_then(|u| locale_of(u.language.as_str())) {
            if i18n.get_locale_untracked() != locale {
                i18n.set_locale(locale);
            }
        }
    });
    view! {
        <a class="skip-link" href="#main">{tr!(i18n, skip_to_content)}</a>
        <header class="top-bar">
            <a class="brand" href="/">{tr!(i18n, app_name)}</a>
            <nav aria-label=tr!(i18n, nav.label)>
                <A href="/">{tr!(i18n, nav.questions_and_answers)}</A>
                <A href="/cases">{tr!(i18n, nav.write_to_us)}</A>
                <Transition>
                    {move || {
                        user()
                            .filter(|u| u.role.is_staff())
                            .map(|_| view! { <A href="/staff">{tr!(i18n, nav.staff)}</A> })
                    }}
                </Transition>
            </nav>
            <div class="account">
                <Transition>
                    {move || match user() {
                        Some(u) if u.following.is_some() => {
                            let number = u.following.unwrap_or_default();
                            view! {
                                <span class="who">{t!(i18n, follow.following, number = move || number)}</span>
                                <ActionForm action=auth.sign_out attr:class="inline">
                                    <button type="submit" class="link-button">{tr!(i18n, nav.sign_out)}</button>
                                </ActionForm>
                            }
                                .into_any()
                        }
                        Some(u) => {
                            let name = u.name.clone();
                            let photo = u.photo_url().map(|src| view! {
                                <img class="avatar" src=src alt="" width="28" height="28" />
                            });
                            view! {
                                {photo}
                                <span class="who">{t!(i18n, nav.signed_in_as, name = move || name.clone())}</span>
                                <A href="/profile">{tr!(i18n, profile.nav)}</A>
                                <ActionForm action=auth.sign_out attr:class="inline">
                                    <button type="submit" class="link-button">{tr!(i18n, nav.sign_out)}</button>
                                </ActionForm>
                            }
                                .into_any()
                        }
                        None => {
                            view! {
                                <A href="/signin">{tr!(i18n, nav.sign_in)}</A>
                                <A href="/signup">{tr!(i18n, nav.sign_up)}</A>
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

//! The top bar of every page: the site's sections, who is signed in (with
//! "Sign out"), and the language switch.

use leptos::prelude::*;
use leptos_router::components::A;

use super::context::use_auth;
use crate::i18n::*;
use crate::ui::layout::LanguageSwitch;

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

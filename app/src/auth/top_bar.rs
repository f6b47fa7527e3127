//! The top bar of every page: the site's sections, who is signed in (with
//! "Sign out"), and the language switch. "Sign out" is a plain form: the
//! server ends the session and sends the browser to the home page, which
//! loads afresh (an `ActionForm` here would bring the form decoder,
//! serde_qs, to every first load).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::components::A;

use super::api::SignOut;
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
    // One closure and optional parts rather than a view per case: each
    // view type adds its own rendering code to every visitor's first load.
    let bar = move || {
        let user = user();
        let following = user.as_ref().and_then(|u| u.following);
        let own = user.as_ref().filter(|u| u.following.is_none());
        let staff = user
            .as_ref()
            .filter(|u| u.role.is_staff())
            .map(|_| view! { <A href="/staff">{tr!(i18n, nav.staff)}</A> });
        let photo = own.and_then(|u| u.photo_url()).map(|src| {
            view! { <img class="avatar" src=src alt="" width="28" height="28" /> }
        });
        let who = match (following, own) {
            (Some(number), _) => Some(tr_with!(i18n, follow.following, number = number)),
            (None, Some(u)) => Some(tr_with!(i18n, nav.signed_in_as, name = u.name)),
            (None, None) => None,
        };
        let signed_in = user.is_some();
        view! {
            <nav aria-label=tr!(i18n, nav.label)>
                <A href="/">{tr!(i18n, nav.questions_and_answers)}</A>
                <A href="/cases">{tr!(i18n, nav.write_to_us)}</A>
                {staff}
            </nav>
            <div class="account">
                {photo}
                {who.map(|who| view! { <span class="who">{who}</span> })}
                {own.is_some().then(|| view! { <A href="/profile">{tr!(i18n, profile.nav)}</A> })}
                {signed_in.then(|| view! {
                    <form method="post" action=SignOut::url() class="inline">
                        <button type="submit" class="link-button">{tr!(i18n, nav.sign_out)}</button>
                    </form>
                })}
                {(!signed_in).then(|| view! {
                    <A href="/signin">{tr!(i18n, nav.sign_in)}</A>
                    <A href="/signup">{tr!(i18n, nav.sign_up)}</A>
                })}
                <LanguageSwitch />
            </div>
        }
    };
    view! {
        <a class="skip-link" href="#main">{tr!(i18n, skip_to_content)}</a>
        <header class="top-bar">
            <a class="brand" href="/">{tr!(i18n, app_name)}</a>
            <Transition>{bar}</Transition>
        </header>
    }
}

//! Sign-in and sign-up pages.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::auth::api::{SignIn, SignUp};
use crate::auth::context::use_auth;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::forms::{invalid, last_error, EmailInput, FieldError, FormError};
use crate::ui::title::PageTitle;
use crate::validate::{Field, EMAIL_MAX, NAME_MAX, PASSWORD_MAX};

/// The page to return to after signing in, from `?next=`.
fn next_param() -> impl Fn() -> String + Copy {
    let query = use_query_map();
    move || query.read().get("next").unwrap_or_default()
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = use_auth().action::<SignIn>();
    let error = last_error(action.value());
    let next = next_param();
    let signup_href = move || format!("/signup?next={}", urlencoding::encode(&next()));
    view! {
        <PageTitle text=move || t_string!(i18n, auth.sign_in_title).to_string() />
        <section class="auth-card">
            <h1>{tr!(i18n, auth.sign_in_title)}</h1>
            <Show when=move || !next().is_empty()>
                <p class="notice">{tr!(i18n, auth.sign_in_needed)}</p>
            </Show>
            <ActionForm action>
                <input type="hidden" name="next" prop:value=next />
                <label for="signin-email">{tr!(i18n, auth.email)}</label>
                <input id="signin-email" name="email" type="email" autocomplete="email" required
                    maxlength=EMAIL_MAX />
                <label for="signin-password">{tr!(i18n, auth.password)}</label>
                <input id="signin-password" name="password" type="password"
                    autocomplete="current-password" required maxlength=PASSWORD_MAX />
                <FormError error />
                <button type="submit" class="primary">{tr!(i18n, auth.submit_sign_in)}</button>
            </ActionForm>
            <p><a href="/forgot">{tr!(i18n, mail.forgot_link)}</a></p>
            <p>{tr!(i18n, auth.no_account)} " " <a href=signup_href>{tr!(i18n, nav.sign_up)}</a></p>
        </section>
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = use_auth().action::<SignUp>();
    let error = last_error(action.value());
    let next = next_param();
    let signin_href = move || format!("/signin?next={}", urlencoding::encode(&next()));
    view! {
        <PageTitle text=move || t_string!(i18n, auth.sign_up_title).to_string() />
        <section class="auth-card">
            <h1>{tr!(i18n, auth.sign_up_title)}</h1>
            <ActionForm action>
                <label for="signup-name">{tr!(i18n, auth.name)}</label>
                <input id="signup-name" name="name" autocomplete="name" required maxlength=NAME_MAX
                    aria-describedby="signup-name-error" aria-invalid=invalid(error, Field::Name) />
                <FieldError id="signup-name-error" field=Field::Name error />
                <label for="signup-email">{tr!(i18n, auth.email)}</label>
                <EmailInput id="signup-email" error />
                <label for="signup-password">{tr!(i18n, auth.password)}</label>
                <NewPasswordInput id="signup-password" error />
                <FormError error />
                <button type="submit" class="primary">{tr!(i18n, auth.submit_sign_up)}</button>
            </ActionForm>
            <p>{tr!(i18n, auth.have_account)} " " <a href=signin_href>{tr!(i18n, nav.sign_in)}</a></p>
        </section>
    }
}

/// A new password's input, its length hint and its error (`id` is the
/// input's; the label is the caller's).
#[component]
pub fn NewPasswordInput(id: &'static str, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let hint = format!("{id}-hint");
    let error_id = format!("{id}-error");
    view! {
        <input id=id name="password" type="password" autocomplete="new-password" required
            maxlength=PASSWORD_MAX aria-describedby=format!("{hint} {error_id}")
            aria-invalid=invalid(error, Field::Password) />
        <p class="hint" id=hint>{tr!(i18n, auth.password_hint)}</p>
        <FieldError id=error_id field=Field::Password error />
    }
}

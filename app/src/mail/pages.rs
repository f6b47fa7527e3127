//! Pages around mailed links: "Forgot your password?", the new-password
//! form, the page after sign-up, the page a link lands on, and the notice
//! that asks an unverified person to confirm their address.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use super::api::{
    check_reset_link, resend_verification, ForgotPassword, ResendVerification, ResetPassword,
};
use crate::auth::context::use_auth;
use crate::auth::pages::NewPasswordInput;
use crate::i18n::*;
use crate::ui::forms::{last_error, EmailInput, ErrorNotice, FormError};
use crate::ui::title::PageTitle;

fn query(name: &'static str) -> impl Fn() -> String + Copy {
    let q = use_query_map();
    move || q.read().get(name).unwrap_or_default()
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ForgotPassword>::new();
    let error = last_error(action.value());
    let sent_param = query("sent");
    let sent = move || !sent_param().is_empty() || matches!(action.value().get(), Some(Ok(())));
    view! {
        <PageTitle text=move || t_string!(i18n, mail.forgot_title).to_string() />
        <section class="auth-card">
            <h1>{tr!(i18n, mail.forgot_title)}</h1>
            <Show when=sent fallback=move || view! {
                <p>{tr!(i18n, mail.forgot_intro)}</p>
                <ActionForm action>
                    <label for="forgot-email">{tr!(i18n, auth.email)}</label>
                    <EmailInput id="forgot-email" error />
                    <FormError error />
                    <button type="submit" class="primary">{tr!(i18n, mail.forgot_submit)}</button>
                </ActionForm>
            }>
                <p class="notice success" role="status">{tr!(i18n, mail.forgot_sent)}</p>
            </Show>
            <p><a href="/signin">{tr!(i18n, nav.sign_in)}</a></p>
        </section>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ResetPassword>::new();
    let error = last_error(action.value());
    let token = query("token");
    // Signed in by the reset: the top bar learns who it is now.
    let auth = use_auth();
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(()))) {
            auth.user.refetch();
        }
    });
    let valid = crate::ui::data::resource(token, check_reset_link);
    view! {
        <PageTitle text=move || t_string!(i18n, mail.reset_title).to_string() />
        <section class="auth-card">
            <h1>{tr!(i18n, mail.reset_title)}</h1>
            <Suspense>
                {move || Suspend::new(async move {
                    match valid.await {
                        Ok(()) => view! {
                            <ActionForm action>
                                <input type="hidden" name="token" prop:value=token />
                                <label for="reset-password">{tr!(i18n, mail.new_password)}</label>
                                <NewPasswordInput id="reset-password" error />
                                <FormError error />
                                <button type="submit" class="primary">{tr!(i18n, mail.reset_submit)}</button>
                            </ActionForm>
                        }
                        .into_any(),
                        Err(error) => view! {
                            <ErrorNotice error />
                            <p><a href="/forgot">{tr!(i18n, mail.forgot_again)}</a></p>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// After "Create account": the same page whether the address was new or
/// already had an account.
#[component]
pub fn CheckEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, mail.check_title).to_string() />
        <section class="auth-card">
            <h1>{tr!(i18n, mail.check_title)}</h1>
            <p>{tr!(i18n, mail.check_intro)}</p>
            <p><a href="/signin">{tr!(i18n, nav.sign_in)}</a></p>
        </section>
    }
}

/// Where a mailed link lands: `?m=` says what it did.
#[component]
pub fn LinkPage() -> impl IntoView {
    let i18n = use_i18n();
    let m = query("m");
    let case = query("case");
    let message = move || match m().as_str() {
        "verified" => tr!(i18n, mail.link_verified).into_any(),
        "password" => tr!(i18n, mail.link_password).into_any(),
        "closed" => t!(i18n, mail.link_closed, number = case).into_any(),
        "kept" => t!(i18n, mail.link_kept, number = case).into_any(),
        "invalid" => tr!(i18n, errors.link_invalid).into_any(),
        "email_changed" => tr!(i18n, mail.link_email_changed).into_any(),
        "email_taken" => tr!(i18n, mail.link_email_taken).into_any(),
        _ => tr!(i18n, errors.internal).into_any(),
    };
    let ok = move || {
        matches!(
            m().as_str(),
            "verified" | "password" | "closed" | "kept" | "email_changed"
        )
    };
    let back = move || {
        let n = case();
        if n.is_empty() {
            "/cases".to_owned()
        } else {
            format!("/cases/{n}")
        }
    };
    view! {
        <PageTitle text=move || t_string!(i18n, mail.link_title).to_string() />
        <section class="auth-card">
            <h1>{tr!(i18n, mail.link_title)}</h1>
            <p class="notice" class:success=ok class:error=move || !ok() role="status">{message}</p>
            <p><a href=back>{tr!(i18n, mail.link_continue)}</a></p>
        </section>
    }
}

/// For a signed-in person whose address is not confirmed: why some cases
/// may be missing, and a button to get the link again. A plain form that
/// the hydrated page sends itself with a plain call: "My cases" then
/// carries neither `ActionForm`'s form decoder (serde_qs) nor an action's
/// code.
#[component]
pub fn VerifyNotice() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let sent = RwSignal::new(false);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        leptos::task::spawn_local(async move {
            if resend_verification().await.is_ok() {
                sent.set(true);
            }
        });
    };
    let unverified = move || {
        auth.user
            .get()
            .and_then(|r| r.ok())
            .flatten()
            .is_some_and(|u| !u.verified)
    };
    view! {
        <Transition>
            <Show when=unverified>
                <div class="notice" role="note">
                    <p>{tr!(i18n, mail.unverified)}</p>
                    <Show when=move || sent.get() fallback=move || view! {
                        <form method="post" action=ResendVerification::url() class="inline" on:submit=on_submit>
                            <button type="submit">{tr!(i18n, mail.resend)}</button>
                        </form>
                    }>
                        <p role="status">{tr!(i18n, mail.resent)}</p>
                    </Show>
                </div>
            </Show>
        </Transition>
    }
}

//! "Follow a case" for people without an account: the form that mails a
//! link. The link (`/mail/{token}`) opens a session that sees that case
//! alone; `domain::auth::follow` decides.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::error::AppError;
use crate::i18n::*;
use crate::ui::forms::{invalid, last_error, EmailInput, FieldError, FormError};
use crate::ui::title::PageTitle;
use crate::validate::Field;

/// Mails a follow link when the pair matches; the same answer either way.
#[server(prefix = "/api", endpoint = "follow")]
pub async fn follow_case(number: String, email: String) -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let lang = crate::language::request_language();
        domain::auth::follow::request(&state.db, &number, &email, lang).await?;
        leptos_axum::redirect("/follow?sent=1");
        Ok(())
    };
    respond(run.await)
}

#[component]
pub fn FollowPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<FollowCase>::new();
    let error = last_error(action.value());
    let q = use_query_map();
    let sent =
        move || q.read().get("sent").is_some() || matches!(action.value().get(), Some(Ok(())));
    view! {
        <PageTitle text=move || t_string!(i18n, follow.title).to_string() />
        <section class="auth-card">
            <h1>{tr!(i18n, follow.title)}</h1>
            <Show when=sent fallback=move || view! {
                <p>{tr!(i18n, follow.intro)}</p>
                <ActionForm action>
                    <label for="follow-number">{tr!(i18n, follow.number)}</label>
                    <input id="follow-number" name="number" inputmode="numeric" required maxlength="20"
                        aria-describedby="follow-number-error" aria-invalid=invalid(error, Field::Number) />
                    <FieldError id="follow-number-error" field=Field::Number error />
                    <label for="follow-email">{tr!(i18n, follow.email)}</label>
                    <EmailInput id="follow-email" error />
                    <FormError error />
                    <button type="submit" class="primary">{tr!(i18n, follow.submit)}</button>
                </ActionForm>
            }>
                <p class="notice success" role="status">{tr!(i18n, follow.sent)}</p>
            </Show>
        </section>
    }
}

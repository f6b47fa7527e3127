//! Server functions for password reset, verification and the outbox.

use leptos::prelude::*;
use model::mail::OutboxEntry;

use crate::error::AppError;

/// "Forgot your password?": the same answer whether or not the address has
/// an account.
#[server(prefix = "/api", endpoint = "auth/forgot")]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let client = crate::auth::session::client_addr();
        domain::auth::gate::request_password_reset(&state.db, &email, client).await?;
        leptos_axum::redirect("/forgot?sent=1");
        Ok(())
    };
    respond(run.await)
}

/// Whether a reset link still works, so the page says so before asking.
#[server(prefix = "/api", endpoint = "auth/reset-check")]
pub async fn check_reset_link(token: String) -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        domain::auth::accounts::check_reset_link(&state.db, &token).await
    };
    respond(run.await)
}

/// Sets the new password and signs in here; every other session ends.
#[server(prefix = "/api", endpoint = "auth/reset")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let person = domain::auth::accounts::reset_password(&state.db, &token, &password).await?;
        session::start(&state, &person).await?;
        leptos_axum::redirect("/link?m=password");
        Ok(())
    };
    respond(run.await)
}

/// Sends the signed-in person a new verification link.
#[server(prefix = "/api", endpoint = "auth/resend-verification")]
pub async fn resend_verification() -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let person = session::person(&state).await?;
        domain::auth::accounts::resend_verification(&state.db, &person).await
    };
    respond(run.await)
}

/// The newest mails (admins), optionally of one status.
#[server(prefix = "/api", endpoint = "mail/outbox")]
pub async fn outbox(status: Option<String>) -> Result<Vec<OutboxEntry>, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    use model::mail::MailStatus;
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        let status = status.as_deref().and_then(MailStatus::parse);
        let site = &state.settings.mail_site;
        domain::mail::outbox::list(&state.db, &admin, site, status, 200).await
    };
    respond(run.await)
}

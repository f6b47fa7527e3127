//! Server functions for accounts.

use leptos::prelude::*;

use super::User;
use crate::error::AppError;

/// Where to go after signing in: only a path on this site, so the form
/// cannot be used to send people elsewhere. Only a strict set of
/// characters passes: browsers drop tabs and new lines from URLs
/// (`/\t/evil.example` is `//evil.example`), and a header cannot carry them.
pub fn safe_next(next: Option<&str>) -> String {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "/-_.~?=&%+#,:".contains(c);
    match next {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && p.len() <= 512
                && p.chars().all(allowed) =>
        {
            p.to_owned()
        }
        _ => "/cases".to_owned(),
    }
}

#[server(prefix = "/api", endpoint = "auth/me")]
pub async fn current_user() -> Result<Option<User>, AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let actor = super::session::actor(&state).await?;
        Ok(actor.user().cloned())
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "auth/sign_up")]
pub async fn sign_up(name: String, email: String, password: String) -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    // Not signed in yet: the mailed link confirms the address and signs in.
    // The answer is the same when the address already has an account.
    let run = async {
        let state = app_state()?;
        let language = crate::language::request_language();
        let client = super::session::client_addr();
        domain::auth::gate::sign_up(&state.db, &name, &email, &password, language, client).await?;
        leptos_axum::redirect("/signup/sent");
        Ok(())
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "auth/sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use super::session;
    use crate::state::{app_state, respond};
    use domain::auth::gate;
    let run = async {
        let state = app_state()?;
        let client = session::client_addr();
        let person = gate::sign_in(&state.db, &email, &password, client).await?;
        session::start(&state, &person).await?;
        let fallback = if person.is_staff() {
            "/staff"
        } else {
            "/cases"
        };
        let target = next
            .as_deref()
            .map_or(fallback.to_owned(), |n| safe_next(Some(n)));
        leptos_axum::redirect(&target);
        Ok(())
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "auth/sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        super::session::end(&state).await?;
        leptos_axum::redirect("/");
        Ok(())
    };
    respond(run.await)
}

/// "Sign out everywhere": every session of the account ends, this one too.
#[server(prefix = "/api", endpoint = "auth/sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        super::session::end_everywhere(&state).await?;
        leptos_axum::redirect("/signin");
        Ok(())
    };
    respond(run.await)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/cases/1001")), "/cases/1001");
        assert_eq!(safe_next(Some("//evil.example")), "/cases");
        assert_eq!(safe_next(Some("https://evil.example")), "/cases");
        assert_eq!(safe_next(Some("/\\evil.example")), "/cases");
        assert_eq!(safe_next(Some("/\t/evil.example")), "/cases");
        assert_eq!(safe_next(Some("/cases\r\nSet-Cookie: a=b")), "/cases");
        assert_eq!(
            safe_next(Some("/cases?status=new&q=caf%C3%A9")),
            "/cases?status=new&q=caf%C3%A9"
        );
        assert_eq!(safe_next(None), "/cases");
    }
}

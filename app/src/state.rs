//! What every request handler can reach: settings, the database, and helpers
//! that server functions use to find them and to answer with the right status.

use axum::extract::FromRef;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use crate::error::AppError;
use domain::db::Db;

/// The header that marks a 500 as ours (logged, generic message) rather than
/// a request the framework could not read; see the server's status mapping.
pub const INTERNAL_ERROR_HEADER: &str = "x-helpdesk-internal-error";

#[derive(Clone, Debug)]
pub struct Settings {
    /// Mark the session cookie `Secure` (the site is served over HTTPS).
    pub secure_cookies: bool,
    /// How long a session lasts without signing in again.
    pub session_days: i64,
    /// How long cases wait on the customer before closing by themselves.
    pub auto_close: domain::cases::lifecycle::AutoClose,
    /// Files per message and bytes per message.
    pub uploads: model::files::UploadLimits,
    /// Where links in mails point.
    pub mail_site: domain::mail::Site,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            session_days: 30,
            auto_close: Default::default(),
            uploads: Default::default(),
            mail_site: domain::mail::Site {
                public_url: "http://127.0.0.1:3000".into(),
            },
        }
    }
}

#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub settings: Settings,
    pub files: domain::files::store::Files,
    /// Changes to cases, for the live-update stream.
    pub live: domain::cases::changes::Feed,
}

/// The state given to the request; missing only if the server was wired wrong.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the request context");
        AppError::Internal
    })
}

/// Gives an error its HTTP status, so a refused request is a 4xx and never
/// a 500; a server function passes its result through this on the way out.
///
/// A plain form post (no JavaScript yet, `Accept: text/html`) is left alone:
/// Leptos answers it with a redirect back to the form.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let (Err(err), false) = (&result, plain_form_post()) {
        if let Some(res) = use_context::<ResponseOptions>() {
            res.set_status(err.status());
            if let Some(seconds) = err.retry_after() {
                res.insert_header(http::header::RETRY_AFTER, seconds.into());
            }
            if *err == AppError::Internal {
                res.insert_header(
                    http::HeaderName::from_static(INTERNAL_ERROR_HEADER),
                    http::HeaderValue::from_static("1"),
                );
            }
        }
    }
    result
}

fn plain_form_post() -> bool {
    use_context::<http::request::Parts>().is_some_and(|p| {
        p.headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    })
}

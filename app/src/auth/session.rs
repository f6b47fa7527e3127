//! Server-side sessions: a random token in an HttpOnly cookie, its SHA-256 in
//! the database, and "who is asking" for every server function.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use http::header::{COOKIE, SET_COOKIE};
use http::HeaderValue;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::{store, User};
use crate::error::AppError;
use crate::state::AppState;

pub const COOKIE_NAME: &str = "hd_session";
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

/// The session token the browser sent, if any.
fn request_token() -> Option<String> {
    token_in(&use_context::<http::request::Parts>()?.headers)
}

fn token_in(headers: &http::HeaderMap) -> Option<String> {
    cookie(headers, COOKIE_NAME)
}

/// The value of cookie `name` in a request's headers.
pub fn cookie(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_owned())
}

pub(crate) fn served_over_https(state: &AppState) -> bool {
    state.settings.secure_cookies
        || use_context::<http::request::Parts>().is_some_and(|p| {
            p.headers
                .get("x-forwarded-proto")
                .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"))
        })
}

pub(crate) fn set_cookie(value: String) {
    if let (Some(res), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&value),
    ) {
        res.append_header(SET_COOKIE, value);
    }
}

/// The signed-in user, or `None` for a visitor or an expired session.
pub async fn current_user(state: &AppState) -> Result<Option<User>, AppError> {
    match use_context::<http::request::Parts>() {
        Some(parts) => user_from_headers(state, &parts.headers).await,
        None => Ok(None),
    }
}

/// The signed-in user for a plain axum handler (outside Leptos's context).
pub async fn user_from_headers(
    state: &AppState,
    headers: &http::HeaderMap,
) -> Result<Option<User>, AppError> {
    match token_in(headers) {
        Some(token) => store::user_for_session(&state.db, &token_hash(&token)).await,
        None => Ok(None),
    }
}

pub async fn require_user(state: &AppState) -> Result<User, AppError> {
    current_user(state).await?.ok_or(AppError::SignInRequired)
}

/// Signs `user` in with a brand-new session id (never reusing one the
/// browser brought, which would allow session fixation).
pub async fn start(state: &AppState, user: &User) -> Result<(), AppError> {
    let old = request_token().map(|t| token_hash(&t));
    let token = new_token();
    let max_age_ms = state.settings.session_days * DAY_MS;
    store::insert_session(
        &state.db,
        old.as_deref(),
        &token_hash(&token),
        user.id,
        state.db.now() + max_age_ms,
    )
    .await?;
    let secure = if served_over_https(state) {
        "; Secure"
    } else {
        ""
    };
    set_cookie(format!(
        "{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        max_age_ms / 1000
    ));
    Ok(())
}

/// Deletes the session on the server and the cookie in the browser.
pub async fn end(state: &AppState) -> Result<(), AppError> {
    if let Some(token) = request_token() {
        store::delete_session(&state.db, &token_hash(&token)).await?;
    }
    set_cookie(format!(
        "{COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
    ));
    Ok(())
}

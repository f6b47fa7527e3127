//! The session cookie: an HttpOnly cookie holding the token of a session
//! the accounts module keeps, turned into the typed actor every service
//! takes. Only translation here; `domain::auth::accounts` decides.

use domain::auth::{accounts, Actor, Admin, Person, Staff};
use http::header::{COOKIE, SET_COOKIE};
use http::HeaderValue;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use crate::error::AppError;
use crate::state::AppState;

pub const COOKIE_NAME: &str = "hd_session";

/// The session token the browser sent, if any.
pub fn current_token() -> Option<String> {
    request_token()
}

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
    match use_context::<http::request::Parts>() {
        Some(p) => https_in(state, &p.headers),
        None => state.settings.secure_cookies,
    }
}

/// Served over HTTPS: by setting, or as a proxy in front says.
fn https_in(state: &AppState, headers: &http::HeaderMap) -> bool {
    state.settings.secure_cookies
        || headers
            .get("x-forwarded-proto")
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"))
}

pub(crate) fn set_cookie(value: String) {
    if let (Some(res), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&value),
    ) {
        res.append_header(SET_COOKIE, value);
    }
}

/// Who is asking this server function: a visitor or a signed-in person
/// (as the request's middleware found them, else from the session).
pub async fn actor(state: &AppState) -> Result<Actor, AppError> {
    if let Some(viewer) = super::viewer::request_viewer() {
        return Ok(viewer.actor);
    }
    match use_context::<http::request::Parts>() {
        Some(parts) => actor_from_headers(state, &parts.headers).await,
        None => Ok(Actor::Visitor),
    }
}

/// Who is asking, for a plain axum handler (outside Leptos's context).
pub async fn actor_from_headers(
    state: &AppState,
    headers: &http::HeaderMap,
) -> Result<Actor, AppError> {
    match token_in(headers) {
        Some(token) => accounts::actor_for_session(&state.db, &token).await,
        None => Ok(Actor::Visitor),
    }
}

/// Signs `person` in with a brand-new session.
pub async fn start(state: &AppState, person: &Person) -> Result<(), AppError> {
    let cookie = new_session_cookie(
        state,
        person,
        request_token().as_deref(),
        served_over_https(state),
    )
    .await?;
    set_cookie(cookie);
    // Their own language from now on, over the browser's.
    crate::language::set_cookie(person.language);
    Ok(())
}

/// Signs `person` in from a plain axum handler: the `Set-Cookie` value.
pub async fn start_from_headers(
    state: &AppState,
    headers: &http::HeaderMap,
    person: &Person,
) -> Result<String, AppError> {
    let https = https_in(state, headers);
    new_session_cookie(state, person, token_in(headers).as_deref(), https).await
}

async fn new_session_cookie(
    state: &AppState,
    person: &Person,
    replacing: Option<&str>,
    https: bool,
) -> Result<String, AppError> {
    let days = state.settings.session_days;
    let token = accounts::start_session(&state.db, person, replacing, days).await?;
    Ok(session_cookie(&token, days, https))
}

/// The `Set-Cookie` value of a session `token` made elsewhere (a follow
/// link's), lasting `days`.
pub fn cookie_for(state: &AppState, headers: &http::HeaderMap, token: &str, days: i64) -> String {
    session_cookie(token, days, https_in(state, headers))
}

fn session_cookie(token: &str, days: i64, https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!(
        "{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        days * 24 * 60 * 60
    )
}

/// Ends the session on the server and the cookie in the browser.
pub async fn end(state: &AppState) -> Result<(), AppError> {
    if let Some(token) = request_token() {
        accounts::end_session(&state.db, &token).await?;
    }
    set_cookie(format!(
        "{COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
    ));
    Ok(())
}

/// The signed-in person asking, or `SignInRequired`.
pub async fn person(state: &AppState) -> Result<Person, AppError> {
    actor(state).await?.person().cloned()
}

/// Staff asking, or `SignInRequired` / `Forbidden`.
pub async fn staff(state: &AppState) -> Result<Staff, AppError> {
    actor(state).await?.staff()
}

/// An admin asking, or `SignInRequired` / `Forbidden`.
pub async fn admin(state: &AppState) -> Result<Admin, AppError> {
    actor(state).await?.admin()
}

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

/// The session cookie's name over plain HTTP on a loopback address (a
/// developer's machine, the tests).
pub const COOKIE_NAME: &str = "hd_session";
/// Its name everywhere else: browsers take a `__Host-` cookie only when it
/// is Secure, for the whole site, from this host alone (no other
/// subdomain can plant or overwrite it).
pub const HOST_COOKIE_NAME: &str = "__Host-hd_session";

/// The session token the browser sent, if any.
pub fn current_token() -> Option<String> {
    request_token()
}

fn request_token() -> Option<String> {
    token_in(&use_context::<http::request::Parts>()?.headers)
}

fn token_in(headers: &http::HeaderMap) -> Option<String> {
    cookie(headers, HOST_COOKIE_NAME).or_else(|| cookie(headers, COOKIE_NAME))
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

/// Whether cookies set now must be `Secure`: always, but over plain HTTP
/// on a loopback address.
pub(crate) fn secure_here(state: &AppState) -> bool {
    match use_context::<http::request::Parts>() {
        Some(p) => secure_in(state, &p.headers),
        None => true,
    }
}

fn secure_in(state: &AppState, headers: &http::HeaderMap) -> bool {
    https_in(state, headers) || !loopback(headers)
}

/// The request names a loopback host (`127.0.0.1`, `[::1]`, `localhost`).
fn loopback(headers: &http::HeaderMap) -> bool {
    let Some(host) = headers
        .get(http::header::HOST)
        .and_then(|h| h.to_str().ok())
    else {
        return false;
    };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    let name = name.to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Served over HTTPS: by setting, or as a proxy in front says.
pub fn https_in(state: &AppState, headers: &http::HeaderMap) -> bool {
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
        secure_here(state),
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
    let secure = secure_in(state, headers);
    new_session_cookie(state, person, token_in(headers).as_deref(), secure).await
}

async fn new_session_cookie(
    state: &AppState,
    person: &Person,
    replacing: Option<&str>,
    secure: bool,
) -> Result<String, AppError> {
    let days = state.settings.session_days;
    let token = accounts::start_session(&state.db, person, replacing, days).await?;
    Ok(session_cookie(&token, days, secure))
}

/// The `Set-Cookie` value of a session `token` made elsewhere (a follow
/// link's), lasting `days`.
pub fn cookie_for(state: &AppState, headers: &http::HeaderMap, token: &str, days: i64) -> String {
    session_cookie(token, days, secure_in(state, headers))
}

/// The session the browser brought, from a plain axum handler.
pub fn token_from_headers(headers: &http::HeaderMap) -> Option<String> {
    token_in(headers)
}

fn session_cookie(token: &str, days: i64, secure: bool) -> String {
    let max_age = days * 24 * 60 * 60;
    if secure {
        format!(
            "{HOST_COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}; Secure"
        )
    } else {
        format!("{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}")
    }
}

/// The address of the client asking, when the server knows it.
pub fn client_addr() -> Option<std::net::IpAddr> {
    use axum::extract::ConnectInfo;
    let parts = use_context::<http::request::Parts>()?;
    let peer = parts
        .extensions
        .get::<ConnectInfo<std::net::SocketAddr>>()?;
    Some(client_of(peer.0.ip(), &parts.headers))
}

/// The peer of the connection; or, when that peer is a proxy on this
/// machine (a loopback address), the address it appended to
/// `X-Forwarded-For` (the last one: those before it are the client's own
/// claims).
pub(crate) fn client_of(peer: std::net::IpAddr, headers: &http::HeaderMap) -> std::net::IpAddr {
    if !peer.is_loopback() {
        return peer;
    }
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .last()
        .and_then(|last| last.trim().parse().ok())
        .unwrap_or(peer)
}

/// Ends the session on the server and the cookie in the browser.
pub async fn end(state: &AppState) -> Result<(), AppError> {
    if let Some(token) = request_token() {
        let who = actor(state).await.ok();
        accounts::end_session(&state.db, &token).await?;
        domain::auth::gate::signed_out(who.as_ref().and_then(|a| a.person().ok()), client_addr());
    }
    forget_cookie(state);
    Ok(())
}

/// "Sign out everywhere": ends every session of the person asking, this
/// one too.
pub async fn end_everywhere(state: &AppState) -> Result<(), AppError> {
    let person = person(state).await?;
    accounts::end_all_sessions(&state.db, &person).await?;
    forget_cookie(state);
    Ok(())
}

/// Removes the session cookie, under either name (a `__Host-` one can be
/// removed only by a Secure cookie; on plain loopback HTTP it was never set).
fn forget_cookie(state: &AppState) {
    set_cookie(format!(
        "{COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
    ));
    if secure_here(state) {
        set_cookie(format!(
            "{HOST_COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Secure"
        ));
    }
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

//! The zone a request is read in, found once per request by a middleware:
//! the signed-in person's profile zone, else the browser's (its cookie),
//! else UTC. Pages, server functions and exports all read it from here.

use axum::body::Body;
use axum::extract::State;
use axum::middleware::Next;
use axum::response::Response;
use http::Request;
use leptos::prelude::use_context;

use super::session;
use crate::state::AppState;
use crate::time::{UTC, ZONE_COOKIE};

/// The zone found for a request (a request extension).
#[derive(Clone, Debug)]
pub struct RequestZone(pub String);

/// Finds the zone of every request but those for static files.
pub async fn find_zone(
    State(state): State<AppState>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    let path = req.uri().path();
    if !path.starts_with("/pkg/") && !path.starts_with("/files/") {
        let zone = zone_in(&state, req.headers()).await;
        req.extensions_mut().insert(RequestZone(zone));
    }
    next.run(req).await
}

/// The zone for a request with these headers.
pub async fn zone_in(state: &AppState, headers: &http::HeaderMap) -> String {
    let actor = session::actor_from_headers(state, headers).await.ok();
    let profile = actor.and_then(|a| a.user().and_then(|u| u.time_zone.clone()));
    profile
        .or_else(|| {
            let cookie = session::cookie(headers, ZONE_COOKIE)?;
            model::time::zone(&cookie).map(|tz| tz.name().to_owned())
        })
        .unwrap_or_else(|| UTC.to_owned())
}

/// The zone of the request being served.
pub fn request_zone() -> String {
    use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<RequestZone>().map(|z| z.0.clone()))
        .unwrap_or_else(|| UTC.to_owned())
}

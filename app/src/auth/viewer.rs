//! Who is asking and the zone they read in, found once per request by a
//! middleware and kept as a request extension: server functions, pages and
//! handlers behind it read the session from here instead of again. The
//! zone is the signed-in person's profile zone, else the browser's (its
//! cookie), else UTC.

use axum::body::Body;
use axum::extract::State;
use axum::middleware::Next;
use axum::response::Response;
use domain::auth::Actor;
use http::Request;
use leptos::prelude::use_context;

use super::session;
use crate::state::AppState;
use crate::time::{UTC, ZONE_COOKIE};

/// The asker of a request and their zone.
#[derive(Clone, Debug)]
pub struct Viewer {
    pub actor: Actor,
    pub zone: String,
}

/// Finds the [`Viewer`] of every request but those for static files, and
/// refuses pages they may not open ([`super::page_gate`]). A
/// failed session lookup leaves none: the handler looks again and answers
/// the error.
pub async fn find_viewer(
    State(state): State<AppState>,
    mut req: Request<Body>,
    next: Next,
) -> Response {
    if !req.uri().path().starts_with("/pkg/") {
        if let Ok(actor) = session::actor_from_headers(&state, req.headers()).await {
            if let Some(refused) = super::page_gate::refuse(&req, &actor) {
                return refused;
            }
            let zone = zone_of(&actor, req.headers());
            req.extensions_mut().insert(Viewer { actor, zone });
        }
    }
    next.run(req).await
}

fn zone_of(actor: &Actor, headers: &http::HeaderMap) -> String {
    let profile = actor.user().and_then(|u| u.time_zone.clone());
    profile
        .or_else(|| {
            let cookie = session::cookie(headers, ZONE_COOKIE)?;
            model::time::zone(&cookie).map(|tz| tz.name().to_owned())
        })
        .unwrap_or_else(|| UTC.to_owned())
}

/// The viewer of the request being served, if the middleware found one.
pub fn request_viewer() -> Option<Viewer> {
    use_context::<http::request::Parts>()?
        .extensions
        .get::<Viewer>()
        .cloned()
}

/// The zone of the request being served.
pub fn request_zone() -> String {
    request_viewer().map_or_else(|| UTC.to_owned(), |v| v.zone)
}

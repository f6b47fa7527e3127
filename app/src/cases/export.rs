//! `GET /export/cases.csv?<list filters>[&scope=all]`: the caller's own
//! cases, or for staff with `scope=all` every case, as the list shows them.
//! The rows come from `domain::cases::export`; this only speaks HTTP.

use axum::body::Body;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use domain::cases::export::export;
use domain::cases::filter::{CaseFilter, CaseQuery};
use http::{header, HeaderMap};

use crate::auth::session;
use crate::auth::viewer::Viewer;
use crate::state::AppState;

pub async fn export_cases(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    headers: HeaderMap,
    Query(pairs): Query<Vec<(String, String)>>,
) -> Response {
    // The middleware found who is asking; without it, the session says.
    let (actor, zone) = match viewer {
        Some(Extension(v)) => (v.actor, v.zone),
        None => match session::actor_from_headers(&state, &headers).await {
            Ok(actor) => (actor, crate::time::UTC.to_owned()),
            Err(err) => return err.status().into_response(),
        },
    };
    let Ok(person) = actor.person() else {
        return Redirect::to("/signin?next=/cases").into_response();
    };
    let all = pairs.iter().any(|(k, v)| k == "scope" && v == "all");
    let lang = crate::language::language_in(&headers);
    let chunks = CaseFilter::parse(&CaseQuery::from_pairs(&pairs)).and_then(|mut filter| {
        filter.zone = zone;
        export(&state.db, person, all, filter, lang)
    });
    match chunks {
        Ok(chunks) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"cases.csv\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            Body::from_stream(chunks),
        )
            .into_response(),
        Err(err) => err.status().into_response(),
    }
}

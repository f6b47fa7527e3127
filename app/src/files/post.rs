//! The two forms that carry files, as plain multipart endpoints:
//! `POST /upload/cases` ("Open a New Case") and `POST /upload/cases/{n}`
//! (a reply, or files alone from "Upload attachments").
//!
//! A script (the picker, with its progress bars) asks for JSON and gets
//! `Uploaded` or an `AppError` with its status. A plain form post (no
//! JavaScript) is redirected: to the case, or back to the form with the
//! error in `?upload_error=`.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use domain::auth::Person;
use domain::cases::open::landing;
use domain::cases::store::can_see;
use domain::cases::with_files as post;
use domain::files::upload::{read_form, Form};
use http::{header, HeaderMap};

use super::{Uploaded, ERROR_PARAM};
use crate::auth::session;
use crate::error::AppError;
use crate::state::AppState;

pub async fn reply(
    State(state): State<AppState>,
    Path(number): Path<i64>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let back = format!("/cases/{number}");
    let run = async {
        let person = signed_in(&state, &headers).await?;
        // Refuse before reading a byte of the files.
        can_see(&state.db, &person, number).await?;
        let form = read(&state, &headers, body).await?;
        let attachments = post::reply(&state.db, &state.files, &person, number, form).await?;
        Ok(Uploaded {
            location: back.clone(),
            attachments,
        })
    };
    answer(run.await, &headers, &back)
}

pub async fn open(State(state): State<AppState>, headers: HeaderMap, body: Body) -> Response {
    let back = "/cases/new";
    let run = async {
        let person = signed_in(&state, &headers).await?;
        let form = read(&state, &headers, body).await?;
        let language = crate::language::language_in(&headers);
        let (opened, attachments) =
            post::open(&state.db, &state.files, &person, form, language).await?;
        Ok(Uploaded {
            location: landing(opened),
            attachments,
        })
    };
    answer(run.await, &headers, back)
}

pub(crate) async fn signed_in(state: &AppState, headers: &HeaderMap) -> Result<Person, AppError> {
    session::actor_from_headers(state, headers)
        .await?
        .person()
        .cloned()
}

pub(crate) async fn read(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
) -> Result<Form, AppError> {
    read_with(state, headers, body, state.settings.uploads).await
}

/// The longest an upload may take in all, however steadily it trickles in
/// (the server's body timeout ends one that stalls).
const UPLOAD_DEADLINE: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Reads a multipart form with its files under `limits`. Staged files of an
/// upload cut short are removed.
pub(crate) async fn read_with(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
    limits: model::files::UploadLimits,
) -> Result<Form, AppError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .ok_or(AppError::BadRequest)?;
    let reading = read_form(&state.files, limits, content_type, body.into_data_stream());
    tokio::time::timeout(UPLOAD_DEADLINE, reading)
        .await
        .unwrap_or(Err(AppError::BadRequest))
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"))
}

pub(crate) fn answer(
    result: Result<Uploaded, AppError>,
    headers: &HeaderMap,
    back: &str,
) -> Response {
    match (result, wants_json(headers)) {
        (Ok(done), true) => Json(done).into_response(),
        (Ok(done), false) => Redirect::to(&done.location).into_response(),
        (Err(err), true) => (err.status(), Json(err)).into_response(),
        (Err(AppError::SignInRequired), false) => {
            Redirect::to(&format!("/signin?next={back}")).into_response()
        }
        (Err(err), false) => {
            let json = serde_json::to_string(&err).unwrap_or_default();
            let sep = if back.contains('?') { '&' } else { '?' };
            let to = format!("{back}{sep}{ERROR_PARAM}={}", urlencoding::encode(&json));
            Redirect::to(&to).into_response()
        }
    }
}

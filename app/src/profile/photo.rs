//! The profile photo over plain HTTP: `POST /upload/photo` (multipart, so
//! it works without JavaScript) and `GET /files/photo/{user}`.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use domain::auth::photo;
use http::{header, HeaderMap, HeaderValue, StatusCode};

use crate::error::AppError;
use crate::files::post::{answer, read_with, signed_in};
use crate::files::Uploaded;
use crate::state::AppState;

pub async fn upload(State(state): State<AppState>, headers: HeaderMap, body: Body) -> Response {
    let back = "/profile";
    let run = async {
        let person = signed_in(&state, &headers).await?;
        let form = read_with(&state, &headers, body, photo::limits()).await?;
        photo::set(&state.db, &state.files, &person, form).await?;
        Ok(Uploaded {
            location: "/profile?photo=saved".to_owned(),
            attachments: Vec::new(),
        })
    };
    answer(run.await, &headers, back)
}

/// A photo as the asker may see it; the same 404 for none and for one they
/// may not see. Its URL carries its version, so it is cached for long.
pub async fn get(
    State(state): State<AppState>,
    Path(user): Path<i64>,
    headers: HeaderMap,
) -> Response {
    let found = async {
        let actor = crate::auth::session::actor_from_headers(&state, &headers).await?;
        photo::get(&state.db, &state.files, &actor, user).await
    };
    match found.await {
        Ok(png) => {
            let mut res = png.into_response();
            let h = res.headers_mut();
            crate::files::download::guard(h);
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
            h.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=31536000, immutable"),
            );
            res
        }
        Err(AppError::Internal) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

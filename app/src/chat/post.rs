//! `POST /upload/help`: the help form, a multipart form because it may
//! carry files. Anyone may send it; the core checks and limits it.

use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::response::Response;
use http::Extensions;
use http::HeaderMap;

use crate::files::post::{answer, read};
use crate::files::Uploaded;
use crate::state::AppState;

/// The answer comes back to the form's page (`?case=` or `?upload_error=`).
use super::HELP_PAGE as PAGE;

pub async fn help_form(
    State(state): State<AppState>,
    extensions: Extensions,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let run = async {
        let form = read(&state, &headers, body).await?;
        let language = crate::language::language_in(&headers);
        let client = extensions
            .get::<ConnectInfo<std::net::SocketAddr>>()
            .map(|p| crate::auth::session::client_of(p.0.ip(), &headers));
        let number =
            domain::chat::help_form::submit(&state.db, &state.files, form, language, client)
                .await?;
        Ok(Uploaded {
            location: format!("{PAGE}?case={number}"),
            attachments: Vec::new(),
        })
    };
    answer(run.await, &headers, PAGE)
}

//! `GET /files/{id}` and `GET /files/{id}/preview`: only for people who may
//! see the case; anyone else gets the same 404 as for a file that does not
//! exist. Files are always downloads (never rendered in our origin), typed
//! by their checked kind, with `nosniff` and a sandboxing CSP.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use http::{header, HeaderMap, HeaderValue, StatusCode};
use tokio_util::io::ReaderStream;

use domain::cases::file_access::{self, Found};
use domain::error::AppError;

use crate::auth::session;
use crate::state::AppState;

/// Attachment `id` if `headers` belong to someone who may see its case;
/// `Err(None)` asks the visitor to sign in first.
async fn find(state: &AppState, headers: &HeaderMap, id: i64) -> Result<Found, Option<AppError>> {
    let actor = session::actor_from_headers(state, headers).await?;
    let Ok(person) = actor.person() else {
        return Err(None);
    };
    Ok(file_access::find(&state.db, person, id).await?)
}

pub async fn download(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Response {
    let file = match find(&state, &headers, id).await {
        Ok(file) => file,
        Err(err) => return refused(err, &format!("/files/{id}")),
    };
    let reader = match state.files.store.get(&file.key).await {
        Ok(reader) => reader,
        Err(err) => {
            tracing::error!(error = %err, key = %file.key, "attachment missing from the store");
            return refused(Some(AppError::NotFound), "");
        }
    };
    // Reads of 256 KiB: the default 4 KiB chunks cap a download near 100 MB/s.
    let mut res =
        Body::from_stream(ReaderStream::with_capacity(reader, 256 * 1024)).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(file.kind.mime()),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(file.size));
    if let Ok(v) = HeaderValue::from_str(&content_disposition(&file.name)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    guard(h);
    res
}

/// `GET /files/mail/{id}`: the original of a received mail (`.eml`), for
/// staff only; anyone else gets the 404 of a mail that does not exist.
pub async fn original_mail(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Response {
    let next = format!("/files/mail/{id}");
    let actor = match session::actor_from_headers(&state, &headers).await {
        Ok(actor) => actor,
        Err(err) => return refused(Some(err), &next),
    };
    if actor.person().is_err() {
        return refused(None, &next);
    }
    let found = match actor.staff() {
        Ok(staff) => domain::mail::inbound::original(&state.db, &staff, id).await,
        Err(_) => Err(AppError::NotFound),
    };
    let (key, size) = match found {
        Ok(found) => found,
        Err(err) => return refused(Some(err), ""),
    };
    let reader = match state.files.store.get(&key).await {
        Ok(reader) => reader,
        Err(err) => {
            tracing::error!(error = %err, %key, "received mail missing from the store");
            return refused(Some(AppError::NotFound), "");
        }
    };
    let mut res = Body::from_stream(ReaderStream::new(reader)).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("message/rfc822"),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(size));
    if let Ok(v) = HeaderValue::from_str(&content_disposition(&format!("mail-{id}.eml"))) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    guard(h);
    res
}

/// A small re-encoded PNG of an image attachment, made on first request
/// and kept beside the original. The original is never shown inline.
pub async fn preview(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    headers: HeaderMap,
) -> Response {
    let file = match find(&state, &headers, id).await {
        Ok(file) if file.kind.is_image() => file,
        Ok(_) => return refused(Some(AppError::NotFound), ""),
        Err(err) => return refused(err, ""),
    };
    let png = match domain::files::thumb::get_or_make(
        &state.files,
        &file.key,
        file.size,
        state.settings.uploads,
    )
    .await
    {
        Some(png) => png,
        None => return refused(Some(AppError::NotFound), ""),
    };
    let mut res = png.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("inline; filename=\"preview.png\""),
    );
    guard(h);
    res
}

/// Headers every file answer carries: the browser must not guess the type,
/// must not run anything in it, and caches it only for this person.
pub(crate) fn guard(h: &mut HeaderMap) {
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
}

fn refused(err: Option<AppError>, next: &str) -> Response {
    match err {
        None if !next.is_empty() => Redirect::to(&format!("/signin?next={next}")).into_response(),
        Some(AppError::Internal) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

/// `attachment` with the name twice (RFC 6266): a plain ASCII fallback for
/// old clients, and the exact name as RFC 8187 UTF-8 `filename*`.
pub fn content_disposition(name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| match c {
            ' '..='~' if c != '"' && c != '\\' && c != '%' => c,
            _ => '_',
        })
        .collect();
    let exact: String =
        name.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (b as char).to_string(),
                b'!' | b'#' | b'$' | b'&' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|'
                | b'~' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect();
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{exact}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn downloads_name_the_file_for_old_and_new_clients() {
        use super::content_disposition;
        assert_eq!(
            content_disposition("Factura nº 5 \"final\".pdf"),
            "attachment; filename=\"Factura n_ 5 _final_.pdf\"; \
             filename*=UTF-8''Factura%20n%C2%BA%205%20%22final%22.pdf"
        );
        assert_eq!(
            content_disposition("a;b.csv"),
            "attachment; filename=\"a;b.csv\"; filename*=UTF-8''a%3Bb.csv"
        );
    }
}

//! Server-function input is read in full before anything parses it, so it
//! is capped here: at most [`API_BODY_MAX`] bytes (413), and no NUL
//! character (400), which no field may hold and PostgreSQL cannot store.

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::CONTENT_TYPE;
use http::{HeaderValue, StatusCode};
use http_body_util::{BodyExt, LengthLimitError, Limited};

use app::error::AppError;

/// Far above the largest form (an article of 20,000 characters, each
/// percent-encoded as up to 12 bytes).
pub const API_BODY_MAX: usize = 1024 * 1024;

pub async fn checked(req: Request<Body>, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let bytes = match Limited::new(body, API_BODY_MAX).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(err) if err.downcast_ref::<LengthLimitError>().is_some() => {
            return refuse(StatusCode::PAYLOAD_TOO_LARGE);
        }
        // A body that broke off or stalled: the client's doing.
        Err(_) => return refuse(StatusCode::BAD_REQUEST),
    };
    if holds_nul(&bytes) {
        return refuse(StatusCode::BAD_REQUEST);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// A NUL as sent: raw, percent-encoded in a form, or escaped in JSON.
fn holds_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
        || bytes.windows(3).any(|w| w == b"%00")
        || bytes.windows(6).any(|w| w.eq_ignore_ascii_case(b"\\u0000"))
}

/// The answer a server function gives for bad input, so the page shows
/// its usual message.
fn refuse(status: StatusCode) -> Response {
    let body = serde_json::to_string(&AppError::BadRequest).unwrap_or_default();
    let mut res = (status, body).into_response();
    let json = HeaderValue::from_static("application/json");
    res.headers_mut().insert(CONTENT_TYPE, json);
    res
}

#[cfg(test)]
mod tests {
    use super::holds_nul;

    #[test]
    fn nul_is_found_however_it_is_written() {
        assert!(holds_nul(b"body=a%00b"));
        assert!(holds_nul(b"body=a\0b"));
        assert!(holds_nul(br#"{"body":"a\u0000b"}"#));
        assert!(!holds_nul(b"body=100%25&n=1000"));
    }
}

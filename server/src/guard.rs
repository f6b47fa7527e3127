//! Checks on every request before it reaches a handler: writes only from
//! the site's own pages, and HTTPS kept once used.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::{HOST, ORIGIN, STRICT_TRANSPORT_SECURITY};
use http::{HeaderMap, HeaderValue, Method, StatusCode};

use app::state::AppState;

/// Refuses a request that changes something (anything but GET, HEAD and
/// OPTIONS) when a browser says another site's page sent it: a forged form
/// or script cannot act with the visitor's session, with or without
/// JavaScript. Clients that are not browsers send neither header and pass;
/// their requests carry no visitor's cookies.
pub async fn same_site_writes_only(
    State(state): State<AppState>,
    req: Request<Body>,
    next: Next,
) -> Response {
    let reads = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !reads && from_another_site(req.headers(), &state.settings.mail_site.public_url) {
        tracing::warn!(
            method = %req.method(),
            path = %req.uri().path(),
            origin = ?req.headers().get(ORIGIN),
            "cross-site request refused"
        );
        return StatusCode::FORBIDDEN.into_response();
    }
    next.run(req).await
}

fn from_another_site(headers: &HeaderMap, public_url: &str) -> bool {
    // Sent by every current browser, and not forgeable by a page.
    if let Some(site) = headers.get("sec-fetch-site") {
        // `none`: the person typed or bookmarked it.
        return !matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    let Some(origin) = headers.get(ORIGIN).and_then(|o| o.to_str().ok()) else {
        return false;
    };
    // `null` (a sandboxed frame, a redirect from elsewhere) is never ours.
    let Some((_, authority)) = origin.split_once("://") else {
        return true;
    };
    let ours = |h: Option<&HeaderValue>| {
        h.and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case(authority))
    };
    let public = public_url
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/'));
    let same = ours(headers.get(HOST))
        || ours(headers.get("x-forwarded-host"))
        || public.is_some_and(|p| p.eq_ignore_ascii_case(authority));
    !same
}

/// Over HTTPS (by setting, or as the proxy in front says), browsers are
/// told to use nothing else for a year.
pub async fn hsts(State(state): State<AppState>, req: Request<Body>, next: Next) -> Response {
    let https = app::auth::session::https_in(&state, req.headers());
    let mut res = next.run(req).await;
    if https {
        res.headers_mut().insert(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    res
}

#[cfg(test)]
mod tests {
    use super::from_another_site;
    use http::HeaderMap;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_the_sites_own_pages_may_write() {
        let public = "https://help.example.com";
        let own = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000"),
        ]);
        assert!(!from_another_site(&own, public));
        let proxied = headers(&[
            ("host", "backend:3000"),
            ("origin", "https://help.example.com"),
        ]);
        assert!(!from_another_site(&proxied, public));
        let evil = headers(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "https://evil.example"),
        ]);
        assert!(from_another_site(&evil, public));
        let null = headers(&[("host", "127.0.0.1:3000"), ("origin", "null")]);
        assert!(from_another_site(&null, public));
        let fetch = headers(&[("sec-fetch-site", "cross-site")]);
        assert!(from_another_site(&fetch, public));
        let sibling = headers(&[("sec-fetch-site", "same-site")]);
        assert!(from_another_site(&sibling, public));
        let typed = headers(&[("sec-fetch-site", "none")]);
        assert!(!from_another_site(&typed, public));
        assert!(!from_another_site(&headers(&[("host", "x")]), public));
    }
}

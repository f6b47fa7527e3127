//! The HTTP side of the server: the axum router around the Leptos app.

mod api_input;
mod guard;
pub mod listen;
pub mod precompress;

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
};
use http::{HeaderValue, StatusCode};
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use app::state::{AppState, INTERNAL_ERROR_HEADER};
use app::{shell, App};

/// The app's routes, worked out once per process. Generating them runs the
/// app with resource loading suppressed by a process-wide flag: a page
/// rendering at that moment on another thread (another router in the same
/// process, as in the tests) would wait forever on its first resource
/// (leptos-rs/leptos#4773).
pub fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole application: pages, server functions and static assets.
pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let options = state.leptos_options.clone();
    let pkg_dir = format!("{}/{}", options.site_root, options.site_pkg_dir);
    // File names under /pkg carry a content hash, so they never change.
    let assets = Router::new()
        .fallback_service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ));
    let mut files = Router::new();
    let mut others = Router::new();
    for e in endpoints() {
        if e.compressed {
            others = others.route(e.path, e.handler);
        } else {
            files = files.route(e.path, e.handler);
        }
    }
    others
        .leptos_routes(&state, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .nest(&format!("/{}", options.site_pkg_dir), assets)
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            app::auth::viewer::find_viewer,
        ))
        .layer(middleware::from_fn(api_input::checked))
        .layer(middleware::from_fn(client_errors_are_not_500))
        .layer(CompressionLayer::new())
        // Pages and answers carry case data: never kept by a cache, never
        // framed by another site, never sniffed into another type. Answers
        // that set their own (hashed assets under /pkg) keep theirs.
        .layer(SetResponseHeaderLayer::if_not_present(
            CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("frame-ancestors 'none'; object-src 'none'; base-uri 'none'"),
        ))
        // Added after the compression layer, so outside it: attachments are
        // mostly compressed already, and go out as stored, with their length.
        .merge(files)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            guard::same_site_writes_only,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), guard::hsts))
        .with_state(state)
}

/// An HTTP route besides the pages and the server functions.
pub struct Endpoint {
    pub method: http::Method,
    pub path: &'static str,
    handler: MethodRouter<AppState>,
    /// Answers go through the compression layer (files do not: they are
    /// mostly compressed already, and go out as stored, with their length).
    compressed: bool,
}

/// Every such route, in one list, so the access-matrix test can tell a new
/// one that has no line in its table.
pub fn endpoints() -> Vec<Endpoint> {
    use app::files::{download, post as upload};
    use app::profile::photo;
    let e = |method: http::Method, path, handler, compressed| Endpoint {
        method,
        path,
        handler,
        compressed,
    };
    use http::Method as M;
    vec![
        e(
            M::GET,
            "/export/cases.csv",
            get(app::cases::export::export_cases),
            true,
        ),
        e(M::GET, "/mail/{token}", get(app::mail::links::follow), true),
        e(M::POST, "/upload/cases", post(upload::open), false),
        e(
            M::POST,
            "/upload/cases/{number}",
            post(upload::reply),
            false,
        ),
        e(M::GET, "/files/{id}", get(download::download), false),
        e(M::GET, "/files/{id}/preview", get(download::preview), false),
        e(
            M::GET,
            "/files/mail/{id}",
            get(download::original_mail),
            false,
        ),
        e(M::POST, "/upload/photo", post(photo::upload), false),
        e(
            M::POST,
            "/upload/help",
            post(app::chat::post::help_form),
            false,
        ),
        e(M::GET, "/files/photo/{user}", get(photo::get), false),
        // A stream: compressing it would hold events back.
        e(
            M::GET,
            "/events",
            get(app::workspace::events::stream),
            false,
        ),
    ]
}

/// A server function that cannot read its arguments answers 500 in Leptos;
/// that is the client's mistake, so it becomes 400. Our own internal errors
/// carry a marker header and stay 500.
async fn client_errors_are_not_500(req: Request<Body>, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let mut res = next.run(req).await;
    let ours = res.headers_mut().remove(INTERNAL_ERROR_HEADER).is_some();
    if is_api && res.status() == StatusCode::INTERNAL_SERVER_ERROR && !ours {
        *res.status_mut() = StatusCode::BAD_REQUEST;
    }
    res
}

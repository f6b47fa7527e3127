//! Setting the HTTP status of a server-rendered page (a no-op in the
//! browser), so "not found" pages answer 404 to crawlers and scripts too.

#[cfg(feature = "ssr")]
pub fn set_not_found() {
    use leptos::prelude::use_context;
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
}

#[cfg(not(feature = "ssr"))]
pub fn set_not_found() {}

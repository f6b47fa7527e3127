//! The Content-Security-Policy of a page: only scripts that carry this
//! response's nonce run (Leptos puts it on its hydration scripts), and what
//! they load themselves ('strict-dynamic'); the wasm may be compiled. A
//! script slipped into an article or a message would not run, even past the
//! sanitizer. Answers that are not pages get the strict default the router
//! sets.

use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

pub fn set_page_policy() {
    let (Some(nonce), Some(res)) = (leptos::nonce::use_nonce(), use_context::<ResponseOptions>())
    else {
        return;
    };
    let policy = format!(
        "script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        res.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

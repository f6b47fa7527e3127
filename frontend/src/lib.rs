//! The WebAssembly entry point: hydrates the server-rendered page.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Asynchronous: a page whose code is a lazy chunk hydrates once that
    // chunk has arrived (`hydrate_body` refuses lazy routes).
    wasm_bindgen_futures::spawn_local(async {
        let body = leptos::prelude::document()
            .body()
            .expect("a page has a body");
        leptos::mount::hydrate_from_async(body.clone(), app::App)
            .await
            .forget();
        // Lets tests (and styles) tell a live page from server-rendered HTML.
        let _ = body.set_attribute("data-hydrated", "true");
    });
}

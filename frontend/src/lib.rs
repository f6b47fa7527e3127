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
        app::time::remember_browser_zone_when_idle();
    });
}

/// Room for the wasm splitter (cargo-leptos `--split`). It lays the
/// read-only data out again, each chunk's strings and tables apart, and
/// when the padding between the parts makes the segment longer than the
/// linker's, it gives up and keeps *all* of it in the main module: every
/// page's strings, +35-45 KB with brotli on the first load, flipping with
/// unrelated changes. These bytes are kept by the linker but used by no
/// code, so the splitter leaves them out and its layout always fits.
#[used]
static SPLIT_SLACK: [u8; 16 * 1024] = [0x5a; 16 * 1024];

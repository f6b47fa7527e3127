//! The collision warning on a case page, for staff: who else has the case
//! open, and who is writing a reply. The page reports itself every few
//! seconds while open (and when its writer starts or stops), and says
//! goodbye when left.

use leptos::prelude::*;

use super::api::{case_presence, left_case};
use crate::i18n::*;

/// How often an open page reports itself (well inside the 30 s after
/// which a silent viewer counts as gone).
const EVERY_MS: u64 = 5_000;

/// Tells the server this page is gone, even as the page unloads.
fn say_goodbye(number: i64) {
    let body = js_sys_array(&format!("number={number}"));
    let kind = web_sys::BlobPropertyBag::new();
    kind.set_type("application/x-www-form-urlencoded");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&body, &kind);
    if let (Some(window), Ok(blob)) = (web_sys::window(), blob) {
        let _ = window
            .navigator()
            .send_beacon_with_opt_blob("/api/cases/presence/gone", Some(&blob));
    }
}

fn js_sys_array(text: &str) -> wasm_bindgen::JsValue {
    let parts = web_sys::js_sys::Array::new();
    parts.push(&wasm_bindgen::JsValue::from_str(text));
    parts.into()
}

#[component]
pub fn PresenceBar(number: i64, typing: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let beat = RwSignal::new(0u64);
    // Only in the browser: a page rendered on the server reports nothing.
    Effect::new(move |_| {
        let handle = set_interval_with_handle(
            move || beat.update(|b| *b += 1),
            std::time::Duration::from_millis(EVERY_MS),
        );
        // Leaving the page altogether: a beacon, which outlives the page.
        let bye = window_event_listener(leptos::ev::pagehide, move |_| say_goodbye(number));
        on_cleanup(move || {
            bye.remove();
            if let Ok(h) = handle {
                h.clear();
            }
            leptos::task::spawn_local(async move {
                let _ = left_case(number).await;
            });
        });
    });
    let others = LocalResource::new(move || {
        beat.track();
        let typing = typing.get();
        async move { case_presence(number, typing).await.unwrap_or_default() }
    });
    let lines = move || {
        others
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|p| {
                let name = p.name.clone();
                if p.typing {
                    view! { <li class="typing">{t!(i18n, workspace.is_replying, name)}</li> }
                        .into_any()
                } else {
                    view! { <li>{t!(i18n, workspace.is_viewing, name)}</li> }.into_any()
                }
            })
            .collect_view()
    };
    view! {
        <ul class="presence" role="status" aria-label=tr!(i18n, workspace.others_here)>
            {lines}
        </ul>
    }
}

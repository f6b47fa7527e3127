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
        on_cleanup(move || {
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
        <ul class="presence" role="status" aria-label=move || t_string!(i18n, workspace.others_here).to_string()>
            {lines}
        </ul>
    }
}

//! Deflection: while a customer types a new case's subject, articles that
//! may answer it appear under the field. The request waits for a pause in
//! typing and runs in the background, so typing never waits for it.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::A;

use super::api::suggest_articles;
use super::parts::locale_code;
use crate::i18n::*;
use crate::ui::settle::settled;

/// Typing pause before asking, and the shortest subject worth asking for.
const PAUSE: Duration = Duration::from_millis(300);
const MIN_CHARS: usize = 3;

#[component]
pub fn Suggestions(subject: ReadSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let settled = settled(move || subject.get(), PAUSE);
    let found = LocalResource::new(move || {
        let text = settled.get();
        let locale = locale_code(i18n).to_string();
        async move {
            if text.trim().chars().count() < MIN_CHARS {
                return Vec::new();
            }
            suggest_articles(text, locale).await.unwrap_or_default()
        }
    });
    let list = move || {
        let articles = found.get().unwrap_or_default();
        (!articles.is_empty()).then(|| {
            let items = articles
                .into_iter()
                .map(|a| view! { <li><A href=a.href() attr:target="_blank">{a.title.clone()}</A></li> })
                .collect_view();
            view! {
                <p>{tr!(i18n, help.suggestions)}</p>
                <ul>{items}</ul>
            }
        })
    };
    view! {
        <section class="suggestions" aria-live="polite"
            aria-label=tr!(i18n, help.suggestions)
            hidden=move || found.get().is_none_or(|a| a.is_empty())>
            {list}
        </section>
    }
    .into_any()
}

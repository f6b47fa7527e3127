//! The canned-response picker of a staff reply box: find a response by
//! title (typing `/` in an empty reply box jumps here), then "Insert" adds
//! it to the reply, in the case's language with its placeholders filled.

use leptos::html::Input;
use leptos::prelude::*;

use super::canned_api::{canned_list, fill_canned};
use super::Canned;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::forms::AnyProblem;

/// The response whose title is `wanted` (letter case aside), else the
/// first whose title contains it.
fn find(list: &[Canned], wanted: &str) -> Option<i64> {
    let wanted = wanted.trim().to_lowercase();
    if wanted.is_empty() {
        return None;
    }
    list.iter()
        .find(|c| c.title.to_lowercase() == wanted)
        .or_else(|| {
            list.iter()
                .find(|c| c.title.to_lowercase().contains(&wanted))
        })
        .map(|c| c.id)
}

#[component]
pub fn CannedPicker(
    number: i64,
    /// The reply's text, which the response is added to.
    draft: RwSignal<String>,
    /// The search box, for the reply box to move the focus to.
    input: NodeRef<Input>,
    id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    // Loaded when the box is first used: a resource here would hold the
    // server's rendering of the page until it resolved, which it never
    // does there.
    let load = Action::new_local(|_: &()| canned_list());
    let list = move || load.value().get().and_then(Result::ok).unwrap_or_default();
    let load_once = move || {
        if load.value().get_untracked().is_none() && !load.pending().get_untracked() {
            load.dispatch(());
        }
    };
    let query = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    let fill = Action::new_local(move |canned: &i64| fill_canned(number, *canned));
    let filled = fill.value();
    Effect::new(move |_| {
        if let Some(Ok(text)) = filled.get() {
            draft.update(|d| {
                if !d.trim().is_empty() {
                    d.push_str("\n\n");
                }
                d.push_str(&text);
            });
            query.set(String::new());
        }
    });
    let error =
        Signal::derive(move || filled.get().and_then(|r: Result<String, AppError>| r.err()));
    // "Insert" before the list has come waits for it.
    let waiting = RwSignal::new(false);
    let insert = move |_| {
        if load.value().get_untracked().is_none() {
            waiting.set(true);
            load_once();
            return;
        }
        let found = find(&list(), &query.get_untracked());
        missing.set(found.is_none());
        if let Some(canned) = found {
            fill.dispatch(canned);
        }
    };
    Effect::new(move |_| {
        if load.value().with(Option::is_some) && waiting.get_untracked() {
            waiting.set(false);
            insert(());
        }
    });
    let list_id = format!("{id}-list");
    let options = move || {
        list()
            .into_iter()
            .map(|c| view! { <option value=c.title /> })
            .collect_view()
    };
    view! {
        <div class="canned-picker">
            <label for=id.clone()>{tr!(i18n, canned.picker)}</label>
            <input id=id type="search" list=list_id.clone() node_ref=input
                placeholder=tr!(i18n, canned.find)
                prop:value=move || query.get()
                on:focus=move |_| load_once()
                on:input=move |e| {
                    load_once();
                    query.set(event_target_value(&e));
                }
                on:keydown=move |e| {
                    if e.key() == "Enter" {
                        e.prevent_default();
                        insert(());
                    }
                } />
            <datalist id=list_id>{options}</datalist>
            <button type="button" on:click=move |_| insert(())>{tr!(i18n, canned.insert)}</button>
            <Show when=move || missing.get()>
                <p class="form-error" role="alert">{tr!(i18n, canned.no_match)}</p>
            </Show>
            <AnyProblem error />
        </div>
    }
}

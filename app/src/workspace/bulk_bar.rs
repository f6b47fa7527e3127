//! Bulk actions over a staff list: rows ticked one by one (or every case
//! the filters match), then one status, agent or department for all.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::api::{bulk_update, count_matching, staff_directory};
use super::assign_panel::id_options;
use super::{BulkResult, BULK_MAX};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::forms::AnyProblem;
use crate::ui::labels;
use model::cases::filter::CaseQuery;
use model::cases::CaseStatus;

/// The rows ticked in the list on screen, shared by the rows and the bar.
#[derive(Clone, Copy)]
pub struct Picked {
    pub numbers: RwSignal<BTreeSet<i64>>,
    /// "All N matching" instead of the ticked rows.
    pub all: RwSignal<bool>,
}

impl Picked {
    pub fn provide() -> Self {
        let picked = Self {
            numbers: RwSignal::new(BTreeSet::new()),
            all: RwSignal::new(false),
        };
        provide_context(picked);
        picked
    }

    pub fn toggle(self, number: i64, on: bool) {
        self.all.set(false);
        self.numbers.update(|n| {
            if on {
                n.insert(number);
            } else {
                n.remove(&number);
            }
        });
    }
}

/// `on_done` runs after a change went through (the list reloads).
#[component]
pub fn BulkBar(query: Memo<CaseQuery>, on_done: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let picked = expect_context::<Picked>();
    // A new list (other filters, other view) starts with nothing ticked.
    Effect::new(move |_| {
        query.track();
        picked.numbers.set(BTreeSet::new());
        picked.all.set(false);
    });
    let what = RwSignal::new("status".to_string());
    let value = RwSignal::new(String::new());
    let matching = LocalResource::new(move || {
        let q = query.get().first_page();
        async move { count_matching(q).await.unwrap_or_default() }
    });
    let directory = LocalResource::new(|| async { staff_directory().await.unwrap_or_default() });
    let run = Action::new_local(
        move |(numbers, all, what, value): &(Vec<i64>, bool, String, String)| {
            let matching = all.then(|| query.get_untracked().first_page());
            bulk_update(numbers.clone(), matching, what.clone(), value.clone())
        },
    );
    let done = run.value();
    Effect::new(move |_| {
        if matches!(done.get(), Some(Ok(_))) {
            picked.numbers.set(BTreeSet::new());
            picked.all.set(false);
            on_done.run(());
        }
    });
    let error = Signal::derive(move || {
        done.get()
            .and_then(|r: Result<BulkResult, AppError>| r.err())
    });
    let result = move || {
        done.get().and_then(Result::ok).map(|r| {
            let (changed, skipped) = (r.changed, r.skipped);
            view! { <p class="notice success" role="status">{t!(i18n, workspace.bulk_done, changed, skipped)}</p> }
        })
    };
    let count = move || {
        if picked.all.get() {
            matching.get().unwrap_or_default()
        } else {
            picked.numbers.read().len()
        }
    };
    let values = move || {
        let dir = directory.get().unwrap_or_default();
        match what.get().as_str() {
            "assign" => {
                let agents = dir.agents.into_iter().map(|a| (a.id, a.name)).collect();
                id_options(agents, None, move || t_string!(i18n, workspace.nobody).to_string()).into_any()
            }
            "department" => {
                let list = dir.departments.into_iter().map(|d| (d.id, d.name)).collect();
                id_options(list, None, move || t_string!(i18n, workspace.no_department).to_string())
                    .into_any()
            }
            _ => CaseStatus::ALL
                .into_iter()
                .filter(|s| s.settable_by_staff())
                .map(|s| view! { <option value=s.as_str()>{move || labels::status(i18n, s, true)}</option> })
                .collect_view()
                .into_any(),
        }
    };
    // The value select starts on its first option whatever the action.
    Effect::new(move |_| {
        let first = if what.get() == "status" {
            CaseStatus::New.as_str()
        } else {
            ""
        };
        value.set(first.to_string());
    });
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let numbers = picked.numbers.get_untracked().into_iter().collect();
        run.dispatch((
            numbers,
            picked.all.get_untracked(),
            what.get_untracked(),
            value.get_untracked(),
        ));
    };
    let select_all = move || {
        let n = matching.get().unwrap_or_default();
        (n > picked.numbers.read().len() && !picked.all.get()).then(|| {
            if n > BULK_MAX {
                view! { <span>{t!(i18n, workspace.too_many_matching, max = move || BULK_MAX)}</span> }.into_any()
            } else {
                view! {
                    <button type="button" on:click=move |_| picked.all.set(true)>
                        {t!(i18n, workspace.select_all_matching, n)}
                    </button>
                }
                .into_any()
            }
        })
    };
    view! {
        <Show when=move || { count() > 0 }>
            <form class="bulk-bar" on:submit=apply aria-label=tr!(i18n, workspace.bulk)>
                <strong>{move || { let n = count(); view! { {t!(i18n, workspace.selected, n)} } }}</strong>
                {select_all}
                <label for="bulk-action">{tr!(i18n, workspace.bulk_action)}</label>
                <select id="bulk-action" on:change=move |e| what.set(event_target_value(&e)) prop:value=move || what.get()>
                    <option value="status">{tr!(i18n, workspace.bulk_status)}</option>
                    <option value="assign">{tr!(i18n, workspace.bulk_assign)}</option>
                    <option value="department">{tr!(i18n, workspace.bulk_department)}</option>
                </select>
                <label for="bulk-value">{tr!(i18n, workspace.bulk_value)}</label>
                <select id="bulk-value" on:change=move |e| value.set(event_target_value(&e)) prop:value=move || value.get()>
                    {values}
                </select>
                <button type="submit" class="primary" disabled=move || run.pending().get()>{tr!(i18n, workspace.apply)}</button>
                <AnyProblem error />
            </form>
        </Show>
        {result}
    }
}

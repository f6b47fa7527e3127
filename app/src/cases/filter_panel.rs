//! The filter panel beside a case list: a plain GET form, so filters land in
//! the URL and work with or without JavaScript. The hydrated page sends it
//! as a navigation of its own: leptos_router's `Form` would bring its own
//! code to "My cases" for this one form.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;

use super::case_types::CaseTypeOptions;
use super::filter::{CaseQuery, SEARCH_MAX};
use super::CaseStatus;
use crate::i18n::*;
use crate::ui::labels;

/// The filters in the current URL.
pub fn use_case_query() -> Memo<CaseQuery> {
    let params = use_query_map();
    Memo::new(move |_| query_from(&params.read()))
}

fn query_from(p: &ParamsMap) -> CaseQuery {
    let one = |k: &str| p.get(k).unwrap_or_default();
    CaseQuery {
        status: p.get_all("status").unwrap_or_default(),
        case_type: one("type"),
        from: one("from"),
        to: one("to"),
        q: one("q"),
        number: one("number"),
        requester: one("requester"),
        sort: one("sort"),
        view: one("view"),
        department: one("department"),
        after: one("after"),
    }
}

#[component]
pub fn FilterPanel(query: Memo<CaseQuery>, for_staff: bool) -> impl IntoView {
    let i18n = use_i18n();
    let here = if for_staff { "/staff" } else { "/cases" };
    let text = move |f: fn(&CaseQuery) -> &String| move || f(&query.read()).clone();
    let statuses = CaseStatus::ALL
        .into_iter()
        .map(|s| {
            let checked = move || query.read().status.iter().any(|q| q == s.as_str());
            view! {
                <label class="check">
                    <input type="checkbox" name="status" value=s.as_str() prop:checked=checked />
                    {move || labels::status(i18n, s, for_staff)}
                </label>
            }
        })
        .collect_view();
    let chosen_type = Signal::derive(move || query.read().case_type.clone());
    // The sort in effect: the breached view lists the most overdue first.
    let sort = move || {
        let q = query.read();
        match (q.sort.as_str(), q.view.as_str()) {
            ("", "breached") => "sla".to_string(),
            ("", _) => "updated".to_string(),
            (s, _) => s.to_string(),
        }
    };
    // The export takes the same filters as the list on screen.
    let search = use_location().search;
    let navigate = use_navigate();
    let export_href = move || {
        let filters = search.get();
        let filters = filters.trim_start_matches('?');
        let scope = if for_staff { "scope=all&" } else { "" };
        format!("/export/cases.csv?{scope}{filters}")
    };
    view! {
        <aside class="filters" aria-labelledby="filters-heading">
            // Folds away, to give the list the room.
            <details open>
            <summary><h2 id="filters-heading">{tr!(i18n, filters.title)}</h2></summary>
            <form method="get" action=here on:submit=move |ev| submit(ev, here, &navigate)>
                // Filtering inside a view of the rail stays in that view.
                {for_staff.then(|| view! {
                    <input type="hidden" name="view" prop:value=text(|q| &q.view) />
                })}
                <label for="filter-q">{tr!(i18n, filters.search)}</label>
                <input id="filter-q" name="q" type="search" maxlength=SEARCH_MAX prop:value=text(|q| &q.q) />
                <label for="filter-number">{tr!(i18n, cases.number)}</label>
                <input id="filter-number" name="number" inputmode="numeric" prop:value=text(|q| &q.number) />
                {for_staff.then(|| view! {
                    <label for="filter-requester">{tr!(i18n, cases.requester)}</label>
                    <input id="filter-requester" name="requester" maxlength=SEARCH_MAX
                        prop:value=text(|q| &q.requester) />
                })}
                <fieldset>
                    <legend>{tr!(i18n, cases.status)}</legend>
                    {statuses}
                </fieldset>
                <label for="filter-type">{tr!(i18n, cases.type_label)}</label>
                <select id="filter-type" name="type">
                    <option value="">{tr!(i18n, filters.any_type)}</option>
                    <CaseTypeOptions selected=chosen_type every=true />
                </select>
                <label for="filter-from">{tr!(i18n, filters.from)}</label>
                <input id="filter-from" name="from" type="date" prop:value=text(|q| &q.from) />
                <label for="filter-to">{tr!(i18n, filters.to)}</label>
                <input id="filter-to" name="to" type="date" prop:value=text(|q| &q.to) />
                <label for="filter-sort">{tr!(i18n, filters.sort)}</label>
                <select id="filter-sort" name="sort">
                    <option value="updated" selected=move || sort() == "updated">{tr!(i18n, cases.last_update)}</option>
                    <option value="created" selected=move || sort() == "created">{tr!(i18n, filters.sort_created)}</option>
                    {for_staff.then(|| view! {
                        <option value="sla" selected=move || sort() == "sla">{tr!(i18n, workspace.sort_sla)}</option>
                    })}
                </select>
                <button type="submit" class="primary">{tr!(i18n, filters.apply)}</button>
            </form>
            <p class="filter-links">
                <A href=here>{tr!(i18n, filters.clear)}</A>
                <a href=export_href download="cases.csv" rel="external">{tr!(i18n, filters.export)}</a>
            </p>
            </details>
        </aside>
    }
}

/// Goes to the list the form's filters ask for, without a page load.
fn submit(ev: leptos::ev::SubmitEvent, here: &str, navigate: &dyn Fn(&str, NavigateOptions)) {
    use wasm_bindgen::JsCast;
    let form = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok());
    let query = form
        .and_then(|f| web_sys::FormData::new_with_form(&f).ok())
        .and_then(|data| web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok());
    // Else the browser sends the form itself.
    if let Some(query) = query {
        ev.prevent_default();
        let query = String::from(query.to_string());
        navigate(&format!("{here}?{query}"), NavigateOptions::default());
    }
}

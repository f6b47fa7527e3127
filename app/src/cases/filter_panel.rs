//! The filter panel beside a case list: a plain GET form, so filters land in
//! the URL and work with or without JavaScript. The hydrated page sends it
//! as a navigation of its own: leptos_router's `Form` would bring its own
//! code for this one form. The server renders it for "My cases" (with the
//! values as attributes, and no router), the browser for staff.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::case_type::CaseTypeInfo;
use super::case_types::{CaseTypeOptions, TypeOptionList};
use super::filter::{CaseQuery, SEARCH_MAX};
use super::CaseStatus;
use crate::i18n::*;
use crate::ui::labels;

/// The filters in the current URL.
pub fn use_case_query() -> Memo<CaseQuery> {
    let params = use_query_map();
    Memo::new(move |_| {
        let p = params.read();
        query_from(|k| p.get(k), |k| p.get_all(k))
    })
}

/// The pairs of a query string (`?a=1&b=2`, the `?` optional), decoded.
pub fn url_pairs(search: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(search.trim_start_matches('?').as_bytes())
        .into_owned()
        .collect()
}

/// The filters in a query string.
pub fn query_in(search: &str) -> CaseQuery {
    let pairs = url_pairs(search);
    let all = |k: &str| {
        let values: Vec<String> = pairs
            .iter()
            .filter(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .collect();
        (!values.is_empty()).then_some(values)
    };
    query_from(|k| all(k).and_then(|v| v.last().cloned()), all)
}

fn query_from(
    get: impl Fn(&str) -> Option<String>,
    get_all: impl Fn(&str) -> Option<Vec<String>>,
) -> CaseQuery {
    let one = |k: &str| get(k).unwrap_or_default();
    CaseQuery {
        status: get_all("status").unwrap_or_default(),
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

/// The panel for `query` (the page's filters) and `search` (its query
/// string); with `types`, the type select lists those (else it reads the
/// page's catalogue).
#[component]
pub fn FilterPanel(
    #[prop(into)] query: Signal<CaseQuery>,
    #[prop(into)] search: Signal<String>,
    for_staff: bool,
    #[prop(optional)] types: Option<Vec<CaseTypeInfo>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let here = if for_staff { "/staff" } else { "/cases" };
    // Attributes for the server's HTML, properties for a page that changes.
    let text = move |f: fn(&CaseQuery) -> &String| move || f(&query.read()).clone();
    let statuses = CaseStatus::ALL
        .into_iter()
        .map(|s| {
            let checked = move || query.read().status.iter().any(|q| q == s.as_str());
            view! {
                <label class="check">
                    <input type="checkbox" name="status" value=s.as_str() checked=checked prop:checked=checked />
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
    let type_options = match types {
        Some(types) => {
            view! { <TypeOptionList types=types.into() selected=chosen_type every=true /> }
                .into_any()
        }
        None => view! { <CaseTypeOptions selected=chosen_type every=true /> }.into_any(),
    };
    let owner = Owner::current();
    // The export takes the same filters as the list on screen.
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
            <form method="get" action=here on:submit=move |ev| submit(ev, here, owner.as_ref())>
                // Filtering inside a view of the rail stays in that view.
                {for_staff.then(|| view! {
                    <input type="hidden" name="view" value=text(|q| &q.view) prop:value=text(|q| &q.view) />
                })}
                <label for="filter-q">{tr!(i18n, filters.search)}</label>
                <input id="filter-q" name="q" type="search" maxlength=SEARCH_MAX value=text(|q| &q.q) prop:value=text(|q| &q.q) />
                <label for="filter-number">{tr!(i18n, cases.number)}</label>
                <input id="filter-number" name="number" inputmode="numeric" value=text(|q| &q.number) prop:value=text(|q| &q.number) />
                {for_staff.then(|| view! {
                    <label for="filter-requester">{tr!(i18n, cases.requester)}</label>
                    <input id="filter-requester" name="requester" maxlength=SEARCH_MAX
                        value=text(|q| &q.requester) prop:value=text(|q| &q.requester) />
                })}
                <fieldset>
                    <legend>{tr!(i18n, cases.status)}</legend>
                    {statuses}
                </fieldset>
                <label for="filter-type">{tr!(i18n, cases.type_label)}</label>
                <select id="filter-type" name="type">
                    <option value="">{tr!(i18n, filters.any_type)}</option>
                    {type_options}
                </select>
                <label for="filter-from">{tr!(i18n, filters.from)}</label>
                <input id="filter-from" name="from" type="date" value=text(|q| &q.from) prop:value=text(|q| &q.from) />
                <label for="filter-to">{tr!(i18n, filters.to)}</label>
                <input id="filter-to" name="to" type="date" value=text(|q| &q.to) prop:value=text(|q| &q.to) />
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
                <a href=here>{tr!(i18n, filters.clear)}</a>
                <a href=export_href download="cases.csv" rel="external">{tr!(i18n, filters.export)}</a>
            </p>
            </details>
        </aside>
    }
}

/// Goes to the list the form's filters ask for, without a page load: the
/// router is found through `owner`, the page's (the server renders this
/// form without one).
pub fn submit(ev: leptos::ev::SubmitEvent, here: &str, owner: Option<&Owner>) {
    use wasm_bindgen::JsCast;
    let form = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok());
    let query = form
        .and_then(|f| web_sys::FormData::new_with_form(&f).ok())
        .and_then(|data| web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok());
    // Else the browser sends the form itself.
    if let (Some(query), Some(owner)) = (query, owner) {
        ev.prevent_default();
        let query = String::from(query.to_string());
        let navigate = owner.with(use_navigate);
        navigate(&format!("{here}?{query}"), NavigateOptions::default());
    }
}

/// Keeps a panel the server rendered ("My cases") on the filters in the
/// URL as it changes, as the properties of one the browser rendered do:
/// each field takes the URL's value (or none), the export link its filters.
pub fn follow_url(search: Memo<String>) {
    Effect::watch(move || search.get(), |search, _, _| fill(search), false);
}

fn fill(search: &str) {
    use wasm_bindgen::JsCast;
    use web_sys::{HtmlInputElement, HtmlSelectElement};
    let search = search.trim_start_matches('?');
    let Some(panel) = document().query_selector("aside.filters").ok().flatten() else {
        return;
    };
    let pairs = url_pairs(search);
    let value = |name: &str| {
        pairs
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let Ok(fields) = panel.query_selector_all("input[name], select[name]") else {
        return;
    };
    for i in 0..fields.length() {
        let Some(field) = fields.item(i) else {
            continue;
        };
        if let Some(input) = field.dyn_ref::<HtmlInputElement>() {
            let name = input.name();
            if input.type_() == "checkbox" {
                let own = input.value();
                input.set_checked(pairs.iter().any(|(k, v)| *k == name && *v == own));
            } else {
                input.set_value(value(&name).unwrap_or_default());
            }
        } else if let Some(select) = field.dyn_ref::<HtmlSelectElement>() {
            // An unknown or missing value selects the first (the default).
            select.set_value(value(&select.name()).unwrap_or_default());
            if select.selected_index() < 0 {
                select.set_selected_index(0);
            }
        }
    }
    if let Ok(Some(export)) = panel.query_selector("a[download]") {
        let _ = export.set_attribute("href", &format!("/export/cases.csv?{search}"));
    }
}

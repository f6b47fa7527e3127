//! The body of "My cases" as the server renders it (`ui::fragment`): the
//! table with its page links (`api::my_cases_part`), and the filter panel
//! (`api::my_filters_part`), which the page keeps on the URL's filters
//! (`filter_panel::follow_url`) instead of loading it again. The browser
//! shows the HTML; `in_place` opens the table's rows.

use leptos::prelude::*;

use super::case_type::CaseTypeInfo;
use super::expand::CaseRows;
use super::filter::CaseQuery;
use super::filter_panel::FilterPanel;
use super::list::PageLinks;
use super::CasePage;
use crate::i18n::*;

#[component]
pub fn MyCasesTable(
    page: CasePage,
    types: Vec<CaseTypeInfo>,
    query: CaseQuery,
    search: String,
) -> impl IntoView {
    let i18n = use_i18n();
    if page.rows.is_empty() {
        let empty = if query.is_empty() {
            t_string!(i18n, cases.empty).to_string()
        } else {
            t_string!(i18n, filters.no_match).to_string()
        };
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    let deep = !query.after.is_empty();
    view! {
        <CaseRows rows=page.rows for_staff=false now=page.now types=types.into() />
        <PageLinks next=page.next deep search here="/cases" />
    }
    .into_any()
}

#[component]
pub fn MyFilters(types: Vec<CaseTypeInfo>, query: CaseQuery, search: String) -> impl IntoView {
    view! {
        <FilterPanel query=Signal::stored(query) search=Signal::stored(search) for_staff=false types />
    }
}

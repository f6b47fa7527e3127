//! "My cases": the customer's cases, newest update first, with the ones
//! staff answered highlighted until opened.

use leptos::prelude::*;
use leptos_router::components::{Redirect, A};
use leptos_router::hooks::use_location;

use super::api::my_cases;
use super::case_types::use_case_types;
use super::expand::CaseRows;
use super::filter::CaseQuery;
use super::filter_panel::{use_case_query, FilterPanel};
use super::CasePage;
use crate::error::AppError;
use crate::i18n::*;
use crate::mail::pages::VerifyNotice;
use crate::ui::forms::ErrorNotice;
use crate::ui::title::PageTitle;
use crate::workspace::live::use_live;

#[component]
pub fn MyCasesPage() -> impl IntoView {
    crate::cases::case_types::provide_case_types();
    let i18n = use_i18n();
    let query = use_case_query();
    let live = use_live().any();
    let cases = crate::ui::data::resource(move || (query.get(), live.get()), |(q, _)| my_cases(q));
    view! {
        <PageTitle text=move || t_string!(i18n, cases.my_cases).to_string() />
        <div class="page-head">
            <h1>{tr!(i18n, cases.my_cases)}</h1>
            <div class="actions">
                <A href="/">{tr!(i18n, nav.questions_and_answers)}</A>
                <A href="/cases/new" attr:class="button primary">{tr!(i18n, cases.open_new)}</A>
            </div>
        </div>
        <VerifyNotice />
        <div class="with-filters">
            <div class="list">
                <CaseList cases query for_staff=false />
            </div>
            <FilterPanel query for_staff=false />
        </div>
    }
}

/// A list of cases once loaded: the table and its page links, a line when
/// there are none, or the way to sign in.
#[component]
pub fn CaseList(
    cases: crate::ui::data::Data<Result<CasePage, AppError>>,
    query: Memo<CaseQuery>,
    for_staff: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let here = if for_staff { "/staff" } else { "/cases" };
    let types = (!for_staff).then(|| use_case_types().0);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                // Customers see each case's type: named from one catalogue
                // read for the whole table, not one wait per row.
                let types = match types {
                    Some(types) => types.await.unwrap_or_default(),
                    None => Vec::new(),
                };
                match cases.await {
                    Ok(page) if page.rows.is_empty() => {
                        let empty = move || if !query.read().is_empty() {
                            t_string!(i18n, filters.no_match).to_string()
                        } else if for_staff {
                            t_string!(i18n, staff.empty).to_string()
                        } else {
                            t_string!(i18n, cases.empty).to_string()
                        };
                        view! { <p class="empty">{empty}</p> }.into_any()
                    }
                    Ok(page) => {
                        view! {
                            <CaseRows rows=page.rows for_staff now=page.now types=types.into() />
                            <PageLinks next=page.next query here />
                        }
                            .into_any()
                    }
                    Err(AppError::SignInRequired) => {
                        view! { <Redirect path=format!("/signin?next={here}") /> }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// "Next page" (keyset: after the last row shown) and back to the first.
#[component]
fn PageLinks(next: Option<String>, query: Memo<CaseQuery>, here: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let search = use_location().search;
    let with_after = move |after: Option<&str>| {
        let raw = search.get();
        let mut pairs: Vec<(String, String)> = url_pairs(&raw)
            .into_iter()
            .filter(|(k, _)| k != "after")
            .collect();
        if let Some(a) = after {
            pairs.push(("after".into(), a.into()));
        }
        let qs = serde_urlencoded_pairs(&pairs);
        if qs.is_empty() {
            here.to_string()
        } else {
            format!("{here}?{qs}")
        }
    };
    let deep = move || !query.read().after.is_empty();
    let next_href = next.clone().map(|n| move || with_after(Some(&n)));
    view! {
        <nav class="pages" aria-label=tr!(i18n, cases.pages)>
            <Show when=deep>
                <A href=move || with_after(None)>{tr!(i18n, cases.first_page)}</A>
            </Show>
            {next_href.map(|href| view! { <A href=href>{tr!(i18n, cases.next_page)}</A> })}
        </nav>
    }
}

fn url_pairs(search: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(search.trim_start_matches('?').as_bytes())
        .into_owned()
        .collect()
}

fn serde_urlencoded_pairs(pairs: &[(String, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

//! "My cases": the customer's cases, newest update first, with the ones
//! staff answered highlighted until opened.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Redirect, A};

use super::api::my_cases;
use super::filter::CaseQuery;
use super::filter_panel::{use_case_query, FilterPanel};
use super::CaseSummary;
use crate::error::AppError;
use crate::i18n::*;
use crate::time::Timestamp;
use crate::ui::forms::ErrorNotice;
use crate::ui::labels;

#[component]
pub fn MyCasesPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_case_query();
    let cases = Resource::new(move || query.get(), my_cases);
    view! {
        <Title text=move || t_string!(i18n, cases.my_cases).to_string() />
        <div class="page-head">
            <h1>{t!(i18n, cases.my_cases)}</h1>
            <div class="actions">
                <A href="/">{t!(i18n, nav.questions_and_answers)}</A>
                <A href="/cases/new" attr:class="button primary">{t!(i18n, cases.open_new)}</A>
            </div>
        </div>
        <div class="with-filters">
            <div class="list">
                <CaseList cases query for_staff=false />
            </div>
            <FilterPanel query for_staff=false />
        </div>
    }
}

/// A list of cases once loaded: the table, a line when there are none, or
/// the way to sign in.
#[component]
pub fn CaseList(
    cases: Resource<Result<Vec<CaseSummary>, AppError>>,
    query: Memo<CaseQuery>,
    for_staff: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let here = if for_staff { "/staff" } else { "/cases" };
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match cases.await {
                    Ok(rows) if rows.is_empty() => {
                        let empty = move || if !query.read().is_empty() {
                            t_string!(i18n, filters.no_match).to_string()
                        } else if for_staff {
                            t_string!(i18n, staff.empty).to_string()
                        } else {
                            t_string!(i18n, cases.empty).to_string()
                        };
                        view! { <p class="empty">{empty}</p> }.into_any()
                    }
                    Ok(rows) => view! { <CaseTable rows for_staff /> }.into_any(),
                    Err(AppError::SignInRequired) => {
                        view! { <Redirect path=format!("/signin?next={here}") /> }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The case table shared by "My cases" and the staff workspace.
#[component]
pub fn CaseTable(rows: Vec<CaseSummary>, for_staff: bool) -> impl IntoView {
    let i18n = use_i18n();
    let rows = rows
        .into_iter()
        .map(|c| {
            let href = format!("/cases/{}", c.number);
            let number = c.number;
            let requester = for_staff.then(|| view! { <td>{c.requester.clone()}</td> });
            view! {
                <tr class:unread=c.unread>
                    <td>
                        <A href=href.clone()>{number}</A>
                    </td>
                    <td>
                        <A href=href>{c.subject.clone()}</A>
                        <Show when=move || c.unread>
                            " "
                            <span class="badge">{t!(i18n, cases.answered)}</span>
                        </Show>
                    </td>
                    {requester}
                    <td>{move || labels::case_type(i18n, c.case_type)}</td>
                    <td>{move || labels::status(i18n, c.status, for_staff)}</td>
                    <td>{move || labels::origin(i18n, c.origin)}</td>
                    <td><Timestamp ms=c.created_at /></td>
                    <td><Timestamp ms=c.updated_at /></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="cases">
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, cases.number)}</th>
                    <th scope="col">{t!(i18n, cases.subject)}</th>
                    {for_staff.then(|| view! { <th scope="col">{t!(i18n, cases.requester)}</th> })}
                    <th scope="col">{t!(i18n, cases.type_label)}</th>
                    <th scope="col">{t!(i18n, cases.status)}</th>
                    <th scope="col">{t!(i18n, cases.origin)}</th>
                    <th scope="col">{t!(i18n, cases.created)}</th>
                    <th scope="col">{t!(i18n, cases.last_update)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

//! "My cases": the customer's cases, newest update first, with the ones
//! staff answered highlighted until opened. The table, its page links and
//! the filters come as HTML from the server (`ui::fragment`, `my_part`);
//! the page opens rows in place (`in_place`) and sends the filters as a
//! navigation. Staff lists are rendered in the browser (`CaseList`).

use leptos::prelude::*;
use leptos_router::components::{Redirect, A};
use leptos_router::hooks::use_location;

use super::api::{my_cases_part, my_filters_part};
use super::expand::CaseRows;
use super::filter::CaseQuery;
use super::CasePage;
use crate::error::AppError;
use crate::i18n::*;
use crate::mail::pages::VerifyNotice;
use crate::time::use_zone;
use crate::ui::forms::ErrorNotice;
use crate::ui::fragment::{notice, part, Ask, ServerHtml};
use crate::ui::labels::locale_code;
use crate::ui::title::PageTitle;
use crate::workspace::live::use_live;

#[component]
pub fn MyCasesPage() -> impl IntoView {
    let i18n = use_i18n();
    let search = use_location().search;
    let zone = use_zone();
    let live = use_live().any();
    let table = part(
        move || Ask {
            locale: locale_code(i18n),
            search: search.get(),
            zone: zone.get(),
            tick: live.get(),
        },
        |ask| Box::pin(my_cases_part(ask.search, ask.locale.to_string(), ask.zone)),
    );
    // The panel loads again only for another language; the URL's filters
    // reach it in place (`follow_url`), so nothing typed into it is lost.
    let panel = part(
        move || Ask {
            locale: locale_code(i18n),
            search: search.get_untracked(),
            ..Ask::default()
        },
        |ask| Box::pin(my_filters_part(ask.search, ask.locale.to_string())),
    );
    super::filter_panel::follow_url(search);
    let owner = Owner::current();
    let on_submit = Callback::new(move |ev| {
        super::filter_panel::submit(ev, "/cases", owner.as_ref());
    });
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
                <ServerHtml html=table on_error=sign_in_first on_click=super::in_place::opener() />
            </div>
            <ServerHtml html=panel on_submit />
        </div>
    }
}

/// A signed-out visitor is sent to sign in, and back.
fn sign_in_first(error: AppError) -> AnyView {
    match error {
        AppError::SignInRequired => view! { <Redirect path="/signin?next=/cases" /> }.into_any(),
        error => notice(error),
    }
}

/// A staff list once loaded: the table and its page links, a line when
/// there are none, or the way to sign in.
#[component]
pub fn CaseList(
    cases: crate::ui::data::Data<Result<CasePage, AppError>>,
    query: Memo<CaseQuery>,
) -> impl IntoView {
    let i18n = use_i18n();
    let here = "/staff";
    let search = use_location().search;
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match cases.await {
                    Ok(page) if page.rows.is_empty() => {
                        let empty = move || if !query.read().is_empty() {
                            t_string!(i18n, filters.no_match).to_string()
                        } else {
                            t_string!(i18n, staff.empty).to_string()
                        };
                        view! { <p class="empty">{empty}</p> }.into_any()
                    }
                    Ok(page) => {
                        let deep = !query.read_untracked().after.is_empty();
                        let search = search.get_untracked();
                        view! {
                            <CaseRows rows=page.rows for_staff=true now=page.now types=Vec::new().into() />
                            <PageLinks next=page.next deep search here />
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

/// "Next page" (keyset: after the last row shown) and, when `deep` in the
/// list, back to the first; `search` is the list's query string.
#[component]
pub fn PageLinks(
    next: Option<String>,
    deep: bool,
    search: String,
    here: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let with_after = move |after: Option<&str>| {
        let mut pairs: Vec<(String, String)> = super::filter_panel::url_pairs(&search)
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
    let first = deep.then(|| with_after(None));
    let next = next.map(|n| with_after(Some(&n)));
    view! {
        <nav class="pages" aria-label=tr!(i18n, cases.pages)>
            {first.map(|href| view! { <a href=href>{tr!(i18n, cases.first_page)}</a> })}
            {next.map(|href| view! { <a href=href>{tr!(i18n, cases.next_page)}</a> })}
        </nav>
    }
}

fn serde_urlencoded_pairs(pairs: &[(String, String)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

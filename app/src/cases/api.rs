//! Server functions for cases: thin wrappers that find who is asking, parse
//! the input and call the store.

use leptos::prelude::*;

use super::filter::CaseQuery;
use super::{CaseDetail, CasePage};
use crate::error::AppError;

#[server(prefix = "/api", endpoint = "cases/mine")]
pub async fn my_cases(query: CaseQuery) -> Result<CasePage, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let person = session::person(&state).await?;
        let mut filter = super::filter::CaseFilter::parse(&query)?;
        filter.zone = crate::auth::viewer::request_zone();
        let after = super::filter::Cursor::parse(&query.after)?;
        domain::cases::listing::list_for_requester(&state.db, &person, &filter, after).await
    };
    respond(run.await)
}

/// "My cases"' table as HTML (`ui::fragment`): the cases the filters in
/// `search` (the page's query string) find, and the page links, in `locale`
/// with dates in `zone`.
#[server(prefix = "/api", endpoint = "cases/mine/part")]
pub async fn my_cases_part(
    search: String,
    locale: String,
    zone: String,
) -> Result<String, AppError> {
    use crate::state::{app_state, respond};
    use crate::ui::fragment::render;
    let run = async {
        let query = super::filter_panel::query_in(&search);
        // The same list, checks and refusals as the list's data.
        let page = my_cases(query.clone()).await?;
        let types = domain::cases::settings::all(&app_state()?.db).await?;
        Ok(render(&locale, Some(zone), move || {
            view! { <super::my_part::MyCasesTable page types query search /> }
        }))
    };
    respond(run.await)
}

/// "My cases"' filter panel as HTML, set to the filters in `search`, in
/// `locale` (a form and the case types: anyone may have it).
#[server(prefix = "/api", endpoint = "cases/mine/filters")]
pub async fn my_filters_part(search: String, locale: String) -> Result<String, AppError> {
    use crate::state::{app_state, respond};
    use crate::ui::fragment::render;
    let run = async {
        let types = domain::cases::settings::all(&app_state()?.db).await?;
        let query = super::filter_panel::query_in(&search);
        Ok(render(&locale, None, move || {
            view! { <super::my_part::MyFilters types query search /> }
        }))
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "cases/all")]
pub async fn staff_cases(query: CaseQuery) -> Result<CasePage, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        let mut filter = super::filter::CaseFilter::parse(&query)?;
        filter.zone = crate::auth::viewer::request_zone();
        let after = super::filter::Cursor::parse(&query.after)?;
        domain::cases::listing::list_all(&state.db, &staff, &filter, after).await
    };
    respond(run.await)
}

/// "Open a New Case". A message that joined an active case of the same type
/// lands on that case with `?added=1`, so the page can say so.
#[server(prefix = "/api", endpoint = "cases/open")]
pub async fn open_case(#[server(flatten)] form: super::record::OpenForm) -> Result<i64, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let person = session::person(&state).await?;
        let mut new = domain::cases::open::check(&form, super::Origin::Web, false)?;
        new.language = crate::language::request_language();
        let opened = domain::cases::open::open_case(&state.db, &person, &new).await?;
        leptos_axum::redirect(&domain::cases::open::landing(opened));
        Ok(opened.number())
    };
    respond(run.await)
}

/// Staff open a case for a customer who phoned or wrote (PRODUCT.md §3.3).
#[server(prefix = "/api", endpoint = "cases/open-for")]
pub async fn open_case_for(
    customer: String,
    origin: String,
    #[server(flatten)] form: super::record::OpenForm,
) -> Result<i64, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        let origin = domain::cases::open::staff_origin(&origin)?;
        let new = domain::cases::open::check(&form, origin, true)?;
        let opened = domain::cases::open::open_case_for(&state.db, &staff, &customer, &new).await?;
        leptos_axum::redirect(&format!("/cases/{}", opened.number()));
        Ok(opened.number())
    };
    respond(run.await)
}

/// A case with page `page` of its conversation (1, the latest, when not
/// given).
#[server(prefix = "/api", endpoint = "cases/get")]
pub async fn get_case(number: i64, page: Option<u32>) -> Result<CaseDetail, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    use domain::cases::store::open_page_for_viewer;
    let run = async {
        let state = app_state()?;
        let person = session::person(&state).await?;
        open_page_for_viewer(&state.db, &person, number, page.unwrap_or(1)).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "cases/reply")]
pub async fn reply_to_case(number: i64, body: String) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    use crate::validate::MessageBody;
    let run = async {
        let state = app_state()?;
        let person = session::person(&state).await?;
        let body = MessageBody::parse(&body)?;
        domain::cases::store::reply(&state.db, &person, number, &body).await
    };
    respond(run.await)
}

/// Staff set a status; Referred takes the department the case waits on
/// (a case that has one may keep it).
#[server(prefix = "/api", endpoint = "cases/status")]
pub async fn change_status(
    number: i64,
    status: String,
    department: Option<String>,
) -> Result<(), AppError> {
    use super::CaseStatus;
    use crate::auth::session;
    use crate::state::{app_state, respond};
    use crate::validate::{Field, Problem};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        let status =
            CaseStatus::parse(&status).ok_or(AppError::invalid(Field::Status, Problem::Unknown))?;
        let department = department.as_deref().map(str::trim).unwrap_or_default();
        if status == CaseStatus::Referred && !department.is_empty() {
            let id = department
                .parse()
                .map_err(|_| AppError::invalid(Field::Department, Problem::Unknown))?;
            return domain::cases::assign::refer(&state.db, &staff, number, Some(id)).await;
        }
        domain::cases::store::set_status(&state.db, &staff, number, status).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "cases/close")]
pub async fn close_case(number: i64) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let person = session::person(&state).await?;
        domain::cases::requester::close_by_customer(&state.db, &person, number).await
    };
    respond(run.await)
}

/// Edits a case's fields; a field left out of the form is left alone.
#[server(prefix = "/api", endpoint = "cases/edit")]
pub async fn edit_case(
    number: i64,
    #[server(flatten)] edit: super::record::CaseEdit,
) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let person = session::person(&state).await?;
        let checked = edit.check(person.is_staff())?;
        domain::cases::edit::update(&state.db, &person, number, &checked).await
    };
    respond(run.await)
}

/// Staff merge case `number` into case `into`.
#[server(prefix = "/api", endpoint = "cases/merge")]
pub async fn merge_case(number: i64, into: String) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    use crate::validate::{Field, Problem};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        let into = into
            .trim()
            .trim_start_matches('#')
            .parse::<i64>()
            .map_err(|_| AppError::invalid(Field::MergeTarget, Problem::Malformed))?;
        domain::cases::merge::merge(&state.db, &staff, number, into).await
    };
    respond(run.await)
}

/// The customer's answer to a self-help reply.
#[server(prefix = "/api", endpoint = "cases/confirm")]
pub async fn confirm_self_help(number: i64, solved: bool) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let person = session::person(&state).await?;
        domain::cases::requester::confirm(&state.db, &person, number, solved).await
    };
    respond(run.await)
}

/// How many cases are in each status, for staff.
#[server(prefix = "/api", endpoint = "cases/counts")]
pub async fn status_counts() -> Result<Vec<(super::CaseStatus, i64)>, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::cases::lifecycle::status_counts(&state.db, &staff).await
    };
    respond(run.await)
}

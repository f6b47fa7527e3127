//! Server functions for cases: thin wrappers that find who is asking, parse
//! the input and call the store.

use leptos::prelude::*;

use super::filter::CaseQuery;
use super::{CaseDetail, CaseSummary};
use crate::error::AppError;

#[server(prefix = "/api", endpoint = "cases/mine")]
pub async fn my_cases(query: CaseQuery) -> Result<Vec<CaseSummary>, AppError> {
    use crate::auth::session::require_user;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let user = require_user(&state).await?;
        let filter = super::filter::CaseFilter::parse(&query)?;
        super::listing::list_for_requester(&state.db, &user, &filter).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "cases/all")]
pub async fn staff_cases(query: CaseQuery) -> Result<Vec<CaseSummary>, AppError> {
    use crate::auth::session::require_user;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let user = require_user(&state).await?;
        if !user.role.is_staff() {
            return Err(AppError::Forbidden);
        }
        let filter = super::filter::CaseFilter::parse(&query)?;
        super::listing::list_all(&state.db, &user, &filter).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "cases/open")]
pub async fn open_case(
    subject: String,
    case_type: String,
    description: String,
) -> Result<i64, AppError> {
    use super::{CaseType, Origin};
    use crate::auth::session::require_user;
    use crate::state::{app_state, respond};
    use crate::validate::{Field, MessageBody, Problem, Subject};
    let run = async {
        let state = app_state()?;
        let user = require_user(&state).await?;
        let subject = Subject::parse(&subject)?;
        let case_type = CaseType::parse(&case_type)
            .ok_or(AppError::invalid(Field::CaseType, Problem::Unknown))?;
        let description = MessageBody::parse(&description)?;
        let number = super::store::open_case(
            &state.db,
            &user,
            &subject,
            case_type,
            &description,
            Origin::Web,
        )
        .await?;
        leptos_axum::redirect(&format!("/cases/{number}"));
        Ok(number)
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "cases/get")]
pub async fn get_case(number: i64) -> Result<CaseDetail, AppError> {
    use crate::auth::session::require_user;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let user = require_user(&state).await?;
        super::store::open_for_viewer(&state.db, &user, number).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "cases/reply")]
pub async fn reply_to_case(number: i64, body: String) -> Result<(), AppError> {
    use crate::auth::session::require_user;
    use crate::state::{app_state, respond};
    use crate::validate::MessageBody;
    let run = async {
        let state = app_state()?;
        let user = require_user(&state).await?;
        let body = MessageBody::parse(&body)?;
        super::store::reply(&state.db, &user, number, &body).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "cases/status")]
pub async fn change_status(number: i64, status: String) -> Result<(), AppError> {
    use super::CaseStatus;
    use crate::auth::session::require_user;
    use crate::state::{app_state, respond};
    use crate::validate::{Field, Problem};
    let run = async {
        let state = app_state()?;
        let user = require_user(&state).await?;
        let status =
            CaseStatus::parse(&status).ok_or(AppError::invalid(Field::Status, Problem::Unknown))?;
        super::store::set_status(&state.db, &user, number, status).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "cases/close")]
pub async fn close_case(number: i64) -> Result<(), AppError> {
    use crate::auth::session::require_user;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let user = require_user(&state).await?;
        super::lifecycle::close_by_customer(&state.db, &user, number).await
    };
    respond(run.await)
}

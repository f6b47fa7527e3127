//! Server functions of the workspace: thin wrappers that find who is
//! asking, parse the input and call the core.

use leptos::prelude::*;

use super::{Directory, ViewCount};
use crate::error::AppError;

/// An optional id from a form's select: empty is none, anything else must
/// be a number (or it reads as an unknown choice of `field`).
#[cfg(feature = "ssr")]
fn optional_id(raw: &str, field: crate::validate::Field) -> Result<Option<i64>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse()
        .map(Some)
        .map_err(|_| AppError::invalid(field, crate::validate::Problem::Unknown))
}

/// The views of the rail with their counts, for the staff member asking.
#[server(prefix = "/api", endpoint = "workspace/views")]
pub async fn view_counts() -> Result<Vec<ViewCount>, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::cases::assign::view_counts(&state.db, &staff).await
    };
    respond(run.await)
}

/// The agents and departments cases can go to.
#[server(prefix = "/api", endpoint = "workspace/directory")]
pub async fn staff_directory() -> Result<Directory, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::cases::departments::directory(&state.db, &staff).await
    };
    respond(run.await)
}

/// Gives case `number` to an agent (`assignee` empty: to nobody).
#[server(prefix = "/api", endpoint = "cases/assign")]
pub async fn assign_case(number: i64, assignee: String) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        let to = optional_id(&assignee, crate::validate::Field::Assignee)?;
        domain::cases::assign::assign(&state.db, &staff, number, to).await
    };
    respond(run.await)
}

/// "Assign to me".
#[server(prefix = "/api", endpoint = "cases/take")]
pub async fn take_case(number: i64) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::cases::assign::take(&state.db, &staff, number).await
    };
    respond(run.await)
}

/// Sets the department case `number` belongs to (empty: none).
#[server(prefix = "/api", endpoint = "cases/department")]
pub async fn set_case_department(number: i64, department: String) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        let to = optional_id(&department, crate::validate::Field::Department)?;
        domain::cases::assign::set_department(&state.db, &staff, number, to).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "departments/add")]
pub async fn add_department(name: String) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    use crate::validate::DepartmentName;
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        let name = DepartmentName::parse(&name)?;
        domain::cases::departments::add(&state.db, &admin, &name).await?;
        Ok(())
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "departments/rename")]
pub async fn rename_department(id: i64, name: String) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    use crate::validate::DepartmentName;
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        let name = DepartmentName::parse(&name)?;
        domain::cases::departments::rename(&state.db, &admin, id, &name).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "departments/remove")]
pub async fn remove_department(id: i64) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        domain::cases::departments::remove(&state.db, &admin, id).await
    };
    respond(run.await)
}

/// Puts a staff member in a department (`member` false: takes them out).
#[server(prefix = "/api", endpoint = "departments/member")]
pub async fn set_department_member(id: i64, user: String, member: bool) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    use crate::validate::{Field, Problem};
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        let user = optional_id(&user, Field::Assignee)?
            .ok_or(AppError::invalid(Field::Assignee, Problem::Required))?;
        domain::cases::departments::set_member(&state.db, &admin, id, user, member).await
    };
    respond(run.await)
}

/// This staff member is on case `number`'s page (`typing`: writing a
/// reply); who else is there.
#[server(prefix = "/api", endpoint = "cases/presence")]
pub async fn case_presence(number: i64, typing: bool) -> Result<Vec<super::Presence>, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::cases::presence::here(&state.db, &staff, number, typing).await
    };
    respond(run.await)
}

/// This staff member left case `number`'s page.
#[server(prefix = "/api", endpoint = "cases/presence/gone")]
pub async fn left_case(number: i64) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::cases::presence::gone(&state.db, &staff, number).await
    };
    respond(run.await)
}

/// One status, agent or department for many cases: those numbered, or
/// all that `matching` finds. `action` is `status`, `assign` or
/// `department`; `value` its status key or id (empty: none).
#[server(prefix = "/api", endpoint = "cases/bulk")]
pub async fn bulk_update(
    numbers: Vec<i64>,
    matching: Option<model::cases::filter::CaseQuery>,
    action: String,
    value: String,
) -> Result<super::BulkResult, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    use crate::validate::{Field, Problem};
    use domain::cases::bulk::Selection;
    use model::cases::filter::CaseFilter;
    use model::cases::CaseStatus;
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        let action = match action.as_str() {
            "status" => super::BulkAction::Status(
                CaseStatus::parse(&value)
                    .ok_or(AppError::invalid(Field::Status, Problem::Unknown))?,
            ),
            "assign" => super::BulkAction::Assign(optional_id(&value, Field::Assignee)?),
            "department" => super::BulkAction::Department(optional_id(&value, Field::Department)?),
            _ => return Err(AppError::BadRequest),
        };
        let selection = match matching {
            Some(q) => {
                let mut filter = CaseFilter::parse(&q)?;
                filter.zone = crate::auth::viewer::request_zone();
                Selection::Matching(filter)
            }
            None => Selection::Numbers(numbers),
        };
        domain::cases::bulk::apply(&state.db, &staff, selection, action).await
    };
    respond(run.await)
}

/// How many cases the filters match (counted up to one past the bulk
/// limit), for "Select all N matching".
#[server(prefix = "/api", endpoint = "cases/bulk/count")]
pub async fn count_matching(query: model::cases::filter::CaseQuery) -> Result<usize, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        let mut filter = model::cases::filter::CaseFilter::parse(&query)?;
        filter.zone = crate::auth::viewer::request_zone();
        domain::cases::bulk::count_matching(&state.db, &staff, &filter).await
    };
    respond(run.await)
}

/// The service-level targets, one per priority.
#[server(prefix = "/api", endpoint = "service-levels")]
pub async fn sla_targets() -> Result<Vec<super::SlaTarget>, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::cases::sla::targets(&state.db, &staff).await
    };
    respond(run.await)
}

/// Sets one priority's targets, in hours (empty: none).
#[server(prefix = "/api", endpoint = "service-levels/save")]
pub async fn save_sla_target(
    priority: String,
    first_response: String,
    resolution: String,
) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    use model::cases::record::Priority;
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        let unknown = AppError::invalid(
            crate::validate::Field::Priority,
            crate::validate::Problem::Unknown,
        );
        let priority = Priority::parse(&priority).ok_or(unknown)?;
        let target = super::SlaTarget::parse(priority, &first_response, &resolution)?;
        domain::cases::sla::set_targets(&state.db, &admin, &[target]).await
    };
    respond(run.await)
}

//! Who works on a case and which department it waits on (PRODUCT.md §8),
//! and the kept counts behind the views of the staff rail.

use super::lifecycle::{change_status, log_event};
use super::store::{locked_case, CaseRow};
use super::workspace::{View, ViewCount};
use super::{ActivityKind, CaseStatus};
use crate::auth::{Role, Staff, User};
use crate::db::{Db, Tx};
use crate::error::AppError;
use crate::validate::{Field, Problem};

/// The key of a case's line in `case_queue_counts`: its agent, 0 for none.
pub(super) fn queue_of(assignee: Option<i64>) -> i64 {
    assignee.unwrap_or(0)
}

/// Keeps `case_queue_counts` in step: one open case leaves queue `from`
/// and joins queue `to` (`None`: not counted, a case that is not open).
pub(super) async fn count_queue(
    tx: &mut Tx,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<(), AppError> {
    if from == to {
        return Ok(());
    }
    if let Some(from) = from {
        sqlx::query("UPDATE case_queue_counts SET n = n - 1 WHERE assignee_id = $1")
            .bind(from)
            .execute(&mut **tx)
            .await?;
    }
    if let Some(to) = to {
        sqlx::query(
            r#"
            INSERT INTO case_queue_counts (assignee_id, n) VALUES ($1, 1)
            ON CONFLICT (assignee_id) DO UPDATE SET n = case_queue_counts.n + 1
            "#,
        )
        .bind(to)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Open cases per queue counted from the cases themselves (a scan): what
/// the kept counts must equal, and how a bulk load rebuilds them.
pub fn queues_from_cases() -> String {
    let open: Vec<String> = super::workspace::OPEN_STATUSES
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    format!(
        "SELECT COALESCE(assignee_id, 0) AS q, COUNT(*) AS n FROM cases \
         WHERE status IN ({}) GROUP BY COALESCE(assignee_id, 0)",
        open.join(", ")
    )
}

/// Every view of the rail with its count, for `staff` (Mine is theirs):
/// a handful of kept rows, whatever the number of cases.
pub async fn view_counts(db: &Db, staff: &Staff) -> Result<Vec<ViewCount>, AppError> {
    let statuses = super::lifecycle::status_counts(db, staff).await?;
    let queues: Vec<(i64, i64)> =
        sqlx::query_as("SELECT assignee_id, n FROM case_queue_counts WHERE assignee_id IN (0, $1)")
            .bind(staff.user().id)
            .fetch_all(&db.read)
            .await?;
    let queue = |id: i64| queues.iter().find(|q| q.0 == id).map_or(0, |q| q.1);
    let mentions: Option<i64> =
        sqlx::query_scalar("SELECT n FROM mention_counts WHERE user_id = $1")
            .bind(staff.user().id)
            .fetch_optional(&db.read)
            .await?;
    let breached = super::sla::breached_count(db).await?;
    Ok(View::ALL
        .into_iter()
        .map(|view| {
            let n = match view {
                View::Unassigned => queue(0),
                View::Mine => queue(staff.user().id),
                View::Mentions => mentions.unwrap_or(0),
                View::Breached => breached,
                _ => statuses
                    .iter()
                    .filter(|(s, _)| view.statuses().contains(s))
                    .map(|(_, n)| n)
                    .sum(),
            };
            ViewCount { view, n }
        })
        .collect())
}

/// A staff account that may be given cases, by id; anyone else reads as
/// "unknown" (customers and deactivated accounts included).
async fn assignable(tx: &mut Tx, id: i64) -> Result<(i64, String), AppError> {
    let row: Option<(i64, String, String)> =
        sqlx::query_as("SELECT id, name, role FROM users WHERE id = $1 AND deactivated_at IS NULL")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    match row {
        Some((id, name, role)) if Role::parse(&role).is_some_and(Role::is_staff) => Ok((id, name)),
        _ => Err(AppError::invalid(Field::Assignee, Problem::Unknown)),
    }
}

/// Gives the locked `case` to agent `to` (`None`: nobody), counting and
/// logging the change; nothing when it does not change.
pub(super) async fn reassign(
    tx: &mut Tx,
    actor: &User,
    case: &CaseRow,
    to: Option<(i64, String)>,
    now: i64,
) -> Result<(), AppError> {
    if case.assignee_id == to.as_ref().map(|a| a.0) {
        return Ok(());
    }
    sqlx::query("UPDATE cases SET assignee_id = $1 WHERE id = $2")
        .bind(to.as_ref().map(|a| a.0))
        .bind(case.id)
        .execute(&mut **tx)
        .await?;
    super::store::touch(tx, case.id, false, now).await?;
    crate::chat::console::follow_assignee(tx, case.id, to.as_ref().map(|a| a.0), now).await?;
    if case.status()?.is_open() {
        let (from_q, to_q) = (
            queue_of(case.assignee_id),
            queue_of(to.as_ref().map(|a| a.0)),
        );
        count_queue(tx, Some(from_q), Some(to_q)).await?;
    }
    let kind = ActivityKind::Assigned {
        from: case.assignee_name.clone(),
        to: to.map(|a| a.1),
    };
    log_event(tx, case.id, Some(actor.id), &kind, now).await
}

/// [`reassign`] to agent id `to` (checked), inside the caller's transaction.
pub(super) async fn reassign_to(
    tx: &mut Tx,
    actor: &User,
    case: &CaseRow,
    to: Option<i64>,
    now: i64,
) -> Result<(), AppError> {
    let to = match to {
        Some(id) => Some(assignable(tx, id).await?),
        None => None,
    };
    reassign(tx, actor, case, to, now).await
}

/// Staff give case `number` to agent `to`, or to nobody.
pub async fn assign(db: &Db, staff: &Staff, number: i64, to: Option<i64>) -> Result<(), AppError> {
    let staff = staff.user();
    let mut tx = db.begin_write().await?;
    let case = locked_case(&mut tx, staff, number).await?;
    if case.status()?.is_final() {
        return Err(AppError::CaseClosed);
    }
    reassign_to(&mut tx, staff, &case, to, db.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// Gives case `number` to `staff` inside the caller's transaction (an
/// accepted chat); an agent already on it changes nothing.
pub(crate) async fn take_in(
    tx: &mut Tx,
    staff: &Staff,
    number: i64,
    now: i64,
) -> Result<(), AppError> {
    let me = staff.user();
    let case = locked_case(tx, me, number).await?;
    if case.status()?.is_final() {
        return Err(AppError::CaseClosed);
    }
    reassign_to(tx, me, &case, Some(me.id), now).await
}

/// Hands chat case `number` over inside the caller's transaction: to an
/// agent, or to a department with nobody on it (the chat waits again).
pub(crate) async fn hand_over(
    tx: &mut Tx,
    staff: &Staff,
    number: i64,
    to: model::chat::Transfer,
    now: i64,
) -> Result<(), AppError> {
    use model::chat::Transfer;
    let me = staff.user();
    let case = locked_case(tx, me, number).await?;
    if case.status()?.is_final() {
        return Err(AppError::CaseClosed);
    }
    match to {
        Transfer::Agent(id) => reassign_to(tx, me, &case, Some(id), now).await,
        Transfer::Department(id) => {
            apply_department(tx, me, &case, Some(id), now).await?;
            reassign_to(tx, me, &case, None, now).await
        }
    }
}

/// "Assign to me".
pub async fn take(db: &Db, staff: &Staff, number: i64) -> Result<(), AppError> {
    assign(db, staff, number, Some(staff.user().id)).await
}

/// The department `id`, with its name; unknown reads as a field problem.
async fn department(tx: &mut Tx, id: i64) -> Result<(i64, String), AppError> {
    sqlx::query_as("SELECT id, name FROM departments WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(AppError::invalid(Field::Department, Problem::Unknown))
}

/// Sets the locked case's department, logging the change.
async fn move_to(
    tx: &mut Tx,
    actor: &User,
    case: &CaseRow,
    to: Option<(i64, String)>,
    now: i64,
) -> Result<(), AppError> {
    if case.department_id == to.as_ref().map(|d| d.0) {
        return Ok(());
    }
    sqlx::query("UPDATE cases SET department_id = $1 WHERE id = $2")
        .bind(to.as_ref().map(|d| d.0))
        .bind(case.id)
        .execute(&mut **tx)
        .await?;
    super::store::touch(tx, case.id, false, now).await?;
    let kind = ActivityKind::Department {
        from: case.department_name.clone(),
        to: to.map(|d| d.1),
    };
    log_event(tx, case.id, Some(actor.id), &kind, now).await
}

/// Staff set the department case `number` belongs to (`None`: none). A
/// referred case keeps one: it waits on that department.
pub async fn set_department(
    db: &Db,
    staff: &Staff,
    number: i64,
    to: Option<i64>,
) -> Result<(), AppError> {
    let staff = staff.user();
    let mut tx = db.begin_write().await?;
    let case = locked_case(&mut tx, staff, number).await?;
    if case.status()?.is_final() {
        return Err(AppError::CaseClosed);
    }
    apply_department(&mut tx, staff, &case, to, db.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// Sets the locked case's department to id `to` (checked); a referred case
/// keeps one.
pub(super) async fn apply_department(
    tx: &mut Tx,
    actor: &User,
    case: &CaseRow,
    to: Option<i64>,
    now: i64,
) -> Result<(), AppError> {
    let to = match to {
        Some(id) => Some(department(tx, id).await?),
        None if case.status()? == CaseStatus::Referred => {
            return Err(AppError::invalid(Field::Department, Problem::Required))
        }
        None => None,
    };
    move_to(tx, actor, case, to, now).await
}

/// Staff refer case `number` to a department: the status becomes
/// Referred and the case waits on `department` (required).
pub async fn refer(
    db: &Db,
    staff: &Staff,
    number: i64,
    department_id: Option<i64>,
) -> Result<(), AppError> {
    let staff = staff.user();
    let mut tx = db.begin_write().await?;
    let case = locked_case(&mut tx, staff, number).await?;
    let from = case.status()?;
    super::rules::check_staff_status_change(from, CaseStatus::Referred)?;
    let id = department_id.ok_or(AppError::invalid(Field::Department, Problem::Required))?;
    let to = department(&mut tx, id).await?;
    let now = db.now();
    move_to(&mut tx, staff, &case, Some(to), now).await?;
    if from != CaseStatus::Referred {
        change_status(
            &mut tx,
            case.id,
            Some(staff.id),
            from,
            CaseStatus::Referred,
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
#[path = "assign_tests.rs"]
mod tests;

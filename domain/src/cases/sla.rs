//! Service levels: admins' targets per priority and each case's due times.
//! The clock stops while a case waits on the customer: the time spent
//! waiting is added to its due times. Every change to a case that can move
//! them (a status, the first staff answer, the priority, a new target)
//! recomputes them in SQL, inside the change's transaction.

use std::sync::LazyLock;

use super::record::Priority;
use super::workspace::{View, OPEN_STATUSES};
use super::CaseStatus;
use crate::auth::{Admin, Staff};
use crate::db::{Db, Tx};
use crate::error::AppError;
pub use model::cases::sla::*;

/// `sla_due` of a case no due time counts for: sorts last, never breached.
pub const NO_DUE: i64 = i64::MAX;

/// `('new', 'in_progress', ...)`: fixed names from the code, not input.
static OPEN_LIST: LazyLock<String> = LazyLock::new(|| {
    let names: Vec<String> = OPEN_STATUSES
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    format!("({})", names.join(", "))
});

/// Every priority's targets, in priority order.
pub async fn targets(db: &Db, _staff: &Staff) -> Result<Vec<SlaTarget>, AppError> {
    let rows: Vec<(String, Option<i64>, Option<i64>)> =
        sqlx::query_as("SELECT priority, first_response_ms, resolution_ms FROM sla_targets")
            .fetch_all(&db.read)
            .await?;
    Ok(Priority::ALL
        .into_iter()
        .map(|priority| {
            let row = rows.iter().find(|r| r.0 == priority.as_str());
            SlaTarget {
                priority,
                first_response_ms: row.and_then(|r| r.1),
                resolution_ms: row.and_then(|r| r.2),
            }
        })
        .collect())
}

/// Sets targets (one per priority given) and moves the due times of the
/// open cases they apply to, in one transaction.
pub async fn set_targets(db: &Db, _admin: &Admin, targets: &[SlaTarget]) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    for t in targets {
        sqlx::query(
            "INSERT INTO sla_targets (priority, first_response_ms, resolution_ms) \
             VALUES ($1, $2, $3) ON CONFLICT (priority) DO UPDATE \
             SET first_response_ms = excluded.first_response_ms, \
                 resolution_ms = excluded.resolution_ms",
        )
        .bind(t.priority.as_str())
        .bind(t.first_response_ms)
        .bind(t.resolution_ms)
        .execute(&mut *tx)
        .await?;
        let scope = format!("priority = $1 AND status IN {}", *OPEN_LIST);
        recompute(&mut tx, &scope, |q| q.bind(t.priority.as_str())).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Recomputes one case's due times from its row and the targets.
pub(super) async fn refresh(tx: &mut Tx, case_id: i64) -> Result<(), AppError> {
    recompute(tx, "id = $1", |q| q.bind(case_id)).await
}

type Query<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// The due times of the cases `scope` selects (a WHERE clause whose one
/// parameter `bind` gives): the target after the creation, plus the time
/// spent waiting; then the next one that counts.
async fn recompute(
    tx: &mut Tx,
    scope: &str,
    bind: impl for<'q> Fn(Query<'q>) -> Query<'q>,
) -> Result<(), AppError> {
    let dues = format!(
        "UPDATE cases SET \
         first_response_due = created_at + sla_paused_ms + \
           (SELECT t.first_response_ms FROM sla_targets t WHERE t.priority = cases.priority), \
         resolution_due = created_at + sla_paused_ms + \
           (SELECT t.resolution_ms FROM sla_targets t WHERE t.priority = cases.priority) \
         WHERE {scope}"
    );
    bind(sqlx::query(&dues)).execute(&mut **tx).await?;
    let next = format!(
        "UPDATE cases SET sla_due = CASE \
           WHEN sla_paused_since IS NOT NULL OR status NOT IN {open} THEN {NO_DUE} \
           WHEN first_response_at IS NULL AND first_response_due IS NOT NULL \
             AND (resolution_due IS NULL OR first_response_due < resolution_due) \
             THEN first_response_due \
           WHEN resolution_due IS NOT NULL THEN resolution_due \
           ELSE {NO_DUE} END \
         WHERE {scope}",
        open = *OPEN_LIST
    );
    bind(sqlx::query(&next)).execute(&mut **tx).await?;
    Ok(())
}

/// A case moves to `to`: waiting on the customer stops its clock, leaving
/// that restarts it (the wait pushes its due times back); leaving the open
/// statuses stamps its resolution, coming back clears it.
pub(super) async fn status_changed(
    tx: &mut Tx,
    case_id: i64,
    to: CaseStatus,
    now: i64,
) -> Result<(), AppError> {
    let waiting = View::Waiting.statuses().contains(&to);
    sqlx::query(
        "UPDATE cases SET \
         sla_paused_ms = sla_paused_ms + CASE \
           WHEN sla_paused_since IS NOT NULL AND NOT $1 AND $2 > sla_paused_since \
           THEN $2 - sla_paused_since ELSE 0 END, \
         sla_paused_since = CASE WHEN $1 THEN COALESCE(sla_paused_since, $2) ELSE NULL END, \
         resolved_at = CASE WHEN $3 THEN NULL ELSE COALESCE(resolved_at, $2) END \
         WHERE id = $4",
    )
    .bind(waiting)
    .bind(now)
    .bind(to.is_open())
    .bind(case_id)
    .execute(&mut **tx)
    .await?;
    refresh(tx, case_id).await
}

/// How many open cases are past a due time, up to [`BREACHED_COUNT_CAP`].
pub(super) async fn breached_count(db: &Db) -> Result<i64, AppError> {
    let sql = format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM cases \
         WHERE status IN {} AND sla_due < $1 LIMIT $2) AS breached",
        *OPEN_LIST
    );
    Ok(sqlx::query_scalar(&sql)
        .bind(db.now())
        .bind(BREACHED_COUNT_CAP)
        .fetch_one(&db.read)
        .await?)
}

/// The clock a list row or case page shows, from the stored columns.
pub(super) fn clock(sla_due: i64, paused: bool, first: bool, now: i64) -> Option<SlaClock> {
    if sla_due != NO_DUE {
        Some(SlaClock {
            left_ms: Some(sla_due - now),
            first_response: first,
        })
    } else {
        paused.then_some(SlaClock {
            left_ms: None,
            first_response: first,
        })
    }
}

/// The columns [`clock`] reads, for a query on `cases c`.
pub(super) const CLOCK_COLUMNS: &str = r#"
    c.sla_due,
    CASE WHEN c.sla_paused_since IS NOT NULL AND (c.resolution_due IS NOT NULL
        OR (c.first_response_at IS NULL AND c.first_response_due IS NOT NULL))
        THEN 1 ELSE 0 END AS sla_paused,
    CASE WHEN c.first_response_at IS NULL AND c.first_response_due IS NOT NULL
        AND (c.resolution_due IS NULL OR c.first_response_due < c.resolution_due)
        THEN 1 ELSE 0 END AS sla_first
"#;

#[cfg(test)]
#[path = "sla_tests.rs"]
mod tests;

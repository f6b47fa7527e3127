//! How cases move over time: the activity log, the customer closing a case,
//! and the automatic closes of PRODUCT.md §3.5.

use std::time::Duration;

use super::store::visible_case;
use super::{ActivityEntry, CaseStatus};
use crate::auth::User;
use crate::db::{Db, Tx};
use crate::error::AppError;

/// How long a case may wait on the customer before it closes by itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AutoClose {
    pub awaiting_reply: Duration,
    pub awaiting_confirmation: Duration,
    pub resolved: Duration,
}

impl Default for AutoClose {
    fn default() -> Self {
        let hours = |h: u64| Duration::from_secs(h * 60 * 60);
        Self {
            awaiting_reply: hours(48),
            awaiting_confirmation: hours(24),
            resolved: hours(48),
        }
    }
}

impl AutoClose {
    fn rules(&self) -> [(CaseStatus, Duration); 3] {
        [
            (CaseStatus::AwaitingReply, self.awaiting_reply),
            (CaseStatus::AwaitingConfirmation, self.awaiting_confirmation),
            (CaseStatus::Resolved, self.resolved),
        ]
    }
}

/// Writes one status change to the case's activity log; `actor` `None` is
/// the system.
pub(super) async fn record_status(
    tx: &mut Tx,
    case_id: i64,
    actor: Option<i64>,
    from: Option<CaseStatus>,
    to: CaseStatus,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(
        r#"
        INSERT INTO case_events (case_id, actor_id, from_status, to_status, created_at)
        VALUES ($1, $2, $3, $4, $5)
        "#,
    )
    .bind(case_id)
    .bind(actor)
    .bind(from.map(CaseStatus::as_str))
    .bind(to.as_str())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Moves a case to `to`, stamping the change and logging it.
pub(super) async fn change_status(
    tx: &mut Tx,
    case_id: i64,
    actor: Option<i64>,
    from: CaseStatus,
    to: CaseStatus,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE cases SET status = $1, status_changed_at = $2, updated_at = $2 WHERE id = $3",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(case_id)
    .execute(&mut **tx)
    .await?;
    record_status(tx, case_id, actor, Some(from), to, now).await
}

/// "Close case": the requester closes a case that is still open.
pub async fn close_by_customer(db: &Db, user: &User, number: i64) -> Result<(), AppError> {
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let case = visible_case(&mut *tx, user, number).await?;
    if case.requester_id != user.id {
        return Err(AppError::Forbidden);
    }
    let from = case.status()?;
    if from.is_final() {
        return Err(AppError::CaseClosed);
    }
    change_status(
        &mut tx,
        case.id,
        Some(user.id),
        from,
        CaseStatus::ClosedByCustomer,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Closes every case that has waited on the customer longer than allowed.
/// Only stored timestamps decide, so a restart or a stopped server loses
/// nothing, and a case closed once is never closed again.
pub async fn auto_close_due(db: &Db, limits: &AutoClose) -> Result<usize, AppError> {
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let mut closed = 0;
    for (status, wait) in limits.rules() {
        let due_before = now - wait.as_millis() as i64;
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM cases WHERE status = $1 AND status_changed_at <= $2",
        )
        .bind(status.as_str())
        .bind(due_before)
        .fetch_all(&mut *tx)
        .await?;
        for id in ids {
            change_status(&mut tx, id, None, status, CaseStatus::Closed, now).await?;
            closed += 1;
        }
    }
    tx.commit().await?;
    Ok(closed)
}

/// Runs the automatic closes now and then every `every`, until the process
/// ends. Errors are logged and retried on the next round.
pub fn spawn_auto_close(db: Db, limits: AutoClose, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            match auto_close_due(&db, &limits).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(cases = n, "closed cases automatically"),
                Err(err) => tracing::warn!(?err, "automatic close failed; will retry"),
            }
        }
    });
}

/// The case's status changes, oldest first.
pub(super) async fn activity(db: &Db, case_id: i64) -> Result<Vec<ActivityEntry>, AppError> {
    let rows = sqlx::query_as::<_, (Option<String>, Option<String>, String, i64)>(
        r#"
        SELECT u.name, e.from_status, e.to_status, e.created_at
        FROM case_events e
        LEFT JOIN users u ON u.id = e.actor_id
        WHERE e.case_id = $1
        ORDER BY e.created_at, e.id
        "#,
    )
    .bind(case_id)
    .fetch_all(&db.read)
    .await?;
    rows.into_iter()
        .map(|(actor, from, to, at)| {
            let parse = |s: &str| {
                CaseStatus::parse(s).ok_or_else(|| {
                    tracing::error!(status = %s, "unknown status in case_events");
                    AppError::Internal
                })
            };
            Ok(ActivityEntry {
                actor,
                from: from.as_deref().map(parse).transpose()?,
                to: parse(&to)?,
                at,
            })
        })
        .collect()
}

#[cfg(test)]
#[path = "lifecycle_tests.rs"]
mod tests;

//! How cases move over time: the activity log, the customer closing a case,
//! and the automatic closes of PRODUCT.md §3.5.

use std::time::Duration;

use super::record::{field_from_key, field_key};
use super::{ActivityEntry, ActivityKind, CaseStatus};
use crate::auth::Staff;
use crate::db::{skip_locked, Db, Tx};
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

/// Writes one line of the case's activity log; `actor` `None` is the system.
pub(super) async fn log_event(
    tx: &mut Tx,
    case_id: i64,
    actor: Option<i64>,
    kind: &ActivityKind,
    now: i64,
) -> Result<(), AppError> {
    let (name, from, to, field, old, new, other) = match kind {
        ActivityKind::Opened(s) => ("status", None, Some(s.as_str()), None, None, None, None),
        ActivityKind::Status { from, to } => (
            "status",
            Some(from.as_str()),
            Some(to.as_str()),
            None,
            None,
            None,
            None,
        ),
        ActivityKind::Field { field, old, new } => (
            "field",
            None,
            None,
            Some(field_key(*field)),
            Some(old.as_str()),
            Some(new.as_str()),
            None,
        ),
        ActivityKind::MergedInto(n) => ("merged_into", None, None, None, None, None, Some(*n)),
        ActivityKind::MergedFrom(n) => ("merged_from", None, None, None, None, None, Some(*n)),
        ActivityKind::Assigned { from, to } => (
            "assigned",
            None,
            None,
            None,
            from.as_deref(),
            to.as_deref(),
            None,
        ),
        ActivityKind::Department { from, to } => (
            "department",
            None,
            None,
            None,
            from.as_deref(),
            to.as_deref(),
            None,
        ),
    };
    sqlx::query(
        r#"
        INSERT INTO case_events
            (case_id, actor_id, kind, from_status, to_status, field, old_value, new_value,
             other_case, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        "#,
    )
    .bind(case_id)
    .bind(actor)
    .bind(name)
    .bind(from)
    .bind(to)
    .bind(field)
    .bind(old)
    .bind(new)
    .bind(other)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Keeps `case_status_counts` in step: case `case_id` leaves `from` (if
/// any) and joins `to`, on its own line of each (one of 8, see the
/// migration).
pub(super) async fn count_status(
    tx: &mut Tx,
    case_id: i64,
    from: Option<CaseStatus>,
    to: CaseStatus,
) -> Result<(), AppError> {
    // The top bits of a multiplicative hash: neighbouring ids (cases
    // opened together, often worked together) spread over every line.
    let shard = ((case_id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 61) as i64;
    let moves = from.map(|f| (f, -1_i64)).into_iter().chain([(to, 1)]);
    for (status, by) in moves {
        sqlx::query(
            r#"
            INSERT INTO case_status_counts (status, shard, n) VALUES ($1, $2, $3)
            ON CONFLICT (status, shard) DO UPDATE SET n = case_status_counts.n + $3
            "#,
        )
        .bind(status.as_str())
        .bind(shard)
        .bind(by)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// The kept count of each status (the sum of its lines), as SQL.
pub const STATUS_COUNTS: &str =
    "SELECT status, CAST(SUM(n) AS BIGINT) AS n FROM case_status_counts GROUP BY status";

/// Moves a case to `to`, stamping the change, counting and logging it.
pub(super) async fn change_status(
    tx: &mut Tx,
    case_id: i64,
    actor: Option<i64>,
    from: CaseStatus,
    to: CaseStatus,
    now: i64,
) -> Result<(), AppError> {
    let assignee: Option<i64> = sqlx::query_scalar(
        "UPDATE cases SET status = $1, status_changed_at = $2, \
         updated_at = CASE WHEN updated_at > $2 THEN updated_at ELSE $2 END WHERE id = $3 \
         RETURNING assignee_id",
    )
    .bind(to.as_str())
    .bind(now)
    .bind(case_id)
    .fetch_one(&mut **tx)
    .await?;
    count_status(tx, case_id, Some(from), to).await?;
    super::sla::status_changed(tx, case_id, to, now).await?;
    super::changes::record(tx, case_id, true, now).await?;
    let queue = super::assign::queue_of(assignee);
    super::assign::count_queue(
        tx,
        from.is_open().then_some(queue),
        to.is_open().then_some(queue),
    )
    .await?;
    log_event(tx, case_id, actor, &ActivityKind::Status { from, to }, now).await
}

/// How many cases are in each status, from the kept counts (no scan).
pub async fn status_counts(db: &Db, _staff: &Staff) -> Result<Vec<(CaseStatus, i64)>, AppError> {
    let rows = sqlx::query_as::<_, (String, i64)>(STATUS_COUNTS)
        .fetch_all(&db.read)
        .await?;
    Ok(CaseStatus::ALL
        .into_iter()
        .map(|s| {
            let n = rows
                .iter()
                .find(|(k, _)| k == s.as_str())
                .map_or(0, |r| r.1);
            (s, n)
        })
        .collect())
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
        // With several servers on PostgreSQL, each due case is taken by one
        // of them: the others skip the rows it holds, and a case it has
        // closed no longer matches when they read it again.
        let claim = skip_locked(&tx);
        let sql =
            format!("SELECT id FROM cases WHERE status = $1 AND status_changed_at <= $2{claim}");
        let ids: Vec<i64> = sqlx::query_scalar(&sql)
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

/// When to remind the customer before a wait of `wait` ends: a day
/// before, or half-way through a wait of a day or less.
fn remind_after(wait: Duration) -> Duration {
    const DAY: Duration = Duration::from_secs(24 * 60 * 60);
    if wait > DAY {
        wait - DAY
    } else {
        wait / 2
    }
}

/// Queues the reminder mail for every case whose automatic close is near,
/// once per wait: `reminded_at` older than the last status change means
/// this wait has had none.
pub async fn remind_due(db: &Db, limits: &AutoClose) -> Result<usize, AppError> {
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let sql = format!(
        "SELECT id, status_changed_at FROM cases WHERE status = $1 AND status_changed_at <= $2 \
         AND (reminded_at IS NULL OR reminded_at < status_changed_at){}",
        skip_locked(&tx)
    );
    let mut reminded = 0;
    for (status, wait) in limits.rules() {
        let due_before = now - remind_after(wait).as_millis() as i64;
        let due: Vec<(i64, i64)> = sqlx::query_as(&sql)
            .bind(status.as_str())
            .bind(due_before)
            .fetch_all(&mut *tx)
            .await?;
        for (id, since) in due {
            let closes_at = since + wait.as_millis() as i64;
            crate::mail::notify::close_reminder(&mut tx, id, closes_at, now).await?;
            sqlx::query("UPDATE cases SET reminded_at = $1 WHERE id = $2")
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            reminded += 1;
        }
    }
    tx.commit().await?;
    Ok(reminded)
}

/// Runs the automatic closes (and the text index's upkeep) now and then
/// every `every`, until the process ends. Errors are logged and retried on
/// the next round.
pub fn spawn_auto_close(db: Db, defaults: AutoClose, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            // Read each round: admins change the waits on the settings page.
            let limits = match super::settings::close_times(&db, &defaults).await {
                Ok(limits) => limits,
                Err(err) => {
                    tracing::warn!(?err, "reading the close waits failed; will retry");
                    continue;
                }
            };
            match auto_close_due(&db, &limits).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(cases = n, "closed cases automatically"),
                Err(err) => tracing::warn!(?err, "automatic close failed; will retry"),
            }
            match remind_due(&db, &limits).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(cases = n, "reminded customers of a close"),
                Err(err) => tracing::warn!(?err, "close reminders failed; will retry"),
            }
            if let Err(err) = super::text_search::tidy(&db).await {
                tracing::warn!(?err, "text index upkeep failed; will retry");
            }
        }
    });
}

#[derive(sqlx::FromRow)]
struct EventRow {
    actor: Option<String>,
    kind: String,
    from_status: Option<String>,
    to_status: Option<String>,
    field: Option<String>,
    old_value: Option<String>,
    new_value: Option<String>,
    other_case: Option<i64>,
    created_at: i64,
}

impl EventRow {
    fn into_entry(self) -> Result<ActivityEntry, AppError> {
        let bad = |what: &str| {
            tracing::error!(%what, kind = %self.kind, "unreadable row in case_events");
            AppError::Internal
        };
        let status = |s: &Option<String>| {
            s.as_deref()
                .map(|s| CaseStatus::parse(s).ok_or_else(|| bad(s)))
                .transpose()
        };
        let kind = match self.kind.as_str() {
            "status" => match (status(&self.from_status)?, status(&self.to_status)?) {
                (None, Some(to)) => ActivityKind::Opened(to),
                (Some(from), Some(to)) => ActivityKind::Status { from, to },
                _ => return Err(bad("status")),
            },
            "field" => ActivityKind::Field {
                field: self
                    .field
                    .as_deref()
                    .and_then(field_from_key)
                    .ok_or_else(|| bad("field"))?,
                old: self.old_value.clone().unwrap_or_default(),
                new: self.new_value.clone().unwrap_or_default(),
            },
            "merged_into" => ActivityKind::MergedInto(self.other_case.ok_or_else(|| bad("other"))?),
            "merged_from" => ActivityKind::MergedFrom(self.other_case.ok_or_else(|| bad("other"))?),
            "assigned" => ActivityKind::Assigned {
                from: self.old_value.clone(),
                to: self.new_value.clone(),
            },
            "department" => ActivityKind::Department {
                from: self.old_value.clone(),
                to: self.new_value.clone(),
            },
            other => return Err(bad(other)),
        };
        Ok(ActivityEntry {
            actor: self.actor,
            kind,
            at: self.created_at,
        })
    }
}

/// The case's activity log, oldest first; assignment lines for staff only.
pub(super) async fn activity(
    db: &Db,
    case_id: i64,
    staff: bool,
) -> Result<Vec<ActivityEntry>, AppError> {
    sqlx::query_as::<_, EventRow>(
        r#"
        SELECT u.name AS actor, e.kind, e.from_status, e.to_status, e.field, e.old_value,
               e.new_value, e.other_case, e.created_at
        FROM case_events e
        LEFT JOIN users u ON u.id = e.actor_id
        WHERE e.case_id = $1 AND ($2 OR e.kind NOT IN ('assigned', 'department'))
        ORDER BY e.created_at, e.id
        "#,
    )
    .bind(case_id)
    .bind(staff)
    .fetch_all(&db.read)
    .await?
    .into_iter()
    .map(EventRow::into_entry)
    .collect()
}

#[cfg(test)]
#[path = "lifecycle_tests.rs"]
mod tests;

//! SQL for one case and its messages. Every function that reads a case for
//! a person checks that they may see it; one they may not is "not found".

use sqlx::FromRow;

use super::lifecycle::{activity, change_status, record_status};
use super::rules::{check_staff_status_change, status_after_reply};
use super::{CaseDetail, CaseStatus, CaseType, Message, Origin};
use crate::auth::User;
use crate::db::{Db, Tx};
use crate::error::AppError;
use crate::validate::{MessageBody, Subject};

/// Case numbers start above this, so they look like case numbers.
const FIRST_NUMBER_MINUS_ONE: i64 = 1000;

pub(super) fn decode<T>(value: Option<T>, what: &str, raw: &str) -> Result<T, AppError> {
    value.ok_or_else(|| {
        tracing::error!(%what, %raw, "unknown value in the cases table");
        AppError::Internal
    })
}

/// Opens a case with its first message; returns its number.
pub async fn open_case(
    db: &Db,
    requester: &User,
    subject: &Subject,
    case_type: CaseType,
    description: &MessageBody,
    origin: Origin,
) -> Result<i64, AppError> {
    let now = db.now();
    let mut tx = db.begin_write().await?;
    // Safe without a sequence: the write transaction holds the only writer.
    let number: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(number), $1) + 1 FROM cases")
        .bind(FIRST_NUMBER_MINUS_ONE)
        .fetch_one(&mut *tx)
        .await?;
    let case_id: i64 = sqlx::query_scalar(
        r#"
        INSERT INTO cases
            (number, requester_id, subject, case_type, status, origin,
             created_at, updated_at, status_changed_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7)
        RETURNING id
        "#,
    )
    .bind(number)
    .bind(requester.id)
    .bind(subject.as_str())
    .bind(case_type.as_str())
    .bind(CaseStatus::New.as_str())
    .bind(origin.as_str())
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    insert_message(&mut tx, case_id, requester, description, now).await?;
    record_status(
        &mut tx,
        case_id,
        Some(requester.id),
        None,
        CaseStatus::New,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(number)
}

async fn insert_message(
    tx: &mut Tx,
    case_id: i64,
    author: &User,
    body: &MessageBody,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(
        r#"
        INSERT INTO messages (case_id, author_id, from_staff, body, created_at)
        VALUES ($1, $2, $3, $4, $5)
        "#,
    )
    .bind(case_id)
    .bind(author.id)
    .bind(author.role.is_staff())
    .bind(body.as_str())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(FromRow)]
pub(super) struct CaseRow {
    pub(super) id: i64,
    number: i64,
    pub(super) requester_id: i64,
    subject: String,
    case_type: String,
    status: String,
    origin: String,
    created_at: i64,
    updated_at: i64,
    last_staff_reply_at: Option<i64>,
    requester_name: String,
    requester_email: String,
}

impl CaseRow {
    pub(super) fn status(&self) -> Result<CaseStatus, AppError> {
        decode(CaseStatus::parse(&self.status), "status", &self.status)
    }

    fn visible_to(&self, user: &User) -> bool {
        user.role.is_staff() || self.requester_id == user.id
    }
}

/// The case numbered `number` if `viewer` may see it; otherwise not found,
/// whether or not it exists.
pub(super) async fn visible_case<'e, E>(
    exec: E,
    viewer: &User,
    number: i64,
) -> Result<CaseRow, AppError>
where
    E: sqlx::SqliteExecutor<'e>,
{
    let row = sqlx::query_as::<_, CaseRow>(
        r#"
        SELECT c.id, c.number, c.requester_id, c.subject, c.case_type, c.status, c.origin,
               c.created_at, c.updated_at, c.last_staff_reply_at,
               u.name AS requester_name, u.email AS requester_email
        FROM cases c
        JOIN users u ON u.id = c.requester_id
        WHERE c.number = $1
        "#,
    )
    .bind(number)
    .fetch_optional(exec)
    .await?;
    row.filter(|c| c.visible_to(viewer))
        .ok_or(AppError::NotFound)
}

/// The case and its conversation; records that `viewer` has now read it.
pub async fn open_for_viewer(db: &Db, viewer: &User, number: i64) -> Result<CaseDetail, AppError> {
    let case = visible_case(&db.read, viewer, number).await?;
    let messages = sqlx::query_as::<_, (String, bool, String, i64)>(
        r#"
        SELECT u.name, m.from_staff, m.body, m.created_at
        FROM messages m
        JOIN users u ON u.id = m.author_id
        WHERE m.case_id = $1
        ORDER BY m.created_at, m.id
        "#,
    )
    .bind(case.id)
    .fetch_all(&db.read)
    .await?
    .into_iter()
    .map(|(author, from_staff, body, created_at)| Message {
        author,
        from_staff,
        body,
        created_at,
    })
    .collect();
    let activity = activity(db, case.id).await?;
    mark_seen(db, case.id, viewer.id).await?;
    Ok(CaseDetail {
        number: case.number,
        case_type: decode(CaseType::parse(&case.case_type), "type", &case.case_type)?,
        status: case.status()?,
        origin: decode(Origin::parse(&case.origin), "origin", &case.origin)?,
        subject: case.subject,
        created_at: case.created_at,
        updated_at: case.updated_at,
        requester_name: case.requester_name,
        requester_email: case.requester_email,
        messages,
        activity,
        viewer_is_staff: viewer.role.is_staff(),
        viewer_is_requester: case.requester_id == viewer.id,
    })
}

async fn mark_seen(db: &Db, case_id: i64, user_id: i64) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        r#"
        INSERT INTO case_views (case_id, user_id, seen_at)
        VALUES ($1, $2, $3)
        ON CONFLICT (case_id, user_id) DO UPDATE SET seen_at = excluded.seen_at
        "#,
    )
    .bind(case_id)
    .bind(user_id)
    .bind(db.now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a reply and moves the status as the rules say, all or nothing.
pub async fn reply(
    db: &Db,
    author: &User,
    number: i64,
    body: &MessageBody,
) -> Result<(), AppError> {
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let case = visible_case(&mut *tx, author, number).await?;
    let from_staff = author.role.is_staff();
    let current = case.status()?;
    let next = status_after_reply(current, from_staff, case.last_staff_reply_at.is_some())?;
    insert_message(&mut tx, case.id, author, body, now).await?;
    sqlx::query(
        r#"
        UPDATE cases
        SET updated_at = $1,
            last_staff_reply_at = CASE WHEN $2 THEN $1 ELSE last_staff_reply_at END
        WHERE id = $3
        "#,
    )
    .bind(now)
    .bind(from_staff)
    .bind(case.id)
    .execute(&mut *tx)
    .await?;
    if next != current {
        change_status(&mut tx, case.id, Some(author.id), current, next, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Staff change a case's status by hand.
pub async fn set_status(
    db: &Db,
    staff: &User,
    number: i64,
    to: CaseStatus,
) -> Result<(), AppError> {
    if !staff.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    let mut tx = db.begin_write().await?;
    let case = visible_case(&mut *tx, staff, number).await?;
    let from = case.status()?;
    check_staff_status_change(from, to)?;
    if from != to {
        change_status(&mut tx, case.id, Some(staff.id), from, to, db.now()).await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;

//! SQL for cases and their messages. Every function that reads a case for a
//! person checks that they may see it; one they may not is "not found".

use sqlx::{FromRow, QueryBuilder, Sqlite};

use super::filter::{CaseFilter, Sort};
use super::lifecycle::{activity, change_status, record_status};
use super::rules::{check_staff_status_change, status_after_reply};
use super::{CaseDetail, CaseStatus, CaseSummary, CaseType, Message, Origin};
use crate::auth::User;
use crate::db::{Db, Tx};
use crate::error::AppError;
use crate::validate::{MessageBody, Subject};

/// Longest list page; later issues bring filters and paging.
pub const PAGE_SIZE: i64 = 100;
/// Case numbers start above this, so they look like case numbers.
const FIRST_NUMBER_MINUS_ONE: i64 = 1000;

fn decode<T>(value: Option<T>, what: &str, raw: &str) -> Result<T, AppError> {
    value.ok_or_else(|| {
        tracing::error!(%what, %raw, "unknown value in the cases table");
        AppError::Internal
    })
}

#[derive(FromRow)]
pub(super) struct SummaryRow {
    pub(super) number: i64,
    pub(super) subject: String,
    pub(super) case_type: String,
    pub(super) status: String,
    pub(super) origin: String,
    pub(super) created_at: i64,
    pub(super) updated_at: i64,
    pub(super) unread: bool,
    pub(super) requester: String,
}

impl SummaryRow {
    fn into_summary(self) -> Result<CaseSummary, AppError> {
        Ok(CaseSummary {
            number: self.number,
            case_type: decode(CaseType::parse(&self.case_type), "type", &self.case_type)?,
            status: decode(CaseStatus::parse(&self.status), "status", &self.status)?,
            origin: decode(Origin::parse(&self.origin), "origin", &self.origin)?,
            subject: self.subject,
            created_at: self.created_at,
            updated_at: self.updated_at,
            unread: self.unread,
            requester: self.requester,
        })
    }
}

/// The columns of a list row, as seen by the person `$1`.
const SUMMARY_COLUMNS: &str = r#"
    c.number, c.subject, c.case_type, c.status, c.origin, c.created_at, c.updated_at,
    (c.last_staff_reply_at IS NOT NULL
        AND (v.seen_at IS NULL OR v.seen_at < c.last_staff_reply_at)) AS unread,
    u.email AS requester
"#;

/// The customer's own cases that match `filter`.
pub async fn list_for_requester(
    db: &Db,
    user: &User,
    filter: &CaseFilter,
) -> Result<Vec<CaseSummary>, AppError> {
    list(db, user, true, filter).await
}

/// Every case that matches `filter`, for the staff workspace.
pub async fn list_all(
    db: &Db,
    staff: &User,
    filter: &CaseFilter,
) -> Result<Vec<CaseSummary>, AppError> {
    list(db, staff, false, filter).await
}

/// `%text%` for LIKE, with the user's own `%`, `_` and `\` taken literally.
fn like_pattern(text: &str) -> String {
    let escaped = text
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// The cases `viewer` sees (only their own with `own_only`), filtered and
/// sorted, without a limit. Every value is bound; only fixed SQL fragments
/// are pushed as text.
pub(super) fn filtered_query(
    viewer: &User,
    own_only: bool,
    f: &CaseFilter,
) -> QueryBuilder<'static, Sqlite> {
    let mut q = QueryBuilder::<Sqlite>::new(format!(
        r#"
        SELECT {SUMMARY_COLUMNS}
        FROM cases c
        JOIN users u ON u.id = c.requester_id
        LEFT JOIN case_views v ON v.case_id = c.id AND v.user_id = "#
    ));
    q.push_bind(viewer.id);
    q.push(" WHERE 1 = 1");
    if own_only {
        q.push(" AND c.requester_id = ").push_bind(viewer.id);
    }
    if !f.statuses.is_empty() {
        q.push(" AND c.status IN (");
        let mut list = q.separated(", ");
        for s in &f.statuses {
            list.push_bind(s.as_str());
        }
        q.push(")");
    }
    if let Some(t) = f.case_type {
        q.push(" AND c.case_type = ").push_bind(t.as_str());
    }
    if let Some(from) = f.created_from {
        q.push(" AND c.created_at >= ").push_bind(from);
    }
    if let Some(before) = f.created_before {
        q.push(" AND c.created_at < ").push_bind(before);
    }
    if let Some(n) = f.number {
        q.push(" AND c.number = ").push_bind(n);
    }
    if let Some(text) = &f.text {
        let pattern = like_pattern(text);
        q.push(" AND (LOWER(c.subject) LIKE ")
            .push_bind(pattern.clone())
            .push(
                r" ESCAPE '\' OR EXISTS (SELECT 1 FROM messages m WHERE m.case_id = c.id AND LOWER(m.body) LIKE ",
            )
            .push_bind(pattern)
            .push(r" ESCAPE '\'))");
    }
    if let Some(who) = &f.requester {
        let pattern = like_pattern(who);
        q.push(" AND (LOWER(u.email) LIKE ")
            .push_bind(pattern.clone())
            .push(r" ESCAPE '\' OR LOWER(u.name) LIKE ")
            .push_bind(pattern)
            .push(r" ESCAPE '\')");
    }
    q.push(match f.sort {
        Sort::LastUpdate => " ORDER BY c.updated_at DESC, c.id DESC",
        Sort::Created => " ORDER BY c.created_at DESC, c.id DESC",
    });
    q
}

/// One page of cases as `viewer` sees them, filtered.
async fn list(
    db: &Db,
    viewer: &User,
    own_only: bool,
    f: &CaseFilter,
) -> Result<Vec<CaseSummary>, AppError> {
    let mut q = filtered_query(viewer, own_only, f);
    q.push(" LIMIT ").push_bind(PAGE_SIZE);
    let rows = q.build_query_as::<SummaryRow>().fetch_all(&db.read).await?;
    rows.into_iter().map(SummaryRow::into_summary).collect()
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

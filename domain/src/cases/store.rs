//! SQL for one case and its messages. Every function that reads a case for
//! a person checks that they may see it; one they may not is "not found".

use sqlx::FromRow;

use super::lifecycle::change_status;
use super::record::{CaseFields, Priority};
use super::rules::{check_staff_status_change, status_after_reply};
use super::{CaseStatus, CaseType};
use crate::auth::{Person, Staff, User};
use crate::db::{backend_of, Backend, Db, Flag, Tx};
use crate::error::AppError;
use crate::files::save::Placed;
use crate::validate::MessageBody;

pub(super) fn decode<T>(value: Option<T>, what: &str, raw: &str) -> Result<T, AppError> {
    value.ok_or_else(|| {
        tracing::error!(%what, %raw, "unknown value in the cases table");
        AppError::Internal
    })
}

/// Replaces the case's CC list.
pub(super) async fn set_cc(tx: &mut Tx, case_id: i64, cc: &[String]) -> Result<(), AppError> {
    sqlx::query("DELETE FROM case_cc WHERE case_id = $1")
        .bind(case_id)
        .execute(&mut **tx)
        .await?;
    for email in cc {
        sqlx::query("INSERT INTO case_cc (case_id, email) VALUES ($1, $2)")
            .bind(case_id)
            .bind(email)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Adds a message; `author` `None` is the system. Returns its id.
pub(crate) async fn insert_message(
    tx: &mut Tx,
    case_id: i64,
    author: Option<&User>,
    body: &str,
    now: i64,
) -> Result<i64, AppError> {
    insert_row(tx, case_id, author, body, false, now).await
}

/// Adds a note for staff only, in the caller's transaction (mail from an
/// unknown sender, attachments refused from a mail). Changes no status.
pub(crate) async fn insert_note(
    tx: &mut Tx,
    case_id: i64,
    author: Option<&User>,
    body: &str,
    now: i64,
) -> Result<i64, AppError> {
    let id = insert_row(tx, case_id, author, body, true, now).await?;
    touch(tx, case_id, false, now).await?;
    Ok(id)
}

async fn insert_row(
    tx: &mut Tx,
    case_id: i64,
    author: Option<&User>,
    body: &str,
    internal: bool,
    now: i64,
) -> Result<i64, AppError> {
    let id = sqlx::query_scalar(
        r#"
        INSERT INTO messages (case_id, author_id, from_staff, body, created_at, internal)
        VALUES ($1, $2, $3, $4, $5, $6)
        RETURNING id
        "#,
    )
    .bind(case_id)
    .bind(author.map(|a| a.id))
    .bind(author.is_none_or(|a| a.role.is_staff()))
    .bind(body)
    .bind(now)
    .bind(internal)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

#[derive(FromRow)]
pub(super) struct CaseRow {
    pub(super) id: i64,
    pub(super) number: i64,
    pub(super) requester_id: i64,
    pub(super) subject: String,
    pub(super) case_type: String,
    pub(super) status: String,
    pub(super) origin: String,
    pub(super) created_at: i64,
    pub(super) updated_at: i64,
    pub(super) last_staff_reply_at: Option<i64>,
    pub(super) requester_name: String,
    pub(super) requester_email: String,
    pub(super) priority: String,
    pub(super) tax_id: String,
    pub(super) company: String,
    pub(super) phone: String,
    pub(super) country: String,
    pub(super) brand: String,
    pub(super) product: String,
    pub(super) duplicate_of: Option<i64>,
    #[sqlx(try_from = "Flag")]
    pub(super) viewer_in_cc: bool,
    pub(super) assignee_id: Option<i64>,
    pub(super) assignee_name: Option<String>,
    pub(super) department_id: Option<i64>,
    pub(super) department_name: Option<String>,
    pub(super) sla_due: i64,
    #[sqlx(try_from = "Flag")]
    pub(super) sla_paused: bool,
    #[sqlx(try_from = "Flag")]
    pub(super) sla_first: bool,
}

impl CaseRow {
    pub(super) fn status(&self) -> Result<CaseStatus, AppError> {
        decode(CaseStatus::parse(&self.status), "status", &self.status)
    }

    fn visible_to(&self, user: &User) -> bool {
        // CC gives access only to an address its owner has confirmed.
        // A visitor following one case by a mailed link sees that case alone.
        if user.following.is_some_and(|n| n != self.number) {
            return false;
        }
        user.role.is_staff() || self.requester_id == user.id || (self.viewer_in_cc && user.verified)
    }

    pub(super) fn case_type(&self) -> Result<CaseType, AppError> {
        decode(CaseType::parse(&self.case_type), "type", &self.case_type)
    }

    /// The stored fields; `cc` is filled by the caller.
    pub(super) fn fields(&self) -> Result<CaseFields, AppError> {
        Ok(CaseFields {
            priority: decode(Priority::parse(&self.priority), "priority", &self.priority)?,
            tax_id: self.tax_id.clone(),
            company: self.company.clone(),
            phone: self.phone.clone(),
            country: self.country.clone(),
            brand: self.brand.clone(),
            product: self.product.clone(),
            cc: Vec::new(),
        })
    }

    pub(super) fn subject(&self) -> &str {
        &self.subject
    }

    pub(super) fn assignment(&self) -> super::Assignment {
        let pair = |id: Option<i64>, name: &Option<String>| id.zip(name.clone());
        super::Assignment {
            assignee: pair(self.assignee_id, &self.assignee_name),
            department: pair(self.department_id, &self.department_name),
        }
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
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    case_row(exec, &CASE_ROW, viewer, number).await
}

/// [`visible_case`] for a write that reads the case and then changes it:
/// on PostgreSQL the row stays locked until the transaction ends, so two
/// changes to one case run one after the other (SQLite has one writer).
pub(super) async fn locked_case(
    tx: &mut Tx,
    viewer: &User,
    number: i64,
) -> Result<CaseRow, AppError> {
    let sql = locking_case_row(tx);
    case_row(&mut **tx, &sql, viewer, number).await
}

/// `CASE_ROW` with a row lock where the backend has them.
fn locking_case_row(tx: &Tx) -> String {
    match backend_of(tx) {
        Backend::Postgres => format!("{} FOR UPDATE OF c", *CASE_ROW),
        Backend::Sqlite => CASE_ROW.clone(),
    }
}

/// Case `number`, locked as [`locked_case`] does, whoever may see it, with
/// `viewer_in_cc` answered for `address`: for mail received, whose sender
/// is matched to the case by address, not by a session.
pub(super) async fn locked_case_for_address(
    tx: &mut Tx,
    address: &str,
    number: i64,
) -> Result<CaseRow, AppError> {
    let sql = locking_case_row(tx);
    sqlx::query_as::<_, CaseRow>(&sql)
        .bind(number)
        .bind(address)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(AppError::NotFound)
}

/// Case `number` read with `sql` (`CASE_ROW`, maybe with a lock), if
/// `viewer` may see it.
async fn case_row<'e, E>(
    exec: E,
    sql: &str,
    viewer: &User,
    number: i64,
) -> Result<CaseRow, AppError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let row = sqlx::query_as::<_, CaseRow>(sql)
        .bind(number)
        .bind(&viewer.email)
        .fetch_optional(exec)
        .await?;
    row.filter(|c| c.visible_to(viewer))
        .ok_or(AppError::NotFound)
}

static CASE_ROW: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        r#"
        SELECT {}, c.id, c.number, c.requester_id, c.subject, c.case_type, c.status, c.origin,
               c.created_at, c.updated_at, c.last_staff_reply_at,
               u.name AS requester_name, u.email AS requester_email,
               c.priority, c.tax_id, c.company, c.phone, c.country, c.brand, c.product,
               d.number AS duplicate_of,
               EXISTS (SELECT 1 FROM case_cc cc WHERE cc.case_id = c.id AND cc.email = $2)
                   AS viewer_in_cc,
               c.assignee_id, a.name AS assignee_name,
               c.department_id, dp.name AS department_name
        FROM cases c
        JOIN users u ON u.id = c.requester_id
        LEFT JOIN cases d ON d.id = c.duplicate_of
        LEFT JOIN users a ON a.id = c.assignee_id
        LEFT JOIN departments dp ON dp.id = c.department_id
        WHERE c.number = $1"#,
        super::sla::CLOCK_COLUMNS
    )
});

/// The case numbered `number` if `user` opened it and it is still open, with
/// its status: for what only the requester may do (close it, answer a
/// self-help reply). Someone else's case they can see is forbidden.
pub(super) async fn own_open_case(
    tx: &mut Tx,
    user: &User,
    number: i64,
) -> Result<(CaseRow, CaseStatus), AppError> {
    let case = locked_case(tx, user, number).await?;
    if case.requester_id != user.id {
        return Err(AppError::Forbidden);
    }
    let status = case.status()?;
    if status.is_final() {
        return Err(AppError::CaseClosed);
    }
    Ok((case, status))
}

/// Not found unless `viewer` may see case `number`.
pub async fn can_see(db: &Db, viewer: &Person, number: i64) -> Result<(), AppError> {
    visible_case(&db.read, viewer.user(), number)
        .await
        .map(drop)
}

pub use super::reading::{open_for_viewer, open_page_for_viewer};

/// The case's CC addresses, in the order they were given.
pub(super) async fn cc_of<'e, E>(exec: E, case_id: i64) -> Result<Vec<String>, AppError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    Ok(
        sqlx::query_scalar("SELECT email FROM case_cc WHERE case_id = $1 ORDER BY rowid")
            .bind(case_id)
            .fetch_all(exec)
            .await?,
    )
}

/// Adds a reply and moves the status as the rules say, all or nothing.
pub async fn reply(
    db: &Db,
    author: &Person,
    number: i64,
    body: &MessageBody,
) -> Result<(), AppError> {
    reply_with_files(db, author, number, body.as_str(), &[], true).await?;
    Ok(())
}

/// A reply carrying files already placed in the store (its text may be
/// empty when it has files); the new attachment ids. A staff reply also
/// goes by email to the requester and CC when `email` is set.
pub async fn reply_with_files(
    db: &Db,
    author: &Person,
    number: i64,
    body: &str,
    files: &[Placed],
    email: bool,
) -> Result<Vec<i64>, AppError> {
    let author = author.user();
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let case = locked_case(&mut tx, author, number).await?;
    let adding = super::quota::Adding {
        case: false,
        bytes: files.iter().map(|f| f.size).sum(),
    };
    super::quota::check(&mut tx, db.limits(), author, adding, now).await?;
    let message = add_reply(&mut tx, author, &case, body, now).await?;
    let ids = super::attachments::insert(&mut tx, case.id, message, files, now).await?;
    if email && author.role.is_staff() {
        crate::mail::notify::staff_replied(&mut tx, case.id, message, now).await?;
    }
    tx.commit().await?;
    Ok(ids)
}

/// A public reply by `author` to case `number` (one they may see), inside
/// the caller's transaction: a chat's messages. The message's id.
pub(crate) async fn reply_in(
    tx: &mut Tx,
    author: &User,
    number: i64,
    body: &str,
    now: i64,
) -> Result<i64, AppError> {
    let case = locked_case(tx, author, number).await?;
    add_reply(tx, author, &case, body, now).await
}

/// The reply itself, inside the caller's transaction; the message's id.
pub(super) async fn add_reply(
    tx: &mut Tx,
    author: &User,
    case: &CaseRow,
    body: &str,
    now: i64,
) -> Result<i64, AppError> {
    let from_staff = author.role.is_staff();
    let current = case.status()?;
    let next = status_after_reply(current, from_staff, case.last_staff_reply_at.is_some())?;
    let message = insert_message(tx, case.id, Some(author), body, now).await?;
    touch(tx, case.id, from_staff, now).await?;
    // The first public answer on an unassigned case makes it the agent's;
    // before the status moves, so the queue counts see the status it had.
    if from_staff && case.assignee_id.is_none() {
        let me = Some((author.id, author.name.clone()));
        super::assign::reassign(tx, author, case, me, now).await?;
    }
    if next != current {
        change_status(tx, case.id, Some(author.id), current, next, now).await?;
    }
    Ok(message)
}

/// Stamps the case's last update (and the last staff answer, which drives
/// the highlight, and the first, which meets the first-response target,
/// when `staff_answered`). Never backwards: a transaction that took its
/// time earlier may commit after a later one. A touched case may have a
/// new priority or answer: its due times follow.
pub(super) async fn touch(
    tx: &mut Tx,
    case_id: i64,
    staff_answered: bool,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(
        r#"
        UPDATE cases
        SET updated_at = CASE WHEN updated_at > $1 THEN updated_at ELSE $1 END,
            last_staff_reply_at = CASE WHEN $2 THEN $1 ELSE last_staff_reply_at END,
            first_response_at = CASE WHEN $2 AND first_response_at IS NULL
                THEN $1 ELSE first_response_at END
        WHERE id = $3
        "#,
    )
    .bind(now)
    .bind(staff_answered)
    .bind(case_id)
    .execute(&mut **tx)
    .await?;
    super::sla::refresh(tx, case_id).await?;
    super::changes::record(tx, case_id, staff_answered, now).await
}

/// Staff change a case's status by hand.
pub async fn set_status(
    db: &Db,
    staff: &Staff,
    number: i64,
    to: CaseStatus,
) -> Result<(), AppError> {
    let staff = staff.user();
    let mut tx = db.begin_write().await?;
    let case = locked_case(&mut tx, staff, number).await?;
    let from = case.status()?;
    check_staff_status_change(from, to)?;
    // A referred case waits on a department: it needs one.
    if to == CaseStatus::Referred && case.department_id.is_none() {
        return Err(AppError::invalid(
            crate::validate::Field::Department,
            crate::validate::Problem::Required,
        ));
    }
    if from != to {
        change_status(&mut tx, case.id, Some(staff.id), from, to, db.now()).await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;

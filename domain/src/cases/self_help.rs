//! Self-help (PRODUCT.md §3.5): answers an admin attaches to a case type are
//! sent as the first reply to a new case of that type, which then waits on
//! the customer's "Yes, close this case" or "No, keep this case open".

use super::lifecycle::change_status;
use super::store::{insert_message, touch};
use super::{CaseStatus, CaseType, SelfHelpAnswer};
use crate::auth::Admin;
use crate::db::{Db, Tx};
use crate::error::AppError;
use crate::validate::{MessageBody, Subject};

/// The answers configured for every case type, for the admin page.
pub async fn list(db: &Db, _admin: &Admin) -> Result<Vec<SelfHelpAnswer>, AppError> {
    let rows = sqlx::query_as::<_, (i64, String, String, String)>(
        "SELECT id, case_type, title, body FROM self_help_answers ORDER BY case_type, id",
    )
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, t, title, body)| {
            Some(SelfHelpAnswer {
                id,
                case_type: CaseType::parse(&t)?,
                title,
                body,
            })
        })
        .collect())
}

pub async fn add(
    db: &Db,
    _admin: &Admin,
    case_type: CaseType,
    title: &Subject,
    body: &MessageBody,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    super::settings::check_offered(&mut tx, &case_type).await?;
    sqlx::query(
        "INSERT INTO self_help_answers (case_type, title, body, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(case_type.as_str())
    .bind(title.as_str())
    .bind(body.as_str())
    .bind(db.now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn remove(db: &Db, _admin: &Admin, id: i64) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let gone = sqlx::query("DELETE FROM self_help_answers WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if gone == 0 {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// Sends the type's answers to a just-opened case, if it has any, and sets
/// it awaiting the customer's confirmation.
pub(super) async fn answer_new_case(
    tx: &mut Tx,
    case_id: i64,
    case_type: &CaseType,
    now: i64,
) -> Result<(), AppError> {
    let answers = sqlx::query_as::<_, (String, String)>(
        "SELECT title, body FROM self_help_answers WHERE case_type = $1 ORDER BY id",
    )
    .bind(case_type.as_str())
    .fetch_all(&mut **tx)
    .await?;
    if answers.is_empty() {
        return Ok(());
    }
    let text = answers
        .iter()
        .map(|(title, body)| format!("{title}\n{body}"))
        .collect::<Vec<_>>()
        .join("\n\n");
    insert_message(tx, case_id, None, &text, now).await?;
    crate::mail::notify::self_help(tx, case_id, &text, now).await?;
    touch(tx, case_id, false, now).await?;
    change_status(
        tx,
        case_id,
        None,
        CaseStatus::New,
        CaseStatus::AwaitingConfirmation,
        now,
    )
    .await
}

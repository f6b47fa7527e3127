//! Ending a chat and mailing its transcript: shared by the visitor's and
//! the agent's side.

pub use model::chat::ChatState;

use crate::auth::Language;
use crate::db::{Db, Tx};
use crate::error::AppError;
use crate::mail::compose::Notice;

/// Ends chat `case_id` (`agent`: who ended it, `None`: the visitor). A
/// visitor who gave an email gets the transcript with the case number.
/// Ending an ended chat changes nothing.
pub(super) async fn end(db: &Db, case_id: i64, agent: Option<i64>) -> Result<(), AppError> {
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let row: Option<(String, Option<String>, i64)> = sqlx::query_as(
        "SELECT ch.state, ch.visitor_email, c.number FROM chats ch \
         JOIN cases c ON c.id = ch.case_id WHERE ch.case_id = $1",
    )
    .bind(case_id)
    .fetch_optional(&mut *tx)
    .await?;
    let (state, email, number) = row.ok_or(AppError::NotFound)?;
    if state == ChatState::Ended.as_str() {
        return Ok(());
    }
    sqlx::query(
        "UPDATE chats SET state = $1, ended_at = $2, visitor_typing_at = NULL \
         WHERE case_id = $3",
    )
    .bind(ChatState::Ended.as_str())
    .bind(now)
    .bind(case_id)
    .execute(&mut *tx)
    .await?;
    crate::cases::changes::record(&mut tx, case_id, true, now).await?;
    if let Some(email) = email {
        mail_transcript(&mut tx, db, case_id, number, &email).await?;
    }
    tx.commit().await?;
    tracing::info!(case = number, by_agent = agent.is_some(), "chat ended");
    Ok(())
}

/// Queues the transcript of chat `case_id` to `email`, in the case's
/// language.
pub(super) async fn mail_transcript(
    tx: &mut Tx,
    db: &Db,
    case_id: i64,
    number: i64,
    email: &str,
) -> Result<(), AppError> {
    let lines = super::visitor::lines_of(db, case_id, 0)
        .await?
        .into_iter()
        .map(|l| (l.author, l.body))
        .collect();
    let lang: String = sqlx::query_scalar("SELECT language FROM cases WHERE id = $1")
        .bind(case_id)
        .fetch_one(&mut **tx)
        .await?;
    let lang = Language::parse(&lang).unwrap_or(Language::En);
    let notice = Notice::ChatTranscript { number, lines };
    crate::mail::outbox::enqueue(tx, Some(case_id), email, lang, &notice, db.now()).await
}

/// Whether case `case_id` is a chat that has not ended.
pub(crate) async fn is_open(tx: &mut Tx, case_id: i64) -> Result<bool, AppError> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM chats WHERE case_id = $1 AND state <> 'ended'")
            .bind(case_id)
            .fetch_one(&mut **tx)
            .await?;
    Ok(n > 0)
}

//! Internal notes staff write on a case (customers never see them), and
//! the agents a note mentions with `@name`.

use super::store::{insert_note, locked_case};
use crate::auth::Staff;
use crate::db::{Db, Tx};
use crate::error::AppError;
use crate::files::save::Placed;

/// Adds a note to case `number`, with files; the new attachment ids. It
/// changes no status, assigns nobody and is mailed to no one.
pub async fn add(
    db: &Db,
    staff: &Staff,
    number: i64,
    body: &str,
    files: &[Placed],
) -> Result<Vec<i64>, AppError> {
    let author = staff.user();
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let case = locked_case(&mut tx, author, number).await?;
    if case.status()?.is_final() {
        return Err(AppError::CaseClosed);
    }
    let message = insert_note(&mut tx, case.id, Some(author), body, now).await?;
    let ids = super::attachments::insert(&mut tx, case.id, message, files, now).await?;
    mention(&mut tx, case.id, message, body, now).await?;
    tx.commit().await?;
    Ok(ids)
}

/// The handles after each `@` in `text`, lower-cased, each once.
pub fn handles(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (i, _) in text.match_indices('@') {
        // An address (ana@example.com) mentions nobody.
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        let handle: String = text[i + 1..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-'))
            .collect::<String>()
            .trim_end_matches(['.', '-'])
            .to_lowercase();
        if !handle.is_empty() && !out.contains(&handle) {
            out.push(handle);
        }
    }
    out
}

/// The handles a staff member answers to: their address before the `@`,
/// their name without spaces, and their first name.
fn answers_to(name: &str, email: &str) -> [String; 3] {
    let lower = name.to_lowercase();
    [
        email.split('@').next().unwrap_or_default().to_lowercase(),
        lower.split_whitespace().collect(),
        lower
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned(),
    ]
}

/// Records who note `message` mentions and counts it for them.
async fn mention(
    tx: &mut Tx,
    case_id: i64,
    message: i64,
    body: &str,
    now: i64,
) -> Result<(), AppError> {
    let wanted = handles(body);
    if wanted.is_empty() {
        return Ok(());
    }
    let staff: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, name, email FROM users WHERE role IN ('agent', 'admin')")
            .fetch_all(&mut **tx)
            .await?;
    for (id, name, email) in staff {
        if !answers_to(&name, &email)
            .iter()
            .any(|h| !h.is_empty() && wanted.contains(h))
        {
            continue;
        }
        sqlx::query(
            "INSERT INTO note_mentions (message_id, user_id, case_id, created_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(message)
        .bind(id)
        .bind(case_id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        sqlx::query(
            "INSERT INTO mention_counts (user_id, n) VALUES ($1, 1) \
             ON CONFLICT (user_id) DO UPDATE SET n = mention_counts.n + 1",
        )
        .bind(id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// `user` opened case `case_id`: its mentions of them are seen.
pub(super) async fn mentions_seen(
    tx: &mut Tx,
    case_id: i64,
    user: i64,
    now: i64,
) -> Result<(), AppError> {
    let seen = sqlx::query(
        "UPDATE note_mentions SET seen_at = $1 \
         WHERE user_id = $2 AND case_id = $3 AND seen_at IS NULL",
    )
    .bind(now)
    .bind(user)
    .bind(case_id)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if seen > 0 {
        sqlx::query("UPDATE mention_counts SET n = n - $1 WHERE user_id = $2")
            .bind(seen as i64)
            .bind(user)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "notes_tests.rs"]
mod tests;

//! The outbox: mails written with the change that causes them, sent later
//! by the worker, retried with a growing delay, given up after
//! [`MAX_ATTEMPTS`] or a permanent refusal, and listed for admins.

use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;

use super::compose::{compose, Notice, Site};
use crate::auth::{Admin, Language};
use crate::db::{skip_locked, Db, Tx};
use crate::error::AppError;
use model::mail::{MailStatus, OutboxEntry};

/// Attempts before a mail is marked failed (the last one about 4 hours
/// after the first refusal).
pub const MAX_ATTEMPTS: i64 = 10;

/// Queues `notice` for `recipient`, in the caller's transaction: it is sent
/// if and only if the change commits.
pub async fn enqueue(
    tx: &mut Tx,
    case_id: Option<i64>,
    recipient: &str,
    language: Language,
    notice: &Notice,
    now: i64,
) -> Result<(), AppError> {
    // Chat visitors who gave a name only have a reserved address.
    if recipient.ends_with(&format!("@{}", crate::chat::visitor::NO_ADDRESS_DOMAIN)) {
        return Ok(());
    }
    let mut bytes = [0u8; 18];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let key = format!("hd.{}", URL_SAFE_NO_PAD.encode(bytes));
    let params = serde_json::to_string(notice).map_err(|err| {
        tracing::error!(%err, "could not store a mail's parameters");
        AppError::Internal
    })?;
    sqlx::query(
        r#"
        INSERT INTO outbox
            (message_key, case_id, kind, recipient, language, params, next_attempt_at, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
        "#,
    )
    .bind(&key)
    .bind(case_id)
    .bind(notice.kind())
    .bind(recipient)
    .bind(language.as_str())
    .bind(params)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    tracing::info!(kind = notice.kind(), to = %recipient, "mail queued");
    Ok(())
}

/// A mail taken from the outbox to send.
#[derive(Debug, Clone)]
pub struct Claimed {
    pub id: i64,
    pub message_key: String,
    pub recipient: String,
    pub language: Language,
    pub notice: Notice,
    /// Attempts so far, this one included.
    pub attempts: i64,
}

/// Takes up to `limit` mails that are due, hiding them from other workers
/// for `lease` (if this process dies while sending, they are due again
/// then, and go out with the same Message-ID).
pub async fn claim(db: &Db, lease: Duration, limit: i64) -> Result<Vec<Claimed>, AppError> {
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let lock = skip_locked(&tx);
    let sql = format!(
        "SELECT id, message_key, recipient, language, params, attempts FROM outbox \
         WHERE status = 'queued' AND next_attempt_at <= $1 \
         ORDER BY next_attempt_at, id LIMIT $2{lock}"
    );
    let rows = sqlx::query_as::<_, (i64, String, String, String, String, i64)>(&sql)
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, message_key, recipient, language, params, attempts) in rows {
        sqlx::query(
            "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1 WHERE id = $2",
        )
        .bind(now + lease.as_millis() as i64)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        match serde_json::from_str::<Notice>(&params) {
            Ok(notice) => out.push(Claimed {
                id,
                message_key,
                recipient,
                language: Language::parse(&language).unwrap_or(Language::En),
                notice,
                attempts: attempts + 1,
            }),
            Err(err) => {
                tracing::error!(id, %err, "unreadable mail in the outbox");
                set_failed(&mut tx, id, "unreadable parameters", now).await?;
            }
        }
    }
    tx.commit().await?;
    Ok(out)
}

pub async fn mark_sent(db: &Db, id: i64) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE outbox SET status = 'sent', sent_at = $1, last_error = NULL WHERE id = $2")
        .bind(db.now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A failed attempt: retried later, or given up when `permanent` or after
/// the last attempt.
pub async fn mark_unsent(
    db: &Db,
    mail: &Claimed,
    error: &str,
    permanent: bool,
) -> Result<MailStatus, AppError> {
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let status = if permanent || mail.attempts >= MAX_ATTEMPTS {
        set_failed(&mut tx, mail.id, error, now).await?;
        MailStatus::Failed
    } else {
        sqlx::query("UPDATE outbox SET next_attempt_at = $1, last_error = $2 WHERE id = $3")
            .bind(now + backoff(mail.attempts).as_millis() as i64)
            .bind(error)
            .bind(mail.id)
            .execute(&mut *tx)
            .await?;
        MailStatus::Queued
    };
    tx.commit().await?;
    Ok(status)
}

async fn set_failed(tx: &mut Tx, id: i64, error: &str, now: i64) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE outbox SET status = 'failed', last_error = $1, next_attempt_at = $2 WHERE id = $3",
    )
    .bind(error)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The wait after `attempts` failures: 30 s, doubling, at most 6 hours.
pub fn backoff(attempts: i64) -> Duration {
    let exp = attempts.clamp(1, 20) as u32 - 1;
    Duration::from_secs(30u64.saturating_mul(1 << exp).min(6 * 60 * 60))
}

/// The newest mails, for the admins' outbox page (`status` narrows it).
pub async fn list(
    db: &Db,
    _admin: &Admin,
    site: &Site,
    status: Option<MailStatus>,
    limit: i64,
) -> Result<Vec<OutboxEntry>, AppError> {
    let rows = sqlx::query_as::<_, OutboxRow>(
        r#"
        SELECT o.id, o.recipient, o.language, o.params, o.status, o.attempts, o.last_error,
               o.created_at, o.sent_at, c.number AS case_number
        FROM outbox o
        LEFT JOIN cases c ON c.id = o.case_id
        WHERE ($1 = '' OR o.status = $1)
        ORDER BY o.created_at DESC, o.id DESC
        LIMIT $2
        "#,
    )
    .bind(status.map_or("", MailStatus::as_str))
    .bind(limit)
    .fetch_all(&db.read)
    .await?;
    Ok(rows.into_iter().map(|r| r.into_entry(site)).collect())
}

#[derive(sqlx::FromRow)]
struct OutboxRow {
    id: i64,
    recipient: String,
    language: String,
    params: String,
    status: String,
    attempts: i64,
    last_error: Option<String>,
    created_at: i64,
    sent_at: Option<i64>,
    case_number: Option<i64>,
}

impl OutboxRow {
    fn into_entry(self, site: &Site) -> OutboxEntry {
        let language = Language::parse(&self.language).unwrap_or(Language::En);
        let subject = serde_json::from_str::<Notice>(&self.params)
            .map(|n| compose(&n, language, site).subject)
            .unwrap_or_default();
        OutboxEntry {
            id: self.id,
            recipient: self.recipient,
            subject,
            case_number: self.case_number,
            status: MailStatus::parse(&self.status).unwrap_or(MailStatus::Failed),
            attempts: self.attempts,
            last_error: self.last_error,
            created_at: self.created_at,
            sent_at: self.sent_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_doubles_up_to_six_hours() {
        assert_eq!(backoff(1), Duration::from_secs(30));
        assert_eq!(backoff(2), Duration::from_secs(60));
        assert_eq!(backoff(5), Duration::from_secs(480));
        assert_eq!(backoff(MAX_ATTEMPTS), Duration::from_secs(30 * 512));
        assert_eq!(backoff(MAX_ATTEMPTS + 1), Duration::from_secs(6 * 60 * 60));
        assert_eq!(backoff(99), Duration::from_secs(6 * 60 * 60));
    }
}

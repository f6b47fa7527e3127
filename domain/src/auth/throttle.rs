//! Counting attempts to slow guessing and floods: failed sign-ins per
//! account and per client address, forms that send mail per client address.
//! Counts live in the database, so they hold across restarts and across
//! several servers on one PostgreSQL.

use crate::db::Db;
use crate::error::AppError;

/// At most `max` attempts of one kind by one subject within `window_ms`.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    kind: &'static str,
    max: i64,
    window_ms: i64,
}

const MINUTE: i64 = 60 * 1000;

/// Failed sign-ins to one account: a password guesser gets five tries per
/// quarter of an hour.
pub const ACCOUNT: Rule = Rule {
    kind: "sign-in-account",
    max: 5,
    window_ms: 15 * MINUTE,
};
/// Failed sign-ins from one client address, whatever the account (one
/// address trying many accounts).
pub const ADDRESS: Rule = Rule {
    kind: "sign-in-address",
    max: 30,
    window_ms: 15 * MINUTE,
};
/// Sign-ups and password-reset requests from one client address: each one
/// sends a mail and the sign-up hashes a password. At most
/// `Limits::mail_forms_per_hour`.
pub const MAIL_FORMS: Rule = Rule {
    kind: "mail-form",
    max: 10,
    window_ms: 60 * MINUTE,
};

/// Help forms naming one email address (each mails that address).
pub const HELP_FORM_EMAIL: Rule = Rule {
    kind: "help-form-email",
    max: 5,
    window_ms: 60 * MINUTE,
};

/// Chats started naming one email address.
pub const CHAT_START_EMAIL: Rule = Rule {
    kind: "chat-start-email",
    max: 5,
    window_ms: 60 * MINUTE,
};

/// Chats started by one browser (keyed by the token of its last chat).
pub const CHAT_START_TOKEN: Rule = Rule {
    kind: "chat-start-token",
    max: 5,
    window_ms: 60 * MINUTE,
};

/// Votes on help articles by visitors from one client address.
pub const VISITOR_VOTES: Rule = Rule {
    kind: "visitor-vote",
    max: 30,
    window_ms: 60 * MINUTE,
};

impl Rule {
    /// This rule with another maximum.
    pub fn at_most(self, max: i64) -> Self {
        Self { max, ..self }
    }
}

/// Rows are kept this long, whatever the rule.
const KEPT_MS: i64 = 24 * 60 * MINUTE;
/// Subjects are cut to this length: a key never grows with the input.
const SUBJECT_MAX: usize = 320;

fn key(rule: Rule, subject: &str) -> String {
    let cut: String = subject.chars().take(SUBJECT_MAX).collect();
    format!("{}:{cut}", rule.kind)
}

/// `TooMany` with the seconds until one more attempt is allowed, when
/// `subject` used up `rule` already.
pub async fn check(db: &Db, rule: Rule, subject: &str, now: i64) -> Result<(), AppError> {
    // The max-th most recent attempt in the window: once it leaves the
    // window, one more is allowed.
    let blocking: Option<i64> = sqlx::query_scalar(
        "SELECT at FROM auth_attempts WHERE key = $1 AND at > $2 \
         ORDER BY at DESC LIMIT 1 OFFSET $3",
    )
    .bind(key(rule, subject))
    .bind(now - rule.window_ms)
    .bind(rule.max - 1)
    .fetch_optional(&db.read)
    .await?;
    match blocking {
        Some(at) => {
            let wait_ms = (at + rule.window_ms - now).max(1);
            let retry_after = u32::try_from((wait_ms + 999) / 1000).unwrap_or(u32::MAX);
            Err(AppError::TooMany { retry_after })
        }
        None => Ok(()),
    }
}

/// Counts one attempt by `subject`, sweeping rows nobody counts any more.
pub async fn record(db: &Db, rule: Rule, subject: &str, now: i64) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("INSERT INTO auth_attempts (key, at) VALUES ($1, $2)")
        .bind(key(rule, subject))
        .bind(now)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM auth_attempts WHERE at < $1")
        .bind(now - KEPT_MS)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Checks `rule` for `subject`, then counts this attempt: for forms where
/// every attempt counts, not only failures.
pub async fn take(db: &Db, rule: Rule, subject: &str) -> Result<(), AppError> {
    let now = db.now();
    check(db, rule, subject, now).await?;
    record(db, rule, subject, now).await
}

/// Forgets `subject`'s attempts (a successful sign-in).
pub async fn clear(db: &Db, rule: Rule, subject: &str) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM auth_attempts WHERE key = $1")
        .bind(key(rule, subject))
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::test_db;

    #[tokio::test]
    async fn the_limit_holds_until_the_oldest_counted_attempt_leaves_the_window() {
        let t = test_db().await;
        let now = t.db.now();
        for i in 0..ACCOUNT.max {
            check(&t.db, ACCOUNT, "ana@example.com", now + i)
                .await
                .unwrap();
            record(&t.db, ACCOUNT, "ana@example.com", now + i)
                .await
                .unwrap();
        }
        let later = now + ACCOUNT.max;
        assert_eq!(
            check(&t.db, ACCOUNT, "ana@example.com", later).await,
            Err(AppError::TooMany {
                retry_after: 15 * 60
            })
        );
        // Others are not held back, nor the same subject under another rule.
        check(&t.db, ACCOUNT, "bob@example.com", later)
            .await
            .unwrap();
        check(&t.db, ADDRESS, "ana@example.com", later)
            .await
            .unwrap();
        // One millisecond after the first attempt leaves the window.
        check(
            &t.db,
            ACCOUNT,
            "ana@example.com",
            now + ACCOUNT.window_ms + 1,
        )
        .await
        .unwrap();
        clear(&t.db, ACCOUNT, "ana@example.com").await.unwrap();
        check(&t.db, ACCOUNT, "ana@example.com", later)
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_huge_subject_is_cut() {
        let t = test_db().await;
        let huge = "a".repeat(100_000);
        record(&t.db, MAIL_FORMS, &huge, t.db.now()).await.unwrap();
        let len: i64 =
            sqlx::query_scalar("SELECT CAST(MAX(LENGTH(key)) AS BIGINT) FROM auth_attempts")
                .fetch_one(&t.db.read)
                .await
                .unwrap();
        assert_eq!(len as usize, key(MAIL_FORMS, "").len() + SUBJECT_MAX);
    }
}

//! The daily limits of a customer (`Db::limits`): new cases, messages and
//! attachment bytes over the last 24 hours, counted in the transaction
//! that would add more, so a refusal writes nothing. Staff have none.

use model::error::Quota;

use crate::auth::User;
use crate::db::{Limits, Tx};
use crate::error::AppError;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// What one write adds.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Adding {
    pub case: bool,
    pub bytes: u64,
}

/// `DailyLimit` when what `author` adds now would pass a limit.
pub(crate) async fn check(
    tx: &mut Tx,
    limits: Limits,
    author: &User,
    adding: Adding,
    now: i64,
) -> Result<(), AppError> {
    if author.role.is_staff() {
        return Ok(());
    }
    let since = now - DAY_MS;
    if adding.case {
        let times = recent(tx, CASES, author.id, since).await?;
        over(Quota::Cases, &times, 1, limits.cases_per_day, now)?;
    }
    let times = recent(tx, MESSAGES, author.id, since).await?;
    over(Quota::Messages, &times, 1, limits.messages_per_day, now)?;
    if adding.bytes > 0 {
        let rows = sized(tx, author.id, since).await?;
        let adding = i64::try_from(adding.bytes).unwrap_or(i64::MAX);
        let used: i64 = rows.iter().map(|(_, size)| size).sum();
        if used.saturating_add(adding) > limits.bytes_per_day {
            // Room comes back as the oldest files leave the 24 hours.
            let mut freed = 0;
            let mut at = now;
            for (time, size) in &rows {
                freed += size;
                at = *time;
                if used - freed + adding <= limits.bytes_per_day {
                    break;
                }
            }
            return Err(refused(Quota::Bytes, at, now));
        }
    }
    Ok(())
}

/// Cases the customer opened themselves: those staff opened for them (by
/// phone or from a mail) do not use up their day.
const CASES: &str = "SELECT created_at FROM cases WHERE requester_id = $1 AND created_at > $2 \
                     AND origin NOT IN ('phone', 'email') ORDER BY created_at";
const MESSAGES: &str = "SELECT created_at FROM messages WHERE author_id = $1 AND created_at > $2 \
                        ORDER BY created_at";

async fn recent(tx: &mut Tx, sql: &str, user: i64, since: i64) -> Result<Vec<i64>, AppError> {
    Ok(sqlx::query_scalar(sql)
        .bind(user)
        .bind(since)
        .fetch_all(&mut **tx)
        .await?)
}

/// The author's attachments of the last day, oldest first: time and size.
async fn sized(tx: &mut Tx, user: i64, since: i64) -> Result<Vec<(i64, i64)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT a.created_at, a.size FROM attachments a JOIN messages m ON m.id = a.message_id \
         WHERE m.author_id = $1 AND a.created_at > $2 ORDER BY a.created_at",
    )
    .bind(user)
    .bind(since)
    .fetch_all(&mut **tx)
    .await?)
}

/// Refuses when `times` (oldest first) plus `adding` pass `max`.
fn over(what: Quota, times: &[i64], adding: usize, max: i64, now: i64) -> Result<(), AppError> {
    let max = usize::try_from(max).unwrap_or(0);
    if times.len() + adding <= max {
        return Ok(());
    }
    // The one whose leaving makes room.
    let index = (times.len() + adding - max - 1).min(times.len().saturating_sub(1));
    let at = times.get(index).copied().unwrap_or(now);
    Err(refused(what, at, now))
}

fn refused(what: Quota, at: i64, now: i64) -> AppError {
    let wait_ms = (at + DAY_MS - now).max(1000);
    let retry_after = u32::try_from((wait_ms + 999) / 1000).unwrap_or(u32::MAX);
    AppError::DailyLimit { what, retry_after }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::auth::{accounts, Role};
    use crate::cases::open::{open_case, open_case_with_files, NewCase};
    use crate::cases::store::{reply, reply_with_files};
    use crate::cases::CaseType;
    use crate::db::testing::test_db;
    use crate::files::save::Placed;
    use crate::validate::{MessageBody, Subject};

    fn new_case(ty: CaseType) -> NewCase {
        let subject = Subject::parse("Card declined").unwrap();
        NewCase::new(subject, ty, MessageBody::parse("Hello").unwrap())
    }

    fn file(size: u64) -> Placed {
        Placed {
            key: format!("key-{size}"),
            name: "receipt.pdf".into(),
            kind: crate::files::FileKind::Pdf,
            size,
        }
    }

    fn limited(what: Quota) -> impl Fn(&Result<(), AppError>) -> bool {
        move |r| matches!(r, Err(AppError::DailyLimit { what: w, .. }) if *w == what)
    }

    #[tokio::test]
    async fn a_customer_meets_the_daily_limits_and_staff_do_not() {
        let t = test_db().await;
        let limits = Limits {
            cases_per_day: 2,
            messages_per_day: 4,
            bytes_per_day: 100,
            ..Limits::default()
        };
        let db = t.db.clone().with_limits(limits);
        let ana = accounts::register(&db, Role::Customer, "Ana", "ana@example.com", "password-1")
            .await
            .unwrap();
        let first = open_case(&db, &ana, &new_case(CaseType::FINANCE))
            .await
            .unwrap();
        db.clock.advance(Duration::from_secs(3600));
        open_case(&db, &ana, &new_case(CaseType::ACCOUNT))
            .await
            .unwrap();
        let third = open_case(&db, &ana, &new_case(CaseType::TECHNICAL)).await;
        let third = third.map(drop);
        assert!(limited(Quota::Cases)(&third), "{third:?}");
        // Room comes back when the first case is a day old.
        let Err(AppError::DailyLimit { retry_after, .. }) = third else {
            unreachable!()
        };
        assert_eq!(retry_after, 23 * 3600);
        // Replies: two messages so far, two more allowed.
        let body = MessageBody::parse("More").unwrap();
        reply(&db, &ana, first.number(), &body).await.unwrap();
        // Files: 100 bytes a day.
        let big = [file(101)];
        let with_files = reply_with_files(&db, &ana, first.number(), "", &big, false).await;
        assert!(limited(Quota::Bytes)(&with_files.map(drop)));
        reply_with_files(&db, &ana, first.number(), "", &[file(60)], false)
            .await
            .unwrap();
        let r = reply(&db, &ana, first.number(), &body).await;
        assert!(limited(Quota::Messages)(&r), "{r:?}");
        // Nothing was written by the refusals.
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages")
            .fetch_one(&db.read)
            .await
            .unwrap();
        assert_eq!(count, 4);
        let files: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attachments")
            .fetch_one(&db.read)
            .await
            .unwrap();
        assert_eq!(files, 1);
        // Staff answer as much as needed.
        let staff = crate::auth::testing::admin(&db).await;
        for _ in 0..5 {
            reply(&db, &staff, first.number(), &body).await.unwrap();
        }
        // Cases staff open for her do not count.
        let mut by_phone = new_case(CaseType::OTHER);
        by_phone.origin = crate::cases::Origin::Phone;
        for _ in 0..3 {
            let opened =
                crate::cases::open::open_case_for(&db, &staff, "ana@example.com", &by_phone);
            opened.await.unwrap();
        }
        // A day after the first case, Ana may open one again.
        db.clock.advance(Duration::from_secs(23 * 3600 + 1));
        let opened = open_case_with_files(&db, &ana, &new_case(CaseType::TECHNICAL), &[]).await;
        assert!(opened.is_ok(), "{opened:?}");
    }
}

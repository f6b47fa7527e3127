//! Collision warnings: which other staff members have a case open, and
//! who is writing a reply on it. Each open case page reports itself every
//! few seconds; someone not heard of for [`GONE_MS`] has left.

use super::store::visible_case;
use super::workspace::Presence;
use crate::auth::Staff;
use crate::db::{Db, Flag};
use crate::error::AppError;

/// Silence after which a viewer counts as gone.
pub const GONE_MS: i64 = 30_000;

/// `staff` is on case `number` (`typing`: writing a reply); the others
/// there now, by name.
pub async fn here(
    db: &Db,
    staff: &Staff,
    number: i64,
    typing: bool,
) -> Result<Vec<Presence>, AppError> {
    let me = staff.user();
    let case = visible_case(&db.read, me, number).await?;
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let before: Option<i64> = sqlx::query_scalar(
        "SELECT CAST(CASE WHEN typing THEN 1 ELSE 0 END AS BIGINT) FROM case_presence \
         WHERE case_id = $1 AND user_id = $2 AND seen_at >= $3",
    )
    .bind(case.id)
    .bind(me.id)
    .bind(now - GONE_MS)
    .fetch_optional(&mut *tx)
    .await?;
    // A chat's visitor sees the agent writing: tell their window.
    let flipped = before.map_or(typing, |was| (was == 1) != typing);
    if flipped && crate::chat::state::is_open(&mut tx, case.id).await? {
        super::changes::record(&mut tx, case.id, true, now).await?;
    }
    sqlx::query("DELETE FROM case_presence WHERE case_id = $1 AND seen_at < $2")
        .bind(case.id)
        .bind(now - GONE_MS)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        r#"
        INSERT INTO case_presence (case_id, user_id, typing, seen_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (case_id, user_id) DO UPDATE SET typing = excluded.typing, seen_at = excluded.seen_at
        "#,
    )
    .bind(case.id)
    .bind(me.id)
    .bind(typing)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    let others: Vec<(String, Flag)> = sqlx::query_as(
        r#"
        SELECT u.name, CASE WHEN p.typing THEN 1 ELSE 0 END
        FROM case_presence p JOIN users u ON u.id = p.user_id
        WHERE p.case_id = $1 AND p.user_id <> $2 AND p.seen_at >= $3
        ORDER BY u.name
        "#,
    )
    .bind(case.id)
    .bind(me.id)
    .bind(now - GONE_MS)
    .fetch_all(&db.read)
    .await?;
    Ok(others
        .into_iter()
        .map(|(name, Flag(typing))| Presence { name, typing })
        .collect())
}

/// `staff` left case `number`'s page.
pub async fn gone(db: &Db, staff: &Staff, number: i64) -> Result<(), AppError> {
    let me = staff.user();
    let case = visible_case(&db.read, me, number).await?;
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM case_presence WHERE case_id = $1 AND user_id = $2")
        .bind(case.id)
        .bind(me.id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::auth::{accounts, Role};
    use crate::cases::open::{open_case, NewCase};
    use crate::cases::CaseType;
    use crate::db::testing::test_db;
    use crate::validate::{MessageBody, Subject};

    #[tokio::test]
    async fn staff_see_who_else_is_on_a_case_until_they_leave_or_go_quiet() {
        let t = test_db().await;
        let db = &t.db;
        let reg = |role, name: &'static str, email: &'static str| async move {
            accounts::register(db, role, name, email, "password-123")
                .await
                .unwrap()
        };
        let ana = reg(Role::Customer, "Ana", "ana@example.com").await;
        let alex = reg(Role::Agent, "Alex", "alex@example.com")
            .await
            .staff()
            .unwrap();
        let bea = reg(Role::Agent, "Bea", "bea@example.com")
            .await
            .staff()
            .unwrap();
        let new = NewCase::new(
            Subject::parse("Shared").unwrap(),
            CaseType::OTHER,
            MessageBody::parse("Hi").unwrap(),
        );
        let n = open_case(db, &ana, &new).await.unwrap().number();

        assert!(here(db, &alex, n, false).await.unwrap().is_empty());
        let seen = here(db, &bea, n, true).await.unwrap();
        assert_eq!(
            seen,
            [Presence {
                name: "Alex".into(),
                typing: false
            }]
        );
        let seen = here(db, &alex, n, false).await.unwrap();
        assert_eq!(
            seen,
            [Presence {
                name: "Bea".into(),
                typing: true
            }]
        );
        // Bea leaves: gone at once.
        gone(db, &bea, n).await.unwrap();
        assert!(here(db, &alex, n, false).await.unwrap().is_empty());
        // Bea comes back, then goes quiet for longer than the window.
        here(db, &bea, n, false).await.unwrap();
        db.clock.advance(Duration::from_millis(GONE_MS as u64 + 1));
        assert!(here(db, &alex, n, false).await.unwrap().is_empty());
        assert_eq!(
            here(db, &alex, 99_999, false).await,
            Err(AppError::NotFound)
        );
    }
}

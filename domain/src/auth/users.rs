//! The admins' users page: find accounts, give roles, deactivate. A
//! deactivated account cannot sign in, its sessions end at once (the
//! session lookup refuses it too), it is given no case; its cases stay.

use super::{Account, Admin, Role};
use crate::db::{Db, Flag};
use crate::error::AppError;

/// Accounts listed per page of the users page.
pub const USERS_PAGE: i64 = 100;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    name: String,
    email: String,
    role: String,
    #[sqlx(try_from = "Flag")]
    deactivated: bool,
    created_at: i64,
}

/// Accounts whose name or email contains `search` (all when empty), staff
/// first, then by name.
pub async fn list(db: &Db, _admin: &Admin, search: &str) -> Result<Vec<Account>, AppError> {
    let pattern = crate::cases::listing::like_pattern(search.trim());
    let rows: Vec<Row> = sqlx::query_as(
        r#"
        SELECT id, name, email, role,
               CASE WHEN deactivated_at IS NULL THEN 0 ELSE 1 END AS deactivated, created_at
        FROM users
        WHERE LOWER(name) LIKE $1 ESCAPE '\' OR LOWER(email) LIKE $1 ESCAPE '\'
        ORDER BY CASE role WHEN 'customer' THEN 1 ELSE 0 END, name, id
        LIMIT $2
        "#,
    )
    .bind(pattern)
    .bind(USERS_PAGE)
    .fetch_all(&db.read)
    .await?;
    rows.into_iter()
        .map(|r| {
            let role = Role::parse(&r.role).ok_or_else(|| {
                tracing::error!(role = %r.role, "unknown role in the users table");
                AppError::Internal
            })?;
            Ok(Account {
                id: r.id,
                name: r.name,
                email: r.email,
                role,
                deactivated: r.deactivated,
                created_at: r.created_at,
            })
        })
        .collect()
}

/// Admins keep their own role and account: no admin can lock themselves
/// (and maybe everyone) out.
fn not_self(admin: &Admin, id: i64) -> Result<(), AppError> {
    if admin.user().id == id {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

pub async fn set_role(db: &Db, admin: &Admin, id: i64, role: Role) -> Result<(), AppError> {
    not_self(admin, id)?;
    let mut tx = db.begin_write().await?;
    let done = sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
        .bind(role.as_str())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// Deactivates account `id` (`active` false) or brings it back.
pub async fn set_active(db: &Db, admin: &Admin, id: i64, active: bool) -> Result<(), AppError> {
    not_self(admin, id)?;
    let mut tx = db.begin_write().await?;
    let at = (!active).then(|| db.now());
    let done = sqlx::query("UPDATE users SET deactivated_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    if !active {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::accounts;
    use crate::cases::assign::assign;
    use crate::cases::open::{open_case, NewCase};
    use crate::cases::CaseType;
    use crate::db::testing::test_db;
    use crate::validate::{MessageBody, Subject};

    #[tokio::test]
    async fn a_deactivated_account_is_signed_out_cannot_sign_in_and_is_given_no_case() {
        let t = test_db().await;
        let db = &t.db;
        let admin = crate::auth::testing::admin(db).await;
        let ana = accounts::register(db, Role::Customer, "Ana", "ana@example.com", "password-123")
            .await
            .unwrap();
        let alex = accounts::register(db, Role::Agent, "Alex", "alex@example.com", "password-123")
            .await
            .unwrap();
        let token = accounts::start_session(db, &alex, None, 30).await.unwrap();
        let new = NewCase::new(
            Subject::parse("Stays").unwrap(),
            CaseType::OTHER,
            MessageBody::parse("Hi").unwrap(),
        );
        let number = open_case(db, &ana, &new).await.unwrap().number();
        let staff = (*admin).clone();

        set_active(db, &admin, alex.user().id, false).await.unwrap();
        let actor = accounts::actor_for_session(db, &token).await.unwrap();
        assert!(actor.user().is_none(), "the session ended");
        assert_eq!(
            accounts::authenticate(db, "alex@example.com", "password-123").await,
            Err(AppError::WrongCredentials)
        );
        assert_eq!(
            assign(db, &staff, number, Some(alex.user().id)).await,
            Err(AppError::invalid(
                crate::validate::Field::Assignee,
                crate::validate::Problem::Unknown
            ))
        );
        let listed = list(db, &admin, "alex").await.unwrap();
        assert!(listed[0].deactivated);

        // Brought back, Alex signs in again; made admin, Alex is staff.
        set_active(db, &admin, alex.user().id, true).await.unwrap();
        set_role(db, &admin, alex.user().id, Role::Admin)
            .await
            .unwrap();
        let back = accounts::authenticate(db, "alex@example.com", "password-123")
            .await
            .unwrap();
        assert_eq!(back.user().role, Role::Admin);
        // No admin can lock themselves out.
        assert_eq!(
            set_active(db, &admin, admin.user().id, false).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            set_role(db, &admin, 999_999, Role::Agent).await,
            Err(AppError::NotFound)
        );
        // A search finds by name or address, customers after staff.
        let all = list(db, &admin, "").await.unwrap();
        assert_eq!(all.last().unwrap().email, "ana@example.com");
    }
}

//! SQL for accounts and sessions.

use super::{Role, User};
use crate::db::Db;
use crate::error::AppError;
use crate::validate::{Email, PersonName};

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    name: String,
    role: String,
}

impl UserRow {
    fn into_user(self) -> Result<User, AppError> {
        let role = Role::parse(&self.role).ok_or_else(|| {
            tracing::error!(user = self.id, role = %self.role, "unknown role in database");
            AppError::Internal
        })?;
        Ok(User {
            id: self.id,
            email: self.email,
            name: self.name,
            role,
        })
    }
}

/// Creates an account; a taken email is a field error, not a crash.
pub async fn insert_user(
    db: &Db,
    email: &Email,
    name: &PersonName,
    role: Role,
    password_hash: &str,
) -> Result<User, AppError> {
    let mut tx = db.begin_write().await?;
    let result = sqlx::query_scalar::<_, i64>(
        r#"
        INSERT INTO users (email, name, role, password_hash, created_at)
        VALUES ($1, $2, $3, $4, $5)
        RETURNING id
        "#,
    )
    .bind(email.as_str())
    .bind(name.as_str())
    .bind(role.as_str())
    .bind(password_hash)
    .bind(db.now())
    .fetch_one(&mut *tx)
    .await;
    let id = match result {
        Ok(id) => id,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(AppError::EmailTaken);
        }
        Err(e) => return Err(e.into()),
    };
    tx.commit().await?;
    Ok(User {
        id,
        email: email.as_str().to_owned(),
        name: name.as_str().to_owned(),
        role,
    })
}

/// The account and its password hash, for signing in.
pub async fn find_for_sign_in(db: &Db, email: &str) -> Result<Option<(User, String)>, AppError> {
    let row = sqlx::query_as::<_, (i64, String, String, String, String)>(
        r#"
        SELECT id, email, name, role, password_hash
        FROM users
        WHERE email = $1
        "#,
    )
    .bind(email)
    .fetch_optional(&db.read)
    .await?;
    row.map(|(id, email, name, role, hash)| {
        UserRow {
            id,
            email,
            name,
            role,
        }
        .into_user()
        .map(|u| (u, hash))
    })
    .transpose()
}

/// The account with this (already normalized) email, if any.
pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<User>, AppError> {
    Ok(find_for_sign_in(db, email).await?.map(|(user, _)| user))
}

pub async fn count_users(db: &Db) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&db.read)
        .await?)
}

/// Stores a new session, dropping the one it replaces (if any) and expired
/// ones, in one transaction.
pub async fn insert_session(
    db: &Db,
    replaces: Option<&str>,
    token_hash: &str,
    user_id: i64,
    expires_at: i64,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    if let Some(old) = replaces {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(old)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query(
        r#"
        INSERT INTO sessions (token_hash, user_id, created_at, expires_at)
        VALUES ($1, $2, $3, $4)
        "#,
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(db.now())
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    // Expired sessions are swept here rather than by a timer: sign-ins are
    // frequent enough and it keeps the table small.
    sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(db.now())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn user_for_session(db: &Db, token_hash: &str) -> Result<Option<User>, AppError> {
    let row = sqlx::query_as::<_, UserRow>(
        r#"
        SELECT u.id, u.email, u.name, u.role
        FROM sessions s
        JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > $2
        "#,
    )
    .bind(token_hash)
    .bind(db.now())
    .fetch_optional(&db.read)
    .await?;
    row.map(UserRow::into_user).transpose()
}

pub async fn delete_session(db: &Db, token_hash: &str) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

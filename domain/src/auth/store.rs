//! SQL for accounts and sessions.

use super::{Language, Role, User};
use crate::db::{Db, Tx};
use crate::error::AppError;
use crate::validate::{Email, PersonName};

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    email: String,
    name: String,
    role: String,
    email_verified_at: Option<i64>,
    language: String,
    time_zone: Option<String>,
    photo_at: Option<i64>,
}

/// The columns of [`UserRow`], for `SELECT`s on `users u`.
const USER: &str =
    "u.id, u.email, u.name, u.role, u.email_verified_at, u.language, u.time_zone, u.photo_at";

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
            verified: self.email_verified_at.is_some(),
            language: Language::parse(&self.language).unwrap_or(Language::En),
            time_zone: self.time_zone,
            photo: self.photo_at,
            following: None,
        })
    }
}

/// The new account's details.
pub struct NewUser<'a> {
    pub email: &'a Email,
    pub name: &'a PersonName,
    pub role: Role,
    pub password_hash: &'a str,
    pub language: Language,
    /// Made by someone who vouches for the address (an admin, the demo).
    pub verified: bool,
}

/// Creates an account in the caller's transaction; a taken email is a
/// field error, not a crash.
pub async fn insert_user(tx: &mut Tx, new: &NewUser<'_>, now: i64) -> Result<User, AppError> {
    let NewUser {
        email,
        name,
        role,
        password_hash,
        language,
        verified,
    } = *new;
    let result = sqlx::query_scalar::<_, i64>(
        r#"
        INSERT INTO users (email, name, role, password_hash, created_at, language,
                           email_verified_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        RETURNING id
        "#,
    )
    .bind(email.as_str())
    .bind(name.as_str())
    .bind(role.as_str())
    .bind(password_hash)
    .bind(now)
    .bind(language.as_str())
    .bind(verified.then_some(now))
    .fetch_one(&mut **tx)
    .await;
    let id = match result {
        Ok(id) => id,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(AppError::EmailTaken);
        }
        Err(e) => return Err(e.into()),
    };
    Ok(User {
        id,
        email: email.as_str().to_owned(),
        name: name.as_str().to_owned(),
        role,
        verified,
        language,
        time_zone: None,
        photo: None,
        following: None,
    })
}

/// The account and its password hash, for signing in.
pub async fn find_for_sign_in(db: &Db, email: &str) -> Result<Option<(User, String)>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        user: UserRow,
        password_hash: String,
    }
    let row = sqlx::query_as::<_, Row>(&format!(
        "SELECT {USER}, u.password_hash FROM users u WHERE u.email = $1"
    ))
    .bind(email)
    .fetch_optional(&db.read)
    .await?;
    row.map(|r| r.user.into_user().map(|u| (u, r.password_hash)))
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
    following: Option<i64>,
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
        INSERT INTO sessions (token_hash, user_id, created_at, expires_at, case_id)
        VALUES ($1, $2, $3, $4, $5)
        "#,
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(db.now())
    .bind(expires_at)
    .bind(following)
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

/// The account holding a session that is neither expired nor idle since
/// `idle_after`, and when the session was last seen. A session that follows
/// one case (made by a mailed link) gives the account as a customer
/// limited to that case.
pub async fn user_for_session(
    db: &Db,
    token_hash: &str,
    idle_after: i64,
) -> Result<Option<(User, i64)>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        user: UserRow,
        following: Option<i64>,
        case_id: Option<i64>,
        seen: i64,
    }
    let row = sqlx::query_as::<_, Row>(&format!(
        r#"
        SELECT {USER}, c.number AS following, s.case_id,
               COALESCE(s.last_seen_at, s.created_at) AS seen
        FROM sessions s
        JOIN users u ON u.id = s.user_id
        LEFT JOIN cases c ON c.id = s.case_id
        WHERE s.token_hash = $1 AND s.expires_at > $2
          AND COALESCE(s.last_seen_at, s.created_at) > $3
          AND u.deactivated_at IS NULL
        "#
    ))
    .bind(token_hash)
    .bind(db.now())
    .bind(idle_after)
    .fetch_optional(&db.read)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let mut user = row.user.into_user()?;
    if row.case_id.is_some() {
        // Never staff, whoever the address belongs to: the link proves an
        // address, not a password.
        user.role = Role::Customer;
        user.following = Some(row.following.ok_or(AppError::Internal)?);
    }
    Ok(Some((user, row.seen)))
}

/// Notes that a session was used at `now`.
pub async fn touch_session(db: &Db, token_hash: &str, now: i64) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
        .bind(now)
        .bind(token_hash)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Ends every session of account `user_id` ("Sign out everywhere").
pub async fn delete_sessions_of(db: &Db, user_id: i64) -> Result<u64, AppError> {
    let mut tx = db.begin_write().await?;
    let done = sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(done.rows_affected())
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

/// Marks the address of `user_id` verified (if it is still `email`).
pub async fn set_verified(
    tx: &mut Tx,
    user_id: i64,
    email: &str,
    now: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE users SET email_verified_at = COALESCE(email_verified_at, $1) WHERE id = $2 AND email = $3",
    )
    .bind(now)
    .bind(user_id)
    .bind(email)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A new password hash; every session of the account ends but `keep` (the
/// hash of the token of the session that set it, if any).
pub async fn set_password(
    tx: &mut Tx,
    user_id: i64,
    password_hash: &str,
    keep: Option<&str>,
) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> COALESCE($2, '')")
        .bind(user_id)
        .bind(keep)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Whether an admin deactivated account `id`.
pub async fn is_deactivated(db: &Db, id: i64) -> Result<bool, AppError> {
    let at: Option<i64> = sqlx::query_scalar("SELECT deactivated_at FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(&db.read)
        .await?;
    Ok(at.is_some())
}

/// The account with this id, inside a transaction.
pub async fn user_by_id(tx: &mut Tx, id: i64) -> Result<Option<User>, AppError> {
    let row = sqlx::query_as::<_, UserRow>(&format!("SELECT {USER} FROM users u WHERE u.id = $1"))
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(UserRow::into_user).transpose()
}

/// The language an account reads in (for mails).
pub async fn language_of(tx: &mut Tx, user_id: i64) -> Result<Language, AppError> {
    let lang: String = sqlx::query_scalar("SELECT language FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(Language::parse(&lang).unwrap_or(Language::En))
}

/// The account of `email`, made as a contact when there is none: someone
/// who wrote by mail. A contact has no password (nobody can sign in as
/// it) until its owner signs up with the address and confirms it.
pub async fn contact(
    tx: &mut Tx,
    email: &Email,
    name: &PersonName,
    now: i64,
) -> Result<User, AppError> {
    // Two mails from one new sender at once make one contact.
    sqlx::query(
        r#"
        INSERT INTO users (email, name, role, password_hash, created_at, language)
        VALUES ($1, $2, 'customer', '', $3, 'en')
        ON CONFLICT (email) DO NOTHING
        "#,
    )
    .bind(email.as_str())
    .bind(name.as_str())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    let row =
        sqlx::query_as::<_, UserRow>(&format!("SELECT {USER} FROM users u WHERE u.email = $1"))
            .bind(email.as_str())
            .fetch_one(&mut **tx)
            .await?;
    row.into_user()
}

/// Whether account `user_id` is a contact (made from mail, no password).
pub async fn is_contact(tx: &mut Tx, user_id: i64) -> Result<bool, AppError> {
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(hash.is_empty())
}

/// Sets an account's name and language (a contact claimed at sign-up).
pub async fn set_profile(
    tx: &mut Tx,
    user_id: i64,
    name: &str,
    language: &str,
) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET name = $1, language = $2 WHERE id = $3")
        .bind(name)
        .bind(language)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

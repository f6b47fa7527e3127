//! Links mailed to people: a random token that only the mail holds (the
//! database keeps its SHA-256), for one purpose, usable once, until it
//! expires. Unknown, used and expired links read the same.

use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::db::{Db, Tx};
use crate::error::AppError;

model::text_enum! {
    pub enum Purpose {
        VerifyAddress = "verify_address",
        PasswordReset = "password_reset",
        SelfHelpYes = "self_help_yes",
        SelfHelpNo = "self_help_no",
        /// Confirms the address of a contact (someone who wrote by mail)
        /// and makes it an account with the sign-up's name and password.
        ClaimContact = "claim_contact",
        /// Confirms a new address for an account (sent to the new one).
        ChangeEmail = "change_email",
        /// Opens one case, without an account, for a person on it.
        FollowCase = "follow_case",
    }
}

/// Who and what a link is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub purpose: Purpose,
    pub user_id: Option<i64>,
    pub case_id: Option<i64>,
    pub email: Option<String>,
    /// What the link carries besides (a pending sign-up, as JSON).
    pub payload: Option<String>,
}

/// A new link's token, stored (hashed) in the caller's transaction.
pub async fn issue(
    tx: &mut Tx,
    link: &Link,
    valid: Duration,
    now: i64,
) -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    sqlx::query(
        r#"
        INSERT INTO link_tokens
            (token_hash, purpose, user_id, case_id, email, created_at, expires_at, payload)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        "#,
    )
    .bind(hash(&token))
    .bind(link.purpose.as_str())
    .bind(link.user_id)
    .bind(link.case_id)
    .bind(link.email.as_deref())
    .bind(now)
    .bind(now + valid.as_millis() as i64)
    .bind(link.payload.as_deref())
    .execute(&mut **tx)
    .await?;
    Ok(token)
}

/// What a token is for, if it is still good; nothing is changed (a page
/// that asks for more before acting, like a new password, shows this).
pub async fn peek(db: &Db, token: &str) -> Result<Link, AppError> {
    let row =
        sqlx::query_as::<_, Row>(&format!("{SELECT} AND used_at IS NULL AND expires_at > $2"))
            .bind(hash_checked(token)?)
            .bind(db.now())
            .fetch_optional(&db.read)
            .await?;
    row.ok_or(AppError::LinkInvalid)?.into_link()
}

/// Uses the token for one of `purposes` (one or two): it never works again. The caller
/// acts on the link in the same transaction, so a failure uses nothing.
pub async fn redeem(
    tx: &mut Tx,
    token: &str,
    purposes: &[Purpose],
    now: i64,
) -> Result<Link, AppError> {
    let token_hash = hash_checked(token)?;
    let Some(&first) = purposes.first() else {
        return Err(AppError::LinkInvalid);
    };
    let second = purposes.get(1).copied().unwrap_or(first);
    // The update is the claim: of two uses at once, one changes the row. A
    // link made for something else stays unused.
    let used = sqlx::query(
        "UPDATE link_tokens SET used_at = $1 \
         WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1 \
         AND (purpose = $3 OR purpose = $4)",
    )
    .bind(now)
    .bind(&token_hash)
    .bind(first.as_str())
    .bind(second.as_str())
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if used == 0 {
        return Err(AppError::LinkInvalid);
    }
    let row = sqlx::query_as::<_, Row>(SELECT)
        .bind(&token_hash)
        .fetch_one(&mut **tx)
        .await?;
    row.into_link()
}

/// Ends every unused link of `purpose` for a user (a new password makes
/// older reset links useless).
pub async fn revoke(tx: &mut Tx, user_id: i64, purpose: Purpose, now: i64) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE link_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
    )
    .bind(now)
    .bind(user_id)
    .bind(purpose.as_str())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

const SELECT: &str =
    "SELECT purpose, user_id, case_id, email, payload FROM link_tokens WHERE token_hash = $1";

#[derive(sqlx::FromRow)]
struct Row {
    purpose: String,
    user_id: Option<i64>,
    case_id: Option<i64>,
    email: Option<String>,
    payload: Option<String>,
}

impl Row {
    fn into_link(self) -> Result<Link, AppError> {
        let purpose = Purpose::parse(&self.purpose).ok_or_else(|| {
            tracing::error!(purpose = %self.purpose, "unknown purpose in link_tokens");
            AppError::Internal
        })?;
        Ok(Link {
            purpose,
            user_id: self.user_id,
            case_id: self.case_id,
            email: self.email,
            payload: self.payload,
        })
    }
}

/// Tokens are 43 URL-safe characters; anything else is not one of ours,
/// refused before it reaches the database.
fn hash_checked(token: &str) -> Result<String, AppError> {
    let ok = token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !ok {
        return Err(AppError::LinkInvalid);
    }
    Ok(hash(token))
}

fn hash(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

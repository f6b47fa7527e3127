//! Creating accounts and checking credentials, shared by the sign-up form,
//! the `add-user` command and the demo data.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::store::NewUser;
use super::{passwords, store, Actor, Language, Person, Role};
use crate::db::{Db, Tx};
use crate::error::AppError;
use crate::mail::links::{self, Purpose};
use crate::validate::{Email, Password, PersonName};

/// An account made by an admin, the `add-user` command or the demo: its
/// address counts as verified. Validates every field, then hashes and
/// stores; nothing is written when a field is refused.
pub async fn register(
    db: &Db,
    role: Role,
    name: &str,
    email: &str,
    password: &str,
) -> Result<Person, AppError> {
    let name = PersonName::parse(name)?;
    let email = Email::parse(email)?;
    let password = Password::parse(password)?;
    let hash = passwords::hash(password).await?;
    let new = NewUser {
        email: &email,
        name: &name,
        role,
        password_hash: &hash,
        language: Language::En,
        verified: true,
    };
    let mut tx = db.begin_write().await?;
    let user = store::insert_user(&mut tx, &new, db.now()).await?;
    tx.commit().await?;
    Ok(Person::from_user(user))
}

/// The public sign-up form: a customer account whose address is verified
/// by a mailed link. It answers the same, in the same time, when the
/// address already has an account; that address's owner gets a mail
/// saying so instead, so the form tells nobody who is registered.
pub async fn sign_up(
    db: &Db,
    name: &str,
    email: &str,
    password: &str,
    language: Language,
) -> Result<(), AppError> {
    let name = PersonName::parse(name)?;
    let email = Email::parse(email)?;
    let password = Password::parse(password)?;
    let hash = passwords::hash(password).await?;
    let new = NewUser {
        email: &email,
        name: &name,
        role: Role::Customer,
        password_hash: &hash,
        language,
        verified: false,
    };
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let made = store::insert_user(&mut tx, &new, now).await;
    match made {
        Ok(user) => {
            crate::mail::notify::verify_address(&mut tx, &user, language, now).await?;
            tx.commit().await?;
            Ok(())
        }
        Err(AppError::EmailTaken) => {
            // Rolled back first: PostgreSQL ends a transaction at the
            // refused insert, and SQLite's one writer is needed again.
            drop(tx);
            match store::find_for_sign_in(db, email.as_str()).await? {
                Some((owner, stored)) if stored.is_empty() => {
                    let claim = Claim {
                        name: name.as_str().to_owned(),
                        password_hash: hash,
                        language: language.as_str().to_owned(),
                    };
                    let mut tx = db.begin_write().await?;
                    let payload = serde_json::to_string(&claim).map_err(|_| AppError::Internal)?;
                    let notify = crate::mail::notify::claim_contact;
                    notify(&mut tx, &owner, name.as_str(), payload, language, now).await?;
                    tx.commit().await?;
                    Ok(())
                }
                Some((owner, _)) => crate::mail::notify::already_registered(db, &owner).await,
                None => Ok(()),
            }
        }
        Err(err) => Err(err),
    }
}

/// A sign-up with a contact's address, waiting in its link until the
/// address is confirmed.
#[derive(serde::Serialize, serde::Deserialize)]
struct Claim {
    name: String,
    password_hash: String,
    language: String,
}

/// Confirms an address with the mailed link; the account it belongs to,
/// to sign in. A contact's link also makes the account the signer's: the
/// name and password they chose, and the cases mailed from the address.
pub async fn verify_address(db: &Db, token: &str) -> Result<Person, AppError> {
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let purposes = [Purpose::VerifyAddress, Purpose::ClaimContact];
    let link = links::redeem(&mut tx, token, &purposes, now).await?;
    let (Some(user_id), Some(email)) = (link.user_id, link.email) else {
        return Err(AppError::LinkInvalid);
    };
    if link.purpose == Purpose::ClaimContact {
        let claim: Claim = link
            .payload
            .as_deref()
            .and_then(|p| serde_json::from_str(p).ok())
            .ok_or(AppError::LinkInvalid)?;
        // Claimed already (by another link, or a password reset).
        if !store::is_contact(&mut tx, user_id).await? {
            return Err(AppError::LinkInvalid);
        }
        store::set_password(&mut tx, user_id, &claim.password_hash, None).await?;
        store::set_profile(&mut tx, user_id, &claim.name, &claim.language).await?;
    }
    store::set_verified(&mut tx, user_id, &email, now).await?;
    signed_in_after(tx, user_id).await
}

/// Mails a new verification link to a signed-in person whose address is
/// not verified yet (nothing for one that is).
pub async fn resend_verification(db: &Db, person: &Person) -> Result<(), AppError> {
    if person.verified {
        return Ok(());
    }
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let lang = store::language_of(&mut tx, person.id).await?;
    crate::mail::notify::verify_address(&mut tx, person.user(), lang, now).await?;
    tx.commit().await?;
    Ok(())
}

/// "Forgot your password?": mails a reset link when the address has an
/// account. The answer is the same either way.
pub async fn request_password_reset(db: &Db, email: &str) -> Result<(), AppError> {
    let email = Email::parse(email)?;
    let Some(user) = store::find_by_email(db, email.as_str()).await? else {
        return Ok(());
    };
    let now = db.now();
    let mut tx = db.begin_write().await?;
    crate::mail::notify::password_reset(&mut tx, &user, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether a reset link is still good, for the page that asks for the new
/// password (nothing is used yet).
pub async fn check_reset_link(db: &Db, token: &str) -> Result<(), AppError> {
    match links::peek(db, token).await?.purpose {
        Purpose::PasswordReset => Ok(()),
        _ => Err(AppError::LinkInvalid),
    }
}

/// Sets a new password with a reset link. Every session of the account
/// ends (a thief signed in elsewhere is out), other reset links stop
/// working, and the address counts as verified: the link reached it.
/// Gives the account, to sign in here.
pub async fn reset_password(db: &Db, token: &str, password: &str) -> Result<Person, AppError> {
    let password = Password::parse(password)?;
    let hash = passwords::hash(password).await?;
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let (user_id, email) = redeem_for_user(&mut tx, token, Purpose::PasswordReset, now).await?;
    store::set_password(&mut tx, user_id, &hash, None).await?;
    links::revoke(&mut tx, user_id, Purpose::PasswordReset, now).await?;
    store::set_verified(&mut tx, user_id, &email, now).await?;
    signed_in_after(tx, user_id).await
}

/// Uses a link made for an account: the account's id and the address the
/// link was sent to.
async fn redeem_for_user(
    tx: &mut Tx,
    token: &str,
    purpose: Purpose,
    now: i64,
) -> Result<(i64, String), AppError> {
    let link = links::redeem(tx, token, &[purpose], now).await?;
    match (link.user_id, link.email) {
        (Some(user_id), Some(email)) => Ok((user_id, email)),
        _ => Err(AppError::LinkInvalid),
    }
}

/// Commits `tx` and gives the account as it now is, to sign in.
async fn signed_in_after(mut tx: Tx, user_id: i64) -> Result<Person, AppError> {
    let user = store::user_by_id(&mut tx, user_id)
        .await?
        .ok_or(AppError::LinkInvalid)?;
    tx.commit().await?;
    Ok(Person::from_user(user))
}

/// The account for these credentials. Unknown email and wrong password give
/// the same answer in the same time.
pub async fn authenticate(db: &Db, email: &str, password: &str) -> Result<Person, AppError> {
    let email = email.trim().to_lowercase();
    let found = store::find_for_sign_in(db, &email).await?;
    // A contact (made from mail) has no password: as for no account.
    let (user, hash) = match found {
        Some((user, hash)) if !hash.is_empty() => (Some(user), Some(hash)),
        _ => (None, None),
    };
    let ok = passwords::verify(password.to_owned(), hash).await?;
    match user {
        Some(user) if ok && !store::is_deactivated(db, user.id).await? => {
            Ok(Person::from_user(user))
        }
        _ => Err(AppError::WrongCredentials),
    }
}

/// Who holds the session with this token: a visitor when there is none
/// (unknown, expired, unused for [`IDLE_MS`], or signed out). Using a
/// session keeps it alive.
pub async fn actor_for_session(db: &Db, token: &str) -> Result<Actor, AppError> {
    let hash = token_hash(token);
    let now = db.now();
    match store::user_for_session(db, &hash, now - IDLE_MS).await? {
        Some((user, seen)) => {
            // At most one write per session every few minutes.
            if now - seen > TOUCH_EVERY_MS {
                store::touch_session(db, &hash, now).await?;
            }
            Ok(Actor::Person(Person::from_user(user)))
        }
        None => Ok(Actor::Visitor),
    }
}

/// A session unused this long has ended, whatever its expiry.
pub const IDLE_MS: i64 = 3 * DAY_MS;
const TOUCH_EVERY_MS: i64 = 5 * 60 * 1000;

/// "Sign out everywhere": ends every session of `person`, this one too.
pub async fn end_all_sessions(db: &Db, person: &Person) -> Result<(), AppError> {
    let ended = store::delete_sessions_of(db, person.id).await?;
    tracing::info!(user = person.id, sessions = ended, "signed out everywhere");
    Ok(())
}

/// A new session for `person`, valid `days`; its token, which only the
/// browser keeps (the database has its SHA-256). The session the browser
/// brought (`replacing`) ends, so a planted id is never reused (session
/// fixation).
pub async fn start_session(
    db: &Db,
    person: &Person,
    replacing: Option<&str>,
    days: i64,
) -> Result<String, AppError> {
    new_session(db, person.id, None, replacing, days).await
}

/// A session for account `user_id` (seeing case `following` alone, when
/// set); its token.
pub(super) async fn new_session(
    db: &Db,
    user_id: i64,
    following: Option<i64>,
    replacing: Option<&str>,
    days: i64,
) -> Result<String, AppError> {
    let token = new_token();
    let old = replacing.map(token_hash);
    let expires = db.now() + days * DAY_MS;
    let new = token_hash(&token);
    store::insert_session(db, old.as_deref(), &new, user_id, following, expires).await?;
    Ok(token)
}

/// Ends the session with this token (signing out).
pub async fn end_session(db: &Db, token: &str) -> Result<(), AppError> {
    store::delete_session(db, &token_hash(token)).await
}

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// A new bearer token (a session's, a chat visitor's): 256 random bits,
/// URL-safe.
pub(crate) fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored of a token: its SHA-256, so a copy of the database
/// proves nothing.
pub(crate) fn token_hash(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::test_db;
    use crate::validate::{Field, Problem};

    #[tokio::test]
    async fn registered_user_can_authenticate_with_any_email_case() {
        let t = test_db().await;
        let user = register(
            &t.db,
            Role::Customer,
            "Ana",
            "Ana@Example.com",
            "secret-pass",
        )
        .await
        .unwrap();
        assert_eq!(user.email, "ana@example.com");
        let again = authenticate(&t.db, " ANA@example.com", "secret-pass")
            .await
            .unwrap();
        assert_eq!(again, user);
    }

    #[tokio::test]
    async fn wrong_password_and_unknown_email_read_the_same() {
        let t = test_db().await;
        register(
            &t.db,
            Role::Customer,
            "Ana",
            "ana@example.com",
            "secret-pass",
        )
        .await
        .unwrap();
        assert_eq!(
            authenticate(&t.db, "ana@example.com", "wrong-pass").await,
            Err(AppError::WrongCredentials)
        );
        assert_eq!(
            authenticate(&t.db, "nobody@example.com", "secret-pass").await,
            Err(AppError::WrongCredentials)
        );
    }

    #[tokio::test]
    async fn bad_sign_up_input_is_refused_and_nothing_is_written() {
        let t = test_db().await;
        let cases = [
            (
                "",
                "a@example.com",
                "secret-pass",
                Field::Name,
                Problem::Required,
            ),
            (
                "Ana",
                "not-an-email",
                "secret-pass",
                Field::Email,
                Problem::Malformed,
            ),
            (
                "Ana",
                "a@example.com",
                "short",
                Field::Password,
                Problem::PasswordLength,
            ),
        ];
        for (name, email, password, field, problem) in cases {
            assert_eq!(
                register(&t.db, Role::Customer, name, email, password).await,
                Err(AppError::invalid(field, problem))
            );
        }
        assert_eq!(store::count_users(&t.db).await.unwrap(), 0);
    }

    #[tokio::test]
    async fn an_email_can_register_only_once() {
        let t = test_db().await;
        register(
            &t.db,
            Role::Customer,
            "Ana",
            "ana@example.com",
            "secret-pass",
        )
        .await
        .unwrap();
        assert_eq!(
            register(&t.db, Role::Agent, "Ana 2", "ANA@example.com", "other-pass").await,
            Err(AppError::EmailTaken)
        );
        assert_eq!(store::count_users(&t.db).await.unwrap(), 1);
    }
}

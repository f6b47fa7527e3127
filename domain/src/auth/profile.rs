//! A person's own profile: what they tell about themselves, the language
//! and zone they read in, their password and their address. A session that
//! follows one case (a mailed link, no password) changes none of it.

use std::time::Duration;

use super::{accounts, passwords, store, Actor, Language, Person, Profile, Requester};
use crate::db::Db;
use crate::error::AppError;
use crate::mail::links::{self, Link, Purpose};
use crate::validate::{Email, Field, Password, PersonName, Problem};

/// How long a link confirming a new address works.
const CHANGE_EMAIL_VALID: Duration = Duration::from_secs(24 * 60 * 60);

/// The person themselves, with a password: not a follower of one case.
pub(super) fn own(person: &Person) -> Result<&Person, AppError> {
    match person.following {
        Some(_) => Err(AppError::Forbidden),
        None => Ok(person),
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    name: String,
    email: String,
    job_title: String,
    phone: String,
    language: String,
    time_zone: Option<String>,
    photo_at: Option<i64>,
}

pub async fn get(db: &Db, person: &Person) -> Result<Profile, AppError> {
    let me = own(person)?;
    let row = sqlx::query_as::<_, Row>(
        "SELECT name, email, job_title, phone, language, time_zone, photo_at FROM users WHERE id = $1",
    )
    .bind(me.id)
    .fetch_one(&db.read)
    .await?;
    Ok(Profile {
        name: row.name,
        email: row.email,
        job_title: row.job_title,
        phone: row.phone,
        language: row.language,
        time_zone: row.time_zone.unwrap_or_default(),
        photo: row.photo_at.map(|v| super::photo_url(me.id, v)),
    })
}

/// A zone as IANA names it; empty means the browser's.
pub fn time_zone(raw: &str) -> Result<Option<String>, AppError> {
    let name = raw.trim();
    if name.is_empty() {
        return Ok(None);
    }
    match model::time::zone(name) {
        Some(tz) => Ok(Some(tz.name().to_owned())),
        None => Err(AppError::invalid(Field::TimeZone, Problem::Unknown)),
    }
}

/// Every zone name IANA has, for suggestions.
pub fn zone_names() -> Vec<String> {
    chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| tz.name().to_owned())
        .collect()
}

/// Saves name, job title, phone, language and zone: all checked first,
/// then written together. The address changes only through [`change_email`].
pub async fn update(db: &Db, person: &Person, form: &Profile) -> Result<(), AppError> {
    let me = own(person)?;
    let name = PersonName::parse(&form.name)?;
    let job_title =
        model::cases::record::short_text(&form.job_title, Field::JobTitle, super::JOB_TITLE_MAX)?;
    let phone = model::cases::record::phone(&form.phone)?;
    let language = Language::parse(&form.language)
        .ok_or(AppError::invalid(Field::Language, Problem::Unknown))?;
    let zone = time_zone(&form.time_zone)?;
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE users SET name = $1, job_title = $2, phone = $3, language = $4, time_zone = $5 \
         WHERE id = $6",
    )
    .bind(name.as_str())
    .bind(job_title)
    .bind(phone)
    .bind(language.as_str())
    .bind(zone)
    .bind(me.id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The language switch of a signed-in person: kept for every page and mail.
pub async fn set_language(db: &Db, person: &Person, language: Language) -> Result<(), AppError> {
    let me = own(person)?;
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE users SET language = $1 WHERE id = $2")
        .bind(language.as_str())
        .bind(me.id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The language switch, for whoever uses it: kept in a signed-in person's
/// profile; a visitor's or a case follower's choice lives in their cookie
/// alone (set by the caller).
pub async fn choose_language(db: &Db, actor: &Actor, language: Language) -> Result<(), AppError> {
    match actor {
        Actor::Person(person) if person.following.is_none() => {
            set_language(db, person, language).await
        }
        _ => Ok(()),
    }
}

/// A new password, after the current one. Every other session of the
/// account ends; `session` (the token of the one asking) stays.
pub async fn change_password(
    db: &Db,
    person: &Person,
    current: &str,
    new: &str,
    session: &str,
) -> Result<(), AppError> {
    let me = own(person)?;
    let new = Password::parse(new)?;
    let stored = store::find_for_sign_in(db, &me.email)
        .await?
        .map(|(_, hash)| hash)
        .filter(|h| !h.is_empty());
    if !passwords::verify(current.to_owned(), stored).await? {
        return Err(AppError::invalid(
            Field::CurrentPassword,
            Problem::Malformed,
        ));
    }
    let hash = passwords::hash(new).await?;
    let mut tx = db.begin_write().await?;
    let keep = accounts::token_hash(session);
    store::set_password(&mut tx, me.id, &hash, Some(&keep)).await?;
    links::revoke(&mut tx, me.id, Purpose::PasswordReset, db.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// Mails a link to `new_email`; the address changes when it is followed.
/// An address that already has an account gets nothing, and the answer is
/// the same, so the form tells nobody who is registered.
pub async fn change_email(db: &Db, person: &Person, new_email: &str) -> Result<(), AppError> {
    let me = own(person)?;
    let email = Email::parse(new_email)?;
    if email.as_str() == me.email {
        return Err(AppError::invalid(Field::Email, Problem::Taken));
    }
    if store::find_by_email(db, email.as_str()).await?.is_some() {
        return Ok(());
    }
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let link = Link {
        purpose: Purpose::ChangeEmail,
        user_id: Some(me.id),
        case_id: None,
        email: Some(email.as_str().to_owned()),
        payload: None,
    };
    let token = links::issue(&mut tx, &link, CHANGE_EMAIL_VALID, now).await?;
    let lang = store::language_of(&mut tx, me.id).await?;
    crate::mail::notify::change_email(&mut tx, &me.name, email.as_str(), token, lang, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Follows the link of [`change_email`]: the account now uses the address
/// it was sent to (confirmed, since the link reached it).
pub async fn confirm_email(db: &Db, token: &str) -> Result<Person, AppError> {
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let link = links::redeem(&mut tx, token, &[Purpose::ChangeEmail], now).await?;
    let (Some(user_id), Some(email)) = (link.user_id, link.email) else {
        return Err(AppError::LinkInvalid);
    };
    let changed = sqlx::query("UPDATE users SET email = $1, email_verified_at = $2 WHERE id = $3")
        .bind(&email)
        .bind(now)
        .bind(user_id)
        .execute(&mut *tx)
        .await;
    match changed {
        Ok(_) => {}
        // Someone took the address since the link was sent.
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            return Err(AppError::EmailTaken)
        }
        Err(e) => return Err(e.into()),
    }
    let user = store::user_by_id(&mut tx, user_id)
        .await?
        .ok_or(AppError::LinkInvalid)?;
    tx.commit().await?;
    Ok(Person::from_user(user))
}

/// What staff see of the requester of a case beside it.
pub(crate) async fn requester<'e, E>(exec: E, user_id: i64) -> Result<Requester, AppError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let (job_title, phone, time_zone) = sqlx::query_as::<_, (String, String, Option<String>)>(
        "SELECT job_title, phone, time_zone FROM users WHERE id = $1",
    )
    .bind(user_id)
    .fetch_one(exec)
    .await?;
    Ok(Requester {
        job_title,
        phone,
        time_zone,
    })
}

//! "Follow a case" without an account: a case number and an address on the
//! case (the requester's or a CC'd one) get a single-use link by mail; the
//! link opens a session that sees that case alone, to read, reply and add
//! files. The form answers the same, after the same time, whether or not
//! the pair matched.

use std::time::Duration;

use super::{accounts, store, Language};
use crate::db::Db;
use crate::error::AppError;
use crate::mail::links::{self, Link, Purpose};
use crate::validate::{Email, Field, PersonName, Problem};

/// How long a follow link works.
const LINK_VALID: Duration = Duration::from_secs(24 * 60 * 60);
/// How long the session it opens lasts.
pub const SESSION_DAYS: i64 = 7;
/// Links one address may ask for one case per hour (a form that mails
/// must not be a way to flood someone's mailbox).
const PER_HOUR: i64 = 3;
/// Every answer takes this long, matched or not, mailed or not.
const ANSWER_TIME: Duration = Duration::from_millis(400);

/// Mails a follow link when `email` is on case `number`. Malformed input is
/// refused; anything else answers `Ok` after [`ANSWER_TIME`].
pub async fn request(db: &Db, number: &str, email: &str, lang: Language) -> Result<(), AppError> {
    let number = number
        .trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .map_err(|_| AppError::invalid(Field::Number, Problem::Malformed))?;
    let email = Email::parse(email)?;
    let started = tokio::time::Instant::now();
    let sent = mail_if_on_case(db, number, &email, lang).await;
    tokio::time::sleep_until(started + ANSWER_TIME).await;
    sent
}

async fn mail_if_on_case(
    db: &Db,
    number: i64,
    email: &Email,
    lang: Language,
) -> Result<(), AppError> {
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let Some((case_id, subject)) = case_of(&mut tx, number, email.as_str()).await? else {
        return Ok(());
    };
    let recent: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM link_tokens \
         WHERE purpose = $1 AND case_id = $2 AND email = $3 AND created_at > $4",
    )
    .bind(Purpose::FollowCase.as_str())
    .bind(case_id)
    .bind(email.as_str())
    .bind(now - 60 * 60 * 1000)
    .fetch_one(&mut *tx)
    .await?;
    if recent >= PER_HOUR {
        return Ok(());
    }
    let link = Link {
        purpose: Purpose::FollowCase,
        user_id: None,
        case_id: Some(case_id),
        email: Some(email.as_str().to_owned()),
        payload: None,
    };
    let token = links::issue(&mut tx, &link, LINK_VALID, now).await?;
    let notify = crate::mail::notify::follow_case;
    notify(
        &mut tx,
        case_id,
        email.as_str(),
        (number, &subject),
        token,
        lang,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Case `number`'s id and subject, when `email` is its requester's or in
/// its CC.
async fn case_of(
    tx: &mut crate::db::Tx,
    number: i64,
    email: &str,
) -> Result<Option<(i64, String)>, AppError> {
    Ok(sqlx::query_as::<_, (i64, String)>(
        r#"
        SELECT c.id, c.subject
        FROM cases c JOIN users u ON u.id = c.requester_id
        WHERE c.number = $1
          AND (u.email = $2 OR EXISTS (SELECT 1 FROM case_cc cc
                                       WHERE cc.case_id = c.id AND cc.email = $2))
        "#,
    )
    .bind(number)
    .bind(email)
    .fetch_optional(&mut **tx)
    .await?)
}

/// A follow session's token and the case number it opens.
#[derive(Debug)]
pub struct Following {
    pub token: String,
    pub number: i64,
}

/// Uses a follow link: a session that sees the case alone, for the account
/// of the address (a contact is made for a CC'd address without one), whose
/// address now counts as confirmed. A link whose address has left the case
/// reads as used. The session the browser brought (`replacing`) ends.
pub async fn open(db: &Db, token: &str, replacing: Option<&str>) -> Result<Following, AppError> {
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let link = links::redeem(&mut tx, token, &[Purpose::FollowCase], now).await?;
    let (Some(case_id), Some(address)) = (link.case_id, link.email) else {
        return Err(AppError::LinkInvalid);
    };
    let number: i64 = sqlx::query_scalar("SELECT number FROM cases WHERE id = $1")
        .bind(case_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AppError::LinkInvalid)?;
    if case_of(&mut tx, number, &address).await?.is_none() {
        return Err(AppError::LinkInvalid);
    }
    let email = Email::parse(&address).map_err(|_| AppError::LinkInvalid)?;
    let local = address.split('@').next().unwrap_or("?");
    let name = PersonName::parse(local).map_err(|_| AppError::LinkInvalid)?;
    let user = store::contact(&mut tx, &email, &name, now).await?;
    store::set_verified(&mut tx, user.id, email.as_str(), now).await?;
    tx.commit().await?;
    let token = accounts::new_session(db, user.id, Some(case_id), replacing, SESSION_DAYS).await?;
    Ok(Following { token, number })
}

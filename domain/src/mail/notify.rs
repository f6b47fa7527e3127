//! Which mails a change causes, and to whom. Each function runs inside the
//! transaction of the change, so the mail exists if and only if the change
//! does. A recipient with an account reads it in their language, anyone
//! else in the case's.

use std::time::Duration;

use super::compose::Notice;
use super::links::{self, Link, Purpose};
use super::outbox::enqueue;
use crate::auth::store::language_of;
use crate::auth::{Language, User};
use crate::db::{Db, Tx};
use crate::error::AppError;

/// How long address verification links work.
const VERIFY_VALID: Duration = Duration::from_secs(7 * 24 * 60 * 60);
/// How long password reset links work.
pub const RESET_VALID: Duration = Duration::from_secs(60 * 60);
/// How long the self-help answer links work.
const SELF_HELP_VALID: Duration = Duration::from_secs(14 * 24 * 60 * 60);

#[derive(sqlx::FromRow)]
struct CaseMail {
    id: i64,
    number: i64,
    subject: String,
    language: String,
    requester_id: i64,
    requester_email: String,
    requester_language: String,
    requester_zone: Option<String>,
}

impl CaseMail {
    fn language(&self) -> Language {
        Language::parse(&self.language).unwrap_or(Language::En)
    }

    /// The requester's own language, else the case's.
    fn requester_language(&self) -> Language {
        Language::parse(&self.requester_language).unwrap_or(self.language())
    }
}

async fn case_mail(tx: &mut Tx, case_id: i64) -> Result<CaseMail, AppError> {
    Ok(sqlx::query_as::<_, CaseMail>(
        r#"
        SELECT c.id, c.number, c.subject, c.language, c.requester_id,
               u.email AS requester_email, u.language AS requester_language,
               u.time_zone AS requester_zone
        FROM cases c JOIN users u ON u.id = c.requester_id
        WHERE c.id = $1
        "#,
    )
    .bind(case_id)
    .fetch_one(&mut **tx)
    .await?)
}

/// The requester and everyone in CC, each with the language to write in.
async fn case_recipients(
    tx: &mut Tx,
    case: &CaseMail,
) -> Result<Vec<(String, Language)>, AppError> {
    let requester_lang = case.requester_language();
    let mut out = vec![(case.requester_email.clone(), requester_lang)];
    let cc = sqlx::query_as::<_, (String, Option<String>)>(
        r#"
        SELECT cc.email, u.language
        FROM case_cc cc LEFT JOIN users u ON u.email = cc.email
        WHERE cc.case_id = $1
        ORDER BY cc.email
        "#,
    )
    .bind(case.id)
    .fetch_all(&mut **tx)
    .await?;
    for (email, lang) in cc {
        if email != case.requester_email {
            let lang = lang.as_deref().and_then(Language::parse);
            out.push((email, lang.unwrap_or(case.language())));
        }
    }
    Ok(out)
}

async fn to_everyone(
    tx: &mut Tx,
    case: &CaseMail,
    notice: &Notice,
    now: i64,
) -> Result<(), AppError> {
    for (email, lang) in case_recipients(tx, case).await? {
        enqueue(tx, Some(case.id), &email, lang, notice, now).await?;
    }
    Ok(())
}

/// A new case: its number, to the requester and CC.
pub(crate) async fn case_opened(tx: &mut Tx, case_id: i64, now: i64) -> Result<(), AppError> {
    let case = case_mail(tx, case_id).await?;
    let notice = Notice::CaseOpened {
        number: case.number,
        subject: case.subject.clone(),
    };
    to_everyone(tx, &case, &notice, now).await
}

/// A public staff reply (message `message_id`), with its text and the
/// names of its files, to the requester and CC.
pub(crate) async fn staff_replied(
    tx: &mut Tx,
    case_id: i64,
    message_id: i64,
    now: i64,
) -> Result<(), AppError> {
    let case = case_mail(tx, case_id).await?;
    let (agent, body) = sqlx::query_as::<_, (String, String)>(
        "SELECT u.name, m.body FROM messages m JOIN users u ON u.id = m.author_id WHERE m.id = $1",
    )
    .bind(message_id)
    .fetch_one(&mut **tx)
    .await?;
    let files = sqlx::query_scalar::<_, String>(
        "SELECT name FROM attachments WHERE message_id = $1 ORDER BY id",
    )
    .bind(message_id)
    .fetch_all(&mut **tx)
    .await?;
    let notice = Notice::StaffReply {
        number: case.number,
        subject: case.subject.clone(),
        agent,
        body,
        files,
    };
    to_everyone(tx, &case, &notice, now).await
}

/// The case closes by itself at `closes_at` without an answer: a reminder
/// to the requester.
pub(crate) async fn close_reminder(
    tx: &mut Tx,
    case_id: i64,
    closes_at: i64,
    now: i64,
) -> Result<(), AppError> {
    let case = case_mail(tx, case_id).await?;
    let lang = case.requester_language();
    let notice = Notice::CloseReminder {
        number: case.number,
        subject: case.subject.clone(),
        closes_at,
        zone: case.requester_zone.clone(),
    };
    enqueue(tx, Some(case.id), &case.requester_email, lang, &notice, now).await
}

/// Self-help answers, with single-use "Yes, close" / "No, keep open"
/// links, to the requester (the only one who may answer them).
pub(crate) async fn self_help(
    tx: &mut Tx,
    case_id: i64,
    body: &str,
    now: i64,
) -> Result<(), AppError> {
    let case = case_mail(tx, case_id).await?;
    let link = |purpose| Link {
        purpose,
        user_id: Some(case.requester_id),
        case_id: Some(case.id),
        email: None,
        payload: None,
    };
    let yes = links::issue(tx, &link(Purpose::SelfHelpYes), SELF_HELP_VALID, now).await?;
    let no = links::issue(tx, &link(Purpose::SelfHelpNo), SELF_HELP_VALID, now).await?;
    let lang = case.requester_language();
    let notice = Notice::SelfHelp {
        number: case.number,
        subject: case.subject.clone(),
        body: body.to_owned(),
        yes,
        no,
    };
    enqueue(tx, Some(case.id), &case.requester_email, lang, &notice, now).await
}

/// A link that confirms `user`'s address.
pub(crate) async fn verify_address(
    tx: &mut Tx,
    user: &User,
    lang: Language,
    now: i64,
) -> Result<(), AppError> {
    let link = address_link(user, Purpose::VerifyAddress, None);
    confirm_mail(tx, link, &user.name, lang, now).await
}

/// Someone signed up with the address of `contact` (an account made from
/// mail): the link confirms the address and only then makes the account
/// theirs, with the sign-up's `name` and what `payload` holds.
pub(crate) async fn claim_contact(
    tx: &mut Tx,
    contact: &User,
    name: &str,
    payload: String,
    lang: Language,
    now: i64,
) -> Result<(), AppError> {
    let link = address_link(contact, Purpose::ClaimContact, Some(payload));
    confirm_mail(tx, link, name, lang, now).await
}

fn address_link(user: &User, purpose: Purpose, payload: Option<String>) -> Link {
    Link {
        purpose,
        user_id: Some(user.id),
        case_id: None,
        email: Some(user.email.clone()),
        payload,
    }
}

/// "Confirm your email address", greeting `name`, with `link`.
async fn confirm_mail(
    tx: &mut Tx,
    link: Link,
    name: &str,
    lang: Language,
    now: i64,
) -> Result<(), AppError> {
    let token = links::issue(tx, &link, VERIFY_VALID, now).await?;
    let notice = Notice::VerifyAddress {
        name: name.to_owned(),
        token,
    };
    let to = link.email.as_deref().unwrap_or_default();
    enqueue(tx, None, to, lang, &notice, now).await
}

/// Someone signed up with `user`'s address: tell its owner, and nobody
/// else (the form answers as for a new account).
pub(crate) async fn already_registered(db: &Db, user: &User) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let lang = language_of(&mut tx, user.id).await?;
    let notice = Notice::AlreadyRegistered {
        name: user.name.clone(),
    };
    enqueue(&mut tx, None, &user.email, lang, &notice, db.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// A link to set a new password, valid one hour.
pub(crate) async fn password_reset(tx: &mut Tx, user: &User, now: i64) -> Result<(), AppError> {
    let link = Link {
        purpose: Purpose::PasswordReset,
        user_id: Some(user.id),
        case_id: None,
        email: Some(user.email.clone()),
        payload: None,
    };
    let token = links::issue(tx, &link, RESET_VALID, now).await?;
    let lang = language_of(tx, user.id).await?;
    let notice = Notice::PasswordReset {
        name: user.name.clone(),
        token,
    };
    enqueue(tx, None, &user.email, lang, &notice, now).await
}

/// A link to `to` (a new address for the account of `name`) that makes it
/// the account's address.
pub(crate) async fn change_email(
    tx: &mut Tx,
    name: &str,
    to: &str,
    token: String,
    lang: Language,
    now: i64,
) -> Result<(), AppError> {
    let notice = Notice::ChangeEmail {
        name: name.to_owned(),
        token,
    };
    enqueue(tx, None, to, lang, &notice, now).await
}

/// A link that opens case `case_id` (`number`, `subject`) for `to`.
pub(crate) async fn follow_case(
    tx: &mut Tx,
    case_id: i64,
    to: &str,
    (number, subject): (i64, &str),
    token: String,
    lang: Language,
    now: i64,
) -> Result<(), AppError> {
    let notice = Notice::FollowCase {
        number,
        subject: subject.to_owned(),
        token,
    };
    enqueue(tx, Some(case_id), to, lang, &notice, now).await
}

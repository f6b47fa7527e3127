//! Mail coming in (PRODUCT.md §5): a message read from an MTA's pipe
//! (`server receive-mail`) or a polled mailbox lands in the case it
//! answers ([`thread`]) as the sender's reply, or opens a new case; its
//! quoted history is cut ([`strip`]) and the original kept for staff.
//! Each message is handled once: the record of it, keyed by its
//! Message-ID, is written in the transaction of what it changed.

pub mod parse;
pub mod strip;
pub mod thread;

#[cfg(test)]
mod tests;

use mail_parser::MimeHeaders;

use self::parse::Incoming;
pub use self::thread::ReplyKey;
use super::words::t;
use super::Site;
use crate::auth::{store as users, Language, User};
use crate::cases::by_mail::{self, Relation};
use crate::cases::open::{open_in, NewCase};
use crate::cases::{CaseType, Origin};
use crate::db::{Db, Tx};
use crate::error::AppError;
use crate::files::save::{discard, place, Placed};
use crate::files::store::{new_key, Files};
use crate::files::upload::{stage_bytes, Staged};
use crate::files::{FileProblem, UploadLimits};
use crate::validate::{Email, MessageBody, PersonName, Subject, MESSAGE_MAX, SUBJECT_MAX};

/// Largest message taken, whole (25 MiB: attachments of 20 MB, encoded).
pub const MAX_BYTES: usize = 25 * 1024 * 1024;
/// Mails one sender may send in an hour; more are recorded and dropped.
pub const PER_HOUR: i64 = 30;

/// What receiving needs: where files go and their limits, the helpdesk's
/// own address (to sign reply addresses and to refuse its own mail), and
/// the site for links.
#[derive(Debug, Clone)]
pub struct Intake {
    pub files: Files,
    pub limits: UploadLimits,
    pub max_bytes: usize,
    pub per_hour: i64,
    pub mailbox: String,
    pub key: ReplyKey,
    pub site: Site,
}

/// What became of a received message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The sender's reply on their case.
    Reply(i64),
    /// A note for staff on the case: a sender who is neither the requester
    /// nor in CC, or an automatic mail.
    Note(i64),
    /// A new case (also for a reply to a closed case).
    Opened(i64),
    /// Handled before: nothing changed.
    Duplicate,
    /// Our own mail, or an automatic one that answers no case.
    Ignored,
    /// Over the sender's hourly limit.
    Throttled,
}

/// Why a message was refused; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("the message is larger than {0} bytes")]
    TooLarge(usize),
    #[error("not a mail message: no sender address could be read")]
    Malformed,
    #[error("could not store the message: {0}")]
    Failed(#[from] AppError),
}

impl From<sqlx::Error> for Refused {
    fn from(err: sqlx::Error) -> Self {
        Refused::Failed(err.into())
    }
}

/// Handles one received message, `raw` as it came (RFC 5322).
pub async fn receive(db: &Db, intake: &Intake, raw: &[u8]) -> Result<Outcome, Refused> {
    if raw.len() > intake.max_bytes {
        return Err(Refused::TooLarge(intake.max_bytes));
    }
    let (mail, message) = parse::parse(raw).ok_or(Refused::Malformed)?;
    let email = Email::parse(&mail.from).map_err(|_| Refused::Malformed)?;
    if thread::is_own(&intake.mailbox, &mail.from) {
        tracing::info!(from = %mail.from, "ignored mail from our own address");
        return Ok(Outcome::Ignored);
    }
    if seen(db, &mail.key).await? {
        return Ok(Outcome::Duplicate);
    }
    let now = db.now();
    if sent_last_hour(db, &mail.from, now).await? >= intake.per_hour {
        let mut tx = db.begin_write().await?;
        let recorded = record(&mut tx, &mail, raw.len(), "throttled", now).await?;
        tx.commit().await?;
        tracing::warn!(from = %mail.from, "mail over the hourly limit dropped");
        return Ok(if recorded {
            Outcome::Throttled
        } else {
            Outcome::Duplicate
        });
    }
    let (staged, refused) = stage_attachments(intake, &message).await;
    let placed = place(&intake.files, staged).await?;
    let eml = match store_original(&intake.files, raw).await {
        Ok(key) => key,
        Err(err) => {
            discard(&intake.files, &placed).await;
            return Err(err.into());
        }
    };
    let mut tx = db.begin_write().await?;
    let files = Kept {
        placed: &placed,
        refused: &refused,
        eml_key: &eml,
    };
    let result = apply(&mut tx, intake, &mail, &email, files, raw.len(), now).await;
    // A duplicate wrote nothing: its transaction is dropped, rolled back.
    let outcome = match result {
        Ok(Outcome::Duplicate) => Ok(Outcome::Duplicate),
        Ok(outcome) => tx.commit().await.map(|()| outcome).map_err(AppError::from),
        Err(err) => Err(err),
    };
    if !matches!(outcome, Ok(o) if o != Outcome::Duplicate) {
        discard(&intake.files, &placed).await;
        if let Err(err) = intake.files.store.delete(&eml).await {
            tracing::warn!(error = %err, "could not delete an unsaved mail");
        }
    }
    Ok(outcome?)
}

/// The files of a mail: placed attachments, refused ones, the original.
#[derive(Clone, Copy)]
struct Kept<'a> {
    placed: &'a [Placed],
    refused: &'a [(String, FileProblem)],
    eml_key: &'a str,
}

/// Writes what the mail does, in `tx`; `Duplicate` when another delivery
/// of it got there first.
async fn apply(
    tx: &mut Tx,
    intake: &Intake,
    mail: &Incoming,
    email: &Email,
    kept: Kept<'_>,
    size: usize,
    now: i64,
) -> Result<Outcome, AppError> {
    // The record first: of two deliveries at once, the second waits here
    // and then finds it.
    if !record(tx, mail, size, "ignored", now).await? {
        return Ok(Outcome::Duplicate);
    }
    let number = thread::find_case(tx, mail, &intake.key, &intake.mailbox).await?;
    if mail.automatic && number.is_none() {
        return Ok(Outcome::Ignored);
    }
    let files = kept.placed;
    let name = PersonName::parse(mail.from_name.as_deref().unwrap_or(&mail.from))
        .or_else(|_| PersonName::parse(&mail.from))?;
    let sender = users::contact(tx, email, &name, now).await?;
    let text = strip::new_part(&mail.text);
    let (outcome, case_id, message, lang) = match number {
        Some(number) => {
            let target = by_mail::target(tx, number, &mail.from).await?;
            let case_id = target.id();
            let lang = case_language(tx, case_id).await?;
            let relation = target.relation(&sender);
            if mail.automatic || relation == Relation::Stranger || sender.role.is_staff() {
                let body = bounded(&text, MESSAGE_MAX, lang);
                let m = by_mail::note(tx, case_id, Some(&sender), &body, files, now).await?;
                (Outcome::Note(target.number()), case_id, m, lang)
            } else if target.is_final()? {
                let link = intake.site.link(&format!("/cases/{}", target.number()));
                let number = target.number().to_string();
                let intro = t(
                    lang,
                    "inbound.follow_up",
                    &[("number", &number), ("link", &link)],
                );
                let body = bounded(&format!("{intro}\n\n{text}"), MESSAGE_MAX, lang);
                let (number, id, m) =
                    open_case(tx, &sender, target.subject(), &body, files, lang, now).await?;
                (Outcome::Opened(number), id, m, lang)
            } else {
                let body = bounded(&text, MESSAGE_MAX, lang);
                let m = by_mail::reply(tx, &target, &sender, &body, files, now).await?;
                (Outcome::Reply(target.number()), case_id, m, lang)
            }
        }
        None => {
            let lang = users::language_of(tx, sender.id).await?;
            let body = bounded(&text, MESSAGE_MAX, lang);
            let (number, id, m) =
                open_case(tx, &sender, &mail.subject, &body, files, lang, now).await?;
            (Outcome::Opened(number), id, m, lang)
        }
    };
    if !kept.refused.is_empty() {
        let mut body = t(lang, "inbound.refused", &[]);
        for (name, problem) in kept.refused {
            let why = t(
                lang,
                &format!("inbound.problem.{}", problem_key(*problem)),
                &[],
            );
            body.push_str(&format!("\n- {name}: {why}"));
        }
        by_mail::note(
            tx,
            case_id,
            None,
            &bounded(&body, MESSAGE_MAX, lang),
            &[],
            now,
        )
        .await?;
    }
    sqlx::query(
        "UPDATE inbound_mails SET outcome = $1, case_id = $2, message_id = $3, eml_key = $4 \
         WHERE mail_key = $5",
    )
    .bind(outcome_name(outcome))
    .bind(case_id)
    .bind(message)
    .bind(kept.eml_key)
    .bind(&mail.key)
    .execute(&mut **tx)
    .await?;
    Ok(outcome)
}

/// A new case from mail (origin email); its number, id and first message.
async fn open_case(
    tx: &mut Tx,
    sender: &User,
    subject: &str,
    body: &str,
    files: &[Placed],
    lang: Language,
    now: i64,
) -> Result<(i64, i64, i64), AppError> {
    let subject = match subject.trim() {
        "" => t(lang, "inbound.no_subject", &[]),
        s => s.chars().take(SUBJECT_MAX).collect(),
    };
    let mut new = NewCase::new(
        Subject::parse(&subject)?,
        CaseType::OTHER,
        MessageBody::parse(body)?,
    );
    new.origin = Origin::Email;
    new.language = lang;
    let written = open_in(tx, sender, sender, &new, files, now).await?;
    Ok((written.opened.number(), written.case_id, written.message_id))
}

/// `text` within `max` characters; "(no text)" when empty (a mail of
/// files only). The whole original stays in the `.eml`.
fn bounded(text: &str, max: usize, lang: Language) -> String {
    let text = text.trim();
    if text.is_empty() {
        return t(lang, "inbound.no_text", &[]);
    }
    text.chars().take(max).collect()
}

/// The mail's attachments that pass the upload checks, staged; the names
/// of the others with why.
async fn stage_attachments(
    intake: &Intake,
    message: &mail_parser::Message<'_>,
) -> (Vec<Staged>, Vec<(String, FileProblem)>) {
    let mut staged: Vec<Staged> = Vec::new();
    let mut refused = Vec::new();
    for part in message.attachments() {
        let name = part.attachment_name().unwrap_or("attachment");
        let taken = (staged.len(), staged.iter().map(|s| s.size).sum());
        match stage_bytes(&intake.files, intake.limits, taken, name, part.contents()).await {
            Ok(file) => staged.push(file),
            Err(why) => refused.push(why),
        }
    }
    (staged, refused)
}

/// Keeps the original message in the file store, for staff; its key.
/// Written through a staging file, as uploads are, so the message is not
/// copied in memory.
async fn store_original(files: &Files, raw: &[u8]) -> Result<String, AppError> {
    let key = new_key();
    let staged = files.staging.join(format!("{key}.eml"));
    let stored = match tokio::fs::write(&staged, raw).await {
        Ok(()) => files.store.put(&key, &staged).await,
        Err(err) => Err(err),
    };
    if let Err(err) = stored {
        let _ = tokio::fs::remove_file(&staged).await;
        tracing::error!(error = %err, "could not store a received mail");
        return Err(AppError::Internal);
    }
    Ok(key)
}

fn problem_key(problem: FileProblem) -> &'static str {
    match problem {
        FileProblem::TooMany => "too_many",
        FileProblem::TooLarge => "too_large",
        FileProblem::NotAllowed => "not_allowed",
        FileProblem::Mismatch => "mismatch",
        FileProblem::Empty => "empty",
        FileProblem::BadName => "bad_name",
        FileProblem::Broken => "broken",
    }
}

fn outcome_name(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Reply(_) => "reply",
        Outcome::Note(_) => "note",
        Outcome::Opened(_) => "opened",
        Outcome::Duplicate => "duplicate",
        Outcome::Ignored => "ignored",
        Outcome::Throttled => "throttled",
    }
}

async fn case_language(tx: &mut Tx, case_id: i64) -> Result<Language, AppError> {
    let lang: String = sqlx::query_scalar("SELECT language FROM cases WHERE id = $1")
        .bind(case_id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(Language::parse(&lang).unwrap_or(Language::En))
}

async fn seen(db: &Db, key: &str) -> Result<bool, AppError> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM inbound_mails WHERE mail_key = $1")
        .bind(key)
        .fetch_optional(&db.read)
        .await?;
    Ok(found.is_some())
}

async fn sent_last_hour(db: &Db, sender: &str, now: i64) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM inbound_mails WHERE sender = $1 AND received_at > $2",
    )
    .bind(sender)
    .bind(now - 3_600_000)
    .fetch_one(&db.read)
    .await?)
}

/// Records the message as handled, with `outcome` until the caller knows
/// better; false when it already was (another delivery of it committed
/// first), and then the caller writes nothing.
async fn record(
    tx: &mut Tx,
    mail: &Incoming,
    size: usize,
    outcome: &'static str,
    now: i64,
) -> Result<bool, AppError> {
    let done = sqlx::query(
        r#"
        INSERT INTO inbound_mails (mail_key, sender, size, outcome, received_at)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (mail_key) DO NOTHING
        "#,
    )
    .bind(&mail.key)
    .bind(&mail.from)
    .bind(size as i64)
    .bind(outcome)
    .bind(now)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(done == 1)
}

/// A received mail's original, for staff: its storage key and size.
/// Not found for anyone else, as for a mail that does not exist.
pub async fn original(
    db: &Db,
    _staff: &crate::auth::Staff,
    id: i64,
) -> Result<(String, u64), AppError> {
    let row: Option<(Option<String>, i64)> =
        sqlx::query_as("SELECT eml_key, size FROM inbound_mails WHERE id = $1")
            .bind(id)
            .fetch_optional(&db.read)
            .await?;
    match row {
        Some((Some(key), size)) => Ok((key, size as u64)),
        _ => Err(AppError::NotFound),
    }
}

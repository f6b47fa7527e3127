//! Opening a case (PRODUCT.md §3.3): checking the form, shared by customers
//! and by staff opening a case on a customer's behalf, and writing the case
//! (or the follow-up, when the customer already has one of that type).

use super::attachments;
use super::lifecycle::{count_status, log_event};
use super::record::{cc_list, phone, short_text, CaseFields, Priority, SHORT_TEXT_MAX};
use super::store::{add_reply, insert_message, locked_case, set_cc};
use super::{ActivityKind, CaseStatus};
use super::{CaseType, Origin};
use crate::auth::{Language, Person, Role, Staff, User};
use crate::db::{Backend, Db, Tx};
use crate::error::AppError;
use crate::files::save::Placed;
use crate::validate::{Email, Field, MessageBody, Problem, Subject};

/// A case about to be opened, checked.
#[derive(Debug, Clone)]
pub struct NewCase {
    pub subject: Subject,
    pub case_type: CaseType,
    pub description: MessageBody,
    pub origin: Origin,
    pub fields: CaseFields,
    /// The language the requester wrote in; mails about the case use it
    /// for people without an account.
    pub language: Language,
}

impl NewCase {
    pub fn new(subject: Subject, case_type: CaseType, description: MessageBody) -> Self {
        Self {
            subject,
            case_type,
            description,
            origin: Origin::Web,
            fields: CaseFields::default(),
            language: Language::En,
        }
    }
}

/// What opening a case did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    New(i64),
    /// The requester already had an active case of that type: the message
    /// went there instead (PRODUCT.md §3.5).
    AddedTo(i64),
}

impl Opened {
    pub fn number(self) -> i64 {
        match self {
            Opened::New(n) | Opened::AddedTo(n) => n,
        }
    }
}

/// Opens a case for `person`, who writes its first message.
pub async fn open_case(db: &Db, person: &Person, new: &NewCase) -> Result<Opened, AppError> {
    Ok(open_case_with_files(db, person, new, &[]).await?.0)
}

/// Opens a case whose first message carries files already placed in the
/// store; also gives the new attachment ids.
pub async fn open_case_with_files(
    db: &Db,
    person: &Person,
    new: &NewCase,
    files: &[Placed],
) -> Result<(Opened, Vec<i64>), AppError> {
    let user = person.user();
    // Following one case by a link gives that case, not an account.
    if user.following.is_some() {
        return Err(AppError::Forbidden);
    }
    open_for(db, user, user, new, files).await
}

/// Staff open a case for the customer with address `customer`, who may
/// have phoned or written (PRODUCT.md §3.3); the first message is the
/// staff member's.
pub async fn open_case_for(
    db: &Db,
    staff: &Staff,
    customer: &str,
    new: &NewCase,
) -> Result<Opened, AppError> {
    let requester = find_customer(db, customer).await?;
    Ok(open_for(db, staff.user(), &requester, new, &[]).await?.0)
}

/// Opens a case for `requester` with its first message, written by
/// `opener` (the requester, or staff opening it on their behalf).
async fn open_for(
    db: &Db,
    opener: &User,
    requester: &User,
    new: &NewCase,
    files: &[Placed],
) -> Result<(Opened, Vec<i64>), AppError> {
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let adding = super::quota::Adding {
        case: true,
        bytes: files.iter().map(|f| f.size).sum(),
    };
    super::quota::check(&mut tx, db.limits(), opener, adding, now).await?;
    let written = open_in(&mut tx, opener, requester, new, files, now).await?;
    tx.commit().await?;
    Ok((written.opened, written.attachments))
}

/// What [`open_in`] wrote.
pub(crate) struct Written {
    pub opened: Opened,
    pub case_id: i64,
    pub message_id: i64,
    pub attachments: Vec<i64>,
}

/// [`open_for`] inside the caller's transaction (mail received opens cases
/// in the transaction that records the mail).
pub(crate) async fn open_in(
    tx: &mut Tx,
    opener: &User,
    requester: &User,
    new: &NewCase,
    files: &[Placed],
    now: i64,
) -> Result<Written, AppError> {
    super::settings::check_offered(tx, &new.case_type).await?;
    // A form anyone can fill in (help form, chat) proves no one's address:
    // it opens a case of its own rather than adding to, or revealing, one.
    let proven = !matches!(new.origin, Origin::HelpForm | Origin::Chat);
    if opener.id == requester.id && proven {
        if let Some(n) = super::merge::active_case_of_type(tx, requester, &new.case_type).await? {
            let case = locked_case(tx, requester, n).await?;
            let body = format!("{}\n\n{}", new.subject.as_str(), new.description.as_str());
            let body = MessageBody::parse(&body).unwrap_or_else(|_| new.description.clone());
            let message = add_reply(tx, requester, &case, body.as_str(), now).await?;
            let ids = attachments::insert(tx, case.id, message, files, now).await?;
            return Ok(Written {
                opened: Opened::AddedTo(n),
                case_id: case.id,
                message_id: message,
                attachments: ids,
            });
        }
    }
    let backend = crate::db::backend_of(tx);
    let number = next_number(tx, backend).await?;
    let f = &new.fields;
    // Staff opening a case write in their own language, not the customer's.
    let language = if opener.id == requester.id {
        new.language
    } else {
        crate::auth::store::language_of(tx, requester.id).await?
    };
    let case_id: i64 = sqlx::query_scalar(
        r#"
        INSERT INTO cases
            (number, requester_id, subject, case_type, status, origin,
             created_at, updated_at, status_changed_at,
             priority, tax_id, company, phone, country, brand, product, language)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7, $8, $9, $10, $11, $12, $13, $14, $15)
        RETURNING id
        "#,
    )
    .bind(number)
    .bind(requester.id)
    .bind(new.subject.as_str())
    .bind(new.case_type.as_str())
    .bind(CaseStatus::New.as_str())
    .bind(new.origin.as_str())
    .bind(now)
    .bind(f.priority.as_str())
    .bind(&f.tax_id)
    .bind(&f.company)
    .bind(&f.phone)
    .bind(&f.country)
    .bind(&f.brand)
    .bind(&f.product)
    .bind(language.as_str())
    .fetch_one(&mut **tx)
    .await?;
    set_cc(tx, case_id, &f.cc).await?;
    let message = insert_message(tx, case_id, Some(opener), new.description.as_str(), now).await?;
    let ids = attachments::insert(tx, case_id, message, files, now).await?;
    count_status(tx, case_id, None, CaseStatus::New).await?;
    super::assign::count_queue(tx, None, Some(0)).await?;
    super::sla::refresh(tx, case_id).await?;
    super::changes::record(tx, case_id, true, now).await?;
    log_event(
        tx,
        case_id,
        Some(opener.id),
        &ActivityKind::Opened(CaseStatus::New),
        now,
    )
    .await?;
    // A chat shows its number at once and mails it when it ends.
    if new.origin != Origin::Chat {
        crate::mail::notify::case_opened(tx, case_id, now).await?;
        super::self_help::answer_new_case(tx, case_id, &new.case_type, now).await?;
    }
    Ok(Written {
        opened: Opened::New(number),
        case_id,
        message_id: message,
        attachments: ids,
    })
}

pub use super::record::OpenForm;

/// The checked case. Country, brand and product are for staff to set.
pub fn check(form: &OpenForm, origin: Origin, by_staff: bool) -> Result<NewCase, AppError> {
    let staff_only = [&form.country, &form.brand, &form.product];
    if !by_staff && staff_only.iter().any(|f| !f.trim().is_empty()) {
        return Err(AppError::Forbidden);
    }
    let subject = Subject::parse(&form.subject)?;
    let case_type = CaseType::parse(&form.case_type)
        .ok_or(AppError::invalid(Field::CaseType, Problem::Unknown))?;
    let description = MessageBody::parse(&form.description)?;
    let priority = match form.priority.trim() {
        "" => Priority::Normal,
        p => Priority::parse(p).ok_or(AppError::invalid(Field::Priority, Problem::Unknown))?,
    };
    let mut new = NewCase::new(subject, case_type, description);
    new.origin = origin;
    new.fields = CaseFields {
        priority,
        cc: cc_list(&form.cc)?,
        tax_id: short_text(&form.tax_id, Field::TaxId, SHORT_TEXT_MAX)?,
        company: short_text(&form.company, Field::Company, SHORT_TEXT_MAX)?,
        phone: phone(&form.phone)?,
        country: short_text(&form.country, Field::Country, SHORT_TEXT_MAX)?,
        brand: short_text(&form.brand, Field::Brand, SHORT_TEXT_MAX)?,
        product: short_text(&form.product, Field::Product, SHORT_TEXT_MAX)?,
    };
    Ok(new)
}

/// Where the browser goes after opening: the case, told when the message
/// joined an existing one.
pub fn landing(opened: Opened) -> String {
    match opened {
        Opened::New(n) => format!("/cases/{n}"),
        Opened::AddedTo(n) => format!("/cases/{n}?added=1"),
    }
}

/// Staff open cases that came by phone or email.
pub fn staff_origin(raw: &str) -> Result<Origin, AppError> {
    match Origin::parse(raw.trim()) {
        Some(o @ (Origin::Phone | Origin::Email)) => Ok(o),
        _ => Err(AppError::invalid(Field::Origin, Problem::Unknown)),
    }
}

/// The customer account with this email; an unknown one is a form error.
async fn find_customer(db: &Db, email: &str) -> Result<User, AppError> {
    let email = Email::parse(email)?;
    match crate::auth::store::find_by_email(db, email.as_str()).await? {
        Some(user) if user.role == Role::Customer => Ok(user),
        _ => Err(AppError::invalid(Field::Email, Problem::Unknown)),
    }
}

/// The next case number (from 1001, so they look like case numbers), safe
/// with many writers at once: PostgreSQL's sequence (numbers of rolled-back
/// cases are skipped), or SQLite's counter row, which the write transaction
/// holds until it commits.
async fn next_number(tx: &mut Tx, backend: Backend) -> Result<i64, AppError> {
    let sql = match backend {
        Backend::Postgres => "SELECT nextval('case_numbers')",
        Backend::Sqlite => {
            "UPDATE counters SET value = value + 1 WHERE name = 'case_number' RETURNING value"
        }
    };
    Ok(sqlx::query_scalar(sql).fetch_one(&mut **tx).await?)
}

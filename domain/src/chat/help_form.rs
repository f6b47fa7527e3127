//! The help form (PRODUCT.md §4, "Help"): outside business hours anyone may
//! leave a name, an email, a message and files. It opens a case (origin
//! help form) for the account of that email, made as a contact when there
//! is none, and mails its number there; agents answer when they can.

use std::net::IpAddr;

use crate::auth::throttle::{self, Rule};
use crate::auth::{store as users, Language};
use crate::cases::open::{open_in, NewCase};
use crate::cases::{CaseType, Origin};
use crate::db::Db;
use crate::error::AppError;
use crate::files::save::{discard, place};
use crate::files::store::Files;
use crate::files::upload::Form;
use crate::validate::{Email, MessageBody, PersonName, Subject};

/// Help forms for one email address: whoever types someone's address
/// cannot flood their mailbox.
pub const PER_EMAIL: Rule = throttle::HELP_FORM_EMAIL;

/// The form's fields, checked: nothing is written unless all pass.
struct Checked {
    name: PersonName,
    email: Email,
    message: MessageBody,
    subject: Subject,
}

fn check(form: &Form) -> Result<Checked, AppError> {
    let email = Email::parse(form.text("email"))?;
    let name = match form.text("name").trim() {
        "" => PersonName::parse(email.as_str().split('@').next().unwrap_or("")),
        name => PersonName::parse(name),
    }?;
    let message = MessageBody::parse(form.text("message"))?;
    Ok(Checked {
        name,
        email,
        subject: super::subject_of(&message)?,
        message,
    })
}

/// Opens the case of a help form (`name`, `email`, `message` and its
/// files) sent from `client`; the new case's number.
pub async fn submit(
    db: &Db,
    files: &Files,
    form: Form,
    language: Language,
    client: Option<IpAddr>,
) -> Result<i64, AppError> {
    let checked = check(&form)?;
    let now = db.now();
    throttle::check(db, PER_EMAIL, checked.email.as_str(), now).await?;
    crate::auth::gate::mail_form(db, client).await?;
    let placed = place(files, form.files).await?;
    let opened = async {
        let mut tx = db.begin_write().await?;
        let requester = users::contact(&mut tx, &checked.email, &checked.name, now).await?;
        let adding = crate::cases::quota::Adding {
            case: true,
            bytes: placed.iter().map(|f| f.size).sum(),
        };
        crate::cases::quota::check(&mut tx, db.limits(), &requester, adding, now).await?;
        let mut new = NewCase::new(checked.subject, CaseType::OTHER, checked.message);
        new.origin = Origin::HelpForm;
        new.language = language;
        let written = open_in(&mut tx, &requester, &requester, &new, &placed, now).await?;
        tx.commit().await?;
        Ok::<_, AppError>(written.opened.number())
    }
    .await;
    match opened {
        Ok(number) => {
            throttle::record(db, PER_EMAIL, checked.email.as_str(), now).await?;
            tracing::info!(case = number, "help form opened a case");
            Ok(number)
        }
        Err(err) => {
            discard(files, &placed).await;
            Err(err)
        }
    }
}

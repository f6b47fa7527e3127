//! A message with files, as a form posted it: the text checked, the files
//! placed in the store and saved with the message in one transaction, or
//! removed again when anything is refused.

use serde::de::value::MapDeserializer;
use serde::Deserialize;

use super::open::{check, open_case_with_files, Opened};
use super::record::OpenForm;
use super::store::reply_with_files;
use super::Origin;
use crate::auth::{Language, Person};
use crate::db::Db;
use crate::error::AppError;
use crate::files::save::{discard, place};
use crate::files::store::Files;
use crate::files::upload::Form;
use crate::validate::MessageBody;

/// A reply to case `number` (its text may be empty when it has files); the
/// new attachment ids.
pub async fn reply(
    db: &Db,
    files: &Files,
    person: &Person,
    number: i64,
    form: Form,
) -> Result<Vec<i64>, AppError> {
    let text = form.text("body").trim();
    let text = if text.is_empty() && !form.files.is_empty() {
        String::new()
    } else {
        MessageBody::parse(text)?.as_str().to_owned()
    };
    // The staff reply box's "Also send by email" and "Internal note"
    // (checkboxes: absent when off). Only staff write notes.
    let email = form.text("email") == "1";
    let note = match form.text("note") == "1" {
        true => Some(person.staff()?),
        false => None,
    };
    let placed = place(files, form.files).await?;
    let saved = match &note {
        Some(staff) => super::notes::add(db, staff, number, &text, &placed).await,
        None => reply_with_files(db, person, number, &text, &placed, email).await,
    };
    if saved.is_err() {
        discard(files, &placed).await;
    }
    saved
}

/// "Open a New Case" with files on its first message.
pub async fn open(
    db: &Db,
    files: &Files,
    person: &Person,
    form: Form,
    language: Language,
) -> Result<(Opened, Vec<i64>), AppError> {
    let fields = MapDeserializer::<_, serde::de::value::Error>::new(
        form.fields.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    );
    let open_form = OpenForm::deserialize(fields).map_err(|_| AppError::BadRequest)?;
    let mut new = check(&open_form, Origin::Web, false)?;
    new.language = language;
    let placed = place(files, form.files).await?;
    let opened = open_case_with_files(db, person, &new, &placed).await;
    if opened.is_err() {
        discard(files, &placed).await;
    }
    opened
}

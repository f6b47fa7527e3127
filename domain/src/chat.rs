//! Live chat and the help form (PRODUCT.md §4): business hours, the form
//! that opens a case when nobody can chat, and chats (each one a case).

pub mod agents;
pub mod console;
pub mod help_form;
pub mod hours;
pub mod state;
pub mod visitor;

#[cfg(test)]
mod chat_tests;
#[cfg(test)]
mod console_tests;
#[cfg(test)]
mod help_form_tests;
#[cfg(test)]
mod hours_tests;

use crate::error::AppError;
use crate::validate::{MessageBody, Subject};

/// A subject is the first message's first line, cut to this many
/// characters.
const SUBJECT_CHARS: usize = 80;

/// The subject of a case a form or a chat opens: its message's first line.
fn subject_of(message: &MessageBody) -> Result<Subject, AppError> {
    let first = message
        .as_str()
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut subject: String = first.chars().take(SUBJECT_CHARS).collect();
    if first.chars().count() > SUBJECT_CHARS {
        subject.push('…');
    }
    Subject::parse(&subject)
}

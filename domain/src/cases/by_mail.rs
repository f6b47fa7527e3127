//! What mail received does to a case (`mail::inbound` decides which case
//! and how): a reply from the requester or a CC'd address, moving the
//! status as a reply on the page does, or a note for staff only.

use super::store::{add_reply, insert_note, locked_case_for_address, CaseRow};
use crate::auth::User;
use crate::db::Tx;
use crate::error::AppError;
use crate::files::save::Placed;

/// How the sender of a mail stands to the case it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Requester,
    Cc,
    /// Neither: their mail reaches staff only.
    Stranger,
}

/// A case a mail answers, locked for the transaction.
pub struct Target {
    row: CaseRow,
}

impl Target {
    pub fn id(&self) -> i64 {
        self.row.id
    }

    pub fn number(&self) -> i64 {
        self.row.number
    }

    pub fn is_final(&self) -> Result<bool, AppError> {
        Ok(self.row.status()?.is_final())
    }

    pub fn subject(&self) -> &str {
        self.row.subject()
    }

    /// `sender` (the account of the mail's From address) and this case.
    pub fn relation(&self, sender: &User) -> Relation {
        if self.row.requester_id == sender.id {
            Relation::Requester
        } else if self.row.viewer_in_cc {
            Relation::Cc
        } else {
            Relation::Stranger
        }
    }
}

/// Case `number`, with `sender`'s place in its CC.
pub async fn target(tx: &mut Tx, number: i64, sender: &str) -> Result<Target, AppError> {
    let row = locked_case_for_address(tx, sender, number).await?;
    Ok(Target { row })
}

/// The mail as `author`'s reply, with its files; the message id.
pub async fn reply(
    tx: &mut Tx,
    target: &Target,
    author: &User,
    body: &str,
    files: &[Placed],
    now: i64,
) -> Result<i64, AppError> {
    let message = add_reply(tx, author, &target.row, body, now).await?;
    super::attachments::insert(tx, target.id(), message, files, now).await?;
    Ok(message)
}

/// A note for staff only on case `case_id`, with files; the message id.
pub async fn note(
    tx: &mut Tx,
    case_id: i64,
    author: Option<&User>,
    body: &str,
    files: &[Placed],
    now: i64,
) -> Result<i64, AppError> {
    let message = insert_note(tx, case_id, author, body, now).await?;
    super::attachments::insert(tx, case_id, message, files, now).await?;
    Ok(message)
}

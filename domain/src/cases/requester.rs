//! What only a case's requester may do: close it ("Close case"), and answer
//! a self-help reply ("Yes, close this case" / "No, keep this case open").

use super::lifecycle::change_status;
use super::rules::status_after_reply;
use super::store::own_open_case;
use super::CaseStatus;
use crate::auth::Person;
use crate::db::Db;
use crate::error::AppError;

/// "Close case": the requester closes a case that is still open.
pub async fn close_by_customer(db: &Db, person: &Person, number: i64) -> Result<(), AppError> {
    let user = person.user();
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let (case, from) = own_open_case(&mut tx, user, number).await?;
    change_status(
        &mut tx,
        case.id,
        Some(user.id),
        from,
        CaseStatus::ClosedByCustomer,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The requester's answer to a self-help reply: solved closes the case,
/// not solved hands it to staff as a customer reply would.
pub async fn confirm(db: &Db, person: &Person, number: i64, solved: bool) -> Result<(), AppError> {
    let user = person.user();
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let (case, from) = own_open_case(&mut tx, user, number).await?;
    if from != CaseStatus::AwaitingConfirmation {
        return Err(AppError::invalid(
            crate::validate::Field::Status,
            crate::validate::Problem::Unknown,
        ));
    }
    let to = if solved {
        CaseStatus::ClosedByCustomer
    } else {
        status_after_reply(from, false, case.last_staff_reply_at.is_some())?
    };
    change_status(&mut tx, case.id, Some(user.id), from, to, now).await?;
    tx.commit().await?;
    Ok(())
}

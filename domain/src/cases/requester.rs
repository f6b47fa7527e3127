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

/// The self-help answer given by a mailed link ("Yes, close this case" or
/// "No, keep this case open"), without signing in: the link is the
/// requester's proof. The case's number and whether it closed.
pub async fn confirm_by_link(db: &Db, token: &str) -> Result<(i64, bool), AppError> {
    use crate::mail::links::{redeem, Purpose};
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let link = redeem(
        &mut tx,
        token,
        &[Purpose::SelfHelpYes, Purpose::SelfHelpNo],
        now,
    )
    .await?;
    let (Some(case_id), Some(user_id)) = (link.case_id, link.user_id) else {
        return Err(AppError::LinkInvalid);
    };
    let row = sqlx::query_as::<_, (i64, String, Option<i64>)>(
        "SELECT number, status, last_staff_reply_at FROM cases WHERE id = $1 AND requester_id = $2",
    )
    .bind(case_id)
    .bind(user_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((number, status, last_staff_reply_at)) = row else {
        return Err(AppError::LinkInvalid);
    };
    // Answered already (on the page, or by the other link), or moved on.
    if CaseStatus::parse(&status) != Some(CaseStatus::AwaitingConfirmation) {
        return Err(AppError::LinkInvalid);
    }
    let from = CaseStatus::AwaitingConfirmation;
    let solved = link.purpose == Purpose::SelfHelpYes;
    let to = if solved {
        CaseStatus::ClosedByCustomer
    } else {
        status_after_reply(from, false, last_staff_reply_at.is_some())?
    };
    change_status(&mut tx, case_id, Some(user_id), from, to, now).await?;
    tx.commit().await?;
    Ok((number, solved))
}

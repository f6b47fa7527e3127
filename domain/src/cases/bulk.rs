//! Bulk actions on staff lists: one status, agent or department for many
//! cases at once, in one transaction, each case with its own activity line.
//! Final cases are left as they are and counted.

use super::assign::{apply_department, reassign_to};
use super::filter::CaseFilter;
use super::lifecycle::change_status;
use super::listing::{filtered_count, filtered_numbers};
use super::store::locked_case;
use super::workspace::{BulkAction, BulkResult, BULK_MAX};
use super::CaseStatus;
use crate::auth::Staff;
use crate::db::Db;
use crate::error::AppError;
use crate::validate::{Field, Problem};

/// The cases a bulk action is for.
pub enum Selection {
    Numbers(Vec<i64>),
    /// Every case the filter matches ("all N matching").
    Matching(CaseFilter),
}

/// How many cases `filter` matches, counted up to one past the bulk limit.
pub async fn count_matching(
    db: &Db,
    staff: &Staff,
    filter: &CaseFilter,
) -> Result<usize, AppError> {
    let n = filtered_count(db, staff.user(), filter, BULK_MAX as i64 + 1).await?;
    Ok(n as usize)
}

pub async fn apply(
    db: &Db,
    staff: &Staff,
    selection: Selection,
    action: BulkAction,
) -> Result<BulkResult, AppError> {
    let too_many = AppError::invalid(Field::Selection, Problem::TooLong);
    let mut numbers = match selection {
        Selection::Numbers(n) => n,
        Selection::Matching(f) => filtered_numbers(db, staff.user(), &f, BULK_MAX + 1).await?,
    };
    numbers.sort_unstable();
    numbers.dedup();
    if numbers.len() > BULK_MAX {
        return Err(too_many);
    }
    if numbers.is_empty() {
        return Err(AppError::invalid(Field::Selection, Problem::Required));
    }
    if let BulkAction::Status(to) = action {
        super::rules::check_staff_status_change(CaseStatus::New, to)?;
    }
    let user = staff.user();
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let mut result = BulkResult::default();
    // In number order, so two bulk actions lock cases in the same order.
    for number in numbers {
        let case = locked_case(&mut tx, user, number).await?;
        let from = case.status()?;
        if from.is_final() {
            result.skipped += 1;
            continue;
        }
        match action {
            BulkAction::Status(to) => {
                if to == CaseStatus::Referred && case.department_id.is_none() {
                    return Err(AppError::invalid(Field::Department, Problem::Required));
                }
                if from != to {
                    change_status(&mut tx, case.id, Some(user.id), from, to, now).await?;
                }
            }
            BulkAction::Assign(to) => reassign_to(&mut tx, user, &case, to, now).await?,
            BulkAction::Department(to) => apply_department(&mut tx, user, &case, to, now).await?,
        }
        result.changed += 1;
    }
    tx.commit().await?;
    Ok(result)
}

#[cfg(test)]
#[path = "bulk_tests.rs"]
mod tests;

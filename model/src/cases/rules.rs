//! How a reply moves a case (PRODUCT.md §3.5). Pure, so every rule is tested
//! without a database; the store applies it inside the write transaction.

use super::CaseStatus;
use crate::error::AppError;

/// The status a case takes when someone replies to it.
///
/// - Nobody replies to a final case.
/// - A customer's reply while we wait on them hands it back to staff:
///   in progress, or new if no agent has answered yet.
/// - A staff reply picks up a new case.
pub fn status_after_reply(
    current: CaseStatus,
    from_staff: bool,
    staff_has_replied: bool,
) -> Result<CaseStatus, AppError> {
    if current.is_final() {
        return Err(AppError::CaseClosed);
    }
    Ok(match (from_staff, current) {
        (true, CaseStatus::New) => CaseStatus::InProgress,
        (false, s) if s.reopens_on_customer_reply() => {
            if staff_has_replied {
                CaseStatus::InProgress
            } else {
                CaseStatus::New
            }
        }
        (_, s) => s,
    })
}

/// Staff set a status by hand: never on a final case, never to a status
/// that belongs to the customer or to merging.
pub fn check_staff_status_change(current: CaseStatus, to: CaseStatus) -> Result<(), AppError> {
    if current.is_final() {
        return Err(AppError::CaseClosed);
    }
    if !to.settable_by_staff() {
        return Err(AppError::invalid(
            crate::validate::Field::Status,
            crate::validate::Problem::Unknown,
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use CaseStatus::*;

    #[test]
    fn customer_reply_reopens_cases_that_wait_on_the_customer() {
        for s in [
            AwaitingConfirmation,
            AwaitingReply,
            AwaitingApproval,
            Resolved,
        ] {
            assert_eq!(status_after_reply(s, false, true), Ok(InProgress), "{s:?}");
            assert_eq!(status_after_reply(s, false, false), Ok(New), "{s:?}");
        }
    }

    #[test]
    fn customer_reply_leaves_cases_with_staff_as_they_are() {
        for s in [New, InProgress, Referred] {
            assert_eq!(status_after_reply(s, false, true), Ok(s));
        }
    }

    #[test]
    fn staff_reply_picks_up_a_new_case() {
        assert_eq!(status_after_reply(New, true, false), Ok(InProgress));
        assert_eq!(
            status_after_reply(AwaitingReply, true, true),
            Ok(AwaitingReply)
        );
    }

    #[test]
    fn nobody_replies_to_a_final_case() {
        for s in [Closed, ClosedByCustomer, Duplicate] {
            assert_eq!(
                status_after_reply(s, false, true),
                Err(AppError::CaseClosed)
            );
            assert_eq!(status_after_reply(s, true, true), Err(AppError::CaseClosed));
        }
    }

    #[test]
    fn staff_cannot_change_a_final_case_or_pick_customer_statuses() {
        assert_eq!(
            check_staff_status_change(Closed, InProgress),
            Err(AppError::CaseClosed)
        );
        assert!(check_staff_status_change(New, ClosedByCustomer).is_err());
        assert!(check_staff_status_change(New, Duplicate).is_err());
        assert_eq!(check_staff_status_change(New, Resolved), Ok(()));
        assert_eq!(check_staff_status_change(InProgress, Closed), Ok(()));
    }
}

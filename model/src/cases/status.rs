//! The ten case statuses of PRODUCT.md §3.4 and the rules that depend only
//! on a status (labels live in the translation files under `status`).

crate::text_enum! {
    pub enum CaseStatus {
        New = "new",
        InProgress = "in_progress",
        Referred = "referred",
        AwaitingConfirmation = "awaiting_confirmation",
        AwaitingReply = "awaiting_reply",
        AwaitingApproval = "awaiting_approval",
        Resolved = "resolved",
        Closed = "closed",
        ClosedByCustomer = "closed_by_customer",
        Duplicate = "duplicate",
    }
}

impl CaseStatus {
    /// Final statuses take no reply and never reopen.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            CaseStatus::Closed | CaseStatus::ClosedByCustomer | CaseStatus::Duplicate
        )
    }

    /// Statuses where the ball is in the customer's court: their reply
    /// hands the case back to staff.
    pub fn reopens_on_customer_reply(self) -> bool {
        matches!(
            self,
            CaseStatus::AwaitingConfirmation
                | CaseStatus::AwaitingReply
                | CaseStatus::AwaitingApproval
                | CaseStatus::Resolved
        )
    }

    /// Statuses staff may pick by hand: `closed_by_customer` belongs to the
    /// customer and `duplicate` to merging.
    pub fn settable_by_staff(self) -> bool {
        !matches!(self, CaseStatus::ClosedByCustomer | CaseStatus::Duplicate)
    }
}

#[cfg(test)]
mod tests {
    use super::CaseStatus;

    #[test]
    fn every_status_round_trips_through_its_key() {
        for s in CaseStatus::ALL {
            assert_eq!(CaseStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(CaseStatus::parse("open"), None);
    }

    #[test]
    fn exactly_three_statuses_are_final() {
        let finals: Vec<_> = CaseStatus::ALL
            .into_iter()
            .filter(|s| s.is_final())
            .collect();
        assert_eq!(
            finals,
            [
                CaseStatus::Closed,
                CaseStatus::ClosedByCustomer,
                CaseStatus::Duplicate
            ]
        );
    }
}

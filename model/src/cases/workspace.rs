//! The staff workspace's shared types: the views of the rail, departments
//! and who may be assigned (PRODUCT.md §8).

use serde::{Deserialize, Serialize};

use super::CaseStatus;

crate::text_enum! {
    /// A view of the rail: a fixed filter with a kept count.
    pub enum View {
        Unassigned = "unassigned",
        Mine = "mine",
        Open = "open",
        /// Open cases past a service-level due time.
        Breached = "breached",
        Waiting = "waiting",
        Referred = "referred",
        Resolved = "resolved",
        Closed = "closed",
        /// Cases whose internal notes mention the viewer; counted: the
        /// mentions they have not seen yet.
        Mentions = "mentions",
    }
}

/// Statuses where someone still has work to do: neither resolved nor final.
pub const OPEN_STATUSES: [CaseStatus; 6] = [
    CaseStatus::New,
    CaseStatus::InProgress,
    CaseStatus::Referred,
    CaseStatus::AwaitingConfirmation,
    CaseStatus::AwaitingReply,
    CaseStatus::AwaitingApproval,
];

impl CaseStatus {
    /// Counted in "All open", "Mine" and "Unassigned".
    pub fn is_open(self) -> bool {
        OPEN_STATUSES.contains(&self)
    }
}

impl View {
    /// The statuses the view lists (none: any status).
    pub fn statuses(self) -> &'static [CaseStatus] {
        use CaseStatus::*;
        match self {
            View::Unassigned | View::Mine | View::Open | View::Breached => &OPEN_STATUSES,
            View::Waiting => &[AwaitingConfirmation, AwaitingReply, AwaitingApproval],
            View::Referred => &[Referred],
            View::Resolved => &[Resolved],
            View::Closed => &[Closed, ClosedByCustomer, Duplicate],
            View::Mentions => &[],
        }
    }
}

/// One view of the rail with its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewCount {
    pub view: View,
    pub n: i64,
}

/// A department cases are referred to, with its members' ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    pub id: i64,
    pub name: String,
    pub members: Vec<i64>,
}

/// A staff member who can be given a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    pub id: i64,
    pub name: String,
    pub email: String,
}

/// Who and where cases can go: for the assignment controls and the
/// departments page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directory {
    pub agents: Vec<Agent>,
    pub departments: Vec<Department>,
}

/// Another staff member on the same case page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    pub name: String,
    /// Writing a reply now.
    pub typing: bool,
}

/// The most cases one bulk action may change.
pub const BULK_MAX: usize = 1000;

/// What a bulk action does to each selected case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BulkAction {
    Status(CaseStatus),
    /// To an agent, or to nobody.
    Assign(Option<i64>),
    Department(Option<i64>),
}

/// What a bulk action did: cases changed, and final cases left alone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkResult {
    pub changed: usize,
    pub skipped: usize,
}

/// Longest department name.
pub const DEPARTMENT_NAME_MAX: usize = 80;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_views_hold_exactly_the_open_statuses() {
        for s in CaseStatus::ALL {
            let open = !s.is_final() && s != CaseStatus::Resolved;
            assert_eq!(s.is_open(), open, "{s:?}");
        }
        // Every status is in exactly one of the status views.
        for s in CaseStatus::ALL {
            let views = [View::Waiting, View::Referred, View::Resolved, View::Closed]
                .into_iter()
                .filter(|v| v.statuses().contains(&s))
                .count();
            let expected = usize::from(!matches!(s, CaseStatus::New | CaseStatus::InProgress));
            assert_eq!(views, expected, "{s:?}");
        }
    }
}

//! Case data shared by the server and the browser.

use serde::{Deserialize, Serialize};

use super::CaseStatus;

/// What a case is about (PRODUCT.md §3.1: Technical, Finance, Account, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CaseType {
    Technical,
    Finance,
    Account,
    Other,
}

impl CaseType {
    pub const ALL: [CaseType; 4] = [
        CaseType::Technical,
        CaseType::Finance,
        CaseType::Account,
        CaseType::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseType::Technical => "technical",
            CaseType::Finance => "finance",
            CaseType::Account => "account",
            CaseType::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Where a case came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    Web,
    Chat,
    HelpForm,
    Email,
    Phone,
}

impl Origin {
    pub const ALL: [Origin; 5] = [
        Origin::Web,
        Origin::Chat,
        Origin::HelpForm,
        Origin::Email,
        Origin::Phone,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Web => "web",
            Origin::Chat => "chat",
            Origin::HelpForm => "help_form",
            Origin::Email => "email",
            Origin::Phone => "phone",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

/// One row of a case list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub number: i64,
    pub subject: String,
    pub case_type: CaseType,
    pub status: CaseStatus,
    pub origin: Origin,
    pub created_at: i64,
    pub updated_at: i64,
    /// Staff answered since this viewer last opened the case.
    pub unread: bool,
    /// Shown to staff only; empty for customers' own lists.
    pub requester: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub author: String,
    pub from_staff: bool,
    pub body: String,
    pub created_at: i64,
}

/// A case with its whole conversation, as one viewer may see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseDetail {
    pub number: i64,
    pub subject: String,
    pub case_type: CaseType,
    pub status: CaseStatus,
    pub origin: Origin,
    pub created_at: i64,
    pub updated_at: i64,
    pub requester_name: String,
    pub requester_email: String,
    pub messages: Vec<Message>,
    pub activity: Vec<ActivityEntry>,
    /// Whether the viewer works for the help desk (shows staff controls).
    pub viewer_is_staff: bool,
    /// Whether the viewer opened the case (and so may close it).
    pub viewer_is_requester: bool,
}

/// One line of a case's activity log: a status change, by whom (`None`: the
/// system) and when. The first line, with no `from`, is the opening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityEntry {
    pub actor: Option<String>,
    pub from: Option<CaseStatus>,
    pub to: CaseStatus,
    pub at: i64,
}

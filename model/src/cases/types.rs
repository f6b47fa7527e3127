//! Case data shared by the server and the browser.

use serde::{Deserialize, Serialize};

pub use super::case_type::CaseType;
use super::record::CaseFields;
use super::CaseStatus;
use crate::validate::Field;

crate::text_enum! {
    /// Where a case came from.
    pub enum Origin {
        Web = "web",
        Chat = "chat",
        HelpForm = "help_form",
        Email = "email",
        Phone = "phone",
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
    /// The assigned agent's name, for staff lists (`None`: unassigned).
    pub assignee: Option<String>,
    /// For staff: the service-level clock (`None`: no due time counts).
    pub sla: Option<super::sla::SlaClock>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    /// `None`: written by the system (a self-help answer).
    pub author: Option<String>,
    pub from_staff: bool,
    pub body: String,
    pub created_at: i64,
    pub attachments: Vec<crate::files::Attachment>,
    /// A note for staff only (customers never receive these).
    pub internal: bool,
    /// For staff: the received mail this message came from, whose
    /// original (`.eml`) they can download.
    pub mail: Option<i64>,
    /// The author's photo, when they have one the viewer may see.
    pub photo: Option<String>,
}

/// Messages on one page of a conversation; longer ones are read in pages,
/// the newest first.
pub const MESSAGES_PER_PAGE: u32 = 100;

/// A case with its conversation (one page of it), as one viewer may see it.
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
    pub fields: CaseFields,
    /// The case this one was merged into (status duplicate).
    pub duplicate_of: Option<i64>,
    /// Oldest first: page `page` of `pages`, counted from the newest
    /// ([`MESSAGES_PER_PAGE`] each; page 1 holds the latest messages).
    pub messages: Vec<Message>,
    pub page: u32,
    pub pages: u32,
    pub activity: Vec<ActivityEntry>,
    /// Whether the viewer works for the help desk (shows staff controls).
    pub viewer_is_staff: bool,
    /// Whether the viewer opened the case (and so may close it).
    pub viewer_is_requester: bool,
    /// For staff: the requester's job title, phone and zone.
    pub requester: Option<crate::auth::Requester>,
    /// For staff: who works on the case and the department it waits on.
    pub assignment: Option<Assignment>,
    /// For staff: the service-level clock (`None`: no due time counts).
    pub sla: Option<super::sla::SlaClock>,
}

/// A case's assigned agent and department, as ids and names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub assignee: Option<(i64, String)>,
    pub department: Option<(i64, String)>,
}

/// What one line of the activity log records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ActivityKind {
    Opened(CaseStatus),
    Status {
        from: CaseStatus,
        to: CaseStatus,
    },
    /// A field edit; values as text (CC as a comma-separated list).
    Field {
        field: Field,
        old: String,
        new: String,
    },
    /// This case was merged into case number `.0`.
    MergedInto(i64),
    /// Case number `.0` was merged into this one.
    MergedFrom(i64),
    /// The assigned agent changed (names; `None`: nobody). Staff only.
    Assigned {
        from: Option<String>,
        to: Option<String>,
    },
    /// The department changed (names; `None`: none). Staff only.
    Department {
        from: Option<String>,
        to: Option<String>,
    },
}

/// One line of a case's activity log: what changed, by whom (`None`: the
/// system) and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityEntry {
    pub actor: Option<String>,
    pub kind: ActivityKind,
    pub at: i64,
}

/// An answer sent automatically to new cases of a type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SelfHelpAnswer {
    pub id: i64,
    pub case_type: CaseType,
    pub title: String,
    pub body: String,
}

/// One page of a case list, and the cursor of the next one if there is more.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CasePage {
    pub rows: Vec<CaseSummary>,
    pub next: Option<String>,
    /// When the server answered: relative times ("5 min ago") are counted
    /// from it, so the page rendered and the page hydrated say the same.
    pub now: i64,
}

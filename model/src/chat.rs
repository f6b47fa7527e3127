//! Live chat and the help form (PRODUCT.md §4): what the browser and the
//! server share.

pub mod hours;

crate::text_enum! {
    /// Where a chat is: waiting for an agent, with one, or over.
    pub enum ChatState {
        Waiting = "waiting",
        Active = "active",
        Ended = "ended",
    }
}

use serde::{Deserialize, Serialize};

/// What the help button offers, and the visitor's own chat if one is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ButtonMode {
    /// Open with an agent free: "Chat"; else "Help" (the help form).
    pub chat: bool,
    /// The number of this browser's chat that has not ended.
    pub my_chat: Option<i64>,
}

/// A chat as its visitor sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatView {
    pub number: i64,
    pub state: ChatState,
    /// The agent who accepted it.
    pub agent: Option<String>,
    /// The agent is writing.
    pub agent_typing: bool,
    /// Waited long with no agent: offer the help form instead.
    pub offer_form: bool,
    /// An address to mail the transcript to was given.
    pub has_email: bool,
}

/// One message of a chat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatLine {
    pub id: i64,
    pub author: String,
    pub from_staff: bool,
    pub body: String,
    pub at: i64,
}

/// A chat as agents see it in the "Chats" view and on its case page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatRow {
    pub number: i64,
    pub state: ChatState,
    pub visitor_name: String,
    pub visitor_email: Option<String>,
    pub agent: Option<String>,
    pub started_at: i64,
    pub visitor_typing: bool,
    /// The agent looking holds it.
    pub mine: bool,
    /// The visitor wrote after the last answer.
    pub unanswered: bool,
    /// The department it was transferred to.
    pub department: Option<String>,
    /// The visitor has an account (not only a contact made by the chat).
    pub account: bool,
    /// The visitor's other cases, newest first (filled on the case page
    /// only).
    pub past: Vec<PastCase>,
}

/// One of a chat visitor's other cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastCase {
    pub number: i64,
    pub subject: String,
    pub status: crate::cases::CaseStatus,
    pub created_at: i64,
}

/// Where an agent hands a chat: to an agent (it stays under way) or to a
/// department (it waits again, for an agent of it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Transfer {
    Agent(i64),
    Department(i64),
}

impl Transfer {
    /// The transfer form's choice: `agent:7` or `department:2`.
    pub fn parse(text: &str) -> Option<Self> {
        let (kind, id) = text.split_once(':')?;
        let id = id.parse().ok()?;
        match kind {
            "agent" => Some(Self::Agent(id)),
            "department" => Some(Self::Department(id)),
            _ => None,
        }
    }

    pub fn encode(self) -> String {
        match self {
            Self::Agent(id) => format!("agent:{id}"),
            Self::Department(id) => format!("department:{id}"),
        }
    }
}

//! The outbox as admins see it.

use serde::{Deserialize, Serialize};

crate::text_enum! {
    /// Where a mail is: waiting (to be sent, or retried), sent, or given up.
    pub enum MailStatus {
        Queued = "queued",
        Sent = "sent",
        Failed = "failed",
    }
}

/// One mail of the outbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub case_number: Option<i64>,
    pub status: MailStatus,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

//! How much one customer or one client address may do, set once at
//! start-up and carried by the database handle, so every entry point
//! (pages, uploads, mail) meets the same limits.

/// Per customer over the last 24 hours (staff have none), and per client
/// address over the last hour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// New cases per customer.
    pub cases_per_day: i64,
    /// Messages (first messages and replies) per customer.
    pub messages_per_day: i64,
    /// Bytes of attachments per customer.
    pub bytes_per_day: i64,
    /// Sign-ups and password-reset requests per client address (each sends
    /// a mail).
    pub mail_forms_per_hour: i64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            cases_per_day: 20,
            messages_per_day: 200,
            bytes_per_day: 200 * 1024 * 1024,
            mail_forms_per_hour: 10,
        }
    }
}

//! How long a case may wait on the customer before it closes by itself
//! (PRODUCT.md §3.5), as admins set it on the settings page.

use serde::{Deserialize, Serialize};

use super::sla::{hours_in, HOUR_MS};
use crate::error::AppError;
use crate::validate::{Field, Problem};

/// The longest wait one may set: a year.
pub const CLOSE_MAX_MS: i64 = 365 * 24 * HOUR_MS;

/// The three waits, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CloseTimes {
    pub awaiting_reply_ms: i64,
    pub awaiting_confirmation_ms: i64,
    pub resolved_ms: i64,
}

impl CloseTimes {
    /// From the form's three fields, in hours; each is required.
    pub fn parse(reply: &str, confirmation: &str, resolved: &str) -> Result<Self, AppError> {
        let one = |raw: &str, field| {
            hours_in(raw, field, CLOSE_MAX_MS)?.ok_or(AppError::invalid(field, Problem::Required))
        };
        Ok(Self {
            awaiting_reply_ms: one(reply, Field::CloseAwaitingReply)?,
            awaiting_confirmation_ms: one(confirmation, Field::CloseAwaitingConfirmation)?,
            resolved_ms: one(resolved, Field::CloseResolved)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_wait_is_a_required_number_of_hours() {
        let t = CloseTimes::parse("48", "1,5", "0.5").unwrap();
        assert_eq!(t.awaiting_reply_ms, 48 * HOUR_MS);
        assert_eq!(t.awaiting_confirmation_ms, 3 * HOUR_MS / 2);
        assert_eq!(t.resolved_ms, HOUR_MS / 2);
        let field = |r: Result<CloseTimes, AppError>| match r {
            Err(AppError::Invalid(f, p)) => (f, p),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            field(CloseTimes::parse("", "1", "1")),
            (Field::CloseAwaitingReply, Problem::Required)
        );
        assert_eq!(
            field(CloseTimes::parse("1", "soon", "1")),
            (Field::CloseAwaitingConfirmation, Problem::Malformed)
        );
        assert_eq!(
            field(CloseTimes::parse("1", "1", "9000")),
            (Field::CloseResolved, Problem::Malformed)
        );
        assert!(CloseTimes::parse("1", "1", "-2").is_err());
    }
}

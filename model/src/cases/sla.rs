//! Service levels (PRODUCT.md §8): what admins promise per priority, and
//! each case's clock against it.

use serde::{Deserialize, Serialize};

use super::record::Priority;
use crate::error::AppError;
use crate::validate::{Field, Problem};

pub const HOUR_MS: i64 = 3_600_000;
/// Less time left than this marks a case as near its breach.
pub const NEAR_BREACH_MS: i64 = HOUR_MS;
/// The most breached cases the rail counts: past it, the count reads
/// "1000+" (counted with index seeks, so bounded however many there are).
pub const BREACHED_COUNT_CAP: i64 = 1000;
/// The longest target: a year.
pub const TARGET_MAX_MS: i64 = 365 * 24 * HOUR_MS;

/// One priority's targets (`None`: no target).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaTarget {
    pub priority: Priority,
    pub first_response_ms: Option<i64>,
    pub resolution_ms: Option<i64>,
}

impl SlaTarget {
    /// Targets as typed in hours (empty: none; decimals allowed, so a
    /// target can be minutes).
    pub fn parse(priority: Priority, first: &str, resolution: &str) -> Result<Self, AppError> {
        Ok(Self {
            priority,
            first_response_ms: hours(first)?,
            resolution_ms: hours(resolution)?,
        })
    }
}

fn hours(raw: &str) -> Result<Option<i64>, AppError> {
    hours_in(raw, Field::Target, TARGET_MAX_MS)
}

/// Hours as typed ("1.5" or "1,5") in milliseconds, from a second up to
/// `max_ms` (empty: none).
pub(crate) fn hours_in(raw: &str, field: Field, max_ms: i64) -> Result<Option<i64>, AppError> {
    let raw = raw.trim().replace(',', ".");
    if raw.is_empty() {
        return Ok(None);
    }
    let bad = || AppError::invalid(field, Problem::Malformed);
    let h: f64 = raw.parse().map_err(|_| bad())?;
    let ms = (h * HOUR_MS as f64).round();
    if !ms.is_finite() || ms < 1000.0 || ms > max_ms as f64 {
        return Err(bad());
    }
    Ok(Some(ms as i64))
}

/// Milliseconds as hours for a form field ("1.5"; empty: none).
pub fn hours_text(ms: Option<i64>) -> String {
    ms.map(|ms| {
        let h = format!("{:.4}", ms as f64 / HOUR_MS as f64);
        h.trim_end_matches('0').trim_end_matches('.').to_string()
    })
    .unwrap_or_default()
}

/// Where a case stands against its next due time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaClock {
    /// Time left until the next due time, negative once past; `None`: the
    /// clock is stopped while the case waits on the customer.
    pub left_ms: Option<i64>,
    /// The due time is for the first response (else for the resolution).
    pub first_response: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaState {
    Paused,
    OnTrack,
    Near,
    Breached,
}

impl SlaClock {
    pub fn state(&self) -> SlaState {
        match self.left_ms {
            None => SlaState::Paused,
            Some(left) if left < 0 => SlaState::Breached,
            Some(left) if left < NEAR_BREACH_MS => SlaState::Near,
            Some(_) => SlaState::OnTrack,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_read_in_hours() {
        let t = SlaTarget::parse(Priority::High, "4", " 0,5 ").unwrap();
        assert_eq!(t.first_response_ms, Some(4 * HOUR_MS));
        assert_eq!(t.resolution_ms, Some(HOUR_MS / 2));
        assert_eq!(
            SlaTarget::parse(Priority::Low, "", "")
                .unwrap()
                .resolution_ms,
            None
        );
        for bad in ["-1", "0", "soon", "9000", "NaN", "inf"] {
            assert_eq!(
                SlaTarget::parse(Priority::Low, bad, ""),
                Err(AppError::invalid(Field::Target, Problem::Malformed)),
                "{bad}"
            );
        }
        assert_eq!(hours_text(Some(HOUR_MS * 3 / 2)), "1.5");
        assert_eq!(hours_text(Some(HOUR_MS * 8)), "8");
        assert_eq!(hours_text(None), "");
    }

    #[test]
    fn the_state_follows_the_time_left() {
        let at = |left_ms| SlaClock {
            left_ms,
            first_response: true,
        };
        assert_eq!(at(None).state(), SlaState::Paused);
        assert_eq!(at(Some(-1)).state(), SlaState::Breached);
        assert_eq!(at(Some(60_000)).state(), SlaState::Near);
        assert_eq!(at(Some(2 * HOUR_MS)).state(), SlaState::OnTrack);
    }
}

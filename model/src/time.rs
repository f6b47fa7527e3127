//! Timestamps: stored as milliseconds since the Unix epoch (UTC) in a BIGINT
//! column, which SQLite and PostgreSQL both sort and compare natively.

/// `2026-11-22 15:49 UTC`: the same text on the server and in the browser, so
/// hydration never disagrees. Per-user time zones come with the profile.
pub fn format_utc(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

/// `2026-11-22T15:49:00Z`: for machines (`<time datetime>`, exports).
pub fn iso(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_milliseconds_as_utc_minutes() {
        assert_eq!(super::format_utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(super::format_utc(1_795_362_540_000), "2026-11-22 15:49 UTC");
    }
}

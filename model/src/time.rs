//! Timestamps: stored as milliseconds since the Unix epoch (UTC) in a BIGINT
//! column, which SQLite and PostgreSQL both sort and compare natively, and
//! shown as wall-clock time in the reader's zone, in the reader's language.
//!
//! The pattern a language writes a date with comes from its translation
//! file (`MMM D, YYYY, h:mm A`, `D MMM YYYY HH:mm`); [`fill`] puts a local
//! time into it. The server finds the local time with the IANA database
//! (chrono-tz, [`local`]); the browser with its own (`Intl`), so both write
//! the same text and hydration never disagrees.

use chrono::{Datelike, Timelike};

/// The zone of visitors whose browser has not told theirs.
pub const UTC: &str = "UTC";

/// A wall-clock time in some zone, to the minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Local {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
    pub day: u32,
    /// 0 to 23.
    pub hour: u32,
    pub minute: u32,
}

impl Local {
    pub fn of<T: Datelike + Timelike>(t: &T) -> Self {
        Local {
            year: t.year(),
            month: t.month(),
            day: t.day(),
            hour: t.hour(),
            minute: t.minute(),
        }
    }

    /// The same instant in UTC.
    pub fn utc(ms: i64) -> Option<Self> {
        chrono::DateTime::from_timestamp_millis(ms).map(|t| Local::of(&t))
    }
}

/// A language's words for dates, from its translation file.
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    /// Tokens: `YYYY` year, `MMM` month name, `D` day, `HH` hour (00-23),
    /// `h` hour (1-12), `mm` minute, `A` the `am`/`pm` word; anything else
    /// is written as is.
    pub pattern: &'a str,
    /// The twelve month names, separated by spaces.
    pub months: &'a str,
    pub am: &'a str,
    pub pm: &'a str,
}

/// `t` written with `words`' pattern.
pub fn fill(t: &Local, words: &Words) -> String {
    let month = words
        .months
        .split_whitespace()
        .nth(t.month.saturating_sub(1) as usize)
        .unwrap_or("");
    let mut out = String::with_capacity(words.pattern.len() + 8);
    let mut rest = words.pattern;
    while let Some(c) = rest.chars().next() {
        let (text, len) = if rest.starts_with("YYYY") {
            (t.year.to_string(), 4)
        } else if rest.starts_with("MMM") {
            (month.to_owned(), 3)
        } else if rest.starts_with("HH") {
            (format!("{:02}", t.hour), 2)
        } else if rest.starts_with("mm") {
            (format!("{:02}", t.minute), 2)
        } else if c == 'D' {
            (t.day.to_string(), 1)
        } else if c == 'h' {
            (
                (if t.hour.is_multiple_of(12) {
                    12
                } else {
                    t.hour % 12
                })
                .to_string(),
                1,
            )
        } else if c == 'A' {
            (
                (if t.hour < 12 { words.am } else { words.pm }).to_owned(),
                1,
            )
        } else {
            (c.to_string(), c.len_utf8())
        };
        out.push_str(&text);
        rest = &rest[len..];
    }
    out
}

/// `2026-11-22 15:49 UTC`: for logs and places without a reader.
pub fn format_utc(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

/// `2026-11-22T15:49:00Z`: for machines (`<time datetime>`). Written
/// field by field: chrono's format strings would bring their parser and
/// formatter into the browser's pages (~11 KB before compression).
pub fn iso(ms: i64) -> String {
    let second = ms.div_euclid(1000).rem_euclid(60);
    Local::utc(ms).map_or_else(String::new, |t| {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{second:02}Z",
            t.year, t.month, t.day, t.hour, t.minute
        )
    })
}

#[cfg(feature = "server")]
pub use zones::*;

/// The IANA database, on the server.
#[cfg(feature = "server")]
mod zones {
    use chrono::{NaiveDate, NaiveDateTime, TimeZone};
    use chrono_tz::Tz;

    use super::Local;

    /// The zone named `name` exactly as IANA spells it.
    pub fn zone(name: &str) -> Option<Tz> {
        name.parse().ok()
    }

    /// Instant `ms` in zone `name` (UTC when the name is unknown).
    pub fn local(ms: i64, name: &str) -> Option<Local> {
        let t = chrono::DateTime::from_timestamp_millis(ms)?;
        let tz = zone(name).unwrap_or(Tz::UTC);
        Some(Local::of(&t.with_timezone(&tz)))
    }

    /// `2026-11-23T08:05:00-06:00`: ISO 8601 in zone `name`, with its offset.
    pub fn iso_in(ms: i64, name: &str) -> String {
        let tz = zone(name).unwrap_or(Tz::UTC);
        chrono::DateTime::from_timestamp_millis(ms)
            .map(|t| {
                t.with_timezone(&tz)
                    .format("%Y-%m-%dT%H:%M:%S%:z")
                    .to_string()
            })
            .unwrap_or_default()
    }

    /// Wall-clock time `t` in zone `name`, as an instant. A time skipped by
    /// a daylight-saving change counts as the first minute after the gap;
    /// a time that happens twice, as its first occurrence.
    pub fn instant(t: NaiveDateTime, name: &str) -> i64 {
        let tz = zone(name).unwrap_or(Tz::UTC);
        let mut probe = t;
        // Gaps are at most a few hours; step until the clock exists.
        for _ in 0..(26 * 4) {
            if let Some(at) = tz.from_local_datetime(&probe).earliest() {
                return at.timestamp_millis();
            }
            probe += chrono::Duration::minutes(15);
        }
        t.and_utc().timestamp_millis()
    }

    /// The instant day `d` starts in zone `name`.
    pub fn day_start(d: NaiveDate, name: &str) -> i64 {
        instant(d.and_hms_opt(0, 0, 0).unwrap_or_default(), name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: Words = Words {
        pattern: "MMM D, YYYY, h:mm A",
        months: "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
        am: "AM",
        pm: "PM",
    };
    const FR: Words = Words {
        pattern: "D MMM YYYY HH:mm",
        months: "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.",
        am: "",
        pm: "",
    };

    #[test]
    fn formats_milliseconds_as_utc_minutes() {
        assert_eq!(format_utc(0), "1970-01-01 00:00 UTC");
        assert_eq!(format_utc(1_795_362_540_000), "2026-11-22 15:49 UTC");
    }

    #[test]
    fn iso_writes_utc_to_the_second() {
        assert_eq!(iso(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso(1_795_362_547_999), "2026-11-22T15:49:07Z");
        // Before 1970 the second still counts up within its minute.
        assert_eq!(iso(-1), "1969-12-31T23:59:59Z");
        assert_eq!(iso(951_782_400_000), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn each_language_writes_its_own_pattern() {
        let t = Local {
            year: 2026,
            month: 11,
            day: 23,
            hour: 14,
            minute: 5,
        };
        assert_eq!(fill(&t, &EN), "Nov 23, 2026, 2:05 PM");
        assert_eq!(fill(&t, &FR), "23 nov. 2026 14:05");
        let es = Words {
            pattern: "D MMM YYYY, HH:mm",
            months: "ene feb mar abr may jun jul ago sept oct nov dic",
            am: "",
            pm: "",
        };
        assert_eq!(fill(&t, &es), "23 nov 2026, 14:05");
        let midnight = Local { hour: 0, ..t };
        assert_eq!(fill(&midnight, &EN), "Nov 23, 2026, 12:05 AM");
        let noon = Local { hour: 12, ..t };
        assert_eq!(fill(&noon, &EN), "Nov 23, 2026, 12:05 PM");
    }

    #[cfg(feature = "server")]
    mod zones {
        use chrono::NaiveDate;

        use super::super::*;

        fn at(s: &str) -> i64 {
            chrono::DateTime::parse_from_rfc3339(s)
                .unwrap()
                .timestamp_millis()
        }

        #[test]
        fn instants_read_in_a_zone_with_its_offset() {
            let t = at("2026-11-23T20:05:00Z");
            let mx = local(t, "America/Mexico_City").unwrap();
            assert_eq!((mx.day, mx.hour, mx.minute), (23, 14, 5));
            assert_eq!(
                iso_in(t, "America/Mexico_City"),
                "2026-11-23T14:05:00-06:00"
            );
            assert_eq!(iso_in(t, "Europe/Paris"), "2026-11-23T21:05:00+01:00");
            // Unknown names read as UTC.
            assert_eq!(iso_in(t, "Mars/Olympus"), "2026-11-23T20:05:00+00:00");
            assert!(zone("Mars/Olympus").is_none());
        }

        #[test]
        fn daylight_saving_edges() {
            // Paris: 2026-03-29 02:00 jumps to 03:00; 2026-10-25 03:00 goes back to 02:00.
            let before = at("2026-03-29T00:59:00Z");
            assert_eq!(local(before, "Europe/Paris").unwrap().hour, 1);
            assert_eq!(local(before + 60_000, "Europe/Paris").unwrap().hour, 3);
            let gap = NaiveDate::from_ymd_opt(2026, 3, 29)
                .unwrap()
                .and_hms_opt(2, 30, 0)
                .unwrap();
            assert_eq!(instant(gap, "Europe/Paris"), at("2026-03-29T01:00:00Z"));
            let twice = NaiveDate::from_ymd_opt(2026, 10, 25)
                .unwrap()
                .and_hms_opt(2, 30, 0)
                .unwrap();
            assert_eq!(instant(twice, "Europe/Paris"), at("2026-10-25T00:30:00Z"));
        }

        #[test]
        fn a_day_starts_at_local_midnight() {
            let d = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
            assert_eq!(
                day_start(d, "America/Mexico_City"),
                at("2026-11-23T06:00:00Z")
            );
            assert_eq!(day_start(d, "Asia/Tokyo"), at("2026-11-22T15:00:00Z"));
            assert_eq!(day_start(d, UTC), at("2026-11-23T00:00:00Z"));
            // Midnight that does not exist (Santiago springs forward at 00:00).
            let chile = NaiveDate::from_ymd_opt(2026, 9, 6).unwrap();
            assert_eq!(
                day_start(chile, "America/Santiago"),
                at("2026-09-06T04:00:00Z")
            );
        }
    }
}

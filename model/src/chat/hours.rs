//! The help service's business hours (PRODUCT.md §4): opening times for each
//! day of the week, the company's time zone and its holidays, as admins set
//! them on the settings page and the help center's home shows them.

use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::validate::{Field, Problem};

/// Minutes in a day: a day may close at `24:00`.
pub const DAY_MINUTES: u16 = 24 * 60;
/// The most holidays one may list.
pub const HOLIDAYS_MAX: usize = 100;

/// One day's opening, in minutes after local midnight (`opens < closes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opening {
    pub opens: u16,
    pub closes: u16,
}

/// The week (Monday first; `None`: closed all day), the zone its times are
/// in, and the dates (`YYYY-MM-DD`, in that zone, sorted) it is closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessHours {
    pub time_zone: String,
    pub week: [Option<Opening>; 7],
    pub holidays: Vec<String>,
}

impl Default for BusinessHours {
    /// Monday to Friday, 09:00 to 18:00, in Madrid (the seeds' companies).
    fn default() -> Self {
        let day = Some(Opening {
            opens: 9 * 60,
            closes: 18 * 60,
        });
        Self {
            time_zone: "Europe/Madrid".to_owned(),
            week: [day, day, day, day, day, None, None],
            holidays: Vec::new(),
        }
    }
}

/// The settings form as posted: per day (Monday first) an opening and a
/// closing time (`HH:MM`; both empty: closed), the zone, and holidays one
/// per line. Lists, not arrays: that is how forms post indexed fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HoursForm {
    pub time_zone: String,
    pub opens: Vec<String>,
    pub closes: Vec<String>,
    pub holidays: String,
}

impl Default for HoursForm {
    fn default() -> Self {
        Self {
            time_zone: String::new(),
            opens: vec![String::new(); 7],
            closes: vec![String::new(); 7],
            holidays: String::new(),
        }
    }
}

impl HoursForm {
    /// The form filled with `hours`, as the page shows it.
    pub fn of(hours: &BusinessHours) -> Self {
        let mut form = HoursForm {
            time_zone: hours.time_zone.clone(),
            holidays: hours.holidays.join("\n"),
            ..Default::default()
        };
        for (i, day) in hours.week.iter().enumerate() {
            if let Some(o) = day {
                form.opens[i] = clock_text(o.opens);
                form.closes[i] = clock_text(o.closes);
            }
        }
        form
    }

    /// Checks every field but the zone's name, which only the server can
    /// look up; holidays come back sorted, without repeats.
    pub fn parse(&self) -> Result<BusinessHours, AppError> {
        let mut week = [None; 7];
        for (i, day) in week.iter_mut().enumerate() {
            let (opens, closes) = (entry(&self.opens, i), entry(&self.closes, i));
            if opens.is_empty() && closes.is_empty() {
                continue;
            }
            let time = |raw: &str| {
                parse_clock(raw).ok_or(AppError::invalid(Field::Hours, Problem::Malformed))
            };
            let (opens, closes) = (time(opens)?, time(closes)?);
            if opens >= closes {
                return Err(AppError::invalid(Field::Hours, Problem::Malformed));
            }
            *day = Some(Opening { opens, closes });
        }
        let mut holidays = Vec::new();
        for line in self
            .holidays
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            let date = chrono::NaiveDate::parse_from_str(line, "%Y-%m-%d")
                .map_err(|_| AppError::invalid(Field::Holidays, Problem::Malformed))?;
            holidays.push(date.format("%Y-%m-%d").to_string());
        }
        holidays.sort();
        holidays.dedup();
        if holidays.len() > HOLIDAYS_MAX {
            return Err(AppError::invalid(Field::Holidays, Problem::TooLong));
        }
        let time_zone = self.time_zone.trim();
        if time_zone.is_empty() {
            return Err(AppError::invalid(Field::TimeZone, Problem::Required));
        }
        Ok(BusinessHours {
            time_zone: time_zone.to_owned(),
            week,
            holidays,
        })
    }
}

/// Field `i` of an indexed list of fields, trimmed (missing: empty).
fn entry(list: &[String], i: usize) -> &str {
    list.get(i).map_or("", |s| s.trim())
}

/// `09:30` (or `9:30`) as minutes after midnight; `24:00` is the day's end.
pub fn parse_clock(raw: &str) -> Option<u16> {
    let (h, m) = raw.trim().split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    let minutes = h.checked_mul(60)? + m;
    (m < 60 && minutes <= DAY_MINUTES).then_some(minutes)
}

/// Minutes after midnight as `HH:MM`.
pub fn clock_text(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Days with the same opening, in runs of consecutive days (Monday first):
/// `(first day, last day, opening)`, days numbered 0 (Monday) to 6.
pub fn runs(week: &[Option<Opening>; 7]) -> Vec<(usize, usize, Opening)> {
    let mut out: Vec<(usize, usize, Opening)> = Vec::new();
    for (i, day) in week.iter().enumerate() {
        let Some(o) = day else { continue };
        match out.last_mut() {
            Some((_, last, same)) if *last + 1 == i && same == o => *last = i,
            _ => out.push((i, i, *o)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(opens: &str, closes: &str) -> HoursForm {
        let mut f = HoursForm {
            time_zone: "Europe/Paris".into(),
            ..Default::default()
        };
        f.opens[0] = opens.into();
        f.closes[0] = closes.into();
        f
    }

    fn problem(r: Result<BusinessHours, AppError>) -> (Field, Problem) {
        match r {
            Err(AppError::Invalid(f, p)) => (f, p),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn clock_times_run_from_midnight_to_the_days_end() {
        assert_eq!(parse_clock("00:00"), Some(0));
        assert_eq!(parse_clock("9:05"), Some(545));
        assert_eq!(parse_clock("24:00"), Some(DAY_MINUTES));
        for bad in [
            "24:01", "12:60", "12", "12:5", "ab:cd", "-1:00", "123:00", "",
        ] {
            assert_eq!(parse_clock(bad), None, "{bad}");
        }
        assert_eq!(clock_text(545), "09:05");
    }

    #[test]
    fn a_day_opens_before_it_closes_or_is_closed() {
        let hours = form("08:00", "24:00").parse().unwrap();
        assert_eq!(
            hours.week[0],
            Some(Opening {
                opens: 480,
                closes: 1440
            })
        );
        assert_eq!(hours.week[1], None);
        let malformed = (Field::Hours, Problem::Malformed);
        assert_eq!(problem(form("18:00", "09:00").parse()), malformed);
        assert_eq!(problem(form("09:00", "09:00").parse()), malformed);
        assert_eq!(problem(form("09:00", "").parse()), malformed);
        assert_eq!(problem(form("nine", "18:00").parse()), malformed);
    }

    #[test]
    fn holidays_are_dates_sorted_once_each() {
        let mut f = form("", "");
        f.holidays = "2026-12-25\n\n 2026-01-01 \n2026-12-25".into();
        assert_eq!(f.parse().unwrap().holidays, ["2026-01-01", "2026-12-25"]);
        f.holidays = "2026-02-30".into();
        assert_eq!(problem(f.parse()), (Field::Holidays, Problem::Malformed));
        f.holidays = (0..=HOLIDAYS_MAX)
            .map(|d| format!("2026-01-01 + {d}"))
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(problem(f.parse()), (Field::Holidays, Problem::Malformed));
        let start = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        f.holidays = (0..=HOLIDAYS_MAX as u64)
            .map(|d| {
                (start + chrono::Days::new(d))
                    .format("%Y-%m-%d")
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(problem(f.parse()), (Field::Holidays, Problem::TooLong));
    }

    #[test]
    fn a_zone_is_required_and_the_form_round_trips() {
        let mut f = form("09:00", "18:00");
        f.time_zone = "  ".into();
        assert_eq!(problem(f.parse()), (Field::TimeZone, Problem::Required));
        let hours = BusinessHours::default();
        assert_eq!(HoursForm::of(&hours).parse().unwrap(), hours);
    }

    #[test]
    fn equal_neighbouring_days_make_one_run() {
        let mut week = BusinessHours::default().week;
        week[6] = Some(Opening {
            opens: 600,
            closes: 840,
        });
        week[2] = None;
        let runs = runs(&week);
        let spans: Vec<_> = runs.iter().map(|(a, b, _)| (*a, *b)).collect();
        assert_eq!(spans, [(0, 1), (3, 4), (6, 6)]);
    }
}

//! Business hours: the open/closed decision across zones, holidays,
//! midnight and daylight-saving changes; and the settings stored as saved.

use chrono::TimeZone;

use super::hours::*;
use crate::cases::test_world::world;
use crate::error::AppError;
use crate::validate::{Field, Problem};

/// Instant of a UTC wall-clock time.
fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> i64 {
    chrono::Utc
        .with_ymd_and_hms(y, mo, d, h, mi, 0)
        .unwrap()
        .timestamp_millis()
}

fn week_of(zone: &str, opens: &str, closes: &str) -> BusinessHours {
    let mut form = HoursForm {
        time_zone: zone.into(),
        ..Default::default()
    };
    for day in 0..5 {
        form.opens[day] = opens.into();
        form.closes[day] = closes.into();
    }
    form.parse().unwrap()
}

#[test]
fn the_default_week_is_weekdays_nine_to_six_in_madrid() {
    let h = BusinessHours::default();
    // Monday 2026-12-07; Madrid is UTC+1 in winter.
    assert!(!is_open(&h, utc(2026, 12, 7, 7, 59)));
    assert!(is_open(&h, utc(2026, 12, 7, 8, 0)));
    assert!(is_open(&h, utc(2026, 12, 7, 16, 59)));
    assert!(!is_open(&h, utc(2026, 12, 7, 17, 0)));
    // Saturday and Sunday.
    assert!(!is_open(&h, utc(2026, 12, 5, 10, 0)));
    assert!(!is_open(&h, utc(2026, 12, 6, 10, 0)));
}

#[test]
fn the_local_day_decides_not_the_utc_one() {
    // Mexico City is UTC-6: Friday 20:00 there is Saturday 02:00 UTC.
    let h = week_of("America/Mexico_City", "12:00", "24:00");
    assert!(is_open(&h, utc(2026, 12, 12, 2, 0)));
    // Saturday 12:00 local is closed although the UTC day is Saturday too.
    assert!(!is_open(&h, utc(2026, 12, 12, 18, 0)));
    // Sunday 23:59 local (Monday 05:59 UTC): closed; Monday 00:00 local not
    // open either (Monday opens at 12:00).
    assert!(!is_open(&h, utc(2026, 12, 14, 5, 59)));
    assert!(!is_open(&h, utc(2026, 12, 14, 6, 0)));
}

#[test]
fn a_day_open_until_midnight_closes_at_midnight() {
    let h = week_of("UTC", "00:00", "24:00");
    // Friday 23:59 open, Saturday 00:00 closed; Monday 00:00 open.
    assert!(is_open(&h, utc(2026, 12, 11, 23, 59)));
    assert!(!is_open(&h, utc(2026, 12, 12, 0, 0)));
    assert!(!is_open(&h, utc(2026, 12, 13, 23, 59)));
    assert!(is_open(&h, utc(2026, 12, 14, 0, 0)));
}

#[test]
fn daylight_saving_moves_the_opening_in_utc() {
    // Madrid: 09:00 is 08:00 UTC in winter, 07:00 UTC in summer. The
    // change is on Sunday 2026-03-29 (02:00 -> 03:00) and back on Sunday
    // 2026-10-25.
    let h = BusinessHours::default();
    assert!(!is_open(&h, utc(2026, 3, 27, 7, 30)));
    assert!(is_open(&h, utc(2026, 3, 30, 7, 30)));
    assert!(is_open(&h, utc(2026, 10, 23, 7, 30)));
    assert!(!is_open(&h, utc(2026, 10, 26, 7, 30)));
    // An opening inside the skipped hour: 02:30 never happens on the day
    // of the change; 03:00 local (01:00 UTC) does and is open.
    let mut form = HoursForm::of(&h);
    form.opens[6] = "02:30".into();
    form.closes[6] = "04:00".into();
    let h = form.parse().unwrap();
    assert!(!is_open(&h, utc(2026, 3, 29, 0, 59)));
    assert!(is_open(&h, utc(2026, 3, 29, 1, 0)));
    // On the way back 02:30 happens twice; both are open.
    assert!(is_open(&h, utc(2026, 10, 25, 0, 30)));
    assert!(is_open(&h, utc(2026, 10, 25, 1, 30)));
}

#[test]
fn holidays_close_their_local_date() {
    let mut form = HoursForm::of(&BusinessHours::default());
    form.holidays = "2026-12-08\n2026-12-25".into();
    let h = form.parse().unwrap();
    // Tuesday 2026-12-08 is closed all day; Wednesday is not.
    assert!(!is_open(&h, utc(2026, 12, 8, 10, 0)));
    assert!(is_open(&h, utc(2026, 12, 9, 10, 0)));
    // 23:30 UTC on 12-07 is already 00:30 on 12-08 in Madrid.
    assert_eq!(
        upcoming_holidays(&h, utc(2026, 12, 7, 23, 30)),
        ["2026-12-08", "2026-12-25"]
    );
    assert_eq!(
        upcoming_holidays(&h, utc(2026, 12, 9, 0, 0)),
        ["2026-12-25"]
    );
}

#[tokio::test]
async fn admins_save_the_hours_and_everyone_reads_them() {
    let w = world().await;
    assert_eq!(get(&w.t.db).await.unwrap(), BusinessHours::default());
    let mut form = HoursForm::of(&week_of("America/Mexico_City", "08:00", "17:30"));
    form.opens[5] = "10:00".into();
    form.closes[5] = "14:00".into();
    form.holidays = "2026-12-25\n2026-12-12".into();
    save(&w.t.db, &w.admin, &form).await.unwrap();
    let saved = get(&w.t.db).await.unwrap();
    assert_eq!(saved, form.parse().unwrap());
    assert_eq!(saved.holidays, ["2026-12-12", "2026-12-25"]);
    assert_eq!(saved.week[6], None);

    // A week with every day closed is kept as such, not as the default.
    let closed = HoursForm {
        time_zone: "UTC".into(),
        ..Default::default()
    };
    save(&w.t.db, &w.admin, &closed).await.unwrap();
    assert_eq!(get(&w.t.db).await.unwrap().week, [None; 7]);
}

#[tokio::test]
async fn bad_hours_change_nothing() {
    let w = world().await;
    let mut form = HoursForm::of(&BusinessHours::default());
    form.time_zone = "Mars/Olympus".into();
    let refused = save(&w.t.db, &w.admin, &form).await;
    assert_eq!(
        refused,
        Err(AppError::invalid(Field::TimeZone, Problem::Unknown))
    );
    form.time_zone = "UTC".into();
    form.closes[0] = "07:00".into();
    assert!(save(&w.t.db, &w.admin, &form).await.is_err());
    assert_eq!(get(&w.t.db).await.unwrap(), BusinessHours::default());
}

//! Business hours: stored as admins set them, and whether the help service
//! is open at an instant (in the company's zone, holidays aside).

use chrono::{Datelike, Timelike};

use crate::auth::Admin;
use crate::db::Db;
use crate::error::AppError;
use crate::validate::{Field, Problem};

pub use model::chat::hours::*;

/// The hours in force (the default week until an admin saves some).
pub async fn get(db: &Db) -> Result<BusinessHours, AppError> {
    let zone: Option<String> =
        sqlx::query_scalar("SELECT time_zone FROM business_hours WHERE id = 1")
            .fetch_optional(&db.read)
            .await?;
    let Some(time_zone) = zone else {
        return Ok(BusinessHours::default());
    };
    let days: Vec<(i64, i64, i64)> =
        sqlx::query_as("SELECT day, opens, closes FROM business_days ORDER BY day")
            .fetch_all(&db.read)
            .await?;
    let mut week = [None; 7];
    for (day, opens, closes) in days {
        if let (Some(slot), Ok(opens), Ok(closes)) = (
            usize::try_from(day).ok().and_then(|d| week.get_mut(d)),
            u16::try_from(opens),
            u16::try_from(closes),
        ) {
            *slot = Some(Opening { opens, closes });
        }
    }
    let holidays = sqlx::query_scalar("SELECT day FROM holidays ORDER BY day")
        .fetch_all(&db.read)
        .await?;
    Ok(BusinessHours {
        time_zone,
        week,
        holidays,
    })
}

/// Replaces the hours with `form`'s, checked first (the zone must be one
/// IANA knows), in one transaction.
pub async fn save(db: &Db, _admin: &Admin, form: &HoursForm) -> Result<(), AppError> {
    let mut hours = form.parse()?;
    let zone = model::time::zone(&hours.time_zone)
        .ok_or(AppError::invalid(Field::TimeZone, Problem::Unknown))?;
    hours.time_zone = zone.name().to_owned();
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM business_hours")
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO business_hours (id, time_zone) VALUES (1, $1)")
        .bind(&hours.time_zone)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM business_days")
        .execute(&mut *tx)
        .await?;
    for (day, opening) in hours.week.iter().enumerate() {
        let Some(o) = opening else { continue };
        sqlx::query("INSERT INTO business_days (day, opens, closes) VALUES ($1, $2, $3)")
            .bind(day as i64)
            .bind(i64::from(o.opens))
            .bind(i64::from(o.closes))
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query("DELETE FROM holidays")
        .execute(&mut *tx)
        .await?;
    for day in &hours.holidays {
        sqlx::query("INSERT INTO holidays (day) VALUES ($1)")
            .bind(day)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Whether the help service is open at instant `ms`: the local day is no
/// holiday and the local time falls within that day's opening. An opening
/// that ends at 24:00 runs to the last moment before midnight.
pub fn is_open(hours: &BusinessHours, ms: i64) -> bool {
    let zone = model::time::zone(&hours.time_zone).unwrap_or(chrono_tz::Tz::UTC);
    let Some(at) = chrono::DateTime::from_timestamp_millis(ms) else {
        return false;
    };
    let local = at.with_timezone(&zone);
    let date = local.date_naive().format("%Y-%m-%d").to_string();
    if hours.holidays.binary_search(&date).is_ok() {
        return false;
    }
    let day = local.weekday().num_days_from_monday() as usize;
    let minute = (local.hour() * 60 + local.minute()) as u16;
    hours.week[day].is_some_and(|o| o.opens <= minute && minute < o.closes)
}

/// The holidays from instant `ms`'s local date on: those worth showing.
pub fn upcoming_holidays(hours: &BusinessHours, ms: i64) -> Vec<String> {
    let zone = model::time::zone(&hours.time_zone).unwrap_or(chrono_tz::Tz::UTC);
    let today = chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| {
            t.with_timezone(&zone)
                .date_naive()
                .format("%Y-%m-%d")
                .to_string()
        })
        .unwrap_or_default();
    hours
        .holidays
        .iter()
        .filter(|d| **d >= today)
        .cloned()
        .collect()
}

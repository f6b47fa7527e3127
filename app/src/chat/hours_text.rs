//! Business hours as readers see them, in their language: "Monday to
//! Friday: 09:00 to 18:00", the zone, the coming holidays, and whether the
//! help service is open now.

use leptos::prelude::*;

use super::api::{get_service_hours, ServiceHours};
use super::hours::{clock_text, runs};
use crate::i18n::*;
use crate::ui::labels::I18n;
use crate::ui::text::fill;

/// A day's name, 0 being Monday.
pub fn day_name(i18n: I18n, day: usize) -> String {
    match day {
        0 => t_string!(i18n, hours.mon),
        1 => t_string!(i18n, hours.tue),
        2 => t_string!(i18n, hours.wed),
        3 => t_string!(i18n, hours.thu),
        4 => t_string!(i18n, hours.fri),
        5 => t_string!(i18n, hours.sat),
        _ => t_string!(i18n, hours.sun),
    }
    .to_string()
}

/// `2026-12-25` in the reader's words for dates.
fn date_text(i18n: I18n, date: &str) -> String {
    let mut parts = date.split('-').map(|p| p.parse::<u32>().unwrap_or(0));
    let (year, month, day) = (parts.next(), parts.next(), parts.next());
    let local = model::time::Local {
        year: year.unwrap_or(0) as i32,
        month: month.unwrap_or(1),
        day: day.unwrap_or(1),
        hour: 0,
        minute: 0,
    };
    let words = model::time::Words {
        pattern: t_string!(i18n, hours.date_pattern),
        months: t_string!(i18n, time.months),
        am: "",
        pm: "",
    };
    model::time::fill(&local, &words)
}

/// The hours, read once per page.
pub fn use_service_hours() -> crate::ui::data::Data<Result<ServiceHours, crate::error::AppError>> {
    crate::ui::data::resource(|| (), |_| get_service_hours())
}

/// The week, the zone and the coming holidays, as paragraphs.
#[component]
pub fn HoursText(hours: ServiceHours) -> impl IntoView {
    let i18n = use_i18n();
    let ServiceHours {
        hours,
        open_now,
        upcoming,
    } = hours;
    let week = runs(&hours.week);
    // One closure for the whole text (it all follows the language), and
    // plain text filled from templates: each closure or interpolating view
    // would add code to the first load of every visitor.
    move || {
        let lines = week
            .iter()
            .map(|&(first, last, o)| {
                let (first, last) = (day_name(i18n, first), day_name(i18n, last));
                let days = match first == last {
                    true => first,
                    false => fill(
                        t_string!(i18n, hours.range),
                        &[("first", first.as_str()), ("last", last.as_str())],
                    ),
                };
                let (opens, closes) = (clock_text(o.opens), clock_text(o.closes));
                let args = [
                    ("days", days.as_str()),
                    ("opens", opens.as_str()),
                    ("closes", closes.as_str()),
                ];
                view! { <li>{fill(t_string!(i18n, hours.opening), &args)}</li> }
            })
            .collect_view();
        let zone = fill(
            t_string!(i18n, hours.zone),
            &[("zone", hours.time_zone.as_str())],
        );
        let holidays = (!upcoming.is_empty()).then(|| {
            let dates = upcoming
                .iter()
                .map(|d| date_text(i18n, d))
                .collect::<Vec<_>>()
                .join(", ");
            view! { <p>{fill(t_string!(i18n, hours.closed_on), &[("dates", dates.as_str())])}</p> }
        });
        let now = match open_now {
            true => t_string!(i18n, hours.open_now),
            false => t_string!(i18n, hours.closed_now),
        };
        view! {
            <ul class="hours">{lines}</ul>
            <p>{zone}</p>
            {holidays}
            <p class="open-now">{now}</p>
        }
    }
}

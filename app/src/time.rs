//! Dates as each person reads them: in their zone (the profile's, else the
//! browser's as its cookie tells, else UTC) and their language's pattern.
//!
//! The server decides the zone of a page and writes it into the page
//! (`<meta name="time-zone">`); the browser reads it back from there, so
//! the text it renders when hydrating is the server's, to the letter. Each
//! side finds wall-clock time with its own copy of the IANA database
//! (chrono-tz on the server, `Intl` in the browser: no zone data in the
//! wasm bundle).

use leptos::prelude::*;

use crate::i18n::*;
use crate::ui::labels::I18n;
pub use model::time::{iso, Local, UTC};

/// The cookie the browser's own zone is kept in, for the server.
pub const ZONE_COOKIE: &str = "hd_tz";
/// The page's `<meta>` that carries the zone it was rendered in.
pub const ZONE_META: &str = "time-zone";

/// The zone the current page shows dates in.
#[derive(Clone, Copy)]
pub struct Zone(pub RwSignal<String>);

pub fn use_zone() -> RwSignal<String> {
    use_context::<Zone>().map_or_else(|| RwSignal::new(UTC.to_owned()), |z| z.0)
}

/// Puts the page's [`Zone`] in the context: on the server the request's,
/// in the browser the one the server wrote into the page.
pub fn provide_zone() {
    #[cfg(feature = "hydrate")]
    let zone = browser::page_zone();
    #[cfg(not(feature = "hydrate"))]
    let zone = page_zone();
    let zone = RwSignal::new(zone);
    provide_context(Zone(zone));
    #[cfg(feature = "hydrate")]
    {
        // Signing in, or saving the profile, brings the person's own zone.
        let auth = crate::auth::context::use_auth();
        Effect::new(move |_| {
            let mine = auth.user.get().and_then(|r| r.ok()).flatten();
            if let Some(tz) = mine.and_then(|u| u.time_zone) {
                if zone.get_untracked() != tz {
                    zone.set(tz);
                }
            }
        });
    }
}

/// Notes the browser's zone in its cookie for the server, when the browser
/// is idle after the page has hydrated: reading the zone makes a first
/// `Intl` formatter (ICU data, ~60 ms with the CPU 4x slower), which an idle
/// moment during hydration would otherwise spend before the page is live.
#[cfg(feature = "hydrate")]
pub fn remember_browser_zone_when_idle() {
    leptos::prelude::request_idle_callback(browser::remember_browser_zone);
}

/// The zone written into the page's `<meta>` (only the server renders it).
pub fn page_zone() -> String {
    #[cfg(feature = "ssr")]
    return crate::auth::viewer::request_zone();
    #[cfg(not(feature = "ssr"))]
    UTC.to_owned()
}

/// Wall-clock time of instant `ms` in `zone`.
pub fn local(ms: i64, zone: &str) -> Option<Local> {
    #[cfg(feature = "ssr")]
    return model::time::local(ms, zone);
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    return browser::local(ms, zone).or_else(|| Local::utc(ms));
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        let _ = zone;
        Local::utc(ms)
    }
}

/// `ms` written in `zone` with the page language's pattern.
pub fn local_text(i18n: I18n, ms: i64, zone: &str) -> String {
    let (pattern, months) = (
        t_string!(i18n, time.pattern).to_string(),
        t_string!(i18n, time.months).to_string(),
    );
    let (am, pm) = (
        t_string!(i18n, time.am).to_string(),
        t_string!(i18n, time.pm).to_string(),
    );
    let words = model::time::Words {
        pattern: &pattern,
        months: &months,
        am: &am,
        pm: &pm,
    };
    local(ms, zone).map_or_else(String::new, |l| model::time::fill(&l, &words))
}

/// A `<time>` element machines can read and people can read.
#[component]
pub fn Timestamp(ms: i64) -> impl IntoView {
    let i18n = use_i18n();
    let zone = use_zone();
    view! { <time datetime=iso(ms)>{move || local_text(i18n, ms, &zone.get())}</time> }
}

/// A length of time as days and hours, hours and minutes, or minutes.
pub fn span(i18n: I18n, ms: i64) -> String {
    let minutes = ms.abs() / 60_000;
    let (d, h, m) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    let (day, hour, min) = (
        t_string!(i18n, sla.day),
        t_string!(i18n, sla.hour),
        t_string!(i18n, sla.minute),
    );
    if d > 0 {
        format!("{d} {day} {h} {hour}")
    } else if h > 0 {
        format!("{h} {hour} {m} {min}")
    } else {
        format!("{m} {min}")
    }
}

/// How long before `now` instant `ms` was ("2 h 5 min ago"), with the
/// exact time on hover.
#[component]
pub fn RelativeTime(ms: i64, now: i64) -> impl IntoView {
    let i18n = use_i18n();
    let zone = use_zone();
    let exact = move || local_text(i18n, ms, &zone.get());
    let text = move || {
        if now - ms < 60_000 {
            tr!(i18n, time.just_now).into_any()
        } else {
            let time = move || span(i18n, now - ms);
            t!(i18n, time.ago, time).into_any()
        }
    };
    view! { <time datetime=iso(ms) title=exact>{text}</time> }
}

/// Now, in ms since the epoch.
pub fn now_ms() -> i64 {
    #[cfg(feature = "hydrate")]
    return js_sys::Date::now() as i64;
    #[cfg(not(feature = "hydrate"))]
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

/// The zone's current time, "14:05", for "their local time".
pub fn clock_in(now: i64, zone: &str) -> String {
    local(now, zone).map_or_else(String::new, |l| format!("{:02}:{:02}", l.hour, l.minute))
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::RefCell;

    use js_sys::{Array, Date, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    use super::{Local, UTC, ZONE_COOKIE, ZONE_META};

    thread_local! {
        // Making a formatter is slow; pages show one zone.
        static FORMAT: RefCell<Option<(String, js_sys::Intl::DateTimeFormat)>> =
            const { RefCell::new(None) };
    }

    pub fn page_zone() -> String {
        leptos::prelude::document()
            .query_selector(&format!("meta[name=\"{ZONE_META}\"]"))
            .ok()
            .flatten()
            .and_then(|m| m.get_attribute("content"))
            .unwrap_or_else(|| UTC.to_owned())
    }

    fn get(obj: &JsValue, key: &str) -> Option<JsValue> {
        Reflect::get(obj, &JsValue::from_str(key)).ok()
    }

    fn formatter(zone: &str) -> Option<js_sys::Intl::DateTimeFormat> {
        if let Some(f) = FORMAT.with_borrow(|c| {
            c.as_ref()
                .filter(|(z, _)| z == zone)
                .map(|(_, f)| f.clone())
        }) {
            return Some(f);
        }
        let opts = Object::new();
        for (k, v) in [
            ("timeZone", zone),
            ("hourCycle", "h23"),
            ("year", "numeric"),
            ("month", "numeric"),
            ("day", "numeric"),
            ("hour", "numeric"),
            ("minute", "numeric"),
        ] {
            Reflect::set(&opts, &JsValue::from_str(k), &JsValue::from_str(v)).ok()?;
        }
        let ctor = get(&get(&js_sys::global(), "Intl")?, "DateTimeFormat")?;
        let args = Array::of2(&JsValue::from_str("en-US"), &opts);
        // An unknown zone throws; constructed this way it is an `Err`.
        let made = Reflect::construct(ctor.unchecked_ref::<js_sys::Function>(), &args).ok()?;
        let f: js_sys::Intl::DateTimeFormat = made.unchecked_into();
        FORMAT.with_borrow_mut(|c| *c = Some((zone.to_owned(), f.clone())));
        Some(f)
    }

    pub fn local(ms: i64, zone: &str) -> Option<Local> {
        let parts = formatter(zone)?.format_to_parts(&Date::new(&JsValue::from_f64(ms as f64)));
        let mut t = Local {
            year: 0,
            month: 1,
            day: 1,
            hour: 0,
            minute: 0,
        };
        for part in parts.iter() {
            let kind = get(&part, "type")?.as_string()?;
            let value = get(&part, "value")?.as_string()?;
            match kind.as_str() {
                "year" => t.year = value.parse().ok()?,
                "month" => t.month = value.parse().ok()?,
                "day" => t.day = value.parse().ok()?,
                "hour" => t.hour = value.parse::<u32>().ok()? % 24,
                "minute" => t.minute = value.parse().ok()?,
                _ => {}
            }
        }
        Some(t)
    }

    /// Keeps the browser's zone in a cookie, so the next page the server
    /// renders for a visitor is in it.
    pub fn remember_browser_zone() {
        let f = js_sys::Intl::DateTimeFormat::new(&Array::new(), &Object::new());
        let Some(zone) = get(&f.resolved_options(), "timeZone").and_then(|z| z.as_string()) else {
            return;
        };
        let safe = zone
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/_-+".contains(&b));
        let Ok(doc) = leptos::prelude::document().dyn_into::<web_sys::HtmlDocument>() else {
            return;
        };
        let current = format!("{ZONE_COOKIE}={zone}");
        let has = doc
            .cookie()
            .is_ok_and(|c| c.split(';').any(|p| p.trim() == current));
        if safe && !has {
            let _ = doc.set_cookie(&format!(
                "{current}; Path=/; Max-Age=31536000; SameSite=Lax"
            ));
        }
    }
}

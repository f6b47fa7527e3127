//! Timestamps: stored as milliseconds since the Unix epoch (UTC) in a BIGINT
//! column, which SQLite and PostgreSQL both sort and compare natively.

use leptos::prelude::*;

pub use model::time::{format_utc, iso};

/// A `<time>` element machines can read and people can read.
#[component]
pub fn Timestamp(ms: i64) -> impl IntoView {
    view! { <time datetime=iso(ms)>{format_utc(ms)}</time> }
}

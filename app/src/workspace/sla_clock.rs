//! A case's service-level clock as staff read it: time left, overdue by
//! how much, or paused while the case waits on the customer. The server
//! computes the time left when it answers, so the page the server renders
//! and the one the browser hydrates say the same.

use leptos::prelude::*;

use super::{SlaClock, SlaState};
use crate::i18n::*;
use crate::time::span;
use crate::ui::labels::I18n;

/// What the clock's due time is for.
fn due_for(i18n: I18n, clock: SlaClock) -> String {
    match clock.first_response {
        true => t_string!(i18n, sla.first_response).to_string(),
        false => t_string!(i18n, sla.resolution).to_string(),
    }
}

/// The CSS class of a list row for `clock`'s state, if it is marked.
pub fn row_class(clock: Option<SlaClock>) -> &'static str {
    match clock.map(|c| c.state()) {
        Some(SlaState::Breached) => "sla-breached",
        Some(SlaState::Near) => "sla-near",
        _ => "",
    }
}

/// The clock's text; what it is due for on hover.
#[component]
pub fn SlaText(clock: Option<SlaClock>) -> impl IntoView {
    let i18n = use_i18n();
    clock.map(|c| {
        let title = move || due_for(i18n, c);
        let text = move || {
            let time = move || c.left_ms.map(|ms| span(i18n, ms)).unwrap_or_default();
            match c.state() {
                SlaState::Paused => tr!(i18n, sla.paused).into_any(),
                SlaState::Breached => t!(i18n, sla.overdue, time).into_any(),
                SlaState::Near | SlaState::OnTrack => t!(i18n, sla.left, time).into_any(),
            }
        };
        view! { <span class=format!("sla {}", row_class(Some(c))) title=title>{text}</span> }
    })
}

/// The case page's service-level box, for staff.
#[component]
pub fn SlaPanel(clock: SlaClock) -> impl IntoView {
    let i18n = use_i18n();
    let due_for = move || due_for(i18n, clock);
    view! {
        <section class="sla-panel" aria-labelledby="sla-heading">
            <h2 id="sla-heading">{tr!(i18n, sla.heading)}</h2>
            <p>{due_for} ": " <SlaText clock=Some(clock) /></p>
        </section>
    }
}

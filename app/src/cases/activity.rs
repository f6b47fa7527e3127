//! The Activity tab of a case: first and last activity, then every change
//! with who and when.

use leptos::prelude::*;
use leptos_router::components::A;

use super::case_types::CaseTypeName;
use super::{ActivityEntry, ActivityKind, CaseType};
use crate::i18n::*;
use crate::time::Timestamp;
use crate::ui::labels;
use crate::validate::Field;

#[component]
pub fn ActivityPanel(
    entries: Vec<ActivityEntry>,
    last_update: i64,
    for_staff: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let first = entries.first().map(|e| e.at);
    let lines = entries
        .into_iter()
        .map(|e| ActivityLine(e, for_staff))
        .collect_view();
    view! {
        <section aria-labelledby="activity-heading" class="activity">
            <h2 id="activity-heading">{tr!(i18n, cases.activity)}</h2>
            <dl class="activity-span">
                <dt>{tr!(i18n, cases.first_activity)}</dt>
                <dd>{first.map(|ms| view! { <Timestamp ms /> })}</dd>
                <dt>{tr!(i18n, cases.last_activity)}</dt>
                <dd><Timestamp ms=last_update /></dd>
            </dl>
            <ol>{lines}</ol>
        </section>
    }
}

#[allow(non_snake_case)]
fn ActivityLine(e: ActivityEntry, for_staff: bool) -> impl IntoView {
    let i18n = use_i18n();
    let who = e.actor;
    let who = move || {
        who.clone()
            .unwrap_or_else(|| t_string!(i18n, cases.system).to_string())
    };
    let what = match e.kind {
        ActivityKind::Opened(_) => view! { {tr!(i18n, cases.opened)} }.into_any(),
        ActivityKind::Status { from, to } => {
            let text = move || {
                format!(
                    "{} → {}",
                    labels::status(i18n, from, for_staff),
                    labels::status(i18n, to, for_staff)
                )
            };
            text.into_any()
        }
        ActivityKind::Field { field, old, new } if field == Field::CaseType => {
            let name = move |raw: &str| match CaseType::parse(raw) {
                Some(key) => view! { <CaseTypeName key /> }.into_any(),
                None => raw.to_owned().into_any(),
            };
            view! {
                {move || labels::field_name(i18n, field)} ": " {name(&old)} " → " {name(&new)}
            }
            .into_any()
        }
        ActivityKind::Field { field, old, new } => {
            let text = move || {
                format!(
                    "{}: {} → {}",
                    labels::field_name(i18n, field),
                    labels::field_value(i18n, field, &old),
                    labels::field_value(i18n, field, &new)
                )
            };
            text.into_any()
        }
        ActivityKind::MergedInto(n) => view! {
            {tr!(i18n, cases.merged_into)} " " <A href=format!("/cases/{n}")>{format!("#{n}")}</A>
        }
        .into_any(),
        ActivityKind::Assigned { from, to } => {
            let nobody = move || t_string!(i18n, workspace.nobody).to_string();
            let text = move || {
                format!(
                    "{}: {} → {}",
                    t_string!(i18n, workspace.assigned_log),
                    from.clone().unwrap_or_else(nobody),
                    to.clone().unwrap_or_else(nobody)
                )
            };
            text.into_any()
        }
        ActivityKind::Department { from, to } => {
            let none = move || t_string!(i18n, workspace.no_department).to_string();
            let text = move || {
                format!(
                    "{}: {} → {}",
                    t_string!(i18n, workspace.department_log),
                    from.clone().unwrap_or_else(none),
                    to.clone().unwrap_or_else(none)
                )
            };
            text.into_any()
        }
        ActivityKind::MergedFrom(n) => view! {
            {tr!(i18n, cases.merged_from)} " " <A href=format!("/cases/{n}")>{format!("#{n}")}</A>
        }
        .into_any(),
    };
    view! {
        <li>
            <Timestamp ms=e.at />
            " · "
            {who}
            " · "
            {what}
        </li>
    }
}

//! The case list's cells only staff see: the checkbox for changes to many
//! cases, the requester, the assignee, the time left and how long ago the
//! case changed. The staff list provides them to the table it shares with
//! "My cases" (`cases::expand`), which then carries none of this code.

use leptos::prelude::*;

use super::bulk_bar::Picked;
use super::sla_clock::{row_class, SlaText};
use crate::cases::expand::StaffColumns;
use crate::cases::CaseSummary;
use crate::i18n::*;
use crate::time::RelativeTime;

/// Gives the case tables below the staff columns.
pub fn provide_staff_columns() {
    provide_context(StaffColumns {
        row_class: |c| row_class(c.sla),
        pick,
        after_subject: requester,
        after_status,
    });
}

/// The row's checkbox (the staff list provides [`Picked`] with these columns).
fn pick(number: i64) -> AnyView {
    let i18n = use_i18n();
    let picked = expect_context::<Picked>();
    let label = move || format!("{} {number}", t_string!(i18n, workspace.select_case));
    let on = move || picked.all.get() || picked.numbers.read().contains(&number);
    view! {
        <td>
            <input type="checkbox" aria-label=label prop:checked=on
                on:change=move |e| picked.toggle(number, event_target_checked(&e)) />
        </td>
    }
    .into_any()
}

fn requester(c: &CaseSummary) -> AnyView {
    let (email, title) = (c.requester.clone(), c.requester.clone());
    view! { <td class="requester" title=title>{email}</td> }.into_any()
}

fn after_status(c: &CaseSummary, now: i64) -> AnyView {
    let i18n = use_i18n();
    let name = c.assignee.clone();
    view! {
        <td>{move || name.clone().unwrap_or_else(|| t_string!(i18n, workspace.nobody).to_string())}</td>
        <td><SlaText clock=c.sla /></td>
        <td><RelativeTime ms=c.updated_at now /></td>
    }
    .into_any()
}

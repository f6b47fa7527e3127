//! The admins' outbox: every mail queued, sent or given up, newest first,
//! with the last error of those that could not be sent.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use model::mail::{MailStatus, OutboxEntry};

use super::api::outbox;
use crate::i18n::*;
use crate::time::Timestamp;
use crate::ui::forms::ErrorNotice;
use crate::ui::labels::I18n;
use crate::ui::title::PageTitle;

fn status_label(i18n: I18n, s: MailStatus) -> String {
    match s {
        MailStatus::Queued => t_string!(i18n, mail.status_queued),
        MailStatus::Sent => t_string!(i18n, mail.status_sent),
        MailStatus::Failed => t_string!(i18n, mail.status_failed),
    }
    .to_string()
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let q = use_query_map();
    let status = move || q.read().get("status");
    let mails = crate::ui::data::resource(status, outbox);
    let filters = MailStatus::ALL
        .into_iter()
        .map(|s| {
            view! { <A href=format!("/staff/outbox?status={}", s.as_str())>{move || status_label(i18n, s)}</A> }
        })
        .collect_view();
    view! {
        <PageTitle text=move || t_string!(i18n, mail.outbox).to_string() />
        <p><A href="/staff">{tr!(i18n, staff.back_to_list)}</A></p>
        <h1>{tr!(i18n, mail.outbox)}</h1>
        <p>{tr!(i18n, mail.outbox_intro)}</p>
        <nav class="actions" aria-label=tr!(i18n, mail.outbox_filter)>
            <A href="/staff/outbox">{tr!(i18n, mail.all)}</A>
            {filters}
        </nav>
        <Transition>
            {move || Suspend::new(async move {
                match mails.await {
                    Ok(list) if list.is_empty() => {
                        view! { <p class="empty">{tr!(i18n, mail.outbox_empty)}</p> }.into_any()
                    }
                    Ok(list) => view! { <MailTable list /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn MailTable(list: Vec<OutboxEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = list
        .into_iter()
        .map(|m| {
            let status = m.status;
            view! {
                <tr class:failed=status == MailStatus::Failed>
                    <td><Timestamp ms=m.created_at /></td>
                    <td>{m.recipient}</td>
                    <td>{m.subject}</td>
                    <td>{m.case_number.map(|n| view! { <A href=format!("/cases/{n}")>{n}</A> })}</td>
                    <td>{move || status_label(i18n, status)}</td>
                    <td>{m.attempts}</td>
                    <td>{m.last_error}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="cases outbox">
            <thead>
                <tr>
                    <th scope="col">{tr!(i18n, cases.created)}</th>
                    <th scope="col">{tr!(i18n, mail.recipient)}</th>
                    <th scope="col">{tr!(i18n, cases.subject)}</th>
                    <th scope="col">{tr!(i18n, cases.number)}</th>
                    <th scope="col">{tr!(i18n, cases.status)}</th>
                    <th scope="col">{tr!(i18n, mail.attempts)}</th>
                    <th scope="col">{tr!(i18n, mail.last_error)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

//! The chat console on a chat's case page (staff): the chat's state and
//! the visitor writing, "Accept chat" / "End chat", who the visitor is
//! (email, account, past cases), the agent's other chats to switch to,
//! and handing the chat to another agent or department. Answers go
//! through the page's reply box, with its canned responses: the chat is
//! the case. Loaded in the browser only, like the presence bar beside it.

use leptos::prelude::*;
use leptos_router::components::A;

use super::staff_api::{accept_chat, chat_of_case, end_chat, TransferChat};
use super::{ChatRow, ChatState, PastCase, Transfer};
use crate::i18n::*;
use crate::time::Timestamp;
use crate::ui::forms::{last_error, FormError};
use crate::ui::labels;
use crate::workspace::api::staff_directory;
use crate::workspace::live::use_live;

/// `others`: the chats not ended, followed by the page (shared with its
/// new-chat alert), to switch between the agent's chats.
#[component]
pub fn ChatBar(number: i64, others: Signal<Option<Vec<ChatRow>>>) -> impl IntoView {
    let i18n = use_i18n();
    let live = use_live();
    let accept = Action::new(|n: &i64| accept_chat(*n));
    let end = Action::new(|n: &i64| end_chat(*n));
    let transfer = ServerAction::<TransferChat>::new();
    let changed = live.case(move || Some(number));
    let chat = LocalResource::new(move || {
        changed.track();
        accept.version().track();
        end.version().track();
        transfer.version().track();
        chat_of_case(number)
    });
    let errors = [
        last_error(accept.value()),
        last_error(end.value()),
        last_error(transfer.value()),
    ];
    let bar = move || {
        let row = chat.get()?.ok().flatten()?;
        let state = match (row.state, row.agent.clone()) {
            (ChatState::Waiting, _) => tr!(i18n, chat.state_waiting).into_any(),
            (ChatState::Ended, _) => tr!(i18n, chat.state_ended).into_any(),
            (_, Some(agent)) => t!(i18n, chat.state_with, agent).into_any(),
            _ => tr!(i18n, chat.state_active).into_any(),
        };
        let name = row.visitor_name.clone();
        let open = row.state != ChatState::Ended;
        Some(view! {
            <section class="chat-bar notice" aria-labelledby="chat-bar-heading">
                <h2 id="chat-bar-heading">{tr!(i18n, chat.chat_heading)}</h2>
                <p>{state}</p>
                {row.visitor_typing.then(|| view! {
                    <p class="typing" role="status">{t!(i18n, chat.is_typing, agent = move || name.clone())}</p>
                })}
                {(row.state == ChatState::Waiting).then(|| view! {
                    <button type="button" class="primary" on:click=move |_| { accept.dispatch(number); }>
                        {tr!(i18n, chat.accept_chat)}
                    </button>
                })}
                {(row.state == ChatState::Active).then(|| view! {
                    <button type="button" on:click=move |_| { end.dispatch(number); }>
                        {tr!(i18n, chat.end)}
                    </button>
                })}
                <VisitorCard row=row.clone() />
                {open.then(|| view! { <TransferForm number action=transfer /> })}
                {move || others.get().map(|rows| view! { <OtherChats rows number /> })}
            </section>
        })
    };
    view! {
        {bar}
        {errors.map(|error| view! { <FormError error /> })}
    }
}

/// Who the visitor is: name, email, whether they have an account, and
/// their other cases.
#[component]
fn VisitorCard(row: ChatRow) -> impl IntoView {
    let i18n = use_i18n();
    let email = row
        .visitor_email
        .clone()
        .unwrap_or_else(|| t_string!(i18n, chat.no_email).to_string());
    let account = if row.account {
        tr!(i18n, chat.has_account).into_any()
    } else {
        tr!(i18n, chat.no_account).into_any()
    };
    let past = if row.past.is_empty() {
        view! { <p>{tr!(i18n, chat.no_past)}</p> }.into_any()
    } else {
        view! {
            <ul>{row.past.into_iter().map(|case| view! { <PastRow case /> }).collect_view()}</ul>
        }
        .into_any()
    };
    view! {
        <h3>{tr!(i18n, chat.visitor)}</h3>
        <dl class="chat-visitor">
            <dt>{tr!(i18n, chat.visitor_name)}</dt><dd>{row.visitor_name}</dd>
            <dt>{tr!(i18n, chat.visitor_email)}</dt><dd>{email}</dd>
            <dt>{tr!(i18n, chat.account)}</dt><dd>{account}</dd>
            {row.department.map(|d| view! { <dt>{tr!(i18n, chat.department)}</dt><dd>{d}</dd> })}
        </dl>
        <h3>{tr!(i18n, chat.past_cases)}</h3>
        {past}
    }
}

#[component]
fn PastRow(case: PastCase) -> impl IntoView {
    let i18n = use_i18n();
    let status = labels::status(i18n, case.status, true);
    view! {
        <li>
            <A href=format!("/cases/{}", case.number)>{format!("#{} {}", case.number, case.subject)}</A>
            " · " {status} " · " <Timestamp ms=case.created_at />
        </li>
    }
}

/// "Transfer to": an agent, or a department (the chat waits there again).
#[component]
fn TransferForm(number: i64, action: ServerAction<TransferChat>) -> impl IntoView {
    let i18n = use_i18n();
    let directory = LocalResource::new(staff_directory);
    let options = move || {
        let directory = directory.get()?.ok()?;
        let agents = directory
            .agents
            .into_iter()
            .map(|a| view! { <option value=Transfer::Agent(a.id).encode()>{a.name}</option> })
            .collect_view();
        let departments = directory
            .departments
            .into_iter()
            .map(|d| view! { <option value=Transfer::Department(d.id).encode()>{d.name}</option> })
            .collect_view();
        Some(view! {
            <optgroup label=tr!(i18n, chat.agents)>{agents}</optgroup>
            <optgroup label=tr!(i18n, chat.departments)>{departments}</optgroup>
        })
    };
    let done = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <ActionForm action attr:class="inline chat-transfer">
            <input type="hidden" name="number" value=number />
            <label for="chat-transfer">{tr!(i18n, chat.transfer_to)}</label> " "
            <select id="chat-transfer" name="to" required>{options}</select> " "
            <button type="submit">{tr!(i18n, chat.transfer)}</button>
        </ActionForm>
        <Show when=done>
            <p role="status">{tr!(i18n, chat.transferred)}</p>
        </Show>
    }
}

/// The agent's other chats under way, those awaiting an answer marked.
#[component]
fn OtherChats(rows: Vec<ChatRow>, number: i64) -> impl IntoView {
    let i18n = use_i18n();
    let mine: Vec<ChatRow> = rows
        .into_iter()
        .filter(|r| r.mine && r.number != number && r.state == ChatState::Active)
        .collect();
    (!mine.is_empty()).then(|| {
        view! {
            <nav aria-label=tr!(i18n, chat.your_chats)>
                <h3>{tr!(i18n, chat.your_chats)}</h3>
                <ul class="chat-switch">
                    {mine.into_iter().map(|r| view! {
                        <li>
                            <A href=format!("/cases/{}", r.number)>{format!("#{} {}", r.number, r.visitor_name)}</A>
                            {r.unanswered.then(|| view! { " " <strong class="badge">{tr!(i18n, chat.new_message)}</strong> })}
                        </li>
                    }).collect_view()}
                </ul>
            </nav>
        }
    })
}

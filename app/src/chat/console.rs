//! The agents' "Chats" view: the availability switch, the chats waiting
//! (oldest first), then those under way, each agent's own marked when the
//! visitor awaits an answer. A new waiting chat shows in the tab title and
//! chimes for an available agent. Accepting opens the chat's case page,
//! where the chat bar ([`super::chat_bar`]) is the console.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::staff_api::{accept_chat, chat_available, open_chats, SetChatAvailable};
use super::{ChatRow, ChatState};
use crate::i18n::*;
use crate::time::Timestamp;
use crate::ui::forms::{last_error, ErrorNotice, FormError};
use crate::ui::title::PageTitle;
use crate::workspace::live::use_live;

#[component]
pub fn ChatsPage() -> impl IntoView {
    let i18n = use_i18n();
    let live = use_live();
    let toggle = ServerAction::<SetChatAvailable>::new();
    let available = crate::ui::data::resource(move || toggle.version().get(), |_| chat_available());
    let chats = crate::ui::data::resource(move || live.any().get(), |_| open_chats());
    // Accepted: on to the chat's case page to answer.
    let accept = Action::new(|n: &i64| {
        let n = *n;
        async move { accept_chat(n).await.map(|()| n) }
    });
    let accept_error = last_error(accept.value());
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(n)) = accept.value().get() {
            navigate(&format!("/cases/{n}"), Default::default());
        }
    });
    let title = move || t_string!(i18n, chat.chats).to_string();
    let switch = move || {
        Suspend::new(async move {
            let on = available.await.unwrap_or(false);
            view! {
                <ActionForm action=toggle attr:class="inline">
                    <input type="hidden" name="available" value=if on { "false" } else { "true" } />
                    <p>
                        {if on { tr!(i18n, chat.you_available).into_any() } else { tr!(i18n, chat.you_away).into_any() }}
                        " "
                        <button type="submit">
                            {if on { tr!(i18n, chat.go_away).into_any() } else { tr!(i18n, chat.go_available).into_any() }}
                        </button>
                    </p>
                </ActionForm>
            }
        })
    };
    let list = move || {
        Suspend::new(async move {
            match chats.await {
                Ok(rows) if rows.is_empty() => view! { <p>{tr!(i18n, chat.none_open)}</p> }.into_any(),
                Ok(rows) => view! {
                    <ul class="chat-queue">
                        {rows.into_iter().map(|row| view! { <QueueRow row accept /> }).collect_view()}
                    </ul>
                }
                .into_any(),
                Err(error) => view! { <ErrorNotice error /> }.into_any(),
            }
        })
    };
    view! {
        <PageTitle text=title />
        <super::alert::ChatAlert chats=Signal::derive(move || chats.get().and_then(Result::ok)) />
        <p class="back"><A href="/staff">{tr!(i18n, staff.back_to_list)}</A></p>
        <h1>{tr!(i18n, chat.chats)}</h1>
        <Transition>{switch}</Transition>
        <FormError error=accept_error />
        <Transition>{list}</Transition>
    }
}

#[component]
fn QueueRow(
    row: ChatRow,
    accept: Action<i64, Result<i64, crate::error::AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let number = row.number;
    let who = match &row.visitor_email {
        Some(email) => format!("{} <{email}>", row.visitor_name),
        None => row.visitor_name.clone(),
    };
    let label = format!("{} {number}", t_string!(i18n, chat.accept));
    let state = match (row.state, row.agent.clone()) {
        (ChatState::Waiting, _) => tr!(i18n, chat.state_waiting).into_any(),
        (_, Some(agent)) => t!(i18n, chat.state_with, agent).into_any(),
        _ => tr!(i18n, chat.state_active).into_any(),
    };
    view! {
        <li class="chat-row">
            <A href=format!("/cases/{number}")>{format!("#{number}")}</A>
            " " <strong>{who}</strong> " "
            <span>{state}</span> " "
            <Timestamp ms=row.started_at />
            {row.department.map(|d| view! { " " <span>{d}</span> })}
            {row.visitor_typing.then(|| view! { " " <em>{tr!(i18n, chat.visitor_typing)}</em> })}
            {(row.mine && row.unanswered).then(|| view! { " " <strong class="badge">{tr!(i18n, chat.new_message)}</strong> })}
            {(row.state == ChatState::Waiting).then(|| view! {
                " "
                <button type="button" class="primary" aria-label=label
                    on:click=move |_| { accept.dispatch(number); }>
                    {tr!(i18n, chat.accept)}
                </button>
            })}
        </li>
    }
}

//! The visitor's chat (PRODUCT.md §4, "Chat"): a name or an email and the
//! first message start it, and its case number shows at once. Messages go
//! both ways live (the page hears its chat's changes); a reload or another
//! page keeps the conversation (the cookie), and messages written while
//! the connection is down are sent, in order, once it is back.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::visitor_api::{
    chat_lines, chat_typing, email_transcript, end_my_chat, my_chat, send_chat, StartChat,
};
use super::{ChatState, ChatView, HELP_PAGE};
use crate::auth::context::use_auth;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::forms::{invalid, last_error, ErrorNotice, FieldError, FormError};
use crate::ui::labels::I18n;
use crate::ui::title::PageTitle;
use crate::validate::{Field, EMAIL_MAX, MESSAGE_MAX, NAME_MAX};
use crate::workspace::live::use_live;

#[component]
pub fn ChatPage() -> impl IntoView {
    let i18n = use_i18n();
    let live = use_live();
    let start = ServerAction::<StartChat>::new();
    // After an ended chat, "Start a new chat" shows the form again.
    let fresh = RwSignal::new(false);
    let mine = crate::ui::data::resource(
        move || (start.version().get(), live.any().get()),
        |_| my_chat(),
    );
    Effect::new(move |_| {
        if start.version().get() > 0 {
            fresh.set(false);
        }
    });
    // Hear this chat's changes while the page shows one (the stream takes
    // a visitor once the chat's cookie is set).
    Effect::new(move |_| live.set_chatting(matches!(mine.get(), Some(Ok(Some(_))))));
    on_cleanup(move || live.set_chatting(false));
    // Kept here, above the conversation that each change redraws: the
    // messages, those still being sent, and the one being written.
    let lines = crate::ui::data::resource(
        move || (start.version().get(), live.any().get()),
        |_| async {
            match chat_lines(0).await {
                Err(AppError::NotFound) => Ok(Vec::new()),
                other => other,
            }
        },
    );
    let outbox = Outbox::new(lines);
    let draft = RwSignal::new(String::new());
    view! {
        <PageTitle text=move || t_string!(i18n, chat.title).to_string() />
        <h1>{tr!(i18n, chat.title)}</h1>
        <Transition>
            {move || Suspend::new(async move {
                match mine.await {
                    Ok(Some(chat)) if !fresh.get() => {
                        view! { <Conversation chat fresh lines outbox draft /> }.into_any()
                    }
                    Ok(_) => view! { <StartForm start /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// Name or email, and the first message. A signed-in customer's are
/// filled in.
#[component]
fn StartForm(start: ServerAction<StartChat>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let error = last_error(start.value());
    let fields = move || {
        Suspend::new(async move {
            let me = auth.user.await.ok().flatten();
            let (name, email) = me.map(|u| (u.name, u.email)).unwrap_or_default();
            view! {
                <label for="chat-name">{tr!(i18n, chat.your_name)}</label>
                <input id="chat-name" name="name" maxlength=NAME_MAX value=name autocomplete="name"
                    aria-describedby="chat-name-error" aria-invalid=invalid(error, Field::Name) />
                <FieldError id="chat-name-error" field=Field::Name error />
                <label for="chat-email">{tr!(i18n, chat.your_email)}</label>
                <input id="chat-email" name="email" type="email" maxlength=EMAIL_MAX value=email
                    autocomplete="email" aria-describedby="chat-email-hint chat-email-error"
                    aria-invalid=invalid(error, Field::Email) />
                <p class="hint" id="chat-email-hint">{tr!(i18n, chat.email_hint)}</p>
                <FieldError id="chat-email-error" field=Field::Email error />
            }
        })
    };
    view! {
        <p>{tr!(i18n, chat.intro)}</p>
        <ActionForm action=start attr:class="case-form">
            <Transition>{fields}</Transition>
            <label for="chat-first">{tr!(i18n, chat.message)}</label>
            <textarea id="chat-first" name="message" rows="4" required maxlength=MESSAGE_MAX
                aria-describedby="chat-first-error" aria-invalid=invalid(error, Field::Message)></textarea>
            <FieldError id="chat-first-error" field=Field::Message error />
            <FormError error />
            <div class="actions">
                <button type="submit" class="primary">{tr!(i18n, chat.start)}</button>
            </div>
        </ActionForm>
    }
}

/// The chat's state in words.
fn state_text(i18n: I18n, chat: &ChatView) -> AnyView {
    match (chat.state, chat.agent.clone()) {
        (ChatState::Ended, _) => tr!(i18n, chat.ended).into_any(),
        (ChatState::Active, Some(agent)) => t!(i18n, chat.with_agent, agent).into_any(),
        _ => tr!(i18n, chat.waiting).into_any(),
    }
}

type Lines = crate::ui::data::Data<Result<Vec<super::ChatLine>, AppError>>;

#[component]
fn Conversation(
    chat: ChatView,
    fresh: RwSignal<bool>,
    lines: Lines,
    outbox: Outbox,
    draft: RwSignal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let number = chat.number;
    let ended = chat.state == ChatState::Ended;
    let transcript = Action::new(|_: &()| email_transcript());
    let end = Action::new(|_: &()| end_my_chat());
    let transcript_sent = move || matches!(transcript.value().get(), Some(Ok(())));
    let end_error = last_error(end.value());
    let typing_agent = chat.agent.clone().filter(|_| chat.agent_typing && !ended);
    let list = move || {
        Suspend::new(async move {
            match lines.await {
                Ok(lines) => lines
                    .into_iter()
                    .map(|l| {
                        let class = if l.from_staff {
                            "chat-line staff"
                        } else {
                            "chat-line visitor"
                        };
                        view! {
                            <li class=class>
                                <strong>{l.author}</strong>
                                <p>{l.body}</p>
                            </li>
                        }
                    })
                    .collect_view()
                    .into_any(),
                Err(error) => view! { <li><ErrorNotice error /></li> }.into_any(),
            }
        })
    };
    let pending = move || {
        outbox
            .waiting
            .get()
            .into_iter()
            .map(|text| view! { <li class="chat-line visitor pending"><p>{text}</p><em>{tr!(i18n, chat.sending)}</em></li> })
            .collect_view()
    };
    view! {
        <div class="chat">
            <p class="notice" role="status">
                <strong>{t!(i18n, chat.case_number, number)}</strong>
                " "
                {state_text(i18n, &chat)}
            </p>
            {chat.offer_form.then(|| view! {
                <p class="notice">
                    {tr!(i18n, chat.no_agent)} " "
                    <A href=HELP_PAGE>{tr!(i18n, chat.leave_message)}</A>
                </p>
            })}
            <ol class="chat-log" role="log" aria-label=tr!(i18n, chat.conversation)>
                <Transition>{list}</Transition>
                {pending}
            </ol>
            {typing_agent.map(|agent| view! { <p class="typing" role="status">{t!(i18n, chat.is_typing, agent)}</p> })}
            {(!ended).then(|| view! { <SendBox outbox text=draft /> })}
            <FormError error=outbox.error.into() />
            <div class="actions">
                {chat.has_email.then(|| view! {
                    <button type="button" on:click=move |_| { transcript.dispatch(()); }>
                        {tr!(i18n, chat.email_transcript)}
                    </button>
                })}
                {(!ended).then(|| view! {
                    <button type="button" on:click=move |_| { end.dispatch(()); }>
                        {tr!(i18n, chat.end)}
                    </button>
                })}
                {ended.then(|| view! {
                    <button type="button" class="primary" on:click=move |_| fresh.set(true)>
                        {tr!(i18n, chat.new_chat)}
                    </button>
                })}
            </div>
            <Show when=transcript_sent>
                <p class="notice success" role="status">{tr!(i18n, chat.transcript_sent)}</p>
            </Show>
            <FormError error=end_error />
        </div>
    }
}

/// Messages the visitor wrote that the server has not taken yet: sent one
/// at a time, in order; a dropped connection keeps them and tries again.
#[derive(Clone, Copy)]
struct Outbox {
    waiting: RwSignal<Vec<String>>,
    busy: StoredValue<bool>,
    error: RwSignal<Option<AppError>>,
    lines: Lines,
}

impl Outbox {
    fn new(lines: Lines) -> Self {
        Self {
            waiting: RwSignal::new(Vec::new()),
            busy: StoredValue::new(false),
            error: RwSignal::new(None),
            lines,
        }
    }

    fn push(self, text: String) {
        self.waiting.update(|w| w.push(text));
        self.flush();
    }

    fn flush(self) {
        if self.busy.get_value() {
            return;
        }
        let Some(next) = self.waiting.with_untracked(|w| w.first().cloned()) else {
            return;
        };
        self.busy.set_value(true);
        spawn_local(async move {
            let sent = send_chat(next).await;
            self.busy.set_value(false);
            match sent {
                // Offline: the same message again in a moment.
                Err(AppError::Network) => {
                    self.error.set(Some(AppError::Network));
                    set_timeout(move || self.flush(), std::time::Duration::from_secs(2));
                    return;
                }
                Ok(()) => {
                    self.error.set(None);
                    self.lines.refetch();
                }
                Err(err) => self.error.set(Some(err)),
            }
            self.waiting.update(|w| {
                w.remove(0);
            });
            self.flush();
        });
    }
}

#[component]
fn SendBox(outbox: Outbox, text: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    // "Typing" at most every few seconds.
    let last_typing = StoredValue::new(0.0_f64);
    let on_input = move |ev| {
        text.set(event_target_value(&ev));
        let now = web_sys::js_sys::Date::now();
        if now - last_typing.get_value() > 3_000.0 {
            last_typing.set_value(now);
            spawn_local(async move {
                let _ = chat_typing().await;
            });
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let message = text.get_untracked();
        if message.trim().is_empty() {
            return;
        }
        text.set(String::new());
        outbox.push(message);
    };
    view! {
        <form class="chat-send" on:submit=submit>
            <label for="chat-message">{tr!(i18n, chat.message)}</label>
            <textarea id="chat-message" rows="3" maxlength=MESSAGE_MAX prop:value=text
                on:input=on_input></textarea>
            <button type="submit" class="primary">{tr!(i18n, chat.send_message)}</button>
        </form>
    }
}

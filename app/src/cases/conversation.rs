//! The conversation of a case and the reply box, shared by the case page and
//! the list's expanded rows.

use leptos::prelude::*;

use super::api::ReplyToCase;
use super::Message;
use crate::i18n::*;
use crate::time::Timestamp;
use crate::ui::forms::{invalid, last_error, FieldError, FormError};
use crate::validate::{Field, MESSAGE_MAX};

/// Every message, oldest first, each with its date and time.
#[component]
pub fn Conversation(messages: Vec<Message>) -> impl IntoView {
    let items = messages.into_iter().map(MessageView).collect_view();
    view! { <ol class="conversation">{items}</ol> }
}

#[allow(non_snake_case)]
fn MessageView(m: Message) -> impl IntoView {
    let i18n = use_i18n();
    let system = m.author.is_none();
    let author = m.author;
    let author = move || {
        author
            .clone()
            .unwrap_or_else(|| t_string!(i18n, cases.automatic_answer).to_string())
    };
    view! {
        <li class="message" class:staff=m.from_staff class:system=system>
            <header>
                <strong>{author}</strong>
                {(m.from_staff && !system)
                    .then(|| view! { " " <span class="badge">{t!(i18n, cases.support_team)}</span> })}
                " · "
                <Timestamp ms=m.created_at />
            </header>
            <p class="body">{m.body}</p>
        </li>
    }
}

/// The reply box. `id` keeps labels unique when several cases are open on
/// one page (the list's expanded rows).
#[component]
pub fn ReplyForm(number: i64, reply: ServerAction<ReplyToCase>, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(reply.value());
    let sent = move || matches!(reply.value().get(), Some(Ok(())));
    let error_id = format!("{id}-error");
    view! {
        <ActionForm action=reply attr:class="reply-form">
            <input type="hidden" name="number" value=number />
            <label for=id.clone()>{t!(i18n, cases.your_reply)}</label>
            <textarea id=id name="body" rows="5" required maxlength=MESSAGE_MAX
                aria-describedby=error_id.clone() aria-invalid=invalid(error, Field::Message)></textarea>
            <FieldError id=error_id field=Field::Message error />
            <FormError error />
            <p class="notice success" role="status" hidden=move || !sent()>{t!(i18n, cases.replied)}</p>
            <button type="submit" class="primary">{t!(i18n, cases.reply)}</button>
        </ActionForm>
    }
}

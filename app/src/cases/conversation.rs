//! The conversation of a case and the reply box, shared by the case page and
//! the list's expanded rows.

use leptos::prelude::*;

use super::Message;
use crate::files::picker::{FilePicker, Upload};
use crate::files::view::AttachmentList;
use crate::i18n::*;
use crate::time::Timestamp;
use crate::ui::forms::{invalid, FieldError, FormError};
use crate::validate::{Field, MESSAGE_MAX};
use crate::workspace::canned_picker::CannedPicker;

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
    // Mail that staff alone see because its sender is neither the requester
    // nor in CC.
    let unknown = m.internal && !m.from_staff && m.mail.is_some();
    let badge = if unknown {
        Some(
            view! { " " <span class="badge warn">{tr!(i18n, cases.unknown_sender)}</span> }
                .into_any(),
        )
    } else if m.internal {
        Some(
            view! { " " <span class="badge note">{tr!(i18n, cases.internal_note)}</span> }
                .into_any(),
        )
    } else if m.from_staff && !system {
        Some(view! { " " <span class="badge">{tr!(i18n, cases.support_team)}</span> }.into_any())
    } else {
        None
    };
    let original = m.mail.map(|id| {
        view! {
            " · " {tr!(i18n, cases.by_email)} " · "
            <a href=format!("/files/mail/{id}") download>{tr!(i18n, cases.original_mail)}</a>
        }
    });
    view! {
        <li class="message" class:staff=m.from_staff class:system=system class:note=m.internal>
            <header>
                {m.photo.map(|src| view! { <img class="avatar" src=src alt="" width="28" height="28" /> })}
                <strong>{author}</strong>
                {badge}
                " · "
                <Timestamp ms=m.created_at />
                {original}
            </header>
            {(!m.body.is_empty()).then(|| view! { <p class="body">{m.body}</p> })}
            {(!m.attachments.is_empty()).then(|| view! { <AttachmentList files=m.attachments /> })}
        </li>
    }
    .into_any()
}

/// The reply box, with files. `id` keeps labels unique when several cases
/// are open on one page (the list's expanded rows); `on_sent` reloads the
/// case, and `sent` (owned by the page, as the reload renders this form
/// anew) shows the confirmation. Without JavaScript it is a plain multipart
/// form post. Staff choose whether the reply also goes by email (on unless
/// unticked; off for a chat, whose visitor reads it in the chat).
#[component]
pub fn ReplyForm(
    number: i64,
    id: String,
    on_sent: Callback<()>,
    sent: RwSignal<bool>,
    #[prop(optional)] staff: bool,
    /// Where the text is kept across reloads of the page (case page).
    #[prop(optional)]
    draft: Option<RwSignal<String>>,
    /// Staff: asks before sending when a newer message came in since the
    /// writing began.
    #[prop(optional_no_strip)]
    guard: Option<ReplyGuard>,
    /// A chat's answers are read in the chat: not mailed unless ticked.
    #[prop(optional)]
    chat: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let upload = Upload::new();
    let draft = draft.unwrap_or_else(|| RwSignal::new(String::new()));
    let error = upload.error();
    let error_id = format!("{id}-error");
    let files_id = format!("{id}-files");
    let email_id = format!("{id}-email");
    let note_id = format!("{id}-note");
    let canned_id = format!("{id}-canned");
    let picker = NodeRef::<leptos::html::Input>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        if guard.is_some_and(|g| !g.may_send(i18n)) {
            ev.prevent_default();
            return;
        }
        sent.set(false);
        upload.submit(ev, move |_| {
            draft.set(String::new());
            if let Some(g) = guard {
                g.base.set(None);
            }
            sent.set(true);
            on_sent.run(());
        })
    };
    let after = view! {
        <p class="notice success" role="status" hidden=move || !sent.get()>{tr!(i18n, cases.replied)}</p>
        <button type="submit" class="primary" disabled=move || upload.sending.get()>
            {move || if upload.sending.get() { t_string!(i18n, files.sending) } else { t_string!(i18n, cases.reply) }}
        </button>
    }
    .into_any();
    view! {
        <form method="post" enctype="multipart/form-data" action=format!("/upload/cases/{number}")
            class="reply-form" on:submit=submit
            aria-label=tr!(i18n, cases.reply)>
            <label for=id.clone()>{tr!(i18n, cases.your_reply)}</label>
            <textarea id=id name="body" rows="5" maxlength=MESSAGE_MAX
                prop:value=move || draft.get()
                on:input=move |e| {
                    let text = event_target_value(&e);
                    // "/" in an empty box: find a canned response.
                    if staff && text == "/" {
                        draft.set(String::new());
                        if let Some(input) = picker.get() {
                            let _ = input.focus();
                        }
                        return;
                    }
                    if let Some(g) = guard {
                        g.writing(!text.trim().is_empty());
                    }
                    draft.set(text);
                }
                aria-describedby=error_id.clone() aria-invalid=invalid(error, Field::Message)></textarea>
            <FieldError id=error_id field=Field::Message error />
            <FilePicker id=files_id upload />
            {staff.then(|| view! {
                <CannedPicker number draft input=picker id=canned_id.clone() />
                <label class="check" for=email_id.clone()>
                    <input type="checkbox" id=email_id.clone() name="email" value="1" checked=!chat />
                    {tr!(i18n, mail.email_reply)}
                </label>
                <label class="check" for=note_id.clone()>
                    <input type="checkbox" id=note_id.clone() name="note" value="1" />
                    {tr!(i18n, workspace.note_toggle)}
                </label>
            })}
            <FormError error />
            {after}
        </form>
    }
    .into_any()
}

/// What a writer had seen of the conversation when they began a reply.
#[derive(Clone, Copy)]
pub struct ReplyGuard {
    /// The newest message's time when the writing began (`None`: not
    /// writing).
    pub base: RwSignal<Option<i64>>,
    /// The newest message's time on the page now.
    pub latest: i64,
}

impl ReplyGuard {
    fn writing(self, yes: bool) {
        match (yes, self.base.get_untracked()) {
            (true, None) => self.base.set(Some(self.latest)),
            (false, Some(_)) => self.base.set(None),
            _ => {}
        }
    }

    /// Whether to send: yes, unless a newer message came and the writer
    /// says no when asked.
    fn may_send(self, i18n: crate::ui::labels::I18n) -> bool {
        let newer = self.base.get_untracked().is_some_and(|b| self.latest > b);
        if !newer {
            return true;
        }
        let question = t_string!(i18n, workspace.newer_message).to_string();
        web_sys::window()
            .and_then(|w| w.confirm_with_message(&question).ok())
            .unwrap_or(true)
    }
}

/// "Upload attachments": files added to the case without a text.
#[component]
pub fn UploadForm(number: i64, on_sent: Callback<()>, sent: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let upload = Upload::new();
    let error = upload.error();
    let submit = move |ev| {
        sent.set(false);
        upload.submit(ev, move |_| {
            sent.set(true);
            on_sent.run(());
        })
    };
    view! {
        <section class="panel upload-form" aria-labelledby="upload-heading">
            <h2 id="upload-heading">{tr!(i18n, files.upload_attachments)}</h2>
            <form method="post" enctype="multipart/form-data" action=format!("/upload/cases/{number}")
                on:submit=submit>
                <FilePicker id="upload-files" upload />
                <FormError error />
                <p class="notice success" role="status" hidden=move || !sent.get()>{tr!(i18n, files.uploaded)}</p>
                <button type="submit" disabled=move || upload.sending.get()>{tr!(i18n, files.upload)}</button>
            </form>
        </section>
    }
    .into_any()
}

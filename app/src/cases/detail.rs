//! A case page: its details, the whole conversation, the reply box, and for
//! staff the status control.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Redirect, A};
use leptos_router::hooks::use_params_map;

use super::api::{get_case, ChangeStatus, CloseCase, ReplyToCase};
use super::{ActivityEntry, CaseDetail, CaseStatus, Message};
use crate::error::AppError;
use crate::i18n::*;
use crate::time::Timestamp;
use crate::ui::forms::{invalid, last_error, ErrorNotice, FieldError, FormError};
use crate::ui::labels;
use crate::validate::{Field, MESSAGE_MAX};

#[component]
pub fn CasePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let reply = ServerAction::<ReplyToCase>::new();
    let status = ServerAction::<ChangeStatus>::new();
    let close = ServerAction::<CloseCase>::new();
    let actions = CaseActions {
        reply,
        status,
        close,
    };
    // `None` for a number that is not a number: answered as not found.
    let number = move || {
        params
            .read()
            .get("number")
            .and_then(|n| n.parse::<i64>().ok())
    };
    let case = Resource::new(
        move || (number(), actions.version()),
        |(number, _)| async move {
            match number {
                Some(n) => get_case(n).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Transition>
            {move || Suspend::new(async move {
                match case.await {
                    Ok(case) => view! { <CaseView case actions /> }.into_any(),
                    Err(AppError::SignInRequired) => {
                        let next = format!("/signin?next=/cases/{}", number().unwrap_or_default());
                        view! { <Redirect path=next /> }.into_any()
                    }
                    Err(error) => {
                        view! {
                            <Title text=move || t_string!(i18n, errors.not_found).to_string() />
                            <ErrorNotice error />
                            <p><A href="/cases">{t!(i18n, cases.back_to_list)}</A></p>
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// What can be done on a case page; the page reloads after each.
#[derive(Clone, Copy)]
struct CaseActions {
    reply: ServerAction<ReplyToCase>,
    status: ServerAction<ChangeStatus>,
    close: ServerAction<CloseCase>,
}

impl CaseActions {
    fn version(&self) -> (usize, usize, usize) {
        (
            self.reply.version().get(),
            self.status.version().get(),
            self.close.version().get(),
        )
    }
}

#[component]
fn CaseView(case: CaseDetail, actions: CaseActions) -> impl IntoView {
    let i18n = use_i18n();
    let CaseActions {
        reply,
        status,
        close,
    } = actions;
    let can_close = case.viewer_is_requester && !case.status.is_final();
    let staff = case.viewer_is_staff;
    let number = case.number;
    let (case_type, current, origin) = (case.case_type, case.status, case.origin);
    let back = if staff { "/staff" } else { "/cases" };
    let messages = case.messages.into_iter().map(MessageView).collect_view();
    let activity = case
        .activity
        .into_iter()
        .map(|e| ActivityLine(e, staff))
        .collect_view();
    let subject = case.subject.clone();
    view! {
        <Title text=subject />
        <p>
            <A href=back>
                {move || if staff { t_string!(i18n, staff.back_to_list).to_string() }
                    else { t_string!(i18n, cases.back_to_list).to_string() }}
            </A>
        </p>
        <h1>{case.subject}</h1>
        <section class="case-details" aria-labelledby="details-heading">
            <h2 id="details-heading" class="visually-hidden">{t!(i18n, cases.details)}</h2>
            <dl>
                <dt>{t!(i18n, cases.number)}</dt>
                <dd>{number}</dd>
                <dt>{t!(i18n, cases.status)}</dt>
                <dd class="status">{move || labels::status(i18n, current, staff)}</dd>
                <dt>{t!(i18n, cases.type_label)}</dt>
                <dd>{move || labels::case_type(i18n, case_type)}</dd>
                <dt>{t!(i18n, cases.origin)}</dt>
                <dd>{move || labels::origin(i18n, origin)}</dd>
                <dt>{t!(i18n, cases.created)}</dt>
                <dd><Timestamp ms=case.created_at /></dd>
                <dt>{t!(i18n, cases.last_update)}</dt>
                <dd><Timestamp ms=case.updated_at /></dd>
                <dt>{t!(i18n, cases.requester)}</dt>
                <dd>{case.requester_name} " <" {case.requester_email} ">"</dd>
            </dl>
        </section>
        <section aria-labelledby="conversation-heading">
            <h2 id="conversation-heading">{t!(i18n, cases.conversation)}</h2>
            <ol class="conversation">{messages}</ol>
        </section>
        {can_close.then(|| view! { <CloseForm number close /> })}
        {if current.is_final() {
            view! {
                <p class="notice">
                    {t!(i18n, cases.final_notice)} " "
                    <A href="/cases/new">{t!(i18n, cases.open_new)}</A>
                </p>
            }
                .into_any()
        } else {
            view! { <ReplyForm number reply /> }.into_any()
        }}
        {(staff && !current.is_final()).then(|| view! { <StatusForm number current status /> })}
        <section aria-labelledby="activity-heading" class="activity">
            <h2 id="activity-heading">{t!(i18n, cases.activity)}</h2>
            <ol>{activity}</ol>
        </section>
    }
}

#[allow(non_snake_case)]
fn MessageView(m: Message) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <li class="message" class:staff=m.from_staff>
            <header>
                <strong>{m.author}</strong>
                {m.from_staff.then(|| view! { " " <span class="badge">{t!(i18n, cases.support_team)}</span> })}
                " · "
                <Timestamp ms=m.created_at />
            </header>
            <p class="body">{m.body}</p>
        </li>
    }
}

#[component]
fn ReplyForm(number: i64, reply: ServerAction<ReplyToCase>) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(reply.value());
    let sent = move || matches!(reply.value().get(), Some(Ok(())));
    view! {
        <ActionForm action=reply attr:class="reply-form">
            <input type="hidden" name="number" value=number />
            <label for="reply-body">{t!(i18n, cases.your_reply)}</label>
            <textarea id="reply-body" name="body" rows="5" required maxlength=MESSAGE_MAX
                aria-describedby="reply-body-error" aria-invalid=invalid(error, Field::Message)></textarea>
            <FieldError id="reply-body-error" field=Field::Message error />
            <FormError error />
            <p class="notice success" role="status" hidden=move || !sent()>{t!(i18n, cases.replied)}</p>
            <button type="submit" class="primary">{t!(i18n, cases.reply)}</button>
        </ActionForm>
    }
}

#[component]
fn StatusForm(
    number: i64,
    current: CaseStatus,
    status: ServerAction<ChangeStatus>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(status.value());
    let options = CaseStatus::ALL
        .into_iter()
        .filter(|s| s.settable_by_staff())
        .map(|s| {
            view! {
                <option value=s.as_str() selected=s == current>
                    {move || labels::status(i18n, s, true)}
                </option>
            }
        })
        .collect_view();
    view! {
        <ActionForm action=status attr:class="status-form">
            <input type="hidden" name="number" value=number />
            <label for="case-status">{t!(i18n, cases.new_status)}</label>
            <select id="case-status" name="status">{options}</select>
            <FieldError id="case-status-error" field=Field::Status error />
            <FormError error />
            <button type="submit">{t!(i18n, cases.save_status)}</button>
        </ActionForm>
    }
}

/// "Close case", for the customer while the case is open.
#[component]
fn CloseForm(number: i64, close: ServerAction<CloseCase>) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(close.value());
    view! {
        <ActionForm action=close attr:class="close-form">
            <input type="hidden" name="number" value=number />
            <FormError error />
            <button type="submit">{t!(i18n, cases.close_case)}</button>
        </ActionForm>
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
    let to = e.to;
    let what = move || match e.from {
        None => t_string!(i18n, cases.opened).to_string(),
        Some(from) => format!(
            "{} → {}",
            labels::status(i18n, from, for_staff),
            labels::status(i18n, to, for_staff)
        ),
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

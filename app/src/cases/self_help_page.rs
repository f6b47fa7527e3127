//! The admin page for self-help answers: which answers a new case of each
//! type receives automatically.

use leptos::prelude::*;
use leptos_router::components::A;

use super::case_types::{CaseTypeName, CaseTypeOptions};
use super::SelfHelpAnswer;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::forms::{invalid, last_error, ErrorNotice, FieldError, FormError};
use crate::ui::title::PageTitle;
use crate::validate::{Field, MESSAGE_MAX, SUBJECT_MAX};

#[server(prefix = "/api", endpoint = "self-help/list")]
pub async fn self_help_answers() -> Result<Vec<SelfHelpAnswer>, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        domain::cases::self_help::list(&state.db, &admin).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "self-help/add")]
pub async fn add_self_help(case_type: String, title: String, body: String) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    use crate::validate::{MessageBody, Problem, Subject};
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        let case_type = super::CaseType::parse(&case_type)
            .ok_or(AppError::invalid(Field::CaseType, Problem::Unknown))?;
        let title = Subject::parse(&title)?;
        let body = MessageBody::parse(&body)?;
        domain::cases::self_help::add(&state.db, &admin, case_type, &title, &body).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "self-help/remove")]
pub async fn remove_self_help(id: i64) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        domain::cases::self_help::remove(&state.db, &admin, id).await
    };
    respond(run.await)
}

#[component]
pub fn SelfHelpPage() -> impl IntoView {
    crate::cases::case_types::provide_case_types();
    let i18n = use_i18n();
    let add = ServerAction::<AddSelfHelp>::new();
    let remove = ServerAction::<RemoveSelfHelp>::new();
    let answers = crate::ui::data::resource(
        move || (add.version().get(), remove.version().get()),
        |_| self_help_answers(),
    );
    view! {
        <PageTitle text=move || t_string!(i18n, staff.self_help).to_string() />
        <p><A href="/staff">{tr!(i18n, staff.back_to_list)}</A></p>
        <h1>{tr!(i18n, staff.self_help)}</h1>
        <p>{tr!(i18n, staff.self_help_intro)}</p>
        <Transition>
            {move || Suspend::new(async move {
                match answers.await {
                    Ok(list) if list.is_empty() => {
                        view! { <p class="empty">{tr!(i18n, staff.no_answers)}</p> }.into_any()
                    }
                    Ok(list) => view! { <AnswerList list remove /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Transition>
        <AddAnswer add />
    }
}

#[component]
fn AnswerList(list: Vec<SelfHelpAnswer>, remove: ServerAction<RemoveSelfHelp>) -> impl IntoView {
    let i18n = use_i18n();
    let items = list
        .into_iter()
        .map(|a| {
            let t = a.case_type;
            let label = format!("{} {}", t_string!(i18n, staff.remove), a.title);
            view! {
                <li>
                    <strong><CaseTypeName key=t /></strong> " · " {a.title}
                    <p class="body">{a.body}</p>
                    <ActionForm action=remove>
                        <input type="hidden" name="id" value=a.id />
                        <button type="submit" aria-label=label>{tr!(i18n, staff.remove)}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="answers">{items}</ul> }
}

#[component]
fn AddAnswer(add: ServerAction<AddSelfHelp>) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(add.value());
    view! {
        <h2>{tr!(i18n, staff.add_answer)}</h2>
        <ActionForm action=add attr:class="case-form">
            <label for="answer-type">{tr!(i18n, cases.type_label)}</label>
            <select id="answer-type" name="case_type">
                <CaseTypeOptions selected=Signal::stored(String::new()) />
            </select>
            <label for="answer-title">{tr!(i18n, staff.answer_title)}</label>
            <input id="answer-title" name="title" required maxlength=SUBJECT_MAX
                aria-describedby="answer-title-error" aria-invalid=invalid(error, Field::Subject) />
            <FieldError id="answer-title-error" field=Field::Subject error />
            <label for="answer-body">{tr!(i18n, staff.answer_text)}</label>
            <textarea id="answer-body" name="body" rows="5" required maxlength=MESSAGE_MAX
                aria-describedby="answer-body-error" aria-invalid=invalid(error, Field::Message)></textarea>
            <FieldError id="answer-body-error" field=Field::Message error />
            <FormError error />
            <button type="submit" class="primary">{tr!(i18n, staff.add_answer)}</button>
        </ActionForm>
    }
}

//! Form helpers: messages for a field and for the whole form, announced to
//! screen readers as they appear.

use leptos::prelude::*;

use super::labels;
use crate::i18n::*;
use model::error::AppError;
use model::validate::Field;

/// The error of the last submission, if any.
pub fn last_error<T, S>(value: S) -> Signal<Option<AppError>>
where
    S: With<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
    T: 'static,
{
    Signal::derive(move || value.with(|v| v.as_ref().and_then(|r| r.as_ref().err().cloned())))
}

/// The message under a field; its id ties it to the input's
/// `aria-describedby`.
#[component]
pub fn FieldError(
    #[prop(into)] id: String,
    field: Field,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let problem = move || error.get().and_then(|e| e.problem_for(field));
    view! {
        <p class="field-error" id=id role="alert" hidden=move || problem().is_none()>
            {move || problem().map(|p| labels::problem(i18n, field, p))}
        </p>
    }
}

/// Whether `field` has an error, for `aria-invalid`.
pub fn invalid(error: Signal<Option<AppError>>, field: Field) -> impl Fn() -> &'static str + Copy {
    move || {
        if error.get().and_then(|e| e.problem_for(field)).is_some() {
            "true"
        } else {
            "false"
        }
    }
}

/// A message for errors that belong to no single field.
#[component]
pub fn FormError(error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let general = move || {
        error
            .get()
            .filter(|e| !matches!(e, AppError::Invalid(..) | AppError::File { .. }))
    };
    view! {
        <p class="form-error" role="alert" hidden=move || general().is_none()>
            {move || general().map(|e| labels::error(i18n, &e))}
        </p>
    }
}

/// Any error of a form whose fields are not beside it (a list of small
/// forms): the whole message, field problems included.
#[component]
pub fn AnyProblem(error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error
            .get()
            .map(|e| view! { <p class="form-error" role="alert">{labels::error(i18n, &e)}</p> })
    }
}

/// A page-level error (not found, sign-in needed, ...). Its words arrive
/// with their own code: every error message in three languages would
/// otherwise weigh on each first load, and the pages that load first show
/// an error seldom.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    if error == AppError::NotFound {
        super::status::set_not_found();
    }
    view! {
        <p class="notice error">
            <Suspense>{Suspend::new(error_words(error))}</Suspense>
        </p>
    }
}

#[leptos::lazy]
fn error_words(error: AppError) -> AnyView {
    let i18n = use_i18n();
    (move || labels::error(i18n, &error)).into_any()
}

/// An email address input (after its label) with its error message under it.
#[component]
pub fn EmailInput(id: &'static str, error: Signal<Option<AppError>>) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <input id=id name="email" type="email" autocomplete="email" required
            maxlength=model::validate::EMAIL_MAX aria-describedby=error_id.clone()
            aria-invalid=invalid(error, Field::Email) />
        <FieldError id=error_id field=Field::Email error />
    }
}

/// A labelled one-line text input with its error message under it.
#[component]
pub fn TextField(
    id: &'static str,
    name: &'static str,
    label: AnyView,
    field: Field,
    max: usize,
    error: Signal<Option<AppError>>,
    #[prop(optional)] value: String,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <label for=id>{label}</label>
        <input id=id name=name value=value maxlength=max
            aria-describedby=error_id.clone() aria-invalid=invalid(error, field) />
        <FieldError id=error_id field error />
    }
}

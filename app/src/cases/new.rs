//! "Open a New Case": subject, type and description.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Redirect, A};

use super::api::OpenCase;
use super::CaseType;
use crate::i18n::*;
use crate::ui::app::use_auth;
use crate::ui::forms::{invalid, last_error, FieldError, FormError};
use crate::ui::labels;
use crate::validate::{Field, MESSAGE_MAX, SUBJECT_MAX};

#[component]
pub fn NewCasePage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let action = ServerAction::<OpenCase>::new();
    let error = last_error(action.value());
    let types = CaseType::ALL
        .into_iter()
        .map(|t| view! { <option value=t.as_str()>{move || labels::case_type(i18n, t)}</option> })
        .collect_view();
    view! {
        <Title text=move || t_string!(i18n, cases.open_new).to_string() />
        <Transition>
            {move || Suspend::new(async move {
                let signed_in = matches!(auth.user.await, Ok(Some(_)));
                (!signed_in).then(|| view! { <Redirect path="/signin?next=/cases/new" /> })
            })}
        </Transition>
        <h1>{t!(i18n, cases.open_new)}</h1>
        <ActionForm action attr:class="case-form">
            <label for="case-subject">{t!(i18n, cases.subject)}</label>
            <input id="case-subject" name="subject" required maxlength=SUBJECT_MAX
                aria-describedby="case-subject-error" aria-invalid=invalid(error, Field::Subject) />
            <FieldError id="case-subject-error" field=Field::Subject error />

            <label for="case-type">{t!(i18n, cases.type_label)}</label>
            <select id="case-type" name="case_type" required
                aria-describedby="case-type-error" aria-invalid=invalid(error, Field::CaseType)>
                <option value="">{t!(i18n, cases.choose_type)}</option>
                {types}
            </select>
            <FieldError id="case-type-error" field=Field::CaseType error />

            <label for="case-description">{t!(i18n, cases.description)}</label>
            <textarea id="case-description" name="description" rows="8" required maxlength=MESSAGE_MAX
                aria-describedby="case-description-error" aria-invalid=invalid(error, Field::Message)></textarea>
            <FieldError id="case-description-error" field=Field::Message error />

            <FormError error />
            <div class="actions">
                <button type="submit" class="primary">{t!(i18n, cases.submit_open)}</button>
                <A href="/cases">{t!(i18n, cases.back_to_list)}</A>
            </div>
        </ActionForm>
    }
}

//! "Open a New Case" (PRODUCT.md §3.3), and the staff form that opens one
//! for a customer who phoned or wrote.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Redirect, A};

use super::api::{OpenCase, OpenCaseFor};
use super::record::{Priority, PHONE_MAX, SHORT_TEXT_MAX};
use super::{CaseType, Origin};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::app::use_auth;
use crate::ui::forms::{invalid, last_error, FieldError, FormError, TextField};
use crate::ui::labels;
use crate::validate::{Field, EMAIL_MAX, MESSAGE_MAX, SUBJECT_MAX};

#[component]
pub fn NewCasePage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let action = ServerAction::<OpenCase>::new();
    let error = last_error(action.value());
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
            <CaseFields error />
            <TextField id="case-tax-id" name="tax_id" field=Field::TaxId max=SHORT_TEXT_MAX error
                label=t!(i18n, cases.tax_id).into_any() />
            <TextField id="case-company" name="company" field=Field::Company max=SHORT_TEXT_MAX error
                label=t!(i18n, cases.company).into_any() />
            <TextField id="case-phone" name="phone" field=Field::Phone max=PHONE_MAX error
                label=t!(i18n, cases.phone).into_any() />
            <FormError error />
            <div class="actions">
                <button type="submit" class="primary">{t!(i18n, cases.submit_open)}</button>
                <A href="/cases">{t!(i18n, cases.back_to_list)}</A>
            </div>
        </ActionForm>
    }
}

/// Staff open a case on a customer's behalf (origin phone or email).
#[component]
pub fn StaffNewCasePage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<OpenCaseFor>::new();
    let error = last_error(action.value());
    let origins = [Origin::Phone, Origin::Email]
        .into_iter()
        .map(|o| view! { <option value=o.as_str()>{move || labels::origin(i18n, o)}</option> })
        .collect_view();
    view! {
        <Title text=move || t_string!(i18n, staff.open_for).to_string() />
        <h1>{t!(i18n, staff.open_for)}</h1>
        <ActionForm action attr:class="case-form">
            <label for="case-customer">{t!(i18n, staff.customer_email)}</label>
            <input id="case-customer" name="customer" type="email" required maxlength=EMAIL_MAX
                aria-describedby="case-customer-error" aria-invalid=invalid(error, Field::Email) />
            <FieldError id="case-customer-error" field=Field::Email error />
            <label for="case-origin">{t!(i18n, cases.origin)}</label>
            <select id="case-origin" name="origin">{origins}</select>
            <FieldError id="case-origin-error" field=Field::Origin error />
            <CaseFields error />
            <TextField id="case-country" name="country" field=Field::Country max=SHORT_TEXT_MAX error
                label=t!(i18n, cases.country).into_any() />
            <TextField id="case-brand" name="brand" field=Field::Brand max=SHORT_TEXT_MAX error
                label=t!(i18n, cases.brand).into_any() />
            <TextField id="case-product" name="product" field=Field::Product max=SHORT_TEXT_MAX error
                label=t!(i18n, cases.product).into_any() />
            <FormError error />
            <div class="actions">
                <button type="submit" class="primary">{t!(i18n, cases.submit_open)}</button>
                <A href="/staff">{t!(i18n, staff.back_to_list)}</A>
            </div>
        </ActionForm>
    }
}

/// Subject, type, priority, description and CC: the fields every new case has.
#[component]
fn CaseFields(error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let types = CaseType::ALL
        .into_iter()
        .map(|t| view! { <option value=t.as_str()>{move || labels::case_type(i18n, t)}</option> })
        .collect_view();
    let priorities = Priority::ALL
        .into_iter()
        .map(|p| {
            view! {
                <option value=p.as_str() selected=p == Priority::Normal>
                    {move || labels::priority(i18n, p)}
                </option>
            }
        })
        .collect_view();
    view! {
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

        <label for="case-priority">{t!(i18n, cases.priority)}</label>
        <select id="case-priority" name="priority">{priorities}</select>
        <FieldError id="case-priority-error" field=Field::Priority error />

        <label for="case-description">{t!(i18n, cases.description)}</label>
        <textarea id="case-description" name="description" rows="8" required maxlength=MESSAGE_MAX
            aria-describedby="case-description-error" aria-invalid=invalid(error, Field::Message)></textarea>
        <FieldError id="case-description-error" field=Field::Message error />

        <label for="case-cc">{t!(i18n, cases.cc)}</label>
        <input id="case-cc" name="cc" aria-describedby="case-cc-hint case-cc-error"
            aria-invalid=invalid(error, Field::Cc) />
        <p class="hint" id="case-cc-hint">{t!(i18n, cases.cc_hint, max = move || super::record::CC_MAX)}</p>
        <FieldError id="case-cc-error" field=Field::Cc error />
    }
}

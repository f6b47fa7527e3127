//! "Open a New Case" (PRODUCT.md §3.3), and the staff form that opens one
//! for a customer who phoned or wrote.

use leptos::prelude::*;
use leptos_router::components::{Redirect, A};
use leptos_router::hooks::use_navigate;

use super::api::OpenCaseFor;
use super::case_types::CaseTypeOptions;
use super::record::{Priority, PHONE_MAX, SHORT_TEXT_MAX};
use super::Origin;
use crate::auth::context::use_auth;
use crate::error::AppError;
use crate::files::picker::{FilePicker, Upload};
use crate::help::suggest::Suggestions;
use crate::i18n::*;
use crate::ui::forms::{invalid, last_error, FieldError, FormError, TextField};
use crate::ui::labels;
use crate::ui::title::PageTitle;
use crate::validate::{Field, EMAIL_MAX, MESSAGE_MAX, SUBJECT_MAX};

/// A multipart form so the first message can carry files; without
/// JavaScript the browser posts it as it is.
#[component]
pub fn NewCasePage() -> impl IntoView {
    crate::cases::case_types::provide_case_types();
    let i18n = use_i18n();
    let auth = use_auth();
    let upload = Upload::new();
    let error = upload.error();
    let navigate = use_navigate();
    let submit = move |ev| {
        let navigate = navigate.clone();
        upload.submit(ev, move |done| navigate(&done.location, Default::default()))
    };
    let contact = view! {
        <TextField id="case-tax-id" name="tax_id" field=Field::TaxId max=SHORT_TEXT_MAX error
            label=tr!(i18n, cases.tax_id).into_any() />
        <TextField id="case-company" name="company" field=Field::Company max=SHORT_TEXT_MAX error
            label=tr!(i18n, cases.company).into_any() />
        <TextField id="case-phone" name="phone" field=Field::Phone max=PHONE_MAX error
            label=tr!(i18n, cases.phone).into_any() />
    }
    .into_any();
    let actions = view! {
        <div class="actions">
            <button type="submit" class="primary" disabled=move || upload.sending.get()>
                {move || if upload.sending.get() { t_string!(i18n, files.sending) } else { t_string!(i18n, cases.submit_open) }}
            </button>
            <A href="/cases">{tr!(i18n, cases.back_to_list)}</A>
        </div>
    }
    .into_any();
    view! {
        <PageTitle text=move || t_string!(i18n, cases.open_new).to_string() />
        <Transition>
            {move || Suspend::new(async move {
                let signed_in = matches!(auth.user.await, Ok(Some(_)));
                (!signed_in).then(|| view! { <Redirect path="/signin?next=/cases/new" /> })
            })}
        </Transition>
        <h1>{tr!(i18n, cases.open_new)}</h1>
        <form method="post" enctype="multipart/form-data" action="/upload/cases" class="case-form"
            on:submit=submit>
            <CaseFields error suggest=true />
            {contact}
            <FilePicker id="case-files" upload />
            <FormError error />
            {actions}
        </form>
    }
    .into_any()
}

/// Staff open a case on a customer's behalf (origin phone or email).
#[component]
pub fn StaffNewCasePage() -> impl IntoView {
    crate::cases::case_types::provide_case_types();
    let i18n = use_i18n();
    let action = ServerAction::<OpenCaseFor>::new();
    let error = last_error(action.value());
    let origins = [Origin::Phone, Origin::Email]
        .into_iter()
        .map(|o| view! { <option value=o.as_str()>{move || labels::origin(i18n, o)}</option> })
        .collect_view();
    view! {
        <PageTitle text=move || t_string!(i18n, staff.open_for).to_string() />
        <h1>{tr!(i18n, staff.open_for)}</h1>
        <ActionForm action attr:class="case-form">
            <label for="case-customer">{tr!(i18n, staff.customer_email)}</label>
            <input id="case-customer" name="customer" type="email" required maxlength=EMAIL_MAX
                aria-describedby="case-customer-error" aria-invalid=invalid(error, Field::Email) />
            <FieldError id="case-customer-error" field=Field::Email error />
            <label for="case-origin">{tr!(i18n, cases.origin)}</label>
            <select id="case-origin" name="origin">{origins}</select>
            <FieldError id="case-origin-error" field=Field::Origin error />
            <CaseFields error />
            <TextField id="case-country" name="country" field=Field::Country max=SHORT_TEXT_MAX error
                label=tr!(i18n, cases.country).into_any() />
            <TextField id="case-brand" name="brand" field=Field::Brand max=SHORT_TEXT_MAX error
                label=tr!(i18n, cases.brand).into_any() />
            <TextField id="case-product" name="product" field=Field::Product max=SHORT_TEXT_MAX error
                label=tr!(i18n, cases.product).into_any() />
            <FormError error />
            <div class="actions">
                <button type="submit" class="primary">{tr!(i18n, cases.submit_open)}</button>
                <A href="/staff">{tr!(i18n, staff.back_to_list)}</A>
            </div>
        </ActionForm>
    }
}

/// Subject, type, priority, description and CC: the fields every new case
/// has. With `suggest`, articles matching the subject appear as it is typed.
#[component]
fn CaseFields(error: Signal<Option<AppError>>, #[prop(optional)] suggest: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (subject, set_subject) = signal(String::new());
    let suggestions = suggest.then(|| view! { <Suggestions subject /> });
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
        <label for="case-subject">{tr!(i18n, cases.subject)}</label>
        <input id="case-subject" name="subject" required maxlength=SUBJECT_MAX
            aria-describedby="case-subject-error" aria-invalid=invalid(error, Field::Subject)
            on:input=move |ev| set_subject.set(event_target_value(&ev)) />
        <FieldError id="case-subject-error" field=Field::Subject error />
        {suggestions}

        <label for="case-type">{tr!(i18n, cases.type_label)}</label>
        <select id="case-type" name="case_type" required
            aria-describedby="case-type-error" aria-invalid=invalid(error, Field::CaseType)>
            <option value="">{tr!(i18n, cases.choose_type)}</option>
            <CaseTypeOptions selected=Signal::stored(String::new()) />
        </select>
        <FieldError id="case-type-error" field=Field::CaseType error />

        <label for="case-priority">{tr!(i18n, cases.priority)}</label>
        <select id="case-priority" name="priority">{priorities}</select>
        <FieldError id="case-priority-error" field=Field::Priority error />

        <label for="case-description">{tr!(i18n, cases.description)}</label>
        <textarea id="case-description" name="description" rows="8" required maxlength=MESSAGE_MAX
            aria-describedby="case-description-error" aria-invalid=invalid(error, Field::Message)></textarea>
        <FieldError id="case-description-error" field=Field::Message error />

        <label for="case-cc">{tr!(i18n, cases.cc)}</label>
        <input id="case-cc" name="cc" aria-describedby="case-cc-hint case-cc-error"
            aria-invalid=invalid(error, Field::Cc) />
        <p class="hint" id="case-cc-hint">{t!(i18n, cases.cc_hint, max = move || super::record::CC_MAX)}</p>
        <FieldError id="case-cc-error" field=Field::Cc error />
    }
}

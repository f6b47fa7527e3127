//! The details panel of a case and the form that edits them: the customer
//! sees tax ID, company, phone and CC; staff see every field.

use leptos::prelude::*;

use super::api::EditCase;
use super::case_types::{CaseTypeName, CaseTypeOptions};
use super::record::{Priority, CC_MAX, PHONE_MAX, SHORT_TEXT_MAX};
use super::CaseDetail;
use crate::i18n::*;
use crate::time::Timestamp;
use crate::ui::forms::{invalid, last_error, FieldError, FormError, TextField};
use crate::ui::labels;
use crate::validate::{Field, SUBJECT_MAX};

#[component]
pub fn DetailsPanel(case: CaseDetail) -> impl IntoView {
    let i18n = use_i18n();
    let staff = case.viewer_is_staff;
    let (case_type, current, origin) = (case.case_type.clone(), case.status, case.origin);
    let f = case.fields;
    let priority = f.priority;
    let or_dash = |s: String| if s.is_empty() { "—".to_string() } else { s };
    let cc = if f.cc.is_empty() {
        "—".to_string()
    } else {
        f.cc.join(", ")
    };
    view! {
        <section class="case-details" aria-labelledby="details-heading">
            <h2 id="details-heading">{tr!(i18n, cases.details)}</h2>
            <dl>
                <dt>{tr!(i18n, cases.number)}</dt>
                <dd>{case.number}</dd>
                <dt>{tr!(i18n, cases.status)}</dt>
                <dd class="status">{move || labels::status(i18n, current, staff)}</dd>
                <dt>{tr!(i18n, cases.type_label)}</dt>
                <dd><CaseTypeName key=case_type /></dd>
                <dt>{tr!(i18n, cases.priority)}</dt>
                <dd>{move || labels::priority(i18n, priority)}</dd>
                <dt>{tr!(i18n, cases.origin)}</dt>
                <dd>{move || labels::origin(i18n, origin)}</dd>
                <dt>{tr!(i18n, cases.created)}</dt>
                <dd><Timestamp ms=case.created_at /></dd>
                <dt>{tr!(i18n, cases.last_update)}</dt>
                <dd><Timestamp ms=case.updated_at /></dd>
                <dt>{tr!(i18n, cases.requester)}</dt>
                <dd>{case.requester_name} " <" {case.requester_email} ">"</dd>
                {case.requester.map(|r| view! { <RequesterRows r /> })}
                <dt>{tr!(i18n, cases.cc)}</dt>
                <dd>{cc}</dd>
                <dt>{tr!(i18n, cases.country)}</dt>
                <dd>{or_dash(f.country)}</dd>
                <dt>{tr!(i18n, cases.brand)}</dt>
                <dd>{or_dash(f.brand)}</dd>
                <dt>{tr!(i18n, cases.product)}</dt>
                <dd>{or_dash(f.product)}</dd>
                <dt>{tr!(i18n, cases.tax_id)}</dt>
                <dd>{or_dash(f.tax_id)}</dd>
                <dt>{tr!(i18n, cases.company)}</dt>
                <dd>{or_dash(f.company)}</dd>
                <dt>{tr!(i18n, cases.phone)}</dt>
                <dd>{or_dash(f.phone)}</dd>
            </dl>
        </section>
    }
}

/// For staff: who the requester is and what time it is where they are.
#[component]
fn RequesterRows(r: model::auth::Requester) -> impl IntoView {
    let i18n = use_i18n();
    let given = move |s: String| {
        if s.is_empty() {
            t_string!(i18n, requester.unknown).to_string()
        } else {
            s
        }
    };
    let (job, phone) = (r.job_title, r.phone);
    let zone = r.time_zone.clone();
    let local = r.time_zone.map(|z| {
        let now = crate::time::now_ms();
        let clock = crate::time::clock_in(now, &z);
        view! {
            <dt>{tr!(i18n, requester.local_time)}</dt>
            <dd>{clock}</dd>
        }
    });
    view! {
        <dt>{tr!(i18n, requester.job_title)}</dt>
        <dd>{move || given(job.clone())}</dd>
        <dt>{tr!(i18n, requester.phone)}</dt>
        <dd>{move || given(phone.clone())}</dd>
        <dt>{tr!(i18n, requester.time_zone)}</dt>
        <dd>{move || given(zone.clone().unwrap_or_default())}</dd>
        {local}
    }
}

/// Edits the fields this viewer may change.
#[component]
pub fn EditForm(case: CaseDetail, edit: ServerAction<EditCase>) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(edit.value());
    let saved = move || matches!(edit.value().get(), Some(Ok(())));
    let f = case.fields;
    let staff_fields = case.viewer_is_staff.then(|| {
        let current_type = Signal::stored(case.case_type.as_str().to_owned());
        let priorities = Priority::ALL
            .into_iter()
            .map(|p| {
                view! {
                    <option value=p.as_str() selected=p == f.priority>
                        {move || labels::priority(i18n, p)}
                    </option>
                }
            })
            .collect_view();
        view! {
            <TextField id="edit-subject" name="subject" label=tr!(i18n, cases.subject).into_any()
                value=case.subject.clone() field=Field::Subject max=SUBJECT_MAX error />
            <label for="edit-type">{tr!(i18n, cases.type_label)}</label>
            <select id="edit-type" name="case_type"><CaseTypeOptions selected=current_type /></select>
            <label for="edit-priority">{tr!(i18n, cases.priority)}</label>
            <select id="edit-priority" name="priority">{priorities}</select>
            <TextField id="edit-country" name="country" label=tr!(i18n, cases.country).into_any()
                value=f.country.clone() field=Field::Country max=SHORT_TEXT_MAX error />
            <TextField id="edit-brand" name="brand" label=tr!(i18n, cases.brand).into_any()
                value=f.brand.clone() field=Field::Brand max=SHORT_TEXT_MAX error />
            <TextField id="edit-product" name="product" label=tr!(i18n, cases.product).into_any()
                value=f.product.clone() field=Field::Product max=SHORT_TEXT_MAX error />
        }
    });
    view! {
        <details class="edit-details">
            <summary>{tr!(i18n, cases.edit_details)}</summary>
            <ActionForm action=edit attr:class="edit-form">
                <input type="hidden" name="number" value=case.number />
                {staff_fields}
                <TextField id="edit-tax-id" name="tax_id" label=tr!(i18n, cases.tax_id).into_any()
                    value=f.tax_id field=Field::TaxId max=SHORT_TEXT_MAX error />
                <TextField id="edit-company" name="company" label=tr!(i18n, cases.company).into_any()
                    value=f.company field=Field::Company max=SHORT_TEXT_MAX error />
                <TextField id="edit-phone" name="phone" label=tr!(i18n, cases.phone).into_any()
                    value=f.phone field=Field::Phone max=PHONE_MAX error />
                <label for="edit-cc">{tr!(i18n, cases.cc)}</label>
                <textarea id="edit-cc" name="cc" rows="2"
                    aria-describedby="edit-cc-hint edit-cc-error" aria-invalid=invalid(error, Field::Cc)>
                    {f.cc.join(", ")}
                </textarea>
                <p class="hint" id="edit-cc-hint">{t!(i18n, cases.cc_hint, max = move || CC_MAX)}</p>
                <FieldError id="edit-cc-error" field=Field::Cc error />
                <FormError error />
                <p class="notice success" role="status" hidden=move || !saved()>{tr!(i18n, cases.details_saved)}</p>
                <button type="submit">{tr!(i18n, cases.save_details)}</button>
            </ActionForm>
        </details>
    }
}

//! The buttons and small forms of a case page: status (staff), "Close case"
//! and the self-help answer (customer), merge (staff).

use leptos::prelude::*;

use super::api::{ChangeStatus, CloseCase, ConfirmSelfHelp, MergeCase};
use super::CaseStatus;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::forms::{invalid, last_error, FieldError, FormError};
use crate::ui::labels;
use crate::validate::Field;
use crate::workspace::assign_panel::id_options;
use crate::workspace::Directory;

/// The status and referral picked on a case page and not yet saved: the
/// page is rebuilt whenever the case reloads, and the choice must survive.
#[derive(Clone, Copy)]
pub struct StatusChoice {
    status: RwSignal<Option<String>>,
    department: RwSignal<Option<String>>,
}

impl Default for StatusChoice {
    fn default() -> Self {
        Self {
            status: RwSignal::new(None),
            department: RwSignal::new(None),
        }
    }
}

impl StatusChoice {
    /// Once saved, the form shows the case as it is.
    pub fn clear_after(self, status: ServerAction<ChangeStatus>) {
        Effect::new(move |_| {
            if matches!(status.value().get(), Some(Ok(_))) {
                self.status.set(None);
                self.department.set(None);
            }
        });
    }
}

/// The status select; Referred also takes the department the case waits
/// on (the case's current one is chosen).
#[component]
pub fn StatusForm(
    number: i64,
    current: CaseStatus,
    status: ServerAction<ChangeStatus>,
    directory: crate::ui::data::Data<Result<Directory, AppError>>,
    department: Option<i64>,
    choice: StatusChoice,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(status.value());
    let chosen = choice.status.get_untracked();
    let department = choice
        .department
        .get_untracked()
        .map_or(department, |d| d.parse().ok());
    let departments = move || {
        Suspend::new(async move {
            let list: Vec<(i64, String)> = directory
                .await
                .map(|d| d.departments.into_iter().map(|d| (d.id, d.name)).collect())
                .unwrap_or_default();
            let none = move || t_string!(i18n, workspace.no_department).to_string();
            id_options(list, department, none)
        })
    };
    let options = CaseStatus::ALL
        .into_iter()
        .filter(|s| s.settable_by_staff())
        .map(|s| {
            view! {
                <option value=s.as_str() selected=chosen.as_deref().map_or(s == current, |c| c == s.as_str())>
                    {move || labels::status(i18n, s, true)}
                </option>
            }
        })
        .collect_view();
    view! {
        <ActionForm action=status attr:class="status-form">
            <input type="hidden" name="number" value=number />
            <label for="case-status">{tr!(i18n, cases.new_status)}</label>
            <select id="case-status" name="status"
                on:change=move |e| choice.status.set(Some(event_target_value(&e)))>
                {options}
            </select>
            <FieldError id="case-status-error" field=Field::Status error />
            <label for="case-refer">{tr!(i18n, workspace.refer_to)}</label>
            <select id="case-refer" name="department" aria-describedby="case-refer-error"
                aria-invalid=invalid(error, Field::Department)
                on:change=move |e| choice.department.set(Some(event_target_value(&e)))>
                <Transition>{departments}</Transition>
            </select>
            <FieldError id="case-refer-error" field=Field::Department error />
            <FormError error />
            <button type="submit">{tr!(i18n, cases.save_status)}</button>
        </ActionForm>
    }
}

/// "Close case", for the customer while the case is open.
#[component]
pub fn CloseForm(number: i64, close: ServerAction<CloseCase>) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(close.value());
    view! {
        <ActionForm action=close attr:class="close-form">
            <input type="hidden" name="number" value=number />
            <FormError error />
            <button type="submit">{tr!(i18n, cases.close_case)}</button>
        </ActionForm>
    }
}

/// The customer's answer to a self-help reply.
#[component]
pub fn ConfirmForm(number: i64, confirm: ServerAction<ConfirmSelfHelp>) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(confirm.value());
    view! {
        <section class="confirm" aria-labelledby="confirm-heading">
            <h2 id="confirm-heading">{tr!(i18n, cases.self_help_question)}</h2>
            <div class="actions">
                <ActionForm action=confirm>
                    <input type="hidden" name="number" value=number />
                    <input type="hidden" name="solved" value="true" />
                    <button type="submit" class="primary">{tr!(i18n, cases.confirm_yes)}</button>
                </ActionForm>
                <ActionForm action=confirm>
                    <input type="hidden" name="number" value=number />
                    <input type="hidden" name="solved" value="false" />
                    <button type="submit">{tr!(i18n, cases.confirm_no)}</button>
                </ActionForm>
            </div>
            <FormError error />
        </section>
    }
}

/// Staff merge this case into another.
#[component]
pub fn MergeForm(number: i64, merge: ServerAction<MergeCase>) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(merge.value());
    view! {
        <ActionForm action=merge attr:class="merge-form">
            <input type="hidden" name="number" value=number />
            <label for="merge-into">{tr!(i18n, cases.merge_into)}</label>
            <input id="merge-into" name="into" inputmode="numeric" required
                aria-describedby="merge-into-error" aria-invalid=invalid(error, Field::MergeTarget) />
            <FieldError id="merge-into-error" field=Field::MergeTarget error />
            <FormError error />
            <button type="submit">{tr!(i18n, cases.merge)}</button>
        </ActionForm>
    }
}

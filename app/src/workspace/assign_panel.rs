//! The assignment box of a case page, for staff: who works on the case
//! ("Assign to me", or any agent) and the department it belongs to.

use leptos::prelude::*;

use super::api::{AssignCase, SetCaseDepartment, TakeCase};
use super::Directory;
use crate::auth::context::use_auth;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::forms::{invalid, last_error, ErrorNotice, FieldError, FormError};
use crate::validate::Field;
use model::cases::Assignment;

/// The three forms' actions; the case page reloads after each.
#[derive(Clone, Copy)]
pub struct AssignActions {
    pub take: ServerAction<TakeCase>,
    pub assign: ServerAction<AssignCase>,
    pub department: ServerAction<SetCaseDepartment>,
}

impl AssignActions {
    pub fn new() -> Self {
        Self {
            take: ServerAction::new(),
            assign: ServerAction::new(),
            department: ServerAction::new(),
        }
    }

    pub fn version(&self) -> usize {
        self.take.version().get() + self.assign.version().get() + self.department.version().get()
    }
}

impl Default for AssignActions {
    fn default() -> Self {
        Self::new()
    }
}

/// `<option>`s for `items` (id, name), `current` selected, after one for
/// "none" labelled `none`.
pub fn id_options(
    items: Vec<(i64, String)>,
    current: Option<i64>,
    none: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    let options = items
        .into_iter()
        .map(|(id, name)| {
            view! { <option value=id.to_string() selected=current == Some(id)>{name}</option> }
        })
        .collect_view();
    view! {
        <option value="" selected=current.is_none()>{none}</option>
        {options}
    }
}

#[component]
pub fn AssignPanel(
    number: i64,
    assignment: Assignment,
    directory: crate::ui::data::Data<Result<Directory, AppError>>,
    actions: AssignActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let assign_error = last_error(actions.assign.value());
    let department_error = last_error(actions.department.value());
    let take_error = last_error(actions.take.value());
    let assignee = assignment.assignee.clone();
    let current_name = assignee.clone().map(|a| a.1);
    let who = move || {
        current_name
            .clone()
            .unwrap_or_else(|| t_string!(i18n, workspace.nobody).to_string())
    };
    let department = assignment.department.clone();
    let forms = move |dir: Directory, me: Option<i64>| {
        let agents = dir.agents.into_iter().map(|a| (a.id, a.name)).collect();
        let departments = dir
            .departments
            .into_iter()
            .map(|d| (d.id, d.name))
            .collect();
        let current = assignee.as_ref().map(|a| a.0);
        let take = (current != me).then(|| {
            view! {
                <ActionForm action=actions.take attr:class="take-form">
                    <input type="hidden" name="number" value=number />
                    <FormError error=take_error />
                    <button type="submit" class="primary">{tr!(i18n, workspace.assign_to_me)}</button>
                </ActionForm>
            }
        });
        let nobody = move || t_string!(i18n, workspace.nobody).to_string();
        let none = move || t_string!(i18n, workspace.no_department).to_string();
        view! {
            {take}
            <ActionForm action=actions.assign attr:class="assign-form">
                <input type="hidden" name="number" value=number />
                <label for="case-assignee">{tr!(i18n, workspace.assign_to)}</label>
                <select id="case-assignee" name="assignee" aria-describedby="case-assignee-error"
                    aria-invalid=invalid(assign_error, Field::Assignee)>
                    {id_options(agents, current, nobody)}
                </select>
                <FieldError id="case-assignee-error" field=Field::Assignee error=assign_error />
                <FormError error=assign_error />
                <button type="submit">{tr!(i18n, workspace.assign)}</button>
            </ActionForm>
            <ActionForm action=actions.department attr:class="department-form">
                <input type="hidden" name="number" value=number />
                <label for="case-department">{tr!(i18n, workspace.department)}</label>
                <select id="case-department" name="department" aria-describedby="case-department-error"
                    aria-invalid=invalid(department_error, Field::Department)>
                    {id_options(departments, department.as_ref().map(|d| d.0), none)}
                </select>
                <FieldError id="case-department-error" field=Field::Department error=department_error />
                <FormError error=department_error />
                <button type="submit">{tr!(i18n, workspace.save_department)}</button>
            </ActionForm>
        }
    };
    view! {
        <section class="assignment" aria-labelledby="assignment-heading">
            <h2 id="assignment-heading">{tr!(i18n, workspace.assignment)}</h2>
            <p>{tr!(i18n, workspace.assigned_to)} " " <strong>{who}</strong></p>
            <Transition>
                {move || {
                    let forms = forms.clone();
                    Suspend::new(async move {
                        let me = auth.user.await.ok().flatten().map(|u| u.id);
                        match directory.await {
                            Ok(dir) => forms(dir, me).into_any(),
                            Err(error) => view! { <ErrorNotice error /> }.into_any(),
                        }
                    })
                }}
            </Transition>
        </section>
    }
}

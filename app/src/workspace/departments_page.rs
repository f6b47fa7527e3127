//! The admin page of departments: add, rename and remove them, and choose
//! which agents belong to each. Plain forms, so each change also posts
//! without JavaScript.

use leptos::prelude::*;
use leptos_router::components::A;

use super::api::{
    staff_directory, AddDepartment, RemoveDepartment, RenameDepartment, SetDepartmentMember,
};
use super::assign_panel::id_options;
use super::{Agent, Department, DEPARTMENT_NAME_MAX};
use crate::i18n::*;
use crate::ui::forms::{invalid, last_error, AnyProblem, ErrorNotice, FieldError, FormError};
use crate::ui::title::PageTitle;
use crate::validate::Field;

#[derive(Clone, Copy)]
struct Actions {
    rename: ServerAction<RenameDepartment>,
    remove: ServerAction<RemoveDepartment>,
    member: ServerAction<SetDepartmentMember>,
}

#[component]
pub fn DepartmentsPage() -> impl IntoView {
    let i18n = use_i18n();
    let add = ServerAction::<AddDepartment>::new();
    let actions = Actions {
        rename: ServerAction::new(),
        remove: ServerAction::new(),
        member: ServerAction::new(),
    };
    let list = crate::ui::data::resource(
        move || {
            (
                add.version().get(),
                actions.rename.version().get(),
                actions.remove.version().get(),
                actions.member.version().get(),
            )
        },
        |_| staff_directory(),
    );
    let add_error = last_error(add.value());
    let errors = [
        last_error(actions.rename.value()),
        last_error(actions.remove.value()),
        last_error(actions.member.value()),
    ];
    view! {
        <PageTitle text=move || t_string!(i18n, workspace.departments).to_string() />
        <p class="back"><A href="/staff">{tr!(i18n, staff.back_to_list)}</A></p>
        <h1>{tr!(i18n, workspace.departments)}</h1>
        <p>{tr!(i18n, workspace.departments_intro)}</p>
        {errors.map(|error| view! { <AnyProblem error /> })}
        <Transition>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(dir) if dir.departments.is_empty() => {
                        view! { <p class="empty">{tr!(i18n, workspace.no_departments)}</p> }.into_any()
                    }
                    Ok(dir) => {
                        let agents = dir.agents;
                        dir.departments
                            .into_iter()
                            .map(|d| view! { <DepartmentItem d agents=agents.clone() actions /> })
                            .collect_view()
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Transition>
        <section aria-labelledby="add-department-heading">
            <h2 id="add-department-heading">{tr!(i18n, workspace.add_department)}</h2>
            <ActionForm action=add attr:class="add-department">
                <label for="department-name">{tr!(i18n, workspace.department_name)}</label>
                <input id="department-name" name="name" required maxlength=DEPARTMENT_NAME_MAX
                    aria-describedby="department-name-error" aria-invalid=invalid(add_error, Field::Department) />
                <FieldError id="department-name-error" field=Field::Department error=add_error />
                <FormError error=add_error />
                <button type="submit" class="primary">{tr!(i18n, workspace.add_department)}</button>
            </ActionForm>
        </section>
    }
}

/// One department: its name (renamed in place), its members, removal.
#[component]
fn DepartmentItem(d: Department, agents: Vec<Agent>, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let id = d.id;
    let name = d.name.clone();
    let heading = format!("department-{id}");
    let labelled_by = heading.clone();
    let rename_id = format!("department-{id}-name");
    let add_id = format!("department-{id}-add");
    let (rename_for, add_for) = (rename_id.clone(), add_id.clone());
    let (members, others): (Vec<Agent>, Vec<Agent>) =
        agents.into_iter().partition(|a| d.members.contains(&a.id));
    let member_items = members
        .into_iter()
        .map(|a| {
            let label = format!("{} {}", t_string!(i18n, workspace.remove_member), a.name);
            view! {
                <li>
                    {a.name.clone()} " · " {a.email.clone()}
                    <ActionForm action=actions.member attr:class="inline-form">
                        <input type="hidden" name="id" value=id />
                        <input type="hidden" name="user" value=a.id />
                        <input type="hidden" name="member" value="false" />
                        <button type="submit" aria-label=label>{tr!(i18n, staff.remove)}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    let candidates: Vec<(i64, String)> = others.into_iter().map(|a| (a.id, a.name)).collect();
    let pick = move || t_string!(i18n, workspace.choose_agent).to_string();
    view! {
        <section class="department" aria-labelledby=labelled_by>
            <h2 id=heading>{d.name.clone()}</h2>
            <ActionForm action=actions.rename attr:class="inline-form">
                <input type="hidden" name="id" value=id />
                <label for=rename_for>{tr!(i18n, workspace.department_name)}</label>
                <input id=rename_id name="name" required maxlength=DEPARTMENT_NAME_MAX value=name />
                <button type="submit">{tr!(i18n, workspace.rename)}</button>
            </ActionForm>
            <h3>{tr!(i18n, workspace.members)}</h3>
            <ul class="members">{member_items}</ul>
            <ActionForm action=actions.member attr:class="inline-form">
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="member" value="true" />
                <label for=add_for>{tr!(i18n, workspace.add_member)}</label>
                <select id=add_id name="user" required>{id_options(candidates, None, pick)}</select>
                <button type="submit">{tr!(i18n, workspace.add_member)}</button>
            </ActionForm>
            <ActionForm action=actions.remove attr:class="inline-form">
                <input type="hidden" name="id" value=id />
                <button type="submit" class="danger">
                    {tr!(i18n, workspace.remove_department)}
                </button>
            </ActionForm>
        </section>
    }
}

//! The admins' users page: search accounts, give a role, deactivate or
//! bring back. Plain forms, so it also works before the wasm has loaded.

use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::use_query_map;

use crate::auth::{Account, Role};
use crate::error::AppError;
use crate::i18n::*;
use crate::time::Timestamp;
use crate::ui::forms::{last_error, AnyProblem, ErrorNotice};
use crate::ui::title::PageTitle;

#[server(prefix = "/api", endpoint = "users/list")]
pub async fn list_users(search: String) -> Result<Vec<Account>, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        if search.chars().count() > model::cases::filter::SEARCH_MAX {
            return Err(AppError::invalid(
                crate::validate::Field::Search,
                crate::validate::Problem::TooLong,
            ));
        }
        domain::auth::users::list(&state.db, &admin, &search).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "users/role")]
pub async fn set_user_role(id: i64, role: String) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    use crate::validate::{Field, Problem};
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        let role =
            Role::parse(&role).ok_or(AppError::invalid(Field::Assignee, Problem::Unknown))?;
        domain::auth::users::set_role(&state.db, &admin, id, role).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "users/active")]
pub async fn set_user_active(id: i64, active: bool) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        domain::auth::users::set_active(&state.db, &admin, id, active).await
    };
    respond(run.await)
}

fn role_label(i18n: crate::ui::labels::I18n, role: Role) -> String {
    match role {
        Role::Customer => t_string!(i18n, workspace.role_customer),
        Role::Agent => t_string!(i18n, workspace.role_agent),
        Role::Admin => t_string!(i18n, workspace.role_admin),
    }
    .to_string()
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let search = move || query.read().get("q").unwrap_or_default();
    let role = ServerAction::<SetUserRole>::new();
    let active = ServerAction::<SetUserActive>::new();
    let list = crate::ui::data::resource(
        move || (search(), role.version().get(), active.version().get()),
        |(q, _, _)| list_users(q),
    );
    let errors = [last_error(role.value()), last_error(active.value())];
    view! {
        <PageTitle text=move || t_string!(i18n, workspace.users).to_string() />
        <p class="back"><A href="/staff">{tr!(i18n, staff.back_to_list)}</A></p>
        <h1>{tr!(i18n, workspace.users)}</h1>
        <Form method="GET" action="/staff/users" attr:class="inline-form">
            <label for="users-q">{tr!(i18n, workspace.find_user)}</label>
            <input id="users-q" name="q" type="search" prop:value=search />
            <button type="submit">{tr!(i18n, help.search)}</button>
        </Form>
        {errors.map(|error| view! { <AnyProblem error /> })}
        <Transition>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(accounts) => view! { <UsersTable accounts role active /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn UsersTable(
    accounts: Vec<Account>,
    role: ServerAction<SetUserRole>,
    active: ServerAction<SetUserActive>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = accounts
        .into_iter()
        .map(|a| {
            let id = a.id;
            let (name, email, off) = (a.name.clone(), a.email.clone(), a.deactivated);
            let toggle_label = format!(
                "{} {}",
                if off { t_string!(i18n, workspace.reactivate) } else { t_string!(i18n, workspace.deactivate) },
                name
            );
            let select_id = format!("user-{id}-role");
            let select_for = select_id.clone();
            let current = a.role;
            let options = Role::ALL
                .into_iter()
                .map(|r| view! { <option value=r.as_str() selected=r == current>{move || role_label(i18n, r)}</option> })
                .collect_view();
            let state = move || {
                if off {
                    t_string!(i18n, workspace.deactivated).to_string()
                } else {
                    t_string!(i18n, workspace.active).to_string()
                }
            };
            let toggle = if off {
                view! { {tr!(i18n, workspace.reactivate)} }.into_any()
            } else {
                view! { {tr!(i18n, workspace.deactivate)} }.into_any()
            };
            view! {
                <tr class:deactivated=off>
                    <td>{name.clone()}</td>
                    <td>{email}</td>
                    <td>
                        <ActionForm action=role attr:class="inline-form">
                            <input type="hidden" name="id" value=id />
                            <label class="visually-hidden" for=select_for>
                                {tr!(i18n, workspace.role)} " " {name}
                            </label>
                            <select id=select_id name="role">{options}</select>
                            <button type="submit">{tr!(i18n, workspace.save_role)}</button>
                        </ActionForm>
                    </td>
                    <td>{state}</td>
                    <td><Timestamp ms=a.created_at /></td>
                    <td>
                        <ActionForm action=active attr:class="inline-form">
                            <input type="hidden" name="id" value=id />
                            <input type="hidden" name="active" value=if off { "true" } else { "false" } />
                            <button type="submit" aria-label=toggle_label>
                                {toggle}
                            </button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="cases users">
            <thead>
                <tr>
                    <th scope="col">{tr!(i18n, auth.name)}</th>
                    <th scope="col">{tr!(i18n, auth.email)}</th>
                    <th scope="col">{tr!(i18n, workspace.role)}</th>
                    <th scope="col">{tr!(i18n, workspace.account_state)}</th>
                    <th scope="col">{tr!(i18n, cases.created)}</th>
                    <th scope="col"><span class="visually-hidden">{tr!(i18n, workspace.deactivate)}</span></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

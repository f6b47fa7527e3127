//! An agent's saved views in the rail: the current filters kept under a
//! name, each a plain link with its count, removable. Plain forms, so they
//! work before the wasm loads.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::cases::filter::CaseQuery;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::forms::{last_error, AnyProblem};
use model::cases::saved_view::{SavedView, SAVED_VIEW_COUNT_CAP, VIEW_NAME_MAX};

/// The asker's saved views with their counts.
#[server(prefix = "/api", endpoint = "workspace/saved-views")]
pub async fn saved_views() -> Result<Vec<SavedView>, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        let zone = crate::auth::viewer::request_zone();
        domain::cases::saved_views::list(&state.db, &staff, &zone).await
    };
    respond(run.await)
}

/// Keeps the list's filters (`query`, as in its URL) under `name`.
#[server(prefix = "/api", endpoint = "workspace/saved-views/save")]
pub async fn save_view(name: String, query: String) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    use domain::cases::saved_views::SavedViewDraft;
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        let draft = SavedViewDraft::parse(&name, &query)?;
        domain::cases::saved_views::save(&state.db, &staff, &draft).await?;
        Ok(())
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "workspace/saved-views/remove")]
pub async fn remove_view(id: i64) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::cases::saved_views::remove(&state.db, &staff, id).await
    };
    respond(run.await)
}

/// "My views" under the rail's views; `refresh` recounts them.
#[component]
pub fn SavedViews(refresh: Signal<usize>) -> impl IntoView {
    let i18n = use_i18n();
    let search = use_location().search;
    let save = ServerAction::<SaveView>::new();
    let remove = ServerAction::<RemoveView>::new();
    let views = crate::ui::data::resource(
        move || (refresh.get(), save.version().get(), remove.version().get()),
        |_| saved_views(),
    );
    let current = Memo::new(move |_| CaseQuery::from_query_string(&search.get()).first_page());
    let errors = [last_error(save.value()), last_error(remove.value())];
    let items = move |views: Vec<SavedView>| {
        views
            .into_iter()
            .map(|v| {
                let n = match v.n {
                    n if n >= SAVED_VIEW_COUNT_CAP => format!("{n}+"),
                    n => n.to_string(),
                };
                let query = CaseQuery::from_query_string(&v.query);
                let here = move || (current.get() == query).then_some("page");
                let remove_label = format!("{} {}", t_string!(i18n, workspace.remove_view), v.name);
                view! {
                    <li class="saved-view">
                        <A href=format!("/staff?{}", v.query) attr:aria-current=here>
                            <span class="view-name">{v.name}</span>
                            <span class="view-count">{n}</span>
                        </A>
                        <ActionForm action=remove attr:class="inline">
                            <input type="hidden" name="id" value=v.id />
                            <button type="submit" class="link-button" aria-label=remove_label>
                                {tr!(i18n, workspace.remove_view)}
                            </button>
                        </ActionForm>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <h2 class="rail-heading">{tr!(i18n, workspace.my_views)}</h2>
        <ul>
            <Transition>
                {move || Suspend::new(async move {
                    match views.await {
                        Ok(v) if v.is_empty() => {
                            view! { <li class="hint">{tr!(i18n, workspace.no_views)}</li> }.into_any()
                        }
                        Ok(v) => items(v).into_any(),
                        Err(_) => ().into_any(),
                    }
                })}
            </Transition>
        </ul>
        {errors.map(|error| view! { <AnyProblem error /> })}
        // Only filters can be saved: the plain list needs no view.
        <Show when=move || !current.read().is_empty()>
            <ActionForm action=save attr:class="save-view">
                <label for="saved-view-name">{tr!(i18n, workspace.view_name)}</label>
                <input id="saved-view-name" name="name" required maxlength=VIEW_NAME_MAX />
                <input type="hidden" name="query" value=move || search.get() />
                <button type="submit">{tr!(i18n, workspace.save_view)}</button>
            </ActionForm>
        </Show>
    }
}

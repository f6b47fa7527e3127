//! Server functions for staff writing articles: the list with drafts, the
//! editor's data, the live preview and saving. Agents and admins write;
//! customers and visitors are refused.

use leptos::prelude::*;

use super::{ArticleEdit, EditorOptions, StaffArticle};
use crate::error::AppError;

#[server(prefix = "/api", endpoint = "help/staff/articles")]
pub async fn staff_articles() -> Result<Vec<StaffArticle>, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::help::authoring_store::staff_list(&state.db, &staff).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/staff/choices")]
pub async fn editor_choices() -> Result<EditorOptions, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::help::authoring_store::choices(&state.db, &staff).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/staff/article")]
pub async fn article_for_edit(id: i64) -> Result<ArticleEdit, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::help::authoring_store::for_edit(&state.db, &staff, id).await
    };
    respond(run.await)
}

/// The editor's live preview: the same rendering and sanitizing as saving.
#[server(prefix = "/api", endpoint = "help/staff/preview")]
pub async fn preview_article(body: String) -> Result<String, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::help::authoring_store::preview(&staff, &body)
    };
    respond(run.await)
}

/// Saves an article (`id` 0 makes a new one) and answers its id.
#[server(prefix = "/api", endpoint = "help/staff/save")]
pub async fn save_article(article: ArticleEdit) -> Result<i64, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::help::authoring_store::save(&state.db, &staff, &article).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/staff/delete")]
pub async fn delete_article(id: i64) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::help::authoring_store::delete(&state.db, &staff, id).await
    };
    respond(run.await)
}

//! Server functions for staff writing articles: the list with drafts, the
//! editor's data, the live preview and saving. Agents and admins write;
//! customers and visitors are refused.

use leptos::prelude::*;

use super::{ArticleEdit, EditorOptions, StaffArticle};
use crate::error::AppError;

#[server(prefix = "/api", endpoint = "help/staff/articles")]
pub async fn staff_articles() -> Result<Vec<StaffArticle>, AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        require_staff(&state).await?;
        super::authoring_store::staff_list(&state.db).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/staff/choices")]
pub async fn editor_choices() -> Result<EditorOptions, AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        require_staff(&state).await?;
        super::authoring_store::choices(&state.db).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/staff/article")]
pub async fn article_for_edit(id: i64) -> Result<ArticleEdit, AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        require_staff(&state).await?;
        super::authoring_store::for_edit(&state.db, id).await
    };
    respond(run.await)
}

/// The editor's live preview: the same rendering and sanitizing as saving.
#[server(prefix = "/api", endpoint = "help/staff/preview")]
pub async fn preview_article(body: String) -> Result<String, AppError> {
    use crate::state::{app_state, respond};
    use crate::validate::{Field, Problem, MESSAGE_MAX};
    let run = async {
        let state = app_state()?;
        require_staff(&state).await?;
        if body.chars().count() > MESSAGE_MAX {
            return Err(AppError::invalid(Field::Message, Problem::TooLong));
        }
        Ok(super::markdown::render(&body))
    };
    respond(run.await)
}

/// Saves an article (`id` 0 makes a new one) and answers its id.
#[server(prefix = "/api", endpoint = "help/staff/save")]
pub async fn save_article(article: ArticleEdit) -> Result<i64, AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        require_staff(&state).await?;
        super::authoring_store::save(&state.db, &article).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/staff/delete")]
pub async fn delete_article(id: i64) -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        require_staff(&state).await?;
        super::authoring_store::delete(&state.db, id).await
    };
    respond(run.await)
}

/// Signed-in staff, or the error a customer or visitor gets.
#[cfg(feature = "ssr")]
pub async fn require_staff(state: &crate::state::AppState) -> Result<crate::auth::User, AppError> {
    let user = crate::auth::session::require_user(state).await?;
    if user.role.is_staff() {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A signed-in admin, or Forbidden.
#[cfg(feature = "ssr")]
pub async fn require_admin(state: &crate::state::AppState) -> Result<crate::auth::User, AppError> {
    let user = require_staff(state).await?;
    if user.role == crate::auth::Role::Admin {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

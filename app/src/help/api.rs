//! Server functions for the help center; readable by everyone.

use leptos::prelude::*;

use super::{Article, ArticleSummary};
use crate::error::AppError;

#[server(prefix = "/api", endpoint = "help/articles")]
pub async fn list_articles() -> Result<Vec<ArticleSummary>, AppError> {
    use crate::state::{app_state, respond};
    let run = async { super::store::list(&app_state()?.db).await };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/article")]
pub async fn get_article(id: i64) -> Result<Article, AppError> {
    use crate::state::{app_state, respond};
    let run = async { super::store::get(&app_state()?.db, id).await };
    respond(run.await)
}

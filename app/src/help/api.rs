//! Server functions for the help center. Everyone reads published
//! articles; drafts and vote counts are for staff.

use leptos::prelude::*;

use super::{Article, ArticleSummary, Hit, Home, SearchQuery};
use crate::error::AppError;

/// Results per search page, and suggestions while typing a case subject.
pub const SEARCH_LIMIT: i64 = 20;
pub const SUGGEST_LIMIT: i64 = 5;

#[server(prefix = "/api", endpoint = "help/home")]
pub async fn help_home(locale: String) -> Result<Home, AppError> {
    use crate::state::{app_state, respond};
    let run = async { super::store::home(&app_state()?.db, &locale).await };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/article")]
pub async fn get_article(id: i64) -> Result<Article, AppError> {
    use crate::auth::session::current_user;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let user = current_user(&state).await?;
        let staff = user.as_ref().is_some_and(|u| u.role.is_staff());
        let mut article = super::store::article(&state.db, id, staff).await?;
        if let Some(voter) = super::visitor::voter(user.as_ref()) {
            article.my_vote = super::votes::vote_of(&state.db, id, &voter).await?;
        }
        if staff {
            article.feedback = Some(super::votes::feedback(&state.db, id).await?);
        }
        Ok(article)
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/search")]
pub async fn search_articles(query: SearchQuery) -> Result<Vec<Hit>, AppError> {
    use super::search;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let hits = search::for_db(&state.db).search(&query, SEARCH_LIMIT).await;
        hits
    };
    respond(run.await)
}

/// Articles matching a new case's subject as it is typed (deflection).
#[server(prefix = "/api", endpoint = "help/suggest")]
pub async fn suggest_articles(
    subject: String,
    locale: String,
) -> Result<Vec<ArticleSummary>, AppError> {
    use super::search;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let query = SearchQuery {
            q: subject,
            lang: locale,
            ..Default::default()
        };
        let hits = search::for_db(&state.db)
            .search(&query, SUGGEST_LIMIT)
            .await?;
        Ok(hits.into_iter().map(|h| h.article).collect())
    };
    respond(run.await)
}

/// "Was this article helpful?": `helpful` is "yes" or "no"; a comment goes
/// with "no" only. Without JavaScript the form lands back on the article.
#[server(prefix = "/api", endpoint = "help/vote")]
pub async fn vote_article(
    id: i64,
    helpful: String,
    comment: Option<String>,
) -> Result<(), AppError> {
    use crate::auth::session::current_user;
    use crate::state::{app_state, respond};
    use crate::validate::{Field, Problem};
    let run = async {
        let state = app_state()?;
        let helpful = match helpful.as_str() {
            "yes" => true,
            "no" => false,
            _ => return Err(AppError::invalid(Field::Status, Problem::Unknown)),
        };
        let user = current_user(&state).await?;
        let voter = super::visitor::voter_or_new(&state, user.as_ref());
        let comment = comment.unwrap_or_default();
        super::votes::vote(&state.db, id, &voter, helpful, &comment).await
    };
    respond(run.await)
}

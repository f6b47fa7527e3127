//! Server functions for the help center. Everyone reads published
//! articles; drafts and vote counts are for staff.

use leptos::prelude::*;

use super::{Article, ArticleSummary, Hit, SearchQuery};
use crate::error::AppError;

/// Results per search page, and suggestions while typing a case subject.
pub const SEARCH_LIMIT: i64 = 20;
pub const SUGGEST_LIMIT: i64 = 5;

/// The home page's lists (banner, folders by country, guides) as HTML in
/// `locale` (see `ui::fragment`).
#[server(prefix = "/api", endpoint = "help/home")]
pub async fn help_home(locale: String) -> Result<String, AppError> {
    use crate::state::{app_state, respond};
    use crate::ui::fragment::render;
    let run = async {
        let home = domain::help::store::home(&app_state()?.db, &locale).await?;
        Ok(render(
            &locale,
            None,
            move || view! { <super::home_lists::HomeLists home /> },
        ))
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/article")]
pub async fn get_article(id: i64) -> Result<Article, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    use domain::help::{store, votes};
    let run = async {
        let state = app_state()?;
        let actor = session::actor(&state).await?;
        let mut article = store::article(&state.db, &actor, id).await?;
        if let Some(voter) = super::visitor::voter(&actor) {
            article.my_vote = votes::vote_of(&state.db, id, &voter).await?;
        }
        if let Ok(staff) = actor.staff() {
            article.feedback = Some(votes::feedback(&state.db, &staff, id).await?);
        }
        Ok(article)
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/search")]
pub async fn search_articles(query: SearchQuery) -> Result<Vec<Hit>, AppError> {
    use crate::state::{app_state, respond};
    use domain::help::search;
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
    use crate::state::{app_state, respond};
    use domain::help::search;
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
    use crate::auth::session;
    use crate::state::{app_state, respond};
    use crate::validate::{Field, Problem};
    let run = async {
        let state = app_state()?;
        let helpful = match helpful.as_str() {
            "yes" => true,
            "no" => false,
            _ => return Err(AppError::invalid(Field::Status, Problem::Unknown)),
        };
        let actor = session::actor(&state).await?;
        let voter = super::visitor::voter_or_new(&state, &actor);
        let comment = comment.unwrap_or_default();
        let client = crate::auth::session::client_addr();
        domain::help::votes::vote_from(&state.db, id, &voter, helpful, &comment, client).await
    };
    respond(run.await)
}

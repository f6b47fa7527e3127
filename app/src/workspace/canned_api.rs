//! Server functions of canned responses: thin wrappers over the core.

use leptos::prelude::*;

use super::Canned;
use crate::error::AppError;

/// The shared responses and the asker's own.
#[server(prefix = "/api", endpoint = "canned")]
pub async fn canned_list() -> Result<Vec<Canned>, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::cases::canned::list(&state.db, &staff).await
    };
    respond(run.await)
}

/// Adds a response (`id` empty) or changes one; `shared` is the ticked box.
#[server(prefix = "/api", endpoint = "canned/save")]
pub async fn save_canned(
    id: String,
    title: String,
    shared: Option<String>,
    body_en: String,
    body_es: String,
    body_fr: String,
) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    use crate::validate::{Field, Problem};
    use domain::cases::canned::CannedDraft;
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        let id = match id.trim() {
            "" => None,
            raw => Some(
                raw.parse()
                    .map_err(|_| AppError::invalid(Field::Canned, Problem::Unknown))?,
            ),
        };
        let bodies = [body_en.as_str(), body_es.as_str(), body_fr.as_str()];
        let draft = CannedDraft::parse(&title, shared.is_some(), bodies)?;
        domain::cases::canned::save(&state.db, &staff, id, &draft).await?;
        Ok(())
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "canned/remove")]
pub async fn remove_canned(id: i64) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::cases::canned::remove(&state.db, &staff, id).await
    };
    respond(run.await)
}

/// Response `id` as inserted into a reply on case `number`.
#[server(prefix = "/api", endpoint = "canned/fill")]
pub async fn fill_canned(number: i64, id: i64) -> Result<String, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::cases::canned::fill_for_case(&state.db, &staff, number, id).await
    };
    respond(run.await)
}

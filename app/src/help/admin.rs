//! Server functions for admins arranging the help center: collections
//! (countries), folders (products) and the home-page banner. Plain string
//! arguments, so the forms also post without JavaScript.

use leptos::prelude::*;

use super::{BannerRow, CollectionAdmin};
use crate::error::AppError;

#[server(prefix = "/api", endpoint = "help/admin/collections")]
pub async fn help_collections() -> Result<Vec<CollectionAdmin>, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        domain::help::structure::collections(&state.db, &admin).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/admin/add-collection")]
pub async fn add_collection(country: String) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        domain::help::structure::add_collection(&state.db, &admin, &country).await?;
        Ok(())
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/admin/remove-collection")]
pub async fn remove_collection(id: i64) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        domain::help::structure::remove_collection(&state.db, &admin, id).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/admin/add-folder")]
pub async fn add_folder(collection: i64, product: String) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        domain::help::structure::add_folder(&state.db, &admin, collection, &product).await?;
        Ok(())
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/admin/rename-folder")]
pub async fn rename_folder(id: i64, product: String) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        domain::help::structure::rename_folder(&state.db, &admin, id, &product).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/admin/remove-folder")]
pub async fn remove_folder(id: i64) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        domain::help::structure::remove_folder(&state.db, &admin, id).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/admin/banners")]
pub async fn help_banners() -> Result<Vec<BannerRow>, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        domain::help::structure::banners(&state.db, &admin).await
    };
    respond(run.await)
}

/// `starts` and `ends` are `datetime-local` values, read in the admin's
/// zone (the one their pages show).
#[server(prefix = "/api", endpoint = "help/admin/add-banner")]
pub async fn add_banner(
    kind: String,
    severity: String,
    message: String,
    starts: String,
    ends: String,
) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        let zone = crate::auth::viewer::request_zone();
        let banner = domain::help::structure::check_banner(
            &kind, &severity, &message, &starts, &ends, &zone,
        )?;
        domain::help::structure::add_banner(&state.db, &admin, &banner).await?;
        Ok(())
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/admin/remove-banner")]
pub async fn remove_banner(id: i64) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        domain::help::structure::remove_banner(&state.db, &admin, id).await
    };
    respond(run.await)
}

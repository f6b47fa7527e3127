//! Server functions for admins arranging the help center: collections
//! (countries), folders (products) and the home-page banner. Plain string
//! arguments, so the forms also post without JavaScript.

use leptos::prelude::*;

use super::{BannerRow, CollectionAdmin};
use crate::error::AppError;

pub const BANNER_KINDS: [&str; 3] = ["news", "announcement", "disruption"];
pub const SEVERITIES: [&str; 3] = ["info", "warning", "critical"];

#[server(prefix = "/api", endpoint = "help/admin/collections")]
pub async fn help_collections() -> Result<Vec<CollectionAdmin>, AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        super::authoring::require_admin(&state).await?;
        super::structure::collections(&state.db).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/admin/add-collection")]
pub async fn add_collection(country: String) -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    use crate::validate::{Field, Problem};
    let run = async {
        let state = app_state()?;
        super::authoring::require_admin(&state).await?;
        if !super::COUNTRIES.contains(&country.as_str()) {
            return Err(AppError::invalid(Field::Country, Problem::Unknown));
        }
        super::structure::add_collection(&state.db, &country).await?;
        Ok(())
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/admin/remove-collection")]
pub async fn remove_collection(id: i64) -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        super::authoring::require_admin(&state).await?;
        super::structure::remove_collection(&state.db, id).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/admin/add-folder")]
pub async fn add_folder(collection: i64, product: String) -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        super::authoring::require_admin(&state).await?;
        let product = product_name(&product)?;
        super::structure::add_folder(&state.db, collection, &product).await?;
        Ok(())
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/admin/rename-folder")]
pub async fn rename_folder(id: i64, product: String) -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        super::authoring::require_admin(&state).await?;
        let product = product_name(&product)?;
        super::structure::rename_folder(&state.db, id, &product).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/admin/remove-folder")]
pub async fn remove_folder(id: i64) -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        super::authoring::require_admin(&state).await?;
        super::structure::remove_folder(&state.db, id).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/admin/banners")]
pub async fn help_banners() -> Result<Vec<BannerRow>, AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        super::authoring::require_admin(&state).await?;
        super::structure::banners(&state.db).await
    };
    respond(run.await)
}

/// `starts` and `ends` are `datetime-local` values, read as UTC (the time
/// every page shows).
#[server(prefix = "/api", endpoint = "help/admin/add-banner")]
pub async fn add_banner(
    kind: String,
    severity: String,
    message: String,
    starts: String,
    ends: String,
) -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        super::authoring::require_admin(&state).await?;
        let banner = super::structure::check_banner(&kind, &severity, &message, &starts, &ends)?;
        super::structure::add_banner(&state.db, &banner).await?;
        Ok(())
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "help/admin/remove-banner")]
pub async fn remove_banner(id: i64) -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        super::authoring::require_admin(&state).await?;
        super::structure::remove_banner(&state.db, id).await
    };
    respond(run.await)
}

/// A folder's product name: trimmed, 1 to 100 characters, no control
/// characters.
#[cfg(feature = "ssr")]
fn product_name(raw: &str) -> Result<String, AppError> {
    use crate::validate::{Field, Problem};
    let name = raw.trim();
    if name.is_empty() {
        return Err(AppError::invalid(Field::Product, Problem::Required));
    }
    if name.chars().count() > crate::cases::record::SHORT_TEXT_MAX {
        return Err(AppError::invalid(Field::Product, Problem::TooLong));
    }
    if name.chars().any(char::is_control) {
        return Err(AppError::invalid(Field::Product, Problem::Malformed));
    }
    Ok(name.to_owned())
}

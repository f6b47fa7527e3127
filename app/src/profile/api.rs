//! Server functions of the profile page. `domain::auth::profile` decides;
//! these read the session and answer.

use leptos::prelude::*;
use model::auth::Profile;

use crate::error::AppError;

#[server(prefix = "/api", endpoint = "profile/get")]
pub async fn my_profile() -> Result<Profile, AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let person = crate::auth::session::person(&state).await?;
        domain::auth::profile::get(&state.db, &person).await
    };
    respond(run.await)
}

/// Every zone name the server knows, for the zone field's suggestions.
#[server(prefix = "/api", endpoint = "profile/zones")]
pub async fn time_zones() -> Result<Vec<String>, AppError> {
    Ok(domain::auth::profile::zone_names())
}

#[server(prefix = "/api", endpoint = "profile/save")]
pub async fn save_profile(
    name: String,
    job_title: String,
    phone: String,
    language: String,
    time_zone: String,
) -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let person = crate::auth::session::person(&state).await?;
        let form = Profile {
            name,
            job_title,
            phone,
            language,
            time_zone,
            ..Default::default()
        };
        domain::auth::profile::update(&state.db, &person, &form).await?;
        if let Some(lang) = domain::auth::Language::parse(&form.language) {
            crate::language::set_cookie(lang);
        }
        Ok(())
    };
    respond(run.await)
}

/// The language switch: the choice goes in a cookie, and in the profile of
/// a signed-in person. A plain form (before the wasm has loaded) sends
/// `next`, the page to come back to; the hydrated switch sends none.
#[server(prefix = "/api", endpoint = "profile/language")]
pub async fn switch_language(language: String, next: Option<String>) -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let lang = domain::auth::Language::parse(&language).ok_or(AppError::BadRequest)?;
        let actor = crate::auth::session::actor(&state).await?;
        domain::auth::profile::choose_language(&state.db, &actor, lang).await?;
        crate::language::set_cookie(lang);
        if let Some(next) = next {
            leptos_axum::redirect(&crate::auth::api::safe_next(Some(&next)));
        }
        Ok(())
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "profile/password")]
pub async fn change_password(current: String, password: String) -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let person = crate::auth::session::person(&state).await?;
        let token = crate::auth::session::current_token().ok_or(AppError::SignInRequired)?;
        domain::auth::profile::change_password(&state.db, &person, &current, &password, &token)
            .await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "profile/email")]
pub async fn change_email(email: String) -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let person = crate::auth::session::person(&state).await?;
        domain::auth::profile::change_email(&state.db, &person, &email).await
    };
    respond(run.await)
}

#[server(prefix = "/api", endpoint = "profile/remove-photo")]
pub async fn remove_photo() -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let person = crate::auth::session::person(&state).await?;
        domain::auth::photo::remove(&state.db, &state.files, &person).await
    };
    respond(run.await)
}

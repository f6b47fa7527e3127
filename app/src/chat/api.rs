//! Server functions of business hours: thin wrappers that find who asks,
//! call the core and answer.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::hours::{BusinessHours, HoursForm};
use crate::error::AppError;

/// The hours as everyone may read them, with what they mean now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceHours {
    pub hours: BusinessHours,
    pub open_now: bool,
    /// Holidays from today on, in the company's zone.
    pub upcoming: Vec<String>,
}

/// Business hours, and whether the help service is open now.
#[server(prefix = "/api", endpoint = "chat/hours")]
pub async fn get_service_hours() -> Result<ServiceHours, AppError> {
    use crate::state::{app_state, respond};
    use domain::chat::hours;
    let run = async {
        let state = app_state()?;
        let hours = hours::get(&state.db).await?;
        let now = state.db.now();
        Ok(ServiceHours {
            open_now: hours::is_open(&hours, now),
            upcoming: hours::upcoming_holidays(&hours, now),
            hours,
        })
    };
    respond(run.await)
}

/// The hours as the settings form shows them (admins).
#[server(prefix = "/api", endpoint = "settings/hours")]
pub async fn get_hours_form() -> Result<HoursForm, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        session::admin(&state).await?;
        let hours = domain::chat::hours::get(&state.db).await?;
        Ok(HoursForm::of(&hours))
    };
    respond(run.await)
}

/// Replaces the business hours (admins).
#[server(prefix = "/api", endpoint = "settings/hours/save")]
pub async fn save_hours(hours: HoursForm) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        domain::chat::hours::save(&state.db, &admin, &hours).await
    };
    respond(run.await)
}

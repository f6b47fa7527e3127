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

/// The chat settings as the settings form shows them: the most chats one
/// agent holds, and the minutes a visitor waits before the help form is
/// offered.
#[server(prefix = "/api", endpoint = "settings/chat")]
pub async fn get_chat_limits() -> Result<(i64, i64), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        session::admin(&state).await?;
        let s = domain::chat::agents::settings(&state.db).await?;
        Ok((s.max_chats, s.offer_form_ms / 60_000))
    };
    respond(run.await)
}

/// Sets both chat settings (whole numbers; minutes for the wait).
#[server(prefix = "/api", endpoint = "settings/chat/save")]
pub async fn save_chat_limits(max_chats: String, wait_minutes: String) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    use crate::validate::{Field, Problem};
    use domain::chat::agents::{self, ChatSettings};
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        let max_chats = max_chats
            .trim()
            .parse()
            .map_err(|_| AppError::invalid(Field::MaxChats, Problem::Malformed))?;
        let minutes: i64 = wait_minutes
            .trim()
            .parse()
            .map_err(|_| AppError::invalid(Field::Chat, Problem::Malformed))?;
        let settings = ChatSettings {
            max_chats,
            offer_form_ms: minutes.saturating_mul(60_000),
        };
        agents::save_settings(&state.db, &admin, settings).await
    };
    respond(run.await)
}

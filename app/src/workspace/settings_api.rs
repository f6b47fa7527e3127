//! Server functions of the settings page: thin wrappers that find the
//! admin asking, parse the form and call the core.

use leptos::prelude::*;

use crate::error::AppError;
use model::cases::close_times::CloseTimes;

/// The automatic-close waits in force.
#[server(prefix = "/api", endpoint = "settings/close-times")]
pub async fn close_waits() -> Result<CloseTimes, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        session::admin(&state).await?;
        let times =
            domain::cases::settings::close_times(&state.db, &state.settings.auto_close).await?;
        let ms = |d: std::time::Duration| i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
        Ok(CloseTimes {
            awaiting_reply_ms: ms(times.awaiting_reply),
            awaiting_confirmation_ms: ms(times.awaiting_confirmation),
            resolved_ms: ms(times.resolved),
        })
    };
    respond(run.await)
}

/// Sets the three waits, in hours.
#[server(prefix = "/api", endpoint = "settings/close-times/save")]
pub async fn save_close_times(
    awaiting_reply: String,
    awaiting_confirmation: String,
    resolved: String,
) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        let times = CloseTimes::parse(&awaiting_reply, &awaiting_confirmation, &resolved)?;
        domain::cases::settings::set_close_times(&state.db, &admin, &times).await
    };
    respond(run.await)
}

#[cfg(feature = "ssr")]
fn key(raw: &str) -> Result<model::cases::case_type::CaseType, AppError> {
    model::cases::case_type::CaseType::parse(raw).ok_or(AppError::NotFound)
}

/// Adds a case type with its three labels.
#[server(prefix = "/api", endpoint = "settings/case-types/add")]
pub async fn add_case_type(
    label_en: String,
    label_es: String,
    label_fr: String,
) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    use model::cases::case_type::CaseTypeDraft;
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        let draft = CaseTypeDraft::parse([&label_en, &label_es, &label_fr])?;
        domain::cases::settings::add(&state.db, &admin, &draft).await?;
        Ok(())
    };
    respond(run.await)
}

/// New labels for a case type.
#[server(prefix = "/api", endpoint = "settings/case-types/relabel")]
pub async fn relabel_case_type(
    key: String,
    label_en: String,
    label_es: String,
    label_fr: String,
) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    use model::cases::case_type::CaseTypeDraft;
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        let key = self::key(&key)?;
        let draft = CaseTypeDraft::parse([&label_en, &label_es, &label_fr])?;
        domain::cases::settings::relabel(&state.db, &admin, &key, &draft).await
    };
    respond(run.await)
}

/// Offers a case type for new cases again (`active` "true"), or stops.
#[server(prefix = "/api", endpoint = "settings/case-types/active")]
pub async fn set_case_type_active(key: String, active: String) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let admin = session::admin(&state).await?;
        let key = self::key(&key)?;
        let active = active == "true";
        domain::cases::settings::set_active(&state.db, &admin, &key, active).await
    };
    respond(run.await)
}

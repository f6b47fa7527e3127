//! Server functions of the agents' side of chats: thin wrappers that find
//! the staff member asking and call the core.

use leptos::prelude::*;

use super::ChatRow;
use crate::error::AppError;

/// Whether the agent asking takes chats.
#[server(prefix = "/api", endpoint = "chat/available")]
pub async fn chat_available() -> Result<bool, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::chat::agents::is_available(&state.db, &staff).await
    };
    respond(run.await)
}

/// The availability switch ("true": available, else away).
#[server(prefix = "/api", endpoint = "chat/available/set")]
pub async fn set_chat_available(available: String) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::chat::agents::set_available(&state.db, &staff, available == "true").await
    };
    respond(run.await)
}

/// Chats not ended, waiting ones first.
#[server(prefix = "/api", endpoint = "chat/open")]
pub async fn open_chats() -> Result<Vec<ChatRow>, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::chat::console::open_chats(&state.db, &staff).await
    };
    respond(run.await)
}

/// The chat of case `number`, for its case page (`None`: not a chat).
#[server(prefix = "/api", endpoint = "chat/of-case")]
pub async fn chat_of_case(number: i64) -> Result<Option<ChatRow>, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::chat::console::chat_for(&state.db, &staff, number).await
    };
    respond(run.await)
}

/// Accepts a waiting chat: it becomes the agent's.
#[server(prefix = "/api", endpoint = "chat/accept")]
pub async fn accept_chat(number: i64) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::chat::agents::accept(&state.db, &staff, number).await
    };
    respond(run.await)
}

/// "End chat" by an agent.
#[server(prefix = "/api", endpoint = "chat/staff-end")]
pub async fn end_chat(number: i64) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        domain::chat::agents::end(&state.db, &staff, number).await
    };
    respond(run.await)
}

/// Hands a chat to another agent or a department (`to`: `agent:7` or
/// `department:2`).
#[server(prefix = "/api", endpoint = "chat/transfer")]
pub async fn transfer_chat(number: i64, to: String) -> Result<(), AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    use crate::validate::{Field, Problem};
    let run = async {
        let state = app_state()?;
        let staff = session::staff(&state).await?;
        let to =
            super::Transfer::parse(&to).ok_or(AppError::invalid(Field::Chat, Problem::Unknown))?;
        domain::chat::console::transfer(&state.db, &staff, number, to).await
    };
    respond(run.await)
}

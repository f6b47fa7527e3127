//! Server functions of a visitor's chat. The browser proves its chat with
//! a token in an HttpOnly cookie, set when the chat starts; these only
//! read it, call the core and answer.

use leptos::prelude::*;

use super::{ButtonMode, ChatLine, ChatView};
use crate::error::AppError;

/// The chat cookie: one per browser, kept for its next chats.
#[cfg(feature = "ssr")]
pub const CHAT_COOKIE: &str = "hd_chat";

/// The token the browser holds, if any.
#[cfg(feature = "ssr")]
fn token() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    crate::auth::session::cookie(&parts.headers, CHAT_COOKIE)
}

#[cfg(feature = "ssr")]
fn token_or_not_found() -> Result<String, AppError> {
    token().ok_or(AppError::NotFound)
}

/// What the help button offers, and this browser's open chat.
#[server(prefix = "/api", endpoint = "chat/mode")]
pub async fn get_button_mode() -> Result<ButtonMode, AppError> {
    use crate::state::{app_state, respond};
    use domain::chat::{agents, state::ChatState, visitor};
    let run = async {
        let state = app_state()?;
        let mut my_chat = None;
        if let Some(token) = token() {
            if let Ok(chat) = visitor::chat_of(&state.db, &token).await {
                my_chat = (chat.state != ChatState::Ended).then_some(chat.number);
            }
        }
        let mode = agents::mode(&state.db, state.db.now()).await?;
        Ok(ButtonMode {
            chat: mode == agents::Mode::Chat,
            my_chat,
        })
    };
    respond(run.await)
}

/// Starts a chat (a name or an email, and the first message): the case
/// number. The browser keeps the token as a cookie for 30 days.
#[server(prefix = "/api", endpoint = "chat/start")]
pub async fn start_chat(name: String, email: String, message: String) -> Result<i64, AppError> {
    use crate::auth::session;
    use crate::state::{app_state, respond};
    use domain::chat::visitor::{self, Start};
    let run = async {
        let state = app_state()?;
        let form = Start {
            name,
            email,
            message,
        };
        let language = crate::language::request_language();
        let previous = token();
        let (token, number) = visitor::start(
            &state.db,
            &form,
            language,
            session::client_addr(),
            previous.as_deref(),
        )
        .await?;
        let secure = session::secure_here(&state);
        let max_age = 30 * 24 * 60 * 60;
        let flags = if secure { "; Secure" } else { "" };
        session::set_cookie(format!(
            "{CHAT_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{flags}"
        ));
        Ok(number)
    };
    respond(run.await)
}

/// This browser's latest chat (`None`: none yet).
#[server(prefix = "/api", endpoint = "chat/mine")]
pub async fn my_chat() -> Result<Option<ChatView>, AppError> {
    use crate::state::{app_state, respond};
    use domain::chat::{agents, visitor};
    let run = async {
        let state = app_state()?;
        let Some(token) = token() else {
            return Ok(None);
        };
        let chat = match visitor::chat_of(&state.db, &token).await {
            Ok(chat) => chat,
            Err(AppError::NotFound) => return Ok(None),
            Err(err) => return Err(err),
        };
        let settings = agents::settings(&state.db).await?;
        Ok(Some(ChatView {
            number: chat.number,
            state: chat.state,
            offer_form: agents::offer_form(&settings, chat.state, chat.started_at, state.db.now()),
            agent: chat.agent,
            agent_typing: chat.agent_typing,
            has_email: chat.visitor_email.is_some(),
        }))
    };
    respond(run.await)
}

/// The chat's messages after message `after`, oldest first.
#[server(prefix = "/api", endpoint = "chat/lines")]
pub async fn chat_lines(after: i64) -> Result<Vec<ChatLine>, AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        domain::chat::visitor::lines(&state.db, &token_or_not_found()?, after).await
    };
    respond(run.await)
}

/// The visitor writes.
#[server(prefix = "/api", endpoint = "chat/send")]
pub async fn send_chat(message: String) -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        domain::chat::visitor::send(&state.db, &token_or_not_found()?, &message).await?;
        Ok(())
    };
    respond(run.await)
}

/// The visitor is writing.
#[server(prefix = "/api", endpoint = "chat/typing")]
pub async fn chat_typing() -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        domain::chat::visitor::typing(&state.db, &token_or_not_found()?).await
    };
    respond(run.await)
}

/// "Email me the transcript".
#[server(prefix = "/api", endpoint = "chat/transcript")]
pub async fn email_transcript() -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        domain::chat::visitor::email_transcript(&state.db, &token_or_not_found()?).await
    };
    respond(run.await)
}

/// "End chat" by the visitor.
#[server(prefix = "/api", endpoint = "chat/end")]
pub async fn end_my_chat() -> Result<(), AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        domain::chat::visitor::end(&state.db, &token_or_not_found()?).await
    };
    respond(run.await)
}

/// The chat of the token in `headers`, for the live stream.
#[cfg(feature = "ssr")]
pub async fn chat_in(
    state: &crate::state::AppState,
    headers: &http::HeaderMap,
) -> Option<domain::chat::visitor::Chat> {
    let token = crate::auth::session::cookie(headers, CHAT_COOKIE)?;
    domain::chat::visitor::chat_of(&state.db, &token).await.ok()
}

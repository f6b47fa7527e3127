//! `GET /events`: the live-update stream (server-sent events). Each event
//! names the cases that changed which the signed-in person may know of;
//! pages refetch what they show. The browser's EventSource reconnects by
//! itself, after the `retry` this stream asks for.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use domain::auth::Actor;
use domain::cases::changes::Batch;
use futures::stream::{self, Stream, StreamExt};
use http::HeaderMap;
use tokio::sync::broadcast::error::RecvError;

use crate::auth::session;
use crate::error::AppError;
use crate::state::AppState;

/// A stream ends after this long and the browser opens a new one, so a
/// session that ended meanwhile stops hearing.
const LIFETIME: Duration = Duration::from_secs(5 * 60);
/// How long the browser waits before reconnecting (milliseconds).
const RETRY: Duration = Duration::from_secs(2);

pub async fn stream(State(state): State<AppState>, headers: HeaderMap) -> Response {
    // A signed-in person, or a visitor with a chat (its cookie).
    let chat = crate::chat::visitor_api::chat_in(&state, &headers).await;
    let actor = match session::actor_from_headers(&state, &headers).await {
        Ok(actor @ Actor::Person(_)) => actor,
        Ok(Actor::Visitor) if chat.is_some() => Actor::Visitor,
        Ok(Actor::Visitor) => return refused(AppError::SignInRequired),
        Err(err) => return refused(err),
    };
    // A visitor without an account hears of their chat alone.
    let receiver = match (&actor, &chat) {
        (Actor::Visitor, Some(chat)) => state.live.subscribe_case(chat.number),
        _ => state.live.subscribe(),
    };
    let listener = Listener { actor, chat };
    let until = tokio::time::Instant::now() + LIFETIME;
    let first = Event::default().event("ready").retry(RETRY).data("[]");
    let events = stream::once(async move { Ok(first) }).chain(changes(listener, receiver, until));
    Sse::new(events)
        .keep_alive(KeepAlive::default())
        .into_response()
}

fn refused(err: AppError) -> Response {
    (err.status(), axum::Json(err)).into_response()
}

/// Who listens: what they may know of is decided by the core.
struct Listener {
    actor: Actor,
    chat: Option<domain::chat::visitor::Chat>,
}

impl Listener {
    fn hears(&self, change: &domain::cases::changes::Change) -> bool {
        change.visible_to(&self.actor)
            || self
                .chat
                .as_ref()
                .is_some_and(|c| change.visible_in_chat(c))
    }
}

/// The changes `listener` may know of, one event per batch that has some.
fn changes(
    listener: Listener,
    receiver: tokio::sync::broadcast::Receiver<Batch>,
    until: tokio::time::Instant,
) -> impl Stream<Item = Result<Event, Infallible>> {
    stream::unfold((listener, receiver), move |(listener, mut rx)| async move {
        loop {
            let next = tokio::time::timeout_at(until, rx.recv()).await.ok()?;
            let event = match next {
                Ok(batch) => {
                    let mut numbers: Vec<i64> = batch
                        .iter()
                        .filter(|c| listener.hears(c))
                        .map(|c| c.number)
                        .collect();
                    numbers.dedup();
                    if numbers.is_empty() {
                        continue;
                    }
                    let data = serde_json::to_string(&numbers).unwrap_or_default();
                    Event::default().event("changes").data(data)
                }
                // Too slow to keep up: the page reloads everything.
                Err(RecvError::Lagged(_)) => Event::default().event("changes").data("[]"),
                Err(RecvError::Closed) => return None,
            };
            return Some((Ok(event), (listener, rx)));
        }
    })
}

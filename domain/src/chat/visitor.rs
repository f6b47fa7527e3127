//! A visitor's side of a chat (PRODUCT.md §4): starting one opens a case
//! (origin chat) at once; the visitor proves the chat is theirs with an
//! unguessable token (kept in a cookie by the browser; only its SHA-256 is
//! stored). Messages are the case's conversation.

use std::net::IpAddr;

use super::state::{self, ChatState};
use crate::auth::accounts::{new_token, token_hash};
use crate::auth::throttle::{self, Rule};
use crate::auth::{store as users, Language, User};
use crate::cases::open::{open_in, NewCase};
use crate::cases::{CaseType, Origin};
use crate::db::{Db, Tx};
use crate::error::AppError;
use crate::validate::{Email, Field, MessageBody, PersonName, Problem};
pub use model::chat::ChatLine;

/// Chat starts naming one email address, an hour.
const START_PER_EMAIL: Rule = throttle::CHAT_START_EMAIL;
/// Chat starts by one browser (its token), an hour.
const START_PER_TOKEN: Rule = throttle::CHAT_START_TOKEN;
/// The domain of visitors who gave a name only: reserved, never mailed.
pub const NO_ADDRESS_DOMAIN: &str = "visitors.invalid";
/// Messages one call returns at most.
const LINES_MAX: i64 = 200;

/// What a visitor fills in to start: a name or an email (or both), and the
/// first message.
#[derive(Debug, Clone, Default)]
pub struct Start {
    pub name: String,
    pub email: String,
    pub message: String,
}

/// A chat as its visitor sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chat {
    pub case_id: i64,
    pub number: i64,
    pub state: ChatState,
    pub visitor_name: String,
    pub visitor_email: Option<String>,
    /// The agent who accepted it.
    pub agent: Option<String>,
    /// The agent is writing (seen within the last few seconds).
    pub agent_typing: bool,
    pub started_at: i64,
}

/// Starts a chat: checks the form, opens its case and gives the visitor's
/// new token and the case number. `previous`: the token the browser held
/// (a visitor whose chat is still open gets that one back instead).
pub async fn start(
    db: &Db,
    form: &Start,
    language: Language,
    client: Option<IpAddr>,
    previous: Option<&str>,
) -> Result<(String, i64), AppError> {
    // The browser's token, when it is one we gave: its open chat, or the
    // token its next chat keeps (so starts count per browser).
    let mut known = None;
    if let Some(token) = previous {
        if let Ok(chat) = chat_of(db, token).await {
            if chat.state != ChatState::Ended {
                return Ok((token.to_owned(), chat.number));
            }
            known = Some(token);
        }
    }
    let email = match form.email.trim() {
        "" => None,
        raw => Some(Email::parse(raw)?),
    };
    let name = match (form.name.trim(), &email) {
        ("", None) => return Err(AppError::invalid(Field::Email, Problem::Required)),
        ("", Some(e)) => PersonName::parse(e.as_str().split('@').next().unwrap_or(""))?,
        (name, _) => PersonName::parse(name)?,
    };
    let message = MessageBody::parse(&form.message)?;
    let subject = super::subject_of(&message)?;
    let now = db.now();
    if let Some(email) = &email {
        throttle::check(db, START_PER_EMAIL, email.as_str(), now).await?;
    }
    if let Some(token) = known {
        throttle::check(db, START_PER_TOKEN, &token_hash(token), now).await?;
    }
    crate::auth::gate::mail_form(db, client).await?;
    let token = known.map_or_else(new_token, str::to_owned);
    let mut tx = db.begin_write().await?;
    let requester = match &email {
        Some(email) => users::contact(&mut tx, email, &name, now).await?,
        None => {
            let address = format!("chat-{}@{NO_ADDRESS_DOMAIN}", &token_hash(&token)[..16]);
            let address = Email::parse(&address.to_lowercase())?;
            users::contact(&mut tx, &address, &name, now).await?
        }
    };
    let adding = crate::cases::quota::Adding {
        case: true,
        bytes: 0,
    };
    crate::cases::quota::check(&mut tx, db.limits(), &requester, adding, now).await?;
    let mut new = NewCase::new(subject, CaseType::OTHER, message);
    new.origin = Origin::Chat;
    new.language = language;
    let written = open_in(&mut tx, &requester, &requester, &new, &[], now).await?;
    sqlx::query(
        "INSERT INTO chats (case_id, token_hash, visitor_email, state, started_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(written.case_id)
    .bind(token_hash(&token))
    .bind(email.as_ref().map(|e| e.as_str().to_owned()))
    .bind(ChatState::Waiting.as_str())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    if let Some(email) = &email {
        throttle::record(db, START_PER_EMAIL, email.as_str(), now).await?;
    }
    throttle::record(db, START_PER_TOKEN, &token_hash(&token), now).await?;
    let number = written.opened.number();
    tracing::info!(case = number, "chat started");
    Ok((token, number))
}

type ChatRow = (
    i64,
    i64,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<i64>,
    i64,
);

/// How recent a visitor's "typing" must be to show.
pub const TYPING_MS: i64 = 6_000;

/// The latest chat of `token`; an unknown or forged token reads as not
/// found.
pub async fn chat_of(db: &Db, token: &str) -> Result<Chat, AppError> {
    // The agent writes when their case page says so (collision warnings).
    let row: Option<ChatRow> = sqlx::query_as(
        "SELECT ch.case_id, c.number, ch.state, u.name, ch.visitor_email, a.name, \
                (SELECT MAX(p.seen_at) FROM case_presence p \
                 WHERE p.case_id = ch.case_id AND p.user_id = ch.agent_id AND p.typing), \
                ch.started_at \
         FROM chats ch JOIN cases c ON c.id = ch.case_id \
         JOIN users u ON u.id = c.requester_id \
         LEFT JOIN users a ON a.id = ch.agent_id \
         WHERE ch.token_hash = $1 \
         ORDER BY ch.started_at DESC, ch.case_id DESC LIMIT 1",
    )
    .bind(token_hash(token))
    .fetch_optional(&db.read)
    .await?;
    let (case_id, number, state, visitor_name, visitor_email, agent, typing, started_at) =
        row.ok_or(AppError::NotFound)?;
    Ok(Chat {
        case_id,
        number,
        state: ChatState::parse(&state).ok_or(AppError::Internal)?,
        visitor_name,
        visitor_email,
        agent,
        agent_typing: typing.is_some_and(|at| db.now() - at < crate::cases::presence::GONE_MS),
        started_at,
    })
}

/// The visitor's account (the case's requester), inside `tx`.
async fn requester(tx: &mut Tx, case_id: i64) -> Result<User, AppError> {
    let id: i64 = sqlx::query_scalar("SELECT requester_id FROM cases WHERE id = $1")
        .bind(case_id)
        .fetch_one(&mut **tx)
        .await?;
    users::user_by_id(tx, id).await?.ok_or(AppError::Internal)
}

/// The visitor writes; refused once the chat has ended. The message's id.
pub async fn send(db: &Db, token: &str, text: &str) -> Result<i64, AppError> {
    let body = MessageBody::parse(text)?;
    let chat = chat_of(db, token).await?;
    if chat.state == ChatState::Ended {
        return Err(AppError::ChatEnded);
    }
    let now = db.now();
    let mut tx = db.begin_write().await?;
    let me = requester(&mut tx, chat.case_id).await?;
    let id = crate::cases::store::reply_in(&mut tx, &me, chat.number, body.as_str(), now).await?;
    sqlx::query("UPDATE chats SET visitor_typing_at = NULL WHERE case_id = $1")
        .bind(chat.case_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// The visitor is writing: shown to the agent for a few seconds.
pub async fn typing(db: &Db, token: &str) -> Result<(), AppError> {
    let chat = chat_of(db, token).await?;
    if chat.state == ChatState::Ended {
        return Err(AppError::ChatEnded);
    }
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE chats SET visitor_typing_at = $1 WHERE case_id = $2")
        .bind(db.now())
        .bind(chat.case_id)
        .execute(&mut *tx)
        .await?;
    crate::cases::changes::record(&mut tx, chat.case_id, true, db.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// The chat's public messages after message id `after`, oldest first:
/// what the visitor's window shows (never a note for staff).
pub async fn lines(db: &Db, token: &str, after: i64) -> Result<Vec<ChatLine>, AppError> {
    let chat = chat_of(db, token).await?;
    lines_of(db, chat.case_id, after).await
}

pub(super) async fn lines_of(db: &Db, case_id: i64, after: i64) -> Result<Vec<ChatLine>, AppError> {
    let rows: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT m.id, COALESCE(u.name, ''), COALESCE(u.role, 'customer'), m.body, m.created_at \
         FROM messages m LEFT JOIN users u ON u.id = m.author_id \
         WHERE m.case_id = $1 AND m.id > $2 AND NOT m.internal \
         ORDER BY m.id LIMIT $3",
    )
    .bind(case_id)
    .bind(after)
    .bind(LINES_MAX)
    .fetch_all(&db.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, author, role, body, at)| ChatLine {
            id,
            author,
            from_staff: role != "customer",
            body,
            at,
        })
        .collect())
}

/// "Email me the transcript": to the address the visitor gave, through
/// the outbox. A visitor who gave none is asked for one.
pub async fn email_transcript(db: &Db, token: &str) -> Result<(), AppError> {
    let chat = chat_of(db, token).await?;
    let Some(email) = chat.visitor_email.clone() else {
        return Err(AppError::invalid(Field::Email, Problem::Required));
    };
    let mut tx = db.begin_write().await?;
    state::mail_transcript(&mut tx, db, chat.case_id, chat.number, &email).await?;
    tx.commit().await?;
    Ok(())
}

/// "End chat" by the visitor: a visitor who gave an email gets the case
/// number with the transcript.
pub async fn end(db: &Db, token: &str) -> Result<(), AppError> {
    let chat = chat_of(db, token).await?;
    state::end(db, chat.case_id, None).await
}

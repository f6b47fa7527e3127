//! The agents' side of chats (PRODUCT.md §4): who takes chats (available
//! or away, at most so many at once), whether visitors are offered a chat
//! or the help form, the chats waiting, and accepting and ending one.

use super::hours;
use super::state::{self, ChatState};
use crate::auth::{Admin, Staff};
use crate::db::Db;
use crate::error::AppError;
use crate::validate::{Field, Problem};

/// The admins' chat settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChatSettings {
    /// Chats one agent holds at once.
    pub max_chats: i64,
    /// A visitor waiting this long with no agent is offered the help form.
    pub offer_form_ms: i64,
}

impl Default for ChatSettings {
    fn default() -> Self {
        Self {
            max_chats: 3,
            offer_form_ms: 2 * 60 * 1000,
        }
    }
}

/// The most chats an admin may let one agent hold.
pub const MAX_CHATS_LIMIT: i64 = 20;

/// What the help button offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Open, and an available agent has room for one more chat.
    Chat,
    /// Closed, or nobody can take a chat: the help form.
    Help,
}

/// The settings in force.
pub async fn settings(db: &Db) -> Result<ChatSettings, AppError> {
    let row: Option<(i64, i64)> =
        sqlx::query_as("SELECT max_chats, offer_form_ms FROM chat_settings WHERE id = 1")
            .fetch_optional(&db.read)
            .await?;
    Ok(
        row.map_or_else(ChatSettings::default, |(max_chats, offer_form_ms)| {
            ChatSettings {
                max_chats,
                offer_form_ms,
            }
        }),
    )
}

/// Sets both settings, checked (1 to [`MAX_CHATS_LIMIT`] chats; a wait of
/// one minute to an hour).
pub async fn save_settings(
    db: &Db,
    _admin: &Admin,
    settings: ChatSettings,
) -> Result<(), AppError> {
    if !(1..=MAX_CHATS_LIMIT).contains(&settings.max_chats) {
        return Err(AppError::invalid(Field::MaxChats, Problem::Malformed));
    }
    if !(60_000..=3_600_000).contains(&settings.offer_form_ms) {
        return Err(AppError::invalid(Field::Chat, Problem::Malformed));
    }
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM chat_settings")
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO chat_settings (id, max_chats, offer_form_ms) VALUES (1, $1, $2)")
        .bind(settings.max_chats)
        .bind(settings.offer_form_ms)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// An agent's availability switch: available takes chats, away does not.
pub async fn set_available(db: &Db, staff: &Staff, available: bool) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE users SET chat_available = $1 WHERE id = $2")
        .bind(available)
        .bind(staff.user().id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Whether `staff` takes chats now.
pub async fn is_available(db: &Db, staff: &Staff) -> Result<bool, AppError> {
    let on: i64 = sqlx::query_scalar(
        "SELECT CAST(CASE WHEN chat_available THEN 1 ELSE 0 END AS BIGINT) FROM users WHERE id = $1",
    )
    .bind(staff.user().id)
    .fetch_one(&db.read)
    .await?;
    Ok(on == 1)
}

/// Active chats held by agent `agent_id`.
async fn held(db: &Db, agent_id: i64) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM chats WHERE agent_id = $1 AND state = 'active'")
            .bind(agent_id)
            .fetch_one(&db.read)
            .await?,
    )
}

/// Chat, when the help service is open at `now` and an available agent
/// (staff, not deactivated) holds fewer chats than the maximum; else the
/// help form.
pub async fn mode(db: &Db, now: i64) -> Result<Mode, AppError> {
    if !hours::is_open(&hours::get(db).await?, now) {
        return Ok(Mode::Help);
    }
    let max = settings(db).await?.max_chats;
    let room: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM users u \
         WHERE u.chat_available AND u.role IN ('agent', 'admin') AND u.deactivated_at IS NULL \
           AND (SELECT COUNT(*) FROM chats ch \
                WHERE ch.agent_id = u.id AND ch.state = 'active') < $1",
    )
    .bind(max)
    .fetch_one(&db.read)
    .await?;
    Ok(if room > 0 { Mode::Chat } else { Mode::Help })
}

/// The chat of case `number`: its case id and state (not found when the
/// case is no chat).
pub(super) async fn chat_case(
    db: &Db,
    number: i64,
) -> Result<(i64, ChatState, Option<i64>), AppError> {
    let row: Option<(i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT ch.case_id, ch.state, ch.agent_id FROM chats ch \
         JOIN cases c ON c.id = ch.case_id WHERE c.number = $1",
    )
    .bind(number)
    .fetch_optional(&db.read)
    .await?;
    let (id, st, agent) = row.ok_or(AppError::NotFound)?;
    Ok((id, ChatState::parse(&st).ok_or(AppError::Internal)?, agent))
}

/// An agent accepts a waiting chat: it becomes theirs (assigned) unless
/// another agent took it first, they hold the most chats allowed, or it
/// ended.
pub async fn accept(db: &Db, staff: &Staff, number: i64) -> Result<(), AppError> {
    let me = staff.user().id;
    let (case_id, st, agent) = chat_case(db, number).await?;
    match st {
        ChatState::Ended => return Err(AppError::ChatEnded),
        ChatState::Active if agent == Some(me) => return Ok(()),
        ChatState::Active => return Err(AppError::invalid(Field::Chat, Problem::Taken)),
        ChatState::Waiting => {}
    }
    if held(db, me).await? >= settings(db).await?.max_chats {
        return Err(AppError::invalid(Field::MaxChats, Problem::TooLong));
    }
    let now = db.now();
    let mut tx = db.begin_write().await?;
    // Of two agents at once, the second finds it no longer waiting.
    let taken = sqlx::query(
        "UPDATE chats SET state = 'active', agent_id = $1, accepted_at = $2 \
         WHERE case_id = $3 AND state = 'waiting'",
    )
    .bind(me)
    .bind(now)
    .bind(case_id)
    .execute(&mut *tx)
    .await?;
    if taken.rows_affected() == 0 {
        return Err(AppError::invalid(Field::Chat, Problem::Taken));
    }
    crate::cases::assign::take_in(&mut tx, staff, number, now).await?;
    crate::cases::changes::record(&mut tx, case_id, true, now).await?;
    tx.commit().await?;
    Ok(())
}

/// "End chat" by an agent.
pub async fn end(db: &Db, staff: &Staff, number: i64) -> Result<(), AppError> {
    let (case_id, _, _) = chat_case(db, number).await?;
    state::end(db, case_id, Some(staff.user().id)).await
}

/// Whether a visitor waiting since `started_at` should be offered the help
/// form at `now`.
pub fn offer_form(settings: &ChatSettings, state: ChatState, started_at: i64, now: i64) -> bool {
    state == ChatState::Waiting && now - started_at >= settings.offer_form_ms
}

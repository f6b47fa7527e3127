//! The agents' chat console (PRODUCT.md §4): the chats not ended, each
//! with who the visitor is (account, past cases), whether they wait for an
//! answer, and handing a chat to another agent or department.

use sqlx::FromRow;

use super::agents::chat_case;
use super::state::ChatState;
use crate::auth::Staff;
use crate::cases::CaseStatus;
use crate::db::{Db, Flag, Tx};
use crate::error::AppError;
pub use model::chat::{ChatRow, PastCase, Transfer};

/// Past cases shown beside a chat.
const PAST_SHOWN: i64 = 5;

/// A chat's row, as the agent `$1` sees it.
const CHAT_ROWS: &str = "
    SELECT c.id AS case_id, c.number, c.requester_id, ch.state, u.name AS visitor_name,
           ch.visitor_email, a.name AS agent, ch.started_at, ch.visitor_typing_at,
           (ch.agent_id IS NOT NULL AND ch.agent_id = $1) AS mine,
           EXISTS (SELECT 1 FROM messages m
                   WHERE m.case_id = c.id AND NOT m.from_staff
                     AND m.created_at > COALESCE(c.last_staff_reply_at, -1)) AS unanswered,
           d.name AS department, (u.password_hash <> '') AS account
    FROM chats ch JOIN cases c ON c.id = ch.case_id
    JOIN users u ON u.id = c.requester_id
    LEFT JOIN users a ON a.id = ch.agent_id
    LEFT JOIN departments d ON d.id = c.department_id";

#[derive(FromRow)]
struct Row {
    case_id: i64,
    number: i64,
    requester_id: i64,
    state: String,
    visitor_name: String,
    visitor_email: Option<String>,
    agent: Option<String>,
    started_at: i64,
    visitor_typing_at: Option<i64>,
    #[sqlx(try_from = "Flag")]
    mine: bool,
    #[sqlx(try_from = "Flag")]
    unanswered: bool,
    department: Option<String>,
    #[sqlx(try_from = "Flag")]
    account: bool,
}

impl Row {
    fn into_chat(self, now: i64) -> Result<ChatRow, AppError> {
        Ok(ChatRow {
            number: self.number,
            state: ChatState::parse(&self.state).ok_or(AppError::Internal)?,
            visitor_name: self.visitor_name,
            visitor_email: self.visitor_email,
            agent: self.agent,
            started_at: self.started_at,
            visitor_typing: self
                .visitor_typing_at
                .is_some_and(|at| now - at < super::visitor::TYPING_MS),
            mine: self.mine,
            unanswered: self.unanswered,
            department: self.department,
            account: self.account,
            past: Vec::new(),
        })
    }
}

/// Chats not yet ended: waiting ones first, oldest first; then those
/// under way.
pub async fn open_chats(db: &Db, staff: &Staff) -> Result<Vec<ChatRow>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{CHAT_ROWS} WHERE ch.state <> 'ended' \
         ORDER BY CASE WHEN ch.state = 'waiting' THEN 0 ELSE 1 END, ch.started_at, c.number \
         LIMIT 200"
    ))
    .bind(staff.user().id)
    .fetch_all(&db.read)
    .await?;
    let now = db.now();
    rows.into_iter().map(|r| r.into_chat(now)).collect()
}

/// The chat of case `number` with the visitor's past cases, for its case
/// page (`None`: no chat).
pub async fn chat_for(db: &Db, staff: &Staff, number: i64) -> Result<Option<ChatRow>, AppError> {
    let row: Option<Row> = sqlx::query_as(&format!("{CHAT_ROWS} WHERE c.number = $2"))
        .bind(staff.user().id)
        .bind(number)
        .fetch_optional(&db.read)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let past: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT number, subject, status, created_at FROM cases \
         WHERE requester_id = $1 AND id <> $2 ORDER BY created_at DESC, id DESC LIMIT $3",
    )
    .bind(row.requester_id)
    .bind(row.case_id)
    .bind(PAST_SHOWN)
    .fetch_all(&db.read)
    .await?;
    let mut chat = row.into_chat(db.now())?;
    chat.past = past
        .into_iter()
        .map(|(number, subject, status, created_at)| {
            Ok(PastCase {
                number,
                subject,
                status: CaseStatus::parse(&status).ok_or(AppError::Internal)?,
                created_at,
            })
        })
        .collect::<Result<_, AppError>>()?;
    Ok(Some(chat))
}

/// Hands chat `number` to another agent (it stays under way, now theirs)
/// or to a department (nobody holds it: it waits again). An ended chat
/// cannot move.
pub async fn transfer(db: &Db, staff: &Staff, number: i64, to: Transfer) -> Result<(), AppError> {
    let (_, state, _) = chat_case(db, number).await?;
    if state == ChatState::Ended {
        return Err(AppError::ChatEnded);
    }
    let mut tx = db.begin_write().await?;
    crate::cases::assign::hand_over(&mut tx, staff, number, to, db.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// A chat follows its case's assignee (an assignment, a transfer): a new
/// agent holds it under way; nobody puts it back to wait. Inside the
/// caller's transaction, which changed the assignee of case `case_id`.
pub(crate) async fn follow_assignee(
    tx: &mut Tx,
    case_id: i64,
    agent: Option<i64>,
    now: i64,
) -> Result<(), AppError> {
    let state = match agent {
        Some(_) => ChatState::Active,
        None => ChatState::Waiting,
    };
    let moved = sqlx::query(
        "UPDATE chats SET agent_id = $1, state = $2, accepted_at = COALESCE(accepted_at, $3) \
         WHERE case_id = $4 AND state <> 'ended'",
    )
    .bind(agent)
    .bind(state.as_str())
    .bind(now)
    .bind(case_id)
    .execute(&mut **tx)
    .await?;
    if moved.rows_affected() > 0 {
        // The visitor sees who they chat with now.
        crate::cases::changes::record(tx, case_id, true, now).await?;
    }
    Ok(())
}

//! Canned responses: shared ones (admins keep them) and each agent's own.
//! Anyone's personal responses are invisible to the rest: asking for one
//! reads as "not found", like a response that does not exist.

pub use model::cases::canned::*;

use crate::auth::{Language, Staff};
use crate::db::{Db, Tx};
use crate::error::AppError;

type Row = (i64, Option<i64>, String, String, String, String);

fn canned((id, owner, title, en, es, fr): Row) -> Canned {
    Canned {
        id,
        title,
        shared: owner.is_none(),
        bodies: [en, es, fr],
    }
}

const COLUMNS: &str = "id, owner_id, title, body_en, body_es, body_fr";

/// The shared responses and the staff member's own, by title.
pub async fn list(db: &Db, staff: &Staff) -> Result<Vec<Canned>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM canned_responses \
         WHERE owner_id IS NULL OR owner_id = $1 ORDER BY LOWER(title), id"
    ))
    .bind(staff.user().id)
    .fetch_all(&db.read)
    .await?;
    Ok(rows.into_iter().map(canned).collect())
}

/// Response `id` if `staff` may see it.
async fn visible(tx: &mut Tx, staff: &Staff, id: i64) -> Result<Canned, AppError> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM canned_responses \
         WHERE id = $1 AND (owner_id IS NULL OR owner_id = $2)"
    ))
    .bind(id)
    .bind(staff.user().id)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(canned).ok_or(AppError::NotFound)
}

/// Shared responses are for admins to write; an agent's are their own.
fn may_write(staff: &Staff, shared: bool) -> Result<(), AppError> {
    if shared && !staff.is_admin() {
        return Err(AppError::Forbidden);
    }
    Ok(())
}

/// Adds a response (`id` `None`) or changes one; its id.
pub async fn save(
    db: &Db,
    staff: &Staff,
    id: Option<i64>,
    draft: &CannedDraft,
) -> Result<i64, AppError> {
    may_write(staff, draft.shared)?;
    let owner = (!draft.shared).then_some(staff.user().id);
    let now = db.now();
    let [en, es, fr] = &draft.bodies;
    let mut tx = db.begin_write().await?;
    let id = match id {
        Some(id) => {
            let old = visible(&mut tx, staff, id).await?;
            may_write(staff, old.shared)?;
            sqlx::query(
                "UPDATE canned_responses SET owner_id = $1, title = $2, body_en = $3, \
                 body_es = $4, body_fr = $5, updated_at = $6 WHERE id = $7",
            )
            .bind(owner)
            .bind(&draft.title)
            .bind(en)
            .bind(es)
            .bind(fr)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            id
        }
        None => {
            sqlx::query_scalar(
                "INSERT INTO canned_responses \
                 (owner_id, title, body_en, body_es, body_fr, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
            )
            .bind(owner)
            .bind(&draft.title)
            .bind(en)
            .bind(es)
            .bind(fr)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?
        }
    };
    tx.commit().await?;
    Ok(id)
}

pub async fn remove(db: &Db, staff: &Staff, id: i64) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let old = visible(&mut tx, staff, id).await?;
    may_write(staff, old.shared)?;
    sqlx::query("DELETE FROM canned_responses WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Response `id` for case `number`: in the case's language, its
/// placeholders filled from the case, its requester and the agent.
pub async fn fill_for_case(
    db: &Db,
    staff: &Staff,
    number: i64,
    id: i64,
) -> Result<String, AppError> {
    // A read, but through a transaction so both rows come from one moment.
    let mut tx = db.read.begin().await?;
    let case = super::store::visible_case(&mut *tx, staff.user(), number).await?;
    let response = visible(&mut tx, staff, id).await?;
    let lang: String = sqlx::query_scalar("SELECT language FROM cases WHERE id = $1")
        .bind(case.id)
        .fetch_one(&mut *tx)
        .await?;
    let lang = Language::parse(&lang).unwrap_or(Language::En);
    let agent = staff.user();
    let values = [
        ("customer.name", case.requester_name.clone()),
        ("customer.email", case.requester_email.clone()),
        ("case.number", case.number.to_string()),
        ("case.subject", case.subject.clone()),
        ("agent.name", agent.name.clone()),
        ("agent.email", agent.email.clone()),
    ];
    Ok(fill(body_in(&response.bodies, lang), &values))
}

#[cfg(test)]
#[path = "canned_tests.rs"]
mod tests;

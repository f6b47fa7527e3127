//! An agent's saved views of the staff list. Each is the agent's own: asking
//! for another's reads as "not found". Saving under a name already used
//! replaces that view's filters.

pub use model::cases::saved_view::*;

use super::filter::{CaseFilter, CaseQuery};
use super::listing::filtered_count;
use crate::auth::Staff;
use crate::db::Db;
use crate::error::AppError;
use crate::validate::{Field, Problem};

/// `staff`'s views by name, each with how many cases it lists now (up to
/// the cap); dates in the filters count in `zone`.
pub async fn list(db: &Db, staff: &Staff, zone: &str) -> Result<Vec<SavedView>, AppError> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, name, query FROM saved_views WHERE owner_id = $1 ORDER BY LOWER(name), id",
    )
    .bind(staff.user().id)
    .fetch_all(&db.read)
    .await?;
    let mut views = Vec::with_capacity(rows.len());
    for (id, name, query) in rows {
        // Checked when saved; one that no longer parses lists nothing.
        let n = match CaseFilter::parse(&CaseQuery::from_query_string(&query)) {
            Ok(mut filter) => {
                filter.zone = zone.to_owned();
                filtered_count(db, staff.user(), &filter, SAVED_VIEW_COUNT_CAP).await?
            }
            Err(_) => 0,
        };
        views.push(SavedView { id, name, query, n });
    }
    Ok(views)
}

/// Saves `draft` as one of `staff`'s views (replacing the filters of one
/// with the same name); its id.
pub async fn save(db: &Db, staff: &Staff, draft: &SavedViewDraft) -> Result<i64, AppError> {
    let owner = staff.user().id;
    let mut tx = db.begin_write().await?;
    let same: Option<i64> =
        sqlx::query_scalar("SELECT id FROM saved_views WHERE owner_id = $1 AND name = $2")
            .bind(owner)
            .bind(&draft.name)
            .fetch_optional(&mut *tx)
            .await?;
    let id = match same {
        Some(id) => {
            sqlx::query("UPDATE saved_views SET query = $1 WHERE id = $2")
                .bind(&draft.query)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            id
        }
        None => {
            let kept: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM saved_views WHERE owner_id = $1")
                    .bind(owner)
                    .fetch_one(&mut *tx)
                    .await?;
            if kept >= SAVED_VIEWS_MAX as i64 {
                return Err(AppError::invalid(Field::View, Problem::TooLong));
            }
            sqlx::query_scalar(
                "INSERT INTO saved_views (owner_id, name, query, created_at) \
                 VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(owner)
            .bind(&draft.name)
            .bind(&draft.query)
            .bind(db.now())
            .fetch_one(&mut *tx)
            .await?
        }
    };
    tx.commit().await?;
    Ok(id)
}

/// Deletes one of `staff`'s views.
pub async fn remove(db: &Db, staff: &Staff, id: i64) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let gone = sqlx::query("DELETE FROM saved_views WHERE id = $1 AND owner_id = $2")
        .bind(id)
        .bind(staff.user().id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if gone == 0 {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
#[path = "saved_views_tests.rs"]
mod tests;

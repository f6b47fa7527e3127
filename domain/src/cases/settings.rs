//! Case types as admins define them (each with its three labels), and the
//! automatic-close waits they set: the settings page's two parts.

use super::case_type::{CaseType, CaseTypeDraft, CaseTypeInfo, CASE_TYPES_MAX};
use super::close_times::CloseTimes;
use super::lifecycle::AutoClose;
use crate::auth::Admin;
use crate::db::{Db, Tx};
use crate::error::AppError;
use crate::validate::{Field, Problem};

type Row = (String, String, String, String, i64);

fn info((key, en, es, fr, active): Row) -> Option<CaseTypeInfo> {
    Some(CaseTypeInfo {
        key: CaseType::parse(&key)?,
        labels: [en, es, fr],
        active: active == 1,
    })
}

/// Every case type, those in use first, in the order they were added. Not
/// a secret: anyone may read the labels of the types cases have.
pub async fn all(db: &Db) -> Result<Vec<CaseTypeInfo>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT key, label_en, label_es, label_fr, CAST(CASE WHEN active THEN 1 ELSE 0 END AS BIGINT) \
         FROM case_types \
         ORDER BY active DESC, position, key",
    )
    .fetch_all(&db.read)
    .await?;
    Ok(rows.into_iter().filter_map(info).collect())
}

/// Refuses a type that is not offered for new cases (unknown, or out of
/// use), as a problem with the form's type field.
pub(super) async fn check_offered(tx: &mut Tx, key: &CaseType) -> Result<(), AppError> {
    let sql =
        "SELECT CAST(CASE WHEN active THEN 1 ELSE 0 END AS BIGINT) FROM case_types WHERE key = $1";
    let active: Option<i64> = sqlx::query_scalar(sql)
        .bind(key.as_str())
        .fetch_optional(&mut **tx)
        .await?;
    match active {
        Some(1) => Ok(()),
        _ => Err(AppError::invalid(Field::CaseType, Problem::Unknown)),
    }
}

/// Refuses an English label another type already has (letter case aside):
/// two types people cannot tell apart.
async fn check_label_free(
    tx: &mut Tx,
    draft: &CaseTypeDraft,
    except: &str,
) -> Result<(), AppError> {
    let taken: Option<String> = sqlx::query_scalar(
        "SELECT key FROM case_types WHERE LOWER(label_en) = LOWER($1) AND key <> $2",
    )
    .bind(&draft.labels[0])
    .bind(except)
    .fetch_optional(&mut **tx)
    .await?;
    match taken {
        Some(_) => Err(AppError::invalid(Field::LabelEn, Problem::Taken)),
        None => Ok(()),
    }
}

/// Adds a type, offered at once; its key comes from the English label.
pub async fn add(db: &Db, _admin: &Admin, draft: &CaseTypeDraft) -> Result<CaseType, AppError> {
    let mut tx = db.begin_write().await?;
    let (count, last): (i64, Option<i64>) =
        sqlx::query_as("SELECT COUNT(*), MAX(position) FROM case_types")
            .fetch_one(&mut *tx)
            .await?;
    if count >= CASE_TYPES_MAX as i64 {
        return Err(AppError::invalid(Field::CaseType, Problem::TooLong));
    }
    check_label_free(&mut tx, draft, "").await?;
    let base = CaseType::from_label(&draft.labels[0]);
    let mut key = base.clone();
    let mut n = 1;
    while sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM case_types WHERE key = $1")
        .bind(key.as_str())
        .fetch_one(&mut *tx)
        .await?
        > 0
    {
        n += 1;
        key = base.numbered(n);
    }
    sqlx::query(
        "INSERT INTO case_types (key, label_en, label_es, label_fr, active, position) \
         VALUES ($1, $2, $3, $4, TRUE, $5)",
    )
    .bind(key.as_str())
    .bind(&draft.labels[0])
    .bind(&draft.labels[1])
    .bind(&draft.labels[2])
    .bind(last.unwrap_or(0) + 1)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(key)
}

/// New labels for a type; its cases keep it and show the new labels.
pub async fn relabel(
    db: &Db,
    _admin: &Admin,
    key: &CaseType,
    draft: &CaseTypeDraft,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    check_label_free(&mut tx, draft, key.as_str()).await?;
    let done = sqlx::query(
        "UPDATE case_types SET label_en = $1, label_es = $2, label_fr = $3 WHERE key = $4",
    )
    .bind(&draft.labels[0])
    .bind(&draft.labels[1])
    .bind(&draft.labels[2])
    .bind(key.as_str())
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// Offers a type for new cases again, or stops offering it (cases that
/// have it keep it). "Other", which mail opens cases with, stays offered.
pub async fn set_active(
    db: &Db,
    _admin: &Admin,
    key: &CaseType,
    active: bool,
) -> Result<(), AppError> {
    if !active && *key == CaseType::OTHER {
        return Err(AppError::Forbidden);
    }
    let mut tx = db.begin_write().await?;
    let done = sqlx::query("UPDATE case_types SET active = $1 WHERE key = $2")
        .bind(active)
        .bind(key.as_str())
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// The automatic-close waits in force: the admins' if they set them, else
/// the server's own (its flags).
pub async fn close_times(db: &Db, defaults: &AutoClose) -> Result<AutoClose, AppError> {
    let stored: Option<(i64, i64, i64)> = sqlx::query_as(
        "SELECT awaiting_reply_ms, awaiting_confirmation_ms, resolved_ms \
         FROM close_times WHERE id = 1",
    )
    .fetch_optional(&db.read)
    .await?;
    let ms = |v: i64| std::time::Duration::from_millis(v.max(0) as u64);
    Ok(match stored {
        Some((reply, confirmation, resolved)) => AutoClose {
            awaiting_reply: ms(reply),
            awaiting_confirmation: ms(confirmation),
            resolved: ms(resolved),
        },
        None => defaults.clone(),
    })
}

/// Sets the waits; the next round of automatic closes uses them.
pub async fn set_close_times(db: &Db, _admin: &Admin, times: &CloseTimes) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO close_times (id, awaiting_reply_ms, awaiting_confirmation_ms, resolved_ms) \
         VALUES (1, $1, $2, $3) ON CONFLICT (id) DO UPDATE SET \
         awaiting_reply_ms = excluded.awaiting_reply_ms, \
         awaiting_confirmation_ms = excluded.awaiting_confirmation_ms, \
         resolved_ms = excluded.resolved_ms",
    )
    .bind(times.awaiting_reply_ms)
    .bind(times.awaiting_confirmation_ms)
    .bind(times.resolved_ms)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
#[path = "settings_tests.rs"]
mod tests;

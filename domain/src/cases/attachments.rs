//! The rows tying stored files to a case's messages, written in the
//! message's transaction.

use crate::db::Tx;
use crate::error::AppError;
use crate::files::save::Placed;
use crate::files::{Attachment, FileKind};

/// The rows tying placed files to their message; the new attachment ids.
pub async fn insert(
    tx: &mut Tx,
    case_id: i64,
    message_id: i64,
    placed: &[Placed],
    now: i64,
) -> Result<Vec<i64>, AppError> {
    let mut ids = Vec::with_capacity(placed.len());
    for file in placed {
        let id: i64 = sqlx::query_scalar(
            r#"
            INSERT INTO attachments (case_id, message_id, storage_key, name, kind, size, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            RETURNING id
            "#,
        )
        .bind(case_id)
        .bind(message_id)
        .bind(&file.key)
        .bind(&file.name)
        .bind(file.kind.as_str())
        .bind(file.size as i64)
        .bind(now)
        .fetch_one(&mut **tx)
        .await?;
        ids.push(id);
    }
    Ok(ids)
}

/// A merge copies messages: their attachments follow, sharing the bytes.
pub async fn copy(
    tx: &mut Tx,
    from_message: i64,
    to_message: i64,
    to_case: i64,
) -> Result<(), AppError> {
    sqlx::query(
        r#"
        INSERT INTO attachments (case_id, message_id, storage_key, name, kind, size, created_at)
        SELECT $1, $2, storage_key, name, kind, size, created_at
        FROM attachments WHERE message_id = $3
        ORDER BY id
        "#,
    )
    .bind(to_case)
    .bind(to_message)
    .bind(from_message)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The attachments of a case's messages, by message id, in upload order;
/// those of internal notes only for `staff`.
pub async fn of_case(
    exec: impl sqlx::Executor<'_, Database = sqlx::Any>,
    case_id: i64,
    staff: bool,
) -> Result<Vec<(i64, Attachment)>, AppError> {
    let rows = sqlx::query_as::<_, (i64, i64, String, String, i64)>(
        r#"
        SELECT a.message_id, a.id, a.name, a.kind, a.size
        FROM attachments a JOIN messages m ON m.id = a.message_id
        WHERE a.case_id = $1 AND ($2 OR NOT m.internal)
        ORDER BY a.id
        "#,
    )
    .bind(case_id)
    .bind(staff)
    .fetch_all(exec)
    .await?;
    rows.into_iter()
        .map(|(message, id, name, kind, size)| {
            let kind = FileKind::parse(&kind).ok_or_else(|| {
                tracing::error!(%kind, "unknown kind in the attachments table");
                AppError::Internal
            })?;
            Ok((
                message,
                Attachment {
                    id,
                    name,
                    kind,
                    size: size as u64,
                },
            ))
        })
        .collect()
}

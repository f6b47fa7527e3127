//! Duplicates (PRODUCT.md §3.5): a customer's second case of a type joins
//! the active one, and staff merge case A into case B.

use super::lifecycle::{change_status, log_event};
use super::store::{cc_of, locked_case, set_cc, touch};
use super::{ActivityKind, CaseStatus, CaseType};
use crate::auth::{Staff, User};
use crate::db::{Db, Tx};
use crate::error::AppError;
use crate::validate::{Field, Problem};

/// The requester's most recently updated case of `case_type` that is not
/// final, if any.
pub(super) async fn active_case_of_type(
    tx: &mut Tx,
    requester: &User,
    case_type: &CaseType,
) -> Result<Option<i64>, AppError> {
    let finals: Vec<&str> = CaseStatus::ALL
        .into_iter()
        .filter(|s| s.is_final())
        .map(CaseStatus::as_str)
        .collect();
    Ok(sqlx::query_scalar(
        r#"
        SELECT number FROM cases
        WHERE requester_id = $1 AND case_type = $2
          AND status NOT IN ($3, $4, $5)
        ORDER BY updated_at DESC
        LIMIT 1
        "#,
    )
    .bind(requester.id)
    .bind(case_type.as_str())
    .bind(finals[0])
    .bind(finals[1])
    .bind(finals[2])
    .fetch_optional(&mut **tx)
    .await?)
}

/// Staff merge case `from` into case `into`: `from`'s messages join `into`
/// in time order, its people join `into`'s CC, and `from` becomes a final
/// duplicate pointing at `into`. Both logs say so.
pub async fn merge(db: &Db, staff: &Staff, from: i64, into: i64) -> Result<(), AppError> {
    let staff = staff.user();
    if from == into {
        return Err(AppError::invalid(Field::MergeTarget, Problem::Malformed));
    }
    let now = db.now();
    let mut tx = db.begin_write().await?;
    // Locked lower number first, so two merges of the same pair cannot
    // each hold one and wait for the other.
    let not_target = |e| match e {
        AppError::NotFound => AppError::invalid(Field::MergeTarget, Problem::Unknown),
        e => e,
    };
    let (source, target) = if from < into {
        let source = locked_case(&mut tx, staff, from).await?;
        let target = locked_case(&mut tx, staff, into)
            .await
            .map_err(not_target)?;
        (source, target)
    } else {
        let target = locked_case(&mut tx, staff, into)
            .await
            .map_err(not_target)?;
        let source = locked_case(&mut tx, staff, from).await?;
        (source, target)
    };
    let source_status = source.status()?;
    if source_status.is_final() || target.status()?.is_final() {
        return Err(AppError::CaseClosed);
    }
    copy_messages(&mut tx, source.id, target.id).await?;

    let mut cc = cc_of(&mut *tx, target.id).await?;
    for email in cc_of(&mut *tx, source.id)
        .await?
        .into_iter()
        .chain([source.requester_email.clone()])
    {
        if email != target.requester_email && !cc.contains(&email) {
            cc.push(email);
        }
    }
    set_cc(&mut tx, target.id, &cc).await?;
    touch(&mut tx, target.id, false, now).await?;

    sqlx::query("UPDATE cases SET duplicate_of = $1 WHERE id = $2")
        .bind(target.id)
        .bind(source.id)
        .execute(&mut *tx)
        .await?;
    change_status(
        &mut tx,
        source.id,
        Some(staff.id),
        source_status,
        CaseStatus::Duplicate,
        now,
    )
    .await?;
    let actor = Some(staff.id);
    log_event(
        &mut tx,
        source.id,
        actor,
        &ActivityKind::MergedInto(into),
        now,
    )
    .await?;
    log_event(
        &mut tx,
        target.id,
        actor,
        &ActivityKind::MergedFrom(from),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Copies every message of `from` into `to`, in time order, with its files.
async fn copy_messages(tx: &mut Tx, from: i64, to: i64) -> Result<(), AppError> {
    let messages = sqlx::query_scalar::<_, i64>(
        "SELECT id FROM messages WHERE case_id = $1 ORDER BY created_at, id",
    )
    .bind(from)
    .fetch_all(&mut **tx)
    .await?;
    for old in messages {
        let new: i64 = sqlx::query_scalar(
            r#"
            INSERT INTO messages (case_id, author_id, from_staff, body, created_at, internal)
            SELECT $1, author_id, from_staff, body, created_at, internal
            FROM messages WHERE id = $2
            RETURNING id
            "#,
        )
        .bind(to)
        .bind(old)
        .fetch_one(&mut **tx)
        .await?;
        super::attachments::copy(tx, old, new, to).await?;
    }
    Ok(())
}

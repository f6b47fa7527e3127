//! Who may fetch an attachment: only people who may see its case. Anyone
//! else gets the same `NotFound` as for a file that does not exist.

use super::store::can_see;
use crate::auth::Person;
use crate::db::{Db, Flag};
use crate::error::AppError;
use crate::files::FileKind;

/// An attachment row, once the viewer is known to may see it.
pub struct Found {
    pub key: String,
    pub name: String,
    pub kind: FileKind,
    pub size: u64,
}

/// Attachment `id`, if `person` may see its case.
pub async fn find(db: &Db, person: &Person, id: i64) -> Result<Found, AppError> {
    let row = sqlx::query_as::<_, (String, String, String, i64, i64, Flag)>(
        r#"
        SELECT a.storage_key, a.name, a.kind, a.size, c.number,
               CASE WHEN m.internal THEN 1 ELSE 0 END
        FROM attachments a
        JOIN cases c ON c.id = a.case_id
        JOIN messages m ON m.id = a.message_id
        WHERE a.id = $1
        "#,
    )
    .bind(id)
    .fetch_optional(&db.read)
    .await?;
    let (key, name, kind, size, number, Flag(internal)) = row.ok_or(AppError::NotFound)?;
    // A file of an internal note is, for a customer, no file at all.
    if internal && !person.role.is_staff() {
        return Err(AppError::NotFound);
    }
    can_see(db, person, number).await?;
    let kind = FileKind::parse(&kind).ok_or(AppError::Internal)?;
    Ok(Found {
        key,
        name,
        kind,
        size: size as u64,
    })
}

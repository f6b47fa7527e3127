//! Profile photos: a png or jpg of at most 5 MB, checked like attachments,
//! decoded with bounds and re-encoded as a small square PNG, so what
//! browsers show is always our own encoding. Staff photos are shown to
//! everyone; a customer's only to the customer and to staff.

use super::{Actor, Person, Role};
use crate::db::Db;
use crate::error::AppError;
use crate::files::store::{new_key, Files};
use crate::files::upload::Form;
use crate::files::{FileKind, FileProblem, UploadLimits};
use crate::validate::{Field, Problem};

/// The side of the stored square, in pixels (sharp at 64 CSS pixels on
/// double-density screens).
pub const SIDE: u32 = 128;
/// The largest photo accepted.
pub const MAX_BYTES: u64 = 5 * 1024 * 1024;

/// What a photo upload may carry: one file of [`MAX_BYTES`].
pub fn limits() -> UploadLimits {
    UploadLimits {
        max_files: 1,
        max_bytes: MAX_BYTES,
    }
}

/// Sets `person`'s photo from the form's file (already checked by
/// extension and content); the previous one is deleted.
pub async fn set(db: &Db, files: &Files, person: &Person, mut form: Form) -> Result<(), AppError> {
    let person = super::profile::own(person)?;
    let staged = form
        .files
        .pop()
        .ok_or(AppError::invalid(Field::Photo, Problem::Required))?;
    let refuse = |problem| AppError::File {
        name: staged.name.clone(),
        problem,
    };
    if !matches!(staged.kind, FileKind::Png | FileKind::Jpeg) {
        return Err(refuse(FileProblem::NotAllowed));
    }
    let bytes = tokio::fs::read(&staged.path).await?;
    let png = tokio::task::spawn_blocking(move || square(&bytes))
        .await?
        .ok_or_else(|| refuse(FileProblem::Mismatch))?;
    let key = format!("{}-photo", new_key());
    files.store.put_bytes(&key, png).await?;
    replace(db, files, person, Some(&key)).await
}

/// Points `person`'s photo at `key` (or at none) and deletes the one before.
async fn replace(
    db: &Db,
    files: &Files,
    person: &Person,
    key: Option<&str>,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    let old: Option<String> = sqlx::query_scalar("SELECT photo_key FROM users WHERE id = $1")
        .bind(person.id)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query("UPDATE users SET photo_key = $1, photo_at = $2 WHERE id = $3")
        .bind(key)
        .bind(key.map(|_| db.now()))
        .bind(person.id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    // After the commit: a crash before this leaves an orphan the sweep takes.
    if let Some(old) = old {
        let _ = files.store.delete(&old).await;
    }
    Ok(())
}

/// Removes `person`'s photo.
pub async fn remove(db: &Db, files: &Files, person: &Person) -> Result<(), AppError> {
    replace(db, files, super::profile::own(person)?, None).await
}

/// The photo of account `user_id` as `actor` may see it (PNG bytes); the
/// same `NotFound` for no photo and for one they may not see.
pub async fn get(db: &Db, files: &Files, actor: &Actor, user_id: i64) -> Result<Vec<u8>, AppError> {
    let row = sqlx::query_as::<_, (String, Option<String>)>(
        "SELECT role, photo_key FROM users WHERE id = $1",
    )
    .bind(user_id)
    .fetch_optional(&db.read)
    .await?;
    let Some((role, Some(key))) = row else {
        return Err(AppError::NotFound);
    };
    let of_staff = Role::parse(&role).is_some_and(Role::is_staff);
    let allowed = of_staff || actor.user().is_some_and(|u| visible(u, user_id, of_staff));
    if !allowed {
        return Err(AppError::NotFound);
    }
    let mut reader = files
        .store
        .get(&key)
        .await
        .map_err(|_| AppError::NotFound)?;
    let mut png = Vec::new();
    tokio::io::AsyncReadExt::read_to_end(&mut reader, &mut png).await?;
    Ok(png)
}

/// Whether `viewer` may see the photo of someone with role `author`
/// (`author_id`): the rule of [`get`], for pages that show photos.
pub fn visible(viewer: &super::User, author_id: i64, author_is_staff: bool) -> bool {
    author_is_staff || viewer.role.is_staff() || viewer.id == author_id
}

/// The centre square of a picture, [`SIDE`] pixels, as PNG; `None` when
/// it cannot be decoded within bounds.
pub fn square(bytes: &[u8]) -> Option<Vec<u8>> {
    let picture = crate::files::thumb::decode(bytes)?;
    let filter = image::imageops::FilterType::Triangle;
    crate::files::thumb::png_of(&picture.resize_to_fill(SIDE, SIDE, filter))
}

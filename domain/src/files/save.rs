//! Placing a message's files in the store before the message is saved
//! (`cases::attachments` writes their rows in the message's transaction).
//! If the transaction fails the placed files are deleted; if the server dies
//! in between, the clean-up at start finds them unreferenced (see `sweep`).

use super::store::{new_key, Files};
use super::upload::Staged;
use super::FileKind;
use crate::error::AppError;

/// A file now in the store, not yet referenced by the database.
#[derive(Debug, Clone)]
pub struct Placed {
    pub key: String,
    pub name: String,
    pub kind: FileKind,
    pub size: u64,
}

/// Hands the staged files to the store. All or nothing: on a failure the
/// ones already placed are deleted again.
pub async fn place(files: &Files, staged: Vec<Staged>) -> Result<Vec<Placed>, AppError> {
    let mut placed = Vec::with_capacity(staged.len());
    for file in staged {
        let key = new_key();
        if let Err(err) = files.store.put(&key, &file.path).await {
            tracing::error!(error = %err, "could not store an upload");
            discard(files, &placed).await;
            return Err(AppError::Internal);
        }
        placed.push(Placed {
            key,
            name: file.name.clone(),
            kind: file.kind,
            size: file.size,
        });
        file.release();
    }
    Ok(placed)
}

/// Deletes placed files whose message was not saved.
pub async fn discard(files: &Files, placed: &[Placed]) {
    for file in placed {
        if let Err(err) = files.store.delete(&file.key).await {
            // The start-up clean-up will find it unreferenced.
            tracing::warn!(error = %err, key = %file.key, "could not delete an unsaved upload");
        }
    }
}

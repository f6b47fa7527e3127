//! Case attachments (PRODUCT.md §3.6): the picker, the list in the
//! conversation, and on the server the checks, the file store, streamed
//! uploads saved with their message, and guarded downloads.

pub mod picker;
pub mod view;

#[cfg(feature = "ssr")]
pub mod download;
#[cfg(feature = "ssr")]
pub mod post;

pub use model::files::*;

use leptos::prelude::*;

/// The limits in force, for the picker's hint.
#[server(prefix = "/api", endpoint = "files/limits")]
pub async fn get_upload_limits() -> Result<UploadLimits, crate::error::AppError> {
    Ok(crate::state::app_state()?.settings.uploads)
}

/// The error a plain form post came back with, for the form to show.
pub fn error_from_query(raw: &str) -> Option<crate::error::AppError> {
    serde_json::from_slice(raw.as_bytes()).ok()
}

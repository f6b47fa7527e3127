//! Attachment data shared by the server and the browser (PRODUCT.md §3.6).

pub mod kind;

use serde::{Deserialize, Serialize};

pub use kind::FileKind;

/// Why a file was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileProblem {
    /// More files than one message may carry.
    TooMany,
    /// The message's files together are over the size limit.
    TooLarge,
    /// Not one of the accepted types (by extension or by content).
    NotAllowed,
    /// The content is not what the extension says.
    Mismatch,
    Empty,
    /// A name with control characters, or nothing left once cleaned.
    BadName,
    /// The upload stopped before the end.
    Broken,
}

impl FileProblem {
    pub fn status(self) -> http::StatusCode {
        match self {
            FileProblem::TooLarge => http::StatusCode::PAYLOAD_TOO_LARGE,
            FileProblem::Broken => http::StatusCode::BAD_REQUEST,
            _ => http::StatusCode::UNPROCESSABLE_ENTITY,
        }
    }
}

/// A file attached to a message, as the conversation shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub id: i64,
    pub name: String,
    pub kind: FileKind,
    pub size: u64,
}

impl Attachment {
    pub fn href(&self) -> String {
        format!("/files/{}", self.id)
    }
    pub fn preview_href(&self) -> String {
        format!("/files/{}/preview", self.id)
    }
}

/// How many files, and how many bytes in all, one message may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadLimits {
    pub max_files: usize,
    pub max_bytes: u64,
}

impl Default for UploadLimits {
    fn default() -> Self {
        Self {
            max_files: 5,
            max_bytes: 20 * 1024 * 1024,
        }
    }
}

/// What the upload endpoints answer a script: where to go next, and the
/// files saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Uploaded {
    pub location: String,
    pub attachments: Vec<i64>,
}

/// The query parameter a refused plain form post comes back with.
pub const ERROR_PARAM: &str = "upload_error";

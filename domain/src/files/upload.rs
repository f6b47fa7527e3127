//! Reading a multipart form as it arrives: text fields into memory (small,
//! bounded), each file straight to a staging file on disk, checked as soon
//! as it ends. Nothing of a file is ever held whole in memory.

use std::path::PathBuf;

use bytes::Bytes;
use futures::Stream;
use tokio::io::AsyncWriteExt;

use super::check::{check_content, claimed_kind, clean_name};
use super::store::{new_key, Files};
use super::{FileKind, FileProblem, UploadLimits};
use crate::error::AppError;

/// Most text fields a form may have, and bytes in each.
const MAX_FIELDS: usize = 32;
const FIELD_MAX_BYTES: usize = 64 * 1024;
/// Room for the multipart framing and text fields beyond the files' bytes.
const FRAMING: u64 = 1024 * 1024;

/// A file written to the staging directory. Removed when dropped unless it
/// was handed to the store, so a refused or broken upload leaves nothing.
#[derive(Debug)]
pub struct Staged {
    pub path: PathBuf,
    pub name: String,
    pub kind: FileKind,
    pub size: u64,
}

impl Staged {
    /// The file left staging (the store took it).
    pub fn release(mut self) {
        self.path = PathBuf::new();
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// A read form: its text fields in order, and its checked files.
#[derive(Debug, Default)]
pub struct Form {
    pub fields: Vec<(String, String)>,
    pub files: Vec<Staged>,
}

impl Form {
    pub fn text(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

fn file_error(name: &str, problem: FileProblem) -> AppError {
    AppError::File {
        name: name.to_owned(),
        problem,
    }
}

/// Reads `body` (a `multipart/form-data` request with `content_type`),
/// refusing at the first bad file. On any error every staged file is gone.
pub async fn read_form<E>(
    files: &Files,
    limits: UploadLimits,
    content_type: &str,
    body: impl Stream<Item = Result<Bytes, E>> + Send + 'static,
) -> Result<Form, AppError>
where
    E: Into<Box<dyn std::error::Error + Send + Sync>> + 'static,
{
    let boundary = multer::parse_boundary(content_type).map_err(|_| AppError::BadRequest)?;
    let constraints = multer::Constraints::new().size_limit(
        multer::SizeLimit::new().whole_stream(limits.max_bytes.saturating_add(FRAMING)),
    );
    let mut parts = multer::Multipart::with_constraints(body, boundary, constraints);
    let mut form = Form::default();
    let mut total: u64 = 0;
    loop {
        let part = match parts.next_field().await {
            Ok(Some(part)) => part,
            Ok(None) => break,
            Err(err) => {
                let last = form.files.last().map_or("", |f| f.name.as_str());
                return Err(stream_error(last, &err));
            }
        };
        let field = part.name().unwrap_or_default().to_owned();
        match part.file_name().map(str::to_owned) {
            None => {
                if form.fields.len() == MAX_FIELDS {
                    return Err(AppError::BadRequest);
                }
                let value = read_text(part).await?;
                form.fields.push((field, value));
            }
            Some(raw_name) => {
                let staged = stage(files, limits, &mut total, &form, raw_name, part).await?;
                if let Some(staged) = staged {
                    form.files.push(staged);
                }
            }
        }
    }
    Ok(form)
}

async fn read_text(mut part: multer::Field<'_>) -> Result<String, AppError> {
    let mut bytes = Vec::new();
    loop {
        match part.chunk().await {
            Ok(Some(chunk)) => {
                if bytes.len() + chunk.len() > FIELD_MAX_BYTES {
                    return Err(AppError::BadRequest);
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok(None) => break,
            Err(err) => return Err(stream_error("", &err)),
        }
    }
    String::from_utf8(bytes).map_err(|_| AppError::BadRequest)
}

/// Streams one file part to staging and checks it. `None` for the empty
/// part a form sends when no file was chosen.
async fn stage(
    files: &Files,
    limits: UploadLimits,
    total: &mut u64,
    form: &Form,
    raw_name: String,
    mut part: multer::Field<'_>,
) -> Result<Option<Staged>, AppError> {
    let mut first = part.chunk().await;
    while matches!(&first, Ok(Some(chunk)) if chunk.is_empty()) {
        first = part.chunk().await;
    }
    let first = match first {
        Ok(Some(chunk)) => chunk,
        Ok(None) if raw_name.is_empty() => return Ok(None),
        Ok(None) => {
            let name = clean_name(&raw_name).unwrap_or_default();
            return Err(file_error(&name, FileProblem::Empty));
        }
        Err(err) => return Err(stream_error(&raw_name, &err)),
    };
    let name = clean_name(&raw_name).map_err(|p| file_error("", p))?;
    if form.files.len() == limits.max_files {
        return Err(file_error(&name, FileProblem::TooMany));
    }
    let kind = claimed_kind(&name).map_err(|p| file_error(&name, p))?;
    let mut staged = Staged {
        path: files.staging.join(format!("{}.upload", new_key())),
        name,
        kind,
        size: 0,
    };
    let mut out = tokio::fs::File::create(&staged.path)
        .await
        .map_err(internal("create a staging file"))?;
    let mut chunk = Some(first);
    while let Some(bytes) = chunk {
        *total += bytes.len() as u64;
        staged.size += bytes.len() as u64;
        if *total > limits.max_bytes {
            return Err(file_error(&staged.name, FileProblem::TooLarge));
        }
        out.write_all(&bytes)
            .await
            .map_err(internal("write a staging file"))?;
        chunk = part
            .chunk()
            .await
            .map_err(|err| stream_error(&staged.name, &err))?;
    }
    out.sync_all()
        .await
        .map_err(internal("sync a staging file"))?;
    drop(out);
    let (path, kind) = (staged.path.clone(), staged.kind);
    tokio::task::spawn_blocking(move || check_content(&path, kind))
        .await?
        .map_err(|p| file_error(&staged.name, p))?;
    Ok(Some(staged))
}

/// A body that ended early is a broken upload; one over the whole-request
/// limit is too large; a part header that cannot be read is, from a
/// browser, a file name it could not encode (a NUL byte, say).
fn stream_error(name: &str, err: &multer::Error) -> AppError {
    use multer::Error as E;
    let problem = match err {
        E::StreamSizeExceeded { .. } | E::FieldSizeExceeded { .. } => FileProblem::TooLarge,
        E::ReadHeaderFailed(_) | E::DecodeHeaderName { .. } | E::DecodeHeaderValue { .. } => {
            FileProblem::BadName
        }
        _ => FileProblem::Broken,
    };
    tracing::info!(error = %err, "upload refused");
    file_error(&clean_name(name).unwrap_or_default(), problem)
}

fn internal(what: &'static str) -> impl Fn(std::io::Error) -> AppError {
    move |err| {
        tracing::error!(error = %err, "could not {what}");
        AppError::Internal
    }
}

/// Stages a file that is already in memory (an attachment of a received
/// mail) with the same checks as an upload: its name, its kind, the
/// message's count and size limits (`taken`: files and bytes accepted so
/// far), its content. The checked name and the problem when refused.
pub async fn stage_bytes(
    files: &Files,
    limits: UploadLimits,
    taken: (usize, u64),
    raw_name: &str,
    bytes: &[u8],
) -> Result<Staged, (String, FileProblem)> {
    let name = clean_name(raw_name).map_err(|p| (raw_name.chars().take(80).collect(), p))?;
    let refuse = |p| (name.clone(), p);
    if taken.0 >= limits.max_files {
        return Err(refuse(FileProblem::TooMany));
    }
    if bytes.is_empty() {
        return Err(refuse(FileProblem::Empty));
    }
    if taken.1 + bytes.len() as u64 > limits.max_bytes {
        return Err(refuse(FileProblem::TooLarge));
    }
    let kind = claimed_kind(&name).map_err(refuse)?;
    let staged = Staged {
        path: files.staging.join(format!("{}.upload", new_key())),
        name: name.clone(),
        kind,
        size: bytes.len() as u64,
    };
    if let Err(err) = tokio::fs::write(&staged.path, bytes).await {
        tracing::error!(error = %err, "could not write a staging file");
        return Err(refuse(FileProblem::Broken));
    }
    let path = staged.path.clone();
    match tokio::task::spawn_blocking(move || check_content(&path, kind)).await {
        Ok(Ok(())) => Ok(staged),
        Ok(Err(problem)) => Err(refuse(problem)),
        Err(_) => Err(refuse(FileProblem::Broken)),
    }
}

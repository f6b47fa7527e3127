//! Image previews: decoded with bounds (a small file can claim a huge
//! picture), shrunk, and re-encoded as PNG, so what the browser shows
//! inline is always our own encoding and never the uploaded bytes.

use std::io::Cursor;
use std::sync::LazyLock;

use tokio::io::AsyncReadExt;
use tokio::sync::Semaphore;

use super::store::Files;
use super::UploadLimits;

/// The longest side of a preview, in pixels.
pub const SIZE: u32 = 240;
/// Pictures larger than this (either side) get no preview.
const MAX_SIDE: u32 = 12_000;
/// Memory the decoder may use for one picture.
const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;

/// Previews decoded at once, one per core; each may take up to
/// [`MAX_DECODE_BYTES`].
static DECODING: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(crate::cores()));

/// The preview of the image stored under `key` (`size` bytes). A picture
/// that cannot be previewed is remembered as such, not decoded again.
pub async fn get_or_make(
    files: &Files,
    stored: &str,
    size: u64,
    limits: UploadLimits,
) -> Option<Vec<u8>> {
    let key = format!("{stored}-thumb");
    if let Ok(mut kept) = files.store.get(&key).await {
        let mut png = Vec::new();
        if kept.read_to_end(&mut png).await.is_ok() {
            // Empty: the mark of a picture that gave no preview.
            return (!png.is_empty()).then_some(png);
        }
    }
    let mut original = Vec::new();
    let reader = files.store.get(stored).await.ok()?;
    reader
        .take(limits.max_bytes.max(size))
        .read_to_end(&mut original)
        .await
        .ok()?;
    let permit = DECODING.acquire().await.ok()?;
    let png = tokio::task::spawn_blocking(move || shrink(&original))
        .await
        .ok()?;
    drop(permit);
    let kept = png.clone().unwrap_or_default();
    if let Err(err) = files.store.put_bytes(&key, kept).await {
        tracing::warn!(error = %err, "could not keep a preview");
    }
    png
}

/// The preview of an image, or `None` if it cannot be decoded within bounds.
pub fn shrink(bytes: &[u8]) -> Option<Vec<u8>> {
    png_of(&decode(bytes)?.thumbnail(SIZE, SIZE))
}

/// A picture decoded with bounds on its sides and on memory.
pub fn decode(bytes: &[u8]) -> Option<image::DynamicImage> {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    reader.limits(limits);
    reader.decode().ok()
}

/// `picture` encoded as PNG.
pub fn png_of(picture: &image::DynamicImage) -> Option<Vec<u8>> {
    let mut png = Vec::new();
    picture
        .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .ok()?;
    Some(png)
}

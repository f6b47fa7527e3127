//! What makes a file acceptable: a clean name, and content whose magic
//! bytes match an accepted type and agree with the name's extension.

use std::io::Read;
use std::path::Path;

use super::{FileKind, FileProblem};

/// Longest name kept, in characters (the extension is kept when shortening).
pub const NAME_MAX: usize = 120;
/// Bytes read from the start of a file to recognise it.
const HEAD: usize = 8192;

/// The name to keep for an uploaded file: its last path part, trimmed and
/// bounded. Control characters (NUL included) are refused, not dropped, so a
/// name is never silently turned into another.
pub fn clean_name(raw: &str) -> Result<String, FileProblem> {
    if raw.chars().any(char::is_control) {
        return Err(FileProblem::BadName);
    }
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let name = last.trim().trim_start_matches('.').trim();
    if name.is_empty() {
        return Err(FileProblem::BadName);
    }
    if name.chars().count() <= NAME_MAX {
        return Ok(name.to_owned());
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e)
        .filter(|e| e.chars().count() <= 8)
        .unwrap_or_default();
    let keep = NAME_MAX - ext.chars().count() - 1;
    let stem: String = name.chars().take(keep).collect();
    Ok(format!("{}.{ext}", stem.trim_end()))
}

/// The kind a name claims; anything else is refused.
pub fn claimed_kind(name: &str) -> Result<FileKind, FileProblem> {
    FileKind::from_name(name).ok_or(FileProblem::NotAllowed)
}

/// Checks the stored bytes at `path` against the kind the name claims.
/// Blocking (it reads the file): run it off the async threads.
pub fn check_content(path: &Path, claimed: FileKind) -> Result<(), FileProblem> {
    let mut head = Vec::with_capacity(HEAD);
    std::fs::File::open(path)
        .and_then(|f| f.take(HEAD as u64).read_to_end(&mut head))
        .map_err(|err| {
            tracing::error!(error = %err, path = %path.display(), "could not read an upload");
            FileProblem::Broken
        })?;
    if head.is_empty() {
        return Err(FileProblem::Empty);
    }
    // Content we do not recognise, or of another kind (an .exe called .pdf,
    // HTML or SVG called .png, a plain zip called .xlsx), is refused alike.
    let agrees = match (claimed, sniff(&head)) {
        (_, None) => false,
        (FileKind::Xlsx | FileKind::Docx, Some(Sniffed::Zip)) => ooxml_is(path, claimed),
        (FileKind::Xls | FileKind::Doc, Some(Sniffed::Ole)) => ole_is(path, claimed),
        (FileKind::Csv, Some(Sniffed::Text)) => true,
        (k, Some(Sniffed::Kind(f))) => k == f,
        _ => false,
    };
    if agrees {
        Ok(())
    } else {
        Err(FileProblem::Mismatch)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sniffed {
    Kind(FileKind),
    /// A zip archive: an xlsx or docx once its entries say so.
    Zip,
    /// An OLE compound file: xls or doc once its streams say so.
    Ole,
    /// Plain text that is not markup: acceptable as CSV.
    Text,
}

fn sniff(head: &[u8]) -> Option<Sniffed> {
    use infer::{archive, doc, image};
    Some(if image::is_png(head) {
        Sniffed::Kind(FileKind::Png)
    } else if image::is_jpeg(head) {
        Sniffed::Kind(FileKind::Jpeg)
    } else if image::is_gif(head) {
        Sniffed::Kind(FileKind::Gif)
    } else if image::is_tiff(head) {
        Sniffed::Kind(FileKind::Tiff)
    } else if archive::is_pdf(head) {
        Sniffed::Kind(FileKind::Pdf)
    } else if archive::is_zip(head) {
        Sniffed::Zip
    } else if doc::is_doc(head) {
        // Without infer's `std` feature this is any OLE container.
        Sniffed::Ole
    } else if is_plain_text(head) {
        Sniffed::Text
    } else {
        return None;
    })
}

/// Text with no NUL or other binary control bytes, not starting like
/// markup (HTML, SVG, XML), so a browser could never take it for a page.
fn is_plain_text(head: &[u8]) -> bool {
    let binary = head
        .iter()
        .any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c));
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let first = text.iter().find(|b| !b.is_ascii_whitespace());
    !binary && first != Some(&b'<')
}

/// An Office Open XML package of the claimed kind: a zip whose entries
/// include the content-type list and the part that makes it a workbook or
/// a document. Only the central directory is read.
fn ooxml_is(path: &Path, claimed: FileKind) -> bool {
    let main_part = match claimed {
        FileKind::Xlsx => "xl/workbook.xml",
        FileKind::Docx => "word/document.xml",
        _ => return false,
    };
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let Ok(zip) = zip::ZipArchive::new(std::io::BufReader::new(file)) else {
        return false;
    };
    let names: Vec<&str> = zip.file_names().collect();
    names.contains(&"[Content_Types].xml") && names.contains(&main_part)
}

/// An OLE compound file of the claimed kind: Word keeps its text in a
/// `WordDocument` stream, Excel in `Workbook` (or `Book` before Excel 97).
fn ole_is(path: &Path, claimed: FileKind) -> bool {
    let Ok(ole) = cfb::open(path) else {
        return false;
    };
    match claimed {
        FileKind::Doc => ole.is_stream("/WordDocument"),
        FileKind::Xls => ole.is_stream("/Workbook") || ole.is_stream("/Book"),
        _ => false,
    }
}

//! The checks, the streamed reading of a form, and the clean-up.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use bytes::Bytes;

use super::check::{check_content, claimed_kind, clean_name, NAME_MAX};
use super::store::Files;
use super::sweep::{sweep, Swept};
use super::upload::read_form;
use super::{FileKind, FileProblem, UploadLimits};
use crate::db::Clock;
use crate::error::AppError;

pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde\0\0\0\x0cIDATx\x9cc\xf8\xcf\xc0\0\0\x03\x01\x01\0\xc9\xfe\x92\xef\0\0\0\0IEND\xaeB`\x82";

fn zip_with(entries: &[&str]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for name in entries {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(b"<x/>").unwrap();
    }
    zip.finish().unwrap().into_inner()
}

pub fn xlsx() -> Vec<u8> {
    zip_with(&["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml"])
}

fn ole(dir: &Path, stream: &str) -> Vec<u8> {
    let path = dir.join("ole.bin");
    let mut file = cfb::create(&path).unwrap();
    file.create_stream(stream)
        .unwrap()
        .write_all(&[1; 64])
        .unwrap();
    file.flush().unwrap();
    drop(file);
    std::fs::read(path).unwrap()
}

fn check(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), FileProblem> {
    let path = dir.join("upload");
    std::fs::write(&path, bytes).unwrap();
    check_content(&path, claimed_kind(&clean_name(name)?)?)
}

#[test]
fn names_lose_their_path_and_control_characters_are_refused() {
    assert_eq!(clean_name("../../etc/passwd").unwrap(), "passwd");
    assert_eq!(claimed_kind("passwd"), Err(FileProblem::NotAllowed));
    assert_eq!(
        clean_name(r"C:\Users\ana\Factura 1.pdf").unwrap(),
        "Factura 1.pdf"
    );
    assert_eq!(clean_name("..\\..\\.bashrc.pdf").unwrap(), "bashrc.pdf");
    assert_eq!(clean_name("a\0b.pdf"), Err(FileProblem::BadName));
    assert_eq!(clean_name("line\nbreak.pdf"), Err(FileProblem::BadName));
    assert_eq!(clean_name("dir/"), Err(FileProblem::BadName));
    assert_eq!(clean_name("  "), Err(FileProblem::BadName));
    let long = format!("{}.xlsx", "é".repeat(300));
    let cleaned = clean_name(&long).unwrap();
    assert_eq!(cleaned.chars().count(), NAME_MAX);
    assert!(cleaned.ends_with(".xlsx"));
}

#[test]
fn content_must_match_an_allowed_type_and_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert_eq!(check(d, "photo.png", PNG), Ok(()));
    assert_eq!(check(d, "photo.PNG", PNG), Ok(()));
    assert_eq!(check(d, "photo.jpg", PNG), Err(FileProblem::Mismatch));
    assert_eq!(check(d, "doc.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj"), Ok(()));
    assert_eq!(check(d, "pic.gif", b"GIF89a\x01\0\x01\0\0\0\0;"), Ok(()));
    assert_eq!(
        check(d, "pic.jpeg", b"\xff\xd8\xff\xe0\0\x10JFIF\0"),
        Ok(())
    );
    assert_eq!(
        check(d, "scan.tiff", b"II*\0\x08\0\0\0\x01\0\x00\x01"),
        Ok(())
    );
    // An .exe called .pdf, markup called .png.
    let exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0PE\0\0";
    assert_eq!(check(d, "invoice.pdf", exe), Err(FileProblem::Mismatch));
    let html = b"<!DOCTYPE html><script>alert(1)</script>";
    assert_eq!(check(d, "x.png", html), Err(FileProblem::Mismatch));
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>";
    assert_eq!(check(d, "x.png", svg), Err(FileProblem::Mismatch));
    assert_eq!(
        check(d, "x.csv", b"\xEF\xBB\xBF <html>"),
        Err(FileProblem::Mismatch)
    );
    assert_eq!(check(d, "x.svg", svg), Err(FileProblem::NotAllowed));
    assert_eq!(check(d, "x.html", html), Err(FileProblem::NotAllowed));
    // Containers must be what they claim.
    assert_eq!(check(d, "book.xlsx", &xlsx()), Ok(()));
    assert_eq!(check(d, "book.docx", &xlsx()), Err(FileProblem::Mismatch));
    let plain_zip = zip_with(&["notes.txt"]);
    assert_eq!(
        check(d, "book.xlsx", &plain_zip),
        Err(FileProblem::Mismatch)
    );
    let docx = zip_with(&["[Content_Types].xml", "word/document.xml"]);
    assert_eq!(check(d, "letter.docx", &docx), Ok(()));
    let word = ole(d, "/WordDocument");
    assert_eq!(check(d, "letter.doc", &word), Ok(()));
    assert_eq!(check(d, "letter.xls", &word), Err(FileProblem::Mismatch));
    assert_eq!(check(d, "book.xls", &ole(d, "/Workbook")), Ok(()));
    // Text is fine as CSV; binary is not.
    assert_eq!(
        check(d, "rows.csv", "a;b\nFactura;1,5 €\n".as_bytes()),
        Ok(())
    );
    assert_eq!(check(d, "rows.csv", b"a,b\0c"), Err(FileProblem::Mismatch));
    assert_eq!(check(d, "empty.pdf", b""), Err(FileProblem::Empty));
}

/// A multipart body by hand: `(field, Some(file name) or None, bytes)`.
pub fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----helpdesk-test-boundary";
    let mut body = Vec::new();
    for (field, file, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(name) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\n\
                     Content-Type: application/octet-stream\r\n\r\n"
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{field}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn staged_count(files: &Files) -> usize {
    std::fs::read_dir(&files.staging).unwrap().count()
}

async fn read(
    files: &Files,
    limits: UploadLimits,
    parts: &[(&str, Option<&str>, &[u8])],
) -> Result<super::upload::Form, AppError> {
    let (ct, body) = multipart(parts);
    read_form(files, limits, &ct, whole(body)).await
}

fn refused(name: &str, problem: FileProblem) -> Result<(), AppError> {
    Err(AppError::File {
        name: name.into(),
        problem,
    })
}

#[tokio::test]
async fn a_form_is_read_with_its_files_and_bad_ones_leave_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let files = Files::local(dir.path()).unwrap();
    let limits = UploadLimits::default();

    let form = read(
        &files,
        limits,
        &[
            ("body", None, b"Here you are"),
            ("files", Some("a.png"), PNG),
            ("files", Some(""), b""),
            ("files", Some("../b.csv"), b"x,y\n"),
        ],
    )
    .await
    .unwrap();
    assert_eq!(form.text("body"), "Here you are");
    let names: Vec<_> = form
        .files
        .iter()
        .map(|f| (f.name.as_str(), f.kind))
        .collect();
    assert_eq!(names, [("a.png", FileKind::Png), ("b.csv", FileKind::Csv)]);
    assert_eq!(staged_count(&files), 2);
    drop(form);
    assert_eq!(
        staged_count(&files),
        0,
        "dropped forms leave no staged file"
    );

    let six: Vec<_> = (0..6).map(|i| format!("{i}.png")).collect();
    let parts: Vec<_> = six
        .iter()
        .map(|n| ("files", Some(n.as_str()), PNG))
        .collect();
    let r = read(&files, limits, &parts).await.map(drop);
    assert_eq!(r, refused("5.png", FileProblem::TooMany));
    assert_eq!(staged_count(&files), 0);

    let cases: [(&str, &[u8], FileProblem); 4] = [
        ("empty.pdf", b"", FileProblem::Empty),
        ("run.exe", b"MZ", FileProblem::NotAllowed),
        (
            "page.png",
            b"<html><script>alert(1)</script>",
            FileProblem::Mismatch,
        ),
        ("../../etc/passwd", b"root:x:0:0", FileProblem::NotAllowed),
    ];
    for (name, bytes, problem) in cases {
        let r = read(
            &files,
            limits,
            &[("files", Some("ok.png"), PNG), ("files", Some(name), bytes)],
        )
        .await;
        let cleaned = clean_name(name).unwrap();
        assert_eq!(r.map(drop), refused(&cleaned, problem), "{name}");
        assert_eq!(staged_count(&files), 0, "{name}");
    }
    for name in ["a\0.png", "a\x01.png"] {
        let r = read(&files, limits, &[("files", Some(name), PNG)]).await;
        assert_eq!(r.map(drop), refused("", FileProblem::BadName), "{name:?}");
    }
    assert_eq!(staged_count(&files), 0);
}

#[tokio::test]
async fn twenty_megabytes_and_one_byte_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let files = Files::local(dir.path()).unwrap();
    let limits = UploadLimits::default();
    let mut big = b"%PDF-1.7\n".to_vec();
    big.resize(limits.max_bytes as usize - PNG.len() + 1, b'a');
    let r = read(
        &files,
        limits,
        &[
            ("files", Some("a.png"), PNG),
            ("files", Some("b.pdf"), &big),
        ],
    )
    .await;
    assert_eq!(r.map(drop), refused("b.pdf", FileProblem::TooLarge));
    assert_eq!(staged_count(&files), 0);
    big.pop();
    let form = read(
        &files,
        limits,
        &[
            ("files", Some("a.png"), PNG),
            ("files", Some("b.pdf"), &big),
        ],
    )
    .await
    .unwrap();
    assert_eq!(form.files[1].size, big.len() as u64);
}

#[tokio::test]
async fn an_upload_cut_off_halfway_is_broken_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let files = Files::local(dir.path()).unwrap();
    let mut pdf = b"%PDF-1.7\n".to_vec();
    pdf.resize(200_000, b'a');
    let (ct, body) = multipart(&[("body", None, b"hi"), ("files", Some("a.pdf"), &pdf)]);
    let half = body[..body.len() / 2].to_vec();
    // The client goes away: the body stream ends with an error.
    let stream = futures::stream::iter([
        Ok::<_, std::io::Error>(Bytes::from(half)),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "gone",
        )),
    ]);
    let r = read_form(&files, UploadLimits::default(), &ct, stream).await;
    assert!(
        matches!(
            r,
            Err(AppError::File {
                problem: FileProblem::Broken,
                ..
            })
        ),
        "{r:?}"
    );
    assert_eq!(staged_count(&files), 0);
    // Or it simply stops sending.
    let (ct, body) = multipart(&[("files", Some("a.pdf"), &pdf)]);
    let r = read_form(
        &files,
        UploadLimits::default(),
        &ct,
        whole(body[..1000].to_vec()),
    )
    .await;
    assert_eq!(r.map(drop), refused("a.pdf", FileProblem::Broken));
    assert_eq!(staged_count(&files), 0);
}

#[tokio::test]
async fn the_clean_up_removes_partial_and_unreferenced_files_only() {
    let t = crate::db::testing::test_db_with(Clock::system()).await;
    let (db, dir) = (t.db.clone(), &t.dir);
    let files = Files::local(&dir.path().join("files")).unwrap();
    // What a crash leaves: a half-written staged upload, and a file placed
    // in the store whose message was never committed.
    std::fs::write(files.staging.join("abc.upload"), b"%PDF-1.7 half").unwrap();
    let orphan = dir.path().join("orphan");
    std::fs::write(&orphan, b"%PDF").unwrap();
    files.store.put("0123orphan", &orphan).await.unwrap();
    // A file in use (its row written by hand) stays, with its preview.
    let kept = dir.path().join("kept");
    std::fs::write(&kept, PNG).unwrap();
    files.store.put("4567kept", &kept).await.unwrap();
    files
        .store
        .put_bytes("4567kept-thumb", PNG.to_vec())
        .await
        .unwrap();
    let ana = crate::auth::accounts::register(
        &db,
        crate::auth::Role::Customer,
        "Ana",
        "ana@example.com",
        "password-123",
    )
    .await
    .unwrap();
    let new = crate::cases::open::NewCase::new(
        crate::validate::Subject::parse("Invoice").unwrap(),
        crate::cases::CaseType::FINANCE,
        crate::validate::MessageBody::parse("See the file").unwrap(),
    );
    let placed = [super::save::Placed {
        key: "4567kept".into(),
        name: "a.png".into(),
        kind: FileKind::Png,
        size: PNG.len() as u64,
    }];
    crate::cases::open::open_case_with_files(&db, &ana, &new, &placed)
        .await
        .unwrap();

    // A recent file is left alone while uploads may be in flight.
    let later = sweep(&files, &db, Duration::from_secs(3600)).await.unwrap();
    assert_eq!(later, Swept::default());
    let swept = sweep(&files, &db, Duration::ZERO).await.unwrap();
    assert_eq!(
        swept,
        Swept {
            partial: 1,
            orphans: 1
        }
    );
    assert_eq!(staged_count(&files), 0);
    let mut keys: Vec<_> = files
        .store
        .keys()
        .await
        .unwrap()
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    keys.sort();
    assert_eq!(keys, ["4567kept", "4567kept-thumb"]);
}

#[test]
fn previews_are_re_encoded_and_bombs_refused() {
    let png = super::thumb::shrink(PNG).expect("a preview");
    assert!(png.starts_with(b"\x89PNG"));
    assert_ne!(png, PNG);
    // A header claiming 100,000 x 100,000 pixels.
    let mut bomb = PNG.to_vec();
    bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    assert_eq!(super::thumb::shrink(&bomb), None);
    assert_eq!(super::thumb::shrink(b"<svg/>"), None);
}

/// A request body that arrives in one piece.
fn whole(body: Vec<u8>) -> impl futures::Stream<Item = Result<Bytes, std::io::Error>> {
    futures::stream::once(async move { Ok(Bytes::from(body)) })
}

#[tokio::test]
async fn a_picture_that_gives_no_preview_is_not_decoded_again() {
    let dir = tempfile::tempdir().unwrap();
    let files = Files::local(dir.path()).unwrap();
    let mut bomb = PNG.to_vec();
    bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    files.store.put_bytes("bomb", bomb.clone()).await.unwrap();
    let limits = UploadLimits::default();
    let size = bomb.len() as u64;
    assert_eq!(
        super::thumb::get_or_make(&files, "bomb", size, limits).await,
        None
    );
    // Were it decoded again, this (now valid) picture would give one.
    files.store.put_bytes("bomb", PNG.to_vec()).await.unwrap();
    assert_eq!(
        super::thumb::get_or_make(&files, "bomb", size, limits).await,
        None
    );
    // A good picture's preview is kept and given again.
    files.store.put_bytes("good", PNG.to_vec()).await.unwrap();
    let first = super::thumb::get_or_make(&files, "good", size, limits).await;
    assert!(first.as_ref().is_some_and(|p| p.starts_with(b"\x89PNG")));
    let again = super::thumb::get_or_make(&files, "good", size, limits).await;
    assert_eq!(first, again);
}

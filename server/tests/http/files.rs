//! Attachments over HTTP: who may download, the headers a file is served
//! with, and requests that must leave nothing behind.

use http::{header, StatusCode};

use crate::support::{spawn_app, Part, TestApp, PNG};

const JSON: &str = "application/json";

fn pdf(len: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..len).map(|i| (i % 251) as u8));
    bytes
}

async fn count(app: &TestApp, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&app.db.read)
        .await
        .unwrap()
}

/// Files in the store and in staging: both must be empty after a refusal.
async fn files_on_disk(app: &TestApp) -> usize {
    let stored = app.files.store.keys().await.unwrap().len();
    stored + std::fs::read_dir(&app.files.staging).unwrap().count()
}

fn ids(body: &str) -> Vec<i64> {
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    v["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i.as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn files_reach_only_people_who_may_see_the_case() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let bob = app.sign_in("bob@example.com").await;
    let agent = app.sign_in("agent@example.com").await;
    let n = app.open_case(&ana, "Invoice").await;
    let report = pdf(300_000);
    let r = app
        .upload(
            &format!("/upload/cases/{n}"),
            &[
                ("body", None, b"Here they are"),
                ("files", Some("Factura nº 5.pdf"), &report),
                ("files", Some("photo.png"), PNG),
            ],
            Some(&ana),
            JSON,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let [pdf_id, png_id] = ids(&r.body)[..] else {
        panic!("two ids: {}", r.body)
    };

    let (status, headers, bytes) = app.get(&format!("/files/{pdf_id}"), Some(&ana)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bytes, report);
    assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(
        headers[header::CONTENT_SECURITY_POLICY],
        "default-src 'none'; sandbox"
    );
    assert_eq!(
        headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"Factura n_ 5.pdf\"; filename*=UTF-8''Factura%20n%C2%BA%205.pdf"
    );
    // Sent as stored, even to a browser that accepts compression.
    let req = http::Request::get(format!("/files/{pdf_id}"))
        .header(header::COOKIE, &ana)
        .header(header::ACCEPT_ENCODING, "gzip, br")
        .body(axum::body::Body::empty())
        .unwrap();
    let (_, headers, bytes) = app.send_bytes(req).await;
    assert!(headers.get(header::CONTENT_ENCODING).is_none());
    assert_eq!(
        headers[header::CONTENT_LENGTH],
        report.len().to_string().as_str()
    );
    assert_eq!(bytes, report);
    let (status, _, bytes) = app.get(&format!("/files/{png_id}"), Some(&agent)).await;
    assert_eq!((status, bytes.as_slice()), (StatusCode::OK, PNG));

    // Someone else's file reads exactly like one that does not exist.
    let foreign = app.get(&format!("/files/{pdf_id}"), Some(&bob)).await;
    let missing = app.get("/files/987654", Some(&bob)).await;
    assert_eq!(foreign.0, StatusCode::NOT_FOUND);
    assert_eq!((foreign.0, foreign.2), (missing.0, missing.2));
    let foreign = app
        .get(&format!("/files/{png_id}/preview"), Some(&bob))
        .await;
    assert_eq!(foreign.0, StatusCode::NOT_FOUND);
    // A visitor is asked to sign in, whatever the id.
    let (status, headers, _) = app.get(&format!("/files/{pdf_id}"), None).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        headers[header::LOCATION],
        format!("/signin?next=/files/{pdf_id}")
    );

    // The preview is a re-encoded PNG, never the uploaded bytes.
    let (status, headers, preview) = app
        .get(&format!("/files/{png_id}/preview"), Some(&ana))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "image/png");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(preview.starts_with(b"\x89PNG") && preview != PNG);
    let pdf_preview = app
        .get(&format!("/files/{pdf_id}/preview"), Some(&ana))
        .await;
    assert_eq!(pdf_preview.0, StatusCode::NOT_FOUND);

    // The case shows them on their message.
    let case = app
        .call("/api/cases/get", &format!("number={n}"), Some(&bob))
        .await;
    assert_eq!(case.status, StatusCode::NOT_FOUND);
    let case = app
        .call("/api/cases/get", &format!("number={n}"), Some(&agent))
        .await;
    assert!(case.body.contains("Factura nº 5.pdf") && case.body.contains("photo.png"));
}

#[tokio::test]
async fn a_refused_file_keeps_nothing_of_its_message() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let bob = app.sign_in("bob@example.com").await;
    let n = app.open_case(&ana, "Invoice").await;
    let (messages, events) = (
        count(&app, "messages").await,
        count(&app, "case_events").await,
    );
    let path = format!("/upload/cases/{n}");
    let six: Vec<String> = (0..6).map(|i| format!("{i}.png")).collect();
    let six: Vec<_> = six
        .iter()
        .map(|n| ("files", Some(n.as_str()), PNG))
        .collect();
    let big = pdf(20 * 1024 * 1024 - 9 - PNG.len() + 1);
    let cases: Vec<(Vec<Part>, StatusCode, &str)> = vec![
        (six, StatusCode::UNPROCESSABLE_ENTITY, "TooMany"),
        (
            vec![
                ("files", Some("a.png"), PNG),
                ("files", Some("b.pdf"), &big),
            ],
            StatusCode::PAYLOAD_TOO_LARGE,
            "TooLarge",
        ),
        (
            vec![
                ("files", Some("a.png"), PNG),
                (
                    "files",
                    Some("setup.pdf"),
                    b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff",
                ),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
            "Mismatch",
        ),
        (
            vec![
                ("files", Some("a.png"), PNG),
                ("files", Some("x.png"), b"<svg onload=alert(1)>"),
            ],
            StatusCode::UNPROCESSABLE_ENTITY,
            "Mismatch",
        ),
        (
            vec![(
                "files",
                Some("book.xlsx"),
                b"PK\x03\x04\x14\0\0\0\0\0not really a workbook",
            )],
            StatusCode::UNPROCESSABLE_ENTITY,
            "Mismatch",
        ),
        (
            vec![("files", Some("empty.pdf"), b"")],
            StatusCode::UNPROCESSABLE_ENTITY,
            "Empty",
        ),
        (
            vec![("files", Some("../../etc/passwd"), b"root:x:0:0")],
            StatusCode::UNPROCESSABLE_ENTITY,
            "NotAllowed",
        ),
        (vec![], StatusCode::UNPROCESSABLE_ENTITY, "Required"),
    ];
    for (parts, status, problem) in cases {
        let mut parts = parts;
        let text: &[u8] = if parts.is_empty() {
            b"  "
        } else {
            b"with files"
        };
        parts.insert(0, ("body", None, text));
        let r = app.upload(&path, &parts, Some(&ana), JSON).await;
        assert_eq!(r.status, status, "{problem}: {}", r.body);
        assert!(r.body.contains(problem), "{problem}: {}", r.body);
    }
    // Someone else's case: not found, before a byte is kept.
    let r = app
        .upload(&path, &[("files", Some("a.png"), PNG)], Some(&bob), JSON)
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // A closed case refuses after the files were placed: they go again.
    app.call("/api/cases/close", &format!("number={n}"), Some(&ana))
        .await;
    let events = events + 1;
    let r = app
        .upload(&path, &[("files", Some("a.png"), PNG)], Some(&ana), JSON)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);

    assert_eq!(count(&app, "messages").await, messages);
    assert_eq!(count(&app, "case_events").await, events);
    assert_eq!(count(&app, "attachments").await, 0);
    assert_eq!(files_on_disk(&app).await, 0);
}

#[tokio::test]
async fn a_new_case_carries_files_and_plain_form_posts_are_redirected() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let fields: [Part; 3] = [
        ("subject", None, b"Broken screen"),
        ("case_type", None, b"technical"),
        ("description", None, b"Photo attached"),
    ];
    let mut parts = fields.to_vec();
    parts.push(("files", Some("screen.png"), PNG));
    // Without JavaScript: the browser follows a redirect to the new case.
    let r = app
        .upload("/upload/cases", &parts, Some(&ana), "text/html")
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let location = r.headers[header::LOCATION].to_str().unwrap().to_owned();
    assert!(location.starts_with("/cases/"), "{location}");
    assert_eq!(count(&app, "attachments").await, 1);

    // A refused file sends the browser back to the form with the reason.
    let mut parts = fields.to_vec();
    parts.push(("files", Some("x.png"), b"<html>"));
    let r = app
        .upload("/upload/cases", &parts, Some(&ana), "text/html")
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let back = r.headers[header::LOCATION].to_str().unwrap();
    assert!(back.starts_with("/cases/new?upload_error="), "{back}");
    assert!(back.contains("Mismatch"), "{back}");
    // A form error (no subject) the same way, nothing opened.
    let r = app
        .upload(
            "/upload/cases",
            &[("case_type", None, b"technical")],
            Some(&ana),
            JSON,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(count(&app, "cases").await, 1);
    // Signed out: to the sign-in page.
    let r = app.upload("/upload/cases", &parts, None, "text/html").await;
    assert_eq!(r.headers[header::LOCATION], "/signin?next=/cases/new");
    // A body that is not multipart at all is a bad request, not a 500.
    let r = app.call("/upload/cases", "subject=x", Some(&ana)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(files_on_disk(&app).await, 1);
}

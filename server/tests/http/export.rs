//! The CSV export: only what the caller may see, spreadsheet-safe.

use axum::body::Body;
use http::{header, Request, StatusCode};

use crate::support::spawn_app;

#[tokio::test]
async fn the_export_streams_only_what_the_caller_may_see_as_csv() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let bob = app.sign_in("bob@example.com").await;
    let agent = app.sign_in("agent@example.com").await;
    app.open_case(&ana, "=HYPERLINK(\"http://evil\")").await;
    let printer = app.open_case(&ana, "Printer jams").await;
    let admin = app.admin().await;
    domain::cases::assign::take(&app.db, &admin, printer)
        .await
        .unwrap();
    app.open_case(&bob, "Bob's own").await;

    let get = |path: &str, cookie: Option<&str>| {
        let mut req = Request::get(path);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        app.send(req.body(Body::empty()).unwrap())
    };
    let mine = get("/export/cases.csv", Some(&ana)).await;
    assert_eq!(mine.status, StatusCode::OK);
    assert_eq!(
        mine.headers[header::CONTENT_TYPE],
        "text/csv; charset=utf-8"
    );
    assert!(mine.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert!(mine.body.starts_with("\u{feff}Case number,Subject,"));
    // Who works on a case and its due time are for staff.
    assert!(
        mine.body.lines().next().unwrap().ends_with(",Requester"),
        "{}",
        mine.body
    );
    assert!(!mine.body.contains("Ada"));
    assert!(
        mine.body.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""),
        "{}",
        mine.body
    );
    assert!(!mine.body.contains("Bob's own"));
    assert_eq!(mine.body.lines().count(), 3);

    let filtered = get("/export/cases.csv?q=printer", Some(&ana)).await;
    assert_eq!(filtered.body.lines().count(), 2);
    assert!(filtered.body.contains("Printer jams"));

    assert_eq!(
        get("/export/cases.csv?scope=all", Some(&ana)).await.status,
        StatusCode::FORBIDDEN
    );
    let all = get("/export/cases.csv?scope=all", Some(&agent)).await;
    assert_eq!(all.body.lines().count(), 4);
    let mut lines = all.body.lines();
    assert!(lines
        .next()
        .unwrap()
        .ends_with(",Requester,Assignee,Department,Service level due"));
    let taken = lines.find(|l| l.contains("Printer jams")).unwrap();
    assert!(taken.contains(",ana@example.com,Ada,,"), "{taken}");
    assert_eq!(
        get("/export/cases.csv?status=open", Some(&ana))
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let visitor = get("/export/cases.csv", None).await;
    assert_eq!(visitor.status, StatusCode::SEE_OTHER);
}

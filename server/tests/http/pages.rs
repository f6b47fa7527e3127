//! Server-rendered pages: language, redirects, and not-found for others' cases.

use http::{header, StatusCode};

use crate::support::spawn_app;

#[tokio::test]
async fn pages_render_on_the_server_in_the_browsers_language() {
    let app = spawn_app().await;
    let en = app.page("/", None, "en-US,en;q=0.9").await;
    assert_eq!(en.status, StatusCode::OK);
    assert!(en.body.contains("Questions and Answers"));
    let es = app.page("/", None, "es-ES,es;q=0.9").await;
    assert!(es.body.contains("Preguntas y respuestas"));
    assert!(es.body.contains(r#"lang="es""#));
}

#[tokio::test]
async fn my_cases_sends_a_visitor_to_sign_in_and_renders_for_the_owner() {
    let app = spawn_app().await;
    let visitor = app.page("/cases", None, "en").await;
    assert_eq!(visitor.status, StatusCode::SEE_OTHER);
    assert_eq!(visitor.headers[header::LOCATION], "/signin?next=%2Fcases");
    let deep = app.page("/cases?status=new&page=2", None, "en").await;
    let back = "/signin?next=%2Fcases%3Fstatus%3Dnew%26page%3D2";
    assert_eq!(deep.headers[header::LOCATION], back);

    let ana = app.sign_in("ana@example.com").await;
    let n = app.open_case(&ana, "Rendered on the server").await;
    let page = app.page("/cases", Some(&ana), "en").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Rendered on the server"));
    // A customer asking for a staff page goes to their own.
    let staff = app.page("/staff", Some(&ana), "en").await;
    assert_eq!(staff.status, StatusCode::SEE_OTHER);
    assert_eq!(staff.headers[header::LOCATION], "/cases");
    assert!(page.body.contains(&format!("/cases/{n}")));
}

#[tokio::test]
async fn someone_elses_case_page_is_a_404() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let bob = app.sign_in("bob@example.com").await;
    let n = app.open_case(&ana, "Ana's secret").await;
    let page = app.page(&format!("/cases/{n}"), Some(&bob), "en").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(!page.body.contains("Ana's secret"));
    let own = app.page(&format!("/cases/{n}"), Some(&ana), "en").await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.body.contains("Ana&#x27;s secret") || own.body.contains("Ana's secret"));
}

#[tokio::test]
async fn pages_and_answers_are_not_cached_framed_or_sniffed() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let page = app.page("/cases", Some(&ana), "en").await;
    let api = app.call("/api/auth/me", "", Some(&ana)).await;
    for headers in [&page.headers, &api.headers] {
        assert_eq!(headers[header::CACHE_CONTROL], "no-store");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(headers[header::REFERRER_POLICY], "same-origin");
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(csp.contains("object-src 'none'"), "{csp}");
    }
}

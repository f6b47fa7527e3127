//! The server functions over real HTTP, as a browser or a script calls them:
//! who may see what, cookie flags, and status codes for bad input.

use axum::body::Body;
use axum::Router;
use http::{header, Request, StatusCode};
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

use app::auth::{accounts, Role};
use app::db::{Clock, Db};
use app::state::{AppState, Settings};

/// A list request with no filter set.
const MINE: &str = "query[sort]=";

struct TestApp {
    router: Router,
    db: Db,
    _dir: tempfile::TempDir,
}

struct Reply {
    status: StatusCode,
    headers: http::HeaderMap,
    body: String,
}

async fn spawn_app() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("t.db"), Clock::system())
        .await
        .unwrap();
    let state = AppState {
        leptos_options: LeptosOptions::builder().output_name("helpdesk").build(),
        db: db.clone(),
        settings: Settings::default(),
    };
    for (role, name, email) in [
        (Role::Customer, "Ana", "ana@example.com"),
        (Role::Customer, "Bob", "bob@example.com"),
        (Role::Agent, "Alex", "agent@example.com"),
    ] {
        accounts::register(&db, role, name, email, "password-123")
            .await
            .unwrap();
    }
    TestApp {
        router: server::router(state),
        db,
        _dir: dir,
    }
}

impl TestApp {
    async fn call(&self, path: &str, form: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(form.to_owned())).unwrap())
            .await
    }

    async fn send(&self, req: Request<Body>) -> Reply {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// Signs in and returns the `name=value` cookie to send back.
    async fn sign_in(&self, email: &str) -> String {
        let r = self
            .call(
                "/api/auth/sign_in",
                &format!("email={email}&password=password-123"),
                None,
            )
            .await;
        let set = r.headers[header::SET_COOKIE].to_str().unwrap().to_owned();
        set.split(';').next().unwrap().to_owned()
    }

    async fn open_case(&self, cookie: &str, subject: &str) -> i64 {
        let r = self
            .call(
                "/api/cases/open",
                &format!("subject={subject}&case_type=technical&description=Help"),
                Some(cookie),
            )
            .await;
        assert!(
            r.status.is_success() || r.status.is_redirection(),
            "{}",
            r.body
        );
        r.body.parse().expect("case number")
    }
}

#[tokio::test]
async fn sign_in_sets_an_http_only_lax_cookie_and_a_new_id_each_time() {
    let app = spawn_app().await;
    let r = app
        .call(
            "/api/auth/sign_in",
            "email=ana@example.com&password=password-123",
            None,
        )
        .await;
    let set = r.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(set.contains("HttpOnly"), "{set}");
    assert!(set.contains("SameSite=Lax"), "{set}");
    assert!(!set.contains("Secure"), "plain http: {set}");
    let again = app.sign_in("ana@example.com").await;
    assert_ne!(set.split(';').next().unwrap(), again);
}

#[tokio::test]
async fn a_wrong_password_is_a_401_with_a_clear_error() {
    let app = spawn_app().await;
    let r = app
        .call(
            "/api/auth/sign_in",
            "email=ana@example.com&password=wrong-pass",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.body, "\"WrongCredentials\"");
    assert!(r.headers.get(header::SET_COOKIE).is_none());
}

#[tokio::test]
async fn another_customers_case_is_a_404_like_a_missing_one() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let bob = app.sign_in("bob@example.com").await;
    let n = app.open_case(&ana, "Private").await;

    let foreign = app
        .call("/api/cases/get", &format!("number={n}"), Some(&bob))
        .await;
    let missing = app
        .call("/api/cases/get", "number=987654", Some(&bob))
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    assert_eq!(
        (foreign.status, &foreign.body),
        (missing.status, &missing.body)
    );

    let reply = app
        .call(
            "/api/cases/reply",
            &format!("number={n}&body=hi"),
            Some(&bob),
        )
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);

    let own = app
        .call("/api/cases/get", &format!("number={n}"), Some(&ana))
        .await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.body.contains("Private"));
}

#[tokio::test]
async fn bad_input_gets_a_4xx_and_never_a_500() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let long_subject = "a".repeat(201);
    let long_body = "b".repeat(20_001);
    let cases: Vec<(&str, String, StatusCode)> = vec![
        (
            "/api/cases/open",
            "subject=&case_type=technical&description=x".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/api/cases/open",
            format!("subject={long_subject}&case_type=technical&description=x"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/api/cases/open",
            format!("subject=s&case_type=technical&description={long_body}"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/api/cases/open",
            "subject=s&case_type=nonsense&description=x".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/api/cases/open",
            "subject=missing-fields".into(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/cases/get",
            "number=not-a-number".into(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/cases/reply",
            "number=1".into(),
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/cases/status",
            "number=1&status=open".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/api/auth/sign_up",
            "name=X&email=not-an-email&password=password-123".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/api/auth/sign_up",
            "name=X&email=x@example.com&password=short".into(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ];
    for (path, form, expected) in cases {
        let r = app.call(path, &form, Some(&ana)).await;
        assert_eq!(
            r.status,
            expected,
            "{path} {}: {}",
            &form[..form.len().min(60)],
            r.body
        );
    }
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases")
        .fetch_one(&app.db.read)
        .await
        .unwrap();
    assert_eq!(count, 0, "refused input wrote nothing");
}

#[tokio::test]
async fn without_a_session_case_functions_ask_to_sign_in() {
    let app = spawn_app().await;
    let r = app.call("/api/cases/mine", MINE, None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.body, "\"SignInRequired\"");
}

#[tokio::test]
async fn sign_out_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    assert_eq!(
        app.call("/api/cases/mine", MINE, Some(&ana)).await.status,
        StatusCode::OK
    );
    let out = app.call("/api/auth/sign_out", "", Some(&ana)).await;
    assert!(out.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    // The old cookie, replayed, no longer works.
    assert_eq!(
        app.call("/api/cases/mine", MINE, Some(&ana)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn customers_cannot_reach_the_staff_list_or_change_statuses() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let agent = app.sign_in("agent@example.com").await;
    let n = app.open_case(&ana, "Mine").await;
    assert_eq!(
        app.call("/api/cases/all", MINE, Some(&ana)).await.status,
        StatusCode::FORBIDDEN
    );
    let r = app
        .call(
            "/api/cases/status",
            &format!("number={n}&status=resolved"),
            Some(&ana),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app.call("/api/cases/all", MINE, Some(&agent)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Mine"));
}

impl TestApp {
    async fn page(&self, path: &str, cookie: Option<&str>, language: &str) -> Reply {
        let mut req = Request::get(path)
            .header(header::ACCEPT, "text/html")
            .header(header::ACCEPT_LANGUAGE, language);
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }
}

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
    assert_eq!(visitor.status, StatusCode::FOUND);
    assert_eq!(visitor.headers[header::LOCATION], "/signin?next=/cases");

    let ana = app.sign_in("ana@example.com").await;
    let n = app.open_case(&ana, "Rendered on the server").await;
    let page = app.page("/cases", Some(&ana), "en").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Rendered on the server"));
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
async fn only_the_requester_closes_a_case() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let bob = app.sign_in("bob@example.com").await;
    let n = app.open_case(&ana, "Close me").await;
    let form = format!("number={n}");
    assert_eq!(
        app.call("/api/cases/close", &form, Some(&bob)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.call("/api/cases/close", &form, Some(&ana)).await.status,
        StatusCode::OK
    );
    let again = app.call("/api/cases/close", &form, Some(&ana)).await;
    assert_eq!(
        (again.status, again.body.as_str()),
        (StatusCode::CONFLICT, "\"CaseClosed\"")
    );
}

#[tokio::test]
async fn list_filters_are_checked_like_any_input() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let n = app.open_case(&ana, "Printer jams").await;
    app.open_case(&ana, "Invoice missing").await;
    let ok = app
        .call(
            "/api/cases/mine",
            "query[q]=printer&query[status][0]=new",
            Some(&ana),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    assert!(ok.body.contains(&format!("\"number\":{n}")) && !ok.body.contains("Invoice"));
    let long = format!("query[q]={}", "x".repeat(201));
    for bad in [
        "query[status][0]=open",
        "query[sort]=random",
        "query[from]=soon",
        long.as_str(),
    ] {
        let r = app.call("/api/cases/mine", bad, Some(&ana)).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{bad}: {}",
            r.body
        );
    }
}

#[tokio::test]
async fn the_export_streams_only_what_the_caller_may_see_as_csv() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let bob = app.sign_in("bob@example.com").await;
    let agent = app.sign_in("agent@example.com").await;
    app.open_case(&ana, "=HYPERLINK(\"http://evil\")").await;
    app.open_case(&ana, "Printer jams").await;
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
    assert!(mine.body.starts_with("\u{feff}number,subject,"));
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
    assert_eq!(
        get("/export/cases.csv?status=open", Some(&ana))
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let visitor = get("/export/cases.csv", None).await;
    assert_eq!(visitor.status, StatusCode::SEE_OTHER);
}

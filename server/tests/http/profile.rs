//! Profiles over HTTP: who sees a photo, what a refused profile write
//! answers, the follow form, and the zone a page is rendered in.

use http::{header, StatusCode};

use crate::support::{spawn_app, TestApp, PNG};

const JSON: &str = "application/json";

async fn id_of(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&app.db.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_customers_photo_reaches_only_them_and_staff() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let bob = app.sign_in("bob@example.com").await;
    let agent = app.sign_in("agent@example.com").await;
    let ana_id = id_of(&app, "ana@example.com").await;

    let refused = app
        .upload(
            "/upload/photo",
            &[("photo", Some("cv.pdf"), b"%PDF-1.7\n")],
            Some(&ana),
            JSON,
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let visitor = app
        .upload(
            "/upload/photo",
            &[("photo", Some("me.png"), PNG)],
            None,
            JSON,
        )
        .await;
    assert_eq!(visitor.status, StatusCode::UNAUTHORIZED);
    let (status, ..) = app.get(&format!("/files/photo/{ana_id}"), Some(&ana)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "no photo yet");

    let ok = app
        .upload(
            "/upload/photo",
            &[("photo", Some("me.png"), PNG)],
            Some(&ana),
            JSON,
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    for (who, expected) in [
        (Some(&ana), StatusCode::OK),
        (Some(&agent), StatusCode::OK),
        (Some(&bob), StatusCode::NOT_FOUND),
        (None, StatusCode::NOT_FOUND),
    ] {
        let (status, headers, bytes) = app
            .get(&format!("/files/photo/{ana_id}"), who.map(String::as_str))
            .await;
        assert_eq!(status, expected);
        if status == StatusCode::OK {
            assert_eq!(headers[header::CONTENT_TYPE], "image/png");
            assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
            let picture = image::load_from_memory(&bytes).unwrap();
            assert_eq!(picture.width(), domain::auth::photo::SIDE);
        }
    }
    let (status, ..) = app.get("/files/photo/999999", Some(&agent)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_refused_profile_write_changes_nothing() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let form = "name=Ana&job_title=&phone=&language=es&time_zone=Mars%2FOlympus";
    let r = app.call("/api/profile/save", form, Some(&ana)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = app.call("/api/profile/save", form, None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let lang: String =
        sqlx::query_scalar("SELECT language FROM users WHERE email = 'ana@example.com'")
            .fetch_one(&app.db.read)
            .await
            .unwrap();
    assert_eq!(lang, "en");
    let r = app
        .call(
            "/api/profile/password",
            "current=wrong-one&password=new-password-1",
            Some(&ana),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .call("/api/profile/language", "language=xx", Some(&ana))
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_follow_form_answers_alike_and_refuses_malformed_input() {
    let app = spawn_app().await;
    let ana = app.sign_in("ana@example.com").await;
    let n = app.open_case(&ana, "Invoice").await;
    let matched = app
        .call(
            "/api/follow",
            &format!("number={n}&email=ana%40example.com"),
            None,
        )
        .await;
    let unmatched = app
        .call(
            "/api/follow",
            &format!("number={n}&email=eve%40example.com"),
            None,
        )
        .await;
    assert_eq!(matched.status, unmatched.status);
    assert_eq!(matched.body, unmatched.body);
    let bad = app
        .call("/api/follow", "number=abc&email=ana%40example.com", None)
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let bad = app
        .call("/api/follow", &format!("number={n}&email=nope"), None)
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_page_is_rendered_in_the_zone_its_reader_is_in() {
    let app = spawn_app().await;
    let page = |cookie: &'static str| {
        let req = http::Request::get("/")
            .header(header::ACCEPT, "text/html")
            .header(header::COOKIE, cookie)
            .body(axum::body::Body::empty())
            .unwrap();
        app.send(req)
    };
    let mexico = page("hd_tz=America/Mexico_City").await;
    assert!(mexico
        .body
        .contains(r#"<meta name="time-zone" content="America/Mexico_City""#));
    let unknown = page("hd_tz=Mars/Olympus").await;
    assert!(unknown
        .body
        .contains(r#"<meta name="time-zone" content="UTC""#));
}

/// The language switch as a plain form, before the wasm has loaded.
fn language_form(body: &str, cookie: Option<&str>) -> http::Request<axum::body::Body> {
    let mut req = http::Request::post("/api/profile/language")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    req.body(axum::body::Body::from(body.to_owned())).unwrap()
}

#[tokio::test]
async fn the_language_form_sets_the_language_and_comes_back_to_the_page() {
    let app = spawn_app().await;
    let r = app
        .send(language_form("language=fr&next=%2Fcases%3Fpage%3D2", None))
        .await;
    assert!(r.status.is_redirection(), "{}", r.status);
    assert_eq!(r.headers[header::LOCATION], "/cases?page=2");
    let cookie = r.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("i18n_pref_locale=fr;"), "{cookie}");

    // Only back to this site.
    let r = app
        .send(language_form("language=es&next=%2F%2Fevil.example", None))
        .await;
    assert_eq!(r.headers[header::LOCATION], "/cases");

    // A signed-in person's choice is kept in the profile; a bad one changes nothing.
    let ana = app.sign_in("ana@example.com").await;
    let r = app
        .send(language_form("language=xx&next=%2F", Some(&ana)))
        .await;
    // (Leptos sends a plain form's error back to the page it came from.)
    assert_ne!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert!(r.headers.get(header::SET_COOKIE).is_none());
    let r = app
        .send(language_form("language=es&next=%2F", Some(&ana)))
        .await;
    assert_eq!(r.headers[header::LOCATION], "/");
    let lang: String =
        sqlx::query_scalar("SELECT language FROM users WHERE email = 'ana@example.com'")
            .fetch_one(&app.db.read)
            .await
            .unwrap();
    assert_eq!(lang, "es");
}

//! The help center over HTTP: pages rendered on the server with their
//! title and description, drafts hidden, search safe for any input, votes.

use http::{header, StatusCode};

use crate::support::{spawn_app, TestApp};

async fn demo_article(app: &TestApp, title: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM articles WHERE title = $1")
        .bind(title)
        .fetch_one(&app.db.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn article_pages_render_on_the_server_and_drafts_are_hidden() {
    let app = spawn_app().await;
    domain::help::demo::load(&app.db, &app.admin().await)
        .await
        .unwrap();
    let id = demo_article(&app, "Order types on the trading platform").await;
    let page = app.page(&format!("/help/articles/{id}"), None, "en").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .body
        .contains("<title>Order types on the trading platform · Help Center</title>"));
    assert!(page
        .body
        .contains(r#"<meta name="description" content="The platform takes three kinds"#));
    assert!(page.body.contains("<strong>Market</strong>"));
    assert!(
        page.body
            .contains("Error 403 when signing in to the platform"),
        "related"
    );

    let home = app.page("/", None, "es").await;
    assert!(home
        .body
        .contains("Tipos de órdenes en la plataforma de trading"));
    assert!(home.body.contains("España") && home.body.contains("Francia"));
    assert!(home.body.contains("Scheduled maintenance"), "the banner");

    let draft = domain::help::store::insert(
        &app.db,
        &domain::help::store::Draft {
            locale: "en".into(),
            title: "Unannounced product".into(),
            body: "Not yet.".into(),
            kind: app::help::ArticleKind::ProductInfo,
            published: false,
            tags: vec![],
            folder: None,
        },
    )
    .await
    .unwrap();
    let page = app
        .page(&format!("/help/articles/{draft}"), None, "en")
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(!page.body.contains("Unannounced product"));
    let agent = app.sign_in("agent@example.com").await;
    let page = app
        .page(&format!("/help/articles/{draft}"), Some(&agent), "en")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Unannounced product"));
}

#[tokio::test]
async fn search_answers_any_input_and_renders_without_javascript() {
    let app = spawn_app().await;
    domain::help::demo::load(&app.db, &app.admin().await)
        .await
        .unwrap();
    let page = app
        .page("/help/search?q=facturacion&lang=es", None, "es")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page
        .body
        .contains("Comisiones de la tarjeta y facturación mensual"));
    assert!(page.body.contains("<mark>"));
    for q in ["%22", "NEAR(", "a%29%20OR%20(b", "*", &"x".repeat(3000)] {
        let r = app
            .call("/api/help/search", &format!("query[q]={q}"), None)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{q}: {}", r.body);
    }
}

#[tokio::test]
async fn a_visitor_votes_once_per_article_by_cookie() {
    let app = spawn_app().await;
    domain::help::demo::load(&app.db, &app.admin().await)
        .await
        .unwrap();
    let id = demo_article(&app, "Card fees and your monthly invoice").await;
    let r = app
        .call(
            "/api/help/vote",
            &format!("id={id}&helpful=no&comment=Too+short"),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let set = r.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(set.starts_with("hd_voter=") && set.contains("HttpOnly"));
    let cookie = set.split(';').next().unwrap().to_owned();
    let again = app
        .call(
            "/api/help/vote",
            &format!("id={id}&helpful=no"),
            Some(&cookie),
        )
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(again.headers.get(header::SET_COOKIE).is_none());
    let f = domain::help::votes::feedback(&app.db, &*app.admin().await, id)
        .await
        .unwrap();
    assert_eq!((f.yes, f.no), (0, 1));
    let bad = app
        .call("/api/help/vote", &format!("id={id}&helpful=maybe"), None)
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let missing = app
        .call("/api/help/vote", "id=99999&helpful=yes", None)
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

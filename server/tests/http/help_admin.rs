//! Writing and arranging the help center over HTTP: who may, what a
//! refusal answers, and the collection and folder pages.

use http::StatusCode;

use crate::support::spawn_app;

const ARTICLE: &str = "article[id]=0&article[locale]=en&article[title]=Staff+only+guide\
    &article[body]=Hello+**world**&article[kind]=HowTo&article[published]=true&article[tags]=";

#[tokio::test]
async fn only_staff_write_articles() {
    let app = spawn_app().await;
    let customer = app.sign_in("ana@example.com").await;
    let agent = app.sign_in("agent@example.com").await;
    let save = "/api/help/staff/save";
    assert_eq!(
        app.call(save, ARTICLE, None).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.call(save, ARTICLE, Some(&customer)).await.status,
        StatusCode::FORBIDDEN
    );
    let count = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM articles WHERE title = 'Staff only guide'",
        )
        .fetch_one(&app.db.read)
        .await
        .unwrap()
    };
    assert_eq!(count().await, 0);
    let saved = app.call(save, ARTICLE, Some(&agent)).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(count().await, 1);
    let page = app
        .page(&format!("/help/articles/{}", saved.body), None, "en")
        .await;
    assert!(page.body.contains("Hello <strong>world</strong>"));

    let preview = "/api/help/staff/preview";
    let payload = "body=%3Cscript%3Ealert(1)%3C%2Fscript%3E%0A%0A**b**";
    assert_eq!(
        app.call(preview, payload, Some(&customer)).await.status,
        StatusCode::FORBIDDEN
    );
    let shown = app.call(preview, payload, Some(&agent)).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.body.contains("<strong>b</strong>") && !shown.body.contains("<script"));

    let bad = ARTICLE.replace("article[locale]=en", "article[locale]=xx");
    assert_eq!(
        app.call(save, &bad, Some(&agent)).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let list = app
        .call("/api/help/staff/articles", "", Some(&customer))
        .await;
    assert_eq!(list.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn only_admins_arrange_collections_and_banners() {
    let app = spawn_app().await;
    let agent = app.sign_in("agent@example.com").await;
    let admin = app.sign_in("admin@example.com").await;
    let add = "/api/help/admin/add-collection";
    assert_eq!(
        app.call(add, "country=mx", Some(&agent)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call(add, "country=mx", Some(&admin)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.call(add, "country=mx", Some(&admin)).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.call(add, "country=zz", Some(&admin)).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    let banner = "/api/help/admin/add-banner";
    let backwards =
        "kind=news&severity=info&message=Soon&starts=2030-01-02T00:00&ends=2030-01-01T00:00";
    assert_eq!(
        app.call(banner, backwards, Some(&admin)).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let now = "kind=announcement&severity=critical&message=New+phone+line\
        &starts=2020-01-01T00:00&ends=2099-01-01T00:00";
    assert_eq!(
        app.call(banner, now, Some(&agent)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.call(banner, now, Some(&admin)).await.status,
        StatusCode::OK
    );
    let home = app.page("/", None, "en").await;
    assert!(home.body.contains("New phone line") && home.body.contains(r#"role="alert""#));
}

#[tokio::test]
async fn collection_and_folder_pages_render_on_the_server() {
    let app = spawn_app().await;
    domain::help::demo::load(&app.db, &app.admin().await)
        .await
        .unwrap();
    let page = app.page("/help/collections/es", None, "es").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("<title>España · Centro de ayuda</title>"),
        "{}",
        page.body
    );
    assert!(page
        .body
        .contains("Tipos de órdenes en la plataforma de trading"));
    assert!(
        !page.body.contains("Protección del inversor"),
        "a French folder"
    );
    let folder: i64 = sqlx::query_scalar(
        "SELECT f.id FROM help_folders f JOIN help_collections c ON c.id = f.collection_id \
         WHERE c.country = 'fr' AND f.product = 'Mobile app'",
    )
    .fetch_one(&app.db.read)
    .await
    .unwrap();
    let page = app
        .page(&format!("/help/folders/{folder}"), None, "fr")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Activer la validation en deux étapes"));
    for missing in [
        "/help/collections/zz",
        "/help/folders/999",
        "/help/folders/abc",
    ] {
        assert_eq!(
            app.page(missing, None, "en").await.status,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
}

//! Writing articles (saving, editing, related articles, checks) and
//! arranging the help center (collections, folders, banners).

use super::authoring_store;
use super::store::{self, Shelves};
use super::structure;
use super::tests::{draft, search};
use super::{ArticleEdit, ArticleKind, RELATED_MAX};
use crate::auth::testing::{admin, staff, staff_actor};
use crate::auth::Actor;
use crate::db::testing::test_db;
use crate::db::Db;
use crate::error::AppError;
use crate::validate::{Field, Problem};

fn edit(title: &str, body: &str) -> ArticleEdit {
    ArticleEdit {
        id: 0,
        locale: "en".into(),
        title: title.into(),
        body: body.into(),
        kind: ArticleKind::Regulatory,
        published: false,
        tags: "Fees, billing fees".into(),
        folder: None,
        related: Vec::new(),
    }
}

async fn count(db: &Db) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM articles")
        .fetch_one(&db.read)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_edit_reaches_the_page_and_the_index() {
    let t = test_db().await;
    let db = &t.db;
    let folder = structure::place(db, "es", "Cards").await.unwrap();
    let mut a = edit("Card limits", "Your **daily** limit is 600 euros.");
    a.folder = Some(folder);
    a.id = authoring_store::save(db, &staff(db).await, &a)
        .await
        .unwrap();
    // A draft: staff see it, the search does not.
    assert!(search(db, "limits").await.unwrap().is_empty());
    let saved = authoring_store::for_edit(db, &staff(db).await, a.id)
        .await
        .unwrap();
    assert_eq!(saved.body, a.body);
    assert_eq!(saved.tags, "fees billing");
    db.clock.advance(std::time::Duration::from_secs(60));
    a.title = "Spending limits of your card".into();
    a.body = "The *monthly* limit is 3,000 euros.".into();
    a.published = true;
    authoring_store::save(db, &staff(db).await, &a)
        .await
        .unwrap();
    assert_eq!(
        search(db, "spending").await.unwrap(),
        ["Spending limits of your card"]
    );
    assert!(search(db, "daily").await.unwrap().is_empty());
    let page = store::article(db, &Actor::Visitor, a.id).await.unwrap();
    assert!(
        page.body_html.contains("<em>monthly</em>"),
        "{}",
        page.body_html
    );
    assert_eq!(page.summary, "The monthly limit is 3,000 euros.");
    assert_eq!(page.country.as_deref(), Some("es"));
    assert!(page.updated_at > page.created_at);
    // Unpublished again: out of the index.
    a.published = false;
    authoring_store::save(db, &staff(db).await, &a)
        .await
        .unwrap();
    assert!(search(db, "spending").await.unwrap().is_empty());
    authoring_store::delete(db, &staff(db).await, a.id)
        .await
        .unwrap();
    assert_eq!(
        store::article(db, &staff_actor(db).await, a.id).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        authoring_store::delete(db, &staff(db).await, a.id).await,
        Err(AppError::NotFound)
    );
}

#[tokio::test]
async fn refused_articles_change_nothing() {
    let t = test_db().await;
    let db = &t.db;
    let invalid = |f, p| Err(AppError::invalid(f, p));
    let cases: Vec<(ArticleEdit, Result<i64, AppError>)> = vec![
        (edit("  ", "x"), invalid(Field::Subject, Problem::Required)),
        (
            edit(&"t".repeat(201), "x"),
            invalid(Field::Subject, Problem::TooLong),
        ),
        (edit("T", ""), invalid(Field::Message, Problem::Required)),
        (
            ArticleEdit {
                locale: "de".into(),
                ..edit("T", "x")
            },
            invalid(Field::Language, Problem::Unknown),
        ),
        (
            ArticleEdit {
                tags: "x".repeat(201),
                ..edit("T", "x")
            },
            invalid(Field::Tags, Problem::TooLong),
        ),
        (
            ArticleEdit {
                folder: Some(999),
                ..edit("T", "x")
            },
            invalid(Field::Folder, Problem::Unknown),
        ),
        (
            ArticleEdit {
                related: vec![999],
                ..edit("T", "x")
            },
            invalid(Field::Related, Problem::Unknown),
        ),
        (
            ArticleEdit {
                related: (1..=RELATED_MAX as i64 + 1).collect(),
                ..edit("T", "x")
            },
            invalid(Field::Related, Problem::TooLong),
        ),
        (
            ArticleEdit {
                id: 999,
                ..edit("T", "x")
            },
            Err(AppError::NotFound),
        ),
    ];
    for (article, expected) in cases {
        assert_eq!(
            authoring_store::save(db, &staff(db).await, &article).await,
            expected,
            "{article:?}"
        );
    }
    assert_eq!(count(db).await, 0);
}

#[tokio::test]
async fn related_articles_link_both_ways_and_are_replaced() {
    let t = test_db().await;
    let db = &t.db;
    let mut a = edit("Fees", "Fees.");
    a.published = true;
    let b = authoring_store::save(
        db,
        &staff(db).await,
        &ArticleEdit {
            title: "Invoices".into(),
            ..a.clone()
        },
    )
    .await
    .unwrap();
    a.related = vec![b, b];
    a.id = authoring_store::save(db, &staff(db).await, &a)
        .await
        .unwrap();
    let related = |id| async move {
        store::article(db, &staff_actor(db).await, id)
            .await
            .unwrap()
            .related
    };
    assert_eq!(related(b).await[0].id, a.id);
    assert_eq!(related(a.id).await[0].id, b);
    a.related.clear();
    authoring_store::save(db, &staff(db).await, &a)
        .await
        .unwrap();
    assert!(related(b).await.is_empty());
    assert!(related(a.id).await.is_empty());
}

#[tokio::test]
async fn folders_and_collections_holding_something_stay() {
    let t = test_db().await;
    let db = &t.db;
    let es = structure::add_collection(db, &admin(db).await, "es")
        .await
        .unwrap();
    assert_eq!(
        structure::add_collection(db, &admin(db).await, "es").await,
        Err(AppError::invalid(Field::Country, Problem::Taken))
    );
    let cards = structure::add_folder(db, &admin(db).await, es, "Cards")
        .await
        .unwrap();
    let app = structure::add_folder(db, &admin(db).await, es, "Mobile app")
        .await
        .unwrap();
    assert_eq!(
        structure::rename_folder(db, &admin(db).await, app, "Cards").await,
        Err(AppError::invalid(Field::Product, Problem::Taken))
    );
    structure::rename_folder(db, &admin(db).await, app, "App")
        .await
        .unwrap();
    assert_eq!(
        structure::add_folder(db, &admin(db).await, 999, "X").await,
        Err(AppError::NotFound)
    );
    let id = store::insert(
        db,
        &super::store::Draft {
            folder: Some(cards),
            ..draft("en", "Limits", "Limits.", true)
        },
    )
    .await
    .unwrap();
    let not_empty = |f| Err(AppError::invalid(f, Problem::NotEmpty));
    assert_eq!(
        structure::remove_folder(db, &admin(db).await, cards).await,
        not_empty(Field::Folder)
    );
    assert_eq!(
        structure::remove_collection(db, &admin(db).await, es).await,
        not_empty(Field::Country)
    );
    let list = structure::collections(db, &admin(db).await).await.unwrap();
    assert_eq!(list[0].folders.len(), 2);
    assert_eq!(list[0].folders[0].product, "App");
    assert_eq!(list[0].folders[1].articles, 1);
    authoring_store::delete(db, &staff(db).await, id)
        .await
        .unwrap();
    structure::remove_folder(db, &admin(db).await, cards)
        .await
        .unwrap();
    structure::remove_folder(db, &admin(db).await, app)
        .await
        .unwrap();
    structure::remove_collection(db, &admin(db).await, es)
        .await
        .unwrap();
    assert!(structure::collections(db, &admin(db).await)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        structure::remove_folder(db, &admin(db).await, cards).await,
        Err(AppError::NotFound)
    );
}

#[tokio::test]
async fn shelves_list_a_collection_or_a_folder() {
    let t = test_db().await;
    let db = &t.db;
    let cards = structure::place(db, "es", "Cards").await.unwrap();
    let app = structure::place(db, "fr", "Mobile app").await.unwrap();
    for n in 0..7 {
        let title = format!("Card question {n}");
        let d = super::store::Draft {
            folder: Some(cards),
            ..draft("en", &title, "Text.", true)
        };
        store::insert(db, &d).await.unwrap();
    }
    let d = super::store::Draft {
        folder: Some(app),
        ..draft("en", "App", "Text.", true)
    };
    store::insert(db, &d).await.unwrap();
    let home = store::home(db, "en").await.unwrap();
    assert_eq!(home.folders.len(), 2);
    assert_eq!(
        home.folders[0].articles.len(),
        store::HOME_PER_FOLDER as usize
    );
    assert_eq!(home.folders[0].total, 7);
    let only = |country, folder| Shelves {
        country,
        folder,
        per_folder: 100,
    };
    let spain = store::folders(db, "en", only(Some("es"), None))
        .await
        .unwrap();
    assert_eq!(spain.len(), 1);
    assert_eq!(spain[0].articles.len(), 7);
    let folder = store::folders(db, "en", only(None, Some(app)))
        .await
        .unwrap();
    assert_eq!(folder[0].articles[0].title, "App");
    assert!(store::folders(db, "es", only(None, Some(app)))
        .await
        .unwrap()
        .is_empty());
    assert!(structure::has_collection(db, "fr").await.unwrap());
    assert!(!structure::has_collection(db, "mx").await.unwrap());
    assert_eq!(
        structure::folder_place(db, 999).await,
        Err(AppError::NotFound)
    );
}

#[test]
fn a_banner_needs_a_known_kind_a_message_and_a_window() {
    use structure::check_banner;
    let ok = check_banner(
        "news",
        "info",
        " New app ",
        "2026-12-01T08:00",
        "2026-12-02T08:00",
        "UTC",
    );
    let banner = ok.unwrap();
    assert_eq!(banner.message, "New app");
    assert_eq!(banner.starts_at, 1_796_112_000_000);
    // Read in the zone of the admin who typed it.
    let mexico = check_banner(
        "news",
        "info",
        "m",
        "2026-12-01T08:00",
        "2026-12-02T08:00",
        "America/Mexico_City",
    );
    assert_eq!(mexico.unwrap().starts_at, 1_796_112_000_000 + 6 * 3_600_000);
    assert_eq!(banner.ends_at - banner.starts_at, 86_400_000);
    let window = Err(AppError::invalid(Field::Window, Problem::Malformed));
    assert_eq!(
        check_banner(
            "news",
            "info",
            "m",
            "2026-12-02T08:00",
            "2026-12-01T08:00",
            "UTC"
        ),
        window
    );
    assert_eq!(
        check_banner("news", "info", "m", "tomorrow", "2026-12-01T08:00", "UTC"),
        window
    );
    assert_eq!(
        check_banner(
            "party",
            "info",
            "m",
            "2026-12-01T08:00",
            "2026-12-02T08:00",
            "UTC"
        ),
        Err(AppError::invalid(Field::Status, Problem::Unknown))
    );
    assert_eq!(
        check_banner(
            "news",
            "info",
            "\u{7}",
            "2026-12-01T08:00",
            "2026-12-02T08:00",
            "UTC"
        ),
        Err(AppError::invalid(Field::BannerText, Problem::Malformed))
    );
    assert_eq!(
        check_banner(
            "news",
            "info",
            "",
            "2026-12-01T08:00",
            "2026-12-02T08:00",
            "UTC"
        ),
        Err(AppError::invalid(Field::BannerText, Problem::Required))
    );
}

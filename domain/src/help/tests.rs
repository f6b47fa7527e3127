//! Sanitizing, the search (query escaping, accents, prefixes, ranking,
//! filters), drafts, votes and the banner window.

use crate::auth::testing::{admin, staff_actor};
use crate::auth::Actor;
use std::time::Duration;

use super::markdown::render;
use super::search::{self as engine, fts_query};
use super::store::{self, Draft};
use super::{votes, ArticleKind, Banner, SearchQuery};
use crate::db::testing::{test_db, TestDb};
use crate::db::Db;
use crate::error::AppError;

#[test]
fn stored_html_never_runs_script() {
    let payloads = [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)><circle r=1 /></svg>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "[click](javascript:alert(1))",
        "[click](  javascript:alert(1))",
        "![x](javascript:alert(1))",
        "<div style=\"background:url(javascript:alert(1))\" onclick=\"alert(1)\">x</div>",
        "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<form action=\"https://evil.example\"><input name=x></form>",
        "<style>body{display:none}</style>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:/\">",
        "```html\n<script>alert(1)</script>\n```",
    ];
    for payload in payloads {
        let html = render(payload).to_lowercase();
        for banned in [
            "<script",
            "onerror",
            "onload",
            "onclick",
            "javascript:",
            "<iframe",
            "<svg",
            "<style",
            "<object",
            "<embed",
            "<form",
            "<meta",
            "<base",
            "data:text",
            "srcdoc",
        ] {
            // A fenced code block may show the words, escaped, as text.
            let shown_as_text = html.contains("&lt;script") && !html.contains("<script");
            if banned == "javascript:" && shown_as_text {
                continue;
            }
            assert!(!html.contains(banned), "{payload:?} gave {html:?}");
        }
    }
    let ok = render("# Title\n\nSome **bold** [link](https://example.com) and `code`.");
    assert!(ok.contains("<h1>Title</h1>") && ok.contains("<strong>bold</strong>"));
    assert!(
        ok.contains("href=\"https://example.com\"")
            && ok.contains("rel=\"noopener noreferrer nofollow\"")
    );
}

#[test]
fn typed_text_becomes_quoted_prefix_words() {
    assert_eq!(
        fts_query("facturación 2024").as_deref(),
        Some("\"facturación\"* \"2024\"*")
    );
    assert_eq!(
        fts_query("fees\"b OR NEAR").as_deref(),
        Some("\"fees\"* \"b\" \"OR\" \"NEAR\"*"),
        "short words are matched whole"
    );
    assert_eq!(fts_query("\"\" ( ) * ^ : - +"), None);
    assert_eq!(fts_query(""), None);
    let long = "palabra ".repeat(500);
    assert_eq!(
        fts_query(&long).unwrap().matches('"').count(),
        24,
        "at most 12 words"
    );
}

pub(super) fn draft(locale: &str, title: &str, body: &str, published: bool) -> Draft {
    Draft {
        locale: locale.into(),
        title: title.into(),
        body: body.into(),
        kind: ArticleKind::HowTo,
        published,
        tags: vec!["billing".into()],
        folder: None,
    }
}

pub(super) async fn search(db: &Db, q: &str) -> Result<Vec<String>, AppError> {
    let query = SearchQuery {
        q: q.into(),
        ..Default::default()
    };
    let hits = engine::for_db(db).search(&query, 20).await?;
    Ok(hits.into_iter().map(|h| h.article.title).collect())
}

async fn with_demo() -> TestDb {
    let t = test_db().await;
    let admin = crate::auth::accounts::register(
        &t.db,
        crate::auth::Role::Admin,
        "Ada",
        "ada@example.com",
        "password-1",
    )
    .await
    .unwrap();
    let admin = admin.staff().and_then(|s| s.admin()).unwrap();
    super::demo::load(&t.db, &admin).await.unwrap();
    t
}

#[tokio::test]
async fn search_folds_accents_matches_prefixes_and_survives_any_input() {
    let t = with_demo().await;
    let db = &t.db;
    let facturacion = "Comisiones de la tarjeta y facturación mensual";
    for q in [
        "facturacion",
        "FACTURACIÓN",
        "factur",
        "Facturación mensual",
    ] {
        assert!(
            search(db, q)
                .await
                .unwrap()
                .contains(&facturacion.to_string()),
            "{q}"
        );
    }
    // Accents in the query are folded too: "validation" finds "Validation".
    assert!(!search(db, "étapes").await.unwrap().is_empty());
    for tricky in [
        "\"",
        "\"unbalanced",
        "(((",
        "a) OR (b",
        "NEAR(orders trading)",
        "orders NEAR/2 market",
        "*",
        "^start",
        "title:orders",
        "-orders",
        "AND",
        "OR OR OR",
        "'; DROP TABLE articles; --",
        &"x".repeat(10_000),
        "\u{0}\u{1}",
        "🙂",
    ] {
        assert!(search(db, tricky).await.is_ok(), "{tricky:?}");
    }
    // Operators are only words: "orders OR fees" needs all three words.
    assert!(search(db, "orders OR fees").await.unwrap().is_empty());
}

#[tokio::test]
async fn titles_rank_above_bodies_and_snippets_mark_the_match() {
    let t = test_db().await;
    let db = &t.db;
    store::insert(
        db,
        &draft(
            "en",
            "General questions",
            "Everything about the refund of a payment.",
            true,
        ),
    )
    .await
    .unwrap();
    store::insert(
        db,
        &draft("en", "Refund of a payment", "How long it takes.", true),
    )
    .await
    .unwrap();
    let titles = search(db, "refund").await.unwrap();
    assert_eq!(titles, ["Refund of a payment", "General questions"]);
    let query = SearchQuery {
        q: "everything".into(),
        ..Default::default()
    };
    let hit = &engine::for_db(db).search(&query, 5).await.unwrap()[0];
    assert!(
        hit.snippet.contains("\u{E000}Everything\u{E001}"),
        "{:?}",
        hit.snippet
    );
    // Filters narrow the results.
    let query = SearchQuery {
        q: "refund".into(),
        lang: "fr".into(),
        ..Default::default()
    };
    assert!(engine::for_db(db)
        .search(&query, 5)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn drafts_are_for_staff_only() {
    let t = test_db().await;
    let db = &t.db;
    let id = store::insert(
        db,
        &draft("en", "Unreleased feature", "Secret roadmap.", false),
    )
    .await
    .unwrap();
    assert_eq!(
        store::article(db, &Actor::Visitor, id).await,
        Err(AppError::NotFound)
    );
    let staff_view = store::article(db, &staff_actor(db).await, id)
        .await
        .unwrap();
    assert!(!staff_view.published);
    assert!(search(db, "roadmap").await.unwrap().is_empty());
    assert!(store::home(db, "en").await.unwrap().guides.is_empty());
    assert_eq!(
        votes::vote(db, id, "visitor:x", true, "").await,
        Err(AppError::NotFound)
    );
}

#[tokio::test]
async fn one_vote_per_person_and_comments_only_with_no() {
    let t = test_db().await;
    let db = &t.db;
    let staff = crate::auth::testing::staff(db).await;
    let id = store::insert(db, &draft("en", "Fees", "All about fees.", true))
        .await
        .unwrap();
    votes::vote(db, id, "visitor:a", true, "ignored")
        .await
        .unwrap();
    votes::vote(db, id, "visitor:a", true, "").await.unwrap();
    votes::vote(db, id, "user:7", false, "Missing the fee table")
        .await
        .unwrap();
    let f = votes::feedback(db, &staff, id).await.unwrap();
    assert_eq!((f.yes, f.no), (1, 1));
    assert_eq!(f.comments.len(), 1);
    assert_eq!(f.comments[0].0, "Missing the fee table");
    // Changing one's mind replaces the vote.
    votes::vote(db, id, "visitor:a", false, "").await.unwrap();
    let f = votes::feedback(db, &staff, id).await.unwrap();
    assert_eq!((f.yes, f.no), (0, 2));
    assert_eq!(
        votes::vote_of(db, id, "visitor:a").await.unwrap(),
        Some(false)
    );
    let long = "x".repeat(super::COMMENT_MAX + 1);
    assert!(votes::vote(db, id, "visitor:b", false, &long)
        .await
        .is_err());
    assert_eq!(
        votes::vote(db, 999, "visitor:b", true, "").await,
        Err(AppError::NotFound)
    );
}

#[tokio::test]
async fn the_banner_shows_only_inside_its_window() {
    let t = test_db().await;
    let db = &t.db;
    let now = db.now();
    let banner = |starts_at, ends_at| Banner {
        kind: "news".into(),
        severity: "info".into(),
        message: "New app version".into(),
        starts_at,
        ends_at,
    };
    super::structure::add_banner(db, &admin(db).await, &banner(now + 60_000, now + 120_000))
        .await
        .unwrap();
    super::structure::add_banner(db, &admin(db).await, &banner(now - 120_000, now - 60_000))
        .await
        .unwrap();
    assert_eq!(super::structure::active_banner(db).await.unwrap(), None);
    db.clock.advance(Duration::from_secs(90));
    assert_eq!(
        super::structure::active_banner(db).await.unwrap(),
        Some(banner(now + 60_000, now + 120_000))
    );
    db.clock.advance(Duration::from_secs(60));
    assert_eq!(super::structure::active_banner(db).await.unwrap(), None);
}

#[tokio::test]
async fn the_demo_has_countries_products_every_type_and_language() {
    let t = with_demo().await;
    let db = &t.db;
    for locale in ["en", "es", "fr"] {
        let home = store::home(db, locale).await.unwrap();
        let countries: std::collections::BTreeSet<_> =
            home.folders.iter().map(|f| f.country.as_str()).collect();
        let products: std::collections::BTreeSet<_> =
            home.folders.iter().map(|f| f.product.as_str()).collect();
        let kinds: std::collections::BTreeSet<_> = home
            .folders
            .iter()
            .flat_map(|f| f.articles.iter().map(|a| a.kind.as_str()))
            .collect();
        assert!(countries.len() >= 2 && products.len() >= 3, "{locale}");
        assert_eq!(kinds.len(), 4, "{locale}");
        assert!(!home.guides.is_empty(), "{locale}");
        assert!(home.banner.is_some());
    }
    let id: i64 = sqlx::query_scalar(
        "SELECT id FROM articles WHERE title = 'Order types on the trading platform'",
    )
    .fetch_one(&db.read)
    .await
    .unwrap();
    let a = store::article(db, &Actor::Visitor, id).await.unwrap();
    assert_eq!(a.related.len(), 1);
    assert_eq!(a.siblings.len(), 1, "the sign-in fix shares its folder");
    assert!(a.body_html.contains("<strong>Market</strong>"));
}

#[tokio::test]
async fn every_filter_narrows_the_search() {
    let t = with_demo().await;
    let db = &t.db;
    let titles = |q: SearchQuery| async move {
        let hits = engine::for_db(db).search(&q, 50).await.unwrap();
        hits.into_iter()
            .map(|h| h.article.title)
            .collect::<Vec<_>>()
    };
    let q = |text: &str| SearchQuery {
        q: text.into(),
        ..Default::default()
    };
    assert!(titles(q("trading")).await.len() >= 3);
    let all = SearchQuery {
        lang: "en".into(),
        country: "es".into(),
        product: "Trading platform".into(),
        kind: "product_info".into(),
        ..q("trading")
    };
    assert_eq!(titles(all).await, ["Order types on the trading platform"]);
    let french = SearchQuery {
        lang: "fr".into(),
        country: "fr".into(),
        ..q("regulateur")
    };
    assert_eq!(
        titles(french).await,
        ["Protection des investisseurs : ce qu’exige le régulateur"]
    );
    let unknown = SearchQuery {
        product: "No such product".into(),
        ..q("trading")
    };
    assert!(titles(unknown).await.is_empty());
    let odd = SearchQuery {
        country: "\") OR (x".into(),
        kind: "*".into(),
        ..q("trading")
    };
    assert!(
        titles(odd).await.is_empty(),
        "odd filter values match nothing, without an error"
    );
}

#[tokio::test]
async fn visitors_from_one_address_may_vote_only_so_often() {
    let t = test_db().await;
    let db = &t.db;
    let id = store::insert(db, &draft("en", "Fees", "All about fees.", true))
        .await
        .unwrap();
    let bot: Option<std::net::IpAddr> = Some([198, 51, 100, 9].into());
    for i in 0..votes::VISITOR_VOTES_PER_HOUR {
        let voter = format!("visitor:{i}");
        votes::vote_from(db, id, &voter, true, "", bot)
            .await
            .unwrap();
    }
    let r = votes::vote_from(db, id, "visitor:new", true, "", bot).await;
    assert!(matches!(r, Err(AppError::TooMany { .. })), "{r:?}");
    // People with accounts, and visitors elsewhere, still vote.
    votes::vote_from(db, id, "user:1", true, "", bot)
        .await
        .unwrap();
    let elsewhere = Some([203, 0, 113, 5].into());
    votes::vote_from(db, id, "visitor:other", true, "", elsewhere)
        .await
        .unwrap();
}

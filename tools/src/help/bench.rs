//! The help-center benchmark: 50,000 generated articles in three languages,
//! then p50 / p99 of searches and of the article page, measured at the
//! functions the server functions call.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use domain::auth::{accounts, Actor, Role};
use domain::db::Db;
use domain::error::AppError;
use domain::help::store::{self, Draft};
use domain::help::{search, votes, ArticleKind, SearchQuery, COUNTRIES};

use crate::cases::bench::{measure, Figure};

/// Results per search, as the help center's search page asks for.
const SEARCH_LIMIT: i64 = 20;

/// Common words of the three languages (accents included) and product
/// names; the rest of the vocabulary is a long tail of rarer terms.
const COMMON: [&str; 48] = [
    "payment",
    "invoice",
    "card",
    "account",
    "transfer",
    "password",
    "security",
    "order",
    "platform",
    "fees",
    "refund",
    "limit",
    "pago",
    "factura",
    "facturación",
    "tarjeta",
    "cuenta",
    "transferencia",
    "contraseña",
    "seguridad",
    "orden",
    "plataforma",
    "comisión",
    "reembolso",
    "límite",
    "paiement",
    "facture",
    "carte",
    "compte",
    "virement",
    "mot",
    "sécurité",
    "ordre",
    "plateforme",
    "frais",
    "remboursement",
    "plafond",
    "mobile",
    "app",
    "trading",
    "market",
    "error",
    "signing",
    "verification",
    "étapes",
    "cliente",
    "client",
    "statement",
];
const PRODUCTS: [&str; 6] = [
    "Trading platform",
    "Cards",
    "Mobile app",
    "Savings",
    "Loans",
    "Insurance",
];
const TAIL: usize = 20_000;

fn word(rng: &mut StdRng) -> String {
    // Two words in three are common ones; the rest spread over the tail,
    // the lower terms more often (roughly Zipf).
    if rng.gen_bool(0.66) {
        COMMON[rng.gen_range(0..COMMON.len())].to_owned()
    } else {
        let r: f64 = rng.gen();
        format!("term{}", (r * r * TAIL as f64) as usize)
    }
}

fn words(rng: &mut StdRng, n: usize) -> String {
    (0..n).map(|_| word(rng)).collect::<Vec<_>>().join(" ")
}

/// Fills the database with `count` articles (if it has fewer).
pub async fn generate(
    db: &Db,
    count: usize,
    mut progress: impl FnMut(usize),
) -> Result<(), AppError> {
    let have: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM articles")
        .fetch_one(&db.read)
        .await?;
    if have as usize >= count {
        return Ok(());
    }
    let mut folders = Vec::new();
    for country in COUNTRIES {
        for product in PRODUCTS {
            folders.push(domain::help::structure::place(db, country, product).await?);
        }
    }
    let mut rng = StdRng::seed_from_u64(5);
    let now = db.now();
    let mut done = have as usize;
    while done < count {
        let mut tx = db.begin_write().await?;
        for _ in 0..1000.min(count - done) {
            let paragraphs: Vec<String> = (0..rng.gen_range(2..5))
                .map(|_| {
                    let n = rng.gen_range(20..50);
                    format!(
                        "{} **{}** {}.",
                        words(&mut rng, n / 2),
                        word(&mut rng),
                        words(&mut rng, n / 2)
                    )
                })
                .collect();
            let n = rng.gen_range(3..8);
            let draft = Draft {
                locale: ["en", "es", "fr"][rng.gen_range(0..3)].into(),
                title: words(&mut rng, n),
                body: paragraphs.join("\n\n- "),
                kind: ArticleKind::ALL[rng.gen_range(0..4)],
                published: rng.gen_bool(0.95),
                tags: (0..rng.gen_range(1..4)).map(|_| word(&mut rng)).collect(),
                folder: Some(folders[rng.gen_range(0..folders.len())]),
            };
            store::insert_in(&mut tx, &draft, now).await?;
            done += 1;
        }
        tx.commit().await?;
        progress(done);
    }
    if db.backend() == domain::db::Backend::Postgres {
        sqlx::query("ANALYZE articles").execute(&db.read).await?;
        return Ok(());
    }
    let mut tx = db.begin_write().await?;
    for optimize in [
        "INSERT INTO article_text (article_text) VALUES ('optimize')",
        "INSERT INTO article_titles (article_titles) VALUES ('optimize')",
    ] {
        sqlx::query(optimize).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

fn query(q: &str) -> SearchQuery {
    SearchQuery {
        q: q.into(),
        ..Default::default()
    }
}

/// The agent the article page is read as (made on first use).
async fn staff_reader(db: &Db) -> Result<Actor, AppError> {
    const EMAIL: &str = "bench-agent@example.com";
    const PASSWORD: &str = "bench-password";
    let person = match accounts::authenticate(db, EMAIL, PASSWORD).await {
        Ok(person) => person,
        Err(_) => accounts::register(db, Role::Agent, "Bench Agent", EMAIL, PASSWORD).await?,
    };
    Ok(Actor::Person(person))
}

/// Every measurement `runs` times.
pub async fn run(db: &Db, runs: usize) -> Result<Vec<Figure>, AppError> {
    let search = search::for_db(db);
    let mut figures = Vec::new();
    let cases: [(&'static str, SearchQuery); 7] = [
        ("search: a rare word", query("term19000")),
        ("search: a common word", query("payment")),
        ("search: two common words", query("payment card")),
        ("search: a 2-letter prefix", query("fa")),
        ("search: accents folded", query("facturacion")),
        (
            "search: as typed, with operators",
            query("\"payment\" (card* -invoice"),
        ),
        (
            "search: common word, all filters",
            SearchQuery {
                q: "invoice".into(),
                country: "es".into(),
                product: "Cards".into(),
                kind: "how_to".into(),
                lang: "es".into(),
            },
        ),
    ];
    for (name, q) in cases {
        // A search that finds nothing would measure nothing.
        if name != "search: a 2-letter prefix" && search.search(&q, 1).await?.is_empty() {
            tracing::error!(name, "the benchmark search found nothing");
            return Err(AppError::Internal);
        }
        figures.push(measure(name, runs, || search.search(&q, SEARCH_LIMIT)).await?);
    }
    let max: i64 = sqlx::query_scalar("SELECT MAX(id) FROM articles")
        .fetch_one(&db.read)
        .await?;
    let reader = staff_reader(db).await?;
    let staff = reader.staff()?;
    let mut rng = StdRng::seed_from_u64(9);
    figures.push(
        measure("article page (as staff, with votes)", runs, || {
            let id = rng.gen_range(1..=max);
            let (reader, staff) = (&reader, &staff);
            async move {
                let article = store::article(db, reader, id).await?;
                votes::vote_of(db, id, "visitor:bench").await?;
                votes::feedback(db, staff, id).await?;
                Ok(article)
            }
        })
        .await?,
    );
    figures.push(
        measure("home page (5 articles a folder)", runs, || {
            store::home(db, "es")
        })
        .await?,
    );
    let folder: i64 = sqlx::query_scalar("SELECT MIN(id) FROM help_folders")
        .fetch_one(&db.read)
        .await?;
    figures.push(
        measure("folder page (up to 1,000 articles)", runs, || {
            let only = store::Shelves {
                country: None,
                folder: Some(folder),
                per_folder: store::FOLDER_PAGE_MAX,
            };
            store::folders(db, "es", only)
        })
        .await?,
    );
    Ok(figures)
}

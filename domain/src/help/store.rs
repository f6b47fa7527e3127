//! SQL for the knowledge base: collections, folders, articles, related
//! articles and the banner. Drafts reach staff only.

use super::markdown::{plain, render};
use super::rows::{parse_kind, summary, SummaryRow};
use super::{Article, ArticleKind, ArticleSummary, Folder, Home, Shelf};
use crate::auth::Actor;
use crate::db::{Db, Tx};
use crate::error::AppError;

/// Most articles listed beside an article (same folder, related).
const LISTED: i64 = 10;
/// Articles of each folder on the home page; its folder page lists all.
pub const HOME_PER_FOLDER: i64 = 5;
/// Articles of each folder on a collection page; a folder page's most.
pub const COLLECTION_PER_FOLDER: i64 = 20;
pub const FOLDER_PAGE_MAX: i64 = 1000;
/// Characters of a description made from the body.
const SUMMARY_CHARS: usize = 160;

/// An article as written: `body` is Markdown.
#[derive(Debug, Clone)]
pub struct Draft {
    pub locale: String,
    pub title: String,
    pub body: String,
    pub kind: ArticleKind,
    pub published: bool,
    pub tags: Vec<String>,
    pub folder: Option<i64>,
}

/// Saves a new article: the HTML and the plain text are made here, once.
pub async fn insert(db: &Db, draft: &Draft) -> Result<i64, AppError> {
    let mut tx = db.begin_write().await?;
    let id = insert_in(&mut tx, draft, db.now()).await?;
    tx.commit().await?;
    Ok(id)
}

/// `insert` inside the caller's transaction (the benchmark's generator
/// writes a thousand at a time): a bare draft row, then `update_in` fills
/// it, so every column is written in one place.
pub async fn insert_in(tx: &mut Tx, draft: &Draft, now: i64) -> Result<i64, AppError> {
    let id = sqlx::query_scalar(
        "INSERT INTO articles (locale, title, body, status, created_at, updated_at) \
         VALUES ('', '', '', 'draft', $1, $1) RETURNING id",
    )
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    update_in(tx, id, draft, now).await?;
    Ok(id)
}

/// Rewrites article `id` with `draft`; the index follows through the
/// triggers. Not found if there is no such article.
pub async fn update_in(tx: &mut Tx, id: i64, draft: &Draft, now: i64) -> Result<(), AppError> {
    let made = Made::of(tx, draft).await?;
    let done = sqlx::query(
        r#"
        UPDATE articles SET locale = $1, title = $2, body = $3, body_html = $4, body_text = $5,
               summary = $6, kind = $7, status = $8, tags = $9, folder_id = $10, facets = $11,
               updated_at = $12
        WHERE id = $13
        "#,
    )
    .bind(&draft.locale)
    .bind(&draft.title)
    .bind(&draft.body)
    .bind(made.html)
    .bind(made.text)
    .bind(made.summary)
    .bind(draft.kind.as_str())
    .bind(made.status)
    .bind(draft.tags.join(" "))
    .bind(draft.folder)
    .bind(made.facets)
    .bind(now)
    .bind(id)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// The columns made from what the author wrote, once, when it is saved.
struct Made {
    html: String,
    text: String,
    summary: String,
    status: &'static str,
    facets: String,
}

impl Made {
    async fn of(tx: &mut Tx, draft: &Draft) -> Result<Made, AppError> {
        let country: Option<String> = match draft.folder {
            Some(folder) => {
                sqlx::query_scalar(
                    "SELECT c.country FROM help_folders f \
                 JOIN help_collections c ON c.id = f.collection_id WHERE f.id = $1",
                )
                .bind(folder)
                .fetch_optional(&mut **tx)
                .await?
            }
            None => None,
        };
        Ok(Made {
            html: render(&draft.body),
            text: plain(&draft.body, usize::MAX),
            summary: plain(&draft.body, SUMMARY_CHARS),
            status: if draft.published {
                "published"
            } else {
                "draft"
            },
            facets: facets(draft, country.as_deref()),
        })
    }
}

/// The words the search filters on (see the `facets` column).
fn facets(draft: &Draft, country: Option<&str>) -> String {
    let mut words = vec![
        format!("zzflang{}", draft.locale),
        format!("zzfkind{}", draft.kind.as_str().replace('_', "")),
    ];
    words.extend(draft.folder.map(|f| format!("zzffolder{f}")));
    words.extend(country.map(|c| format!("zzfcountry{c}")));
    words.join(" ")
}

/// The articles a query of `SUMMARY_COLUMNS` finds.
async fn summaries<'q>(
    query: sqlx::query::QueryAs<'q, sqlx::Any, SummaryRow, sqlx::any::AnyArguments<'q>>,
    db: &Db,
) -> Result<Vec<ArticleSummary>, AppError> {
    query
        .fetch_all(&db.read)
        .await?
        .into_iter()
        .map(summary)
        .collect()
}

const SUMMARY_COLUMNS: &str = "a.id, a.locale, a.title, a.kind, a.summary, a.updated_at";

/// The home page in `locale`: the banner, folders by country and product
/// with their published articles, and the portal guides.
pub async fn home(db: &Db, locale: &str) -> Result<Home, AppError> {
    let only = Shelves {
        country: None,
        folder: None,
        per_folder: HOME_PER_FOLDER,
    };
    let folders = folders(db, locale, only).await?;
    let guides = summaries(
        sqlx::query_as::<_, SummaryRow>(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM articles a \
         WHERE a.folder_id IS NULL AND a.status = 'published' AND a.locale = $1 ORDER BY a.title"
        ))
        .bind(locale),
        db,
    )
    .await?;
    Ok(Home {
        banner: super::structure::active_banner(db).await?,
        folders,
        guides,
    })
}

/// Which folders a list shows, and how many of each one's articles.
pub struct Shelves<'a> {
    pub country: Option<&'a str>,
    pub folder: Option<i64>,
    pub per_folder: i64,
}

/// Folders with published articles in `locale`, by country then product,
/// each with its first `per_folder` articles by title. One small query per
/// folder, each an index range (`articles_folder`): ranking every article
/// of a language at once took 160 ms at 50,000 articles.
pub async fn folders(db: &Db, locale: &str, only: Shelves<'_>) -> Result<Vec<Folder>, AppError> {
    let places = sqlx::query_as::<_, (i64, String, String)>(
        r#"
        SELECT f.id, c.country, f.product
        FROM help_folders f JOIN help_collections c ON c.id = f.collection_id
        WHERE ($1 IS NULL OR c.country = $1) AND ($2 IS NULL OR f.id = $2)
        ORDER BY c.position, c.country, f.position, f.product
        "#,
    )
    .bind(only.country)
    .bind(only.folder)
    .fetch_all(&db.read)
    .await?;
    let mut folders = Vec::new();
    for (id, country, product) in places {
        let total: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM articles \
             WHERE folder_id = $1 AND status = 'published' AND locale = $2",
        )
        .bind(id)
        .bind(locale)
        .fetch_one(&db.read)
        .await?;
        if total == 0 {
            continue;
        }
        let articles = summaries(
            sqlx::query_as::<_, SummaryRow>(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM articles a \
             WHERE a.folder_id = $1 AND a.status = 'published' AND a.locale = $2 \
             ORDER BY a.title LIMIT $3"
            ))
            .bind(id)
            .bind(locale)
            .bind(only.per_folder),
            db,
        )
        .await?;
        folders.push(Folder {
            id,
            country,
            product,
            total,
            articles,
        });
    }
    Ok(folders)
}

type ArticleRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    i64,
    i64,
);

/// Article `id` for a reader; a draft is "not found" unless they are staff.
pub async fn article(db: &Db, reader: &Actor, id: i64) -> Result<Article, AppError> {
    let staff = reader.is_staff();
    let row = sqlx::query_as::<_, ArticleRow>(
        r#"
        SELECT a.id, a.locale, a.title, a.summary, a.body, a.body_html, a.kind, a.status, a.tags,
               a.folder_id, c.country, f.product, a.created_at, a.updated_at
        FROM articles a
        LEFT JOIN help_folders f ON f.id = a.folder_id
        LEFT JOIN help_collections c ON c.id = f.collection_id
        WHERE a.id = $1
        "#,
    )
    .bind(id)
    .fetch_optional(&db.read)
    .await?
    .ok_or(AppError::NotFound)?;
    let (
        id,
        locale,
        title,
        summary_text,
        body,
        body_html,
        kind,
        status,
        tags,
        folder,
        country,
        product,
        created_at,
        updated_at,
    ) = row;
    let published = status == "published";
    if !published && !staff {
        return Err(AppError::NotFound);
    }
    let siblings = summaries(
        sqlx::query_as::<_, SummaryRow>(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM articles a \
         WHERE a.folder_id = $1 AND a.id <> $2 AND a.locale = $3 AND a.status = 'published' \
         ORDER BY a.title LIMIT $4"
        ))
        .bind(folder)
        .bind(id)
        .bind(&locale)
        .bind(LISTED),
        db,
    )
    .await?;
    let related = summaries(
        sqlx::query_as::<_, SummaryRow>(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM article_related r JOIN articles a ON a.id = r.related_id \
         WHERE r.article_id = $1 AND a.status = 'published' ORDER BY a.title LIMIT $2"
    ))
        .bind(id)
        .bind(LISTED),
        db,
    )
    .await?;
    Ok(Article {
        id,
        locale,
        title,
        summary: summary_text,
        // Rows from before HTML was stored are rendered on the way out.
        body_html: if body_html.is_empty() {
            render(&body)
        } else {
            body_html
        },
        kind: parse_kind(&kind)?,
        published,
        tags: tags.split_whitespace().map(str::to_owned).collect(),
        country,
        product,
        folder,
        created_at,
        updated_at,
        siblings,
        related,
        my_vote: None,
        feedback: None,
    })
}

/// A collection (`folder` None) or one of its folders, in `locale`.
pub async fn shelf(
    db: &Db,
    country: &str,
    folder: Option<i64>,
    locale: &str,
) -> Result<Shelf, AppError> {
    use super::structure::{folder_place, has_collection};
    let (country, product, per_folder) = match folder {
        Some(id) => {
            let (country, product) = folder_place(db, id).await?;
            (country, Some(product), FOLDER_PAGE_MAX)
        }
        None if has_collection(db, country).await? => {
            (country.to_owned(), None, COLLECTION_PER_FOLDER)
        }
        None => return Err(AppError::NotFound),
    };
    let only = Shelves {
        country: Some(&country),
        folder,
        per_folder,
    };
    let folders = folders(db, locale, only).await?;
    Ok(Shelf {
        country,
        product,
        folders,
    })
}

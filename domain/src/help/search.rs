//! Article search. One interface, `ArticleSearch`, with an engine per
//! backend: SQLite's FTS5 (`search/sqlite.rs`) and PostgreSQL's tsvector
//! (`search/postgres.rs`). Both rank the title above tags above body, fold
//! accents, match words of three letters or more as prefixes, and read
//! whatever is typed as plain words; snippets are cut here, the same way
//! for both.
//!
//! Speed: only published articles are indexed, and filters are words of the
//! indexed `facets` column, so a filtered search is one index query without
//! joins. Titles and tags are searched first; only when they give fewer
//! results than asked is the full text searched too. Ranking every body
//! that holds a common word is what costs (tens of milliseconds at 50,000
//! articles), and a title match outranks a body match anyway.

mod postgres;
mod sqlite;

use futures::future::BoxFuture;

use super::{Hit, SearchQuery};
use crate::db::{Backend, Db, Sql};
use crate::error::AppError;

pub use sqlite::fts_query;

/// Most words of a query used, and characters of one word.
pub(super) const MAX_WORDS: usize = 12;
pub(super) const MAX_WORD: usize = 40;
/// Shorter words are matched whole, not as prefixes ("fa" would match a
/// large part of the index and say little).
const PREFIX_MIN: usize = 3;
/// Most characters of a query read at all.
pub const QUERY_MAX: usize = 200;

pub trait ArticleSearch: Send + Sync {
    /// Published articles matching `query`, best first, at most `limit`.
    fn search<'a>(
        &'a self,
        query: &'a SearchQuery,
        limit: i64,
    ) -> BoxFuture<'a, Result<Vec<Hit>, AppError>>;
}

/// The search engine of `db`'s backend.
pub fn for_db(db: &Db) -> Box<dyn ArticleSearch + '_> {
    let dialect = match db.backend() {
        Backend::Sqlite => &sqlite::FTS5,
        Backend::Postgres => &postgres::TSVECTOR,
    };
    Box::new(Engine { db, dialect })
}

/// What an engine says in its own language: the typed words as its query,
/// those words with the filters, and the two ranked lookups (`$1` the
/// query, `$2` the limit) of titles and of the full text.
struct Dialect {
    words: fn(&str) -> Option<String>,
    matching: fn(String, &[Vec<String>]) -> String,
    titles: &'static str,
    full: &'static str,
}

struct Engine<'a> {
    db: &'a Db,
    dialect: &'static Dialect,
}

impl Engine<'_> {
    /// Ids, best first: from the titles (`full` false) or the full text.
    async fn ranked(&self, full: bool, matching: &str, limit: i64) -> Result<Vec<i64>, AppError> {
        let sql = if full {
            self.dialect.full
        } else {
            self.dialect.titles
        };
        Ok(sqlx::query_scalar(sql)
            .bind(matching)
            .bind(limit)
            .fetch_all(&self.db.read)
            .await?)
    }
}

impl ArticleSearch for Engine<'_> {
    fn search<'a>(
        &'a self,
        query: &'a SearchQuery,
        limit: i64,
    ) -> BoxFuture<'a, Result<Vec<Hit>, AppError>> {
        Box::pin(async move {
            let words = (self.dialect.words)(&query.q);
            let (Some(words), Some(filters)) = (words, filters(self.db, query).await?) else {
                return Ok(Vec::new());
            };
            let matching = (self.dialect.matching)(words, &filters);
            let ranked = titles_then_text(limit, |full, n| self.ranked(full, &matching, n)).await?;
            hits(self.db, &query.q, ranked).await
        })
    }
}

/// The words of what a person typed, each with whether it is matched as a
/// prefix: letters and digits only, so no engine's operators survive.
fn typed_words(typed: &str) -> Vec<(String, bool)> {
    let typed: String = typed.chars().take(QUERY_MAX).collect();
    typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .map(|w| {
            let w: String = w.chars().take(MAX_WORD).collect();
            let prefix = w.chars().count() >= PREFIX_MIN;
            (w, prefix)
        })
        .collect()
}

/// A filter value as a facet word: letters and digits only, lower case.
fn facet(prefix: &str, value: &str) -> Option<String> {
    let clean: String = value
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    (!clean.is_empty()).then(|| format!("{prefix}{clean}"))
}

/// The facet words every result must have: all groups, any word of each
/// (empty: no filter). `None` if a filter can match nothing (an unknown
/// product).
async fn filters(db: &Db, query: &SearchQuery) -> Result<Option<Vec<Vec<String>>>, AppError> {
    let mut all: Vec<Vec<String>> = [
        facet("zzfcountry", &query.country),
        facet("zzflang", &query.lang),
        facet("zzfkind", &query.kind),
    ]
    .into_iter()
    .flatten()
    .map(|w| vec![w])
    .collect();
    let product = query.product.trim();
    if !product.is_empty() {
        let folders: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM help_folders WHERE product = $1")
                .bind(product)
                .fetch_all(&db.read)
                .await?;
        if folders.is_empty() {
            return Ok(None);
        }
        all.push(folders.iter().map(|f| format!("zzffolder{f}")).collect());
    }
    Ok(Some(all))
}

/// Titles first, then the full text while there is room; `ranked(full,
/// limit)` gives ids best first.
async fn titles_then_text<F, Fut>(limit: i64, ranked: F) -> Result<Vec<i64>, AppError>
where
    F: Fn(bool, i64) -> Fut,
    Fut: std::future::Future<Output = Result<Vec<i64>, AppError>>,
{
    let mut ids = ranked(false, limit).await?;
    if (ids.len() as i64) < limit {
        for id in ranked(true, limit + ids.len() as i64).await? {
            if ids.len() as i64 == limit {
                break;
            }
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    Ok(ids)
}

/// The hits for `ranked` ids, in that order, with snippets of `typed`.
async fn hits(db: &Db, typed: &str, ranked: Vec<i64>) -> Result<Vec<Hit>, AppError> {
    if ranked.is_empty() {
        return Ok(Vec::new());
    }
    let words = super::snippet::query_words(typed);
    let mut sql = Sql::new(
        "SELECT a.id, a.locale, a.title, a.kind, a.summary, a.updated_at, c.country, f.product, \
         a.body_text FROM articles a \
         LEFT JOIN help_folders f ON f.id = a.folder_id \
         LEFT JOIN help_collections c ON c.id = f.collection_id \
         WHERE a.id IN (",
    );
    sql.bind_list(ranked.iter().copied()).push(")");
    let rows: Vec<HitRow> = sql.fetch_all(&db.read).await?;
    let mut hits = Vec::with_capacity(ranked.len());
    for id in ranked {
        let Some(row) = rows.iter().find(|r| r.0 == id) else {
            continue;
        };
        let (id, locale, title, kind, summary, updated_at, country, product, text) = row.clone();
        let snippet = super::snippet::snippet(&text, &words);
        hits.push(Hit {
            article: super::rows::summary((id, locale, title, kind, summary, updated_at))?,
            country,
            product,
            snippet,
        });
    }
    Ok(hits)
}

type HitRow = (
    i64,
    String,
    String,
    String,
    String,
    i64,
    Option<String>,
    Option<String>,
    String,
);

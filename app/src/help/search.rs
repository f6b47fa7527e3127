//! Article search. One interface, `ArticleSearch`, so the PostgreSQL
//! backend can bring its own full-text search; here SQLite FTS5: bm25 with
//! the title weighted above tags and body, accents folded by the tokenizer,
//! words of three letters or more matched as prefixes, highlighted
//! snippets.
//!
//! Speed: only published articles are indexed, and filters are words of the
//! indexed `facets` column, so a filtered search is one FTS5 query without
//! joins. A small index of titles and tags is searched first; only when it
//! gives fewer results than asked is the full text searched too. Ranking
//! every body that holds a common word is what costs (tens of milliseconds
//! at 50,000 articles), and a title match outranks a body match anyway.

use futures::future::BoxFuture;

use super::{ArticleKind, Hit, SearchQuery};
use crate::db::Db;
use crate::error::AppError;

/// Most words of a query used, and characters of one word.
const MAX_WORDS: usize = 12;
const MAX_WORD: usize = 40;
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

/// The FTS5 words for what a person typed: each in double quotes (so `OR`,
/// `NEAR`, `*`, `^`, `:`, quotes and brackets are only text), longer ones
/// as prefixes. `None` when nothing searchable is left.
pub fn fts_query(typed: &str) -> Option<String> {
    let typed: String = typed.chars().take(QUERY_MAX).collect();
    let words: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .map(|w| {
            let w: String = w.chars().take(MAX_WORD).collect();
            let star = if w.chars().count() >= PREFIX_MIN {
                "*"
            } else {
                ""
            };
            format!("\"{w}\"{star}")
        })
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
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

pub struct SqliteSearch<'a>(pub &'a Db);

impl SqliteSearch<'_> {
    /// The facet words every result must have (empty: no filter); `None`
    /// if a filter can match nothing (an unknown product).
    async fn filters(&self, query: &SearchQuery) -> Result<Option<String>, AppError> {
        let mut all = Vec::new();
        all.extend(facet("zzfcountry", &query.country));
        all.extend(facet("zzflang", &query.lang));
        all.extend(facet("zzfkind", &query.kind));
        let product = query.product.trim();
        if !product.is_empty() {
            let folders: Vec<i64> =
                sqlx::query_scalar("SELECT id FROM help_folders WHERE product = $1")
                    .bind(product)
                    .fetch_all(&self.0.read)
                    .await?;
            if folders.is_empty() {
                return Ok(None);
            }
            let any: Vec<String> = folders.iter().map(|f| format!("zzffolder{f}")).collect();
            all.push(format!("({})", any.join(" OR ")));
        }
        Ok(Some(all.join(" AND ")))
    }

    /// Ids, best first: from the title index (`full` false) or the full
    /// text.
    async fn ranked(&self, full: bool, matching: &str, limit: i64) -> Result<Vec<i64>, AppError> {
        let sql = if full {
            "SELECT rowid FROM article_text WHERE article_text MATCH $1 \
             ORDER BY bm25(article_text, 10.0, 1.0, 4.0, 0.0) LIMIT $2"
        } else {
            "SELECT rowid FROM article_titles WHERE article_titles MATCH $1 \
             ORDER BY bm25(article_titles, 10.0, 4.0, 0.0) LIMIT $2"
        };
        Ok(sqlx::query_scalar(sql)
            .bind(matching)
            .bind(limit)
            .fetch_all(&self.0.read)
            .await?)
    }

    async fn hits(&self, typed: &str, ranked: Vec<i64>) -> Result<Vec<Hit>, AppError> {
        if ranked.is_empty() {
            return Ok(Vec::new());
        }
        let words = super::snippet::query_words(typed);
        let mut sql = sqlx::QueryBuilder::new(
            "SELECT a.id, a.locale, a.title, a.kind, a.summary, a.updated_at, c.country, f.product, \
             a.body_text FROM articles a \
             LEFT JOIN help_folders f ON f.id = a.folder_id \
             LEFT JOIN help_collections c ON c.id = f.collection_id \
             WHERE a.id IN (",
        );
        let mut ids = sql.separated(", ");
        for id in &ranked {
            ids.push_bind(id);
        }
        sql.push(")");
        let rows: Vec<HitRow> = sql.build_query_as().fetch_all(&self.0.read).await?;
        let mut hits = Vec::with_capacity(ranked.len());
        for id in ranked {
            let Some(row) = rows.iter().find(|r| r.0 == id) else {
                continue;
            };
            let (id, locale, title, kind, summary, updated_at, country, product, text) =
                row.clone();
            let snippet = super::snippet::snippet(&text, &words);
            hits.push(Hit {
                article: super::store::summary((id, locale, title, kind, summary, updated_at))?,
                country,
                product,
                snippet,
            });
        }
        Ok(hits)
    }
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

impl ArticleSearch for SqliteSearch<'_> {
    fn search<'a>(
        &'a self,
        query: &'a SearchQuery,
        limit: i64,
    ) -> BoxFuture<'a, Result<Vec<Hit>, AppError>> {
        Box::pin(async move {
            let (Some(words), Some(filters)) = (fts_query(&query.q), self.filters(query).await?)
            else {
                return Ok(Vec::new());
            };
            // No column filter on the words: reading positions to apply one
            // tripled the time, and no article word starts with `zzf`.
            let matching = match filters.is_empty() {
                true => words,
                false => format!("({words}) AND {{facets}} : ({filters})"),
            };
            let mut ranked = self.ranked(false, &matching, limit).await?;
            if (ranked.len() as i64) < limit {
                for id in self
                    .ranked(true, &matching, limit + ranked.len() as i64)
                    .await?
                {
                    if ranked.len() as i64 == limit {
                        break;
                    }
                    if !ranked.contains(&id) {
                        ranked.push(id);
                    }
                }
            }
            self.hits(&query.q, ranked).await
        })
    }
}

pub(super) fn parse_kind(raw: &str) -> Result<ArticleKind, AppError> {
    ArticleKind::parse(raw).ok_or_else(|| {
        tracing::error!(%raw, "unknown article kind");
        AppError::Internal
    })
}

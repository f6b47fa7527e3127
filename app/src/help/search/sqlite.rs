//! The article search on SQLite: two FTS5 indexes (`article_titles`, small,
//! and `article_text`), ranked by bm25.

use futures::future::BoxFuture;

use super::{filters, hits, titles_then_text, typed_words, ArticleSearch};
use crate::db::Db;
use crate::error::AppError;
use crate::help::{Hit, SearchQuery};

pub struct SqliteSearch<'a>(pub &'a Db);

/// The FTS5 words for what a person typed: each in double quotes (so `OR`,
/// `NEAR`, `*`, `^`, `:`, quotes and brackets are only text), longer ones
/// as prefixes. `None` when nothing searchable is left.
pub fn fts_query(typed: &str) -> Option<String> {
    let words: Vec<String> = typed_words(typed)
        .into_iter()
        .map(|(w, prefix)| format!("\"{w}\"{}", if prefix { "*" } else { "" }))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

impl SqliteSearch<'_> {
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
}

impl ArticleSearch for SqliteSearch<'_> {
    fn search<'a>(
        &'a self,
        query: &'a SearchQuery,
        limit: i64,
    ) -> BoxFuture<'a, Result<Vec<Hit>, AppError>> {
        Box::pin(async move {
            let (Some(words), Some(filters)) = (fts_query(&query.q), filters(self.0, query).await?)
            else {
                return Ok(Vec::new());
            };
            // No column filter on the words: reading positions to apply one
            // tripled the time, and no article word starts with `zzf`.
            let matching = match filters.is_empty() {
                true => words,
                false => {
                    let groups: Vec<String> = filters
                        .iter()
                        .map(|any| format!("({})", any.join(" OR ")))
                        .collect();
                    format!("({words}) AND {{facets}} : ({})", groups.join(" AND "))
                }
            };
            let ranked = titles_then_text(limit, |full, n| self.ranked(full, &matching, n)).await?;
            hits(self.0, &query.q, ranked).await
        })
    }
}

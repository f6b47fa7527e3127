//! The article search on PostgreSQL: the `title_words` and `all_words`
//! tsvector columns (GIN indexes of published articles), ranked by
//! `ts_rank` with title (A) above tags (B) above body (C); facets (D) only
//! filter.

use futures::future::BoxFuture;

use super::{filters, hits, titles_then_text, typed_words, ArticleSearch};
use crate::db::Db;
use crate::error::AppError;
use crate::help::{Hit, SearchQuery};

pub struct PostgresSearch<'a>(pub &'a Db);

/// The tsquery for what a person typed: its words (letters and digits
/// only, so no operator survives) joined by `&`, longer ones as prefixes
/// (`:*`). `None` when nothing searchable is left.
pub fn ts_query(typed: &str) -> Option<String> {
    let words: Vec<String> = typed_words(typed)
        .into_iter()
        .map(|(w, prefix)| format!("{w}{}", if prefix { ":*" } else { "" }))
        .collect();
    (!words.is_empty()).then(|| words.join(" & "))
}

impl PostgresSearch<'_> {
    async fn ranked(&self, full: bool, matching: &str, limit: i64) -> Result<Vec<i64>, AppError> {
        // Weights are {D, C, B, A}.
        let sql = if full {
            "SELECT id FROM articles \
             WHERE status = 'published' AND all_words @@ to_tsquery('helpdesk', $1) \
             ORDER BY ts_rank('{0, 0.1, 0.4, 1}', all_words, to_tsquery('helpdesk', $1)) DESC, id \
             LIMIT $2"
        } else {
            "SELECT id FROM articles \
             WHERE status = 'published' AND title_words @@ to_tsquery('helpdesk', $1) \
             ORDER BY ts_rank('{0, 0, 0.4, 1}', title_words, to_tsquery('helpdesk', $1)) DESC, id \
             LIMIT $2"
        };
        Ok(sqlx::query_scalar(sql)
            .bind(matching)
            .bind(limit)
            .fetch_all(&self.0.read)
            .await?)
    }
}

impl ArticleSearch for PostgresSearch<'_> {
    fn search<'a>(
        &'a self,
        query: &'a SearchQuery,
        limit: i64,
    ) -> BoxFuture<'a, Result<Vec<Hit>, AppError>> {
        Box::pin(async move {
            let (Some(words), Some(filters)) = (ts_query(&query.q), filters(self.0, query).await?)
            else {
                return Ok(Vec::new());
            };
            let mut matching = format!("({words})");
            for any in &filters {
                matching.push_str(&format!(" & ({})", any.join(" | ")));
            }
            let ranked = titles_then_text(limit, |full, n| self.ranked(full, &matching, n)).await?;
            hits(self.0, &query.q, ranked).await
        })
    }
}

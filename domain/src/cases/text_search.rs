//! The case list's text filter on each backend: SQLite's FTS5 table
//! `case_text` (one row per case, rowid = case id) or PostgreSQL's
//! `case_text.words` tsvector with its GIN index. Both fold accents and
//! case and match whole words; whatever a person types becomes plain words,
//! never operators.

use super::filter::CaseFilter;
use crate::db::{Backend, Db, Sql};
use crate::error::AppError;

/// How the text filter meets the list. A set of matching cases is best when
/// few cases match; when many do, walking the list in order and checking
/// each case finds a page sooner than collecting every match.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum TextPlan {
    MatchSet,
    PerCase,
}

/// Above this many matching cases, the staff list checks case by case.
const MATCH_SET_MAX: i64 = 20_000;
/// Most words of a filter used.
const MAX_WORDS: usize = 16;

/// The typed words as the backend's query: FTS5 quoted words (so `NEAR`,
/// `OR`, `*`, quotes and brackets are just text), or a tsquery of words
/// joined by `&` (only letters and digits reach it). All words must appear.
/// Whole words, not prefixes: FTS5 reads a prefix's whole doclist on every
/// lookup, which the case-by-case plan cannot afford at a million cases.
/// `None` when nothing searchable is left.
pub(super) fn words(backend: Backend, text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_WORDS)
        .collect();
    if words.is_empty() {
        return None;
    }
    Some(match backend {
        Backend::Sqlite => words
            .iter()
            .map(|w| format!("\"{w}\""))
            .collect::<Vec<_>>()
            .join(" "),
        Backend::Postgres => words.join(" & "),
    })
}

pub(super) async fn plan(db: &Db, own_only: bool, f: &CaseFilter) -> Result<TextPlan, AppError> {
    // A customer's own cases are few: checking each is always cheap.
    let Some(m) = f.text.as_deref().and_then(|t| words(db.backend(), t)) else {
        return Ok(TextPlan::MatchSet);
    };
    if own_only {
        return Ok(TextPlan::PerCase);
    }
    let n = match db.backend() {
        Backend::Sqlite => sqlx::query_scalar(
            "SELECT COUNT(*) FROM (SELECT rowid FROM case_text WHERE case_text MATCH $1 LIMIT $2)",
        )
        .bind(m)
        .bind(MATCH_SET_MAX + 1)
        .fetch_one(&db.read)
        .await?,
        Backend::Postgres => estimated_matches(db, &m).await?,
    };
    Ok(if n > MATCH_SET_MAX {
        TextPlan::PerCase
    } else {
        TextPlan::MatchSet
    })
}

/// How many cases PostgreSQL's statistics say match `m`. Counting them
/// would read every match of a common word (a GIN index is read whole
/// before any row comes out); the planner's estimate costs a millisecond.
/// `m` is inlined so the estimate sees the words: it holds only letters,
/// digits, spaces and `&` (see [`words`]).
async fn estimated_matches(db: &Db, m: &str) -> Result<i64, AppError> {
    if !m
        .chars()
        .all(|c| c.is_alphanumeric() || c == ' ' || c == '&')
    {
        return Err(AppError::Internal);
    }
    let sql =
        format!("EXPLAIN SELECT 1 FROM case_text WHERE words @@ to_tsquery('helpdesk', '{m}')");
    let lines: Vec<String> = sqlx::query_scalar(&sql).fetch_all(&db.read).await?;
    let rows = lines
        .first()
        .and_then(|l| l.split(" rows=").nth(1))
        .and_then(|r| r.split(' ').next())
        .and_then(|r| r.parse().ok());
    rows.ok_or_else(|| {
        tracing::error!(plan = ?lines.first(), "no row estimate in the plan");
        AppError::Internal
    })
}

/// Appends ` AND <case c matches m>` to a list query.
pub(super) fn push_match(q: &mut Sql, backend: Backend, plan: TextPlan, m: String) {
    match (backend, plan) {
        (Backend::Sqlite, TextPlan::PerCase) => q
            .push(" AND EXISTS (SELECT 1 FROM case_text WHERE case_text MATCH ")
            .bind(m)
            .push(" AND rowid = c.id)"),
        (Backend::Sqlite, TextPlan::MatchSet) => q
            .push(" AND c.id IN (SELECT rowid FROM case_text WHERE case_text MATCH ")
            .bind(m)
            .push(")"),
        (Backend::Postgres, TextPlan::PerCase) => q
            .push(" AND EXISTS (SELECT 1 FROM case_text t WHERE t.case_id = c.id AND t.words @@ to_tsquery('helpdesk', ")
            .bind(m)
            .push("))"),
        // An array made once: PostgreSQL cannot tell how few cases a
        // tsquery matches, and would otherwise walk the list checking each.
        (Backend::Postgres, TextPlan::MatchSet) => q
            .push(" AND c.id = ANY(ARRAY(SELECT case_id FROM case_text WHERE words @@ to_tsquery('helpdesk', ")
            .bind(m)
            .push(")))"),
    };
}

/// A little upkeep of SQLite's text index: merges some of its segments, so
/// a lookup reads few of them. Bounded work, run with the periodic tasks.
/// PostgreSQL's GIN index is kept by autovacuum.
pub async fn tidy(db: &Db) -> Result<(), AppError> {
    if db.backend() == Backend::Sqlite {
        let mut tx = db.begin_write().await?;
        sqlx::query("INSERT INTO case_text (case_text, rank) VALUES ('merge', 200)")
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    }
    Ok(())
}

//! The article search on SQLite: two FTS5 indexes (`article_titles`, small,
//! and `article_text`), ranked by bm25.

use super::{typed_words, Dialect};

pub(super) const FTS5: Dialect = Dialect {
    words: fts_query,
    matching,
    titles: "SELECT rowid FROM article_titles WHERE article_titles MATCH $1 \
             ORDER BY bm25(article_titles, 10.0, 4.0, 0.0) LIMIT $2",
    full: "SELECT rowid FROM article_text WHERE article_text MATCH $1 \
           ORDER BY bm25(article_text, 10.0, 1.0, 4.0, 0.0) LIMIT $2",
};

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

/// No column filter on the words: reading positions to apply one tripled
/// the time, and no article word starts with `zzf`.
fn matching(words: String, filters: &[Vec<String>]) -> String {
    if filters.is_empty() {
        return words;
    }
    let groups: Vec<String> = filters
        .iter()
        .map(|any| format!("({})", any.join(" OR ")))
        .collect();
    format!("({words}) AND {{facets}} : ({})", groups.join(" AND "))
}

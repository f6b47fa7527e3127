//! The article search on PostgreSQL: the `title_words` and `all_words`
//! tsvector columns (GIN indexes of published articles), ranked by
//! `ts_rank` with title (A) above tags (B) above body (C); facets (D) only
//! filter. Weights are written {D, C, B, A}.

use super::{typed_words, Dialect};

pub(super) const TSVECTOR: Dialect = Dialect {
    words: ts_query,
    matching,
    titles: "SELECT id FROM articles \
             WHERE status = 'published' AND title_words @@ to_tsquery('helpdesk', $1) \
             ORDER BY ts_rank('{0, 0, 0.4, 1}', title_words, to_tsquery('helpdesk', $1)) DESC, id \
             LIMIT $2",
    full: "SELECT id FROM articles \
           WHERE status = 'published' AND all_words @@ to_tsquery('helpdesk', $1) \
           ORDER BY ts_rank('{0, 0.1, 0.4, 1}', all_words, to_tsquery('helpdesk', $1)) DESC, id \
           LIMIT $2",
};

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

fn matching(words: String, filters: &[Vec<String>]) -> String {
    let mut all = format!("({words})");
    for any in filters {
        all.push_str(&format!(" & ({})", any.join(" | ")));
    }
    all
}

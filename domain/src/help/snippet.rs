//! Search snippets, made from the found articles' text rather than by
//! FTS5's `snippet()` (which re-reads and re-tokenizes every body: about
//! 2 ms an article at 50,000 articles). Matching follows the index: case
//! and accents folded, words of three letters or more as prefixes.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::{MARK_END, MARK_START};

/// Words shown before the first match, and in all.
const BEFORE: usize = 6;
const WORDS: usize = 18;

/// Lower case without accents: "Facturación" → "facturacion".
pub fn fold(word: &str) -> String {
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The query's words, folded.
pub fn query_words(typed: &str) -> Vec<String> {
    // The same caps as the search itself: each word is compared with every
    // word of every result, so an unbounded query would be a costly one.
    let head: String = typed.chars().take(super::search::QUERY_MAX).collect();
    head.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(super::search::MAX_WORDS)
        .map(|w| fold(&w.chars().take(super::search::MAX_WORD).collect::<String>()))
        .collect()
}

fn matches(word: &str, query: &[String]) -> bool {
    let word = fold(word);
    query.iter().any(|q| {
        if q.chars().count() >= 3 {
            word.starts_with(q.as_str())
        } else {
            word == *q
        }
    })
}

/// About `WORDS` words of `text` around its first match, matches between
/// `MARK_START` and `MARK_END`; the opening words when nothing matches.
pub fn snippet(text: &str, query: &[String]) -> String {
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, text.len()));
    }
    if words.is_empty() {
        return String::new();
    }
    let first = words
        .iter()
        .position(|&(s, e)| matches(&text[s..e], query))
        .unwrap_or(0);
    let from = first.saturating_sub(BEFORE);
    let to = (from + WORDS).min(words.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut at = words[from].0;
    for &(s, e) in &words[from..to] {
        out.push_str(&text[at..s]);
        if matches(&text[s..e], query) {
            out.push(MARK_START);
            out.push_str(&text[s..e]);
            out.push(MARK_END);
        } else {
            out.push_str(&text[s..e]);
        }
        at = e;
    }
    if to < words.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_are_marked_with_accents_and_prefixes_folded() {
        let q = query_words("facturacion 13");
        let s = snippet(
            "Cada comisión aparece en la facturación mensual durante 13 meses.",
            &q,
        );
        assert_eq!(
            s,
            "Cada comisión aparece en la \u{E000}facturación\u{E001} mensual durante \u{E000}13\u{E001} meses"
        );
        let long = format!("{} needle {}", "word ".repeat(30), "word ".repeat(30));
        let s = snippet(&long, &query_words("need"));
        // A huge query is cut like the search's own: 12 words of 40 letters.
        let huge = format!("{} {}", "x".repeat(500), "word ".repeat(100_000));
        let q = query_words(&huge);
        assert!(
            q.len() <= 12 && q.iter().all(|w| w.chars().count() <= 40),
            "{q:?}"
        );
        assert!(s.starts_with('…') && s.ends_with('…') && s.contains("\u{E000}needle\u{E001}"));
        assert_eq!(
            snippet("No match here", &query_words("zzz")),
            "No match here"
        );
    }
}

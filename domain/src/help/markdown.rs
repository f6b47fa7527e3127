//! Article bodies: Markdown to HTML (pulldown-cmark), then sanitized by
//! ammonia's allow-list, so stored content never runs script in a reader's
//! browser: no `<script>`, event handlers, `javascript:` links, iframes,
//! SVG or styles survive, whether written as Markdown or as raw HTML.

use pulldown_cmark::{html, Options, Parser};

/// The sanitized HTML of a Markdown text.
pub fn render(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .url_schemes(["http", "https", "mailto", "tel"].into())
        .clean(&raw)
        .to_string()
}

/// Plain text of a Markdown text, for descriptions: markup dropped, runs of
/// white space folded, at most `max` characters.
pub fn plain(markdown: &str, max: usize) -> String {
    use pulldown_cmark::{Event, TagEnd};
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            // The end of a block (paragraph, list item, heading, ...), not
            // of inline markup, separates words.
            Event::End(end)
                if !matches!(
                    end,
                    TagEnd::Emphasis
                        | TagEnd::Strong
                        | TagEnd::Strikethrough
                        | TagEnd::Link
                        | TagEnd::Image
                ) =>
            {
                text.push(' ')
            }
            _ => {}
        }
    }
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match folded.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", folded[..cut].trim_end()),
        None => folded,
    }
}

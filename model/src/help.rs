//! Help-center data shared by the server and the browser (PRODUCT.md §2).

use serde::{Deserialize, Serialize};

crate::text_enum! {
    /// The four kinds of article.
    pub enum ArticleKind {
        ProductInfo = "product_info",
        Regulatory = "regulatory",
        HowTo = "how_to",
        SelfHelp = "self_help",
    }
}

/// The kinds and severities of a home-page banner.
pub const BANNER_KINDS: [&str; 3] = ["news", "announcement", "disruption"];
pub const SEVERITIES: [&str; 3] = ["info", "warning", "critical"];

/// The countries the help center has collections for; their names come
/// from the translations.
pub const COUNTRIES: [&str; 3] = ["es", "fr", "mx"];

/// An article in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub locale: String,
    pub title: String,
    pub kind: ArticleKind,
    pub summary: String,
    pub updated_at: i64,
}

impl ArticleSummary {
    pub fn href(&self) -> String {
        format!("/help/articles/{}", self.id)
    }
}

/// A folder (a product within a country) and its articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Folder {
    pub id: i64,
    pub country: String,
    pub product: String,
    /// All its articles in the language; `articles` may hold fewer.
    pub total: i64,
    pub articles: Vec<ArticleSummary>,
}

/// One article as its page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: i64,
    pub locale: String,
    pub title: String,
    pub summary: String,
    /// Sanitized when saved: safe to put in the page as it is.
    pub body_html: String,
    pub kind: ArticleKind,
    pub published: bool,
    pub tags: Vec<String>,
    pub country: Option<String>,
    pub product: Option<String>,
    pub folder: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// The other articles of the same folder, same language.
    pub siblings: Vec<ArticleSummary>,
    pub related: Vec<ArticleSummary>,
    /// The viewer's own vote, if any.
    pub my_vote: Option<bool>,
    /// Votes and comments, for staff only.
    pub feedback: Option<Feedback>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    pub yes: i64,
    pub no: i64,
    pub comments: Vec<(String, i64)>,
}

/// The home-page notice: news, an announcement or a service disruption.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Banner {
    pub kind: String,
    pub severity: String,
    pub message: String,
    pub starts_at: i64,
    pub ends_at: i64,
}

/// What the home page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Home {
    pub banner: Option<Banner>,
    /// Folders with published articles in the language asked for, by
    /// country then product.
    pub folders: Vec<Folder>,
    /// Articles in no folder: how to use this portal.
    pub guides: Vec<ArticleSummary>,
}

/// Search filters; empty means any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    pub q: String,
    pub country: String,
    pub product: String,
    pub kind: String,
    pub lang: String,
}

/// One search result; `snippet` marks matches between `MARK_START` and
/// `MARK_END` (characters no text contains), so the page can highlight
/// them without trusting any markup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub article: ArticleSummary,
    pub country: Option<String>,
    pub product: Option<String>,
    pub snippet: String,
}

/// Longest comment with a "No" vote.
pub const COMMENT_MAX: usize = 1000;

/// Longest search text the box takes.
pub const SEARCH_INPUT_MAX: usize = 200;

pub const MARK_START: char = '\u{E000}';
pub const MARK_END: char = '\u{E001}';

/// A banner as the admin page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BannerRow {
    pub id: i64,
    pub banner: Banner,
}

/// A collection (a country) and its folders, for the admin page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollectionAdmin {
    pub id: i64,
    pub country: String,
    pub folders: Vec<FolderAdmin>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FolderAdmin {
    pub id: i64,
    pub product: String,
    /// Articles in it, drafts included.
    pub articles: i64,
}

/// An article as its editor shows it: the Markdown, not the HTML.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleEdit {
    pub id: i64,
    pub locale: String,
    pub title: String,
    pub body: String,
    pub kind: ArticleKind,
    pub published: bool,
    /// Space-separated, as typed.
    pub tags: String,
    pub folder: Option<i64>,
    #[serde(default)]
    pub related: Vec<i64>,
}

/// What the editor's selects offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditorOptions {
    /// (id, country, product)
    pub folders: Vec<(i64, String, String)>,
    /// (id, locale, title) of articles that can be related.
    pub articles: Vec<(i64, String, String)>,
}

/// One row of the staff's article list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffArticle {
    pub article: ArticleSummary,
    pub published: bool,
    pub country: Option<String>,
    pub product: Option<String>,
}

/// A collection or folder page: its articles in the reader's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shelf {
    pub country: String,
    /// None for a collection page.
    pub product: Option<String>,
    pub folders: Vec<Folder>,
}

/// Longest banner message and article tag list an admin can write.
pub const BANNER_MAX: usize = 500;
pub const TAGS_MAX: usize = 200;
/// Most related articles one article can list.
pub const RELATED_MAX: usize = 10;

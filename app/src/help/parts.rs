//! Pieces the help pages share: labels, links, the search box and article
//! lists. The pages import these; this imports no page. Lists use plain
//! links (the router follows them all the same), so that the server can
//! render them outside a router too (`home_lists`).

use leptos::prelude::*;

use super::{ArticleKind, ArticleSummary, Folder};
use crate::i18n::*;
use crate::ui::labels::I18n;

pub use crate::ui::labels::locale_code;

pub fn kind_label(i18n: I18n, kind: ArticleKind) -> String {
    match kind {
        ArticleKind::ProductInfo => t_string!(i18n, help.kind_product_info),
        ArticleKind::Regulatory => t_string!(i18n, help.kind_regulatory),
        ArticleKind::HowTo => t_string!(i18n, help.kind_how_to),
        ArticleKind::SelfHelp => t_string!(i18n, help.kind_self_help),
    }
    .to_string()
}

pub fn country_label(i18n: I18n, code: &str) -> String {
    match code {
        "es" => t_string!(i18n, help.country_es).to_string(),
        "fr" => t_string!(i18n, help.country_fr).to_string(),
        "mx" => t_string!(i18n, help.country_mx).to_string(),
        other => other.to_uppercase(),
    }
}

pub fn banner_kind_label(i18n: I18n, kind: &str) -> String {
    match kind {
        "disruption" => t_string!(i18n, help.banner_disruption),
        "announcement" => t_string!(i18n, help.banner_announcement),
        _ => t_string!(i18n, help.banner_news),
    }
    .to_string()
}

/// The search box: a plain GET form, so it works before the wasm loads.
#[component]
pub fn SearchBox(#[prop(optional, into)] value: String) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <form class="search-box" role="search" method="get" action="/help/search">
            <label for="help-search">{tr!(i18n, help.search_label)}</label>
            <input id="help-search" type="search" name="q" value=value
                maxlength=super::SEARCH_INPUT_MAX />
            <button type="submit" class="primary">{tr!(i18n, help.search)}</button>
        </form>
    }
}

pub fn collection_href(country: &str) -> String {
    format!("/help/collections/{country}")
}

pub fn folder_href(id: i64) -> String {
    format!("/help/folders/{id}")
}

#[component]
pub fn ArticleList(articles: Vec<ArticleSummary>) -> impl IntoView {
    let i18n = use_i18n();
    if articles.is_empty() {
        return view! { <p>{tr!(i18n, home.no_articles)}</p> }.into_any();
    }
    let items = articles
        .into_iter()
        .map(|a| view! { <li lang=a.locale.clone()><a href=a.href()>{a.title.clone()}</a></li> })
        .collect_view();
    view! { <ul class="articles">{items}</ul> }.into_any()
}

/// A folder's articles under its product's name (a link to the folder
/// page), with "See all" when only some are listed.
#[component]
pub fn FolderSection(folder: Folder, #[prop(default = true)] heading: bool) -> impl IntoView {
    let i18n = use_i18n();
    let href = folder_href(folder.id);
    let more = folder.total - folder.articles.len() as i64;
    let total = folder.total;
    view! {
        {heading.then(|| view! { <h4><a href=href.clone()>{folder.product.clone()}</a></h4> })}
        <ArticleList articles=folder.articles />
        {(more > 0).then(|| view! {
            <p class="more"><a href=href>{tr_with!(i18n, help.see_all, count = total)}</a></p>
        })}
    }
}

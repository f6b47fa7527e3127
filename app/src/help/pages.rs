//! The help center's home page ("Questions and Answers"), and the labels
//! the help pages share.

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::components::A;

use super::api::help_home;
use super::shelf::{collection_href, FolderSection};
use super::{ArticleKind, ArticleSummary, Banner, Folder};
use crate::i18n::*;
use crate::ui::forms::ErrorNotice;
use crate::ui::labels::I18n;
use crate::ui::title::PageTitle;

/// The language of the page, as articles store it.
pub fn locale_code(i18n: I18n) -> &'static str {
    match i18n.get_locale() {
        Locale::en => "en",
        Locale::es => "es",
        Locale::fr => "fr",
    }
}

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
            <label for="help-search">{t!(i18n, help.search_label)}</label>
            <input id="help-search" type="search" name="q" value=value
                maxlength=super::SEARCH_INPUT_MAX />
            <button type="submit" class="primary">{t!(i18n, help.search)}</button>
        </form>
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let home = Resource::new(move || locale_code(i18n), |l| help_home(l.to_string()));
    let content = move || {
        Suspend::new(async move {
            match home.await {
                Ok(home) => view! {
                    {home.banner.map(|banner| view! { <BannerNotice banner /> })}
                    <Countries folders=home.folders />
                    <section aria-labelledby="guides-heading">
                        <h2 id="guides-heading">{t!(i18n, help.guides)}</h2>
                        <ArticleList articles=home.guides />
                    </section>
                }
                .into_any(),
                Err(error) => view! { <ErrorNotice error /> }.into_any(),
            }
        })
    };
    view! {
        <PageTitle text=move || t_string!(i18n, home.title).to_string() />
        <Meta name="description" content=move || t_string!(i18n, home.intro).to_string() />
        <section class="hero">
            <h1>{t!(i18n, home.title)}</h1>
            <p>{t!(i18n, home.intro)}</p>
            <SearchBox />
        </section>
        <Suspense>{content}</Suspense>
        <section class="cta">
            <h2>{t!(i18n, home.need_help)}</h2>
            <A href="/cases/new" attr:class="button primary">{t!(i18n, home.open_case)}</A>
        </section>
        <section class="service" aria-labelledby="service-heading">
            <h2 id="service-heading">{t!(i18n, help.service)}</h2>
            <p>{t!(i18n, help.hours)}</p>
            <p>{t!(i18n, help.contacts)}</p>
        </section>
    }
    .into_any()
}

#[component]
fn BannerNotice(banner: Banner) -> impl IntoView {
    let i18n = use_i18n();
    let kind = banner.kind.clone();
    let label = move || banner_kind_label(i18n, &kind);
    let role = if banner.severity == "critical" {
        "alert"
    } else {
        "status"
    };
    view! {
        <aside class=format!("banner {}", banner.severity) role=role>
            <strong>{label}</strong> " " {banner.message}
        </aside>
    }
}

/// Folders grouped under their country.
#[component]
fn Countries(folders: Vec<Folder>) -> impl IntoView {
    let i18n = use_i18n();
    let mut groups: Vec<(String, Vec<Folder>)> = Vec::new();
    for folder in folders {
        match groups.last_mut() {
            Some((country, list)) if *country == folder.country => list.push(folder),
            _ => groups.push((folder.country.clone(), vec![folder])),
        }
    }
    let groups = groups
        .into_iter()
        .map(|(country, folders)| {
            let heading = format!("country-{country}");
            let heading_id = heading.clone();
            let folders = folders
                .into_iter()
                .map(|folder| view! { <FolderSection folder /> })
                .collect_view();
            let href = collection_href(&country);
            view! {
                <section class="country" aria-labelledby=heading>
                    <h3 id=heading_id><A href=href>{country_label(i18n, &country)}</A></h3>
                    {folders}
                </section>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="articles-heading">
            <h2 id="articles-heading">{t!(i18n, help.by_country)}</h2>
            <div class="countries">{groups}</div>
        </section>
    }
    .into_any()
}

#[component]
pub fn ArticleList(articles: Vec<ArticleSummary>) -> impl IntoView {
    let i18n = use_i18n();
    if articles.is_empty() {
        return view! { <p>{t!(i18n, home.no_articles)}</p> }.into_any();
    }
    let items = articles
        .into_iter()
        .map(|a| view! { <li lang=a.locale.clone()><A href=a.href()>{a.title.clone()}</A></li> })
        .collect_view();
    view! { <ul class="articles">{items}</ul> }.into_any()
}

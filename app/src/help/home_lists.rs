//! The help center home's lists, rendered by the server only
//! (`api::help_home`, `ui::fragment`): the banner, folders by country and
//! the guides. The browser shows their HTML and carries none of this code.

use leptos::prelude::*;

use super::parts::{banner_kind_label, collection_href, country_label, ArticleList, FolderSection};
use super::{Banner, Folder, Home};
use crate::i18n::*;

#[component]
pub fn HomeLists(home: Home) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {home.banner.map(|banner| view! { <BannerNotice banner /> })}
        <Countries folders=home.folders />
        <section aria-labelledby="guides-heading">
            <h2 id="guides-heading">{tr!(i18n, help.guides)}</h2>
            <ArticleList articles=home.guides />
        </section>
    }
}

#[component]
fn BannerNotice(banner: Banner) -> impl IntoView {
    let i18n = use_i18n();
    let role = if banner.severity == "critical" {
        "alert"
    } else {
        "status"
    };
    view! {
        <aside class=format!("banner {}", banner.severity) role=role>
            <strong>{banner_kind_label(i18n, &banner.kind)}</strong> " " {banner.message}
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
            view! {
                <section class="country" aria-labelledby=heading>
                    <h3 id=heading_id><a href=collection_href(&country)>{country_label(i18n, &country)}</a></h3>
                    {folders}
                </section>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="articles-heading">
            <h2 id="articles-heading">{tr!(i18n, help.by_country)}</h2>
            <div class="countries">{groups}</div>
        </section>
    }
}

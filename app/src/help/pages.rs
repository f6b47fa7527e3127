//! The help center's home page ("Questions and Answers").

use leptos::prelude::*;
use leptos_router::components::A;

use super::api::help_home;
use super::parts::{
    banner_kind_label, collection_href, country_label, locale_code, ArticleList, FolderSection,
    SearchBox,
};
use super::{Banner, Folder};
use crate::i18n::*;
use crate::ui::forms::ErrorNotice;
use crate::ui::title::{PageDescription, PageTitle};

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let home = crate::ui::data::resource(move || locale_code(i18n), |l| help_home(l.to_string()));
    let content = move || {
        Suspend::new(async move {
            match home.await {
                Ok(home) => view! {
                    {home.banner.map(|banner| view! { <BannerNotice banner /> })}
                    <Countries folders=home.folders />
                    <section aria-labelledby="guides-heading">
                        <h2 id="guides-heading">{tr!(i18n, help.guides)}</h2>
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
        <PageDescription text=move || t_string!(i18n, home.intro).to_string() />
        <section class="hero">
            <h1>{tr!(i18n, home.title)}</h1>
            <p>{tr!(i18n, home.intro)}</p>
            <SearchBox />
        </section>
        <Suspense>{content}</Suspense>
        <section class="cta">
            <h2>{tr!(i18n, home.need_help)}</h2>
            <A href="/cases/new" attr:class="button primary">{tr!(i18n, home.open_case)}</A>
            " "
            <A href="/follow">{tr!(i18n, follow.link)}</A>
        </section>
        <section class="service" aria-labelledby="service-heading">
            <h2 id="service-heading">{tr!(i18n, help.service)}</h2>
            <ServiceHoursPart />
            <p>{tr!(i18n, help.contacts)}</p>
        </section>
    }
    .into_any()
}

/// Business hours as admins set them, and whether the service is open now.
#[component]
fn ServiceHoursPart() -> impl IntoView {
    let hours = crate::chat::hours_text::use_service_hours();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match hours.await {
                    Ok(hours) => view! { <crate::chat::hours_text::HoursText hours /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
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
            <h2 id="articles-heading">{tr!(i18n, help.by_country)}</h2>
            <div class="countries">{groups}</div>
        </section>
    }
    .into_any()
}

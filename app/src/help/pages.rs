//! The help center's home page and article page.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::api::{get_article, list_articles};
use crate::error::AppError;
use crate::i18n::*;
use crate::time::Timestamp;
use crate::ui::forms::ErrorNotice;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let articles = Resource::new(|| (), |_| list_articles());
    view! {
        <Title text=move || t_string!(i18n, home.title).to_string() />
        <Meta name="description" content=move || t_string!(i18n, home.intro).to_string() />
        <section class="hero">
            <h1>{t!(i18n, home.title)}</h1>
            <p>{t!(i18n, home.intro)}</p>
        </section>
        <section aria-labelledby="articles-heading">
            <h2 id="articles-heading">{t!(i18n, home.articles)}</h2>
            <Suspense>
                {move || Suspend::new(async move {
                    match articles.await {
                        Ok(list) if list.is_empty() => {
                            view! { <p>{t!(i18n, home.no_articles)}</p> }.into_any()
                        }
                        Ok(list) => {
                            let items = list
                                .into_iter()
                                .map(|a| {
                                    view! {
                                        <li lang=a.locale.clone()>
                                            <A href=format!("/help/articles/{}", a.id)>{a.title}</A>
                                        </li>
                                    }
                                })
                                .collect_view();
                            view! { <ul class="articles">{items}</ul> }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
        <section class="cta">
            <h2>{t!(i18n, home.need_help)}</h2>
            <A href="/cases/new" attr:class="button primary">{t!(i18n, home.open_case)}</A>
        </section>
    }
}

#[component]
pub fn ArticlePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let article = Resource::new(
        move || {
            params
                .read()
                .get("id")
                .and_then(|id| id.parse::<i64>().ok())
        },
        |id| async move {
            match id {
                Some(id) => get_article(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match article.await {
                    Ok(a) => {
                        let paragraphs = a
                            .body
                            .split("\n\n")
                            .map(|p| view! { <p>{p.to_owned()}</p> })
                            .collect_view();
                        view! {
                            <Title text=a.title.clone() />
                            <article lang=a.locale>
                                <h1>{a.title}</h1>
                                <p class="meta">
                                    {t!(i18n, article.updated)} " " <Timestamp ms=a.updated_at />
                                </p>
                                {paragraphs}
                            </article>
                            <p><A href="/">{t!(i18n, article.back)}</A></p>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

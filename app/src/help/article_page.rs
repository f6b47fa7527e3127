//! An article: its body, type and last update, a Print button (the print
//! style sheet hides everything but the article), the other articles of its
//! folder, related articles, and "Was this article helpful?".

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::api::{get_article, VoteArticle};
use super::feedback::ArticleFeedback;
use super::parts::{country_label, folder_href, kind_label, ArticleList};
use super::Article;
use crate::error::AppError;
use crate::i18n::*;
use crate::time::Timestamp;
use crate::ui::forms::ErrorNotice;
use crate::ui::title::{PageDescription, PageTitle};

#[component]
pub fn ArticlePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let vote = ServerAction::<VoteArticle>::new();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
    };
    let article = crate::ui::data::resource(
        move || (id(), vote.version().get()),
        |(id, _)| async move {
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
                    Ok(a) => view! { <ArticleView a vote /> }.into_any(),
                    Err(error) => view! {
                        <PageTitle text=move || t_string!(i18n, errors.not_found).to_string() />
                        <ErrorNotice error />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
        <p class="back"><A href="/">{tr!(i18n, article.back)}</A></p>
    }
}

#[component]
fn ArticleView(a: Article, vote: ServerAction<VoteArticle>) -> impl IntoView {
    let i18n = use_i18n();
    let kind = a.kind;
    let place = match (a.country.clone(), a.product.clone(), a.folder) {
        (Some(c), Some(p), Some(folder)) => {
            let name = move || format!("{} · {p}", country_label(i18n, &c));
            Some(view! { <A href=folder_href(folder)>{name}</A> })
        }
        _ => None,
    };
    // Only staff get the feedback counts; they also get the editor.
    let edit = a.feedback.is_some().then(|| {
        let href = format!("/staff/articles/{}/edit", a.id);
        view! { <p class="staff-tools"><A href=href>{tr!(i18n, editor.edit_title)}</A></p> }
    });
    let aside = view! {
        <aside class="article-aside">
            {(!a.siblings.is_empty()).then(|| view! {
                <section aria-labelledby="folder-heading">
                    <h2 id="folder-heading">{tr!(i18n, help.in_folder)}</h2>
                    <ArticleList articles=a.siblings.clone() />
                </section>
            })}
            {(!a.related.is_empty()).then(|| view! {
                <section aria-labelledby="related-heading">
                    <h2 id="related-heading">{tr!(i18n, help.related)}</h2>
                    <ArticleList articles=a.related.clone() />
                </section>
            })}
        </aside>
    }
    .into_any();
    let header = view! {
        <h1>{a.title.clone()}</h1>
        <p class="meta">
            {move || kind_label(i18n, kind)}
            {place.map(|p| view! { " · " {p} })}
            " · " {tr!(i18n, article.updated)} " " <Timestamp ms=a.updated_at />
        </p>
        {(!a.published).then(|| view! { <p class="notice">{tr!(i18n, help.draft)}</p> })}
        {edit}
    }
    .into_any();
    let (title, summary) = (a.title.clone(), a.summary.clone());
    view! {
        <PageTitle text=move || title.clone() />
        <PageDescription text=move || summary.clone() />
        <div class="article-layout">
            <article lang=a.locale.clone() class="article">
                {header}
                <div class="article-body" inner_html=a.body_html.clone()></div>
                <button type="button" class="print-button" on:click=|_| { let _ = window().print(); }>
                    {tr!(i18n, help.print)}
                </button>
                <ArticleFeedback id=a.id my_vote=a.my_vote feedback=a.feedback.clone() vote />
            </article>
            {aside}
        </div>
    }
    .into_any()
}

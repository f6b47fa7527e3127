//! The staff's article editor: Markdown with a live preview rendered and
//! sanitized by the server (the same code as saving), and the article's
//! folder, type, language, status, tags and related articles.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::authoring::{
    article_for_edit, editor_choices, preview_article, DeleteArticle, SaveArticle,
};
use super::parts::{country_label, kind_label};
use super::{ArticleEdit, ArticleKind, EditorOptions};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::forms::{invalid, last_error, ErrorNotice, FieldError, FormError};
use crate::ui::settle::settled;
use crate::ui::title::PageTitle;
use crate::validate::{Field, MESSAGE_MAX, SUBJECT_MAX};

/// Typing pause before the preview is asked for.
const PAUSE: Duration = Duration::from_millis(300);

#[component]
pub fn NewArticlePage() -> impl IntoView {
    view! { <EditorLoader id=move || None /> }
}

#[component]
pub fn EditArticlePage() -> impl IntoView {
    let params = use_params_map();
    // An id that is not a number finds nothing, like a missing one.
    let id = move || {
        Some(
            params
                .read()
                .get("id")
                .and_then(|id| id.parse().ok())
                .unwrap_or(0),
        )
    };
    view! { <EditorLoader id /> }
}

#[component]
fn EditorLoader(id: impl Fn() -> Option<i64> + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let data = crate::ui::data::resource(id, |id| async move {
        let choices = editor_choices().await?;
        let article = match id {
            Some(id) => Some(article_for_edit(id).await?),
            None => None,
        };
        Ok::<_, AppError>((choices, article))
    });
    view! {
        <p class="back"><A href="/staff/articles">{tr!(i18n, editor.back)}</A></p>
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((choices, article)) => view! { <Editor choices article /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Editor(choices: EditorOptions, article: Option<ArticleEdit>) -> impl IntoView {
    let i18n = use_i18n();
    let new = article.is_none();
    let a = article.unwrap_or_else(|| ArticleEdit {
        id: 0,
        locale: super::parts::locale_code(i18n).to_string(),
        title: String::new(),
        body: String::new(),
        kind: ArticleKind::HowTo,
        published: false,
        tags: String::new(),
        folder: None,
        related: Vec::new(),
    });
    let id = a.id;
    let title = RwSignal::new(a.title);
    let body = RwSignal::new(a.body);
    let locale = RwSignal::new(a.locale);
    let kind = RwSignal::new(a.kind.as_str().to_string());
    let status = RwSignal::new(if a.published { "published" } else { "draft" }.to_string());
    let folder = RwSignal::new(a.folder.map(|f| f.to_string()).unwrap_or_default());
    let tags = RwSignal::new(a.tags);
    let related = RwSignal::new(a.related);
    let save = ServerAction::<SaveArticle>::new();
    let error = last_error(save.value());
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get() {
            navigate(&format!("/help/articles/{saved}"), Default::default());
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let article = ArticleEdit {
            id,
            locale: locale.get_untracked(),
            title: title.get_untracked(),
            body: body.get_untracked(),
            kind: ArticleKind::parse(&kind.get_untracked()).unwrap_or(ArticleKind::HowTo),
            published: status.get_untracked() == "published",
            tags: tags.get_untracked(),
            folder: folder.get_untracked().parse().ok(),
            related: related.get_untracked(),
        };
        save.dispatch(SaveArticle { article });
    };
    let heading = move || {
        if new {
            t_string!(i18n, editor.new_title)
        } else {
            t_string!(i18n, editor.edit_title)
        }
    };
    let fields = view! {
        <label for="article-title">{tr!(i18n, editor.title)}</label>
        <input id="article-title" required maxlength=SUBJECT_MAX bind:value=title
            aria-describedby="article-title-error" aria-invalid=invalid(error, Field::Subject) />
        <FieldError id="article-title-error" field=Field::Subject error />
        <Settings choices=choices.clone() locale kind status folder />
        <FieldError id="article-language-error" field=Field::Language error />
        <FieldError id="article-folder-error" field=Field::Folder error />
        <label for="article-tags">{tr!(i18n, editor.tags)}</label>
        <input id="article-tags" bind:value=tags maxlength=super::TAGS_MAX
            aria-describedby="article-tags-hint article-tags-error"
            aria-invalid=invalid(error, Field::Tags) />
        <p class="hint" id="article-tags-hint">{tr!(i18n, editor.tags_hint)}</p>
        <FieldError id="article-tags-error" field=Field::Tags error />
        <Related choices=choices.articles id related />
        <FieldError id="article-related-error" field=Field::Related error />
    }
    .into_any();
    view! {
        <PageTitle text=move || heading().to_string() />
        <h1>{heading}</h1>
        <form class="case-form editor" on:submit=submit>
            {fields}
            <div class="editor-panes">
                <div>
                    <label for="article-body">{tr!(i18n, editor.body)}</label>
                    <textarea id="article-body" rows="18" required maxlength=MESSAGE_MAX
                        bind:value=body aria-describedby="article-body-error"
                        aria-invalid=invalid(error, Field::Message)></textarea>
                    <FieldError id="article-body-error" field=Field::Message error />
                </div>
                <Preview body />
            </div>
            <FormError error />
            <button type="submit" class="primary" disabled=move || save.pending().get()>
                {tr!(i18n, editor.save)}
            </button>
        </form>
        {(!new).then(|| view! { <DeleteButton id /> })}
    }
    .into_any()
}

/// Language, type, status and folder.
#[component]
fn Settings(
    choices: EditorOptions,
    locale: RwSignal<String>,
    kind: RwSignal<String>,
    status: RwSignal<String>,
    folder: RwSignal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Each option says whether it is chosen: a `value` set on the select
    // before its options exist would be lost.
    let kinds = ArticleKind::ALL
        .into_iter()
        .map(|k| {
            view! {
                <option value=k.as_str() selected=move || kind.get() == k.as_str()>
                    {move || kind_label(i18n, k)}
                </option>
            }
        })
        .collect_view();
    let folders = choices
        .folders
        .into_iter()
        .map(|(id, country, product)| {
            let label = move || format!("{} · {product}", country_label(i18n, &country));
            let value = id.to_string();
            let chosen = value.clone();
            view! { <option value=value selected=move || folder.get() == chosen>{label}</option> }
        })
        .collect_view();
    let language = move |code: &'static str| move || locale.get() == code;
    let state = move |code: &'static str| move || status.get() == code;
    view! {
        <div class="editor-settings">
            <div>
                <label for="article-language">{tr!(i18n, editor.language)}</label>
                <select id="article-language" aria-describedby="article-language-error"
                    on:change=move |ev| locale.set(event_target_value(&ev))>
                    <option value="en" selected=language("en")>{tr!(i18n, languages.en)}</option>
                    <option value="es" selected=language("es")>{tr!(i18n, languages.es)}</option>
                    <option value="fr" selected=language("fr")>{tr!(i18n, languages.fr)}</option>
                </select>
            </div>
            <div>
                <label for="article-kind">{tr!(i18n, help.kind)}</label>
                <select id="article-kind"
                    on:change=move |ev| kind.set(event_target_value(&ev))>{kinds}</select>
            </div>
            <div>
                <label for="article-status">{tr!(i18n, editor.status)}</label>
                <select id="article-status"
                    on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="draft" selected=state("draft")>{tr!(i18n, editor.draft)}</option>
                    <option value="published" selected=state("published")>
                        {tr!(i18n, editor.published)}
                    </option>
                </select>
            </div>
            <div>
                <label for="article-folder">{tr!(i18n, editor.folder)}</label>
                <select id="article-folder" aria-describedby="article-folder-error"
                    on:change=move |ev| folder.set(event_target_value(&ev))>
                    <option value="" selected=move || folder.get().is_empty()>
                        {tr!(i18n, editor.no_folder)}
                    </option>
                    {folders}
                </select>
            </div>
        </div>
    }
}

/// Related articles: a list box where several can be chosen.
#[component]
fn Related(
    choices: Vec<(i64, String, String)>,
    id: i64,
    related: RwSignal<Vec<i64>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = related.get_untracked();
    let options = choices
        .into_iter()
        .filter(|(other, ..)| *other != id)
        .map(|(other, locale, title)| {
            view! {
                <option value=other.to_string() selected=chosen.contains(&other)>
                    {format!("{title} ({locale})")}
                </option>
            }
        })
        .collect_view();
    let on_change = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(select) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        else {
            return;
        };
        let picked = select.selected_options();
        let ids = (0..picked.length())
            .filter_map(|i| picked.item(i))
            .filter_map(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok())
            .filter_map(|o| o.value().parse().ok())
            .collect();
        related.set(ids);
    };
    view! {
        <label for="article-related">{tr!(i18n, editor.related)}</label>
        <select id="article-related" multiple size="6" on:change=on_change
            aria-describedby="article-related-hint article-related-error">
            {options}
        </select>
        <p class="hint" id="article-related-hint">{tr!(i18n, editor.related_hint)}</p>
    }
}

/// What readers will see, rendered by the server a moment after typing.
/// Only the answer to the latest text is shown, whatever order answers
/// come back in.
#[component]
fn Preview(body: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let text = settled(move || body.get(), PAUSE);
    let html = RwSignal::new(String::new());
    let asked = StoredValue::new(0u64);
    Effect::new(move |_| {
        let text = text.get();
        let n = asked.get_value() + 1;
        asked.set_value(n);
        if text.trim().is_empty() {
            html.set(String::new());
            return;
        }
        leptos::task::spawn_local(async move {
            let rendered = preview_article(text).await;
            if asked.try_get_value() == Some(n) {
                if let Ok(rendered) = rendered {
                    html.try_set(rendered);
                }
            }
        });
    });
    view! {
        <section class="preview" aria-labelledby="preview-heading" aria-live="polite">
            <h2 id="preview-heading">{tr!(i18n, editor.preview)}</h2>
            <div class="article-body" inner_html=move || html.get()></div>
        </section>
    }
}

#[component]
fn DeleteButton(id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let delete = ServerAction::<DeleteArticle>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            navigate("/staff/articles", Default::default());
        }
    });
    let error = last_error(delete.value());
    let click = move |_| {
        let sure = window()
            .confirm_with_message(t_string!(i18n, editor.confirm_delete))
            .unwrap_or(false);
        if sure {
            delete.dispatch(DeleteArticle { id });
        }
    };
    view! {
        <button type="button" class="danger" on:click=click>{tr!(i18n, editor.delete)}</button>
        <FormError error />
    }
}

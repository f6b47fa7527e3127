//! Search results (`/help/search?q=…&country=&product=&kind=&lang=`): a
//! plain GET page, so results and filters work before the wasm loads and a
//! link keeps them. Matches in snippets are highlighted.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::api::search_articles;
use super::parts::{country_label, kind_label, SearchBox};
use super::{ArticleKind, Hit, SearchQuery, COUNTRIES, MARK_END, MARK_START};
use crate::i18n::*;
use crate::ui::forms::ErrorNotice;
use crate::ui::title::PageTitle;

#[component]
pub fn SearchPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_query_map();
    let query = move || {
        let p = params.read();
        let get = |k: &str| p.get(k).unwrap_or_default();
        SearchQuery {
            q: get("q"),
            country: get("country"),
            product: get("product"),
            kind: get("kind"),
            lang: get("lang"),
        }
    };
    let hits = crate::ui::data::resource(query, search_articles);
    let results = move || {
        Suspend::new(async move {
            match hits.await {
                Ok(hits) if hits.is_empty() => {
                    view! { <p>{tr!(i18n, help.no_results)}</p> }.into_any()
                }
                Ok(hits) => {
                    let items = hits
                        .into_iter()
                        .map(|hit| view! { <HitView hit /> })
                        .collect_view();
                    view! { <ol class="hits">{items}</ol> }.into_any()
                }
                Err(error) => view! { <ErrorNotice error /> }.into_any(),
            }
        })
    };
    let q = query().q;
    view! {
        <PageTitle text=move || t_string!(i18n, help.results).to_string() />
        <h1>{tr!(i18n, help.results)}</h1>
        <SearchBox value=q />
        <div class="with-filters">
            <section aria-labelledby="hits-heading">
                <h2 id="hits-heading" class="visually-hidden">{tr!(i18n, help.results)}</h2>
                <Suspense>{results}</Suspense>
            </section>
            <Filters query=query() />
        </div>
    }
    .into_any()
}

#[component]
fn HitView(hit: Hit) -> impl IntoView {
    let i18n = use_i18n();
    let kind = hit.article.kind;
    let place = hit
        .country
        .map(|c| move || format!(" · {}", country_label(i18n, &c)));
    let product = hit.product.map(|p| format!(" · {p}"));
    view! {
        <li lang=hit.article.locale.clone()>
            <A href=hit.article.href()>{hit.article.title.clone()}</A>
            <p class="meta">{move || kind_label(i18n, kind)} {place} {product}</p>
            <p class="snippet">{highlighted(&hit.snippet)}</p>
        </li>
    }
}

/// The snippet as text with `<mark>` around the matches: the text itself is
/// never read as markup.
fn highlighted(snippet: &str) -> impl IntoView {
    let mut parts = Vec::new();
    for (i, piece) in snippet.split(MARK_START).enumerate() {
        match piece.split_once(MARK_END) {
            Some((hit, rest)) if i > 0 => {
                parts.push(view! { <mark>{hit.to_owned()}</mark> }.into_any());
                parts.push(rest.to_owned().into_any());
            }
            _ => parts.push(piece.replace(MARK_END, "").into_any()),
        }
    }
    parts
}

#[component]
fn Filters(query: SearchQuery) -> impl IntoView {
    let i18n = use_i18n();
    let countries = COUNTRIES
        .into_iter()
        .map(|c| view! { <option value=c selected=query.country == c>{move || country_label(i18n, c)}</option> })
        .collect_view();
    let kinds = ArticleKind::ALL
        .into_iter()
        .map(|k| view! { <option value=k.as_str() selected=query.kind == k.as_str()>{move || kind_label(i18n, k)}</option> })
        .collect_view();
    let name = move |code: &str| match code {
        "es" => t_string!(i18n, languages.es),
        "fr" => t_string!(i18n, languages.fr),
        _ => t_string!(i18n, languages.en),
    };
    let langs = ["en", "es", "fr"]
        .into_iter()
        .map(|code| view! { <option value=code lang=code selected=query.lang == code>{move || name(code)}</option> })
        .collect_view();
    view! {
        <form class="filters" method="get" action="/help/search" aria-labelledby="help-filters-heading">
            <h2 id="help-filters-heading">{tr!(i18n, filters.title)}</h2>
            <input type="hidden" name="q" value=query.q.clone() />
            <label for="filter-country">{tr!(i18n, help.country)}</label>
            <select id="filter-country" name="country">
                <option value="">{tr!(i18n, help.any_country)}</option>
                {countries}
            </select>
            <label for="filter-product">{tr!(i18n, help.product)}</label>
            <input id="filter-product" name="product" value=query.product.clone() maxlength="80" />
            <label for="filter-kind">{tr!(i18n, help.kind)}</label>
            <select id="filter-kind" name="kind">
                <option value="">{tr!(i18n, help.any_kind)}</option>
                {kinds}
            </select>
            <label for="filter-lang">{tr!(i18n, help.language)}</label>
            <select id="filter-lang" name="lang">
                <option value="">{tr!(i18n, help.any_language)}</option>
                {langs}
            </select>
            <button type="submit">{tr!(i18n, help.apply)}</button>
        </form>
    }
    .into_any()
}

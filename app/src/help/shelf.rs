//! Collection pages (a country's folders) and folder pages (a product's
//! articles), in the reader's language, rendered on the server.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::parts::{collection_href, country_label, locale_code, FolderSection, SearchBox};
use super::Shelf;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::forms::ErrorNotice;
use crate::ui::title::{PageDescription, PageTitle};

/// A collection (`folder` None) or one of its folders.
#[server(prefix = "/api", endpoint = "help/shelf")]
pub async fn help_shelf(
    country: String,
    folder: Option<i64>,
    locale: String,
) -> Result<Shelf, AppError> {
    use crate::state::{app_state, respond};
    let run =
        async { domain::help::store::shelf(&app_state()?.db, &country, folder, &locale).await };
    respond(run.await)
}

#[component]
pub fn CollectionPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || (params.read().get("country").unwrap_or_default(), None);
    view! { <ShelfPage key /> }
}

#[component]
pub fn FolderPage() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let id = params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok());
        // An id that is not a number finds nothing, like a missing one.
        (String::new(), Some(id.unwrap_or(0)))
    };
    view! { <ShelfPage key /> }
}

#[component]
fn ShelfPage(key: impl Fn() -> (String, Option<i64>) + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let shelf = crate::ui::data::resource(
        move || (key(), locale_code(i18n)),
        |((country, folder), locale)| help_shelf(country, folder, locale.to_string()),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match shelf.await {
                    Ok(shelf) => view! { <ShelfView shelf /> }.into_any(),
                    Err(error) => view! {
                        <PageTitle text=move || t_string!(i18n, errors.not_found).to_string() />
                        <ErrorNotice error />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ShelfView(shelf: Shelf) -> impl IntoView {
    let i18n = use_i18n();
    let country = shelf.country.clone();
    let country_name = move || country_label(i18n, &country);
    let title = {
        let country_name = country_name.clone();
        let product = shelf.product.clone();
        move || match &product {
            Some(p) => format!("{p} · {}", country_name()),
            None => country_name(),
        }
    };
    let description = {
        let title = title.clone();
        move || format!("{} {}", t_string!(i18n, help.shelf_description), title())
    };
    let crumbs = shelf.product.clone().map(|_| {
        let href = collection_href(&shelf.country);
        let name = country_name.clone();
        view! { <p class="back"><A href=href>{name}</A></p> }
    });
    let folders = if shelf.folders.is_empty() {
        view! { <p>{tr!(i18n, home.no_articles)}</p> }.into_any()
    } else {
        let whole = shelf.product.is_some();
        shelf
            .folders
            .into_iter()
            .map(|f| view! { <FolderSection folder=f heading=!whole /> })
            .collect_view()
            .into_any()
    };
    view! {
        <PageTitle text=title.clone() />
        <PageDescription text=description />
        <p class="back"><A href="/">{tr!(i18n, article.back)}</A></p>
        {crumbs}
        <h1>{title}</h1>
        <SearchBox />
        {folders}
    }
    .into_any()
}

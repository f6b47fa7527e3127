//! Collection pages (a country's folders) and folder pages (a product's
//! articles), in the reader's language, rendered on the server.

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::pages::{country_label, locale_code, ArticleList, SearchBox};
use super::{Folder, Shelf};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::forms::ErrorNotice;
use crate::ui::title::PageTitle;

/// A collection (`folder` None) or one of its folders.
#[server(prefix = "/api", endpoint = "help/shelf")]
pub async fn help_shelf(
    country: String,
    folder: Option<i64>,
    locale: String,
) -> Result<Shelf, AppError> {
    use super::store::{folders, Shelves, COLLECTION_PER_FOLDER, FOLDER_PAGE_MAX};
    use super::structure::{folder_place, has_collection};
    use crate::state::{app_state, respond};
    let run = async {
        let db = &app_state()?.db;
        let (country, product, per_folder) = match folder {
            Some(id) => {
                let (country, product) = folder_place(db, id).await?;
                (country, Some(product), FOLDER_PAGE_MAX)
            }
            None if has_collection(db, &country).await? => (country, None, COLLECTION_PER_FOLDER),
            None => return Err(AppError::NotFound),
        };
        let only = Shelves {
            country: Some(&country),
            folder,
            per_folder,
        };
        let folders = folders(db, &locale, only).await?;
        Ok(Shelf {
            country,
            product,
            folders,
        })
    };
    respond(run.await)
}

pub fn collection_href(country: &str) -> String {
    format!("/help/collections/{country}")
}

pub fn folder_href(id: i64) -> String {
    format!("/help/folders/{id}")
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
    let shelf = Resource::new(
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
        view! { <p>{t!(i18n, home.no_articles)}</p> }.into_any()
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
        <Meta name="description" content=description />
        <p class="back"><A href="/">{t!(i18n, article.back)}</A></p>
        {crumbs}
        <h1>{title}</h1>
        <SearchBox />
        {folders}
    }
    .into_any()
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
        {heading.then(|| view! { <h4><A href=href.clone()>{folder.product.clone()}</A></h4> })}
        <ArticleList articles=folder.articles />
        {(more > 0).then(|| view! {
            <p class="more"><A href=href>{t!(i18n, help.see_all, count = move || total)}</A></p>
        })}
    }
}

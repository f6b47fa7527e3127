//! The admin page of the help center: collections (countries) with their
//! folders (products), and the home-page banners. Plain forms, so every
//! change also posts without JavaScript.

use leptos::prelude::*;
use leptos_router::components::A;

use super::admin::*;
use super::parts::{banner_kind_label, country_label};
use super::{BannerRow, CollectionAdmin, BANNER_KINDS, BANNER_MAX, COUNTRIES, SEVERITIES};
use crate::error::AppError;
use crate::i18n::*;
use crate::time::Timestamp;
use crate::ui::forms::{last_error, AnyProblem, ErrorNotice, FieldError, FormError};
use crate::ui::title::PageTitle;
use crate::validate::Field;

#[component]
pub fn HelpAdminPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, help_admin.title).to_string() />
        <p class="back"><A href="/staff">{tr!(i18n, staff.back_to_list)}</A></p>
        <h1>{tr!(i18n, help_admin.title)}</h1>
        <Collections />
        <Banners />
    }
}

#[component]
fn Collections() -> impl IntoView {
    let i18n = use_i18n();
    let add = ServerAction::<AddCollection>::new();
    let remove = ServerAction::<RemoveCollection>::new();
    let add_folder = ServerAction::<AddFolder>::new();
    let rename = ServerAction::<RenameFolder>::new();
    let remove_folder = ServerAction::<RemoveFolder>::new();
    let actions = Actions {
        add_folder,
        rename,
        remove_folder,
        remove,
    };
    let list = crate::ui::data::resource(
        move || {
            (
                add.version().get(),
                remove.version().get(),
                add_folder.version().get(),
                rename.version().get(),
                remove_folder.version().get(),
            )
        },
        |_| help_collections(),
    );
    let errors = [
        last_error(add_folder.value()),
        last_error(rename.value()),
        last_error(remove_folder.value()),
        last_error(remove.value()),
    ];
    let add_error = last_error(add.value());
    view! {
        <section aria-labelledby="collections-heading">
            <h2 id="collections-heading">{tr!(i18n, help_admin.collections)}</h2>
            <p>{tr!(i18n, help_admin.collections_intro)}</p>
            {errors.map(|error| view! { <AnyProblem error /> })}
            <Transition>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(list) => {
                            let present: Vec<String> = list.iter().map(|c| c.country.clone()).collect();
                            view! {
                                {list.into_iter().map(|c| view! { <CollectionItem c actions /> }).collect_view()}
                                <AddCollectionForm add present error=add_error />
                            }
                            .into_any()
                        }
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
    .into_any()
}

#[derive(Clone, Copy)]
struct Actions {
    add_folder: ServerAction<AddFolder>,
    rename: ServerAction<RenameFolder>,
    remove_folder: ServerAction<RemoveFolder>,
    remove: ServerAction<RemoveCollection>,
}

#[component]
fn CollectionItem(c: CollectionAdmin, actions: Actions) -> impl IntoView {
    let i18n = use_i18n();
    let country = c.country.clone();
    let name = move || country_label(i18n, &country);
    let folders = c
        .folders
        .into_iter()
        .map(|f| {
            let rename_id = format!("rename-{}", f.id);
            let rename_label = format!("{} {}", t_string!(i18n, help_admin.rename), f.product);
            let remove_label = format!("{} {}", t_string!(i18n, help_admin.remove_folder), f.product);
            let count = f.articles;
            view! {
                <li>
                    <strong>{f.product.clone()}</strong> " · "
                    {t!(i18n, help_admin.article_count, count = move || count)}
                    <ActionForm action=actions.rename attr:class="inline-form">
                        <input type="hidden" name="id" value=f.id />
                        <label for=rename_id.clone() class="visually-hidden">{rename_label.clone()}</label>
                        <input id=rename_id name="product" required value=f.product.clone() />
                        <button type="submit" aria-label=rename_label>{tr!(i18n, help_admin.rename)}</button>
                    </ActionForm>
                    <ActionForm action=actions.remove_folder attr:class="inline-form">
                        <input type="hidden" name="id" value=f.id />
                        <button type="submit" aria-label=remove_label>{tr!(i18n, staff.remove)}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    let empty = folders.is_empty();
    let product_id = format!("new-folder-{}", c.country);
    let remove_label = {
        let name = name.clone();
        move || {
            format!(
                "{} {}",
                t_string!(i18n, help_admin.remove_collection),
                name()
            )
        }
    };
    view! {
        <article class="collection">
            <h3>{name.clone()}</h3>
            <ul class="folders">{folders}</ul>
            <ActionForm action=actions.add_folder attr:class="inline-form">
                <input type="hidden" name="collection" value=c.id />
                <label for=product_id.clone()>
                    {tr!(i18n, help_admin.new_folder)} " (" {name} ")"
                </label>
                <input id=product_id name="product" required
                    maxlength=crate::cases::record::SHORT_TEXT_MAX />
                <button type="submit">{tr!(i18n, help_admin.add_folder)}</button>
            </ActionForm>
            {empty.then(|| view! {
                <ActionForm action=actions.remove attr:class="inline-form">
                    <input type="hidden" name="id" value=c.id />
                    <button type="submit" aria-label=remove_label>
                        {tr!(i18n, help_admin.remove_collection)}
                    </button>
                </ActionForm>
            })}
        </article>
    }
    .into_any()
}

#[component]
fn AddCollectionForm(
    add: ServerAction<AddCollection>,
    present: Vec<String>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let missing: Vec<&str> = COUNTRIES
        .into_iter()
        .filter(|c| !present.iter().any(|p| p == c))
        .collect();
    (!missing.is_empty()).then(|| {
        let options = missing
            .into_iter()
            .map(|c| view! { <option value=c>{move || country_label(i18n, c)}</option> })
            .collect_view();
        view! {
            <ActionForm action=add attr:class="inline-form">
                <label for="new-collection">{tr!(i18n, help_admin.new_collection)}</label>
                <select id="new-collection" name="country">{options}</select>
                <button type="submit">{tr!(i18n, help_admin.add_collection)}</button>
            </ActionForm>
            <AnyProblem error />
        }
    })
}

#[component]
fn Banners() -> impl IntoView {
    let i18n = use_i18n();
    let add = ServerAction::<AddBanner>::new();
    let remove = ServerAction::<RemoveBanner>::new();
    let list = crate::ui::data::resource(
        move || (add.version().get(), remove.version().get()),
        |_| help_banners(),
    );
    view! {
        <section aria-labelledby="banners-heading">
            <h2 id="banners-heading">{tr!(i18n, help_admin.banners)}</h2>
            <p>{tr!(i18n, help_admin.banners_intro)}</p>
            <Transition>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(rows) if rows.is_empty() => {
                            view! { <p class="empty">{tr!(i18n, help_admin.no_banners)}</p> }.into_any()
                        }
                        Ok(rows) => view! { <BannerList rows remove /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Transition>
            <AddBannerForm add />
        </section>
    }
    .into_any()
}

fn severity_label(i18n: crate::ui::labels::I18n, severity: &str) -> String {
    match severity {
        "critical" => t_string!(i18n, help_admin.critical),
        "warning" => t_string!(i18n, help_admin.warning),
        _ => t_string!(i18n, help_admin.info),
    }
    .to_string()
}

#[component]
fn BannerList(rows: Vec<BannerRow>, remove: ServerAction<RemoveBanner>) -> impl IntoView {
    let i18n = use_i18n();
    let items = rows
        .into_iter()
        .map(|row| {
            let b = row.banner;
            let (kind, severity) = (b.kind.clone(), b.severity.clone());
            let label = format!("{} {}", t_string!(i18n, staff.remove), b.message);
            view! {
                <li>
                    <strong>{move || banner_kind_label(i18n, &kind)}</strong>
                    " · " {move || severity_label(i18n, &severity)} " · "
                    <Timestamp ms=b.starts_at /> " → " <Timestamp ms=b.ends_at />
                    <p>{b.message.clone()}</p>
                    <ActionForm action=remove attr:class="inline-form">
                        <input type="hidden" name="id" value=row.id />
                        <button type="submit" aria-label=label>{tr!(i18n, staff.remove)}</button>
                    </ActionForm>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="banners">{items}</ul> }
}

#[component]
fn AddBannerForm(add: ServerAction<AddBanner>) -> impl IntoView {
    let i18n = use_i18n();
    let error = last_error(add.value());
    let kinds = BANNER_KINDS
        .into_iter()
        .map(|k| view! { <option value=k>{move || banner_kind_label(i18n, k)}</option> })
        .collect_view();
    let severities = SEVERITIES
        .into_iter()
        .map(|s| view! { <option value=s>{move || severity_label(i18n, s)}</option> })
        .collect_view();
    view! {
        <h3>{tr!(i18n, help_admin.add_banner)}</h3>
        <ActionForm action=add attr:class="case-form">
            <label for="banner-kind">{tr!(i18n, help_admin.banner_kind)}</label>
            <select id="banner-kind" name="kind">{kinds}</select>
            <label for="banner-severity">{tr!(i18n, help_admin.severity)}</label>
            <select id="banner-severity" name="severity">{severities}</select>
            <label for="banner-message">{tr!(i18n, help_admin.message)}</label>
            <textarea id="banner-message" name="message" rows="3" required maxlength=BANNER_MAX
                aria-describedby="banner-message-error"></textarea>
            <FieldError id="banner-message-error" field=Field::BannerText error />
            <label for="banner-starts">{tr!(i18n, help_admin.starts)}</label>
            <input id="banner-starts" name="starts" type="datetime-local" required />
            <label for="banner-ends">{tr!(i18n, help_admin.ends)}</label>
            <input id="banner-ends" name="ends" type="datetime-local" required
                aria-describedby="banner-window-error" />
            <FieldError id="banner-window-error" field=Field::Window error />
            <FormError error />
            <button type="submit" class="primary">{tr!(i18n, help_admin.add_banner)}</button>
        </ActionForm>
    }
    .into_any()
}

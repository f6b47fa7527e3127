//! The staff's list of articles, drafts included, last edited first, with
//! "New article" and an "Edit" link on each row.

use leptos::prelude::*;
use leptos_router::components::A;

use super::authoring::staff_articles;
use super::parts::{country_label, kind_label};
use super::StaffArticle;
use crate::i18n::*;
use crate::time::Timestamp;
use crate::ui::forms::ErrorNotice;
use crate::ui::title::PageTitle;

#[component]
pub fn StaffArticlesPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = crate::ui::data::resource(|| (), |_| staff_articles());
    view! {
        <PageTitle text=move || t_string!(i18n, editor.articles).to_string() />
        <p class="back"><A href="/staff">{tr!(i18n, staff.back_to_list)}</A></p>
        <div class="page-head">
            <h1>{tr!(i18n, editor.articles)}</h1>
            <div class="actions">
                <A href="/staff/articles/new" attr:class="button primary">
                    {tr!(i18n, editor.new_title)}
                </A>
            </div>
        </div>
        <Suspense>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(rows) if rows.is_empty() => {
                        view! { <p class="empty">{tr!(i18n, home.no_articles)}</p> }.into_any()
                    }
                    Ok(rows) => view! { <ArticleTable rows /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ArticleTable(rows: Vec<StaffArticle>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = rows
        .into_iter()
        .map(|row| {
            let a = row.article;
            let kind = a.kind;
            let place = match (row.country, row.product) {
                (Some(c), Some(p)) => Some(move || format!("{} · {p}", country_label(i18n, &c))),
                _ => None,
            };
            let edit_label = format!("{} {}", t_string!(i18n, editor.edit), a.title);
            let status = row.published;
            view! {
                <tr>
                    <td lang=a.locale.clone()><A href=a.href()>{a.title.clone()}</A></td>
                    <td>{a.locale.clone()}</td>
                    <td>{move || kind_label(i18n, kind)}</td>
                    <td>{place.map(|p| p.into_any()).unwrap_or_else(|| {
                        tr!(i18n, editor.no_folder).into_any()
                    })}</td>
                    <td>{move || if status {
                        t_string!(i18n, editor.published)
                    } else {
                        t_string!(i18n, editor.draft)
                    }}</td>
                    <td><Timestamp ms=a.updated_at /></td>
                    <td>
                        <A href=format!("/staff/articles/{}/edit", a.id) attr:aria-label=edit_label>
                            {tr!(i18n, editor.edit)}
                        </A>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="articles-table">
            <thead>
                <tr>
                    <th scope="col">{tr!(i18n, editor.title)}</th>
                    <th scope="col">{tr!(i18n, editor.language)}</th>
                    <th scope="col">{tr!(i18n, help.kind)}</th>
                    <th scope="col">{tr!(i18n, editor.folder)}</th>
                    <th scope="col">{tr!(i18n, editor.status)}</th>
                    <th scope="col">{tr!(i18n, editor.updated)}</th>
                    <th scope="col"><span class="visually-hidden">{tr!(i18n, editor.edit)}</span></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

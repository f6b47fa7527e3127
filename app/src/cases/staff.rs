//! The staff workspace: the rail of views, then the cases of the chosen
//! view (every case by default), last updated first.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use super::api::{staff_cases, status_counts};
use super::filter_panel::{use_case_query, FilterPanel};
use super::list::CaseList;
use crate::auth::context::use_auth;
use crate::auth::Role;
use crate::i18n::*;
use crate::ui::labels;
use crate::ui::settle::throttled;
use crate::ui::title::PageTitle;
use crate::workspace::bulk_bar::{BulkBar, Picked};
use crate::workspace::live::use_live;
use crate::workspace::rail::{view_label, ViewRail};
use crate::workspace::View;

#[component]
pub fn StaffPage() -> impl IntoView {
    crate::cases::case_types::provide_case_types();
    let i18n = use_i18n();
    let auth = use_auth();
    let query = use_case_query();
    let live = use_live().any();
    let done = RwSignal::new(0usize);
    Picked::provide();
    crate::workspace::columns::provide_staff_columns();
    let cases = crate::ui::data::resource(
        move || (query.get(), live.get(), done.get()),
        |(q, _, _)| staff_cases(q),
    );
    let on_done = Callback::new(move |_| done.update(|n| *n += 1));
    let current = Signal::derive(move || View::parse(&query.read().view));
    // The counts reload with each list shown and each change heard.
    let refresh = Signal::derive(move || {
        query.track();
        live.get() as usize + done.get()
    });
    // Saved views are counted afresh, a query each: changes heard live
    // recount them at most every 15 s, the page's own at once.
    let live_slowly = throttled(move || live.get(), Duration::from_secs(15));
    let recount = Signal::derive(move || {
        query.track();
        live_slowly.get() as usize + done.get()
    });
    let heading = move || match current.get() {
        Some(v) => view_label(i18n, v),
        None => t_string!(i18n, staff.all_cases).to_string(),
    };
    let head = view! {
        <div class="page-head">
            <h1>{tr!(i18n, staff.title)}</h1>
            <div class="actions">
                <Transition>
                    {move || Suspend::new(async move {
                        let admin = matches!(auth.user.await, Ok(Some(u)) if u.role == Role::Admin);
                        admin.then(|| view! {
                            <A href="/staff/users">{tr!(i18n, workspace.users)}</A>
                            <A href="/staff/departments">{tr!(i18n, workspace.departments)}</A>
                            <A href="/staff/service-levels">{tr!(i18n, workspace.service_levels)}</A>
                            <A href="/staff/self-help">{tr!(i18n, staff.self_help)}</A>
                            <A href="/staff/help-center">{tr!(i18n, help_admin.title)}</A>
                            <A href="/staff/outbox">{tr!(i18n, mail.outbox)}</A>
                            <A href="/staff/settings">{tr!(i18n, settings.title)}</A>
                        })
                    })}
                </Transition>
                <A href="/staff/chats">{tr!(i18n, chat.chats)}</A>
                <A href="/staff/canned">{tr!(i18n, canned.title)}</A>
                <A href="/staff/articles">{tr!(i18n, editor.articles)}</A>
                <A href="/staff/cases/new" attr:class="button primary">{tr!(i18n, staff.open_for)}</A>
            </div>
        </div>
    }
    .into_any();
    let list = view! {
        <h2>{heading}</h2>
        <BulkBar query on_done />
        <div class="list">
            <CaseList cases query />
        </div>
    }
    .into_any();
    view! {
        <PageTitle text=move || t_string!(i18n, staff.title).to_string() />
        <crate::chat::alert::ChatAlert />
        <div class="workspace">
            // Views and filters share the side column: the list gets the
            // rest of the width.
            <div class="workspace-side">
                <ViewRail current refresh recount />
                <FilterPanel query search=use_location().search for_staff=true />
            </div>
            <div class="workspace-main">
                {head}
                <StatusCounts />
                {list}
            </div>
        </div>
    }
}

/// Cases per status, from the kept counts; each links to the filtered list.
#[component]
fn StatusCounts() -> impl IntoView {
    let i18n = use_i18n();
    let counts = crate::ui::data::resource(|| (), |_| status_counts());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                counts.await.ok().map(|counts| {
                    let items = counts
                        .into_iter()
                        .map(|(s, n)| view! {
                            <li>
                                <A href=format!("/staff?status={}", s.as_str())>
                                    {move || labels::status(i18n, s, true)} ": " <strong>{n}</strong>
                                </A>
                            </li>
                        })
                        .collect_view();
                    view! {
                        <section class="counts" aria-labelledby="counts-heading">
                            <h2 id="counts-heading" class="visually-hidden">{tr!(i18n, staff.counts)}</h2>
                            <ul>{items}</ul>
                        </section>
                    }
                })
            })}
        </Suspense>
    }
}

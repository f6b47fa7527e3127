//! The case table shared by "My cases" and the staff workspace. The case
//! number and the envelope at the row's end open the case in place: its
//! whole history and a reply box (PRODUCT.md §3.2). Without JavaScript the
//! number is a plain link to the case page. The server renders customers'
//! tables (`my_part`), whose openers (`data-opens`) `in_place` handles.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;

use super::api::get_case;
use super::case_type::CaseTypeInfo;
use super::case_types::label;
use super::conversation::{Conversation, ReplyForm};
use super::CaseSummary;
use crate::i18n::*;
use crate::time::Timestamp;
use crate::ui::forms::ErrorNotice;
use crate::ui::labels;

/// The cells only staff see, provided by the staff list
/// (`workspace::columns`) and called through these pointers, so that "My
/// cases" carries none of their code.
#[derive(Clone, Copy)]
pub struct StaffColumns {
    /// The row's class (how near its service-level deadline it is).
    pub row_class: fn(&CaseSummary) -> &'static str,
    /// The checkbox cell before the number.
    pub pick: fn(i64) -> AnyView,
    /// The cells after the subject (the requester).
    pub after_subject: fn(&CaseSummary) -> AnyView,
    /// The cells after the status (assignee, time left, last update).
    pub after_status: fn(&CaseSummary, i64) -> AnyView,
}

#[component]
pub fn CaseRows(
    rows: Vec<CaseSummary>,
    for_staff: bool,
    now: i64,
    /// The case types, to name each row's (customers' table only).
    types: Arc<[CaseTypeInfo]>,
) -> AnyView {
    let i18n = use_i18n();
    let staff = use_context::<StaffColumns>().filter(|_| for_staff);
    // Headers and cells follow the same columns.
    let for_staff = staff.is_some();
    // Staff read a dense list: one line per case.
    let columns = if for_staff { 9 } else { 8 };
    let rows = rows
        .into_iter()
        .map(|c| view! { <CaseRow c staff columns now types=types.clone() /> }.into_any())
        .collect_view();
    view! {
        <table class="cases" class:dense=for_staff>
            <thead>
                <tr>
                    {for_staff.then(|| view! { <th scope="col"><span class="visually-hidden">{tr!(i18n, workspace.select)}</span></th> })}
                    <th scope="col">{tr!(i18n, cases.number)}</th>
                    <th scope="col">{tr!(i18n, cases.subject)}</th>
                    {for_staff.then(|| view! { <th scope="col">{tr!(i18n, cases.requester)}</th> })}
                    {(!for_staff).then(|| view! { <th scope="col">{tr!(i18n, cases.type_label)}</th> })}
                    <th scope="col">{tr!(i18n, cases.status)}</th>
                    {for_staff.then(|| view! {
                        <th scope="col">{tr!(i18n, workspace.assignee)}</th>
                        <th scope="col">{tr!(i18n, workspace.time_left)}</th>
                    })}
                    {(!for_staff).then(|| view! {
                        <th scope="col">{tr!(i18n, cases.origin)}</th>
                        <th scope="col">{tr!(i18n, cases.created)}</th>
                    })}
                    <th scope="col">{tr!(i18n, cases.last_update)}</th>
                    <th scope="col"><span class="visually-hidden">{tr!(i18n, cases.conversation)}</span></th>
                </tr>
            </thead>
            {rows}
        </table>
    }
    .into_any()
}

/// One case: its row, and when open, a second row with the conversation.
/// Each case is its own `<tbody>` so the pair stays together.
#[component]
fn CaseRow(
    c: CaseSummary,
    staff: Option<StaffColumns>,
    columns: usize,
    now: i64,
    types: Arc<[CaseTypeInfo]>,
) -> AnyView {
    let i18n = use_i18n();
    let for_staff = staff.is_some();
    let open = RwSignal::new(false);
    let number = c.number;
    let href = format!("/cases/{number}");
    let panel_id = format!("case-{number}-inline");
    let toggle = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        open.update(|o| *o = !*o);
    };
    let expanded = move || if open.get() { "true" } else { "false" };
    let envelope_label = move || format!("{} {number}", t_string!(i18n, cases.expand));
    // A dense row cuts long subjects: the whole one shows on hover.
    let hover = for_staff.then(|| c.subject.clone());
    let row_class = staff.map_or("", |s| (s.row_class)(&c));
    let (after_subject, after_status) = match staff {
        Some(s) => ((s.after_subject)(&c), (s.after_status)(&c, now)),
        None => (
            {
                let key = c.case_type.clone();
                view! { <td>{move || label(i18n, &types, &key)}</td> }.into_any()
            },
            view! {
                <td>{move || labels::origin(i18n, c.origin)}</td>
                <td><Timestamp ms=c.created_at /></td>
                <td><Timestamp ms=c.updated_at /></td>
            }
            .into_any(),
        ),
    };
    view! {
        <tbody>
            <tr class:unread=c.unread class=row_class>
                {staff.map(|s| (s.pick)(number))}
                <td>
                    <a href=href.clone() on:click=toggle aria-expanded=expanded aria-controls=panel_id.clone()
                        data-opens=number>
                        {number}
                    </a>
                </td>
                <td class="subject">
                    <a href=href title=hover>{c.subject.clone()}</a>
                    <Show when=move || c.unread>
                        " "
                        <span class="badge">{tr!(i18n, cases.answered)}</span>
                    </Show>
                </td>
                {after_subject}
                <td>{move || labels::status(i18n, c.status, for_staff)}</td>
                {after_status}
                <td>
                    <button type="button" class="icon" on:click=toggle aria-expanded=expanded
                        aria-controls=panel_id aria-label=envelope_label data-opens=number>
                        "✉"
                    </button>
                </td>
            </tr>
            <Show when=move || open.get()>{move || inline_row(number, for_staff, columns)}</Show>
        </tbody>
    }
    .into_any()
}

/// The row under an opened case, its content loading.
pub fn inline_row(number: i64, for_staff: bool, columns: usize) -> AnyView {
    let i18n = use_i18n();
    let load = use_context::<InlineLoader>();
    view! {
        <tr class="inline-case" id=format!("case-{number}-inline")>
            <td colspan=columns>
                <Suspense fallback=move || view! { <p>{tr!(i18n, cases.loading)}</p> }>
                    {move || load.map(|load| Suspend::new((load.0)(number, for_staff)))}
                </Suspense>
            </td>
        </tr>
    }
    .into_any()
}

/// Loads an opened row's content ([`inline_case`]). The shell takes it
/// from the case pages' group: the conversation and the reply box arrive
/// when a row is first opened, with the case page customers open next, and
/// "My cases" loads neither. (A lazy function of its own was one more
/// group: 5 more chunks for "My cases".)
#[derive(Clone, Copy)]
pub struct InlineLoader(pub fn(i64, bool) -> Loading);

/// An opened row's content on its way.
pub type Loading = Pin<Box<dyn Future<Output = AnyView> + Send>>;

/// An opened row's content, for [`InlineLoader`].
pub fn inline_case(number: i64, for_staff: bool) -> AnyView {
    view! { <InlineCase number for_staff /> }.into_any()
}

/// The case's history and reply box, loaded when the row opens.
#[component]
fn InlineCase(number: i64, for_staff: bool) -> impl IntoView {
    let i18n = use_i18n();
    let sent = RwSignal::new(0usize);
    let replied = RwSignal::new(false);
    let on_sent = Callback::new(move |_| sent.update(|n| *n += 1));
    let case = crate::ui::data::resource(move || sent.get(), move |_| get_case(number, None));
    view! {
        <Transition fallback=move || view! { <p>{tr!(i18n, cases.loading)}</p> }>
            {move || Suspend::new(async move {
                match case.await {
                    Ok(case) => {
                        let final_ = case.status.is_final();
                        view! {
                            <Conversation messages=case.messages />
                            {(!final_).then(|| view! {
                                <ReplyForm number on_sent sent=replied id=format!("reply-{number}") staff=for_staff />
                            })}
                            <p>
                                <A href=format!("/cases/{number}")>{tr!(i18n, cases.open_full)}</A>
                            </p>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

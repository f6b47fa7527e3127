//! The rail of views beside the staff list: each view with its kept count,
//! the current one marked. Plain links, so it works before the wasm loads.

use leptos::prelude::*;
use leptos_router::components::A;

use super::api::view_counts;
use super::saved_views::SavedViews;
use super::{View, BREACHED_COUNT_CAP};
use crate::i18n::*;
use crate::ui::labels::I18n;

/// A view's name, as the rail and the page heading show it.
pub fn view_label(i18n: I18n, view: View) -> String {
    match view {
        View::Unassigned => t_string!(i18n, workspace.view_unassigned),
        View::Mine => t_string!(i18n, workspace.view_mine),
        View::Open => t_string!(i18n, workspace.view_open),
        View::Breached => t_string!(i18n, workspace.view_breached),
        View::Waiting => t_string!(i18n, workspace.view_waiting),
        View::Referred => t_string!(i18n, workspace.view_referred),
        View::Resolved => t_string!(i18n, workspace.view_resolved),
        View::Closed => t_string!(i18n, workspace.view_closed),
        View::Mentions => t_string!(i18n, workspace.view_mentions),
    }
    .to_string()
}

/// `current`: the view in the URL, if any. `refresh` reloads the counts
/// (after a change made on this page or heard), `recount` the saved views'.
#[component]
pub fn ViewRail(
    current: Signal<Option<View>>,
    refresh: Signal<usize>,
    recount: Signal<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let counts = crate::ui::data::resource(move || refresh.get(), |_| view_counts());
    let items = move |counts: Vec<super::ViewCount>| {
        View::ALL
            .into_iter()
            .map(|view| {
                // Breached cases are counted up to a cap: past it, "1000+".
                let n = counts.iter().find(|c| c.view == view).map(|c| match c.n {
                    n if view == View::Breached && n >= BREACHED_COUNT_CAP => format!("{n}+"),
                    n => n.to_string(),
                });
                let here = move || (current.get() == Some(view)).then_some("page");
                view! {
                    <li>
                        <A href=format!("/staff?view={}", view.as_str()) attr:aria-current=here>
                            <span class="view-name">{move || view_label(i18n, view)}</span>
                            <span class="view-count">{n}</span>
                        </A>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <nav class="rail" aria-label=tr!(i18n, workspace.views)>
            <ul>
                <li>
                    <A href="/staff" attr:aria-current=move || current.get().is_none().then_some("page")>
                        <span class="view-name">{tr!(i18n, staff.all_cases)}</span>
                    </A>
                </li>
                <Transition>
                    {move || Suspend::new(async move {
                        counts.await.ok().map(items)
                    })}
                </Transition>
            </ul>
            <SavedViews refresh=recount />
        </nav>
    }
}

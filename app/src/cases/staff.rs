//! The staff workspace: every case, last updated first.

use leptos::prelude::*;
use leptos_meta::Title;

use super::api::staff_cases;
use super::filter_panel::{use_case_query, FilterPanel};
use super::list::CaseList;
use crate::i18n::*;

#[component]
pub fn StaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_case_query();
    let cases = Resource::new(move || query.get(), staff_cases);
    view! {
        <Title text=move || t_string!(i18n, staff.title).to_string() />
        <h1>{t!(i18n, staff.title)}</h1>
        <h2>{t!(i18n, staff.all_cases)}</h2>
        <div class="with-filters">
            <div class="list">
                <CaseList cases query for_staff=true />
            </div>
            <FilterPanel query for_staff=true />
        </div>
    }
}

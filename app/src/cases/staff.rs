//! The staff workspace: every case, last updated first.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use super::api::staff_cases;
use super::list::CaseTable;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::forms::ErrorNotice;

#[component]
pub fn StaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let cases = Resource::new(|| (), |_| staff_cases());
    view! {
        <Title text=move || t_string!(i18n, staff.title).to_string() />
        <h1>{t!(i18n, staff.title)}</h1>
        <h2>{t!(i18n, staff.all_cases)}</h2>
        <Suspense>
            {move || Suspend::new(async move {
                match cases.await {
                    Ok(rows) if rows.is_empty() => {
                        view! { <p class="empty">{t!(i18n, staff.empty)}</p> }.into_any()
                    }
                    Ok(rows) => view! { <CaseTable rows for_staff=true /> }.into_any(),
                    Err(AppError::SignInRequired) => {
                        view! { <Redirect path="/signin?next=/staff" /> }.into_any()
                    }
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

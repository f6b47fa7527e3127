//! The admin page of service levels: per priority, the hours within which
//! staff answer first and resolve. One plain form per priority, so each
//! saves without JavaScript too.

use leptos::prelude::*;
use leptos_router::components::A;

use super::api::{sla_targets, SaveSlaTarget};
use super::{hours_text, SlaTarget};
use crate::i18n::*;
use crate::ui::forms::{last_error, AnyProblem, ErrorNotice};
use crate::ui::labels;
use crate::ui::title::PageTitle;

#[component]
pub fn ServiceLevelsPage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveSlaTarget>::new();
    let targets = crate::ui::data::resource(move || save.version().get(), |_| sla_targets());
    let error = last_error(save.value());
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    view! {
        <PageTitle text=move || t_string!(i18n, workspace.service_levels).to_string() />
        <p class="back"><A href="/staff">{tr!(i18n, staff.back_to_list)}</A></p>
        <h1>{tr!(i18n, workspace.service_levels)}</h1>
        <p>{tr!(i18n, workspace.service_levels_intro)}</p>
        <AnyProblem error />
        <Show when=saved>
            <p class="notice success" role="status">{tr!(i18n, workspace.targets_saved)}</p>
        </Show>
        <Transition>
            {move || Suspend::new(async move {
                match targets.await {
                    Ok(targets) => targets
                        .into_iter()
                        .rev()
                        .map(|target| view! { <TargetForm target save /> })
                        .collect_view()
                        .into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// One priority's two targets.
#[component]
fn TargetForm(target: SlaTarget, save: ServerAction<SaveSlaTarget>) -> impl IntoView {
    let i18n = use_i18n();
    let p = target.priority.as_str();
    let (first_id, resolution_id) = (format!("sla-{p}-first"), format!("sla-{p}-resolution"));
    let (first_for, resolution_for) = (first_id.clone(), resolution_id.clone());
    let priority = target.priority;
    view! {
        <ActionForm action=save attr:class="sla-target">
            <fieldset>
                <legend>{move || labels::priority(i18n, priority)}</legend>
                <input type="hidden" name="priority" value=p />
                <label for=first_for>{tr!(i18n, workspace.first_response_hours)}</label>
                <input id=first_id name="first_response" inputmode="decimal"
                    value=hours_text(target.first_response_ms) />
                <label for=resolution_for>{tr!(i18n, workspace.resolution_hours)}</label>
                <input id=resolution_id name="resolution" inputmode="decimal"
                    value=hours_text(target.resolution_ms) />
                <button type="submit">{tr!(i18n, workspace.save_targets)}</button>
            </fieldset>
        </ActionForm>
    }
}

//! The admin settings page: the automatic-close waits and the case types
//! (each with its three labels). Plain forms, so each saves without
//! JavaScript too.

use leptos::prelude::*;
use leptos_router::components::A;

use super::hours_text;
use super::settings_api::{
    close_waits, AddCaseType, RelabelCaseType, SaveCloseTimes, SetCaseTypeActive,
};
use crate::cases::case_types::use_case_types;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::forms::{invalid, last_error, AnyProblem, ErrorNotice, FieldError, FormError};
use crate::ui::title::PageTitle;
use crate::validate::Field;
use model::cases::case_type::{CaseType, CaseTypeInfo, LABEL_MAX};

#[component]
pub fn SettingsPage() -> impl IntoView {
    crate::cases::case_types::provide_case_types();
    let i18n = use_i18n();
    view! {
        <PageTitle text=move || t_string!(i18n, settings.title).to_string() />
        <p class="back"><A href="/staff">{tr!(i18n, staff.back_to_list)}</A></p>
        <h1>{tr!(i18n, settings.title)}</h1>
        <CloseTimesForm />
        <crate::chat::hours_form::BusinessHoursForm />
        <crate::chat::hours_form::ChatLimitsForm />
        <CaseTypesPart />
    }
}

#[component]
fn CloseTimesForm() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveCloseTimes>::new();
    let times = crate::ui::data::resource(move || save.version().get(), |_| close_waits());
    let error = last_error(save.value());
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    let input = move |id: &'static str, name: &'static str, field: Field, ms: i64| {
        let error_id = format!("{id}-error");
        view! {
            <input id=id name=name inputmode="decimal" required value=hours_text(Some(ms))
                aria-describedby=error_id.clone() aria-invalid=invalid(error, field) />
            <FieldError id=error_id field error />
        }
    };
    view! {
        <section aria-labelledby="closes-heading">
            <h2 id="closes-heading">{tr!(i18n, settings.closes_heading)}</h2>
            <p>{tr!(i18n, settings.closes_intro)}</p>
            <Show when=saved>
                <p class="notice success" role="status">{tr!(i18n, settings.closes_saved)}</p>
            </Show>
            <Transition>
                {move || Suspend::new(async move {
                    match times.await {
                        Ok(t) => view! {
                            <ActionForm action=save attr:class="case-form">
                                <label for="close-reply">{tr!(i18n, settings.close_awaiting_reply)}</label>
                                {input("close-reply", "awaiting_reply", Field::CloseAwaitingReply, t.awaiting_reply_ms)}
                                <label for="close-confirmation">{tr!(i18n, settings.close_awaiting_confirmation)}</label>
                                {input("close-confirmation", "awaiting_confirmation", Field::CloseAwaitingConfirmation, t.awaiting_confirmation_ms)}
                                <label for="close-resolved">{tr!(i18n, settings.close_resolved)}</label>
                                {input("close-resolved", "resolved", Field::CloseResolved, t.resolved_ms)}
                                <div class="actions">
                                    <button type="submit" class="primary">{tr!(i18n, settings.save_closes)}</button>
                                </div>
                            </ActionForm>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[derive(Clone, Copy)]
struct TypeActions {
    relabel: ServerAction<RelabelCaseType>,
    active: ServerAction<SetCaseTypeActive>,
}

#[component]
fn CaseTypesPart() -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = use_case_types().0;
    let add = ServerAction::<AddCaseType>::new();
    let actions = TypeActions {
        relabel: ServerAction::new(),
        active: ServerAction::new(),
    };
    // Every page's selects read the shared catalogue: refresh it after a
    // change succeeds.
    let done = move |v: Option<Result<(), AppError>>| matches!(v, Some(Ok(())));
    // (Each value is read every time, so the effect follows all three.)
    Effect::new(move |_| {
        let changed = [
            done(add.value().get()),
            done(actions.relabel.value().get()),
            done(actions.active.value().get()),
        ];
        if changed.contains(&true) {
            catalogue.refetch();
        }
    });
    let add_error = last_error(add.value());
    let errors = [
        last_error(actions.relabel.value()),
        last_error(actions.active.value()),
    ];
    let saved = move || done(actions.relabel.value().get()) || done(actions.active.value().get());
    view! {
        <section aria-labelledby="types-heading">
            <h2 id="types-heading">{tr!(i18n, settings.types_heading)}</h2>
            <p>{tr!(i18n, settings.types_intro)}</p>
            {errors.map(|error| view! { <AnyProblem error /> })}
            <Show when=saved>
                <p class="notice success" role="status">{tr!(i18n, settings.types_saved)}</p>
            </Show>
            <Transition>
                {move || Suspend::new(async move {
                    match catalogue.await {
                        Ok(types) => types
                            .into_iter()
                            .map(|info| view! { <TypeForm info actions /> })
                            .collect_view()
                            .into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Transition>
            <h3>{tr!(i18n, settings.add_type)}</h3>
            <ActionForm action=add attr:class="case-form">
                <LabelInputs prefix="new-type".into() labels=Default::default() error=add_error />
                <FieldError id="new-type-error" field=Field::CaseType error=add_error />
                <FormError error=add_error />
                <div class="actions">
                    <button type="submit" class="primary">{tr!(i18n, settings.add_type)}</button>
                </div>
            </ActionForm>
        </section>
    }
}

/// One type: its labels to edit, and taking it out of use or back.
#[component]
fn TypeForm(info: CaseTypeInfo, actions: TypeActions) -> impl IntoView {
    let i18n = use_i18n();
    let key = info.key.as_str().to_owned();
    let legend = info.labels[0].clone();
    let no_error = Signal::stored(None);
    let (toggle_key, name) = (key.clone(), legend.clone());
    let toggle = (info.key != CaseType::OTHER).then(move || {
        let active = info.active;
        let value = if active { "false" } else { "true" };
        let label = move || {
            let verb = if active {
                t_string!(i18n, settings.retire)
            } else {
                t_string!(i18n, settings.restore)
            };
            format!("{verb}: {name}")
        };
        view! {
            <ActionForm action=actions.active attr:class="inline">
                <input type="hidden" name="key" value=toggle_key />
                <input type="hidden" name="active" value=value />
                <button type="submit">{label}</button>
            </ActionForm>
        }
    });
    let state = (!info.active)
        .then(|| view! { " " <span class="out-of-use">{tr!(i18n, settings.out_of_use)}</span> });
    view! {
        <fieldset class="case-type">
            <legend>{legend.clone()} {state}</legend>
            <ActionForm action=actions.relabel attr:class="case-form">
                <input type="hidden" name="key" value=key.clone() />
                <LabelInputs prefix=format!("type-{key}") labels=info.labels.clone() error=no_error />
                <div class="actions">
                    <button type="submit">{tr!(i18n, settings.save_labels)}</button>
                </div>
            </ActionForm>
            {toggle}
        </fieldset>
    }
}

/// The three labels' inputs, ids starting with `prefix`.
#[component]
fn LabelInputs(
    prefix: String,
    labels: [String; 3],
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let fields = [
        ("en", "label_en", Field::LabelEn),
        ("es", "label_es", Field::LabelEs),
        ("fr", "label_fr", Field::LabelFr),
    ];
    fields
        .into_iter()
        .zip(labels)
        .map(|((lang, name, field), value)| {
            let id = format!("{prefix}-{lang}");
            let error_id = format!("{id}-error");
            let text = move || match lang {
                "en" => t_string!(i18n, settings.label_en),
                "es" => t_string!(i18n, settings.label_es),
                _ => t_string!(i18n, settings.label_fr),
            };
            view! {
                <label for=id.clone()>{text}</label>
                <input id=id name=name required maxlength=LABEL_MAX value=value
                    aria-describedby=error_id.clone() aria-invalid=invalid(error, field) />
                <FieldError id=error_id field error />
            }
        })
        .collect_view()
}

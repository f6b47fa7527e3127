//! The settings page's business hours (admins): the zone, each day's
//! opening and closing time, and the holidays. A plain form, so it saves
//! without JavaScript too.

use leptos::prelude::*;

use super::api::{get_hours_form, SaveHours};
use super::hours::HoursForm;
use super::hours_text::day_name;
use crate::i18n::*;
use crate::ui::forms::{invalid, last_error, ErrorNotice, FieldError, FormError};
use crate::validate::Field;

#[component]
pub fn BusinessHoursForm() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveHours>::new();
    let current = crate::ui::data::resource(move || save.version().get(), |_| get_hours_form());
    let error = last_error(save.value());
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    view! {
        <section aria-labelledby="hours-heading">
            <h2 id="hours-heading">{tr!(i18n, hours.heading)}</h2>
            <p>{tr!(i18n, hours.intro)}</p>
            <Show when=saved>
                <p class="notice success" role="status">{tr!(i18n, hours.saved)}</p>
            </Show>
            <ActionForm action=save attr:class="case-form">
                <Transition>
                    {move || Suspend::new(async move {
                        match current.await {
                            Ok(form) => view! { <Fields form error /> }.into_any(),
                            Err(error) => view! { <ErrorNotice error /> }.into_any(),
                        }
                    })}
                </Transition>
            </ActionForm>
        </section>
    }
}

/// The form itself, filled with `form`.
#[component]
fn Fields(form: HoursForm, error: Signal<Option<crate::error::AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let days = (0..7)
        .map(|day| {
            let opens_id = format!("hours-opens-{day}");
            let closes_id = format!("hours-closes-{day}");
            let opens = form.opens.get(day).cloned().unwrap_or_default();
            let closes = form.closes.get(day).cloned().unwrap_or_default();
            view! {
                <fieldset class="day-hours">
                    <legend>{move || day_name(i18n, day)}</legend>
                    <label for=opens_id.clone()>{tr!(i18n, hours.opens)}</label>
                    <input id=opens_id class="clock" maxlength="5" placeholder="09:00" name=format!("hours[opens][{day}]") value=opens
                        aria-describedby="hours-days-error" aria-invalid=invalid(error, Field::Hours) />
                    <label for=closes_id.clone()>{tr!(i18n, hours.closes)}</label>
                    <input id=closes_id class="clock" maxlength="5" placeholder="18:00" name=format!("hours[closes][{day}]") value=closes
                        aria-describedby="hours-days-error" aria-invalid=invalid(error, Field::Hours) />
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <label for="hours-zone">{tr!(i18n, hours.time_zone)}</label>
        <input id="hours-zone" name="hours[time_zone]" required value=form.time_zone
            aria-describedby="hours-zone-error" aria-invalid=invalid(error, Field::TimeZone) />
        <FieldError id="hours-zone-error" field=Field::TimeZone error />
        <p class="hint">{tr!(i18n, hours.closed_hint)}</p>
        {days}
        <FieldError id="hours-days-error" field=Field::Hours error />
        <label for="hours-holidays">{tr!(i18n, hours.holidays)}</label>
        <textarea id="hours-holidays" name="hours[holidays]" rows="4"
            aria-describedby="hours-holidays-error" aria-invalid=invalid(error, Field::Holidays)>
            {form.holidays}
        </textarea>
        <FieldError id="hours-holidays-error" field=Field::Holidays error />
        <FormError error />
        <div class="actions">
            <button type="submit" class="primary">{tr!(i18n, hours.save)}</button>
        </div>
    }
}

/// The chat settings: the most chats one agent holds at once, and how long
/// a visitor waits for an agent before the help form is offered.
#[component]
pub fn ChatLimitsForm() -> impl IntoView {
    use super::api::{get_chat_limits, SaveChatLimits};
    let i18n = use_i18n();
    let save = ServerAction::<SaveChatLimits>::new();
    let current = crate::ui::data::resource(move || save.version().get(), |_| get_chat_limits());
    let error = last_error(save.value());
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    let fields = move || {
        Suspend::new(async move {
            match current.await {
                Ok((max, minutes)) => view! {
                    <label for="chat-max">{tr!(i18n, hours.max_chats)}</label>
                    <input id="chat-max" name="max_chats" inputmode="numeric" required value=max.to_string()
                        aria-describedby="chat-max-error" aria-invalid=invalid(error, Field::MaxChats) />
                    <FieldError id="chat-max-error" field=Field::MaxChats error />
                    <label for="chat-wait">{tr!(i18n, hours.wait_minutes)}</label>
                    <input id="chat-wait" name="wait_minutes" inputmode="numeric" required value=minutes.to_string()
                        aria-describedby="chat-wait-error" aria-invalid=invalid(error, Field::Chat) />
                    <FieldError id="chat-wait-error" field=Field::Chat error />
                }
                .into_any(),
                Err(error) => view! { <ErrorNotice error /> }.into_any(),
            }
        })
    };
    view! {
        <section aria-labelledby="chat-limits-heading">
            <h2 id="chat-limits-heading">{tr!(i18n, hours.chat_heading)}</h2>
            <Show when=saved>
                <p class="notice success" role="status">{tr!(i18n, hours.chat_saved)}</p>
            </Show>
            <ActionForm action=save attr:class="case-form">
                <Transition>{fields}</Transition>
                <FormError error />
                <div class="actions">
                    <button type="submit" class="primary">{tr!(i18n, hours.save_chat)}</button>
                </div>
            </ActionForm>
        </section>
    }
}

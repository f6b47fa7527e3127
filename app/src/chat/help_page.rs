//! "Help" (PRODUCT.md §4): the form anyone may leave a message with when
//! nobody can chat. A multipart form, so it carries files and works before
//! the wasm has loaded; it comes back with the new case's number.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::hours_text::{use_service_hours, HoursText};
use crate::auth::context::use_auth;
use crate::files::picker::{FilePicker, Upload};
use crate::i18n::*;
use crate::ui::forms::{FormError, TextField};
use crate::ui::title::PageTitle;
use crate::validate::{Field, EMAIL_MAX, MESSAGE_MAX, NAME_MAX};

#[component]
pub fn HelpFormPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let sent = move || query.read().get("case").and_then(|n| n.parse::<i64>().ok());
    view! {
        <PageTitle text=move || t_string!(i18n, chat.help_title).to_string() />
        <h1>{tr!(i18n, chat.help_title)}</h1>
        {move || match sent() {
            Some(number) => view! { <Sent number /> }.into_any(),
            None => view! { <HelpForm /> }.into_any(),
        }}
    }
}

#[component]
fn Sent(number: i64) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice success" role="status">
            <p><strong>{t!(i18n, chat.case_number, number)}</strong></p>
            <p>{tr!(i18n, chat.sent)}</p>
        </div>
        <p><A href="/">{tr!(i18n, chat.back_home)}</A></p>
    }
}

#[component]
fn HelpForm() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let hours = use_service_hours();
    let upload = Upload::new();
    let error = upload.error();
    let navigate = use_navigate();
    let submit = move |ev| {
        let navigate = navigate.clone();
        upload.submit(ev, move |done| navigate(&done.location, Default::default()))
    };
    // A signed-in customer's name and address are filled in.
    let fields = move || {
        Suspend::new(async move {
            let me = auth.user.await.ok().flatten();
            let (name, email) = me.map(|u| (u.name, u.email)).unwrap_or_default();
            view! {
                <TextField id="help-name" name="name" field=Field::Name max=NAME_MAX error value=name
                    label=tr!(i18n, chat.name).into_any() />
                <label for="help-email">{tr!(i18n, chat.email)}</label>
                <input id="help-email" name="email" type="email" required maxlength=EMAIL_MAX
                    value=email autocomplete="email" aria-describedby="help-email-error"
                    aria-invalid=crate::ui::forms::invalid(error, Field::Email) />
                <crate::ui::forms::FieldError id="help-email-error" field=Field::Email error />
            }
        })
    };
    view! {
        <p>{tr!(i18n, chat.help_intro)}</p>
        <Suspense>
            {move || Suspend::new(async move {
                hours.await.ok().map(|hours| view! {
                    <section class="service" aria-labelledby="hours-heading">
                        <h2 id="hours-heading">{tr!(i18n, hours.heading)}</h2>
                        <HoursText hours />
                    </section>
                })
            })}
        </Suspense>
        <form method="post" enctype="multipart/form-data" action="/upload/help" class="case-form"
            on:submit=submit>
            <Transition>{fields}</Transition>
            <label for="help-message">{tr!(i18n, chat.message)}</label>
            <textarea id="help-message" name="message" rows="8" required maxlength=MESSAGE_MAX
                aria-describedby="help-message-error"
                aria-invalid=crate::ui::forms::invalid(error, Field::Message)></textarea>
            <crate::ui::forms::FieldError id="help-message-error" field=Field::Message error />
            <FilePicker id="help-files" upload />
            <FormError error />
            <div class="actions">
                <button type="submit" class="primary" disabled=move || upload.sending.get()>
                    {move || if upload.sending.get() { t_string!(i18n, files.sending) } else { t_string!(i18n, chat.send) }}
                </button>
            </div>
        </form>
    }
}

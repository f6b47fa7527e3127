//! `/profile`: name, job title, phone, language, time zone, photo,
//! password and address of the signed-in person.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use model::auth::{Profile, JOB_TITLE_MAX};

use super::api::{my_profile, time_zones, ChangeEmail, ChangePassword, RemovePhoto, SaveProfile};
use crate::auth::api::SignOutEverywhere;
use crate::auth::context::use_auth;
use crate::auth::pages::NewPasswordInput;
use crate::i18n::*;
use crate::ui::forms::{
    invalid, last_error, EmailInput, ErrorNotice, FieldError, FormError, TextField,
};
use crate::ui::title::PageTitle;
use crate::validate::{Field, NAME_MAX, PASSWORD_MAX};

#[component]
pub fn ProfilePage() -> impl IntoView {
    let i18n = use_i18n();
    let save = ServerAction::<SaveProfile>::new();
    let remove = ServerAction::<RemovePhoto>::new();
    let profile = crate::ui::data::resource(
        move || (save.version().get(), remove.version().get()),
        |_| my_profile(),
    );
    view! {
        <PageTitle text=move || t_string!(i18n, profile.title).to_string() />
        <h1>{tr!(i18n, profile.title)}</h1>
        <Suspense>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(p) => view! {
                        <div class="profile">
                            <DetailsForm profile=p.clone() save />
                            <PhotoForm profile=p.clone() remove />
                            <PasswordForm />
                            <EmailForm email=p.email />
                            <Sessions />
                        </div>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DetailsForm(profile: Profile, save: ServerAction<SaveProfile>) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let error = last_error(save.value());
    let zones = crate::ui::data::resource(|| (), |_| time_zones());
    // The new language and zone apply at once: the page, the top bar, dates.
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            auth.user.refetch();
            let lang = save.input().get().map(|s| s.language);
            if let Some(locale) = lang.as_deref().and_then(crate::ui::layout::locale_of) {
                i18n.set_locale(locale);
            }
        }
    });
    let lang = profile.language.clone();
    let option = move |value: &'static str, label: AnyView| {
        let selected = lang == value;
        view! { <option value=value selected=selected>{label}</option> }
    };
    view! {
        <section aria-labelledby="profile-details">
            <h2 id="profile-details">{tr!(i18n, profile.details)}</h2>
            <ActionForm action=save>
                <TextField id="profile-name" name="name" label=tr!(i18n, profile.name).into_any()
                    field=Field::Name max=NAME_MAX error value=profile.name.clone() />
                <TextField id="profile-job" name="job_title" label=tr!(i18n, profile.job_title).into_any()
                    field=Field::JobTitle max=JOB_TITLE_MAX error value=profile.job_title.clone() />
                <TextField id="profile-phone" name="phone" label=tr!(i18n, profile.phone).into_any()
                    field=Field::Phone max=model::cases::record::PHONE_MAX error value=profile.phone.clone() />
                <label for="profile-language">{tr!(i18n, profile.language)}</label>
                <select id="profile-language" name="language">
                    {option("en", tr!(i18n, languages.en).into_any())}
                    {option("es", tr!(i18n, languages.es).into_any())}
                    {option("fr", tr!(i18n, languages.fr).into_any())}
                </select>
                <label for="profile-zone">{tr!(i18n, profile.time_zone)}</label>
                <input id="profile-zone" name="time_zone" list="zone-names" value=profile.time_zone.clone()
                    maxlength="64" autocomplete="off" aria-describedby="profile-zone-hint profile-zone-error"
                    aria-invalid=invalid(error, Field::TimeZone) />
                <p class="hint" id="profile-zone-hint">{tr!(i18n, profile.time_zone_hint)}</p>
                <FieldError id="profile-zone-error" field=Field::TimeZone error />
                <datalist id="zone-names">
                    <Suspense>
                        {move || Suspend::new(async move {
                            zones.await.unwrap_or_default().into_iter()
                                .map(|z| view! { <option value=z></option> })
                                .collect_view()
                        })}
                    </Suspense>
                </datalist>
                <FormError error />
                <button type="submit" class="primary">{tr!(i18n, profile.save)}</button>
                <Show when=move || matches!(save.value().get(), Some(Ok(())))>
                    <p class="notice success" role="status">{tr!(i18n, profile.saved)}</p>
                </Show>
            </ActionForm>
        </section>
    }
}

#[component]
fn PhotoForm(profile: Profile, remove: ServerAction<RemovePhoto>) -> impl IntoView {
    let i18n = use_i18n();
    let q = use_query_map();
    let saved = move || q.read().get("photo").is_some_and(|v| v == "saved");
    let upload_error = move || {
        q.read()
            .get(crate::files::ERROR_PARAM)
            .and_then(|raw| crate::files::error_from_query(&raw))
    };
    let error = Signal::derive(upload_error);
    let photo = profile.photo.clone().map(|src| {
        let alt = move || t_string!(i18n, profile.photo).to_string();
        view! { <img class="avatar large" src=src alt=alt width="96" height="96" /> }
    });
    let has_photo = profile.photo.is_some();
    view! {
        <section aria-labelledby="profile-photo">
            <h2 id="profile-photo">{tr!(i18n, profile.photo)}</h2>
            {match photo {
                Some(img) => img.into_any(),
                None => view! { <p>{tr!(i18n, profile.no_photo)}</p> }.into_any(),
            }}
            <form method="post" action="/upload/photo" enctype="multipart/form-data">
                <label for="profile-photo-file">{tr!(i18n, profile.choose_photo)}</label>
                <input id="profile-photo-file" type="file" name="photo" accept="image/png,image/jpeg"
                    required aria-describedby="profile-photo-hint profile-photo-error" />
                <p class="hint" id="profile-photo-hint">{tr!(i18n, profile.photo_hint)}</p>
                <div id="profile-photo-error" role="alert">
                    {move || error.get().map(|e| view! { <p class="field-error">{crate::ui::labels::error(i18n, &e)}</p> })}
                </div>
                <button type="submit">{tr!(i18n, profile.upload_photo)}</button>
            </form>
            <Show when=saved>
                <p class="notice success" role="status">{tr!(i18n, profile.photo_saved)}</p>
            </Show>
            <Show when=move || has_photo>
                <ActionForm action=remove>
                    <button type="submit" class="link-button">{tr!(i18n, profile.remove_photo)}</button>
                </ActionForm>
            </Show>
        </section>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChangePassword>::new();
    let error = last_error(action.value());
    view! {
        <section aria-labelledby="profile-password">
            <h2 id="profile-password">{tr!(i18n, profile.password_title)}</h2>
            <ActionForm action>
                <label for="profile-current">{tr!(i18n, profile.current_password)}</label>
                <input id="profile-current" name="current" type="password" autocomplete="current-password"
                    required maxlength=PASSWORD_MAX aria-describedby="profile-current-error"
                    aria-invalid=invalid(error, Field::CurrentPassword) />
                <FieldError id="profile-current-error" field=Field::CurrentPassword error />
                <label for="profile-new-password">{tr!(i18n, profile.new_password)}</label>
                <NewPasswordInput id="profile-new-password" error />
                <FormError error />
                <button type="submit">{tr!(i18n, profile.change_password)}</button>
                <Show when=move || matches!(action.value().get(), Some(Ok(())))>
                    <p class="notice success" role="status">{tr!(i18n, profile.password_changed)}</p>
                </Show>
            </ActionForm>
        </section>
    }
}

#[component]
fn EmailForm(email: String) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ChangeEmail>::new();
    let error = last_error(action.value());
    view! {
        <section aria-labelledby="profile-email">
            <h2 id="profile-email">{tr!(i18n, profile.email_title)}</h2>
            <p>{t!(i18n, profile.current_email, email = move || email.clone())}</p>
            <ActionForm action>
                <label for="profile-new-email">{tr!(i18n, profile.new_email)}</label>
                <EmailInput id="profile-new-email" error />
                <FormError error />
                <button type="submit">{tr!(i18n, profile.send_email_link)}</button>
                <Show when=move || matches!(action.value().get(), Some(Ok(())))>
                    <p class="notice success" role="status">{tr!(i18n, profile.email_sent)}</p>
                </Show>
            </ActionForm>
        </section>
    }
}

/// "Sign out everywhere": for a lost phone or a shared computer.
#[component]
fn Sessions() -> impl IntoView {
    let i18n = use_i18n();
    let action = use_auth().action::<SignOutEverywhere>();
    let error = last_error(action.value());
    view! {
        <section aria-labelledby="profile-sessions">
            <h2 id="profile-sessions">{tr!(i18n, profile.sessions_title)}</h2>
            <p>{tr!(i18n, profile.sessions_hint)}</p>
            <ActionForm action>
                <FormError error />
                <button type="submit">{tr!(i18n, profile.sign_out_everywhere)}</button>
            </ActionForm>
        </section>
    }
}

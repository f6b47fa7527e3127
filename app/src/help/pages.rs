//! The help center's home page ("Questions and Answers").

use leptos::prelude::*;
use leptos_router::components::A;

use super::api::help_home;
use super::parts::{locale_code, SearchBox};
use crate::i18n::*;
use crate::ui::forms::ErrorNotice;
use crate::ui::fragment::{part, Ask, ServerHtml};
use crate::ui::title::{PageDescription, PageTitle};

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    // The lists come as HTML from the server (`ui::fragment`).
    let lists = part(
        move || Ask {
            locale: locale_code(i18n),
            ..Ask::default()
        },
        |ask| Box::pin(help_home(ask.locale.to_string())),
    );
    view! {
        <PageTitle text=move || t_string!(i18n, home.title).to_string() />
        <PageDescription text=move || t_string!(i18n, home.intro).to_string() />
        <section class="hero">
            <h1>{tr!(i18n, home.title)}</h1>
            <p>{tr!(i18n, home.intro)}</p>
            <SearchBox />
        </section>
        <ServerHtml html=lists />
        <section class="cta">
            <h2>{tr!(i18n, home.need_help)}</h2>
            <A href="/cases/new" attr:class="button primary">{tr!(i18n, home.open_case)}</A>
            " "
            <A href="/follow">{tr!(i18n, follow.link)}</A>
        </section>
        <section class="service" aria-labelledby="service-heading">
            <h2 id="service-heading">{tr!(i18n, help.service)}</h2>
            <ServiceHoursPart />
            <p>{tr!(i18n, help.contacts)}</p>
        </section>
    }
    .into_any()
}

/// Business hours as admins set them, and whether the service is open now.
#[component]
fn ServiceHoursPart() -> impl IntoView {
    let hours = crate::chat::hours_text::use_service_hours();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match hours.await {
                    Ok(hours) => view! { <crate::chat::hours_text::HoursText hours /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

//! Parts of pages that people only read, rendered by the server as HTML:
//! the help center's lists, a customer's table of cases. The browser keeps
//! the server's markup as it is and carries none of the code that made it
//! (each part's views, its data's types and their JSON decoding), which
//! keeps a first load small. A part is loaded again, as HTML, whenever its
//! inputs change (language, filters, a live update); links in it are
//! ordinary links, which the router follows without a page load, and the
//! few controls it holds are handled by the page around it (see
//! `cases::rows`).
//!
//! A part's server function renders with [`render`], in the language and
//! time zone the browser asks for, so the HTML matches the page around it.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;

use crate::error::AppError;
use crate::ui::data::Data;
use crate::ui::forms::ErrorNotice;

/// A part's HTML, or why it could not be made.
pub type Html = Result<String, AppError>;

/// What a part is asked for with; it loads again when this changes.
#[derive(Clone, PartialEq, Default)]
pub struct Ask {
    /// The page's language code (`ui::labels::locale_code`).
    pub locale: &'static str,
    /// The page's query string, for parts that filter.
    pub search: String,
    /// The page's time zone, for parts with dates.
    pub zone: String,
    /// Anything else the part follows (a count of live updates).
    pub tick: u64,
}

/// A part's HTML on its way (a server function's call).
pub type Loading = Pin<Box<dyn Future<Output = Html> + Send>>;

/// The part `load` makes for `ask()`, loaded on the server for the page and
/// again in the browser whenever `ask()` changes. Every part is the same
/// resource type, so their code is in the wasm once.
pub fn part(ask: impl Fn() -> Ask + Send + Sync + 'static, load: fn(Ask) -> Loading) -> Data<Html> {
    let ask: Arc<dyn Fn() -> Ask + Send + Sync> = Arc::new(ask);
    crate::ui::data::resource(move || ask(), load)
}

/// What a page shows instead of a part the server refused.
pub type OnError = fn(AppError) -> AnyView;

/// An error as a notice (the default of [`ServerHtml`]).
pub fn notice(error: AppError) -> AnyView {
    view! { <ErrorNotice error /> }.into_any()
}

/// Shows `html` in a `<div>`, keeping the previous
/// HTML while the next loads. Clicks and submits inside reach `on_click`
/// and `on_submit`.
#[component]
pub fn ServerHtml(
    html: Data<Html>,
    #[prop(default = notice)] on_error: OnError,
    #[prop(optional)] on_click: Option<Callback<leptos::ev::MouseEvent>>,
    #[prop(optional)] on_submit: Option<Callback<leptos::ev::SubmitEvent>>,
) -> impl IntoView {
    let part = move || {
        Suspend::new(async move {
            match html.await {
                Ok(html) => view! { <div inner_html=html></div> }.into_any(),
                Err(error) => on_error(error),
            }
        })
    };
    view! {
        <div
            class="server-part"
            on:click=move |ev| if let Some(f) = on_click { f.run(ev) }
            on:submit=move |ev| if let Some(f) = on_submit { f.run(ev) }
        >
            <Transition>{part}</Transition>
        </div>
    }
}

/// `view` as HTML, rendered in `locale` ("en", "es" or "fr"; else English)
/// with dates in `zone` (the browser's page zone; the request's when none
/// or not a zone), under an owner of its own that ends with it.
#[cfg(feature = "ssr")]
pub fn render<V: IntoView + 'static>(
    locale: &str,
    zone: Option<String>,
    view: impl FnOnce() -> V,
) -> String {
    use crate::i18n::Locale;
    let zone = zone
        .filter(|z| z.len() <= 64 && model::time::local(0, z).is_some())
        .unwrap_or_else(crate::time::page_zone);
    let locale = match locale {
        "es" => Locale::es,
        "fr" => Locale::fr,
        _ => Locale::en,
    };
    let owner = Owner::new();
    owner.with(|| {
        let i18n =
            leptos_i18n::context::init_i18n_subcontext::<Locale>(Some(Signal::stored(locale)));
        provide_context(i18n);
        provide_context(crate::time::Zone(RwSignal::new(zone)));
        view().into_view().to_html()
    })
}

//! The page's `<title>`. leptos_meta reads titles once the page has been
//! rendered, when the request's reactive values may be gone; a title that
//! still read a signal then panicked now and then under load (about 1
//! request in 150 with 24 at once). Text and formatter are plain strings,
//! made while rendering, and made again when the language changes.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::*;

#[component]
pub fn PageTitle(text: impl Fn() -> String + Send + Sync + 'static) -> impl IntoView {
    title(Box::new(text))
}

/// Boxed, so the 30-odd pages share one copy of the title's view code
/// rather than one per closure type.
fn title(text: Box<dyn Fn() -> String + Send + Sync>) -> AnyView {
    (move || {
        let text = text();
        view! { <Title text /> }
    })
    .into_any()
}

/// "<page> · Help Center", in the reader's language; "(N) " before it
/// while N chats wait (staff pages).
#[component]
pub fn AppTitle() -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let name = t_string!(i18n, app_name).to_string();
        // Chats waiting for an agent head a staff member's tab: "(2) ...".
        let waiting = match crate::chat::alert::waiting_chats() {
            0 => String::new(),
            n => format!("({n}) "),
        };
        view! { <Title formatter=move |page: String| format!("{waiting}{page} · {name}") /> }
    }
}

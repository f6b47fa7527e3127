//! The page's `<title>` and description. The server writes them into the
//! `<head>` with leptos_meta; the browser only keeps `document.title` and
//! the description up to date as pages change, so leptos_meta's code stays
//! out of every first load.
//!
//! On the server, leptos_meta reads titles once the page has been rendered,
//! when the request's reactive values may be gone; a title that still read
//! a signal then panicked now and then under load (about 1 request in 150
//! with 24 at once). Text and formatter are plain strings, made while
//! rendering, and made again when the language changes.

use leptos::prelude::*;

use crate::i18n::*;

/// Boxed, so the 30-odd pages share one copy of the title's code rather
/// than one per closure type.
type Text = Box<dyn Fn() -> String + Send + Sync>;

#[component]
pub fn PageTitle(text: impl Fn() -> String + Send + Sync + 'static) -> impl IntoView {
    head::title(Box::new(text))
}

/// The page's `<meta name="description">`, for search engines and links
/// shared elsewhere.
#[component]
pub fn PageDescription(text: impl Fn() -> String + Send + Sync + 'static) -> impl IntoView {
    head::description(Box::new(text))
}

/// Called once by the shell, before any page.
pub fn provide_head() {
    head::provide();
}

/// "<page> · Help Center", in the reader's language; "(N) " before it
/// while N chats wait (staff pages).
#[component]
pub fn AppTitle() -> impl IntoView {
    let i18n = use_i18n();
    head::app_title(Box::new(move || {
        // Chats waiting for an agent head a staff member's tab: "(2) ...".
        let waiting = match crate::chat::alert::waiting_chats() {
            0 => String::new(),
            n => format!("({n}) "),
        };
        (waiting, t_string!(i18n, app_name).to_string())
    }))
}

/// The words around each page's own title: what comes before it and the
/// application's name after it.
type Around = Box<dyn Fn() -> (String, String) + Send + Sync>;

fn full_title(waiting: &str, page: &str, name: &str) -> String {
    format!("{waiting}{page} · {name}")
}

// Both sides render one empty placeholder (`()`, an empty comment) where a
// title or description stands, so the browser's tree hydrates the server's:
// leptos_meta's own views leave nothing in the body.
#[cfg(feature = "ssr")]
mod head {
    use leptos::prelude::*;
    use leptos_meta::{Meta, Title};

    use super::{full_title, Around, Text};

    pub fn provide() {
        leptos_meta::provide_meta_context();
    }

    pub fn title(text: Text) -> AnyView {
        (move || {
            let text = text();
            (view! { <Title text /> }, ())
        })
        .into_any()
    }

    pub fn description(text: Text) -> AnyView {
        (move || {
            let content = text();
            (view! { <Meta name="description" content /> }, ())
        })
        .into_any()
    }

    pub fn app_title(around: Around) -> AnyView {
        (move || {
            let (waiting, name) = around();
            let formatter = move |page: String| full_title(&waiting, &page, &name);
            (view! { <Title formatter /> }, ())
        })
        .into_any()
    }
}

#[cfg(not(feature = "ssr"))]
mod head {
    use leptos::prelude::*;

    use super::{full_title, Around, Text};

    /// The current page's own title, which the shell's title wraps.
    #[derive(Clone, Copy)]
    struct PageText(RwSignal<String>);

    pub fn provide() {
        provide_context(PageText(RwSignal::new(String::new())));
    }

    pub fn title(text: Text) -> AnyView {
        let page = expect_context::<PageText>().0;
        Effect::new(move |_| page.set(text()));
        ().into_any()
    }

    pub fn description(text: Text) -> AnyView {
        Effect::new(move |_| {
            if let Some(meta) = description_meta() {
                let _ = meta.set_attribute("content", &text());
            }
        });
        ().into_any()
    }

    /// The head's description, added when the first page had none.
    fn description_meta() -> Option<web_sys::Element> {
        let document = document();
        if let Ok(Some(meta)) = document.query_selector("meta[name=description]") {
            return Some(meta);
        }
        let meta = document.create_element("meta").ok()?;
        meta.set_attribute("name", "description").ok()?;
        document.head()?.append_child(&meta).ok()?;
        Some(meta)
    }

    pub fn app_title(around: Around) -> AnyView {
        let page = expect_context::<PageText>().0;
        Effect::new(move |_| {
            let (waiting, name) = around();
            let page = page.read();
            // Until the page names itself, the server's title stays.
            if !page.is_empty() {
                document().set_title(&full_title(&waiting, &page, &name));
            }
        });
        ().into_any()
    }
}

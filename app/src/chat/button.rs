//! The help button in the bottom-left corner of every public and customer
//! page (PRODUCT.md §4). It reads "Help" and opens the help form; staff
//! pages, and the form itself, have none.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use super::HELP_PAGE as PAGE;
use crate::i18n::*;

#[component]
pub fn HelpButton() -> impl IntoView {
    let i18n = use_i18n();
    let path = use_location().pathname;
    let shown = move || {
        let path = path.get();
        !(path.starts_with("/staff") || path == PAGE)
    };
    view! {
        <Show when=shown>
            <A href=PAGE attr:class="help-button">{t!(i18n, chat.help)}</A>
        </Show>
    }
}

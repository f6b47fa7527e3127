//! The help button in the bottom-left corner of every public and customer
//! page (PRODUCT.md §4). It reads "Chat" while the helpdesk is open and an
//! agent is free (or this browser's chat is still open) and leads to the
//! chat; otherwise it reads "Help" and leads to the help form. Staff pages,
//! and those two pages themselves, have none.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::visitor_api::get_button_mode;
use super::{CHAT_PAGE, HELP_PAGE};
use crate::i18n::*;

#[component]
pub fn HelpButton() -> impl IntoView {
    let i18n = use_i18n();
    let path = use_location().pathname;
    let shown = move || {
        let path = path.get();
        !(path.starts_with("/staff") || path == HELP_PAGE || path == CHAT_PAGE)
    };
    // Asked in the browser, again on each page (hours and agents change).
    // Only there: a resource of the server's render, made after the lazily
    // loaded page's own, would reach the browser in another order. The
    // server's page says "Help", which works without JavaScript. A plain
    // call, not a resource: every first load carries this code.
    let open = RwSignal::new(false);
    Effect::new(move |_| {
        path.track();
        leptos::task::spawn_local(async move {
            let mode = get_button_mode().await;
            open.set(mode.is_ok_and(|m| m.chat || m.my_chat.is_some()));
        });
    });
    let chat = move || open.get();
    // One link whose target and words change: a view per case would add
    // its own rendering code to every visitor's first load.
    let href = move || if chat() { CHAT_PAGE } else { HELP_PAGE };
    let label = move || match chat() {
        true => td_string!(i18n.get_locale(), chat.chat),
        false => td_string!(i18n.get_locale(), chat.help),
    };
    move || shown().then(|| view! { <a href=href class="help-button">{label}</a> })
}

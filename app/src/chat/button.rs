//! The help button in the bottom-left corner of every public and customer
//! page (PRODUCT.md §4). It reads "Chat" while the helpdesk is open and an
//! agent is free (or this browser's chat is still open) and leads to the
//! chat; otherwise it reads "Help" and leads to the help form. Staff pages,
//! and those two pages themselves, have none.

use leptos::prelude::*;
use leptos_router::components::A;
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
    // Asked again on each page: hours and agents change.
    let mode = Resource::new(move || path.get(), |_| get_button_mode());
    let help =
        move || view! { <A href=HELP_PAGE attr:class="help-button">{t!(i18n, chat.help)}</A> };
    let button = move || {
        Suspend::new(async move {
            let chat = mode.await.is_ok_and(|m| m.chat || m.my_chat.is_some());
            match chat {
                true => {
                    view! { <A href=CHAT_PAGE attr:class="help-button">{t!(i18n, chat.chat)}</A> }
                        .into_any()
                }
                false => help().into_any(),
            }
        })
    };
    view! {
        <Show when=shown>
            <Transition fallback=help>{button}</Transition>
        </Show>
    }
}

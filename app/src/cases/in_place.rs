//! Opening a case in place in a table the server rendered (customers' "My
//! cases", `my_part`): the page hears the clicks on the openers
//! (`data-opens`) and does what a row's own toggle does in a table the
//! browser rendered (`expand::CaseRow`): marks both openers expanded and
//! mounts the row under the case, whose content loads with the case pages.

use leptos::mount::{mount_to, UnmountHandle};
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use web_sys::Element;

use super::expand::inline_row;

/// The rows open now (only ever in the browser); dropping one's handle
/// closes it.
type Opened = StoredValue<Vec<(i64, SendWrapper<UnmountHandle<AnyViewState>>)>>;

/// The click handler for a page holding such a table; rows mount under the
/// page's owner, so they read its context.
pub fn opener() -> Callback<leptos::ev::MouseEvent> {
    let owner = Owner::current();
    let opened: Opened = StoredValue::new(Vec::new());
    Callback::new(move |ev: leptos::ev::MouseEvent| {
        if let Some(owner) = &owner {
            toggle(&ev, owner, opened);
        }
    })
}

fn toggle(ev: &leptos::ev::MouseEvent, owner: &Owner, opened: Opened) {
    let target = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
    let Some(opener) = target.and_then(|t| t.closest("[data-opens]").ok().flatten()) else {
        return;
    };
    let number = opener
        .get_attribute("data-opens")
        .and_then(|n| n.parse::<i64>().ok());
    let (Some(number), Some(tbody)) = (number, opener.closest("tbody").ok().flatten()) else {
        return;
    };
    // The number is a link to the case page too: the page stays.
    ev.prevent_default();
    // The table may have been loaded again since: its markup says what is open.
    let open = opener.get_attribute("aria-expanded").as_deref() != Some("true");
    if let Ok(openers) = tbody.query_selector_all("[data-opens]") {
        for i in 0..openers.length() {
            if let Some(el) = openers.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let _ = el.set_attribute("aria-expanded", if open { "true" } else { "false" });
            }
        }
    }
    opened.update_value(|rows| rows.retain(|(n, _)| *n != number));
    if open {
        let columns = tbody
            .query_selector("tr")
            .ok()
            .flatten()
            .map_or(1, |row| row.child_element_count() as usize);
        let tbody = tbody.unchecked_into::<web_sys::HtmlElement>();
        let row = owner.with(|| mount_to(tbody, move || inline_row(number, false, columns)));
        opened.update_value(|rows| rows.push((number, SendWrapper::new(row))));
    }
}

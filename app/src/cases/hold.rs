//! A case page reloads when a change to the case is heard; while staff have
//! unsaved edits in its side forms, that reload waits (with a notice), so a
//! colleague's reply does not wipe a half-filled form.

use leptos::prelude::*;

use crate::i18n::*;

#[derive(Clone, Copy)]
pub struct EditHold {
    /// Set by any input in the side forms, cleared by the page's own actions.
    editing: RwSignal<bool>,
    /// The live tick the page shows.
    applied: RwSignal<u64>,
    heard: Memo<u64>,
}

impl EditHold {
    pub fn new(heard: Memo<u64>) -> Self {
        let editing = RwSignal::new(false);
        let applied = RwSignal::new(heard.get_untracked());
        Effect::new(move |_| {
            let tick = heard.get();
            if !editing.get() {
                applied.set(tick);
            }
        });
        Self {
            editing,
            applied,
            heard,
        }
    }

    /// Follows live changes except while editing.
    pub fn applied(&self) -> u64 {
        self.applied.get()
    }

    pub fn edit(&self) {
        self.editing.set(true);
    }

    /// After a save, or when the person asks for the latest.
    pub fn release(&self) {
        self.editing.set(false);
    }

    fn waiting(&self) -> bool {
        self.applied.get() != self.heard.get()
    }
}

/// "This case has changed…", with a button that shows the latest.
#[component]
pub fn HeldNotice(hold: EditHold) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || hold.waiting()>
            <p class="notice" role="status">
                {tr!(i18n, cases.changed_while_editing)} " "
                <button type="button" on:click=move |_| hold.release()>
                    {tr!(i18n, cases.show_latest)}
                </button>
            </p>
        </Show>
    }
}

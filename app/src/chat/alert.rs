//! The new-chat alert on the staff pages that agents work in (the list,
//! a case, "Chats"): the number of waiting chats heads the tab's title,
//! and an agent available for chats hears a short chime when one more
//! starts waiting. Browser only: the pages render on the server without it.

use std::collections::BTreeSet;

use leptos::prelude::*;

use super::staff_api::{chat_available, open_chats};
use super::{ChatRow, ChatState};
use crate::error::AppError;
use crate::workspace::live::use_live;

/// How many chats wait, for the tab's title (0: none, or not staff).
#[derive(Clone, Copy)]
pub struct WaitingChats(pub RwSignal<usize>);

/// Made once by the shell; the title reads it.
pub fn provide_waiting_chats() {
    provide_context(WaitingChats(RwSignal::new(0)));
}

pub fn waiting_chats() -> usize {
    use_context::<WaitingChats>().map_or(0, |w| w.0.get())
}

/// The chats not ended, read again at each live change (browser only).
pub fn live_open_chats() -> LocalResource<Result<Vec<ChatRow>, AppError>> {
    let live = use_live();
    LocalResource::new(move || {
        live.any().track();
        open_chats()
    })
}

/// `chats`: the rows a page already follows, so they are fetched once;
/// without, the alert follows them itself.
#[component]
pub fn ChatAlert(#[prop(optional)] chats: Option<Signal<Option<Vec<ChatRow>>>>) -> impl IntoView {
    let count = use_context::<WaitingChats>();
    let chats = chats.unwrap_or_else(|| {
        let own = live_open_chats();
        Signal::derive(move || own.get().and_then(Result::ok))
    });
    let available = LocalResource::new(chat_available);
    // The waiting chats already known: only a new one chimes, and none on
    // the first look.
    let known = StoredValue::new(None::<BTreeSet<i64>>);
    Effect::new(move |_| {
        let Some(rows) = chats.get() else {
            return;
        };
        let waiting: BTreeSet<i64> = rows
            .iter()
            .filter(|r| r.state == ChatState::Waiting)
            .map(|r| r.number)
            .collect();
        if let Some(count) = count {
            count.0.set(waiting.len());
        }
        let fresh = known
            .get_value()
            .is_some_and(|old| waiting.iter().any(|n| !old.contains(n)));
        known.set_value(Some(waiting));
        if fresh && matches!(available.get_untracked(), Some(Ok(true))) {
            chime();
        }
    });
    on_cleanup(move || {
        if let Some(count) = count {
            count.0.set(0);
        }
    });
}

/// A short tone (the page's own audio: no file to fetch). Browsers keep
/// sound off until the person has clicked on the page; then it plays.
fn chime() {
    #[cfg(feature = "hydrate")]
    AUDIO.with(|audio| {
        let mut audio = audio.borrow_mut();
        if audio.is_none() {
            *audio = web_sys::AudioContext::new().ok();
        }
        let Some(audio) = audio.as_ref() else {
            return;
        };
        let (Ok(tone), Ok(volume)) = (audio.create_oscillator(), audio.create_gain()) else {
            return;
        };
        tone.frequency().set_value(880.0);
        volume.gain().set_value(0.15);
        let end = audio.current_time() + 0.3;
        let played = tone
            .connect_with_audio_node(&volume)
            .and_then(|_| volume.connect_with_audio_node(&audio.destination()))
            .and_then(|_| tone.start())
            .and_then(|()| tone.stop_with_when(end));
        if played.is_err() {
            leptos::logging::warn!("the new-chat chime could not play");
        }
    });
}

#[cfg(feature = "hydrate")]
thread_local! {
    /// One audio context for the page's chimes (browsers allow few).
    static AUDIO: std::cell::RefCell<Option<web_sys::AudioContext>> = const { std::cell::RefCell::new(None) };
}

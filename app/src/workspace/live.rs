//! Live updates in the browser: while someone is signed in, the tab keeps
//! one EventSource on `/events`; each event bumps a signal that lists and
//! case pages put in their resources' sources, so they refetch by
//! themselves. A stream that drops is reopened with a growing pause, and
//! the first event of each new stream refetches everything (what changed
//! while away was not heard).

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::auth::context::use_auth;

#[derive(Clone, Copy)]
pub struct Live {
    /// Bumped by every event.
    tick: RwSignal<u64>,
    /// The cases the last event named; empty: maybe any.
    cases: RwSignal<Vec<i64>>,
    /// A visitor's chat window is open: listen without an account.
    chatting: RwSignal<bool>,
}

pub fn use_live() -> Live {
    expect_context::<Live>()
}

impl Live {
    /// Changes with each event (for lists and counts).
    pub fn any(self) -> Signal<u64> {
        self.tick.into()
    }

    /// Changes with each event that may concern the case `number` gives.
    pub fn case(self, number: impl Fn() -> Option<i64> + Send + Sync + 'static) -> Memo<u64> {
        Memo::new(move |last: Option<&u64>| {
            let tick = self.tick.get();
            let n = number();
            let named = self
                .cases
                .with(|c| c.is_empty() || n.is_some_and(|n| c.contains(&n)));
            match last {
                Some(&last) if !named => last,
                _ => tick,
            }
        })
    }

    /// Listens (or stops) for a visitor's chat window.
    pub fn set_chatting(self, on: bool) {
        self.chatting.set(on);
    }

    fn heard(self, cases: Vec<i64>) {
        self.cases.set(cases);
        self.tick.update(|t| *t += 1);
    }
}

/// Puts [`Live`] in the context and, in the browser, listens while
/// someone is signed in or a visitor's chat is open.
pub fn provide_live() {
    let live = Live {
        tick: RwSignal::new(0),
        cases: RwSignal::new(Vec::new()),
        chatting: RwSignal::new(false),
    };
    provide_context(live);
    let auth = use_auth();
    let source = StoredValue::new(None::<SendWrapper<Connection>>);
    // Effects run only in the browser.
    Effect::new(move |_| {
        let signed_in = matches!(auth.user.get(), Some(Ok(Some(_))));
        let listening = signed_in || live.chatting.get();
        source.update_value(|s| match (listening, s.is_some()) {
            (true, false) => *s = Some(SendWrapper::new(Connection::open(live))),
            (false, true) => *s = None,
            _ => {}
        });
    });
}

/// One EventSource and what it needs to reopen itself.
struct Connection {
    state: Rc<RefCell<State>>,
}

struct State {
    source: Option<web_sys::EventSource>,
    /// Pause before the next reopening, in milliseconds.
    backoff: i32,
    opened_before: bool,
    closed: bool,
}

impl Connection {
    fn open(live: Live) -> Self {
        let state = Rc::new(RefCell::new(State {
            source: None,
            backoff: 1000,
            opened_before: false,
            closed: false,
        }));
        connect(live, state.clone());
        Self { state }
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        let mut state = self.state.borrow_mut();
        state.closed = true;
        if let Some(source) = state.source.take() {
            source.close();
        }
    }
}

fn connect(live: Live, state: Rc<RefCell<State>>) {
    let Ok(source) = web_sys::EventSource::new("/events") else {
        return;
    };
    let on_ready = {
        let state = state.clone();
        Closure::<dyn FnMut()>::new(move || {
            let mut s = state.borrow_mut();
            s.backoff = 1000;
            // Back after a gap: refetch everything once.
            if s.opened_before {
                live.heard(Vec::new());
            }
            s.opened_before = true;
        })
    };
    let on_changes =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data().as_string().unwrap_or_default();
            live.heard(serde_json::from_slice(data.as_bytes()).unwrap_or_default());
        });
    let on_error = {
        let state = state.clone();
        Closure::<dyn FnMut()>::new(move || {
            let (closed, backoff) = {
                let s = state.borrow();
                let gone = s
                    .source
                    .as_ref()
                    .is_some_and(|src| src.ready_state() == web_sys::EventSource::CLOSED);
                (s.closed || !gone, s.backoff)
            };
            // The browser retries by itself unless the stream was refused.
            if closed {
                return;
            }
            state.borrow_mut().backoff = (backoff * 2).min(60_000);
            let state = state.clone();
            let again = Closure::once_into_js(move || {
                if !state.borrow().closed {
                    connect(live, state);
                }
            });
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                    again.unchecked_ref(),
                    backoff,
                );
            }
        })
    };
    let _ = source.add_event_listener_with_callback("ready", on_ready.as_ref().unchecked_ref());
    let _ = source.add_event_listener_with_callback("changes", on_changes.as_ref().unchecked_ref());
    source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // The listeners live as long as the page.
    on_ready.forget();
    on_changes.forget();
    on_error.forget();
    if let Some(old) = state.borrow_mut().source.replace(source) {
        old.close();
    }
}

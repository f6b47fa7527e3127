//! Signals that follow another more slowly: once it stops changing
//! (requests made while someone types wait for a pause), or at most so
//! often (work that each change would repeat).

use std::time::Duration;

use leptos::prelude::*;

/// `source`'s value after `pause` without a change.
pub fn settled<T>(source: impl Fn() -> T + 'static, pause: Duration) -> ReadSignal<T>
where
    T: Clone + Default + Send + Sync + 'static,
{
    let (value, set_value) = signal(T::default());
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let now = source();
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || set_value.set(now), pause).ok();
        pending.set_value(handle);
    });
    value
}

/// `source`'s value at most once per `every`: a change starts the wait and
/// the latest value is taken when it ends, so a source that never rests
/// is still followed. The first value is the default.
pub fn throttled<T>(source: impl Fn() -> T + 'static, every: Duration) -> ReadSignal<T>
where
    T: Clone + Default + Send + Sync + 'static,
{
    let (value, set_value) = signal(T::default());
    let latest = StoredValue::new(T::default());
    let waiting = StoredValue::new(false);
    Effect::new(move |ran: Option<()>| {
        let now = source();
        if ran.is_none() {
            return;
        }
        latest.set_value(now);
        if !waiting.get_value() {
            waiting.set_value(true);
            let done = move || {
                waiting.set_value(false);
                set_value.set(latest.get_value());
            };
            if set_timeout_with_handle(done, every).is_err() {
                waiting.set_value(false);
            }
        }
    });
    value
}

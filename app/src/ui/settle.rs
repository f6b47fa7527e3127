//! A signal that follows another once it stops changing: requests made
//! while someone types (suggestions, previews) wait for a pause.

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

//! Server data for pages: Leptos resources, with the JSON the server puts
//! in the page read by the browser the same way as a server function's
//! answer (as bytes). Leptos's default codec reads it as text, and that
//! makes a second copy of serde's decoder for every type in the wasm
//! (about 70 KB of code in the main module alone before optimization).

use std::future::Future;

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// JSON, decoded from the bytes of the text (as everything the browser
/// decodes is, so that one decoder per type is enough).
pub struct Json;

impl<T: Serialize> Encoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, Self::Error> {
        serde_json::to_string(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(text: &str) -> Result<T, Self::Error> {
        serde_json::from_slice(text.as_bytes())
    }
}

/// A resource of server data (see the module's note).
pub type Data<T> = Resource<T, Json>;

/// Like `Resource::new`: loads `fetcher(source())` on the server for the
/// page, and again in the browser whenever `source` changes.
#[track_caller]
pub fn resource<S, T, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Data<T>
where
    S: Send + Sync + Clone + PartialEq + 'static,
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

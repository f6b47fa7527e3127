//! Attachments as the conversation shows them.

use leptos::prelude::*;

use super::kind::human_size;
use super::Attachment;
use crate::i18n::*;

/// A message's files: name (a download link), type and size; images with a
/// small preview.
#[component]
pub fn AttachmentList(files: Vec<Attachment>) -> impl IntoView {
    let i18n = use_i18n();
    let items = files
        .into_iter()
        .map(|f| {
            let preview = f.kind.is_image().then(|| {
                view! { <img class="file-preview" src=f.preview_href() alt="" loading="lazy" width="96" /> }
            });
            view! {
                <li class="attachment">
                    {preview}
                    <span class="file-badge" aria-hidden="true">{f.kind.badge()}</span>
                    <a href=f.href() download=f.name.clone()>{f.name.clone()}</a>
                    " "
                    <span class="file-size">{human_size(f.size)}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="attachments" aria-label=tr!(i18n, files.attachments)>
            {items}
        </ul>
    }
}

//! Attachments as the conversation shows them, and the words for a refused
//! file.

use leptos::prelude::*;

use super::kind::human_size;
use super::{Attachment, FileProblem};
use crate::i18n::*;
use crate::ui::labels::I18n;

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
        <ul class="attachments" aria-label=move || t_string!(i18n, files.attachments).to_string()>
            {items}
        </ul>
    }
}

/// "report.pdf — The content of this file does not match its type."
pub fn problem(i18n: I18n, name: &str, p: FileProblem) -> AnyView {
    let text = match p {
        FileProblem::TooMany => t!(i18n, files.too_many).into_any(),
        FileProblem::TooLarge => t!(i18n, files.too_large).into_any(),
        FileProblem::NotAllowed => t!(i18n, files.not_allowed).into_any(),
        FileProblem::Mismatch => t!(i18n, files.mismatch).into_any(),
        FileProblem::Empty => t!(i18n, files.empty).into_any(),
        FileProblem::BadName => t!(i18n, files.bad_name).into_any(),
        FileProblem::Broken => t!(i18n, files.broken).into_any(),
    };
    let name = (!name.is_empty()).then(|| view! { <strong>{name.to_owned()}</strong> " — " });
    view! { {name} {text} }.into_any()
}

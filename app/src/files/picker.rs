//! The file picker of every form that carries files: a plain
//! `<input type="file">` (so forms work before the wasm loads), plus drag
//! and drop, a list of the chosen files with size, progress and "Remove",
//! and the upload itself through `XMLHttpRequest`, whose upload progress
//! events `fetch` does not offer.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{File, FileList, FormData, HtmlFormElement, HtmlInputElement, XmlHttpRequest};

use super::kind::{human_size, ACCEPT};
use super::ERROR_PARAM;
use super::{error_from_query, get_upload_limits, FileKind, FileProblem, UploadLimits, Uploaded};
use crate::error::AppError;
use crate::i18n::*;

/// A chosen file as the list shows it.
#[derive(Clone, Debug, PartialEq)]
struct Item {
    id: usize,
    name: String,
    size: u64,
    /// 0 to 100.
    progress: RwSignal<f64>,
}

/// The state of one form that uploads: the chosen files, whether it is
/// sending, and the last error (also one a plain form post came back with).
#[derive(Clone, Copy)]
pub struct Upload {
    items: RwSignal<Vec<Item>>,
    /// The browser's `File`s, beside `items`. Wrapped one by one (not in
    /// local storage as a whole): the server renders this list empty, and
    /// an empty list may be dropped on any thread.
    files: StoredValue<Vec<(usize, SendWrapper<File>)>>,
    next: StoredValue<usize>,
    pub sending: RwSignal<bool>,
    pub error: RwSignal<Option<AppError>>,
}

impl Upload {
    pub fn new() -> Self {
        let query = use_query_map();
        let came_back = query
            .read_untracked()
            .get(ERROR_PARAM)
            .and_then(|raw| error_from_query(&raw));
        Self {
            items: RwSignal::new(Vec::new()),
            files: StoredValue::new(Vec::new()),
            next: StoredValue::new(0),
            sending: RwSignal::new(false),
            error: RwSignal::new(came_back),
        }
    }

    pub fn error(&self) -> Signal<Option<AppError>> {
        self.error.into()
    }

    /// Adds files, refusing (with the same words as the server) any the
    /// server would refuse by name, count or size.
    fn add(&self, list: FileList, limits: UploadLimits) {
        self.error.set(None);
        for i in 0..list.length() {
            let Some(file) = list.get(i) else { continue };
            let (name, size) = (file.name(), file.size() as u64);
            let items = self.items.get_untracked();
            let total: u64 = items.iter().map(|f| f.size).sum();
            let problem = if FileKind::from_name(&name).is_none() {
                Some(FileProblem::NotAllowed)
            } else if size == 0 {
                Some(FileProblem::Empty)
            } else if items.len() >= limits.max_files {
                Some(FileProblem::TooMany)
            } else if total + size > limits.max_bytes {
                Some(FileProblem::TooLarge)
            } else {
                None
            };
            if let Some(problem) = problem {
                self.error.set(Some(AppError::File { name, problem }));
                continue;
            }
            let id = self.next.get_value();
            self.next.set_value(id + 1);
            self.files
                .update_value(|f| f.push((id, SendWrapper::new(file))));
            self.items.update(|items| {
                items.push(Item {
                    id,
                    name,
                    size,
                    progress: RwSignal::new(0.0),
                })
            });
        }
    }

    fn remove(&self, id: usize) {
        self.files.update_value(|f| f.retain(|(i, _)| *i != id));
        self.items.update(|items| items.retain(|f| f.id != id));
    }

    fn clear(&self) {
        self.files.set_value(Vec::new());
        self.items.set(Vec::new());
    }

    /// Sends the form with the chosen files; `done` runs after a success,
    /// once the form is reset.
    pub fn submit(self, ev: leptos::ev::SubmitEvent, done: impl FnOnce(Uploaded) + 'static) {
        ev.prevent_default();
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        if self.sending.get_untracked() {
            return;
        }
        self.sending.set(true);
        self.error.set(None);
        let files = self.files.get_value();
        let items = self.items.get_untracked();
        let to_send = form.clone();
        let finish = move |result: Result<Uploaded, AppError>| {
            self.sending.set(false);
            match result {
                Ok(uploaded) => {
                    form.reset();
                    self.clear();
                    done(uploaded);
                }
                Err(err) => {
                    for item in self.items.get_untracked() {
                        item.progress.set(0.0);
                    }
                    self.error.set(Some(err));
                }
            }
        };
        if send(&to_send, &files, items, finish).is_err() {
            self.sending.set(false);
            self.error.set(Some(AppError::Network));
        }
    }
}

impl Default for Upload {
    fn default() -> Self {
        Self::new()
    }
}

/// Posts the form as multipart with `files` in place of the input's own,
/// moving each item's progress bar as its bytes go out.
fn send(
    form: &HtmlFormElement,
    files: &[(usize, SendWrapper<File>)],
    items: Vec<Item>,
    finish: impl FnOnce(Result<Uploaded, AppError>) + 'static,
) -> Result<(), wasm_bindgen::JsValue> {
    let data = FormData::new_with_form(form)?;
    // Files picked before the wasm loaded are still in the input: with no
    // list of our own, the form's entries go as they are.
    if !files.is_empty() {
        data.delete("files");
    }
    for (id, file) in files {
        let name = items.iter().find(|i| i.id == *id).map(|i| i.name.clone());
        let file: &File = file;
        data.append_with_blob_and_filename("files", file, &name.unwrap_or_else(|| file.name()))?;
    }
    let xhr = XmlHttpRequest::new()?;
    xhr.open("POST", &form.action())?;
    xhr.set_request_header("Accept", "application/json")?;

    // Files go out in order; the multipart framing is small, so the share
    // of the body sent tells how far each file is.
    let total: f64 = items.iter().map(|i| i.size as f64).sum::<f64>().max(1.0);
    let on_progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if !e.length_computable() || e.total() <= 0.0 {
                return;
            }
            let sent = e.loaded() / e.total() * total;
            let mut start = 0.0;
            for item in &items {
                let size = (item.size as f64).max(1.0);
                let share = ((sent - start) / size).clamp(0.0, 1.0);
                item.progress.set((share * 100.0).round());
                start += size;
            }
        });
    xhr.upload()?
        .set_onprogress(Some(on_progress.as_ref().unchecked_ref()));

    let answer = xhr.clone();
    let mut finish = Some(finish);
    let on_end = Closure::<dyn FnMut()>::new(move || {
        let status = answer.status().unwrap_or(0);
        let text = answer.response_text().ok().flatten().unwrap_or_default();
        let result =
            match status {
                0 => Err(AppError::Network),
                200 => serde_json::from_slice::<Uploaded>(text.as_bytes())
                    .map_err(|_| AppError::Network),
                _ => Err(serde_json::from_slice::<AppError>(text.as_bytes())
                    .unwrap_or(AppError::Internal)),
            };
        if let Some(finish) = finish.take() {
            finish(result);
        }
    });
    xhr.set_onloadend(Some(on_end.as_ref().unchecked_ref()));
    xhr.send_with_opt_form_data(Some(&data))?;
    // The request owns its handlers from here; the closures live as long
    // as the page (a few bytes per upload).
    on_progress.forget();
    on_end.forget();
    Ok(())
}

/// The picker: label, input, drop zone, hint with the limits, the chosen
/// files, and the error of a refused file.
#[component]
pub fn FilePicker(#[prop(into)] id: String, upload: Upload) -> impl IntoView {
    let i18n = use_i18n();
    let limits =
        OnceResource::<_, crate::ui::data::Json>::new_with_options(get_upload_limits(), false);
    let current = move || limits.get().and_then(Result::ok).unwrap_or_default();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let error_ref = error_id.clone();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(list) = input.files() {
            upload.add(list, current());
        }
        // The list above is what gets sent; clearing lets the same file
        // be chosen again after "Remove".
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
            upload.add(list, current());
        }
    };
    let file_error = move || match upload.error.get() {
        Some(AppError::File { name, problem }) => {
            Some(crate::ui::labels::file_problem(i18n, &name, problem))
        }
        _ => None,
    };
    let hint = move || {
        let l = current();
        let mb = l.max_bytes / (1024 * 1024);
        view! { {t!(i18n, files.hint, files = move || l.max_files, mb = move || mb)} }
    };
    let input = view! {
        <label for=id.clone()>{tr!(i18n, files.attach)}</label>
        <input type="file" id=id name="files" multiple accept=ACCEPT
            aria-describedby=format!("{hint_id} {error_ref}") on:change=on_change />
        <p class="hint" id=hint_id>
            {tr!(i18n, files.drop)} " "
            <Suspense>{move || Suspend::new(async move { limits.await.ok().map(|_| hint()) })}</Suspense>
        </p>
    }
    .into_any();
    view! {
        <div class="dropzone" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            {input}
            <ul class="chosen-files" aria-label=tr!(i18n, files.chosen)
                hidden=move || upload.items.read().is_empty()>
                <For each=move || upload.items.get() key=|item| item.id let:item>
                    <ChosenFile item upload />
                </For>
            </ul>
            <p class="field-error" id=error_id role="alert" hidden=move || file_error().is_none()>
                {file_error}
            </p>
        </div>
    }
    .into_any()
}

#[component]
fn ChosenFile(item: Item, upload: Upload) -> impl IntoView {
    let i18n = use_i18n();
    let Item {
        id,
        name,
        size,
        progress,
    } = item;
    let label = {
        let name = name.clone();
        move || format!("{} {name}", t_string!(i18n, files.progress))
    };
    view! {
        <li>
            <span class="file-name">{name.clone()}</span> " "
            <span class="file-size">{human_size(size)}</span> " "
            <progress max="100" value=move || progress.get() aria-label=label></progress>
            " "
            <button type="button" class="link" disabled=move || upload.sending.get()
                on:click=move |_| upload.remove(id)>
                {tr!(i18n, files.remove)}
                <span class="visually-hidden">" " {name}</span>
            </button>
        </li>
    }
    .into_any()
}

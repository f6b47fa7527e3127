//! The case types admins define, read by each page that names types and
//! shared by its forms and lists, in the reader's language.

use std::sync::Arc;

use leptos::prelude::*;

use super::case_type::{label_of, CaseType, CaseTypeInfo};
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::labels::{language, I18n};

/// Every case type with its labels (not a secret: anyone may read them).
#[server(prefix = "/api", endpoint = "case-types")]
pub async fn case_types() -> Result<Vec<CaseTypeInfo>, AppError> {
    use crate::state::{app_state, respond};
    let run = async {
        let state = app_state()?;
        domain::cases::settings::all(&state.db).await
    };
    respond(run.await)
}

/// The catalogue a page's parts share; the settings page refetches it.
#[derive(Clone, Copy)]
pub struct TypeCatalogue(pub crate::ui::data::Data<Result<Vec<CaseTypeInfo>, AppError>>);

/// Called first thing by every page that names case types (the page, not
/// the shell: the help center's pages need none of this code or data).
pub fn provide_case_types() {
    provide_context(TypeCatalogue(crate::ui::data::resource(
        || (),
        |_| case_types(),
    )));
}

pub fn use_case_types() -> TypeCatalogue {
    expect_context::<TypeCatalogue>()
}

/// `key`'s label in the page's language (the key while unknown).
pub fn label(i18n: I18n, types: &[CaseTypeInfo], key: &CaseType) -> String {
    label_of(types, key, language(i18n)).to_owned()
}

/// A type's name, as text.
#[component]
pub fn CaseTypeName(key: CaseType) -> impl IntoView {
    let i18n = use_i18n();
    let types = use_case_types().0;
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let key = key.clone();
                Suspend::new(async move {
                    let types = types.await.unwrap_or_default();
                    move || label(i18n, &types, &key)
                })
            }}
        </Suspense>
    }
}

/// The `<option>`s of a type select: the types offered for new cases,
/// plus, with `every`, those out of use (a filter finds their cases) or
/// else the one `selected` names (a case keeps its type).
#[component]
pub fn CaseTypeOptions(
    #[prop(into)] selected: Signal<String>,
    #[prop(optional)] every: bool,
) -> impl IntoView {
    let types = use_case_types().0;
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let types = types.await.unwrap_or_default();
                view! { <TypeOptionList types=types.into() selected every /> }
            })}
        </Suspense>
    }
}

/// [`CaseTypeOptions`] from a catalogue at hand.
#[component]
pub fn TypeOptionList(
    types: Arc<[CaseTypeInfo]>,
    selected: Signal<String>,
    every: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = selected.get_untracked();
    types
        .iter()
        .filter(|t| t.active || every || t.key.as_str() == current)
        .map(|t| {
            let key = t.key.as_str().to_owned();
            let is_selected = {
                let key = key.clone();
                move || selected.get() == key
            };
            let info = t.clone();
            view! {
                <option value=key selected=is_selected>
                    {move || info.label(language(i18n)).to_owned()}
                </option>
            }
        })
        .collect_view()
}

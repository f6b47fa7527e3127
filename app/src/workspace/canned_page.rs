//! "Canned responses": staff keep their own reusable answers and read the
//! shared ones, which admins keep. Each in English, Spanish and French.

use leptos::prelude::*;
use leptos_router::components::A;

use super::canned_api::{canned_list, RemoveCanned, SaveCanned};
use super::{Canned, PLACEHOLDERS, TITLE_MAX};
use crate::auth::context::use_auth;
use crate::auth::Role;
use crate::i18n::*;
use crate::ui::forms::{last_error, AnyProblem, ErrorNotice};
use crate::ui::title::PageTitle;
use crate::validate::MESSAGE_MAX;

#[component]
pub fn CannedPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let save = ServerAction::<SaveCanned>::new();
    let remove = ServerAction::<RemoveCanned>::new();
    let list = crate::ui::data::resource(
        move || (save.version().get(), remove.version().get()),
        |_| canned_list(),
    );
    let errors = [last_error(save.value()), last_error(remove.value())];
    let saved = move || matches!(save.value().get(), Some(Ok(())));
    let placeholders = PLACEHOLDERS
        .iter()
        .map(|p| view! { <li><code>{format!("{{{{{p}}}}}")}</code></li> })
        .collect_view();
    view! {
        <PageTitle text=move || t_string!(i18n, canned.title).to_string() />
        <p class="back"><A href="/staff">{tr!(i18n, staff.back_to_list)}</A></p>
        <h1>{tr!(i18n, canned.title)}</h1>
        <p>{tr!(i18n, canned.intro)}</p>
        <ul class="placeholders" aria-label=tr!(i18n, canned.placeholders)>
            {placeholders}
        </ul>
        {errors.map(|error| view! { <AnyProblem error /> })}
        <Show when=saved>
            <p class="notice success" role="status">{tr!(i18n, canned.saved)}</p>
        </Show>
        <Transition>
            {move || Suspend::new(async move {
                let admin = matches!(auth.user.await, Ok(Some(u)) if u.role == Role::Admin);
                match list.await {
                    Ok(list) if list.is_empty() => {
                        view! { <p class="empty">{tr!(i18n, canned.none)}</p> }.into_any()
                    }
                    Ok(list) => list
                        .into_iter()
                        .map(|c| view! { <CannedItem c admin save remove /> })
                        .collect_view()
                        .into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Transition>
        <section aria-labelledby="add-canned-heading">
            <h2 id="add-canned-heading">{tr!(i18n, canned.add)}</h2>
            <Transition>
                {move || Suspend::new(async move {
                    let admin = matches!(auth.user.await, Ok(Some(u)) if u.role == Role::Admin);
                    view! { <CannedForm c=None admin save /> }
                })}
            </Transition>
        </section>
    }
}

/// One response: its title and kind, its form folded away, removal.
#[component]
fn CannedItem(
    c: Canned,
    admin: bool,
    save: ServerAction<SaveCanned>,
    remove: ServerAction<RemoveCanned>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = c.id;
    let writable = admin || !c.shared;
    let kind = move || match c.shared {
        true => t_string!(i18n, canned.shared),
        false => t_string!(i18n, canned.personal),
    };
    let (title, label) = (c.title.clone(), c.title.clone());
    let remove_label = format!("{} {}", t_string!(i18n, canned.remove), c.title);
    view! {
        <section class="canned-item" aria-label=label>
            <details>
                <summary><strong>{title}</strong> " · " {kind}</summary>
                {if writable {
                    view! {
                        <CannedForm c=Some(c.clone()) admin save />
                        <ActionForm action=remove attr:class="inline-form">
                            <input type="hidden" name="id" value=id />
                            <button type="submit" class="danger" aria-label=remove_label>
                                {tr!(i18n, canned.remove)}
                            </button>
                        </ActionForm>
                    }
                    .into_any()
                } else {
                    view! { <pre class="canned-body">{c.bodies[0].clone()}</pre> }.into_any()
                }}
            </details>
        </section>
    }
}

/// The add form (`c` `None`) or the edit form of one response.
#[component]
fn CannedForm(c: Option<Canned>, admin: bool, save: ServerAction<SaveCanned>) -> impl IntoView {
    let i18n = use_i18n();
    let key = c.as_ref().map_or("new".to_string(), |c| c.id.to_string());
    let field = move |name: &str| format!("canned-{key}-{name}");
    let (id, title) = c
        .as_ref()
        .map(|c| (c.id.to_string(), c.title.clone()))
        .unwrap_or_default();
    let bodies = c.as_ref().map(|c| c.bodies.clone()).unwrap_or_default();
    let shared = c.as_ref().is_some_and(|c| c.shared);
    let labels = [
        t_string!(i18n, canned.body_en).to_string(),
        t_string!(i18n, canned.body_es).to_string(),
        t_string!(i18n, canned.body_fr).to_string(),
    ];
    let areas = ["body_en", "body_es", "body_fr"]
        .into_iter()
        .zip(bodies)
        .zip(labels)
        .map(|((name, body), label)| {
            let fid = field(name);
            view! {
                <label for=fid.clone()>{label}</label>
                <textarea id=fid name=name rows="4" required maxlength=MESSAGE_MAX>{body}</textarea>
            }
        })
        .collect_view();
    let (title_id, shared_id) = (field("title"), field("shared"));
    view! {
        <ActionForm action=save attr:class="canned-form">
            <input type="hidden" name="id" value=id />
            <label for=title_id.clone()>{tr!(i18n, canned.name)}</label>
            <input id=title_id name="title" required maxlength=TITLE_MAX value=title />
            {admin.then(|| view! {
                <label class="check" for=shared_id.clone()>
                    <input type="checkbox" id=shared_id.clone() name="shared" value="1" checked=shared />
                    {tr!(i18n, canned.share)}
                </label>
            })}
            {areas}
            <button type="submit" class="primary">{tr!(i18n, canned.save)}</button>
        </ActionForm>
    }
}

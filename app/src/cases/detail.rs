//! A case page: its details, the conversation or the Activity tab, the
//! reply box, and the controls this viewer may use.

use leptos::prelude::*;
use leptos_router::components::{Redirect, A};
use leptos_router::hooks::{use_params_map, use_query_map};

use super::actions::{CloseForm, ConfirmForm, MergeForm, StatusChoice, StatusForm};
use super::activity::ActivityPanel;
use super::api::{get_case, ChangeStatus, CloseCase, ConfirmSelfHelp, EditCase, MergeCase};
use super::conversation::{Conversation, ReplyForm, ReplyGuard, UploadForm};
use super::details::{DetailsPanel, EditForm};
use super::hold::{EditHold, HeldNotice};
use super::{CaseDetail, CaseStatus};
use crate::auth::context::use_auth;
use crate::error::AppError;
use crate::i18n::*;
use crate::ui::forms::ErrorNotice;
use crate::ui::title::PageTitle;
use crate::workspace::api::staff_directory;
use crate::workspace::assign_panel::{AssignActions, AssignPanel};
use crate::workspace::live::use_live;
use crate::workspace::presence_bar::PresenceBar;
use crate::workspace::sla_clock::SlaPanel;

#[component]
pub fn CasePage() -> impl IntoView {
    crate::cases::case_types::provide_case_types();
    let i18n = use_i18n();
    let params = use_params_map();
    let actions = CaseActions::new();
    let query = use_query_map();
    // Page of the conversation; a missing or unreadable one is the latest.
    let page = move || query.read().get("page").and_then(|p| p.parse::<u32>().ok());
    // `None` for a number that is not a number: answered as not found.
    let number = move || {
        params
            .read()
            .get("number")
            .and_then(|n| n.parse::<i64>().ok())
    };
    // A change heard for this case reloads it (the draft reply is kept).
    let hold = EditHold::new(use_live().case(number));
    actions.choice.clear_after(actions.status);
    // The page's own actions save what was being edited.
    Effect::new(move |_| {
        actions.version();
        hold.release();
    });
    let case = crate::ui::data::resource(
        move || (number(), page(), actions.version(), hold.applied()),
        |(number, page, _, _)| async move {
            match number {
                Some(n) => get_case(n, page).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    // Staff see who else is on the case; it stays put while the case reloads.
    let auth = use_auth();
    let typing = Signal::derive(move || !actions.draft.read().trim().is_empty());
    let presence = move || {
        Suspend::new(async move {
            let staff = matches!(auth.user.await, Ok(Some(u)) if u.role.is_staff());
            number().filter(|_| staff).map(|number| {
                // One fetch of the open chats for the bar and the alert.
                let chats = crate::chat::alert::live_open_chats();
                let rows = Signal::derive(move || chats.get().and_then(Result::ok));
                view! {
                    <PresenceBar number typing />
                    <crate::chat::chat_bar::ChatBar number others=rows />
                    <crate::chat::alert::ChatAlert chats=rows />
                }
            })
        })
    };
    view! {
        <Transition>{presence}</Transition>
        <Transition>
            {move || Suspend::new(async move {
                match case.await {
                    Ok(case) => view! { <CaseView case actions hold /> }.into_any(),
                    Err(AppError::SignInRequired) => {
                        let next = format!("/signin?next=/cases/{}", number().unwrap_or_default());
                        view! { <Redirect path=next /> }.into_any()
                    }
                    Err(error) => {
                        view! {
                            <PageTitle text=move || t_string!(i18n, errors.not_found).to_string() />
                            <ErrorNotice error />
                            <p><A href="/cases">{tr!(i18n, cases.back_to_list)}</A></p>
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// What can be done on a case page; the page reloads after each.
#[derive(Clone, Copy)]
struct CaseActions {
    /// Bumped by each reply or upload (plain multipart posts, not actions).
    sent: RwSignal<usize>,
    /// Whether the last reply / upload went through, for their notices.
    replied: RwSignal<bool>,
    uploaded: RwSignal<bool>,
    status: ServerAction<ChangeStatus>,
    close: ServerAction<CloseCase>,
    confirm: ServerAction<ConfirmSelfHelp>,
    edit: ServerAction<EditCase>,
    merge: ServerAction<MergeCase>,
    assign: AssignActions,
    /// The reply being written, kept when the page reloads.
    draft: RwSignal<String>,
    /// The newest message's time when that writing began.
    draft_base: RwSignal<Option<i64>>,
    /// The status and referral chosen but not yet saved.
    choice: StatusChoice,
}

impl CaseActions {
    fn new() -> Self {
        Self {
            sent: RwSignal::new(0),
            replied: RwSignal::new(false),
            uploaded: RwSignal::new(false),
            status: ServerAction::new(),
            close: ServerAction::new(),
            confirm: ServerAction::new(),
            edit: ServerAction::new(),
            merge: ServerAction::new(),
            assign: AssignActions::new(),
            draft: RwSignal::new(String::new()),
            draft_base: RwSignal::new(None),
            choice: StatusChoice::default(),
        }
    }

    fn reload(&self) -> Callback<()> {
        let sent = self.sent;
        Callback::new(move |_| sent.update(|n| *n += 1))
    }

    fn version(&self) -> [usize; 7] {
        [
            self.sent.get(),
            self.status.version().get(),
            self.close.version().get(),
            self.confirm.version().get(),
            self.edit.version().get(),
            self.merge.version().get(),
            self.assign.version(),
        ]
    }
}

#[component]
fn CaseView(case: CaseDetail, actions: CaseActions, hold: EditHold) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let staff = case.viewer_is_staff;
    let number = case.number;
    let current = case.status;
    let chat = case.origin == super::Origin::Chat;
    let requester = case.viewer_is_requester;
    let can_close = requester && !current.is_final();
    let can_edit = staff || (requester && !current.is_final());
    let confirming = requester && current == CaseStatus::AwaitingConfirmation;
    let back = if staff { "/staff" } else { "/cases" };
    let on_activity = move || query.read().get("tab").as_deref() == Some("activity");
    let added = move || query.read().get("added").is_some();
    let here = format!("/cases/{number}");
    let activity_href = format!("/cases/{number}?tab=activity");
    let (messages, activity, updated) = (
        case.messages.clone(),
        case.activity.clone(),
        case.updated_at,
    );
    let duplicate_of = case.duplicate_of;
    let tabs = view! {
        <nav class="tabs" aria-label=tr!(i18n, cases.sections)>
            <A href=here.clone() attr:aria-current=move || (!on_activity()).then_some("page")>
                {tr!(i18n, cases.conversation)}
            </A>
            <A href=activity_href attr:aria-current=move || on_activity().then_some("page")>
                {tr!(i18n, cases.activity)}
            </A>
        </nav>
    }
    .into_any();
    let body = view! {
        <Show
            when=on_activity
            fallback=move || view! {
                <section aria-labelledby="conversation-heading">
                    <h2 id="conversation-heading">{tr!(i18n, cases.conversation)}</h2>
                    <ConversationPages number page=case.page pages=case.pages />
                    <Conversation messages=messages.clone() />
                </section>
            }
        >
            <ActivityPanel entries=activity.clone() last_update=updated for_staff=staff />
        </Show>
    }
    .into_any();
    // Staff are asked before answering over a message they have not read.
    let guard = staff.then(|| ReplyGuard {
        base: actions.draft_base,
        latest: case.messages.last().map_or(0, |m| m.created_at),
    });
    let answer = if current.is_final() {
        view! {
            <p class="notice">
                {tr!(i18n, cases.final_notice)} " "
                <A href="/cases/new">{tr!(i18n, cases.open_new)}</A>
            </p>
        }
        .into_any()
    } else {
        view! { <ReplyForm number on_sent=actions.reload() sent=actions.replied id="reply-body".to_string() staff draft=actions.draft guard chat /> }
            .into_any()
    };
    let assignment = case.assignment.clone();
    let department = assignment
        .as_ref()
        .and_then(|a| a.department.as_ref().map(|d| d.0));
    // Agents and departments, for the assignment box and the referral.
    let directory = crate::ui::data::resource(
        || (),
        move |_| async move {
            if staff {
                staff_directory().await
            } else {
                Ok(Default::default())
            }
        },
    );
    let side = view! {
        {assignment.map(|assignment| view! {
            <AssignPanel number assignment directory actions=actions.assign />
        })}
        {case.sla.map(|clock| view! { <SlaPanel clock /> })}
        <DetailsPanel case=case.clone() />
        {(!current.is_final()).then(|| view! { <UploadForm number on_sent=actions.reload() sent=actions.uploaded /> })}
        {can_edit.then(|| view! { <EditForm case=case.clone() edit=actions.edit /> })}
        {(staff && !current.is_final()).then(|| view! {
            <StatusForm number current status=actions.status directory department choice=actions.choice />
            <MergeForm number merge=actions.merge />
        })}
    }
    .into_any();
    let notices = view! {
        <Show when=added>
            <p class="notice success" role="status">{tr!(i18n, cases.added_notice)}</p>
        </Show>
        {duplicate_of.map(|n| view! {
            <p class="notice">
                {tr!(i18n, cases.merged_into)} " "
                <A href=format!("/cases/{n}")>{format!("#{n}")}</A>
            </p>
        })}
    }
    .into_any();
    let subject = case.subject.clone();
    view! {
        <PageTitle text=move || subject.clone() />
        <p>
            <A href=back>
                {move || if staff { t_string!(i18n, staff.back_to_list).to_string() }
                    else { t_string!(i18n, cases.back_to_list).to_string() }}
            </A>
        </p>
        <h1>{case.subject.clone()}</h1>
        {notices}
        <HeldNotice hold />
        <div class="case-layout">
            <div class="case-main">
                {tabs}
                {body}
                {confirming.then(|| view! { <ConfirmForm number confirm=actions.confirm /> })}
                {answer}
                {can_close.then(|| view! { <CloseForm number close=actions.close /> })}
            </div>
            <div class="case-side" on:input=move |_| hold.edit() on:change=move |_| hold.edit()>
                {side}
            </div>
        </div>
    }
}

/// Links to the earlier and later pages of a long conversation (plain
/// links: they work before the wasm has loaded).
#[component]
fn ConversationPages(number: i64, page: u32, pages: u32) -> impl IntoView {
    let i18n = use_i18n();
    (pages > 1).then(|| {
        let earlier = (page < pages).then(|| {
            let href = format!("/cases/{number}?page={}", page + 1);
            view! { <A href=href>{tr!(i18n, cases.earlier_messages)}</A> }
        });
        let later = (page > 1).then(|| {
            let href = format!("/cases/{number}?page={}", page - 1);
            view! { <A href=href>{tr!(i18n, cases.later_messages)}</A> }
        });
        view! {
            <nav class="pager" aria-label=tr!(i18n, cases.conversation_pages)>
                {earlier}
                <span>{t!(i18n, cases.conversation_page, page, pages)}</span>
                {later}
            </nav>
        }
    })
}

//! "Was this article helpful?" Yes / No; after No, an optional comment
//! (sent as the same vote again, so it still counts once). Staff see the
//! counts and comments.

use leptos::prelude::*;

use super::api::VoteArticle;
use super::Feedback;
use super::COMMENT_MAX;
use crate::i18n::*;
use crate::time::Timestamp;

#[component]
pub fn ArticleFeedback(
    id: i64,
    my_vote: Option<bool>,
    feedback: Option<Feedback>,
    vote: ServerAction<VoteArticle>,
) -> impl IntoView {
    let i18n = use_i18n();
    let pressed = move |v: bool| if my_vote == Some(v) { "true" } else { "false" };
    let buttons = view! {
        <div class="vote-buttons">
            <ActionForm action=vote>
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="helpful" value="yes" />
                <button type="submit" aria-pressed=pressed(true)>{tr!(i18n, help.yes)}</button>
            </ActionForm>
            <ActionForm action=vote>
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="helpful" value="no" />
                <button type="submit" aria-pressed=pressed(false)>{tr!(i18n, help.no)}</button>
            </ActionForm>
        </div>
    }
    .into_any();
    // The comment has its own action: sending it does not reload the page,
    // and the form gives way to a thank-you.
    let commented = ServerAction::<VoteArticle>::new();
    let sent = move || matches!(commented.value().get(), Some(Ok(())));
    let comment = (my_vote == Some(false)).then(|| {
        view! {
            <Show when=move || !sent()
                fallback=move || view! { <p role="status">{tr!(i18n, help.comment_sent)}</p> }>
                <ActionForm action=commented attr:class="vote-comment">
                    <input type="hidden" name="id" value=id />
                    <input type="hidden" name="helpful" value="no" />
                    <label for="vote-comment">{tr!(i18n, help.comment)}</label>
                    <textarea id="vote-comment" name="comment" rows="3" maxlength=COMMENT_MAX></textarea>
                    <button type="submit">{tr!(i18n, help.send_comment)}</button>
                </ActionForm>
            </Show>
        }
    });
    let staff = feedback.map(|f| {
        let (yes, no) = (f.yes, f.no);
        let comments = f
            .comments
            .into_iter()
            .map(|(text, at)| view! { <li><Timestamp ms=at /> " " {text}</li> })
            .collect_view();
        view! {
            <div class="staff-feedback">
                <p>{t!(i18n, help.votes, yes = move || yes, no = move || no)}</p>
                <h3>{tr!(i18n, help.comments)}</h3>
                <ul>{comments}</ul>
            </div>
        }
    });
    view! {
        <section class="feedback" aria-labelledby="feedback-heading">
            <h2 id="feedback-heading">{tr!(i18n, help.helpful)}</h2>
            {buttons}
            {my_vote.is_some().then(|| view! { <p role="status">{tr!(i18n, help.thanks)}</p> })}
            {comment}
            {staff}
        </section>
    }
    .into_any()
}

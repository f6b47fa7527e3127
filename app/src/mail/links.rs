//! `GET /mail/{token}`: the links mails carry. Each acts once and lands on
//! a page that says what happened; a used, expired or unknown link says
//! so, whatever the reason.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::auth::accounts;
use domain::cases::requester;
use domain::error::AppError;
use domain::mail::links::{peek, Purpose};
use http::{header, HeaderMap, HeaderValue};

use crate::auth::session;
use crate::state::AppState;

pub async fn follow(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    match act(&state, &token, &headers).await {
        Ok(res) => res,
        Err(AppError::LinkInvalid) => Redirect::to("/link?m=invalid").into_response(),
        Err(err) => {
            tracing::error!(?err, "following a mailed link failed");
            Redirect::to("/link?m=error").into_response()
        }
    }
}

async fn act(state: &AppState, token: &str, headers: &HeaderMap) -> Result<Response, AppError> {
    let db = &state.db;
    match peek(db, token).await?.purpose {
        Purpose::VerifyAddress | Purpose::ClaimContact => {
            let person = accounts::verify_address(db, token).await?;
            let cookie = session::start_from_headers(state, headers, &person).await?;
            let mut res = Redirect::to("/link?m=verified").into_response();
            for value in [cookie, crate::language::cookie(person.language)] {
                if let Ok(v) = HeaderValue::from_str(&value) {
                    res.headers_mut().append(header::SET_COOKIE, v);
                }
            }
            Ok(res)
        }
        // The new password is asked for on a page; the link is used there.
        Purpose::PasswordReset => {
            Ok(Redirect::to(&format!("/reset?token={token}")).into_response())
        }
        Purpose::ChangeEmail => {
            let to = match domain::auth::profile::confirm_email(db, token).await {
                Ok(_) => "/link?m=email_changed",
                Err(AppError::EmailTaken) => "/link?m=email_taken",
                Err(err) => return Err(err),
            };
            Ok(Redirect::to(to).into_response())
        }
        // A session that sees this case alone, for a week.
        Purpose::FollowCase => {
            let replacing = session::token_from_headers(headers);
            let following = domain::auth::follow::open(db, token, replacing.as_deref()).await?;
            let cookie = session::cookie_for(
                state,
                headers,
                &following.token,
                domain::auth::follow::SESSION_DAYS,
            );
            let mut res = Redirect::to(&format!("/cases/{}", following.number)).into_response();
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
            Ok(res)
        }
        Purpose::SelfHelpYes | Purpose::SelfHelpNo => {
            let (number, closed) = requester::confirm_by_link(db, token).await?;
            let m = if closed { "closed" } else { "kept" };
            Ok(Redirect::to(&format!("/link?m={m}&case={number}")).into_response())
        }
    }
}

//! Who may open which page, decided before the page renders: a visitor
//! asking for a page that needs an account goes to sign in and comes back
//! after; a signed-in person asking for a page of a role they lack goes to
//! their own start page. Nothing of such a page is rendered for them (its
//! data was refused anyway; this keeps the answer a plain redirect rather
//! than a page of errors with status 200).

use axum::response::{IntoResponse, Redirect, Response};
use domain::auth::Actor;
use http::{Method, Request};

/// What a page asks of its reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Needs {
    Anyone,
    Account,
    Staff,
    Admin,
}

fn needs(path: &str) -> Needs {
    let under = |root: &str| {
        path.strip_prefix(root)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    match path {
        "/staff/help-center"
        | "/staff/outbox"
        | "/staff/self-help"
        | "/staff/departments"
        | "/staff/users"
        | "/staff/service-levels"
        | "/staff/settings" => Needs::Admin,
        _ if under("/staff") => Needs::Staff,
        _ if under("/cases") || path == "/profile" => Needs::Account,
        _ => Needs::Anyone,
    }
}

/// The redirect for a page request `actor` may not open; `None` to serve it.
pub fn refuse<B>(req: &Request<B>, actor: &Actor) -> Option<Response> {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return None;
    }
    let allowed = match needs(req.uri().path()) {
        Needs::Anyone => return None,
        Needs::Account => actor.person().map(drop),
        Needs::Staff => actor.staff().map(drop),
        Needs::Admin => actor.admin().map(drop),
    };
    let to = match allowed {
        Ok(()) => return None,
        Err(_) if actor.person().is_err() => {
            let here = req.uri().path_and_query().map_or("/", |p| p.as_str());
            format!("/signin?next={}", urlencoding::encode(here))
        }
        Err(_) if actor.is_staff() => "/staff".to_owned(),
        Err(_) => "/cases".to_owned(),
    };
    Some(Redirect::to(&to).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_say_what_they_need() {
        assert_eq!(needs("/"), Needs::Anyone);
        assert_eq!(needs("/help/articles/3"), Needs::Anyone);
        assert_eq!(needs("/casesx"), Needs::Anyone);
        assert_eq!(needs("/cases"), Needs::Account);
        assert_eq!(needs("/cases/12"), Needs::Account);
        assert_eq!(needs("/profile"), Needs::Account);
        assert_eq!(needs("/staff"), Needs::Staff);
        assert_eq!(needs("/staff/articles/2/edit"), Needs::Staff);
        assert_eq!(needs("/staff/outbox"), Needs::Admin);
    }
}

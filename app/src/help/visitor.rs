//! Who votes on an article: a signed-in person by account, a visitor by a
//! random id in a cookie (made on their first vote).

use crate::auth::session::{cookie, secure_here, set_cookie};
use domain::auth::Actor;

use crate::state::AppState;

const COOKIE: &str = "hd_voter";

/// The voter key of this request, if it has one.
pub fn voter(actor: &Actor) -> Option<String> {
    if let Some(user) = actor.user() {
        return Some(format!("user:{}", user.id));
    }
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    cookie(&parts.headers, COOKIE)
        .filter(|v| v.len() == 32 && v.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(|v| format!("visitor:{v}"))
}

/// The voter key, giving a visitor without one a new cookie.
pub fn voter_or_new(state: &AppState, actor: &Actor) -> String {
    voter(actor).unwrap_or_else(|| {
        let id = domain::files::store::new_key();
        let secure = if secure_here(state) { "; Secure" } else { "" };
        set_cookie(format!(
            "{COOKIE}={id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000{secure}"
        ));
        format!("visitor:{id}")
    })
}

//! Who is signed in, shared by every page through a context, refreshed
//! whenever an account action completes.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::api::current_user;
use super::User;
use crate::error::AppError;

/// Who is signed in, refreshed whenever an account action completes.
#[derive(Clone, Copy)]
pub struct Auth {
    pub user: crate::ui::data::Data<Result<Option<User>, AppError>>,
    /// The shell's owner, which outlives every page.
    shell: StoredValue<Owner>,
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

/// Puts [`Auth`] in the context of everything below.
pub fn provide_auth() {
    let user = crate::ui::data::resource(|| (), |_| current_user());
    let shell = StoredValue::new(Owner::current().expect("provide_auth runs in a component"));
    provide_context(Auth { user, shell });
}

impl Auth {
    /// An account action (sign in, sign up, sign out everywhere) for a page,
    /// owned by the shell: signing in sends the browser to another page
    /// before the answer is read, and an action owned by the page would be
    /// gone by then, with the top bar still saying "Sign in". Made by the
    /// page rather than here, so its code arrives with the page, not with
    /// every first load. Each visit of such a page adds one small action to
    /// the shell, kept until the tab closes.
    pub fn action<S>(self) -> ServerAction<S>
    where
        S: ServerFn + Send + Sync + Clone + 'static,
        S::Output: Send + Sync + 'static,
        S::Error: Send + Sync + 'static,
    {
        let user = self.user;
        self.shell.get_value().with(|| {
            let action = ServerAction::<S>::new();
            Effect::new(move |_| {
                if action.version().get() > 0 {
                    user.refetch();
                }
            });
            action
        })
    }
}

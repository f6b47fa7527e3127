//! Who is signed in, shared by every page through a context, refreshed
//! whenever an account action completes.

use leptos::prelude::*;

use super::api::{current_user, SignIn, SignOutEverywhere, SignUp};
use super::User;
use crate::error::AppError;

/// Who is signed in, refreshed whenever an account action completes.
#[derive(Clone, Copy)]
pub struct Auth {
    pub user: crate::ui::data::Data<Result<Option<User>, AppError>>,
    pub sign_in: ServerAction<SignIn>,
    pub sign_up: ServerAction<SignUp>,
    pub sign_out_everywhere: ServerAction<SignOutEverywhere>,
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

/// Puts [`Auth`] in the context of everything below.
pub fn provide_auth() {
    let sign_in = ServerAction::<SignIn>::new();
    let sign_up = ServerAction::<SignUp>::new();
    let sign_out_everywhere = ServerAction::<SignOutEverywhere>::new();
    let user = crate::ui::data::resource(
        move || {
            (
                sign_in.version().get(),
                sign_up.version().get(),
                sign_out_everywhere.version().get(),
            )
        },
        |_| current_user(),
    );
    provide_context(Auth {
        user,
        sign_in,
        sign_up,
        sign_out_everywhere,
    });
}

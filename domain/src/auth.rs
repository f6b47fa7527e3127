//! Accounts: passwords, sessions, and the typed actors every service takes.

pub use model::auth::*;

pub mod accounts;
pub mod actor;
pub mod follow;
pub mod gate;
pub mod passwords;
pub mod photo;
pub mod profile;
#[cfg(test)]
mod profile_tests;
#[cfg(test)]
mod session_tests;
pub mod store;
pub mod throttle;
pub mod users;

pub use actor::{Actor, Admin, Person, Staff};

#[cfg(test)]
pub(crate) mod testing {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::{accounts, Actor, Admin, Role, Staff};
    use crate::db::Db;

    /// A new admin (also staff), for tests of services that ask for one.
    pub async fn admin(db: &Db) -> Admin {
        static N: AtomicUsize = AtomicUsize::new(0);
        let email = format!("admin{}@example.com", N.fetch_add(1, Ordering::Relaxed));
        let person = accounts::register(db, Role::Admin, "Ada", &email, "password-1")
            .await
            .unwrap();
        person.staff().and_then(|s| s.admin()).unwrap()
    }

    /// A new staff member (an admin).
    pub async fn staff(db: &Db) -> Staff {
        (*admin(db).await).clone()
    }

    /// A new staff member as a request's actor.
    pub async fn staff_actor(db: &Db) -> Actor {
        Actor::Person((**admin(db).await).clone())
    }
}

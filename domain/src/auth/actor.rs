//! Who is asking, as a type. A service that needs staff takes a [`Staff`],
//! so it cannot be called without proof of one; one open to every signed-in
//! person (a customer, or staff acting as one) takes a [`Person`]. The
//! constructors are private to `auth`: actors come from a session or from
//! checked credentials ([`super::accounts`]).
//!
//! A customer's call to a staff service does not compile:
//!
//! ```compile_fail
//! # async fn f(db: &domain::db::Db, customer: &domain::auth::Person) {
//! let all = domain::cases::filter::CaseFilter::default();
//! domain::cases::listing::list_all(db, customer, &all, None).await;
//! # }
//! ```
//!
//! The proof must be asked for, and a customer is refused it:
//!
//! ```no_run
//! # async fn f(db: &domain::db::Db, person: &domain::auth::Person)
//! #     -> Result<(), domain::error::AppError> {
//! let staff = person.staff()?; // `Forbidden` for a customer
//! let all = domain::cases::filter::CaseFilter::default();
//! domain::cases::listing::list_all(db, &staff, &all, None).await?;
//! # Ok(())
//! # }
//! ```
//!
//! Nor can code outside `auth` make one from a user:
//!
//! ```compile_fail
//! # fn f(user: domain::auth::User) -> domain::auth::Person {
//! domain::auth::Person::from_user(user)
//! # }
//! ```

use std::ops::Deref;

use super::User;
use crate::error::AppError;

/// Anyone signed in: a customer, an agent or an admin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person(User);

/// A signed-in agent or admin; usable wherever a [`Person`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staff(Person);

/// A signed-in admin; usable wherever [`Staff`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Admin(Staff);

/// Whoever sent a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    Visitor,
    Person(Person),
}

impl Person {
    /// Only `auth` turns a stored user into a person.
    pub(super) fn from_user(user: User) -> Self {
        Person(user)
    }

    pub fn user(&self) -> &User {
        &self.0
    }

    pub fn is_staff(&self) -> bool {
        self.0.role.is_staff()
    }

    /// This person as staff, or `Forbidden`.
    pub fn staff(&self) -> Result<Staff, AppError> {
        if self.is_staff() {
            Ok(Staff(self.clone()))
        } else {
            Err(AppError::Forbidden)
        }
    }
}

impl Staff {
    pub fn is_admin(&self) -> bool {
        self.user().role == super::Role::Admin
    }

    /// This agent as an admin, or `Forbidden`.
    pub fn admin(&self) -> Result<Admin, AppError> {
        if self.is_admin() {
            Ok(Admin(self.clone()))
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// Read access to the account behind the proof.
impl Deref for Person {
    type Target = User;
    fn deref(&self) -> &User {
        &self.0
    }
}

impl Deref for Staff {
    type Target = Person;
    fn deref(&self) -> &Person {
        &self.0
    }
}

impl Deref for Admin {
    type Target = Staff;
    fn deref(&self) -> &Staff {
        &self.0
    }
}

impl Actor {
    pub fn user(&self) -> Option<&User> {
        self.person().ok().map(Person::user)
    }

    /// The signed-in person, or `SignInRequired`.
    pub fn person(&self) -> Result<&Person, AppError> {
        match self {
            Actor::Person(p) => Ok(p),
            Actor::Visitor => Err(AppError::SignInRequired),
        }
    }

    /// Staff, or `SignInRequired` / `Forbidden`.
    pub fn staff(&self) -> Result<Staff, AppError> {
        self.person()?.staff()
    }

    /// An admin, or `SignInRequired` / `Forbidden`.
    pub fn admin(&self) -> Result<Admin, AppError> {
        self.staff()?.admin()
    }

    pub fn is_staff(&self) -> bool {
        self.person().is_ok_and(Person::is_staff)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Role;

    fn user(role: Role) -> User {
        User {
            id: 1,
            email: "a@example.com".into(),
            name: "A".into(),
            role,
            verified: true,
            language: crate::auth::Language::En,
            time_zone: None,
            photo: None,
            following: None,
        }
    }

    #[test]
    fn each_role_gets_what_it_may_and_nothing_more() {
        let visitor = Actor::Visitor;
        assert_eq!(visitor.person().err(), Some(AppError::SignInRequired));
        assert_eq!(visitor.staff().err(), Some(AppError::SignInRequired));

        let customer = Actor::Person(Person::from_user(user(Role::Customer)));
        assert!(customer.person().is_ok());
        assert_eq!(customer.staff().err(), Some(AppError::Forbidden));
        assert_eq!(customer.admin().err(), Some(AppError::Forbidden));

        let agent = Actor::Person(Person::from_user(user(Role::Agent)));
        assert!(agent.staff().is_ok());
        assert_eq!(agent.admin().err(), Some(AppError::Forbidden));

        let admin = Actor::Person(Person::from_user(user(Role::Admin)));
        assert_eq!(admin.admin().map(|a| a.user().role), Ok(Role::Admin));
    }
}

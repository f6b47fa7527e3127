//! Creating accounts and checking credentials, shared by the sign-up form,
//! the `add-user` command and the demo data.

use super::{passwords, store, Role, User};
use crate::db::Db;
use crate::error::AppError;
use crate::validate::{Email, Password, PersonName};

/// Validates every field, then hashes and stores; nothing is written when a
/// field is refused.
pub async fn register(
    db: &Db,
    role: Role,
    name: &str,
    email: &str,
    password: &str,
) -> Result<User, AppError> {
    let name = PersonName::parse(name)?;
    let email = Email::parse(email)?;
    let password = Password::parse(password)?;
    let hash = passwords::hash(password).await?;
    store::insert_user(db, &email, &name, role, &hash).await
}

/// The account for these credentials. Unknown email and wrong password give
/// the same answer in the same time.
pub async fn authenticate(db: &Db, email: &str, password: &str) -> Result<User, AppError> {
    let email = email.trim().to_lowercase();
    let found = store::find_for_sign_in(db, &email).await?;
    let (user, hash) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let ok = passwords::verify(password.to_owned(), hash).await?;
    match user {
        Some(user) if ok => Ok(user),
        _ => Err(AppError::WrongCredentials),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::test_db;
    use crate::validate::{Field, Problem};

    #[tokio::test]
    async fn registered_user_can_authenticate_with_any_email_case() {
        let t = test_db().await;
        let user = register(
            &t.db,
            Role::Customer,
            "Ana",
            "Ana@Example.com",
            "secret-pass",
        )
        .await
        .unwrap();
        assert_eq!(user.email, "ana@example.com");
        let again = authenticate(&t.db, " ANA@example.com", "secret-pass")
            .await
            .unwrap();
        assert_eq!(again, user);
    }

    #[tokio::test]
    async fn wrong_password_and_unknown_email_read_the_same() {
        let t = test_db().await;
        register(
            &t.db,
            Role::Customer,
            "Ana",
            "ana@example.com",
            "secret-pass",
        )
        .await
        .unwrap();
        assert_eq!(
            authenticate(&t.db, "ana@example.com", "wrong-pass").await,
            Err(AppError::WrongCredentials)
        );
        assert_eq!(
            authenticate(&t.db, "nobody@example.com", "secret-pass").await,
            Err(AppError::WrongCredentials)
        );
    }

    #[tokio::test]
    async fn bad_sign_up_input_is_refused_and_nothing_is_written() {
        let t = test_db().await;
        let cases = [
            (
                "",
                "a@example.com",
                "secret-pass",
                Field::Name,
                Problem::Required,
            ),
            (
                "Ana",
                "not-an-email",
                "secret-pass",
                Field::Email,
                Problem::Malformed,
            ),
            (
                "Ana",
                "a@example.com",
                "short",
                Field::Password,
                Problem::PasswordLength,
            ),
        ];
        for (name, email, password, field, problem) in cases {
            assert_eq!(
                register(&t.db, Role::Customer, name, email, password).await,
                Err(AppError::invalid(field, problem))
            );
        }
        assert_eq!(store::count_users(&t.db).await.unwrap(), 0);
    }

    #[tokio::test]
    async fn an_email_can_register_only_once() {
        let t = test_db().await;
        register(
            &t.db,
            Role::Customer,
            "Ana",
            "ana@example.com",
            "secret-pass",
        )
        .await
        .unwrap();
        assert_eq!(
            register(&t.db, Role::Agent, "Ana 2", "ANA@example.com", "other-pass").await,
            Err(AppError::EmailTaken)
        );
        assert_eq!(store::count_users(&t.db).await.unwrap(), 1);
    }
}

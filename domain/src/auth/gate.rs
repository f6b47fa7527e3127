//! The account forms anyone can send (sign in, sign up, forgot password),
//! as the web calls them: limited per account and per client address, and
//! logged. `accounts` does the work; this decides whether it may start.

use std::net::IpAddr;

use super::throttle::{self, ACCOUNT, ADDRESS, MAIL_FORMS};
use super::{accounts, Language, Person};
use crate::db::Db;
use crate::error::AppError;

/// Where a request comes from, as counted by the limits: an IPv4 address,
/// or an IPv6 /64 (one host usually holds a whole /64).
pub(crate) fn subject(client: IpAddr) -> String {
    match client {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// Signs in with a password. Five failures for one account, or thirty from
/// one address, within 15 minutes refuse further tries (`TooMany`, with
/// the wait) until the oldest leaves the window; success forgets the
/// account's failures.
pub async fn sign_in(
    db: &Db,
    email: &str,
    password: &str,
    client: Option<IpAddr>,
) -> Result<Person, AppError> {
    let account = email.trim().to_lowercase();
    let address = client.map(subject);
    let now = db.now();
    throttle::check(db, ACCOUNT, &account, now).await?;
    if let Some(a) = &address {
        throttle::check(db, ADDRESS, a, now).await?;
    }
    match accounts::authenticate(db, email, password).await {
        Ok(person) => {
            throttle::clear(db, ACCOUNT, &account).await?;
            tracing::info!(user = person.id, client = ?client, "signed in");
            Ok(person)
        }
        Err(AppError::WrongCredentials) => {
            throttle::record(db, ACCOUNT, &account, now).await?;
            if let Some(a) = &address {
                throttle::record(db, ADDRESS, a, now).await?;
            }
            let shown: String = account.chars().take(100).collect();
            tracing::warn!(email = %shown, client = ?client, "sign-in failed");
            Err(AppError::WrongCredentials)
        }
        Err(err) => Err(err),
    }
}

/// The public sign-up form: ten mail forms per address and hour.
pub async fn sign_up(
    db: &Db,
    name: &str,
    email: &str,
    password: &str,
    language: Language,
    client: Option<IpAddr>,
) -> Result<(), AppError> {
    mail_form(db, client).await?;
    accounts::sign_up(db, name, email, password, language).await
}

/// "Forgot your password?": ten mail forms per address and hour.
pub async fn request_password_reset(
    db: &Db,
    email: &str,
    client: Option<IpAddr>,
) -> Result<(), AppError> {
    mail_form(db, client).await?;
    accounts::request_password_reset(db, email).await
}

/// Forms that send mail (sign-up, password reset, help form): at most
/// `Limits::mail_forms_per_hour` per client address.
pub(crate) async fn mail_form(db: &Db, client: Option<IpAddr>) -> Result<(), AppError> {
    let Some(client) = client else { return Ok(()) };
    let rule = MAIL_FORMS.at_most(db.limits().mail_forms_per_hour);
    throttle::take(db, rule, &subject(client)).await
}

/// Logs a sign-out (the session is gone already).
pub fn signed_out(person: Option<&Person>, client: Option<IpAddr>) {
    tracing::info!(user = person.map(|p| p.id), client = ?client, "signed out");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Role;
    use crate::db::testing::test_db;

    const HOME: Option<IpAddr> = Some(IpAddr::V4(std::net::Ipv4Addr::new(192, 0, 2, 7)));

    #[tokio::test]
    async fn five_wrong_passwords_hold_the_account_even_with_the_right_one() {
        let t = test_db().await;
        accounts::register(
            &t.db,
            Role::Customer,
            "Ana",
            "ana@example.com",
            "right-pass",
        )
        .await
        .unwrap();
        for _ in 0..5 {
            let r = sign_in(&t.db, "ana@example.com", "wrong-pass", HOME).await;
            assert_eq!(r, Err(AppError::WrongCredentials));
        }
        let held = sign_in(&t.db, "ANA@example.com", "right-pass", HOME).await;
        assert!(matches!(held, Err(AppError::TooMany { retry_after }) if retry_after > 800));
        // Another account from the same address is still let in.
        accounts::register(
            &t.db,
            Role::Customer,
            "Bob",
            "bob@example.com",
            "bob-pass-1",
        )
        .await
        .unwrap();
        sign_in(&t.db, "bob@example.com", "bob-pass-1", HOME)
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_success_forgets_the_failures() {
        let t = test_db().await;
        accounts::register(
            &t.db,
            Role::Customer,
            "Ana",
            "ana@example.com",
            "right-pass",
        )
        .await
        .unwrap();
        for round in 0..3 {
            for _ in 0..4 {
                let r = sign_in(&t.db, "ana@example.com", "wrong-pass", None).await;
                assert_eq!(r, Err(AppError::WrongCredentials), "round {round}");
            }
            sign_in(&t.db, "ana@example.com", "right-pass", None)
                .await
                .unwrap();
        }
    }

    #[tokio::test]
    async fn one_address_trying_many_accounts_is_held() {
        let t = test_db().await;
        for i in 0..30 {
            let email = format!("user{i}@example.com");
            let r = sign_in(&t.db, &email, "guess-1234", HOME).await;
            assert_eq!(r, Err(AppError::WrongCredentials));
        }
        let r = sign_in(&t.db, "user99@example.com", "guess-1234", HOME).await;
        assert!(matches!(r, Err(AppError::TooMany { .. })));
        // An IPv6 neighbour in the same /64 counts as the same client.
        let a: IpAddr = "2001:db8::1".parse().unwrap();
        let b: IpAddr = "2001:db8::2".parse().unwrap();
        assert_eq!(subject(a), subject(b));
    }

    #[tokio::test]
    async fn mail_forms_are_limited_per_address() {
        let t = test_db().await;
        for i in 0..10 {
            let email = format!("new{i}@example.com");
            sign_up(&t.db, "New", &email, "password-123", Language::En, HOME)
                .await
                .unwrap();
        }
        let r = request_password_reset(&t.db, "new1@example.com", HOME).await;
        assert!(matches!(r, Err(AppError::TooMany { .. })));
        let r = sign_up(
            &t.db,
            "New",
            "late@example.com",
            "password-123",
            Language::En,
            HOME,
        );
        assert!(matches!(r.await, Err(AppError::TooMany { .. })));
        let users = super::super::store::count_users(&t.db).await.unwrap();
        assert_eq!(users, 10);
    }
}

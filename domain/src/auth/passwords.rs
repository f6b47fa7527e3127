//! Password hashing with argon2id (19 MiB, 2 passes, 1 lane: OWASP's
//! recommended minimum), run on the blocking pool to keep the runtime free,
//! a few at a time: each takes 19 MiB, and a flood of sign-ins must wait in
//! line rather than take the server's memory.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::LazyLock;

use tokio::sync::Semaphore;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::AppError;
use crate::validate::Password;

fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

fn hash_now(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|err| {
            tracing::error!(error = %err, "password hashing failed");
            AppError::Internal
        })
}

/// Verified against when the email is unknown, so a wrong email costs as
/// much time as a wrong password and does not reveal who has an account.
static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_now("not a real password").expect("dummy hash"));

/// Hashes running at once.
fn permits() -> usize {
    crate::cores()
}

static HASHING: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(permits()));
/// Hashes running now, and the most ever seen at once (for the tests).
static RUNNING: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

/// Runs `work` on the blocking pool once a hashing permit is free.
async fn in_line<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let _permit = HASHING.acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(move || {
        let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
        PEAK.fetch_max(now, Ordering::SeqCst);
        let out = work();
        RUNNING.fetch_sub(1, Ordering::SeqCst);
        out
    })
    .await?
}

pub async fn hash(password: Password) -> Result<String, AppError> {
    in_line(move || hash_now(password.expose())).await
}

/// True when `password` matches `stored` (or, with no account, never).
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    in_line(move || {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.clone());
        let parsed = PasswordHash::new(&stored).map_err(|err| {
            tracing::error!(error = %err, "stored password hash is unreadable");
            AppError::Internal
        })?;
        let matches = argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(known && matches)
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let stored = hash(Password::parse("correct horse").unwrap())
            .await
            .unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("correct horse".into(), Some(stored.clone()))
            .await
            .unwrap());
        assert!(!verify("wrong horse!".into(), Some(stored)).await.unwrap());
        assert!(!verify("not a real password".into(), None).await.unwrap());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn a_flood_of_checks_waits_in_line() {
        let stored = hash(Password::parse("correct horse").unwrap())
            .await
            .unwrap();
        let flood: Vec<_> = (0..permits() * 4)
            .map(|_| tokio::spawn(verify("wrong horse!".into(), Some(stored.clone()))))
            .collect();
        for check in flood {
            assert!(!check.await.unwrap().unwrap());
        }
        assert!(PEAK.load(Ordering::SeqCst) <= permits());
    }
}

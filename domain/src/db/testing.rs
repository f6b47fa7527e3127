//! Test databases: each test gets its own, on the backend the environment
//! picks. With `HELPDESK_TEST_POSTGRES` set (a server URL such as
//! `postgres://postgres@127.0.0.1:5432/postgres`), a fresh PostgreSQL
//! database is created for the test and dropped after it; otherwise a
//! SQLite file in a temporary directory.

use std::sync::atomic::{AtomicUsize, Ordering};

use sqlx::{Connection, Executor};

use super::{sqlite_url, Clock, Db};

pub const TEST_POSTGRES: &str = "HELPDESK_TEST_POSTGRES";

/// A fresh database and a place for files, removed when dropped.
pub struct TestDb {
    pub db: Db,
    /// For files and for SQLite's database file.
    pub dir: tempfile::TempDir,
    /// Connecting again reaches the same data (a restarted server).
    pub url: String,
    postgres: Option<(String, String)>,
}

/// On a fixed clock.
pub async fn test_db() -> TestDb {
    test_db_with(Clock::fixed(1_795_000_000_000)).await
}

pub async fn test_db_with(clock: Clock) -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let (url, postgres) = match std::env::var(TEST_POSTGRES) {
        Ok(server) => {
            let name = unique_name();
            admin(&server, &format!("CREATE DATABASE {name}")).await;
            (with_database(&server, &name), Some((server, name)))
        }
        Err(_) => (sqlite_url(&dir.path().join("test.db")), None),
    };
    let db = Db::connect(&url, clock).await.expect("open test database");
    TestDb {
        db,
        dir,
        url,
        postgres,
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((server, name)) = self.postgres.take() else {
            return;
        };
        // Drop runs inside the test's runtime, which cannot be blocked on:
        // the database is dropped from a thread with a runtime of its own.
        let _ = std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime")
                .block_on(admin(
                    &server,
                    &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                ))
        })
        .join();
    }
}

fn unique_name() -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!(
        "helpdesk_test_{}_{}_{nanos}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    )
}

/// `server` with its database name replaced by `name`.
fn with_database(server: &str, name: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (server, String::new()),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_end = base[scheme_end..]
        .find('/')
        .map(|i| scheme_end + i)
        .unwrap_or(base.len());
    format!("{}/{name}{query}", &base[..host_end])
}

async fn admin(server: &str, statement: &str) {
    let mut conn = sqlx::PgConnection::connect(server)
        .await
        .expect("connect to the PostgreSQL test server");
    conn.execute(statement)
        .await
        .unwrap_or_else(|e| panic!("{statement}: {e}"));
    let _ = conn.close().await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Backend;

    #[tokio::test]
    async fn the_backend_is_the_one_the_environment_asks_for() {
        let t = test_db().await;
        let (want, sql, name) = match std::env::var(TEST_POSTGRES) {
            Ok(_) => (Backend::Postgres, "SELECT version()", "PostgreSQL "),
            Err(_) => (
                Backend::Sqlite,
                "SELECT 'SQLite ' || sqlite_version()",
                "SQLite ",
            ),
        };
        assert_eq!(t.db.backend(), want);
        let version: String = sqlx::query_scalar(sql).fetch_one(&t.db.read).await.unwrap();
        assert!(version.starts_with(name), "{version}");
    }
}

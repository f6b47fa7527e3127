//! The database: pools, migrations and the clock.
//!
//! This is the one place with SQLite-specific settings (WAL, synchronous,
//! busy timeout, `BEGIN IMMEDIATE`); queries elsewhere stay portable.

use std::path::Path;
use std::str::FromStr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};

pub type Tx = Transaction<'static, Sqlite>;

/// One writer connection (SQLite allows one writer at a time, so queueing in
/// the pool beats retrying on SQLITE_BUSY) and a pool of readers.
#[derive(Clone, Debug)]
pub struct Db {
    pub read: SqlitePool,
    write: SqlitePool,
    pub clock: Clock,
}

impl Db {
    /// Opens (creating if needed) the database file and applies migrations.
    pub async fn open(path: &Path, clock: Clock) -> Result<Self, sqlx::Error> {
        let options = SqliteConnectOptions::from_str("sqlite:")?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await?;
        sqlx::migrate!("../migrations").run(&write).await?;
        let read = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options.read_only(true))
            .await?;
        Ok(Self { read, write, clock })
    }

    /// A write transaction that takes the write lock up front, so it never
    /// fails half-way with SQLITE_BUSY when upgrading from a read.
    pub async fn begin_write(&self) -> Result<Tx, sqlx::Error> {
        self.write.begin_with("BEGIN IMMEDIATE").await
    }

    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// Waits for queries in flight, then closes (checkpointing the WAL).
    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

/// Wall-clock time in milliseconds, or a hand-moved one in tests.
#[derive(Clone, Debug, Default)]
pub struct Clock(Option<Arc<AtomicI64>>);

impl Clock {
    pub fn system() -> Self {
        Self(None)
    }

    /// A clock that stands still at `ms` until moved.
    pub fn fixed(ms: i64) -> Self {
        Self(Some(Arc::new(AtomicI64::new(ms))))
    }

    pub fn advance(&self, by: Duration) {
        if let Some(t) = &self.0 {
            t.fetch_add(by.as_millis() as i64, Ordering::SeqCst);
        }
    }

    pub fn now(&self) -> i64 {
        match &self.0 {
            Some(t) => t.load(Ordering::SeqCst),
            None => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as i64)
                .unwrap_or_default(),
        }
    }
}

#[cfg(test)]
pub mod testing {
    use super::*;

    /// A fresh database in its own temporary directory, on a fixed clock.
    pub struct TestDb {
        pub db: Db,
        _dir: tempfile::TempDir,
    }

    pub async fn test_db() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = Db::open(&dir.path().join("test.db"), Clock::fixed(1_795_000_000_000))
            .await
            .expect("open test database");
        TestDb { db, _dir: dir }
    }
}

//! The database: one of two backends picked at run time by its URL
//! (`sqlite://...` or `postgres://...`), migrations, pools and the clock.
//!
//! Queries go through sqlx's `Any` driver, so one SQL text serves both
//! backends (`$1` placeholders, portable SQL). The backend-specific parts
//! live here (connection settings, write transactions) and where a feature
//! needs its own engine (full-text search), behind that feature's seam.

mod clock;
mod limits;
mod sql;
#[cfg(any(test, feature = "test-support"))]
pub mod testing;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool, Executor, Transaction};

pub use clock::Clock;
pub use limits::Limits;
pub use sql::{Flag, Sql};

pub type Tx = Transaction<'static, Any>;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("../migrations/postgres");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Option<Self> {
        let scheme = url.split(':').next()?;
        match scheme {
            "sqlite" => Some(Backend::Sqlite),
            "postgres" | "postgresql" => Some(Backend::Postgres),
            _ => None,
        }
    }
}

/// SQLite: one writer connection (SQLite allows one writer at a time, so
/// queueing in the pool beats retrying on SQLITE_BUSY) and a pool of
/// readers. PostgreSQL: one pool for both.
#[derive(Clone, Debug)]
pub struct Db {
    pub read: AnyPool,
    write: AnyPool,
    backend: Backend,
    pub clock: Clock,
    limits: Limits,
    /// Where it connected (PostgreSQL's live feed opens a listening
    /// connection of its own).
    url: ConnectUrl,
}

/// A connection URL, kept out of `Debug` output: it may hold a password.
#[derive(Clone)]
struct ConnectUrl(std::sync::Arc<str>);

impl std::fmt::Debug for ConnectUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ConnectUrl(..)")
    }
}

impl Db {
    /// Connects to `url` and applies the backend's migrations; a SQLite
    /// file is created if missing.
    pub async fn connect(url: &str, clock: Clock) -> Result<Self, sqlx::Error> {
        sqlx::any::install_default_drivers();
        match Backend::of_url(url) {
            Some(Backend::Sqlite) => Self::connect_sqlite(url, clock).await,
            Some(Backend::Postgres) => Self::connect_postgres(url, clock).await,
            None => Err(sqlx::Error::Configuration(
                format!("unsupported database URL {url:?}: use sqlite:// or postgres://").into(),
            )),
        }
    }

    async fn connect_sqlite(url: &str, clock: Clock) -> Result<Self, sqlx::Error> {
        let base = url.split('?').next().unwrap_or(url);
        let write = AnyPoolOptions::new()
            .max_connections(1)
            .after_connect(|conn, _| Box::pin(async move { sqlite_pragmas(conn).await }))
            .connect_with(AnyConnectOptions::from_str(&format!("{base}?mode=rwc"))?)
            .await?;
        // WAL is a property of the file: set once, by the writer.
        write.execute("PRAGMA journal_mode = WAL").await?;
        SQLITE_MIGRATIONS.run(&write).await?;
        let read = AnyPoolOptions::new()
            .max_connections(8)
            .after_connect(|conn, _| Box::pin(async move { sqlite_pragmas(conn).await }))
            .connect_with(AnyConnectOptions::from_str(&format!("{base}?mode=ro"))?)
            .await?;
        Ok(Self {
            read,
            write,
            backend: Backend::Sqlite,
            clock,
            limits: Limits::default(),
            url: ConnectUrl(url.into()),
        })
    }

    async fn connect_postgres(url: &str, clock: Clock) -> Result<Self, sqlx::Error> {
        let pool = AnyPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            // No round trip to test a connection before each use: sqlx
            // tests it when it goes back to the pool, and drops a dead one.
            .test_before_acquire(false)
            // Queries here take milliseconds; compiling one with JIT alone
            // takes tens.
            .after_connect(|conn, _| {
                Box::pin(async move { conn.execute("SET jit = off").await.map(drop) })
            })
            .connect_with(AnyConnectOptions::from_str(url)?)
            .await?;
        POSTGRES_MIGRATIONS.run(&pool).await?;
        Ok(Self {
            read: pool.clone(),
            write: pool,
            backend: Backend::Postgres,
            clock,
            limits: Limits::default(),
            url: ConnectUrl(url.into()),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub(crate) fn url(&self) -> &str {
        &self.url.0
    }

    /// This handle with other daily limits per customer.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// A write transaction. On SQLite it takes the write lock up front, so
    /// it never fails half-way with SQLITE_BUSY when upgrading from a read.
    pub async fn begin_write(&self) -> Result<Tx, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.write.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.write.begin().await,
        }
    }

    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// Waits for queries in flight, then closes (checkpointing SQLite's WAL).
    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

/// What a claiming SELECT ends with: on PostgreSQL, rows another server's
/// transaction holds are skipped, and those read are held until commit;
/// SQLite's single writer already runs one such job at a time.
pub fn skip_locked(tx: &Tx) -> &'static str {
    match backend_of(tx) {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    }
}

/// The backend a transaction runs on, for the few statements that differ.
pub fn backend_of(tx: &Tx) -> Backend {
    match tx.backend_name() {
        "PostgreSQL" => Backend::Postgres,
        _ => Backend::Sqlite,
    }
}

/// Per-connection settings: durable enough with WAL (a crash loses no
/// committed write), foreign keys enforced, and a wait rather than an
/// immediate SQLITE_BUSY.
async fn sqlite_pragmas(conn: &mut sqlx::AnyConnection) -> Result<(), sqlx::Error> {
    conn.execute(
        "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;",
    )
    .await
    .map(drop)
}

/// The database when none is named: `helpdesk.db` in the data directory.
pub fn default_url(data_dir: &Path) -> String {
    sqlite_url(&data_dir.join("helpdesk.db"))
}

/// `sqlite://<path>`, with the characters the URL parser would read as
/// syntax escaped.
pub fn sqlite_url(path: &Path) -> String {
    let mut out = String::from("sqlite://");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3F"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

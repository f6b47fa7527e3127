//! Crash safety: 1,000 replies sent at once to the real server binary,
//! which is killed (SIGKILL) while it writes them and started again on the
//! same database. Every reply it acknowledged is there, the kept counts
//! match a fresh count, and the database checks clean (SQLite's
//! `integrity_check`, PostgreSQL's `amcheck` on every B-tree index).

use std::process::Stdio;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use sqlx::Connection;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

use domain::auth::{accounts, Role};
use domain::cases::open::{open_case, NewCase};
use domain::cases::CaseType;
use domain::db::testing::{test_db_with, TestDb};
use domain::db::{Backend, Clock, Db};
use domain::validate::{MessageBody, Subject};

const REPLIES: usize = 1000;
/// The server is killed once this many replies were acknowledged.
const KILL_AFTER: usize = 200;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_server_loses_no_acknowledged_reply() {
    let t = test_db_with(Clock::system()).await;
    let ana = accounts::register(
        &t.db,
        Role::Customer,
        "Ana",
        "ana@example.com",
        "password-123",
    )
    .await
    .unwrap();
    let new = NewCase::new(
        Subject::parse("Lost replies?").unwrap(),
        CaseType::TECHNICAL,
        MessageBody::parse("First").unwrap(),
    );
    let number = open_case(&t.db, &ana, &new).await.unwrap().number();
    let token = accounts::start_session(&t.db, &ana, None, 1).await.unwrap();
    let cookie = Arc::new(format!("{}={token}", app::auth::session::COOKIE_NAME));

    let (mut server, port) = start(&t).await;
    let acked = Arc::new(Mutex::new(Vec::new()));
    let answered = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    for i in 0..REPLIES {
        let (acked, answered, cookie) = (acked.clone(), answered.clone(), cookie.clone());
        tasks.push(tokio::spawn(async move {
            let body = format!("number={number}&body=reply-{i}-end");
            if call(port, &cookie, "/api/cases/reply", &body).await == Some(200) {
                acked.lock().unwrap().push(i);
                answered.fetch_add(1, Ordering::SeqCst);
            }
        }));
    }
    while answered.load(Ordering::SeqCst) < KILL_AFTER {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    server.start_kill().unwrap();
    server.wait().await.unwrap();
    for task in tasks {
        task.await.unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(
        acked.len() >= KILL_AFTER && acked.len() < REPLIES,
        "{}",
        acked.len()
    );

    // Started again: it opens the database as the crash left it.
    let (mut again, port) = start(&t).await;
    let db = Db::connect(&t.url, Clock::system()).await.unwrap();
    let stored: Vec<String> = sqlx::query_scalar(
        "SELECT m.body FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.number = $1",
    )
    .bind(number)
    .fetch_all(&db.read)
    .await
    .unwrap();
    for i in &acked {
        let wanted = format!("reply-{i}-end");
        assert_eq!(
            stored.iter().filter(|b| **b == wanted).count(),
            1,
            "{wanted}"
        );
    }
    // Whole replies only: each stored one is complete, none is doubled.
    assert!(stored.len() > acked.len() && stored.len() <= REPLIES + 1);
    assert_counts_match(&db).await;
    assert_checks_clean(&db, &t.url).await;
    // And it serves the case.
    let get = format!("number={number}");
    assert_eq!(call(port, &cookie, "/api/cases/get", &get).await, Some(200));
    again.start_kill().unwrap();
    again.wait().await.unwrap();
}

/// The server binary on the test database, on a free port, once it accepts
/// connections.
async fn start(t: &TestDb) -> (Child, u16) {
    let port = domain::mail::testing::free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("serve")
        .env("DATABASE_URL", &t.url)
        .env("HELPDESK_DATA_DIR", t.dir.path())
        .env("HELPDESK_NO_DEMO", "true")
        .env("HELPDESK_MESSAGES_PER_DAY", "100000")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    for _ in 0..600 {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the server stopped: {status}");
        }
        if TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            return (child, port);
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not start within 30 s");
}

/// A server-function call over a connection of its own; the status, or
/// `None` when the connection broke before an answer (not acknowledged).
async fn call(port: u16, cookie: &str, path: &str, form: &str) -> Option<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.ok()?;
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nAccept: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{form}",
        form.len()
    );
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.ok()?;
    let head = String::from_utf8_lossy(&answer);
    head.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()
}

/// Counts kept beside the data equal a count of the data itself.
async fn assert_counts_match(db: &Db) {
    let mut kept: Vec<(String, i64)> = sqlx::query_as(domain::cases::lifecycle::STATUS_COUNTS)
        .fetch_all(&db.read)
        .await
        .unwrap();
    kept.retain(|(_, n)| *n != 0);
    kept.sort();
    let fresh: Vec<(String, i64)> =
        sqlx::query_as("SELECT status, COUNT(*) FROM cases GROUP BY status ORDER BY status")
            .fetch_all(&db.read)
            .await
            .unwrap();
    assert_eq!(kept, fresh);
    let stale: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM cases c WHERE c.updated_at < \
         (SELECT MAX(m.created_at) FROM messages m WHERE m.case_id = c.id)",
    )
    .fetch_one(&db.read)
    .await
    .unwrap();
    assert_eq!(stale, 0, "a case older than its newest message");
}

async fn assert_checks_clean(db: &Db, url: &str) {
    if db.backend() == Backend::Sqlite {
        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&db.read)
            .await
            .unwrap();
        assert_eq!(check, "ok");
        return;
    }
    // Its own connection: the pool reads only.
    let mut conn = sqlx::AnyConnection::connect(url).await.unwrap();
    sqlx::query("CREATE EXTENSION IF NOT EXISTS amcheck")
        .execute(&mut conn)
        .await
        .unwrap();
    let checked: i64 = sqlx::query_scalar(
        "SELECT COUNT(bt_index_check(c.oid)::TEXT) FROM pg_index i \
         JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam \
         JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE a.amname = 'btree' AND n.nspname = 'public'",
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert!(checked > 5, "{checked} indexes checked");
}

//! A real SMTP server for tests: maildev (installed by `scripts/setup.sh`
//! in `end2end/node_modules`), on free ports, stopped when dropped; its
//! HTTP API tells what arrived. And what receiving mail needs in a test.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::db::Db;

pub mod dovecot;

pub struct Maildev {
    child: Child,
    pub smtp_port: u16,
    web_port: u16,
}

/// Receiving mail as `help@example.com` at `http://help.example.com`, with
/// the usual limits, keeping files in `files`.
pub async fn intake(db: &Db, files: crate::files::store::Files) -> super::inbound::Intake {
    use super::inbound::{Intake, ReplyKey, MAX_BYTES, PER_HOUR};
    Intake {
        files,
        limits: Default::default(),
        max_bytes: MAX_BYTES,
        per_hour: PER_HOUR,
        mailbox: "help@example.com".into(),
        key: ReplyKey::load(db).await.expect("the reply key"),
        site: super::Site {
            public_url: "http://help.example.com".into(),
        },
    }
}

/// A port nobody listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../end2end/node_modules/.bin/maildev")
}

impl Maildev {
    pub async fn start() -> Self {
        Self::start_on(free_port()).await
    }

    /// On a chosen SMTP port (a test that first finds it closed).
    pub async fn start_on(smtp_port: u16) -> Self {
        let web_port = free_port();
        let child = Command::new(binary())
            .args([
                "--ip",
                "127.0.0.1",
                "--web-ip",
                "127.0.0.1",
                "--silent",
                "--smtp",
            ])
            .arg(smtp_port.to_string())
            .arg("--web")
            .arg(web_port.to_string())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {:?} (run scripts/setup.sh): {e}", binary()));
        let dev = Self {
            child,
            smtp_port,
            web_port,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if dev.get("/api/healthz").is_some()
                && TcpStream::connect(("127.0.0.1", smtp_port)).is_ok()
            {
                return dev;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("maildev did not start");
    }

    /// `smtp://127.0.0.1:<port>`, for a `Sender`.
    pub fn smtp_url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.smtp_port)
    }

    /// Every mail received, oldest first (maildev's JSON).
    pub fn emails(&self) -> Vec<Value> {
        let body = self.get("/api/email").expect("maildev answers");
        match serde_json::from_str(&body).expect("maildev's JSON") {
            Value::Array(items) => items,
            other => panic!("unexpected answer {other}"),
        }
    }

    /// Waits until `n` mails have arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let got = self.emails();
            if got.len() >= n || Instant::now() > deadline {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn get(&self, path: &str) -> Option<String> {
        let mut s = TcpStream::connect(("127.0.0.1", self.web_port)).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
        write!(
            s,
            "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .ok()?;
        let mut out = String::new();
        s.read_to_string(&mut out).ok()?;
        let (head, body) = out.split_once("\r\n\r\n")?;
        head.starts_with("HTTP/1.1 200")
            .then(|| body.to_owned())
            .or_else(|| head.starts_with("HTTP/1.0 200").then(|| body.to_owned()))
    }
}

impl Drop for Maildev {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The parameters of the newest queued mail of `kind` (its link tokens,
/// its text), as the worker will compose it.
pub async fn last_params(db: &Db, kind: &str) -> Value {
    let params: String =
        sqlx::query_scalar("SELECT params FROM outbox WHERE kind = $1 ORDER BY id DESC LIMIT 1")
            .bind(kind)
            .fetch_one(&db.read)
            .await
            .expect("a mail of that kind");
    serde_json::from_str(&params).expect("stored JSON")
}

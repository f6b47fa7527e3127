//! Queues `n` mails (1,000 per transaction, as changes would), then lets the
//! outbox worker's loop deliver them to an SMTP server and times both.

use std::time::{Duration, Instant};

use domain::auth::Language;
use domain::db::Db;
use domain::error::AppError;
use domain::mail::outbox::enqueue;
use domain::mail::send::{run_once, Sender};
use domain::mail::{Notice, Site};

pub struct Figures {
    pub queued_per_second: f64,
    pub sent_per_second: f64,
    pub failed: i64,
}

pub async fn run(db: &Db, smtp_url: &str, n: usize) -> Result<Figures, Box<dyn std::error::Error>> {
    let started = Instant::now();
    let mut left = n;
    while left > 0 {
        let batch = left.min(1000);
        let mut tx = db.begin_write().await?;
        for i in 0..batch {
            let notice = Notice::CaseOpened {
                number: (left - i) as i64,
                subject: "Benchmark".into(),
            };
            let to = format!("bench{}@example.com", left - i);
            enqueue(&mut tx, None, &to, Language::En, &notice, db.now()).await?;
        }
        tx.commit().await?;
        left -= batch;
    }
    let queued = started.elapsed();

    let site = Site {
        public_url: "http://127.0.0.1:3000".into(),
    };
    let sender = Sender::new(smtp_url, "Bench <bench@example.com>", site)?;
    let started = Instant::now();
    loop {
        if run_once(db, &sender, 200).await? == 0 {
            break;
        }
    }
    let sent = started.elapsed();
    let counts: Vec<(String, i64)> =
        sqlx::query_as("SELECT status, COUNT(*) FROM outbox GROUP BY status")
            .fetch_all(&db.read)
            .await
            .map_err(AppError::from)?;
    let count = |s: &str| counts.iter().find(|c| c.0 == s).map_or(0, |c| c.1);
    let rate = |d: Duration| n as f64 / d.as_secs_f64();
    Ok(Figures {
        queued_per_second: rate(queued),
        sent_per_second: count("sent") as f64 / sent.as_secs_f64(),
        failed: count("failed") + count("queued"),
    })
}

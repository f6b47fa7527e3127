//! The live-update benchmark: staff clients connected to `/events` of a
//! running server over loopback, and changes made one after another
//! (a staff reply, each on its own case); reports how long after each
//! change was sent every client heard of it, and fails when one never
//! does or the 99th percentile reaches the target.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use domain::auth::{accounts, Role};
use domain::cases::open::{open_case, NewCase};
use domain::cases::CaseType;
use domain::db::Db;
use domain::validate::{MessageBody, Subject};
use http_body_util::{BodyExt, Empty, Full};
use hyper::body::Bytes;
use hyper::Request;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use tokio::sync::Mutex;

/// What the issue asks of the 99th percentile.
pub const P99_TARGET: Duration = Duration::from_millis(100);
const COOKIE: &str = "hd_session";

pub struct Plan {
    pub url: String,
    pub clients: usize,
    pub changes: usize,
    /// Pause between two changes.
    pub every: Duration,
}

pub struct Outcome {
    pub report: String,
    pub missing: usize,
    pub p99: Duration,
}

type Heard = Arc<Mutex<Vec<HashMap<i64, Instant>>>>;

pub async fn run(db: &Db, plan: &Plan) -> Result<Outcome, Box<dyn std::error::Error>> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_millis();
    let mut cases = Vec::with_capacity(plan.changes);
    for i in 0..plan.changes {
        // One customer per case: a customer's second open case of a type
        // would join the first.
        let customer = accounts::register(
            db,
            Role::Customer,
            "Live",
            &format!("live-{stamp}-customer-{i}@example.com"),
            "password-123",
        )
        .await?;
        let new = NewCase::new(
            Subject::parse(&format!("Live {i}"))?,
            CaseType::BUILT_IN[i % 4].clone(),
            MessageBody::parse("Waiting for an answer")?,
        );
        cases.push(open_case(db, &customer, &new).await?.number());
    }
    let mut cookies = Vec::with_capacity(plan.clients + 1);
    for i in 0..=plan.clients {
        let email = format!("live-{stamp}-{i}@example.com");
        let agent = accounts::register(db, Role::Agent, "Agent", &email, "password-123").await?;
        let token = accounts::start_session(db, &agent, None, 1).await?;
        cookies.push(format!("{COOKIE}={token}"));
    }
    let writer = cookies.pop().ok_or("no writer")?;
    let listen: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(0)
        .build_http();
    let heard: Heard = Arc::new(Mutex::new(vec![HashMap::new(); plan.clients]));
    let mut ready = Vec::new();
    for (i, cookie) in cookies.into_iter().enumerate() {
        let (client, heard, url) = (listen.clone(), heard.clone(), plan.url.clone());
        let (tx, rx) = tokio::sync::oneshot::channel();
        ready.push(rx);
        tokio::spawn(async move {
            let req = Request::get(format!("{url}/events"))
                .header("cookie", cookie)
                .body(Empty::new())
                .expect("a well-formed request");
            let Ok(res) = client.request(req).await else {
                return;
            };
            let _ = tx.send(res.status().is_success());
            let mut body = res.into_body();
            while let Some(Ok(frame)) = body.frame().await {
                let at = Instant::now();
                let Some(data) = frame.data_ref() else {
                    continue;
                };
                let text = String::from_utf8_lossy(data);
                for event in text.split("\n\n") {
                    if !event.contains("event: changes") {
                        continue;
                    }
                    let line = event.lines().find_map(|l| l.strip_prefix("data: "));
                    let numbers: Vec<i64> = line.and_then(serde_json_numbers).unwrap_or_default();
                    let mut heard = heard.lock().await;
                    for n in numbers {
                        heard[i].entry(n).or_insert(at);
                    }
                }
            }
        });
    }
    for rx in ready {
        if rx.await != Ok(true) {
            return Err("a client could not open /events".into());
        }
    }
    let write: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let mut sent = HashMap::new();
    for &number in &cases {
        tokio::time::sleep(plan.every).await;
        let req = Request::post(format!("{}/api/cases/reply", plan.url))
            .header("cookie", &writer)
            .header("accept", "application/json")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Full::new(Bytes::from(format!(
                "number={number}&body=On+it"
            ))))?;
        let at = Instant::now();
        let res = write.request(req).await?;
        if !res.status().is_success() {
            return Err(format!("a reply answered {}", res.status()).into());
        }
        res.into_body().collect().await?;
        sent.insert(number, at);
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let heard = heard.lock().await;
    let mut times = Vec::new();
    let mut missing = 0;
    for client in heard.iter() {
        for (number, at) in &sent {
            match client.get(number) {
                Some(got) => times.push(got.saturating_duration_since(*at)),
                None => missing += 1,
            }
        }
    }
    times.sort();
    let at = |q: f64| {
        times
            .get(((times.len() as f64 * q) as usize).min(times.len().saturating_sub(1)))
            .copied()
            .unwrap_or_default()
    };
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let report = format!(
        "{} staff clients, {} changes {} ms apart: {} deliveries, {missing} missing\n\
         from sending the change to each client hearing of it: \
         p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        plan.clients,
        plan.changes,
        plan.every.as_millis(),
        times.len(),
        ms(at(0.5)),
        ms(at(0.99)),
        ms(times.last().copied().unwrap_or_default()),
    );
    Ok(Outcome {
        report,
        missing,
        p99: at(0.99),
    })
}

/// `[1, 2, 3]` as numbers.
fn serde_json_numbers(text: &str) -> Option<Vec<i64>> {
    let inner = text.trim().strip_prefix('[')?.strip_suffix(']')?;
    inner
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.trim().parse().ok())
        .collect()
}

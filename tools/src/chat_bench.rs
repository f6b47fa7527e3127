//! The chat benchmark: visitors with a chat each and agents, all on
//! `/events` of a running server over loopback. Agents answer their chats
//! (each visitor's browser fetches the new lines when told, as the chat
//! window does); then visitors write and their agents hear of it. Reports
//! the time from sending a message to it reaching the other side, and the
//! server's memory. Senders are spread evenly in time. Fails when a
//! message never arrives or a target is missed.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use domain::auth::{accounts, Language, Role};
use domain::chat::agents::{self, ChatSettings, MAX_CHATS_LIMIT};
use domain::chat::visitor::{self, Start};
use domain::db::Db;
use http_body_util::{BodyExt, Empty, Full};
use hyper::body::Bytes;
use hyper::Request;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use model::chat::ChatLine;
use tokio::sync::Mutex;

/// What the issue asks: delivery p99 and the server's memory.
pub const P99_TARGET: Duration = Duration::from_millis(50);
pub const MEMORY_TARGET_KB: u64 = 100 * 1024;

pub struct Plan {
    pub url: String,
    pub visitors: usize,
    pub agents: usize,
    /// Answers each agent sends.
    pub answers: usize,
    /// Pause between two messages of one agent (and of one agent's
    /// visitors in turn).
    pub every: Duration,
    /// The server's process, to read its memory from `/proc`.
    pub server_pid: Option<u32>,
}

pub struct Outcome {
    pub report: String,
    pub missing: usize,
    pub p99: Duration,
    pub peak_kb: Option<u64>,
}

/// Arrivals: a message's key and when it arrived.
type Arrivals = Arc<Mutex<Vec<(i64, Instant)>>>;
type Post = Client<HttpConnector, Full<Bytes>>;

pub async fn run(db: &Db, plan: &Plan) -> Result<Outcome, Box<dyn std::error::Error>> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_millis();
    let admin = accounts::register(
        db,
        Role::Admin,
        "Admin",
        &format!("chat-{stamp}-admin@example.com"),
        "password-123",
    )
    .await?;
    let admin = admin.staff().and_then(|s| s.admin())?;
    let settings = ChatSettings {
        max_chats: MAX_CHATS_LIMIT,
        ..ChatSettings::default()
    };
    agents::save_settings(db, &admin, settings).await?;
    // Visitors give a name only, as many do; each is a chat and a case.
    let mut chats = Vec::with_capacity(plan.visitors);
    for i in 0..plan.visitors {
        let form = Start {
            name: format!("Visitor {i}"),
            email: String::new(),
            message: "Hello, I need help with my order".into(),
        };
        chats.push(visitor::start(db, &form, Language::En, None, None).await?);
    }
    // Each agent accepts as many chats as one may hold; the rest wait.
    let mut agent_cookies = Vec::new();
    let mut held: Vec<Vec<(String, i64)>> = Vec::new();
    let mut waiting = chats.iter();
    for i in 0..plan.agents {
        let email = format!("chat-{stamp}-agent-{i}@example.com");
        let agent = accounts::register(db, Role::Agent, "Agent", &email, "password-123").await?;
        let staff = agent.staff()?;
        agents::set_available(db, &staff, true).await?;
        let mut mine = Vec::new();
        for (token, number) in waiting.by_ref().take(MAX_CHATS_LIMIT as usize) {
            agents::accept(db, &staff, *number).await?;
            mine.push((token.clone(), *number));
        }
        let session = accounts::start_session(db, &agent, None, 1).await?;
        agent_cookies.push(format!("hd_session={session}"));
        held.push(mine);
    }

    let post: Post = Client::builder(TokioExecutor::new()).build_http();
    let to_visitors: Arrivals = Arc::default();
    let to_agents: Arrivals = Arc::default();
    let mut ready = Vec::new();
    for (token, _) in &chats {
        let cookie = format!("hd_chat={token}");
        ready.push(listen(
            plan,
            cookie,
            to_visitors.clone(),
            Some(post.clone()),
        ));
    }
    for cookie in &agent_cookies {
        ready.push(listen(plan, cookie.clone(), to_agents.clone(), None));
    }
    for rx in ready {
        if rx.await != Ok(true) {
            return Err("a client could not open /events".into());
        }
    }
    let connected_kb = memory(plan.server_pid, "VmRSS");

    // Agents answer, each in turn over the chats they hold.
    let mut sent: HashMap<i64, Instant> = HashMap::new();
    let mut senders = Vec::new();
    for (a, (cookie, mine)) in agent_cookies.iter().zip(&held).enumerate() {
        let (post, url, cookie, mine) =
            (post.clone(), plan.url.clone(), cookie.clone(), mine.clone());
        let (answers, every) = (plan.answers, plan.every);
        let offset = stagger(plan, a);
        senders.push(tokio::spawn(async move {
            tokio::time::sleep(offset).await;
            let mut sent = Vec::new();
            for r in 0..answers {
                tokio::time::sleep(every).await;
                let key = (a * 100_000 + r) as i64;
                let number = mine[r % mine.len()].1;
                let body = format!("number={number}&body=Answer+{key}");
                let at = Instant::now();
                send(&post, &format!("{url}/api/cases/reply"), &cookie, body).await?;
                sent.push((key, at, at.elapsed()));
            }
            Ok::<_, String>(sent)
        }));
    }
    let mut replies = Vec::new();
    for s in senders {
        for (key, at, took) in s.await?? {
            sent.insert(key, at);
            replies.push(took);
        }
    }
    replies.sort();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (mut answers, answers_missing) = delays(&sent, &to_visitors).await;

    // Then the visitors of chats under way write, one agent's in turn.
    let mut sent: HashMap<i64, Instant> = HashMap::new();
    let mut senders = Vec::new();
    for (a, mine) in held.into_iter().enumerate() {
        let (post, url, every) = (post.clone(), plan.url.clone(), plan.every);
        let offset = stagger(plan, a);
        senders.push(tokio::spawn(async move {
            tokio::time::sleep(offset).await;
            let mut sent = Vec::new();
            for (token, number) in mine {
                tokio::time::sleep(every).await;
                let at = Instant::now();
                let cookie = format!("hd_chat={token}");
                send(
                    &post,
                    &format!("{url}/api/chat/send"),
                    &cookie,
                    "message=Thanks".into(),
                )
                .await?;
                sent.push((number, at));
            }
            Ok::<_, String>(sent)
        }));
    }
    for s in senders {
        sent.extend(s.await??);
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let (mut questions, questions_missing) = delays(&sent, &to_agents).await;
    let peak_kb = memory(plan.server_pid, "VmHWM");

    answers.sort();
    questions.sort();
    let mut all: Vec<Duration> = answers.iter().chain(&questions).copied().collect();
    all.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let line = |name: &str, t: &[Duration], missing: usize| {
        format!(
            "| {name} | {} | {:.1} ms | {:.1} ms | {:.1} ms | {missing} |",
            t.len(),
            ms(at(t, 0.5)),
            ms(at(t, 0.99)),
            ms(t.last().copied().unwrap_or_default()),
        )
    };
    let mb = |kb: Option<u64>| {
        kb.map_or("unknown".into(), |kb| {
            format!("{:.1} MB", kb as f64 / 1024.0)
        })
    };
    let report = format!(
        "{} visitors and {} agents on /events ({} chats under way, {} ms between two messages of one sender)\n\
         | direction | messages | p50 | p99 | max | missing |\n|---|---:|---:|---:|---:|---:|\n{}\n{}\n{}\n\
         the answers' own requests: p50 {:.1} ms, p99 {:.1} ms\n\
         server memory: {} with everyone connected, peak {}",
        plan.visitors,
        plan.agents,
        questions.len() + questions_missing,
        plan.every.as_millis(),
        line("agent to visitor (the visitor has the line)", &answers, answers_missing),
        line("visitor to agent (the agent is told)", &questions, questions_missing),
        line("both", &all, answers_missing + questions_missing),
        ms(at(&replies, 0.5)),
        ms(at(&replies, 0.99)),
        mb(connected_kb),
        mb(peak_kb),
    );
    Ok(Outcome {
        report,
        missing: answers_missing + questions_missing,
        p99: at(&all, 0.99),
        peak_kb,
    })
}

/// When sender `a` of the agents' (or their visitors') starts: spread over
/// one pause, so messages come steadily rather than 20 at the same instant.
fn stagger(plan: &Plan, a: usize) -> Duration {
    plan.every * a as u32 / plan.agents.max(1) as u32
}

/// Opens `/events` with `cookie`; each event's case numbers (or, for a
/// visitor, the staff lines it then fetches) go to `arrivals`. The answer
/// tells whether the stream opened.
fn listen(
    plan: &Plan,
    cookie: String,
    arrivals: Arrivals,
    fetch: Option<Post>,
) -> tokio::sync::oneshot::Receiver<bool> {
    let url = plan.url.clone();
    let (tx, rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(0)
            .build_http();
        let req = Request::get(format!("{url}/events"))
            .header("cookie", &cookie)
            .body(Empty::new())
            .expect("a well-formed request");
        let Ok(res) = client.request(req).await else {
            let _ = tx.send(false);
            return;
        };
        let _ = tx.send(res.status().is_success());
        let mut body = res.into_body();
        let mut last_line = 0;
        while let Some(Ok(frame)) = body.frame().await {
            let at = Instant::now();
            let Some(data) = frame.data_ref() else {
                continue;
            };
            let text = String::from_utf8_lossy(data);
            let Some(numbers) = text
                .split("\n\n")
                .filter(|e| e.contains("event: changes"))
                .find_map(|e| e.lines().find_map(|l| l.strip_prefix("data: ")))
                .and_then(|d| serde_json::from_str::<Vec<i64>>(d).ok())
            else {
                continue;
            };
            let Some(post) = &fetch else {
                let mut arrivals = arrivals.lock().await;
                arrivals.extend(numbers.into_iter().map(|n| (n, at)));
                continue;
            };
            // As the chat window does: fetch what is new.
            let body = format!("after={last_line}");
            let Ok(json) = send(post, &format!("{url}/api/chat/lines"), &cookie, body).await else {
                continue;
            };
            let lines: Vec<ChatLine> = serde_json::from_slice(&json).unwrap_or_default();
            let at = Instant::now();
            let mut arrivals = arrivals.lock().await;
            for line in lines {
                last_line = last_line.max(line.id);
                let key = line
                    .body
                    .strip_prefix("Answer ")
                    .and_then(|k| k.parse().ok());
                if let (true, Some(key)) = (line.from_staff, key) {
                    arrivals.push((key, at));
                }
            }
        }
    });
    rx
}

/// Posts a server function's form; its body when it succeeded.
async fn send(post: &Post, url: &str, cookie: &str, body: String) -> Result<Bytes, String> {
    let req = Request::post(url)
        .header("cookie", cookie)
        .header("accept", "application/json")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Full::new(Bytes::from(body)))
        .map_err(|e| e.to_string())?;
    let res = post.request(req).await.map_err(|e| e.to_string())?;
    let status = res.status();
    let bytes = res.into_body().collect().await.map_err(|e| e.to_string())?;
    if !status.is_success() {
        return Err(format!("{url} answered {status}"));
    }
    Ok(bytes.to_bytes())
}

/// For each message sent (key, when), how long until its first arrival
/// after that; and how many never arrived.
async fn delays(sent: &HashMap<i64, Instant>, arrivals: &Arrivals) -> (Vec<Duration>, usize) {
    let arrivals = arrivals.lock().await;
    let mut first: HashMap<i64, Duration> = HashMap::new();
    for (key, got) in arrivals.iter() {
        if let Some(at) = sent.get(key) {
            if got >= at {
                let d = got.duration_since(*at);
                first
                    .entry(*key)
                    .and_modify(|e| *e = (*e).min(d))
                    .or_insert(d);
            }
        }
    }
    let missing = sent.len() - first.len();
    (first.into_values().collect(), missing)
}

/// The `q` quantile of sorted `times`.
fn at(times: &[Duration], q: f64) -> Duration {
    times
        .get(((times.len() as f64 * q) as usize).min(times.len().saturating_sub(1)))
        .copied()
        .unwrap_or_default()
}

/// A figure of `/proc/<pid>/status` (kB), on Linux.
fn memory(pid: Option<u32>, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", pid?)).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

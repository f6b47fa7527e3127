//! The load benchmark: simulated people using a running server over
//! loopback, each in a loop of a customer's day (my cases, a case page, a
//! reply, a help search, the help home and an article) with a pause
//! between requests. Reports latency per kind of request and fails when a
//! request errs or the 99th percentile reaches the target.

use std::time::{Duration, Instant};

use domain::auth::{accounts, Role};
use domain::cases::open::{open_case, NewCase};
use domain::cases::CaseType;
use domain::db::Db;
use domain::validate::{MessageBody, Subject};
use futures::future::join_all;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::Request;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use rand::Rng;

/// The session cookie's name on plain loopback HTTP (app::auth::session).
const COOKIE: &str = "hd_session";
/// What the issue asks of the 99th percentile.
pub const P99_TARGET: Duration = Duration::from_millis(100);

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    MyCases,
    CasePage,
    Reply,
    Search,
    HelpHome,
    Article,
}

const KINDS: [Kind; 6] = [
    Kind::MyCases,
    Kind::CasePage,
    Kind::Reply,
    Kind::Search,
    Kind::HelpHome,
    Kind::Article,
];
const WORDS: [&str; 6] = [
    "card", "password", "invoice", "factura", "compte", "payment",
];

pub struct Plan {
    pub url: String,
    pub users: usize,
    pub length: Duration,
    /// Mean pause between one person's requests (drawn from 0.5x to 1.5x).
    pub think: Duration,
}

/// One person: their session and their case.
struct Person {
    cookie: String,
    case: i64,
}

pub struct Outcome {
    pub table: String,
    pub errors: usize,
    pub p99: Duration,
}

pub async fn run(db: &Db, plan: &Plan) -> Result<Outcome, Box<dyn std::error::Error>> {
    let people = people(db, plan.users).await?;
    let articles: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM articles WHERE status = 'published' LIMIT 50")
            .fetch_all(&db.read)
            .await?;
    if articles.is_empty() {
        return Err("no published article: start the server with its demo content".into());
    }
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(plan.users)
        .build_http();
    let deadline = Instant::now() + plan.length;
    let started = Instant::now();
    let runs = people.into_iter().map(|p| {
        let (client, articles) = (client.clone(), articles.clone());
        let (url, think) = (plan.url.clone(), plan.think);
        tokio::spawn(async move {
            let mut seen = Vec::new();
            while Instant::now() < deadline {
                let pause = rand::thread_rng().gen_range(think / 2..think * 3 / 2);
                tokio::time::sleep(pause).await;
                let kind = KINDS[rand::thread_rng().gen_range(0..KINDS.len())];
                let request = request(&url, kind, &p, &articles);
                let sent = Instant::now();
                let ok = match client.request(request).await {
                    Ok(res) => {
                        let fine = res.status().is_success();
                        // The whole answer, as a browser reads it.
                        fine && res.into_body().collect().await.is_ok()
                    }
                    Err(_) => false,
                };
                seen.push((kind, sent.elapsed(), ok));
            }
            seen
        })
    });
    let mut seen = Vec::new();
    for done in join_all(runs).await {
        seen.extend(done?);
    }
    Ok(report(&seen, started.elapsed(), plan))
}

/// A customer account, a case and a session for each person.
async fn people(db: &Db, n: usize) -> Result<Vec<Person>, Box<dyn std::error::Error>> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_millis();
    let mut people = Vec::with_capacity(n);
    for i in 0..n {
        let email = format!("load-{stamp}-{i}@example.com");
        let person = accounts::register(db, Role::Customer, "Load", &email, "password-123").await?;
        let new = NewCase::new(
            Subject::parse("My card was declined")?,
            CaseType::FINANCE,
            MessageBody::parse("It was declined twice today.")?,
        );
        let case = open_case(db, &person, &new).await?.number();
        let token = accounts::start_session(db, &person, None, 1).await?;
        people.push(Person {
            cookie: format!("{COOKIE}={token}"),
            case,
        });
    }
    Ok(people)
}

fn request(url: &str, kind: Kind, p: &Person, articles: &[i64]) -> Request<Full<Bytes>> {
    let mut rng = rand::thread_rng();
    let word = WORDS[rng.gen_range(0..WORDS.len())];
    let article = articles[rng.gen_range(0..articles.len())];
    let (method, path, body) = match kind {
        Kind::MyCases => ("GET", "/cases".to_owned(), String::new()),
        Kind::CasePage => ("GET", format!("/cases/{}", p.case), String::new()),
        Kind::Reply => (
            "POST",
            "/api/cases/reply".to_owned(),
            format!("number={}&body=One+more+detail+about+{word}", p.case),
        ),
        Kind::Search => ("GET", format!("/help/search?q={word}"), String::new()),
        Kind::HelpHome => ("GET", "/".to_owned(), String::new()),
        Kind::Article => ("GET", format!("/help/articles/{article}"), String::new()),
    };
    let accept = if method == "POST" {
        "application/json"
    } else {
        "text/html"
    };
    Request::builder()
        .method(method)
        .uri(format!("{url}{path}"))
        .header("cookie", &p.cookie)
        .header("accept", accept)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Full::new(Bytes::from(body)))
        .expect("a well-formed request")
}

fn report(seen: &[(Kind, Duration, bool)], took: Duration, plan: &Plan) -> Outcome {
    let mut table = format!(
        "{} people for {} s, a pause of {} ms on average between one person's requests\n\n\
         | request | count | p50 | p99 | max | errors |\n|---|---:|---:|---:|---:|---:|\n",
        plan.users,
        plan.length.as_secs(),
        plan.think.as_millis()
    );
    let mut row = |name: &str, of: Vec<&(Kind, Duration, bool)>| {
        let mut times: Vec<Duration> = of.iter().map(|s| s.1).collect();
        times.sort();
        let errors = of.iter().filter(|s| !s.2).count();
        let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        table.push_str(&format!(
            "| {name} | {} | {:.1} ms | {:.1} ms | {:.1} ms | {errors} |\n",
            times.len(),
            ms(at(0.5)),
            ms(at(0.99)),
            ms(*times.last().unwrap())
        ));
        (at(0.99), errors)
    };
    for kind in KINDS {
        let of: Vec<_> = seen.iter().filter(|s| s.0 == kind).collect();
        if !of.is_empty() {
            row(&format!("{kind:?}"), of);
        }
    }
    let (p99, errors) = row("all", seen.iter().collect());
    table.push_str(&format!(
        "\n{:.0} requests per second\n",
        seen.len() as f64 / took.as_secs_f64()
    ));
    Outcome { table, errors, p99 }
}

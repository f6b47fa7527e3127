//! A data generator for the benchmark: customers, cases and messages of a
//! realistic shape (most customers have a few cases, one has ten thousand;
//! most cases are closed; messages alternate customer and staff).

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use domain::auth::{accounts, Role};
use domain::cases::record::Priority;
use domain::cases::sla::SlaTarget;
use domain::cases::CaseStatus;
use domain::db::{Backend, Db, Sql};
use domain::error::AppError;

#[derive(Clone, Debug)]
pub struct Shape {
    pub customers: i64,
    pub cases: i64,
    pub messages: i64,
}

/// The customer who has ten thousand cases, and the case with fifty
/// messages: what the benchmark reads.
pub const HEAVY_CUSTOMER: &str = "heavy@example.com";
pub const BENCH_AGENT: &str = "bench-agent@example.com";
pub const BENCH_ADMIN: &str = "bench-admin@example.com";
/// Agents besides the bench agent that cases are assigned to.
const OTHER_AGENTS: i64 = 9;
/// The password of the two accounts the benchmark signs in as.
pub const BENCH_PASSWORD: &str = "bench-password";
pub const HEAVY_CASES: i64 = 10_000;
pub const LONG_CASE_MESSAGES: i64 = 50;

const WORDS: [&str; 48] = [
    "invoice",
    "payment",
    "card",
    "declined",
    "password",
    "sign",
    "account",
    "platform",
    "order",
    "delivery",
    "refund",
    "address",
    "email",
    "error",
    "screen",
    "login",
    "app",
    "update",
    "transfer",
    "balance",
    "statement",
    "contract",
    "plan",
    "subscription",
    "fee",
    "charge",
    "tax",
    "certificate",
    "document",
    "upload",
    "download",
    "report",
    "market",
    "trading",
    "hours",
    "holiday",
    "branch",
    "phone",
    "number",
    "change",
    "cancel",
    "renew",
    "verify",
    "identity",
    "blocked",
    "access",
    "slow",
    "missing",
];
const STATUSES: [(CaseStatus, u32); 8] = [
    (CaseStatus::Closed, 55),
    (CaseStatus::ClosedByCustomer, 10),
    (CaseStatus::Resolved, 8),
    (CaseStatus::New, 7),
    (CaseStatus::InProgress, 8),
    (CaseStatus::AwaitingReply, 6),
    (CaseStatus::Referred, 3),
    (CaseStatus::AwaitingApproval, 3),
];
const TYPES: [&str; 4] = ["technical", "finance", "account", "other"];
const ORIGINS: [&str; 5] = ["web", "web", "chat", "email", "phone"];

fn sentence(rng: &mut StdRng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(WORDS[rng.gen_range(0..WORDS.len())]);
    }
    // A rare word now and then, like an order number people search for.
    if rng.gen_ratio(1, 50) {
        s.push_str(&format!(" ref{}", rng.gen_range(0..100_000)));
    }
    s
}

fn status(rng: &mut StdRng) -> CaseStatus {
    let mut roll = rng.gen_range(0..100);
    for (s, weight) in STATUSES {
        if roll < weight {
            return s;
        }
        roll -= weight;
    }
    CaseStatus::Closed
}

/// Fills an empty database. Rows go in large multi-row statements inside a
/// few big transactions; the text index is filled by its triggers (on
/// PostgreSQL built once at the end instead).
pub async fn generate(
    db: &Db,
    shape: &Shape,
    mut progress: impl FnMut(&str),
) -> Result<(), AppError> {
    let mut rng = StdRng::seed_from_u64(42);
    let now = db.now();
    let year_ms: i64 = 365 * 24 * 3_600_000;
    // The two accounts the benchmark signs in as, then the other customers
    // (one password hash for all: nobody signs in as them), ids in a row.
    let agent = accounts::register(db, Role::Agent, "Bench Agent", BENCH_AGENT, BENCH_PASSWORD);
    let agent_id = agent.await?.id;
    let heavy = accounts::register(
        db,
        Role::Customer,
        "Customer 0",
        HEAVY_CUSTOMER,
        BENCH_PASSWORD,
    );
    let first_customer = heavy.await?.id;
    if first_customer != agent_id + 1 {
        tracing::warn!("account ids are not consecutive; generated cases may miss owners");
    }
    let hash = "generated-account-without-password";
    let mut tx = db.begin_write().await?;
    let mut q = Sql::new("INSERT INTO users (email, name, role, password_hash, created_at) ");
    q.values(1..=OTHER_AGENTS, |b, i| {
        b.bind(format!("agent{i}@example.com"))
            .bind(format!("Agent {i}"))
            .bind("agent")
            .bind(hash)
            .bind(now - year_ms * 3);
    });
    q.execute(&mut *tx).await?;
    let agents: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM users WHERE role = 'agent' ORDER BY id")
            .fetch_all(&mut *tx)
            .await?;
    for chunk in (1..shape.customers).collect::<Vec<_>>().chunks(500) {
        let mut q = Sql::new("INSERT INTO users (email, name, role, password_hash, created_at) ");
        q.values(chunk, |b, i| {
            let email = if *i == 0 {
                HEAVY_CUSTOMER.to_string()
            } else {
                format!("customer{i}@example.com")
            };
            b.bind(email)
                .bind(format!("Customer {i}"))
                .bind("customer")
                .bind(hash)
                .bind(now - year_ms * 3);
        });
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    progress("customers");

    if db.backend() == Backend::Postgres {
        run_all(db, PG_TEXT_OFF).await?;
    }
    let per_case = (shape.messages as f64 / shape.cases.max(1) as f64).max(1.0);
    let mut made_messages = 0i64;
    let mut case_id = 0i64;
    let batch = 500i64;
    let mut start = 0i64;
    while start < shape.cases {
        let end = (start + batch).min(shape.cases);
        let mut tx = db.begin_write().await?;
        let mut cases = Vec::new();
        let mut messages = Vec::new();
        for i in start..end {
            case_id += 1;
            // The first HEAVY_CASES cases belong to one customer; the rest
            // spread over everyone.
            let customer = if i < HEAVY_CASES.min(shape.cases / 10) {
                first_customer
            } else {
                first_customer + rng.gen_range(0..shape.customers.max(1))
            };
            let created = now - rng.gen_range(0..year_ms * 3);
            let updated = (created + rng.gen_range(0..30 * 24 * 3_600_000)).min(now);
            let st = status(&mut rng);
            let n_messages = if i == 0 {
                LONG_CASE_MESSAGES
            } else {
                let spread = rng.gen_range(0.0..2.0);
                ((per_case * spread).round() as i64).max(1)
            };
            let step = ((updated - created) / n_messages.max(1)).max(1);
            let (mut first_staff, mut last_staff) = (None, None);
            for m in 0..n_messages {
                let from_staff = m % 2 == 1;
                let at = created + m * step;
                if from_staff {
                    first_staff = first_staff.or(Some(at));
                    last_staff = Some(at);
                }
                let words = rng.gen_range(8..40);
                messages.push((
                    case_id,
                    if from_staff { agent_id } else { customer },
                    from_staff,
                    sentence(&mut rng, words),
                    at,
                ));
            }
            made_messages += n_messages;
            // Three cases in ten wait for someone to take them; the rest
            // spread over the agents.
            let assignee = (!rng.gen_ratio(3, 10)).then(|| agents[rng.gen_range(0..agents.len())]);
            let waiting = matches!(st, CaseStatus::AwaitingReply | CaseStatus::AwaitingApproval);
            let resolved = (!st.is_open()).then_some(updated);
            cases.push((
                case_id,
                1001 + i,
                customer,
                sentence(&mut rng, 5),
                TYPES[rng.gen_range(0..TYPES.len())],
                st.as_str(),
                ORIGINS[rng.gen_range(0..ORIGINS.len())],
                created,
                updated,
                last_staff,
                (assignee, first_staff, resolved, waiting.then_some(updated)),
            ));
        }
        let mut q = Sql::new(
            "INSERT INTO cases (id, number, requester_id, subject, case_type, status, origin, created_at, updated_at, status_changed_at, last_staff_reply_at, assignee_id, first_response_at, resolved_at, sla_paused_since) ",
        );
        q.values(&cases, |b, c| {
            b.bind(c.0)
                .bind(c.1)
                .bind(c.2)
                .bind(c.3.clone())
                .bind(c.4)
                .bind(c.5)
                .bind(c.6)
                .bind(c.7)
                .bind(c.8)
                .bind(c.8)
                .bind(c.9)
                .bind(c.10 .0)
                .bind(c.10 .1)
                .bind(c.10 .2)
                .bind(c.10 .3);
        });
        q.execute(&mut *tx).await?;
        let mut q =
            Sql::new("INSERT INTO case_events (case_id, actor_id, kind, to_status, created_at) ");
        q.values(&cases, |b, c| {
            b.bind(c.0).bind(c.2).bind("status").bind("new").bind(c.7);
        });
        q.execute(&mut *tx).await?;
        for chunk in messages.chunks(1000) {
            let mut q = Sql::new(
                "INSERT INTO messages (case_id, author_id, from_staff, body, created_at) ",
            );
            q.values(chunk, |b, m| {
                b.bind(m.0).bind(m.1).bind(m.2).bind(m.3.clone()).bind(m.4);
            });
            q.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        start = end;
        if start % 100_000 == 0 || start == shape.cases {
            progress(&format!("{start} cases, {made_messages} messages"));
        }
    }
    if db.backend() == Backend::Postgres {
        progress("text index");
        run_all(db, PG_TEXT_ON).await?;
    }
    // Service levels as the demo has them: due times for every open case.
    let admin = accounts::register(db, Role::Admin, "Bench Admin", BENCH_ADMIN, BENCH_PASSWORD);
    let admin = admin.await?.staff()?.admin()?;
    let targets = [
        (Priority::Urgent, 1),
        (Priority::High, 4),
        (Priority::Normal, 8),
        (Priority::Low, 24),
    ]
    .map(|(priority, hours)| SlaTarget {
        priority,
        first_response_ms: Some(hours * 3_600_000),
        resolution_ms: Some(hours * 9 * 3_600_000),
    });
    domain::cases::sla::set_targets(db, &admin, &targets).await?;
    progress("service levels");
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM case_status_counts")
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO case_status_counts (status, shard, n) SELECT status, 0, COUNT(*) FROM cases GROUP BY status")
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM case_queue_counts")
        .execute(&mut *tx)
        .await?;
    let queues = domain::cases::assign::queues_from_cases();
    sqlx::query(&format!(
        "INSERT INTO case_queue_counts (assignee_id, n) {queues}"
    ))
    .execute(&mut *tx)
    .await?;
    // Ids and numbers were given here: the next case takes up after them.
    let follow_on: &[&str] = match db.backend() {
        Backend::Sqlite => &[
            "UPDATE counters SET value = (SELECT MAX(number) FROM cases) WHERE name = 'case_number'",
            // The text index in one segment, as the server's upkeep leaves it.
            "INSERT INTO case_text (case_text) VALUES ('optimize')",
        ],
        Backend::Postgres => &[
            "SELECT setval('case_numbers', (SELECT MAX(number) FROM cases))",
            "SELECT setval(pg_get_serial_sequence('cases', 'id'), (SELECT MAX(id) FROM cases))",
        ],
    };
    // Then statistics for the query planner (SQLite writes them into the
    // file, so on the writer).
    for sql in follow_on.iter().chain(&["ANALYZE"]) {
        sqlx::query(sql).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    // PostgreSQL's autovacuum marks pages of a table it has vacuumed as
    // all-visible, which lets the lists read their indexes alone; vacuum
    // now to measure that steady state (outside a transaction).
    if db.backend() == Backend::Postgres {
        sqlx::query("VACUUM").execute(&db.read).await?;
    }
    Ok(())
}

/// On PostgreSQL the text index triggers re-read a case's whole text for
/// each new message; a million cases load far faster with them off and the
/// index built once at the end, from the same text the triggers would keep.
const PG_TEXT_OFF: &[&str] = &[
    "ALTER TABLE cases DISABLE TRIGGER case_text_subject",
    "ALTER TABLE messages DISABLE TRIGGER case_text_message",
    "DROP INDEX IF EXISTS case_text_words",
];
const PG_TEXT_ON: &[&str] = &[
    "INSERT INTO case_text (case_id, body) \
     SELECT c.id, c.subject || COALESCE(chr(10) || string_agg(m.body, chr(10) ORDER BY m.id), '') \
     FROM cases c LEFT JOIN messages m ON m.case_id = c.id \
     WHERE NOT EXISTS (SELECT 1 FROM case_text t WHERE t.case_id = c.id) \
     GROUP BY c.id, c.subject",
    "CREATE INDEX case_text_words ON case_text USING GIN (words)",
    "ALTER TABLE cases ENABLE TRIGGER case_text_subject",
    "ALTER TABLE messages ENABLE TRIGGER case_text_message",
];

async fn run_all(db: &Db, statements: &[&str]) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    for sql in statements {
        sqlx::query(sql).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

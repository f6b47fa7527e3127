//! `helpdesk-tools`: data generators and benchmarks, kept out of the
//! product. They call the same services as the server, on SQLite or
//! PostgreSQL (`--database-url`).

mod cases;
mod chat_bench;
mod help;
mod live_bench;
mod load;
mod mail;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use domain::db::{default_url, Clock, Db};
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(about = "Generators and benchmarks for the helpdesk")]
struct Cli {
    /// Where the SQLite database lives when no URL is given.
    #[arg(long, env = "HELPDESK_DATA_DIR", default_value = "data", global = true)]
    data_dir: PathBuf,
    /// The database: `sqlite://<file>` or `postgres://user@host/name`.
    #[arg(long, env = "DATABASE_URL", global = true)]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fill the database with generated cases for the benchmark.
    Generate {
        #[arg(long, default_value_t = 100_000)]
        customers: i64,
        #[arg(long, default_value_t = 1_000_000)]
        cases: i64,
        #[arg(long, default_value_t = 5_000_000)]
        messages: i64,
    },
    /// Measure the case reads on a generated database (see `generate`),
    /// then replies per second with concurrent writers.
    Bench {
        #[arg(long, default_value_t = 300)]
        runs: usize,
        #[arg(long, default_value_t = 50)]
        writers: usize,
    },
    /// Fill the database with generated help articles (if it has fewer),
    /// then measure searches and the article page.
    BenchHelp {
        #[arg(long, default_value_t = 50_000)]
        articles: usize,
        #[arg(long, default_value_t = 300)]
        runs: usize,
    },
    /// Queue mails, then deliver them all to an SMTP server; mails per
    /// second both ways.
    BenchMail {
        #[arg(long, default_value_t = 10_000)]
        mails: usize,
        /// The SMTP server (a local sink such as maildev).
        #[arg(long)]
        smtp_url: String,
    },
    /// Simulated customers using a running server (on this database) over
    /// HTTP; fails on an error or a 99th percentile of 100 ms or more.
    Load {
        /// The running server.
        #[arg(long, default_value = "http://127.0.0.1:3200")]
        url: String,
        #[arg(long, default_value_t = 200)]
        users: usize,
        #[arg(long, default_value_t = 60)]
        secs: u64,
        /// Mean pause between one person's requests, in milliseconds.
        #[arg(long, default_value_t = 1000)]
        think_ms: u64,
    },
    /// Staff clients on `/events` of a running server (on this database)
    /// while changes are made; fails when one is not heard or the 99th
    /// percentile from change to every client is 100 ms or more.
    Live {
        #[arg(long, default_value = "http://127.0.0.1:3200")]
        url: String,
        #[arg(long, default_value_t = 200)]
        clients: usize,
        #[arg(long, default_value_t = 50)]
        changes: usize,
        /// Pause between two changes, in milliseconds.
        #[arg(long, default_value_t = 200)]
        every_ms: u64,
    },
    /// Chat visitors and agents on `/events` of a running server (on this
    /// database) while agents answer and visitors write; fails when a
    /// message does not arrive, the 99th percentile reaches 50 ms or the
    /// server's memory 100 MB.
    Chat {
        #[arg(long, default_value = "http://127.0.0.1:3200")]
        url: String,
        #[arg(long, default_value_t = 1000)]
        visitors: usize,
        #[arg(long, default_value_t = 20)]
        agents: usize,
        /// Answers each agent sends.
        #[arg(long, default_value_t = 40)]
        answers: usize,
        /// Pause between two messages of one sender, in milliseconds.
        #[arg(long, default_value_t = 100)]
        every_ms: u64,
        /// The server's process id, to read its memory.
        #[arg(long, env = "BENCH_SERVER_PID")]
        server_pid: Option<u32>,
    },
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn")),
        )
        .init();
    let cli = Cli::parse();
    std::fs::create_dir_all(&cli.data_dir)?;
    let url = cli
        .database_url
        .clone()
        .unwrap_or_else(|| default_url(&cli.data_dir));
    let db = Db::connect(&url, Clock::system()).await?;
    match cli.command {
        Command::Generate {
            customers,
            cases,
            messages,
        } => {
            let started = Instant::now();
            let shape = cases::generate::Shape {
                customers,
                cases,
                messages,
            };
            cases::generate::generate(&db, &shape, |done| {
                println!("{:>6.1} s  {done}", started.elapsed().as_secs_f64());
            })
            .await?;
            println!("generated in {:.1} s", started.elapsed().as_secs_f64());
        }
        Command::Bench { runs, writers } => {
            print_figures(&cases::bench::run(&db, runs).await?);
            let length = Duration::from_secs(10);
            let per_second = cases::bench_write::replies_per_second(&db, writers, length).await?;
            println!("\nreplies per second, {writers} concurrent writers: {per_second:.0}");
        }
        Command::BenchHelp { articles, runs } => {
            let started = Instant::now();
            help::bench::generate(&db, articles, |done| {
                if done % 10_000 == 0 {
                    let secs = started.elapsed().as_secs_f64();
                    eprintln!("{secs:>6.1} s  {done} articles");
                }
            })
            .await?;
            print_figures(&help::bench::run(&db, runs).await?);
        }
        Command::BenchMail { mails, smtp_url } => {
            let f = mail::bench::run(&db, &smtp_url, mails).await?;
            println!("| outbox, {mails} mails | mails per second |\n|---|---:|");
            println!(
                "| queued (1,000 per transaction) | {:.0} |",
                f.queued_per_second
            );
            println!("| delivered over SMTP | {:.0} |", f.sent_per_second);
            if f.failed > 0 {
                println!("not delivered: {}", f.failed);
            }
        }
        Command::Load {
            url,
            users,
            secs,
            think_ms,
        } => {
            let plan = load::Plan {
                url,
                users,
                length: Duration::from_secs(secs),
                think: Duration::from_millis(think_ms),
            };
            let outcome = load::run(&db, &plan).await?;
            println!("{}", outcome.table);
            if outcome.errors > 0 || outcome.p99 >= load::P99_TARGET {
                eprintln!("failed: {} errors, p99 {:?}", outcome.errors, outcome.p99);
                std::process::exit(1);
            }
        }
        Command::Live {
            url,
            clients,
            changes,
            every_ms,
        } => {
            let plan = live_bench::Plan {
                url,
                clients,
                changes,
                every: Duration::from_millis(every_ms),
            };
            let outcome = live_bench::run(&db, &plan).await?;
            println!("{}", outcome.report);
            if outcome.missing > 0 || outcome.p99 >= live_bench::P99_TARGET {
                eprintln!("failed: {} missing, p99 {:?}", outcome.missing, outcome.p99);
                std::process::exit(1);
            }
        }
        Command::Chat {
            url,
            visitors,
            agents,
            answers,
            every_ms,
            server_pid,
        } => {
            let plan = chat_bench::Plan {
                url,
                visitors,
                agents,
                answers,
                every: Duration::from_millis(every_ms),
                server_pid,
            };
            let outcome = chat_bench::run(&db, &plan).await?;
            println!("{}", outcome.report);
            let heavy = outcome
                .peak_kb
                .is_some_and(|kb| kb >= chat_bench::MEMORY_TARGET_KB);
            if outcome.missing > 0 || outcome.p99 >= chat_bench::P99_TARGET || heavy {
                eprintln!(
                    "failed: {} missing, p99 {:?}, peak {:?} kB",
                    outcome.missing, outcome.p99, outcome.peak_kb
                );
                std::process::exit(1);
            }
        }
    }
    db.close().await;
    Ok(())
}

fn print_figures(figures: &[cases::bench::Figure]) {
    println!("| read | p50 | p99 |\n|---|---:|---:|");
    for f in figures {
        println!(
            "| {} | {:.2} ms | {:.2} ms |",
            f.name,
            f.p50.as_secs_f64() * 1000.0,
            f.p99.as_secs_f64() * 1000.0
        );
    }
}

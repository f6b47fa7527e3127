//! The case benchmark: p50 and p99 of the reads people wait on, measured at
//! the functions the server functions call, on a generated database.

use std::time::{Duration, Instant};

use domain::auth::{accounts, Person};
use domain::cases::assign::view_counts;
use domain::cases::filter::{CaseFilter, CaseQuery};
use domain::cases::lifecycle::status_counts;
use domain::cases::listing::{list_all, list_for_requester};
use domain::cases::store::open_for_viewer;
use domain::cases::workspace::View;
use domain::cases::{CaseStatus, CaseType};
use domain::db::{Backend, Db};
use domain::error::AppError;

use super::generate::{BENCH_AGENT, BENCH_PASSWORD, HEAVY_CUSTOMER};

/// One measured read: its name, p50 and p99.
pub struct Figure {
    pub name: &'static str,
    pub p50: Duration,
    pub p99: Duration,
}

/// Signs in as one of the generated accounts the benchmark reads for.
pub async fn sign_in(db: &Db, email: &str) -> Result<Person, AppError> {
    accounts::authenticate(db, email, BENCH_PASSWORD).await
}

pub async fn measure<F, Fut, T>(
    name: &'static str,
    runs: usize,
    mut f: F,
) -> Result<Figure, AppError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, AppError>>,
{
    // Warm the page cache first, as a running server would be.
    for _ in 0..runs / 10 + 1 {
        f().await?;
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        f().await?;
        times.push(start.elapsed());
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).saturating_sub(1)];
    Ok(Figure {
        name,
        p50: at(0.50),
        p99: at(0.99),
    })
}

/// Runs every measurement `runs` times.
pub async fn run(db: &Db, runs: usize) -> Result<Vec<Figure>, AppError> {
    merge_text_index(db).await?;
    let customer = sign_in(db, HEAVY_CUSTOMER).await?;
    let staff = sign_in(db, BENCH_AGENT).await?.staff()?;
    let none = CaseFilter::default();
    let status_type = CaseFilter {
        statuses: vec![CaseStatus::InProgress, CaseStatus::AwaitingReply],
        case_type: Some(CaseType::FINANCE),
        ..Default::default()
    };
    let rare_text = CaseFilter {
        text: Some("ref42421".into()),
        ..Default::default()
    };
    let common_text = CaseFilter {
        text: Some("refund blocked".into()),
        ..Default::default()
    };
    let common_for_customer = common_text.clone();
    let mut out = Vec::new();
    out.push(
        measure(
            "My cases, first page (customer with 10,000 cases)",
            runs,
            || list_for_requester(db, &customer, &none, None),
        )
        .await?,
    );
    out.push(
        measure("Staff list, first page, no filter", runs, || {
            list_all(db, &staff, &none, None)
        })
        .await?,
    );
    out.push(
        measure("Staff list, status + type filter", runs, || {
            list_all(db, &staff, &status_type, None)
        })
        .await?,
    );
    out.push(
        measure("Staff list, free text (a rare reference)", runs, || {
            list_all(db, &staff, &rare_text, None)
        })
        .await?,
    );
    out.push(
        measure("Staff list, free text (two common words)", runs, || {
            list_all(db, &staff, &common_text, None)
        })
        .await?,
    );
    out.push(
        measure("My cases, free text (two common words)", runs, || {
            list_for_requester(db, &customer, &common_for_customer, None)
        })
        .await?,
    );
    out.push(
        measure("Case page with 50 messages (marks it read)", runs, || {
            open_for_viewer(db, &customer, 1001)
        })
        .await?,
    );
    out.push(measure("Per-status counts", runs, || status_counts(db, &staff)).await?);
    // The staff workspace's views (issue 16), for an agent with a share of
    // the open cases.
    for (name, view) in [
        ("Mine, first page", View::Mine),
        ("Unassigned, first page", View::Unassigned),
        ("Breached, first page (most overdue first)", View::Breached),
    ] {
        let f = CaseFilter::parse(&CaseQuery {
            view: view.as_str().into(),
            ..Default::default()
        })?;
        out.push(measure(name, runs, || list_all(db, &staff, &f, None)).await?);
    }
    out.push(measure("View counts (the rail)", runs, || view_counts(db, &staff)).await?);
    Ok(out)
}

/// The writes of an earlier run (the reply throughput) leave SQLite's text
/// index in many small segments, which the running server merges a slice
/// at a time every minute; measure it merged, as the server keeps it.
async fn merge_text_index(db: &Db) -> Result<(), AppError> {
    if db.backend() == Backend::Sqlite {
        let mut tx = db.begin_write().await?;
        sqlx::query("INSERT INTO case_text (case_text) VALUES ('optimize')")
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    }
    Ok(())
}

//! Write throughput for the case benchmark: staff replies from many
//! concurrent writers, each on a case of its own, through the same
//! function the "Reply" server function calls.

use std::time::{Duration, Instant};

use domain::cases::store::reply;
use domain::db::Db;
use domain::error::AppError;
use domain::validate::MessageBody;

use super::bench::sign_in;
use super::generate::BENCH_AGENT;

/// Replies per second with `writers` writers replying for `length`.
pub async fn replies_per_second(
    db: &Db,
    writers: usize,
    length: Duration,
) -> Result<f64, AppError> {
    let staff = sign_in(db, BENCH_AGENT).await?;
    // Cases still open (a reply to a closed case is refused).
    let numbers: Vec<i64> = sqlx::query_scalar(
        "SELECT number FROM cases WHERE status IN ('new', 'in_progress', 'referred') \
         ORDER BY number DESC LIMIT $1",
    )
    .bind(writers as i64)
    .fetch_all(&db.read)
    .await?;
    let body = MessageBody::parse("Thanks, we are looking into it and will write again soon.")
        .map_err(|_| AppError::Internal)?;
    let started = Instant::now();
    let tasks = numbers.into_iter().map(|n| {
        let (db, staff, body) = (db.clone(), staff.clone(), body.clone());
        tokio::spawn(async move {
            let mut done = 0u64;
            while started.elapsed() < length {
                reply(&db, &staff, n, &body).await?;
                done += 1;
            }
            Ok::<u64, AppError>(done)
        })
    });
    let mut total = 0;
    for done in futures::future::join_all(tasks).await {
        total += done??;
    }
    Ok(total as f64 / started.elapsed().as_secs_f64())
}

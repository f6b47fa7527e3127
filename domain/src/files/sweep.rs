//! Cleaning up after a crash: staged uploads that never finished, and
//! stored files no attachment, received mail or profile photo refers to (placed, then the
//! server died before the message was committed).

use std::time::{Duration, SystemTime};

use super::store::Files;
use crate::db::Db;

/// What one clean-up removed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub partial: usize,
    pub orphans: usize,
}

/// Removes staged files and unreferenced stored files older than `grace`
/// (zero at start-up, when no upload is in flight).
pub async fn sweep(files: &Files, db: &Db, grace: Duration) -> std::io::Result<Swept> {
    let cutoff = SystemTime::now() - grace;
    let mut swept = Swept::default();
    let mut staged = tokio::fs::read_dir(&files.staging).await?;
    while let Some(entry) = staged.next_entry().await? {
        if entry.metadata().await?.modified()? <= cutoff {
            tokio::fs::remove_file(entry.path()).await?;
            swept.partial += 1;
        }
    }
    for (key, written) in files.store.keys().await? {
        if written > cutoff {
            continue;
        }
        let original = key.strip_suffix("-thumb").unwrap_or(&key);
        let used: Option<i32> = sqlx::query_scalar(
            "SELECT 1 FROM attachments WHERE storage_key = $1 \
                 UNION ALL SELECT 1 FROM inbound_mails WHERE eml_key = $1 \
                 UNION ALL SELECT 1 FROM users WHERE photo_key = $1 LIMIT 1",
        )
        .bind(original)
        .fetch_optional(&db.read)
        .await
        .map_err(std::io::Error::other)?;
        if used.is_none() {
            files.store.delete(&key).await?;
            swept.orphans += 1;
        }
    }
    Ok(swept)
}

/// Sweeps now (nothing is in flight yet), then every hour with an hour's
/// grace for uploads in progress.
pub fn spawn(files: Files, db: Db) {
    tokio::spawn(async move {
        let mut grace = Duration::ZERO;
        loop {
            match sweep(&files, &db, grace).await {
                Ok(s) if s != Swept::default() => {
                    tracing::info!(
                        partial = s.partial,
                        orphans = s.orphans,
                        "removed stale files"
                    )
                }
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "file clean-up failed"),
            }
            grace = Duration::from_secs(3600);
            tokio::time::sleep(grace).await;
        }
    });
}

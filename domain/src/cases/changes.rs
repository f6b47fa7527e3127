//! Live updates: every change to a case leaves a row in `case_changes`, in
//! its own transaction; a feed reads new rows every few milliseconds and
//! hands them, in batches, to whoever listens on this server (at once
//! when the change was made here). The rows are the bus between servers
//! (each reads them all); a listener here is told only what its actor may
//! know ([`Change::visible_to`]).

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::broadcast;

use crate::auth::Actor;
use crate::db::{backend_of, Backend, Db, Flag, Tx};
use crate::error::AppError;

/// How often the feed looks for new changes: well under the second the
/// workspace promises.
const POLL: Duration = Duration::from_millis(50);
/// Rows are kept this long (a listener that was away longer reloads).
const KEEP_MS: i64 = 60 * 60 * 1000;
/// How far back a poll looks again for rows committed out of id order
/// (PostgreSQL hands out ids before commit).
const LOOK_BACK: i64 = 64;

/// Notes a change to case `case_id` in the caller's transaction; `public`
/// when the customer sees it (a staff answer, a status).
pub(crate) async fn record(
    tx: &mut Tx,
    case_id: i64,
    public: bool,
    now: i64,
) -> Result<(), AppError> {
    let postgres = backend_of(tx) == Backend::Postgres;
    // PostgreSQL tells every server's feed once the change is committed
    // (a NOTIFY is sent at commit, and not at all on a rollback); the
    // same statement, so no extra round trip.
    let sql = if postgres {
        "INSERT INTO case_changes (case_id, public, at) \
         SELECT $1, $2, $3 FROM (SELECT pg_notify($4, '')) AS told"
    } else {
        "INSERT INTO case_changes (case_id, public, at) VALUES ($1, $2, $3)"
    };
    let mut query = sqlx::query(sql).bind(case_id).bind(public).bind(now);
    if postgres {
        query = query.bind(CHANNEL);
    }
    query.execute(&mut **tx).await?;
    if !postgres {
        WRITTEN.notify_one();
    }
    Ok(())
}

/// On SQLite, told of every change recorded in this process (before its
/// commit), so the feed reads it as soon as it is committed instead of at
/// its next tick.
static WRITTEN: tokio::sync::Notify = tokio::sync::Notify::const_new();
/// After such a wake-up, how often the feed looks again until the change
/// is committed, and for how long at most (then the ticks find it).
const SOON: Duration = Duration::from_millis(2);
const SOON_TRIES: u32 = 50;
/// PostgreSQL's channel for committed changes.
const CHANNEL: &str = "case_changes";
/// How often rows older than [`KEEP_MS`] are deleted.
const SWEEP_EVERY: Duration = Duration::from_secs(60);

/// One changed case, as the feed read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub number: i64,
    pub requester_id: i64,
    pub public: bool,
}

impl Change {
    /// Staff hear of every change; a customer of the public changes to
    /// the cases they opened.
    pub fn visible_to(&self, actor: &Actor) -> bool {
        match actor.user() {
            Some(u) if u.role.is_staff() => true,
            Some(u) => self.public && u.following.is_none() && u.id == self.requester_id,
            None => false,
        }
    }
}

impl Change {
    /// A chat's visitor (no account needed) hears of the public changes to
    /// their chat's case.
    pub fn visible_in_chat(&self, chat: &crate::chat::visitor::Chat) -> bool {
        self.public && self.number == chat.number
    }
}

/// A batch of changes read in one poll.
pub type Batch = Arc<Vec<Change>>;

/// The listeners of this server. Cloning shares it.
#[derive(Clone, Debug)]
pub struct Feed {
    sender: broadcast::Sender<Batch>,
    /// A chat's visitor hears only of their case: each listens on its own
    /// channel, so a change wakes one visitor, not every one connected.
    chats: Arc<Mutex<HashMap<i64, broadcast::Sender<Batch>>>>,
}

impl Feed {
    /// A feed nobody fills (tests of other things, tools).
    pub fn idle() -> Self {
        Self {
            sender: broadcast::channel(256).0,
            chats: Arc::default(),
        }
    }

    /// The public changes to case `number` (a chat's visitor).
    pub fn subscribe_case(&self, number: i64) -> broadcast::Receiver<Batch> {
        let mut chats = self.chats.lock().unwrap_or_else(PoisonError::into_inner);
        chats
            .entry(number)
            .or_insert_with(|| broadcast::channel(16).0)
            .subscribe()
    }

    /// Hands a batch to everyone listening, and each public change to
    /// those listening on its case alone.
    fn hand_out(&self, batch: Vec<Change>) {
        {
            let chats = self.chats.lock().unwrap_or_else(PoisonError::into_inner);
            for change in batch.iter().filter(|c| c.public) {
                if let Some(one) = chats.get(&change.number) {
                    // Nobody listening is not an error.
                    drop(one.send(Arc::new(vec![change.clone()])));
                }
            }
        }
        drop(self.sender.send(Arc::new(batch)));
    }

    /// Forgets the cases nobody listens on any more.
    fn forget_unheard(&self) {
        let mut chats = self.chats.lock().unwrap_or_else(PoisonError::into_inner);
        chats.retain(|_, one| one.receiver_count() > 0);
    }

    /// Starts reading `db`'s changes from now on.
    pub async fn start(db: Db) -> Result<Self, AppError> {
        let feed = Self::idle();
        let start: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM case_changes")
            .fetch_one(&db.read)
            .await?;
        let committed = Arc::new(tokio::sync::Notify::new());
        if db.backend() == Backend::Postgres {
            listen(db.url(), committed.clone()).await?;
        }
        let out = feed.clone();
        tokio::spawn(async move {
            let mut reader = Reader::new(start.unwrap_or(0));
            let mut tick = tokio::time::interval(POLL);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            let mut swept = tokio::time::Instant::now();
            loop {
                // A change wakes the feed (on SQLite one written here, on
                // PostgreSQL any server's once committed); the ticks find
                // whatever a wake-up missed.
                let tries = tokio::select! {
                    _ = tick.tick() => 1,
                    () = WRITTEN.notified() => SOON_TRIES,
                    () = committed.notified() => 1,
                };
                for attempt in 0..tries {
                    if attempt > 0 {
                        tokio::time::sleep(SOON).await;
                    }
                    match reader.read(&db).await {
                        Ok(batch) if !batch.is_empty() => {
                            out.hand_out(batch);
                            break;
                        }
                        Ok(_) => {}
                        Err(err) => {
                            tracing::warn!(?err, "reading case changes failed; will retry");
                            break;
                        }
                    }
                }
                // About once a minute, old rows go.
                if swept.elapsed() >= SWEEP_EVERY {
                    swept = tokio::time::Instant::now();
                    out.forget_unheard();
                    if let Err(err) = sweep(&db).await {
                        tracing::warn!(?err, "sweeping case changes failed; will retry");
                    }
                }
            }
        });
        Ok(feed)
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Batch> {
        self.sender.subscribe()
    }
}

/// Wakes `committed` at each committed change PostgreSQL reports. A lost
/// connection is opened again; meanwhile the feed's ticks carry on.
async fn listen(url: &str, committed: Arc<tokio::sync::Notify>) -> Result<(), AppError> {
    let mut listener = sqlx::postgres::PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    tokio::spawn(async move {
        loop {
            match listener.try_recv().await {
                // A change, or a reconnection (a change may have gone
                // unreported meanwhile): the feed reads.
                Ok(_) => committed.notify_one(),
                Err(err) => {
                    tracing::warn!(?err, "listening for case changes failed; will retry");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    });
    Ok(())
}

/// Where the feed is: the ids already handed out near the end.
struct Reader {
    /// Every id at or below this was handed out.
    floor: i64,
    seen: BTreeSet<i64>,
}

impl Reader {
    fn new(after: i64) -> Self {
        Self {
            floor: after,
            seen: BTreeSet::new(),
        }
    }

    async fn read(&mut self, db: &Db) -> Result<Vec<Change>, AppError> {
        let rows: Vec<(i64, i64, i64, Flag)> = sqlx::query_as(
            r#"
            SELECT ch.id, c.number, c.requester_id,
                   CASE WHEN ch.public THEN 1 ELSE 0 END AS public
            FROM case_changes ch JOIN cases c ON c.id = ch.case_id
            WHERE ch.id > $1
            ORDER BY ch.id
            LIMIT 2000
            "#,
        )
        .bind(self.floor)
        .fetch_all(&db.read)
        .await?;
        let mut out: Vec<Change> = Vec::new();
        for (id, number, requester_id, Flag(public)) in rows {
            if !self.seen.insert(id) {
                continue;
            }
            let change = Change {
                number,
                requester_id,
                public,
            };
            // One line per case and kind in a batch.
            if !out.contains(&change) {
                out.push(change);
            }
        }
        // Keep looking back a little for late commits, forget the rest.
        if let Some(&last) = self.seen.iter().next_back() {
            let floor = last - LOOK_BACK;
            if floor > self.floor {
                self.floor = floor;
                self.seen = self.seen.split_off(&(floor + 1));
            }
        }
        Ok(out)
    }
}

async fn sweep(db: &Db) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM case_changes WHERE at < $1")
        .bind(db.now() - KEEP_MS)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
#[path = "changes_tests.rs"]
mod tests;

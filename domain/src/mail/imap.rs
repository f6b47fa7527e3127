//! Polling a mailbox over IMAP (`--imap-url imaps://user:pass@host/INBOX`):
//! each new message goes through [`inbound::receive`], like one piped in.
//! Each is handled once across restarts: the last UID handled is stored
//! after its message is, and a message fetched again after a crash in
//! between is recognised by its Message-ID and changes nothing.

use std::sync::Arc;
use std::time::Duration;

use async_imap::Client;
use futures::TryStreamExt;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;

use super::inbound::{self, Intake, Refused};
use crate::db::Db;
use crate::error::AppError;

/// Where to poll: from `imap://` (plain, for a server on this machine) or
/// `imaps://` (TLS) URLs with the user, password and folder.
#[derive(Clone)]
pub struct MailboxUrl {
    host: String,
    port: u16,
    tls: bool,
    user: String,
    password: String,
    folder: String,
}

impl std::fmt::Debug for MailboxUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.name())
    }
}

impl MailboxUrl {
    pub fn parse(url: &str) -> Result<Self, String> {
        let bad = |why: &str| format!("imap-url: {why} (imaps://user:password@host/INBOX)");
        let (tls, rest) = if let Some(rest) = url.strip_prefix("imaps://") {
            (true, rest)
        } else if let Some(rest) = url.strip_prefix("imap://") {
            (false, rest)
        } else {
            return Err(bad("imap:// or imaps:// expected"));
        };
        let (auth, rest) = rest.rsplit_once('@').ok_or_else(|| bad("no user"))?;
        let (user, password) = auth.split_once(':').ok_or_else(|| bad("no password"))?;
        let (hostport, folder) = rest.split_once('/').unwrap_or((rest, "INBOX"));
        let (host, port) = match hostport.rsplit_once(':') {
            Some((h, p)) => (h, p.parse().map_err(|_| bad("bad port"))?),
            None => (hostport, if tls { 993 } else { 143 }),
        };
        if host.is_empty() {
            return Err(bad("no host"));
        }
        let decode = |s: &str| percent_decode(s).ok_or_else(|| bad("bad %-escape"));
        Ok(Self {
            host: host.to_owned(),
            port,
            tls,
            user: decode(user)?,
            password: decode(password)?,
            folder: match decode(folder)? {
                f if f.is_empty() => "INBOX".to_owned(),
                f => f,
            },
        })
    }

    /// The mailbox without its password, for logs and the stored state.
    pub fn name(&self) -> String {
        let scheme = if self.tls { "imaps" } else { "imap" };
        format!(
            "{scheme}://{}@{}:{}/{}",
            self.user, self.host, self.port, self.folder
        )
    }
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// What one poll did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Polled {
    pub handled: usize,
    pub refused: usize,
}

/// Why a poll stopped early; the next poll starts where it stopped.
#[derive(Debug, thiserror::Error)]
pub enum PollError {
    #[error("IMAP: {0}")]
    Imap(String),
    #[error(transparent)]
    Store(#[from] AppError),
}

impl From<async_imap::error::Error> for PollError {
    fn from(err: async_imap::error::Error) -> Self {
        PollError::Imap(err.to_string())
    }
}

impl From<std::io::Error> for PollError {
    fn from(err: std::io::Error) -> Self {
        PollError::Imap(err.to_string())
    }
}

/// Connects, handles every message newer than the last one handled, and
/// logs out.
pub async fn poll_once(
    db: &Db,
    intake: &Intake,
    mailbox: &MailboxUrl,
) -> Result<Polled, PollError> {
    let tcp = TcpStream::connect((mailbox.host.as_str(), mailbox.port)).await?;
    if mailbox.tls {
        let name = rustls_pki_types::ServerName::try_from(mailbox.host.clone())
            .map_err(|e| PollError::Imap(e.to_string()))?;
        let stream = tls_connector().connect(name, tcp).await?;
        poll_on(db, intake, mailbox, stream).await
    } else {
        poll_on(db, intake, mailbox, tcp).await
    }
}

fn tls_connector() -> tokio_rustls::TlsConnector {
    let roots = rustls::RootCertStore::from_iter(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("ring supports the default TLS versions")
    .with_root_certificates(roots)
    .with_no_client_auth();
    tokio_rustls::TlsConnector::from(Arc::new(config))
}

async fn poll_on<S>(
    db: &Db,
    intake: &Intake,
    mailbox: &MailboxUrl,
    stream: S,
) -> Result<Polled, PollError>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug,
{
    let mut client = Client::new(stream);
    client
        .read_response()
        .await?
        .ok_or_else(|| PollError::Imap("no greeting".into()))?;
    let mut session = client
        .login(&mailbox.user, &mailbox.password)
        .await
        .map_err(|(err, _)| PollError::from(err))?;
    let selected = session.select(&mailbox.folder).await?;
    let validity = i64::from(selected.uid_validity.unwrap_or(0));
    let name = mailbox.name();
    let mut last = last_uid(db, &name, validity).await?;
    let mut polled = Polled::default();
    // `n:*` always names the newest message, even one below n: filtered.
    let mut uids: Vec<u32> = session
        .uid_search(format!("UID {}:*", last + 1))
        .await?
        .into_iter()
        .filter(|&uid| i64::from(uid) > last)
        .collect();
    uids.sort_unstable();
    for uid in uids {
        let size = fetch_one(&mut session, uid, "RFC822.SIZE")
            .await?
            .and_then(|f| f.size);
        let outcome = if size.is_some_and(|s| s as usize > intake.max_bytes) {
            Err(Refused::TooLarge(intake.max_bytes))
        } else {
            let fetched = fetch_one(&mut session, uid, "BODY.PEEK[]").await?;
            let raw = fetched.as_ref().and_then(|f| f.body()).unwrap_or_default();
            inbound::receive(db, intake, raw).await
        };
        match outcome {
            Ok(_) => polled.handled += 1,
            Err(Refused::Failed(err)) => return Err(err.into()),
            Err(err) => {
                tracing::warn!(uid, error = %err, mailbox = %name, "mail refused");
                polled.refused += 1;
            }
        }
        last = i64::from(uid);
        set_last_uid(db, &name, validity, last).await?;
        // Marked read for people who look at the mailbox too; the stored
        // UID, not this flag, is what counts.
        session
            .uid_store(uid.to_string(), "+FLAGS (\\Seen)")
            .await?
            .try_collect::<Vec<_>>()
            .await?;
    }
    session.logout().await?;
    Ok(polled)
}

async fn fetch_one<S>(
    session: &mut async_imap::Session<S>,
    uid: u32,
    query: &str,
) -> Result<Option<async_imap::types::Fetch>, PollError>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug,
{
    let fetched: Vec<_> = session
        .uid_fetch(uid.to_string(), query)
        .await?
        .try_collect()
        .await?;
    Ok(fetched.into_iter().find(|f| f.uid == Some(uid)))
}

/// The last UID handled in this mailbox; 0 when none was, or when the
/// server renumbered the mailbox (a new UIDVALIDITY): every message is
/// read again, and those handled before are duplicates.
async fn last_uid(db: &Db, mailbox: &str, validity: i64) -> Result<i64, AppError> {
    let row: Option<(i64, i64)> =
        sqlx::query_as("SELECT uid_validity, last_uid FROM imap_state WHERE mailbox = $1")
            .bind(mailbox)
            .fetch_optional(&db.read)
            .await?;
    Ok(match row {
        Some((v, uid)) if v == validity => uid,
        _ => 0,
    })
}

async fn set_last_uid(db: &Db, mailbox: &str, validity: i64, uid: i64) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        r#"
        INSERT INTO imap_state (mailbox, uid_validity, last_uid) VALUES ($1, $2, $3)
        ON CONFLICT (mailbox) DO UPDATE
            SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid
        "#,
    )
    .bind(mailbox)
    .bind(validity)
    .bind(uid)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Polls every `every` until the process ends; a failed poll is logged and
/// tried again at the next turn.
pub fn spawn(db: Db, intake: Intake, mailbox: MailboxUrl, every: Duration) {
    tokio::spawn(async move {
        loop {
            match poll_once(&db, &intake, &mailbox).await {
                Ok(p) if p != Polled::default() => {
                    tracing::info!(
                        handled = p.handled,
                        refused = p.refused,
                        "mail read over IMAP"
                    )
                }
                Ok(_) => {}
                Err(err) => {
                    tracing::warn!(error = %err, mailbox = %mailbox.name(), "IMAP poll failed")
                }
            }
            tokio::time::sleep(every).await;
        }
    });
}

#[cfg(test)]
mod tests;

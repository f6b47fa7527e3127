//! Sending the outbox over SMTP: a worker claims due mails, composes each
//! and hands it to the SMTP server, then marks it sent, or to retry.

use std::time::Duration;

use futures::StreamExt;
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::compose::{compose, Site};
use super::outbox::{self, Claimed};
use crate::db::Db;
use crate::error::AppError;

/// How long a claimed mail stays hidden from other workers.
const LEASE: Duration = Duration::from_secs(120);
/// Mails handed to the SMTP server at once, each on its own pooled
/// connection. lettre writes a message's final `.` apart from its body, so
/// Nagle's algorithm and delayed ACKs hold each mail about 40 ms per
/// connection; parallel connections make up for it.
const PARALLEL: usize = 32;

/// What sends mail: an SMTP server and the sender's address.
#[derive(Clone)]
pub struct Sender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    site: Site,
    reply_key: Option<super::inbound::ReplyKey>,
}

impl Sender {
    /// From `--smtp-url` (lettre's form: `smtp://user:pass@host:587?tls=required`
    /// for STARTTLS, `smtps://user:pass@host:465` for TLS, `smtp://host:25`
    /// for a local relay without TLS) and `--mail-from`.
    pub fn new(smtp_url: &str, from: &str, site: Site) -> Result<Self, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|err| format!("mail-from {from:?}: {err}"))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|err| format!("smtp-url: {err}"))?
            .timeout(Some(Duration::from_secs(30)))
            .pool_config(PoolConfig::new().max_size(PARALLEL as u32))
            .build();
        Ok(Self {
            transport,
            from,
            site,
            reply_key: None,
        })
    }

    /// Mails about a case get its signed reply address as Reply-To, so an
    /// answer finds the case even when the mail program drops the headers.
    pub fn with_reply_key(mut self, key: super::inbound::ReplyKey) -> Self {
        self.reply_key = Some(key);
        self
    }

    /// The mail as it goes out. Its Message-ID comes from the stored key,
    /// so a resent mail is recognisably the same one.
    pub fn message(&self, mail: &Claimed) -> Result<Message, String> {
        let composed = compose(&mail.notice, mail.language, &self.site);
        let to: Mailbox = mail
            .recipient
            .parse()
            .map_err(|err| format!("recipient: {err}"))?;
        let domain = self.from.email.domain();
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(composed.subject)
            .message_id(Some(format!("<{}@{domain}>", mail.message_key)))
            // Auto-responders must not answer (RFC 3834).
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Auto-Submitted"),
                "auto-generated".to_owned(),
            ));
        if let Some(n) = mail.notice.case_number() {
            // One thread per case in the customer's mail program.
            builder = builder.references(format!("<case-{n}@{domain}>"));
            let own = self.from.email.to_string();
            let reply = self.reply_key.as_ref().and_then(|k| k.address(&own, n));
            if let Some(address) = reply.and_then(|a| a.parse().ok()) {
                builder = builder.reply_to(Mailbox::new(self.from.name.clone(), address));
            }
        }
        builder
            .multipart(MultiPart::alternative_plain_html(
                composed.text,
                composed.html,
            ))
            .map_err(|err| format!("building the message: {err}"))
    }

    /// Sends one mail; on failure, why and whether retrying is pointless.
    async fn deliver(&self, mail: &Claimed) -> Result<(), (String, bool)> {
        let message = self.message(mail).map_err(|e| (e, true))?;
        self.transport
            .send(message)
            .await
            .map(drop)
            .map_err(|err| (err.to_string(), err.is_permanent()))
    }
}

/// The bare address of a sender like `Help Center <helpdesk@example.com>`.
pub fn address_of(from: &str) -> Result<String, String> {
    let from: Mailbox = from
        .parse()
        .map_err(|err| format!("mail-from {from:?}: {err}"))?;
    Ok(from.email.to_string().to_lowercase())
}

/// Sends up to `batch` due mails; how many were handled.
pub async fn run_once(db: &Db, sender: &Sender, batch: i64) -> Result<usize, AppError> {
    let claimed = outbox::claim(db, LEASE, batch).await?;
    let n = claimed.len();
    let results: Vec<Result<(), AppError>> = futures::stream::iter(claimed)
        .map(|mail| async move {
            match sender.deliver(&mail).await {
                Ok(()) => outbox::mark_sent(db, mail.id).await,
                Err((error, permanent)) => {
                    let status = outbox::mark_unsent(db, &mail, &error, permanent).await?;
                    tracing::warn!(id = mail.id, to = %mail.recipient, %error, ?status, "mail not sent");
                    Ok(())
                }
            }
        })
        .buffer_unordered(PARALLEL)
        .collect()
        .await;
    results.into_iter().collect::<Result<(), _>>()?;
    Ok(n)
}

/// Sends the outbox until the process ends: due mails at once, then a
/// look every `idle` when there is nothing to send.
pub fn spawn(db: Db, sender: Sender, idle: Duration) {
    tokio::spawn(async move {
        loop {
            match run_once(&db, &sender, 200).await {
                Ok(0) => tokio::time::sleep(idle).await,
                Ok(_) => {}
                Err(err) => {
                    tracing::warn!(?err, "outbox worker failed; will retry");
                    tokio::time::sleep(idle * 10).await;
                }
            }
        }
    });
}

//! The `serve` command's settings, each a flag or an environment variable.

use std::time::Duration;

use domain::mail::send::Sender;
use domain::mail::Site;

/// The automatic closes (PRODUCT.md §3.5), in seconds.
#[derive(clap::Args, Clone)]
pub struct Timers {
    /// Close cases awaiting the customer's reply after this long.
    #[arg(long, env = "HELPDESK_CLOSE_AWAITING_REPLY_SECS", default_value_t = 48 * 3600)]
    pub close_awaiting_reply_secs: u64,
    /// Close cases awaiting the customer's confirmation after this long.
    #[arg(long, env = "HELPDESK_CLOSE_AWAITING_CONFIRMATION_SECS", default_value_t = 24 * 3600)]
    pub close_awaiting_confirmation_secs: u64,
    /// Close resolved cases without a customer answer after this long.
    #[arg(long, env = "HELPDESK_CLOSE_RESOLVED_SECS", default_value_t = 48 * 3600)]
    pub close_resolved_secs: u64,
    /// How often to look for cases to close.
    #[arg(long, env = "HELPDESK_AUTO_CLOSE_EVERY_SECS", default_value_t = 60)]
    pub auto_close_every_secs: u64,
}

/// Attachment limits (PRODUCT.md §3.6), per message.
#[derive(clap::Args, Clone)]
pub struct Uploads {
    /// Most files one message may carry.
    #[arg(long, env = "HELPDESK_MAX_FILES", default_value_t = 5)]
    pub max_files: usize,
    /// Most megabytes (MiB) one message's files may hold together.
    #[arg(long, env = "HELPDESK_MAX_UPLOAD_MB", default_value_t = 20)]
    pub max_upload_mb: u64,
}

impl Uploads {
    pub fn limits(&self) -> domain::files::UploadLimits {
        domain::files::UploadLimits {
            max_files: self.max_files,
            max_bytes: self.max_upload_mb * 1024 * 1024,
        }
    }
}

impl Timers {
    pub fn auto_close(&self) -> domain::cases::lifecycle::AutoClose {
        domain::cases::lifecycle::AutoClose {
            awaiting_reply: Duration::from_secs(self.close_awaiting_reply_secs),
            awaiting_confirmation: Duration::from_secs(self.close_awaiting_confirmation_secs),
            resolved: Duration::from_secs(self.close_resolved_secs),
        }
    }
}

/// Mail (PRODUCT.md §5). Without an SMTP server, mails are still queued
/// (and logged) and the admins' outbox lists them; nothing fails.
#[derive(clap::Args, Clone)]
pub struct Mail {
    /// The SMTP server: `smtp://user:pass@host:587?tls=required` (STARTTLS),
    /// `smtps://user:pass@host:465` (TLS), or `smtp://host:25` (a local
    /// relay, no TLS).
    #[arg(long, env = "HELPDESK_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// The sender of every mail.
    #[arg(
        long,
        env = "HELPDESK_MAIL_FROM",
        default_value = "Help Center <helpdesk@localhost>"
    )]
    pub mail_from: String,
    /// The address people reach the helpdesk at, for links in mails
    /// (default: http:// and the address the server listens on).
    #[arg(long, env = "HELPDESK_PUBLIC_URL")]
    pub public_url: Option<String>,
}

impl Mail {
    pub fn site(&self, listening: std::net::SocketAddr) -> Site {
        Site {
            public_url: self
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{listening}")),
        }
    }

    /// The SMTP sender, if one is configured; a wrong setting stops the
    /// server at start rather than failing every mail later.
    pub fn sender(&self, site: &Site) -> Result<Option<Sender>, String> {
        self.smtp_url
            .as_deref()
            .map(|url| Sender::new(url, &self.mail_from, site.clone()))
            .transpose()
    }
}

/// Receiving mail: the largest message taken.
#[derive(clap::Args, Clone)]
pub struct Receive {
    /// Most megabytes (MiB) of one received mail, attachments included.
    #[arg(long, env = "HELPDESK_MAX_MAIL_MB", default_value_t = 25)]
    pub max_mail_mb: usize,
}

/// A mailbox the server reads mail from.
#[derive(clap::Args, Clone)]
pub struct Imap {
    /// A mailbox to read mail from: `imaps://user:pass@host/INBOX` (TLS),
    /// or `imap://…` for a server on this machine.
    #[arg(long, env = "HELPDESK_IMAP_URL")]
    pub imap_url: Option<String>,
    /// How often to look for new mail in that mailbox.
    #[arg(long, env = "HELPDESK_IMAP_EVERY_SECS", default_value_t = 60)]
    pub imap_every_secs: u64,
}

impl Receive {
    /// What receiving needs, from the mail and upload settings.
    pub async fn intake(
        &self,
        db: &domain::db::Db,
        files: domain::files::store::Files,
        uploads: &Uploads,
        mail: &Mail,
        site: Site,
    ) -> Result<domain::mail::inbound::Intake, Box<dyn std::error::Error>> {
        use domain::mail::inbound::{Intake, ReplyKey, PER_HOUR};
        Ok(Intake {
            files,
            limits: uploads.limits(),
            max_bytes: self.max_mail_mb * 1024 * 1024,
            per_hour: PER_HOUR,
            mailbox: domain::mail::send::address_of(&mail.mail_from)?,
            key: ReplyKey::load(db).await?,
            site,
        })
    }
}

/// Every group, for `server` run without a subcommand (from the
/// environment, or the defaults).
#[derive(clap::Parser)]
pub struct ServeOptions {
    #[command(flatten)]
    pub timers: Timers,
    #[command(flatten)]
    pub uploads: Uploads,
    #[command(flatten)]
    pub mail: Mail,
    #[command(flatten)]
    pub receive: Receive,
    #[command(flatten)]
    pub imap: Imap,
    #[command(flatten)]
    pub slow_clients: SlowClients,
    #[command(flatten)]
    pub daily: Daily,
}

/// What one customer may send in 24 hours (staff have no limit); more is
/// refused with a message saying when they can go on.
#[derive(clap::Args, Clone)]
pub struct Daily {
    /// New cases per customer per day.
    #[arg(long, env = "HELPDESK_CASES_PER_DAY", default_value_t = 20)]
    pub cases_per_day: i64,
    /// Messages (new cases and replies) per customer per day.
    #[arg(long, env = "HELPDESK_MESSAGES_PER_DAY", default_value_t = 200)]
    pub messages_per_day: i64,
    /// Megabytes (MiB) of attachments per customer per day.
    #[arg(long, env = "HELPDESK_UPLOAD_MB_PER_DAY", default_value_t = 200)]
    pub upload_mb_per_day: i64,
    /// Sign-ups and password-reset requests per client address per hour.
    #[arg(long, env = "HELPDESK_MAIL_FORMS_PER_HOUR", default_value_t = 10)]
    pub mail_forms_per_hour: i64,
}

impl Daily {
    pub fn limits(&self) -> domain::db::Limits {
        domain::db::Limits {
            cases_per_day: self.cases_per_day,
            messages_per_day: self.messages_per_day,
            bytes_per_day: self.upload_mb_per_day.saturating_mul(1024 * 1024),
            mail_forms_per_hour: self.mail_forms_per_hour,
        }
    }
}

/// How long a client may take to send a request (slow clients hold a
/// connection, and an upload's staging file, while they send).
#[derive(clap::Args, Clone)]
pub struct SlowClients {
    /// Seconds to send a request's headers.
    #[arg(long, env = "HELPDESK_HEADER_TIMEOUT_SECS", default_value_t = 15)]
    pub header_timeout_secs: u64,
    /// Seconds a request's body may stall between two pieces.
    #[arg(long, env = "HELPDESK_BODY_IDLE_SECS", default_value_t = 30)]
    pub body_idle_secs: u64,
}

impl SlowClients {
    pub fn timeouts(&self) -> server::listen::Timeouts {
        server::listen::Timeouts {
            headers: Duration::from_secs(self.header_timeout_secs.max(1)),
            body_idle: Duration::from_secs(self.body_idle_secs.max(1)),
            ..Default::default()
        }
    }
}

impl ServeOptions {
    pub fn from_env() -> Self {
        <Self as clap::Parser>::parse_from(["server"])
    }
}

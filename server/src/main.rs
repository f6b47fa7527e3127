//! The helpdesk server: `serve` (the default), `add-user` or
//! `receive-mail`.

use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, Subcommand};

mod options;
use leptos::prelude::*;
use tracing_subscriber::EnvFilter;

use app::state::{AppState, Settings};
use domain::auth::{accounts, Role};
use domain::db::{Clock, Db};
use options::ServeOptions;

#[derive(Parser)]
#[command(version, about = "An open-source customer service center")]
struct Cli {
    /// Where the database and the attachments (`files/`) live.
    #[arg(long, env = "HELPDESK_DATA_DIR", default_value = "data", global = true)]
    data_dir: PathBuf,
    /// The database: `sqlite://<file>` or `postgres://user@host/name`
    /// (default: `sqlite://<data dir>/helpdesk.db`). Migrated at start-up.
    #[arg(long, env = "DATABASE_URL", global = true)]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app (the default).
    Serve {
        /// Do not load demo content into an empty database.
        #[arg(long, env = "HELPDESK_NO_DEMO")]
        no_demo: bool,
        /// The site is served over HTTPS: mark cookies Secure.
        #[arg(long, env = "HELPDESK_SECURE_COOKIES")]
        secure_cookies: bool,
        #[command(flatten)]
        options: ServeOptions,
    },
    /// Read one mail (RFC 5322) from standard input into its case, or a
    /// new one: for an MTA's pipe transport. Exits 0 when the mail was
    /// handled (or is one to ignore), 65 when it is refused (too large, not
    /// a mail: the MTA bounces it), 75 when it could not be stored now
    /// (the MTA tries again later).
    ReceiveMail {
        #[command(flatten)]
        receive: options::Receive,
        #[command(flatten)]
        uploads: options::Uploads,
        #[command(flatten)]
        mail: options::Mail,
    },
    /// Create an account. The password is read from HELPDESK_PASSWORD, or
    /// else from standard input.
    AddUser {
        #[arg(long, value_parser = ["customer", "agent", "admin"])]
        role: String,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
    },
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    hand_back_freed_memory();
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    let cli = Cli::parse();
    std::fs::create_dir_all(&cli.data_dir)?;
    let db_url = cli
        .database_url
        .clone()
        .unwrap_or_else(|| domain::db::default_url(&cli.data_dir));
    let db = Db::connect(&db_url, Clock::system()).await?;
    // Never the password of a PostgreSQL URL in the logs.
    let db_name = db_url
        .rsplit_once('@')
        .map_or(db_url.as_str(), |(_, host)| host)
        .to_owned();

    match cli.command.unwrap_or_else(|| Command::Serve {
        no_demo: std::env::var_os("HELPDESK_NO_DEMO").is_some(),
        secure_cookies: std::env::var_os("HELPDESK_SECURE_COOKIES").is_some(),
        options: ServeOptions::from_env(),
    }) {
        Command::AddUser { role, email, name } => {
            let password = match std::env::var("HELPDESK_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    let mut p = String::new();
                    std::io::stdin().read_to_string(&mut p)?;
                    p.trim_end_matches(['\r', '\n']).to_owned()
                }
            };
            let role = Role::parse(&role).expect("clap allows only known roles");
            match accounts::register(&db, role, &name, &email, &password).await {
                Ok(person) => {
                    println!(
                        "created {} {} (id {})",
                        role.as_str(),
                        person.email,
                        person.id
                    )
                }
                Err(err) => {
                    eprintln!("could not create the account: {err}");
                    std::process::exit(1);
                }
            }
        }
        Command::ReceiveMail {
            receive,
            uploads,
            mail,
        } => {
            let files = domain::files::store::Files::local(&cli.data_dir.join("files"))?;
            let site = mail.site(leptos_options().site_addr);
            let intake = receive.intake(&db, files, &uploads, &mail, site).await?;
            let mut raw = Vec::new();
            // One byte over the limit is enough to refuse it.
            std::io::stdin()
                .take(intake.max_bytes as u64 + 1)
                .read_to_end(&mut raw)?;
            let code = receive_mail(&db, &intake, &raw).await;
            db.close().await;
            std::process::exit(code);
        }
        Command::Serve {
            no_demo,
            secure_cookies,
            options:
                ServeOptions {
                    timers,
                    uploads,
                    mail,
                    receive,
                    imap,
                    slow_clients,
                    daily,
                },
        } => {
            let db = db.with_limits(daily.limits());
            if !no_demo && domain::demo::load_if_empty(&db).await? {
                tracing::info!("loaded demo content (accounts above, also in README.md)");
            }
            let leptos_options = leptos_options();
            let addr = leptos_options.site_addr;
            let pkg = PathBuf::from(&*leptos_options.site_root).join(&*leptos_options.site_pkg_dir);
            // In the background: until the copies exist, responses are
            // compressed on the fly.
            tokio::task::spawn_blocking(move || match server::precompress::precompress_dir(&pkg) {
                Ok(n) => tracing::debug!(files = n, "precompressed static assets"),
                Err(err) => {
                    tracing::warn!(error = %err, dir = %pkg.display(), "could not precompress assets")
                }
            });
            let mail_site = mail.site(addr);
            match mail.sender(&mail_site)? {
                Some(sender) => {
                    let key = domain::mail::inbound::ReplyKey::load(&db).await?;
                    let sender = sender.with_reply_key(key);
                    domain::mail::send::spawn(db.clone(), sender, Duration::from_millis(500))
                }
                None => tracing::warn!(
                    "no SMTP server (--smtp-url): mails are queued, not sent; admins see them in the outbox"
                ),
            }
            let settings = Settings {
                secure_cookies,
                auto_close: timers.auto_close(),
                uploads: uploads.limits(),
                mail_site,
                ..Settings::default()
            };
            let files = domain::files::store::Files::local(&cli.data_dir.join("files"))?;
            domain::files::sweep::spawn(files.clone(), db.clone());
            if let Some(url) = &imap.imap_url {
                let mailbox = domain::mail::imap::MailboxUrl::parse(url)?;
                let intake = receive
                    .intake(
                        &db,
                        files.clone(),
                        &uploads,
                        &mail,
                        settings.mail_site.clone(),
                    )
                    .await?;
                let every = Duration::from_secs(imap.imap_every_secs.max(1));
                tracing::info!(mailbox = ?mailbox, "reading mail over IMAP");
                domain::mail::imap::spawn(db.clone(), intake, mailbox, every);
            }
            domain::cases::lifecycle::spawn_auto_close(
                db.clone(),
                settings.auto_close.clone(),
                Duration::from_secs(timers.auto_close_every_secs.max(1)),
            );
            let live = domain::cases::changes::Feed::start(db.clone()).await?;
            let state = AppState {
                leptos_options,
                db: db.clone(),
                settings,
                files,
                live,
            };
            let listener = tokio::net::TcpListener::bind(addr).await?;
            tracing::info!(database = %db_name, "listening on http://{addr}");
            let shutdown = async {
                let _ = tokio::signal::ctrl_c().await;
            };
            let timeouts = slow_clients.timeouts();
            server::listen::serve(listener, server::router(state), timeouts, shutdown).await;
            db.close().await;
        }
    }
    Ok(())
}

/// Handles one received mail; the exit code for the MTA (sysexits.h).
async fn receive_mail(db: &Db, intake: &domain::mail::inbound::Intake, raw: &[u8]) -> i32 {
    use domain::mail::inbound::{receive, Refused};
    match receive(db, intake, raw).await {
        Ok(outcome) => {
            println!("{outcome:?}");
            0
        }
        Err(err @ (Refused::TooLarge(_) | Refused::Malformed)) => {
            eprintln!("refused: {err}");
            65
        }
        Err(err) => {
            tracing::error!(error = ?err, "could not store a received mail");
            eprintln!("temporary failure: {err}");
            75
        }
    }
}

/// From cargo-leptos's environment when it runs us, else this project's
/// defaults, so the release binary also runs on its own.
fn leptos_options() -> LeptosOptions {
    match get_configuration(None) {
        Ok(conf) if std::env::var_os("LEPTOS_OUTPUT_NAME").is_some() => conf.leptos_options,
        _ => LeptosOptions::builder()
            .output_name("helpdesk")
            .site_root("target/site")
            .site_pkg_dir("pkg")
            .hash_files(true)
            .site_addr(
                std::env::var("LEPTOS_SITE_ADDR")
                    .ok()
                    .and_then(|a| a.parse::<std::net::SocketAddr>().ok())
                    .unwrap_or(([127, 0, 0, 1], 3000).into()),
            )
            .build(),
    }
}

/// glibc raises the size above which freed memory goes back to the system
/// as large blocks are freed, so what start-up uses and frees (migrations,
/// the route list) stayed with the server: about 40 MB of its 70 at rest.
/// A fixed 128 KB keeps that adjustment off.
fn hand_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters; any value is valid.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, 128 * 1024);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

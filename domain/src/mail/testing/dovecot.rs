//! A real IMAP server for tests: Dovecot (Debian's `dovecot-imapd`,
//! installed by `scripts/setup.sh test`) with a configuration of its own in
//! a temporary directory, one mailbox user, on a free port; stopped when
//! dropped.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tokio::net::TcpStream;

use super::free_port;

pub const USER: &str = "helpdesk";
pub const PASSWORD: &str = "imap-secret";

pub struct Dovecot {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

/// The uid and gid of Debian's `dovecot` user, who owns the mail.
fn dovecot_ids() -> (u32, u32) {
    let id = |flag: &str| -> u32 {
        let out = Command::new("id")
            .args([flag, "dovecot"])
            .output()
            .expect("`id` runs");
        String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .expect("a dovecot user (run scripts/setup.sh test)")
    };
    (id("-u"), id("-g"))
}

fn config(dir: &Path, port: u16, uid: u32, gid: u32) -> String {
    let d = dir.display();
    format!(
        r#"
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
# As root, Dovecot will not run its login process as root.
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 1
mail_location = maildir:{d}/mail/%u
passdb {{
  driver = static
  args = password={PASSWORD}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={d}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"#
    )
}

impl Dovecot {
    pub async fn start() -> Self {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let (uid, gid) = dovecot_ids();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let mail = dir.path().join("mail");
        std::fs::create_dir(&mail).unwrap();
        std::os::unix::fs::chown(&mail, Some(uid), Some(gid)).unwrap();
        let port = free_port();
        let conf = dir.path().join("dovecot.conf");
        std::fs::write(&conf, config(dir.path(), port, uid, gid)).unwrap();
        let child = Command::new("/usr/sbin/dovecot")
            .arg("-F")
            .arg("-c")
            .arg(&conf)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting dovecot (run scripts/setup.sh test)");
        // Stopped by `Drop` if it never answers.
        let dev = Self { child, port, dir };
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
                return dev;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("dovecot did not start");
    }

    /// The `--imap-url` of the test mailbox.
    pub fn url(&self) -> String {
        format!("imap://{USER}:{PASSWORD}@127.0.0.1:{}/INBOX", self.port)
    }

    /// Puts a message in the mailbox, as a mail server delivering it would.
    pub async fn deliver(&self, raw: &[u8]) {
        let tcp = TcpStream::connect(("127.0.0.1", self.port)).await.unwrap();
        let mut client = async_imap::Client::new(tcp);
        client.read_response().await.unwrap();
        let mut session = client.login(USER, PASSWORD).await.map_err(|e| e.0).unwrap();
        session.append("INBOX", None, None, raw).await.unwrap();
        session.logout().await.unwrap();
    }

    /// Messages in the mailbox marked read.
    pub async fn seen(&self) -> usize {
        let tcp = TcpStream::connect(("127.0.0.1", self.port)).await.unwrap();
        let mut client = async_imap::Client::new(tcp);
        client.read_response().await.unwrap();
        let mut session = client.login(USER, PASSWORD).await.map_err(|e| e.0).unwrap();
        session.select("INBOX").await.unwrap();
        let seen = session.uid_search("SEEN").await.unwrap().len();
        session.logout().await.unwrap();
        seen
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        // TERM, so the master takes its login and mail processes along.
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(self.dir.path());
    }
}

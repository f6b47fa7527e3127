import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const imapUser = "helpdesk";
export const imapPassword = "imap-secret";

/** A Dovecot configuration of the run's own (a temporary directory, one
 *  mailbox user, plain IMAP on `port` on loopback); its path. Workers load
 *  the Playwright configuration again: they find the same directory. */
export function dovecotConfig(port: number): string {
  const dir = process.env.E2E_IMAP_DIR ?? mkdtempSync(join(tmpdir(), "helpdesk-e2e-imap-"));
  process.env.E2E_IMAP_DIR = dir;
  const conf = join(dir, "dovecot.conf");
  if (existsSync(conf)) return conf;
  const id = (flag: string) => Number(execFileSync("id", [flag, "dovecot"]).toString().trim());
  const [uid, gid] = [id("-u"), id("-g")];
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, "mail"));
  chownSync(join(dir, "mail"), uid, gid);
  writeFileSync(
    conf,
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = static
  args = password=${imapPassword}
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`,
  );
  return conf;
}

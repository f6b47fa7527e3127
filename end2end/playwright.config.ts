import { defineConfig } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dovecotConfig, imapPassword, imapUser } from "./dovecot";
import { siteEnv } from "./site-env.mjs";

// The release build from `make build`, on a fresh temporary database with
// the demo content, on a port of its own.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// maildev, a real SMTP server whose HTTP API tells the tests what arrived.
const smtpPort = port + 25;
const mailWebPort = port + 80;
process.env.E2E_MAIL_API = `http://127.0.0.1:${mailWebPort}`;
// Dovecot, a real IMAP server: the helpdesk reads its mailbox.
const imapPort = port + 43;
process.env.E2E_IMAP_PORT = String(imapPort);
const dovecotConf = dovecotConfig(imapPort);
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), "helpdesk-e2e-"));
process.env.E2E_DATA_DIR = dataDir; // workers load this file again: same dir

// With E2E_POSTGRES (a server URL), the run gets a fresh PostgreSQL
// database of its own, dropped by the teardown; else SQLite in dataDir.
if (process.env.E2E_POSTGRES && !process.env.E2E_DATABASE) {
  const name = `helpdesk_e2e_${process.pid}_${Date.now()}`;
  execFileSync("psql", [`${process.env.E2E_POSTGRES}/postgres`, "-qc", `CREATE DATABASE ${name}`]);
  process.env.E2E_DATABASE = name;
}
const databaseUrl = process.env.E2E_DATABASE
  ? { DATABASE_URL: `${process.env.E2E_POSTGRES}/${process.env.E2E_DATABASE}` }
  : {};

export default defineConfig({
  testDir: "./tests",
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  globalTeardown: "./teardown.ts",
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [
  {
    command: `node_modules/.bin/maildev --ip 127.0.0.1 --web-ip 127.0.0.1 --silent --smtp ${smtpPort} --web ${mailWebPort}`,
    url: `http://127.0.0.1:${mailWebPort}/api/healthz`,
    timeout: 30_000,
    reuseExistingServer: false,
  },
  {
    command: `/usr/sbin/dovecot -F -c ${dovecotConf}`,
    port: imapPort,
    timeout: 30_000,
    reuseExistingServer: false,
  },
  {
    command: "target/release/server serve",
    cwd: "..",
    url: `${baseURL}/`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      HELPDESK_DATA_DIR: dataDir,
      ...databaseUrl,
      ...siteEnv(port),
      // Short enough for a test to watch a resolved case close itself.
      HELPDESK_CLOSE_RESOLVED_SECS: "3",
      HELPDESK_AUTO_CLOSE_EVERY_SECS: "1",
      HELPDESK_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      HELPDESK_MAIL_FROM: "Help Center <help@example.com>",
      HELPDESK_PUBLIC_URL: baseURL,
      HELPDESK_IMAP_URL: `imap://${imapUser}:${imapPassword}@127.0.0.1:${imapPort}/INBOX`,
      HELPDESK_IMAP_EVERY_SECS: "1",
      // Every test signs up its own people, all from this one address.
      HELPDESK_MAIL_FORMS_PER_HOUR: "100000",
    },
  },
  ],
});

import { execFileSync } from "node:child_process";
import { connect } from "node:net";
import { expect, type Page } from "@playwright/test";

export const demo = {
  customer: { email: "customer@example.com", password: "customer-demo" },
  agent: { email: "agent@example.com", password: "agent-demo-pass" },
  admin: { email: "admin@example.com", password: "admin-demo-pass" },
};

/** A fresh email for each sign-up, so tests never share an account. */
export function uniqueEmail(who: string): string {
  return `${who}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
}

/** Waits until the wasm has taken over the server-rendered page. */
export async function hydrated(page: Page): Promise<void> {
  // And done moving to a page whose code was still arriving.
  await expect(page.locator("body[data-hydrated]:not([data-routing])")).toHaveCount(1);
}

/** Signs up, then follows the mailed link that confirms the address and
 *  signs in; ends on "My cases". */
export async function signUp(page: Page, name: string, email: string): Promise<void> {
  await page.goto("/signup");
  await hydrated(page);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-good-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const mail = await waitForMail(email, "Confirm your email address");
  await page.goto(linkIn(mail));
  await expect(page.getByText("Your address is confirmed")).toBeVisible();
  await page.goto("/cases");
  await expect(page.getByRole("heading", { name: "My cases" })).toBeVisible();
  await hydrated(page);
}

/** A mail as maildev's API shows it. */
export type Mail = {
  subject: string;
  text: string;
  html: string;
  to: { address: string }[];
  headers: Record<string, string>;
};

const mailApi = process.env.E2E_MAIL_API ?? "http://127.0.0.1:3180";

/** Every mail that reached `address` so far, oldest first. */
export async function mailsTo(address: string): Promise<Mail[]> {
  const all = (await (await fetch(`${mailApi}/api/email`)).json()) as Mail[];
  return all.filter((m) => m.to.some((t) => t.address.toLowerCase() === address.toLowerCase()));
}

/** Waits for a mail to `address` whose subject contains `subject`. */
export async function waitForMail(address: string, subject: string): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        found = (await mailsTo(address)).find((m) => m.subject.includes(subject));
        return found !== undefined;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

/** The link after `label` in a mail's text part ("label: url"), or its
 *  first link to `/mail/`. */
export function linkIn(mail: Mail, label?: string): string {
  const line = mail.text
    .split("\n")
    .find((l) => (label ? l.startsWith(`${label}: `) : l.includes("/mail/")));
  const url = line?.match(/https?:\/\/\S+/)?.[0];
  if (!url) throw new Error(`no link in mail: ${mail.text}`);
  return url;
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/signin");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
}

/** Opens a case from "Open a New Case" and waits for its page. */
export async function openCase(page: Page, subject: string, type = "Account"): Promise<void> {
  await page.goto("/cases/new");
  await hydrated(page);
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Type", { exact: true }).selectOption({ label: type });
  await page.getByLabel("Description").fill("Details of the problem.");
  await page.getByRole("button", { name: "Submit case" }).click();
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
  await hydrated(page);
}

/** The number of the case whose page is open. */
export function caseNumber(page: Page): string {
  return new URL(page.url()).pathname.split("/").pop() ?? "";
}

/** A second browser, signed in as the demo agent. */
export async function agentPage(browser: import("@playwright/test").Browser): Promise<Page> {
  const agent = await (await browser.newContext()).newPage();
  await signIn(agent, demo.agent.email, demo.agent.password);
  return agent;
}

/** Feeds one raw mail to `server receive-mail`, as an MTA's pipe would,
 *  on the database and files of the server under test; what it printed. */
export function receiveMail(raw: string): string {
  const database = process.env.E2E_DATABASE
    ? { DATABASE_URL: `${process.env.E2E_POSTGRES}/${process.env.E2E_DATABASE}` }
    : {};
  return execFileSync("target/release/server", ["receive-mail"], {
    cwd: "..",
    input: raw,
    env: {
      ...process.env,
      ...database,
      HELPDESK_DATA_DIR: process.env.E2E_DATA_DIR,
      HELPDESK_MAIL_FROM: "Help Center <help@example.com>",
      RUST_LOG: "warn",
    },
  }).toString();
}

/** A reply to `mail` as a mail program writes it: In-Reply-To its
 *  Message-ID, the text on top and the original quoted below. */
export function replyTo(mail: Mail, from: string, text: string): string {
  const quoted = mail.text
    .split("\n")
    .map((l) => `> ${l}`)
    .join("\r\n");
  return [
    `From: ${from}`,
    `To: help@example.com`,
    `Subject: Re: ${mail.subject}`,
    `Message-ID: <reply-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com>`,
    `In-Reply-To: ${mail.headers["message-id"]}`,
    `Content-Type: text/plain; charset=utf-8`,
    ``,
    text,
    ``,
    `On Mon, 30 Nov 2026 at 10:00, Help Center <help@example.com> wrote:`,
    quoted,
    ``,
  ].join("\r\n");
}

/** Puts a message in the mailbox the server reads (IMAP APPEND on the
 *  run's Dovecot), as a mail server delivering it would. */
export async function deliverByImap(raw: string): Promise<void> {
  const socket = connect(Number(process.env.E2E_IMAP_PORT), "127.0.0.1");
  let seen = "";
  socket.on("data", (chunk) => (seen += chunk.toString()));
  const until = async (text: string) => {
    await expect.poll(() => seen.includes(text), { timeout: 10_000 }).toBe(true);
  };
  await until("* OK");
  socket.write("a LOGIN helpdesk imap-secret\r\n");
  await until("a OK");
  const bytes = Buffer.from(raw);
  socket.write(`b APPEND INBOX {${bytes.length}}\r\n`);
  await until("+ ");
  socket.write(Buffer.concat([bytes, Buffer.from("\r\n")]));
  await until("b OK");
  socket.write("c LOGOUT\r\n");
  socket.end();
}

const weekDays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** Business hours on the settings page (as an admin): the zone, each day's
 *  [opens, closes] (missing or "": closed), the holidays; then saves. The
 *  settings region comes back for what follows. */
export async function setHours(admin: Page, zone: string, week: [string, string][], holidays = "") {
  await admin.goto("/staff/settings");
  await hydrated(admin);
  const part = admin.getByRole("region", { name: "Business hours" });
  await part.getByLabel("Time zone").fill(zone);
  for (const [i, day] of weekDays.entries()) {
    const group = part.getByRole("group", { name: day });
    await group.getByLabel("Opens").fill(week[i]?.[0] ?? "");
    await group.getByLabel("Closes").fill(week[i]?.[1] ?? "");
  }
  await part.getByLabel("Holidays").fill(holidays);
  await part.getByRole("button", { name: "Save business hours" }).click();
  return part;
}

/** Monday to Friday `opens`-`closes`, the weekend closed. */
export const weekdays = (opens: string, closes: string): [string, string][] =>
  weekDays.map((_, i) => (i < 5 ? [opens, closes] : ["", ""]));

/** The default hours again (Monday to Friday 09:00-18:00 in Madrid), for
 *  the tests that follow. */
export async function defaultHours(admin: Page) {
  const part = await setHours(admin, "Europe/Madrid", weekdays("09:00", "18:00"));
  await expect(part.getByRole("status")).toHaveText("Business hours saved.");
}

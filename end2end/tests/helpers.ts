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
  await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
}

export async function signUp(page: Page, name: string, email: string): Promise<void> {
  await page.goto("/signup");
  await hydrated(page);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-good-password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "My cases" })).toBeVisible();
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

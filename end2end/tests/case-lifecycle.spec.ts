import { expect, test } from "@playwright/test";
import { agentPage, demo, hydrated, openCase, signIn, signUp, uniqueEmail } from "./helpers";

test("a customer closes their case, which then takes no reply", async ({ page }) => {
  await signUp(page, "Clara Closer", uniqueEmail("clara"));
  await openCase(page, "Please close me");
  await page.getByRole("button", { name: "Close case" }).click();
  await expect(page.locator(".case-details .status")).toHaveText("Closed by you");
  await expect(page.getByLabel("Your reply")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Close case" })).toHaveCount(0);
  await expect(page.getByText("This case is closed and cannot be reopened.")).toBeVisible();
  await page.getByRole("link", { name: "Activity" }).click();
  await expect(page.getByRole("region", { name: "Activity" })).toContainText("Closed by you");
});

test("a customer's reply reopens a case that awaited it", async ({ browser }) => {
  const customer = await (await browser.newContext()).newPage();
  const subject = `Need more info ${Date.now()}`;
  await signUp(customer, "Ramon Reopen", uniqueEmail("ramon"));
  await openCase(customer, subject);
  const url = customer.url();

  const agent = await (await browser.newContext()).newPage();
  await signIn(agent, demo.agent.email, demo.agent.password);
  await agent.goto(new URL(url).pathname);
  await hydrated(agent);
  await agent.getByLabel("New status").selectOption({ label: "Awaiting customer reply" });
  await agent.getByRole("button", { name: "Update status" }).click();
  await expect(agent.locator(".case-details .status")).toHaveText("Awaiting customer reply");

  await customer.reload();
  await expect(customer.locator(".case-details .status")).toHaveText("Awaiting your reply");
  await hydrated(customer);
  await customer.getByLabel("Your reply").fill("Here is the information.");
  await customer.getByRole("button", { name: "Reply" }).click();
  await expect(customer.locator(".case-details .status")).toHaveText("Submitted");
});

test("a resolved case closes itself when its (shortened) time is up", async ({ browser }) => {
  // The e2e server closes resolved cases after 3 s (playwright.config.ts).
  const customer = await (await browser.newContext()).newPage();
  await signUp(customer, "Tina Timer", uniqueEmail("tina"));
  await openCase(customer, "Will close by itself");
  const path = new URL(customer.url()).pathname;

  const agent = await agentPage(browser);
  await agent.goto(path);
  await hydrated(agent);
  await agent.getByLabel("New status").selectOption({ label: "Resolved" });
  await agent.getByRole("button", { name: "Update status" }).click();
  await expect(agent.locator(".case-details .status")).toHaveText("Resolved");

  await expect(async () => {
    await customer.goto(`${path}?tab=activity`);
    await expect(customer.locator(".case-details .status")).toHaveText("Closed", { timeout: 500 });
  }).toPass({ timeout: 20_000 });
  await expect(customer.getByRole("region", { name: "Activity" })).toContainText("System · Resolved → Closed");
  await expect(customer.getByLabel("Your reply")).toHaveCount(0);
});

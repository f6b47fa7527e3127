import { expect, test, type Page } from "@playwright/test";
import { demo, hydrated, signIn, signUp, uniqueEmail } from "./helpers";

/** Markup and script a customer might type, each trying to set a flag. */
const payloads = [
  `<script>window.__pwned = "script"</script>`,
  `<img src=x onerror="window.__pwned='img'">`,
  `<svg onload="window.__pwned='svg'"><circle r=5 /></svg>`,
  `<a href="javascript:window.__pwned='link'">click me</a>`,
  `javascript:window.__pwned='url'`,
  `"><iframe srcdoc="<script>parent.__pwned='frame'</script>">`,
  `<b onmouseover="window.__pwned='hover'">bold</b><i unclosed`,
];

/** Fails the test on any dialog the page opens. */
function watchDialogs(page: Page, seen: string[]): void {
  page.on("dialog", async (d) => {
    seen.push(d.message());
    await d.dismiss();
  });
}

async function nothingRan(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
  await expect(page.locator("main img[src='x'], main svg[onload], main iframe, main [onmouseover]")).toHaveCount(0);
}

test("markup a customer types reaches the agent as text, and never runs", async ({ browser }) => {
  const dialogs: string[] = [];
  const customer = await (await browser.newContext()).newPage();
  watchDialogs(customer, dialogs);
  const name = `<img src=x onerror="window.__pwned='name'">Iris`;
  await signUp(customer, name, uniqueEmail("iris"));
  const subject = `<script>window.__pwned='subject'</script> ${Date.now()}`;
  await customer.goto("/cases/new");
  await hydrated(customer);
  await customer.getByLabel("Subject").fill(subject);
  await customer.getByLabel("Type", { exact: true }).selectOption({ label: "Other" });
  await customer.getByLabel("Description").fill(payloads.join("\n\n"));
  await customer.getByRole("button", { name: "Submit case" }).click();
  await expect(customer.getByRole("heading", { name: subject })).toBeVisible();
  await hydrated(customer);
  await customer.getByLabel("Your reply").fill(payloads[1]);
  await customer.getByRole("button", { name: "Reply" }).click();
  await expect(customer.getByRole("region", { name: "Conversation" })).toContainText(payloads[1]);
  await nothingRan(customer);

  const agent = await (await browser.newContext()).newPage();
  watchDialogs(agent, dialogs);
  await signIn(agent, demo.agent.email, demo.agent.password);
  await agent.getByRole("link", { name: "Staff workspace" }).click();
  await expect(agent.getByRole("link", { name: subject })).toBeVisible();
  await nothingRan(agent);
  await agent.getByRole("link", { name: subject }).click();
  await hydrated(agent);
  const conversation = agent.getByRole("region", { name: "Conversation" });
  for (const p of payloads) await expect(conversation).toContainText(p);
  await expect(agent.getByRole("heading", { name: subject })).toBeVisible();
  await expect(agent.getByText(name).first()).toBeVisible();
  await nothingRan(agent);
  // The same page rendered by the server alone, before any wasm.
  await agent.reload();
  await expect(conversation).toContainText(payloads[0]);
  await nothingRan(agent);
  expect(dialogs).toEqual([]);
});

test("Sign out everywhere ends the account's other browsers too", async ({ browser, page }) => {
  const email = uniqueEmail("sofia");
  await signUp(page, "Sofia Sessions", email);
  const other = await (await browser.newContext()).newPage();
  await signIn(other, email, "a-good-password");

  await page.goto("/profile");
  await hydrated(page);
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await page.goto("/cases");
  await expect(page.getByText("Please sign in to write to us and follow your cases.")).toBeVisible();
  await other.goto("/cases");
  await expect(other.getByText("Please sign in to write to us and follow your cases.")).toBeVisible();
});

test("markup a visitor types in a comment or the follow form stays text for staff", async ({ browser, page }) => {
  const dialogs: string[] = [];
  watchDialogs(page, dialogs);
  await page.goto("/");
  await page.getByRole("link", { name: "Card fees and your monthly invoice" }).click();
  await hydrated(page);
  await page.getByRole("button", { name: "No" }).click();
  await expect(page.getByText("Thank you for your feedback.")).toBeVisible();
  const comment = `${payloads.join(" ")} ${Date.now()}`;
  await page.getByLabel("What was missing? (optional)").fill(comment);
  await page.getByRole("button", { name: "Send comment" }).click();
  await expect(page.getByText("Your comment was sent. Thank you.")).toBeVisible();
  await nothingRan(page);

  await page.goto("/follow");
  await hydrated(page);
  await page.getByLabel("Case number").fill(payloads[0]);
  await page.getByLabel("Email").fill(payloads[1]);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByLabel("Email")).toHaveValue(payloads[1]);
  await nothingRan(page);

  const agent = await (await browser.newContext()).newPage();
  watchDialogs(agent, dialogs);
  await signIn(agent, demo.agent.email, demo.agent.password);
  await agent.goto("/");
  await agent.getByRole("link", { name: "Card fees and your monthly invoice" }).click();
  await expect(agent.getByText(comment)).toBeVisible();
  await nothingRan(agent);
  await agent.reload();
  await expect(agent.getByText(comment)).toBeVisible();
  await nothingRan(agent);
  expect(dialogs).toEqual([]);
});

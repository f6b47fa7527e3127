import { expect, test } from "@playwright/test";
import { demo, hydrated, signIn } from "./helpers";

test("staff write an article with a live preview, publish it, and readers find it", async ({ page, browser }) => {
  const word = `Zorblax${Date.now()}`;
  await signIn(page, demo.agent.email, demo.agent.password);
  await page.goto("/staff");
  await page.getByRole("link", { name: "Articles" }).click();
  await expect(page.getByRole("heading", { name: "Articles", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "New article" }).click();
  await expect(page.getByRole("heading", { name: "New article" })).toBeVisible();
  await hydrated(page);

  await page.getByLabel("Title").fill(`Refund deadlines ${word}`);
  await page.getByRole("main").getByLabel("Language").selectOption({ label: "English" });
  await page.getByLabel("Type").selectOption({ label: "Regulatory information" });
  await page.getByLabel("Folder").selectOption({ label: "Spain · Cards" });
  await page.getByLabel("Tags").fill("refunds deadlines");
  await page.getByLabel("Related articles").selectOption({ label: "Card fees and your monthly invoice (en)" });
  await page
    .getByLabel("Text (Markdown)")
    .fill(`Refunds take **five** days.\n\n<script>window.hacked = 1</script>\n\n[x](javascript:alert(1))`);
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.locator("strong")).toHaveText("five");
  await expect(preview.locator("script")).toHaveCount(0);
  await expect(preview.locator("a[href^='javascript']")).toHaveCount(0);
  await page.getByLabel("Status").selectOption({ label: "Published" });
  await page.getByRole("button", { name: "Save article" }).click();

  await expect(page.getByRole("heading", { name: `Refund deadlines ${word}` })).toBeVisible();
  await expect(page.getByRole("link", { name: "Spain · Cards" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Related articles" })).toContainText("Card fees and your monthly invoice");
  expect(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked)).toBeUndefined();

  // A visitor finds it; an edit changes what they read.
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(`/help/search?q=${word}`);
  await expect(reader.getByRole("link", { name: `Refund deadlines ${word}` })).toBeVisible();

  await page.getByRole("link", { name: "Edit article" }).click();
  await expect(page.getByRole("heading", { name: "Edit article" })).toBeVisible();
  await hydrated(page);
  await expect(page.getByLabel("Text (Markdown)")).toHaveValue(/Refunds take \*\*five\*\* days/);
  await page.getByLabel("Title").fill(`Refund periods ${word}`);
  await page.getByLabel("Status").selectOption({ label: "Draft" });
  await page.getByRole("button", { name: "Save article" }).click();
  await expect(page.getByRole("heading", { name: `Refund periods ${word}` })).toBeVisible();
  await expect(page.getByText("Draft: only staff see this article.")).toBeVisible();

  await reader.goto(`/help/search?q=${word}`);
  await expect(reader.getByText("No article matches your search.")).toBeVisible();
  await reader.goto(page.url());
  await expect(reader.getByText("We could not find that page or case.")).toBeVisible();
});

test("an admin arranges collections and folders and sets a home-page banner", async ({ page }) => {
  await signIn(page, demo.admin.email, demo.admin.password);
  await page.goto("/staff");
  await page.getByRole("link", { name: "Help center settings" }).click();
  await expect(page.getByRole("heading", { name: "Help center settings" })).toBeVisible();
  await hydrated(page);

  await page.getByLabel("New collection").selectOption({ label: "Mexico" });
  await page.getByRole("button", { name: "Add collection" }).click();
  await expect(page.getByRole("heading", { name: "Mexico", level: 3 })).toBeVisible();
  await page.getByLabel("New folder (Mexico)").fill("Loans");
  await page.getByRole("button", { name: "Add folder" }).last().click();
  await expect(page.getByText("Loans", { exact: true })).toBeVisible();
  // A folder with articles stays.
  await page.getByRole("button", { name: "Remove folder Cards" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "It still holds articles" })).toBeVisible();
  await page.getByRole("button", { name: "Remove folder Loans" }).click();
  await expect(page.getByText("Loans", { exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "Remove collection Mexico" }).click();
  await expect(page.getByRole("heading", { name: "Mexico", level: 3 })).toHaveCount(0);

  const message = `Our phone line is down ${Date.now()}`;
  // datetime-local values are read in the admin's own zone (the browser's).
  const local = (ms: number) =>
    new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await page.getByLabel("Kind").selectOption({ label: "Service disruption" });
  await page.getByLabel("Severity").selectOption({ label: "Critical" });
  await page.getByLabel("Message").fill(message);
  await page.getByLabel("Starts", { exact: true }).fill(local(Date.now() - 60_000));
  await page.getByLabel("Ends", { exact: true }).fill(local(Date.now() - 3_600_000));
  await page.getByRole("button", { name: "Add a banner" }).click();
  await expect(page.getByText("The end must come after the start.")).toBeVisible();
  await page.getByLabel("Ends", { exact: true }).fill(local(Date.now() + 3_600_000));
  await page.getByRole("button", { name: "Add a banner" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: message })).toBeVisible();

  await page.goto("/");
  await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible();

  // Removed, the demo banner shows again.
  await page.goto("/staff/help-center");
  await hydrated(page);
  await page.getByRole("button", { name: `Remove ${message}` }).click();
  await expect(page.getByText(message)).toHaveCount(0);
  await page.goto("/");
  await expect(page.getByRole("status").filter({ hasText: "Scheduled maintenance" })).toBeVisible();
});

test("collection and folder pages list their articles, before the wasm loads", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("link", { name: "France" }).click();
  await expect(page.getByRole("heading", { name: "France", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Mobile app", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Mobile app · France", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "How to turn on two-step verification in the mobile app" })).toBeVisible();
});

import { expect, test, type Page } from "@playwright/test";
import { hydrated, signUp, uniqueEmail } from "./helpers";

async function openCase(page: Page, subject: string, type: string) {
  await page.goto("/cases/new");
  await hydrated(page);
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Type", { exact: true }).selectOption({ label: type });
  await page.getByLabel("Description").fill("Details.");
  await page.getByRole("button", { name: "Submit case" }).click();
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
}

test("filters live in the URL and survive a reload", async ({ page }) => {
  await signUp(page, "Fiona Filter", uniqueEmail("fiona"));
  await openCase(page, "Printer jams on page two", "Technical");
  await openCase(page, "Invoice is missing", "Finance");

  await page.goto("/cases");
  await hydrated(page);
  const filters = page.getByRole("complementary", { name: "Filters" });
  await filters.getByLabel("Search subject and messages").fill("printer");
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/q=printer/);
  await expect(page.getByRole("row").filter({ hasText: "Printer jams" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Invoice is missing" })).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: "Printer jams" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Invoice is missing" })).toHaveCount(0);
  await expect(filters.getByLabel("Search subject and messages")).toHaveValue("printer");

  await hydrated(page);
  await filters.getByRole("link", { name: "Clear filters" }).click();
  await filters.getByLabel("Type", { exact: true }).selectOption({ label: "Finance" });
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("row").filter({ hasText: "Invoice is missing" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "Printer jams" })).toHaveCount(0);

  await filters.getByRole("link", { name: "Clear filters" }).click();
  await filters.getByLabel("Resolved").check();
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No cases match these filters.")).toBeVisible();
});

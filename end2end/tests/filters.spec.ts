import { expect, test } from "@playwright/test";
import { hydrated, openCase, signUp, uniqueEmail } from "./helpers";

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

import { readFileSync } from "node:fs";
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

test("the filtered list downloads as a CSV file", async ({ page }) => {
  await signUp(page, "Erik Export", uniqueEmail("erik"));
  await openCase(page, "=SUM(A1:A9) looks like a formula", "Technical");
  await openCase(page, "Plain question", "Finance");
  await page.goto("/cases?type=technical");
  await hydrated(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("cases.csv");
  const text = readFileSync(await download.path(), "utf8");
  expect(text.startsWith("\uFEFFCase number,Subject,Type,Status")).toBe(true);
  const lines = text.trim().split("\r\n");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain("'=SUM(A1:A9) looks like a formula");
  expect(lines[1]).toContain(",Technical,Submitted,Web,");
});

import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { demo, hydrated, signIn } from "./helpers";

async function expectNoViolations(page: Page) {
  await hydrated(page);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`);
  expect(found).toEqual([]);
}

test("public pages have no WCAG A/AA violations", async ({ page }) => {
  for (const path of ["/", "/signin", "/signup", "/follow", "/help/collections/es", "/contact"]) {
    await page.goto(path);
    await expectNoViolations(page);
  }
});

test("the customer's pages have no WCAG A/AA violations", async ({ page }) => {
  await signIn(page, demo.customer.email, demo.customer.password);
  await page.goto("/cases");
  await expectNoViolations(page);
  await page.getByRole("link", { name: "Invoice for October is missing" }).click();
  await expect(page.getByRole("heading", { name: "Invoice for October is missing" })).toBeVisible();
  await expectNoViolations(page);
  await page.goto("/cases/new");
  await expectNoViolations(page);
  await page.goto("/profile");
  await expectNoViolations(page);
});

test("the staff pages have no WCAG A/AA violations", async ({ page }) => {
  // Fourteen pages, each loading its own code: more than one test's usual time.
  test.setTimeout(90_000);
  await signIn(page, demo.admin.email, demo.admin.password);
  for (const path of ["/staff", "/staff/cases/new", "/staff/self-help", "/staff/articles", "/staff/articles/new", "/staff/help-center", "/staff/departments", "/staff/users", "/staff?view=mine", "/staff?view=breached", "/staff/service-levels", "/staff/canned", "/staff/settings"]) {
    await page.goto(path);
    await expectNoViolations(page);
  }
  await page.goto("/staff");
  await page.getByRole("link", { name: "Invoice for October is missing" }).click();
  await expect(page.getByRole("heading", { name: "Invoice for October is missing" })).toBeVisible();
  await expectNoViolations(page);
});

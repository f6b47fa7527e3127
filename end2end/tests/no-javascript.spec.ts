import { expect, test } from "@playwright/test";
import { demo } from "./helpers";

// Pages for reading arrive complete from the server.
test.use({ javaScriptEnabled: false });

test("the help center and an article read without JavaScript", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Questions and Answers", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "How to follow your cases" }).click();
  await expect(page.getByRole("heading", { name: "How to follow your cases" })).toBeVisible();
  await expect(page.getByText("Last updated:")).toBeVisible();
});

test("a customer signs in and reads their cases without JavaScript", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(demo.customer.email);
  await page.getByLabel("Password").fill(demo.customer.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "My cases" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "Invoice for October is missing" });
  await expect(row).toContainText("Awaiting your reply");
  await row.getByRole("link", { name: "Invoice for October is missing" }).click();
  await expect(page.getByText("Could you tell us the account number")).toBeVisible();
});

test("a visitor asks for a follow link without JavaScript", async ({ page }) => {
  await page.goto("/follow");
  await page.getByLabel("Case number").fill("1001");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByText("If this matches a case, we sent a link")).toBeVisible();
});

test("the language switch works without JavaScript and comes back to the page", async ({ page }) => {
  await page.goto("/follow");
  await page.getByLabel("Language").selectOption("es");
  await page.getByRole("button", { name: "Change language" }).click();
  await expect(page).toHaveURL(/\/follow$/);
  await expect(page.getByRole("button", { name: "Enviarme un enlace" })).toBeVisible();
  await expect(page.getByLabel("Idioma")).toHaveValue("es");
  await page.getByLabel("Idioma").selectOption("fr");
  await page.getByRole("button", { name: "Cambiar idioma" }).click();
  await expect(page.getByRole("link", { name: "Écrivez-nous" })).toBeVisible();
});

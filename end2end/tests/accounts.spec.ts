import { expect, test } from "@playwright/test";
import { demo, hydrated, signUp, uniqueEmail, waitForMail } from "./helpers";

test("Write to us asks a visitor to sign in first", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Write to us" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByText("Please sign in to write to us")).toBeVisible();
});

test("a wrong password gets a clear message", async ({ page }) => {
  await page.goto("/signin");
  await hydrated(page);
  await page.getByLabel("Email").fill(demo.customer.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
});

test("signing up again with a registered address tells only its owner, by mail", async ({ page }) => {
  const email = uniqueEmail("twice");
  await signUp(page, "First Owner", email);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/signup");
  await hydrated(page);
  await page.getByLabel("Name").fill("Second Owner");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("another-password");
  await page.getByRole("button", { name: "Create account" }).click();
  // The same answer as for a new address: the form tells nobody who is registered.
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const mail = await waitForMail(email, "You already have an account");
  expect(mail.text).toContain("Set a new password");
});

test("a staff-only page sends a customer to their own cases, a visitor to sign in", async ({ page, browser }) => {
  await signUp(page, "Curious Customer", uniqueEmail("curious"));
  await expect(page.getByRole("link", { name: "Staff workspace" })).toHaveCount(0);
  await page.goto("/staff");
  await expect(page).toHaveURL(/\/cases$/);
  await expect(page.getByRole("heading", { name: "My cases" })).toBeVisible();

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/staff/outbox");
  await expect(visitor).toHaveURL(/\/signin\?next=%2Fstaff%2Foutbox$/);
  await expect(visitor.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

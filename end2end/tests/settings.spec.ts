import { expect, test } from "@playwright/test";
import { demo, hydrated, openCase, signIn, signUp, uniqueEmail } from "./helpers";

test("an admin adds a case type, customers use it, and taking it out of use keeps it on its cases", async ({
  browser,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demo.admin.email, demo.admin.password);
  await admin.goto("/staff");
  await admin.getByRole("link", { name: "Settings", exact: true }).click();
  await expect(admin.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await hydrated(admin);
  const types = admin.getByRole("region", { name: "Case types" });
  const label = `Returns ${Date.now()}`;
  // Each label is required: the browser asks for the missing one.
  await types.getByLabel("English label").last().fill(label);
  await types.getByRole("button", { name: "Add case type" }).click();
  const spanish = types.getByLabel("Spanish label").last();
  expect(await spanish.evaluate((el: HTMLInputElement) => el.validity.valueMissing)).toBe(true);
  await expect(types.getByRole("group", { name: label })).toHaveCount(0);
  await types.getByLabel("Spanish label").last().fill("Devoluciones");
  await types.getByLabel("French label").last().fill("Retours");
  await types.getByRole("button", { name: "Add case type" }).click();
  await expect(types.getByRole("group", { name: label })).toBeVisible();

  // A customer opens a case of that type and reads its label.
  const customer = await (await browser.newContext()).newPage();
  await signUp(customer, "Rita Returns", uniqueEmail("rita"));
  const subject = `Parcel back ${Date.now()}`;
  await openCase(customer, subject, label);
  const details = customer.getByRole("region", { name: "Details" });
  await expect(details).toContainText(label);

  // Out of use: no longer offered, still on the case.
  await types
    .getByRole("group", { name: label })
    .getByRole("button", { name: `Take out of use: ${label}` })
    .click();
  await expect(types.getByRole("group", { name: label })).toContainText("(out of use)");
  await customer.reload();
  await expect(details).toContainText(label);
  await customer.goto("/cases/new");
  await hydrated(customer);
  const offered = customer.getByLabel("Type", { exact: true }).getByRole("option");
  await expect(offered.filter({ hasText: "Finance" })).toHaveCount(1);
  await expect(offered.filter({ hasText: label })).toHaveCount(0);

  // "Other" is what mail opens cases with: it cannot be taken out of use.
  await expect(types.getByRole("group", { name: "Other", exact: true }).getByRole("button", { name: /Take out of use/ })).toHaveCount(0);
});

test("an admin sets the automatic-close waits", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demo.admin.email, demo.admin.password);
  await admin.goto("/staff/settings");
  await hydrated(admin);
  const closes = admin.getByRole("region", { name: "Automatic closes" });
  const reply = closes.getByLabel("Awaiting the customer's reply: close after (hours)");
  const before = await reply.inputValue();
  await reply.fill("soon");
  await closes.getByRole("button", { name: "Save close times" }).click();
  await expect(closes.getByText("Enter a number of hours, up to 8,760")).toBeVisible();
  await reply.fill("72");
  await closes.getByRole("button", { name: "Save close times" }).click();
  await expect(closes.getByRole("status")).toHaveText(/Close times saved/);
  await admin.reload();
  await expect(reply).toHaveValue("72");
  // The server's own setting again, for the tests that follow.
  await hydrated(admin);
  await reply.fill(before);
  await closes.getByRole("button", { name: "Save close times" }).click();
  await expect(closes.getByRole("status")).toHaveText(/Close times saved/);
});

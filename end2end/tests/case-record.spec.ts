import { expect, test } from "@playwright/test";
import { agentPage, caseNumber, demo, hydrated, openCase, signIn, signUp, uniqueEmail } from "./helpers";

test("a second case of the same type joins the open one, and the customer is told", async ({ page }) => {
  await signUp(page, "Dora Duplicate", uniqueEmail("dora"));
  await openCase(page, "Card declined", "Finance");
  const first = caseNumber(page);

  await page.goto("/cases/new");
  await hydrated(page);
  await page.getByLabel("Subject").fill("Card still declined");
  await page.getByLabel("Type", { exact: true }).selectOption({ label: "Finance" });
  await page.getByLabel("Description").fill("It failed again today.");
  await page.getByRole("button", { name: "Submit case" }).click();

  await expect(page.getByRole("status")).toContainText("your message was added to it");
  expect(caseNumber(page)).toBe(first);
  await expect(page.getByRole("heading", { name: "Card declined" })).toBeVisible();
  await expect(page.locator(".conversation")).toContainText("It failed again today.");
  await page.goto("/cases");
  await expect(page.getByRole("row").filter({ hasText: "Card" })).toHaveCount(1);
});

test("staff merge one case into another", async ({ browser }) => {
  const customer = await (await browser.newContext()).newPage();
  await signUp(customer, "Max Merge", uniqueEmail("max"));
  await openCase(customer, "App crashes on start", "Technical");
  const target = caseNumber(customer);
  await openCase(customer, "Cannot open my account page", "Account");
  const source = caseNumber(customer);

  const agent = await agentPage(browser);
  await agent.goto(`/cases/${source}`);
  await hydrated(agent);
  await agent.getByLabel("Merge into case number").fill(target);
  await agent.getByRole("button", { name: "Merge" }).click();
  await expect(agent.locator(".case-details .status")).toHaveText("Duplicate");
  await agent.getByRole("link", { name: `#${target}` }).first().click();
  await expect(agent.getByRole("heading", { name: "App crashes on start" })).toBeVisible();
  await expect(agent.locator(".conversation .message")).toHaveCount(2);

  await customer.goto(`/cases/${source}`);
  await expect(customer.locator(".case-details .status")).toHaveText("Duplicate");
  await expect(customer.getByText("This case is closed and cannot be reopened.")).toBeVisible();
});

test("a self-help answer asks the customer to confirm", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demo.admin.email, demo.admin.password);
  await admin.goto("/staff");
  await hydrated(admin);
  await admin.getByRole("link", { name: "Self-help answers" }).click();
  await hydrated(admin);
  await admin.getByLabel("Type", { exact: true }).selectOption({ label: "Other" });
  await admin.getByLabel("Title").fill("Opening hours");
  await admin.getByLabel("Answer", { exact: true }).fill("We answer Monday to Friday, 9:00 to 18:00.");
  await admin.getByRole("button", { name: "Add an answer" }).click();
  await expect(admin.locator(".answers")).toContainText("Opening hours");

  const customer = await (await browser.newContext()).newPage();
  await signUp(customer, "Sam Selfhelp", uniqueEmail("sam"));
  await openCase(customer, "When are you open?", "Other");
  await expect(customer.locator(".case-details .status")).toHaveText("Awaiting your confirmation");
  await expect(customer.locator(".conversation")).toContainText("Monday to Friday");
  await customer.getByRole("button", { name: "No, keep this case open" }).click();
  await expect(customer.locator(".case-details .status")).toHaveText("Submitted");

  await customer.goto("/cases");
  // Remove the answer so other tests' "Other" cases stay plain.
  await admin.getByRole("button", { name: "Remove Opening hours" }).click();
  await expect(admin.getByText("No self-help answers yet.")).toBeVisible();
});

test("the customer edits their details and CC; staff see the change logged", async ({ browser }) => {
  const customer = await (await browser.newContext()).newPage();
  await signUp(customer, "Eva Edit", uniqueEmail("eva"));
  await openCase(customer, "Update my billing details", "Finance");
  await customer.getByText("Edit details").click();
  await expect(customer.getByLabel("Country")).toHaveCount(0);
  await customer.getByLabel("Tax ID").fill("B12345678");
  await customer.getByLabel("People in CC").fill("not an address");
  await customer.getByRole("button", { name: "Save details" }).click();
  await expect(customer.getByText("Enter a valid email address")).toBeVisible();
  await customer.getByLabel("People in CC").fill("boss@example.com");
  await customer.getByRole("button", { name: "Save details" }).click();
  await expect(customer.locator(".case-details")).toContainText("B12345678");
  await expect(customer.locator(".case-details")).toContainText("boss@example.com");

  const agent = await agentPage(browser);
  await agent.goto(`/cases/${caseNumber(customer)}?tab=activity`);
  await expect(agent.getByRole("region", { name: "Activity" })).toContainText("Tax ID: — → B12345678");
});

test("a row opens in place with the conversation and a reply box", async ({ page }) => {
  await signUp(page, "Ines Inline", uniqueEmail("ines"));
  await openCase(page, "Inline question", "Technical");
  const n = caseNumber(page);
  await page.goto("/cases");
  await hydrated(page);
  await page.getByRole("button", { name: `Show the conversation of case ${n}` }).click();
  const inline = page.locator(`#case-${n}-inline`);
  await expect(inline.locator(".conversation")).toContainText("Details of the problem.");
  await inline.getByLabel("Your reply").fill("Answered from the list.");
  await inline.getByRole("button", { name: "Reply" }).click();
  await expect(inline.locator(".conversation")).toContainText("Answered from the list.");
  await expect(inline.getByRole("link", { name: "Open the full case page" })).toBeVisible();
});

test("staff open a case for a customer who phoned", async ({ browser }) => {
  const customer = await (await browser.newContext()).newPage();
  const email = uniqueEmail("paula");
  await signUp(customer, "Paula Phone", email);

  const agent = await agentPage(browser);
  await agent.goto("/staff");
  await hydrated(agent);
  await agent.getByRole("link", { name: "Open a case for a customer" }).click();
  await hydrated(agent);
  await agent.getByLabel("Customer's email").fill(email);
  await agent.getByLabel("Origin").selectOption({ label: "Phone" });
  await agent.getByLabel("Subject").fill("Called about a refund");
  await agent.getByLabel("Type", { exact: true }).selectOption({ label: "Finance" });
  await agent.getByLabel("Priority").selectOption({ label: "High" });
  await agent.getByLabel("Description").fill("The customer called to ask for a refund.");
  await agent.getByRole("button", { name: "Submit case" }).click();
  await expect(agent.getByRole("heading", { name: "Called about a refund" })).toBeVisible();

  await customer.goto("/cases");
  const row = customer.getByRole("row").filter({ hasText: "Called about a refund" });
  await expect(row).toContainText("Phone");
});

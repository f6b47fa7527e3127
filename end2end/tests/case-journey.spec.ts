import { expect, test } from "@playwright/test";
import { demo, hydrated, signIn, signUp, uniqueEmail } from "./helpers";

test("a customer opens a case, an agent answers, the customer reads it", async ({ browser }) => {
  const subject = `Cannot download my statement ${Date.now()}`;
  const answer = "Please try again now: we fixed the statement export.";

  // The customer signs up and opens a case.
  const customer = await (await browser.newContext()).newPage();
  await signUp(customer, "Carla Client", uniqueEmail("carla"));
  await customer.getByRole("link", { name: "Open a New Case" }).click();
  await hydrated(customer);
  await customer.getByLabel("Subject").fill(subject);
  await customer.getByLabel("Type", { exact: true }).selectOption({ label: "Technical" });
  await customer.getByLabel("Description").fill("The download button does nothing.");
  await customer.getByRole("button", { name: "Submit case" }).click();
  await expect(customer.getByRole("heading", { name: subject })).toBeVisible();
  await expect(customer.getByText("Submitted")).toBeVisible();
  const number = customer.url().split("/").pop()!;

  // It is in "My cases", not highlighted.
  await customer.getByRole("link", { name: "Write to us" }).click();
  const row = customer.getByRole("row").filter({ hasText: subject });
  await expect(row).toBeVisible();
  await expect(row.getByText("New answer")).toHaveCount(0);

  // An agent answers from the staff workspace.
  const agent = await (await browser.newContext()).newPage();
  await signIn(agent, demo.agent.email, demo.agent.password);
  await agent.getByRole("link", { name: "Staff workspace" }).click();
  await agent.getByRole("link", { name: subject }).click();
  await hydrated(agent);
  await agent.getByLabel("Your reply").fill(answer);
  await agent.getByRole("button", { name: "Reply" }).click();
  await expect(agent.getByText(answer)).toBeVisible();

  // The customer sees the case first and highlighted, opens it, reads it.
  await customer.reload();
  const first = customer.getByRole("row").nth(1);
  await expect(first).toContainText(subject);
  await expect(first.getByText("New answer")).toBeVisible();
  await expect(first).toHaveClass(/unread/);
  await first.getByRole("link", { name: subject }).click();
  await expect(customer.getByText(answer)).toBeVisible();
  await expect(customer.getByText("Support team")).toBeVisible();

  // Once read, the highlight is gone for good.
  await customer.goto("/cases");
  await expect(customer.getByRole("row").filter({ hasText: subject })).not.toHaveClass(/unread/);

  // A second customer cannot open the first one's case.
  const other = await (await browser.newContext()).newPage();
  await signUp(other, "Oscar Other", uniqueEmail("oscar"));
  await other.goto(`/cases/${number}`);
  await expect(other.getByText("We could not find that page or case.")).toBeVisible();
  await expect(other.getByText(answer)).toHaveCount(0);
});

test("a customer replies and the reply joins the conversation", async ({ page }) => {
  await signUp(page, "Rita Replier", uniqueEmail("rita"));
  await page.goto("/cases/new");
  await hydrated(page);
  await page.getByLabel("Subject").fill("Question about fees");
  await page.getByLabel("Type", { exact: true }).selectOption({ label: "Finance" });
  await page.getByLabel("Description").fill("What does a transfer cost?");
  await page.getByRole("button", { name: "Submit case" }).click();
  await expect(page.getByRole("heading", { name: "Question about fees" })).toBeVisible();
  await hydrated(page);
  await page.getByLabel("Your reply").fill("And is there a monthly fee?");
  await page.getByRole("button", { name: "Reply" }).click();
  await expect(page.getByText("And is there a monthly fee?")).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Your reply was sent.");
});

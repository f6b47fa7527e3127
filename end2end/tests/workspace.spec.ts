import { expect, test, type Page } from "@playwright/test";
import { agentPage, caseNumber, demo, hydrated, openCase, signIn, signUp, uniqueEmail } from "./helpers";

/** The count the rail shows beside a view. */
async function railCount(page: Page, view: string): Promise<number> {
  const link = page.getByRole("navigation", { name: "Views" }).getByRole("link", { name: view });
  const text = await link.locator(".view-count").textContent();
  return Number(text);
}

test("an agent takes a case from Unassigned; the other's list and count follow live", async ({ browser }) => {
  const customer = await (await browser.newContext()).newPage();
  const subject = `Take me ${Date.now()}`;
  await signUp(customer, "Tomás Taken", uniqueEmail("tomas"));
  await openCase(customer, subject);
  const number = caseNumber(customer);

  // B (the admin) watches the Unassigned view.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demo.admin.email, demo.admin.password);
  await admin.goto("/staff?view=unassigned");
  await hydrated(admin);
  await expect(admin.getByRole("heading", { name: "Unassigned" })).toBeVisible();
  await expect(admin.getByRole("link", { name: subject })).toBeVisible();
  const before = await railCount(admin, "Unassigned");
  expect(before).toBeGreaterThan(0);

  // A (the agent) takes it from the case page.
  const agent = await agentPage(browser);
  await agent.goto(`/cases/${number}`);
  await hydrated(agent);
  const box = agent.getByRole("region", { name: "Assignment" });
  await expect(box).toContainText("Assigned to: Unassigned");
  await box.getByRole("button", { name: "Assign to me" }).click();
  await expect(box).toContainText("Assigned to: Alex Agent");
  await expect(box.getByRole("button", { name: "Assign to me" })).toHaveCount(0);

  // Without a reload, B's view no longer lists it and counts one fewer.
  await expect(admin.getByRole("link", { name: subject })).toHaveCount(0);
  await expect.poll(() => railCount(admin, "Unassigned")).toBe(before - 1);
  // A's Mine lists it.
  await agent.goto("/staff?view=mine");
  const row = agent.getByRole("row").filter({ hasText: subject });
  await expect(row).toContainText("Alex Agent");

  // The change is in the staff's activity log, not the customer's.
  await agent.goto(`/cases/${number}?tab=activity`);
  await expect(agent.getByRole("region", { name: "Activity" })).toContainText("Assigned: Unassigned → Alex Agent");
  await customer.goto(`/cases/${number}?tab=activity`);
  await expect(customer.getByRole("region", { name: "Activity" })).toBeVisible();
  await expect(customer.getByRole("region", { name: "Activity" })).not.toContainText("Alex Agent");
  await expect(customer.getByRole("region", { name: "Assignment" })).toHaveCount(0);
});

test("referring a case asks for the department; admins manage departments", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demo.admin.email, demo.admin.password);
  await admin.goto("/staff");
  await admin.getByRole("link", { name: "Departments" }).click();
  await expect(admin.getByRole("heading", { name: "Departments", level: 1 })).toBeVisible();
  await hydrated(admin);
  const name = `Compliance ${Date.now()}`;
  await admin.getByRole("textbox", { name: "Name" }).last().fill(name);
  await admin.getByRole("button", { name: "Add a department" }).click();
  const section = admin.getByRole("region", { name });
  await expect(section).toBeVisible();
  await section.getByLabel("Add a member").selectOption({ label: "Alex Agent" });
  await section.getByRole("button", { name: "Add a member" }).click();
  await expect(section.getByRole("listitem")).toContainText("agent@example.com");
  // A second department of the same name is refused.
  await admin.getByRole("textbox", { name: "Name" }).last().fill(name.toUpperCase());
  await admin.getByRole("button", { name: "Add a department" }).click();
  await expect(admin.getByText("This one already exists.")).toBeVisible();

  const customer = await (await browser.newContext()).newPage();
  await signUp(customer, "Rita Referred", uniqueEmail("rita"));
  await openCase(customer, "Please check my tax form", "Finance");
  const number = caseNumber(customer);

  const agent = await agentPage(browser);
  await agent.goto(`/cases/${number}`);
  await hydrated(agent);
  await agent.getByLabel("New status").selectOption({ label: "Referred" });
  await agent.getByRole("button", { name: "Update status" }).click();
  await expect(agent.getByText("Choose the department the case is referred to.")).toBeVisible();
  await expect(agent.locator(".case-details .status")).toHaveText("New");

  await agent.getByLabel("Department (for Referred)").selectOption({ label: name });
  await agent.getByRole("button", { name: "Update status" }).click();
  await expect(agent.locator(".case-details .status")).toHaveText("Referred");
  await expect(agent.getByLabel("Department", { exact: true })).toHaveValue(/\d+/);

  // The Referred view lists it; removing a department in use is refused.
  await agent.goto("/staff?view=referred");
  await expect(agent.getByRole("link", { name: "Please check my tax form" }).first()).toBeVisible();
  await admin.reload();
  await hydrated(admin);
  await admin.getByRole("region", { name }).getByRole("button", { name: "Remove department" }).click();
  await expect(admin.getByText("Cases belong to this department")).toBeVisible();
});

test("an internal note stays with staff and reaches the agent it mentions", async ({ browser }) => {
  const customer = await (await browser.newContext()).newPage();
  const subject = `Ledger question ${Date.now()}`;
  await signUp(customer, "Nora Noted", uniqueEmail("nora"));
  await openCase(customer, subject, "Finance");
  const number = caseNumber(customer);

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demo.admin.email, demo.admin.password);
  await admin.goto(`/cases/${number}`);
  await hydrated(admin);
  await admin.getByLabel("Your reply").fill("Checked the ledger, @alex please confirm the refund");
  await admin.getByLabel("Internal note: staff only, never sent to the customer").check();
  await admin.getByRole("button", { name: "Reply" }).click();
  const note = admin.locator(".message.note", { hasText: "Checked the ledger" });
  await expect(note).toContainText("Internal note");
  // A note moves nothing: the case is still new and unassigned.
  await expect(admin.locator(".case-details .status")).toHaveText("New");
  await expect(admin.getByRole("region", { name: "Assignment" })).toContainText("Assigned to: Unassigned");

  // The agent it mentions finds the case in Mentions.
  const agent = await agentPage(browser);
  await agent.goto("/staff?view=mentions");
  await expect(agent.getByRole("link", { name: subject })).toBeVisible();
  expect(await railCount(agent, "Mentions")).toBeGreaterThan(0);

  // The customer never sees it: case page, inline row, export.
  await customer.reload();
  await expect(customer.getByRole("heading", { name: subject })).toBeVisible();
  await expect(customer.getByText("Checked the ledger")).toHaveCount(0);
  await customer.goto("/cases");
  await hydrated(customer);
  await customer.getByRole("button", { name: `Show the conversation of case ${number}` }).click();
  await expect(customer.locator(".inline-case")).toContainText("Details of the problem.");
  await expect(customer.locator(".inline-case")).not.toContainText("ledger");
  const csv = await customer.request.get("/export/cases.csv");
  expect(csv.ok()).toBe(true);
  const text = await csv.text();
  expect(text).toContain(subject);
  expect(text).not.toContain("ledger");
});

test("a customer's open case page shows a staff answer without a reload", async ({ browser }) => {
  const customer = await (await browser.newContext()).newPage();
  await signUp(customer, "Lena Live", uniqueEmail("lena"));
  await openCase(customer, "Waiting for an answer");
  const number = caseNumber(customer);
  await customer.getByLabel("Your reply").fill("A draft I am still writing");

  const agent = await agentPage(browser);
  await agent.goto(`/cases/${number}`);
  await hydrated(agent);
  await agent.getByLabel("Your reply").fill("Here is your answer.");
  await agent.getByRole("button", { name: "Reply" }).click();
  await expect(agent.getByText("Here is your answer.")).toBeVisible();

  await expect(customer.getByText("Here is your answer.")).toBeVisible();
  await expect(customer.locator(".case-details .status")).toHaveText("Under review");
  // The reply being written was kept.
  await expect(customer.getByLabel("Your reply")).toHaveValue("A draft I am still writing");
});

test("staff see who else is on a case and are asked before answering over a new message", async ({ browser }) => {
  const customer = await (await browser.newContext()).newPage();
  await signUp(customer, "Cole Collision", uniqueEmail("cole"));
  await openCase(customer, "Two agents at once");
  const number = caseNumber(customer);

  const agent = await agentPage(browser);
  await agent.goto(`/cases/${number}`);
  await hydrated(agent);
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demo.admin.email, demo.admin.password);
  await admin.goto(`/cases/${number}`);
  await hydrated(admin);

  const others = admin.getByRole("status", { name: "Others on this case" });
  await expect(others).toContainText("Alex Agent is viewing this case", { timeout: 15_000 });
  await agent.getByLabel("Your reply").fill("I am on it");
  await expect(others).toContainText("Alex Agent is replying", { timeout: 15_000 });

  // The admin answers first; the agent's page shows it, and sending asks.
  await admin.getByLabel("Your reply").fill("Already answered by me.");
  await admin.getByRole("button", { name: "Reply" }).click();
  await expect(agent.getByText("Already answered by me.")).toBeVisible();
  await expect(agent.getByLabel("Your reply")).toHaveValue("I am on it");
  const asked: string[] = [];
  agent.once("dialog", (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await agent.getByRole("button", { name: "Reply" }).click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toContain("A newer message arrived since you started writing");
  await expect(agent.getByLabel("Your reply")).toHaveValue("I am on it");
  agent.once("dialog", (d) => void d.accept());
  await agent.getByRole("button", { name: "Reply" }).click();
  await expect(agent.locator(".message", { hasText: "I am on it" })).toBeVisible();

  // The agent leaves: gone from the admin's page.
  await agent.goto("/staff");
  await expect(others).not.toContainText("Alex Agent", { timeout: 10_000 });
});

test("a bulk status change on three cases", async ({ browser }) => {
  const customer = await (await browser.newContext()).newPage();
  const tag = `Bulk ${Date.now()}`;
  await signUp(customer, "Bruno Bulk", uniqueEmail("bruno"));
  const numbers: string[] = [];
  for (const type of ["Technical", "Finance", "Account"]) {
    await openCase(customer, `${tag} ${type}`, type);
    numbers.push(caseNumber(customer));
  }

  const agent = await agentPage(browser);
  await agent.goto(`/staff?q=${encodeURIComponent(tag)}`);
  await hydrated(agent);
  for (const n of numbers) {
    await agent.getByRole("checkbox", { name: `Select case ${n}` }).check();
  }
  const bar = agent.getByRole("form", { name: "Change the selected cases" });
  await expect(bar).toContainText("3 selected");
  await bar.getByLabel("Change").selectOption({ label: "Status" });
  await bar.getByLabel("To", { exact: true }).selectOption({ label: "Awaiting customer reply" });
  await bar.getByRole("button", { name: "Apply" }).click();
  await expect(agent.getByText("3 cases changed; 0 closed cases left as they were.")).toBeVisible();
  for (const type of ["Technical", "Finance", "Account"]) {
    const row = agent.getByRole("row").filter({ hasText: `${tag} ${type}` });
    await expect(row).toContainText("Awaiting customer reply");
  }
  await agent.goto(`/cases/${numbers[0]}?tab=activity`);
  await expect(agent.getByRole("region", { name: "Activity" })).toContainText("New → Awaiting customer reply");
});

test("an admin makes someone an agent, then deactivates them and they are signed out", async ({ browser }) => {
  const person = await (await browser.newContext()).newPage();
  const email = uniqueEmail("dora");
  await signUp(person, "Dora Deactivated", email);

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demo.admin.email, demo.admin.password);
  await admin.goto("/staff");
  await admin.getByRole("link", { name: "Users" }).click();
  await expect(admin.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await hydrated(admin);
  await admin.getByLabel("Find by name or email").fill(email);
  await admin.getByRole("button", { name: "Search" }).click();
  const row = admin.getByRole("row").filter({ hasText: email });
  await row.getByLabel("Role Dora Deactivated").selectOption({ label: "Agent" });
  await row.getByRole("button", { name: "Save role" }).click();
  await expect(row.getByLabel("Role Dora Deactivated")).toHaveValue("agent");

  // Dora now works in the staff workspace.
  await person.goto("/staff");
  await expect(person.getByRole("heading", { name: "Staff workspace" })).toBeVisible();

  await row.getByRole("button", { name: "Deactivate Dora Deactivated" }).click();
  await expect(row).toContainText("Deactivated");
  // Her session ended: the next page asks her to sign in, and she cannot.
  await person.goto("/staff");
  await expect(person).toHaveURL(/\/signin/);
  await person.getByLabel("Email").fill(email);
  await person.getByLabel("Password").fill("a-good-password");
  await person.getByRole("button", { name: "Sign in" }).click();
  await expect(person.getByRole("alert").filter({ hasText: /email or password/i })).toBeVisible();
});

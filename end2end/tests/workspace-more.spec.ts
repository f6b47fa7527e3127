import { expect, test } from "@playwright/test";
import { agentPage, caseNumber, demo, hydrated, openCase, signIn, signUp, uniqueEmail } from "./helpers";

test("a case past a short service-level target shows as breached", async ({ browser }) => {
  const customer = await (await browser.newContext()).newPage();
  const subject = `Late answer ${Date.now()}`;
  await signUp(customer, "Lucía Late", uniqueEmail("lucia"));
  await openCase(customer, subject);
  const number = caseNumber(customer);

  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demo.admin.email, demo.admin.password);
  await admin.goto("/staff");
  await admin.getByRole("link", { name: "Service levels" }).click();
  await expect(admin.getByRole("heading", { name: "Service levels", level: 1 })).toBeVisible();
  await hydrated(admin);
  const normal = admin.getByRole("group", { name: "Normal" });
  // Nonsense is refused with a message.
  await normal.getByLabel("First response (hours)").fill("soon");
  await normal.getByRole("button", { name: "Save" }).click();
  await expect(admin.getByRole("alert").filter({ hasText: "Enter a number of hours" })).toBeVisible();

  // A first response within about four seconds: the new case misses it.
  await normal.getByLabel("First response (hours)").fill("0.001");
  await normal.getByRole("button", { name: "Save" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Service levels saved." })).toBeVisible();
  try {
    await admin.waitForTimeout(4_000);
    await admin.goto("/staff?view=breached");
    await expect(admin.getByRole("heading", { name: "Breached", level: 2 })).toBeVisible();
    const row = admin.getByRole("row").filter({ hasText: subject });
    await expect(row).toContainText("Overdue by");
    await expect(row).toHaveClass(/sla-breached/);
    const count = admin.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Breached" });
    await expect(count.locator(".view-count")).not.toHaveText("0");

    // The case page says what is due; the customer sees nothing of it.
    await admin.goto(`/cases/${number}`);
    await expect(admin.getByRole("region", { name: "Service level" })).toContainText(
      "Due for the first response: Overdue by",
    );
    await customer.goto(`/cases/${number}`);
    await expect(customer.getByRole("heading", { name: subject })).toBeVisible();
    await expect(customer.getByRole("region", { name: "Service level" })).toHaveCount(0);
    await customer.goto("/cases");
    await expect(customer.getByRole("row").filter({ hasText: subject })).not.toContainText("Overdue");

    // An answer meets the first-response target: the case leaves the view.
    await admin.goto(`/cases/${number}`);
    await hydrated(admin);
    await admin.getByLabel("Your reply").fill("Sorry for the wait: looking into it.");
    await admin.getByRole("button", { name: "Reply" }).click();
    await expect(admin.getByRole("region", { name: "Service level" })).toContainText("Due for the resolution");
    await admin.goto("/staff?view=breached");
    await expect(admin.getByRole("heading", { name: "Breached", level: 2 })).toBeVisible();
    await expect(admin.getByRole("row").filter({ hasText: subject })).toHaveCount(0);
  } finally {
    // The demo's own target again, for the tests that follow.
    await admin.goto("/staff/service-levels");
    await hydrated(admin);
    await admin.getByRole("group", { name: "Normal" }).getByLabel("First response (hours)").fill("8");
    await admin.getByRole("group", { name: "Normal" }).getByRole("button", { name: "Save" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Service levels saved." })).toBeVisible();
  }
});

test("a canned response is inserted with its placeholders filled", async ({ browser }) => {
  const customer = await (await browser.newContext()).newPage();
  await signUp(customer, "Paula Placeholder", uniqueEmail("paula"));
  await openCase(customer, "Where is my refund?");
  const number = caseNumber(customer);

  const agent = await agentPage(browser);
  await agent.goto("/staff");
  await agent.getByRole("link", { name: "Canned responses" }).click();
  await expect(agent.getByRole("heading", { name: "Canned responses", level: 1 })).toBeVisible();
  await hydrated(agent);
  const title = `Refund on its way ${Date.now()}`;
  const add = agent.getByRole("region", { name: "Add a canned response" });
  await add.getByLabel("Title").fill(title);
  await add.getByLabel("Text in English").fill("Hello {{customer.name}}, your case {{case.number}} is solved. {{agent.name}} {{ticket.id}}");
  await add.getByLabel("Text in Spanish").fill("Hola {{customer.name}}, su caso {{case.number}} está resuelto.");
  await add.getByLabel("Text in French").fill("Bonjour {{customer.name}}, votre dossier {{case.number}} est résolu.");
  await add.getByRole("button", { name: "Save canned response" }).click();
  await expect(agent.getByRole("region", { name: title })).toBeVisible();
  // Agents keep their own; sharing with everyone is for admins.
  await expect(add.getByLabel("Shared with all staff")).toHaveCount(0);

  await agent.goto(`/cases/${number}`);
  await hydrated(agent);
  // "/" in an empty reply box goes to the picker.
  await agent.getByLabel("Your reply").pressSequentially("/");
  await expect(agent.getByLabel("Canned response")).toBeFocused();
  await agent.getByLabel("Canned response").fill(title.toLowerCase());
  await agent.getByRole("button", { name: "Insert" }).click();
  await expect(agent.getByLabel("Your reply")).toHaveValue(
    `Hello Paula Placeholder, your case ${number} is solved. Alex Agent {{ticket.id}}`,
  );
  await agent.getByRole("button", { name: "Reply" }).click();
  await expect(customer.getByText(`Hello Paula Placeholder, your case ${number} is solved.`)).toBeVisible();
});

test("an agent saves the current filters as a view of their own, with its count", async ({ browser }) => {
  const agent = await agentPage(browser);
  const name = `Oldest open ${Date.now()}`;
  await agent.goto("/staff?view=open&sort=created");
  await hydrated(agent);
  const rail = agent.getByRole("navigation", { name: "Views" });
  const open = await rail.getByRole("link", { name: "All open" }).locator(".view-count").textContent();
  await rail.getByLabel("Name of this view").fill(name);
  await rail.getByRole("button", { name: "Save view" }).click();
  const saved = rail.getByRole("link", { name });
  await expect(saved).toBeVisible();
  // The same cases as the "All open" view it narrows, counted.
  await expect(saved.locator(".view-count")).toHaveText(open ?? "");
  await expect(saved).toHaveAttribute("aria-current", "page");

  // It is a link: from the plain list back to the saved filters. (Once
  // the list is live: a click that changes only the query while the page
  // is still hydrating keeps the server's selected sort.)
  await agent.goto("/staff");
  await hydrated(agent);
  await rail.getByRole("link", { name }).click();
  await expect(agent).toHaveURL(/view=open/);
  await expect(agent.getByLabel("Sort by")).toHaveValue("created");

  // Another agent's rail does not list it.
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demo.admin.email, demo.admin.password);
  await admin.goto("/staff");
  await expect(admin.getByRole("link", { name })).toHaveCount(0);

  await rail.getByRole("button", { name: `Remove view ${name}` }).click();
  await expect(rail.getByRole("link", { name })).toHaveCount(0);
});

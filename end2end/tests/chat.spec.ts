import { expect, test, type Page } from "@playwright/test";
import { agentPage, defaultHours, demo, hydrated, setHours, signIn, uniqueEmail, waitForMail } from "./helpers";

/** Open every day, all day. */
async function alwaysOpen(admin: Page) {
  const allDay: [string, string][] = Array.from({ length: 7 }, () => ["00:00", "24:00"]);
  const part = await setHours(admin, "UTC", allDay);
  await expect(part.getByRole("status")).toHaveText("Business hours saved.");
}

/** The agent's availability switch on the "Chats" view. */
async function setAvailable(agent: Page, on: boolean) {
  await agent.goto("/staff/chats");
  await hydrated(agent);
  const want = on ? "You are available for chats." : "You are away";
  const button = on ? "Set me available" : "Set me away";
  if (!(await agent.getByText(want).isVisible())) {
    await agent.getByRole("button", { name: button }).click();
  }
  await expect(agent.getByText(want)).toBeVisible();
}

test("a visitor chats with an agent: the case number at once, answers and typing live, a reload keeps it, the transcript by mail", async ({
  browser,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demo.admin.email, demo.admin.password);
  await alwaysOpen(admin);
  const agent = await agentPage(browser);
  await setAvailable(agent, true);

  // Open with an agent free: the button reads "Chat".
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/");
  await hydrated(visitor);
  await visitor.getByRole("link", { name: "Chat", exact: true }).click();
  await expect(visitor.getByRole("heading", { name: "Chat with us" })).toBeVisible();
  await hydrated(visitor);
  const email = uniqueEmail("chatty");
  await visitor.getByLabel("Your name").fill("Lucía Chat");
  await visitor.getByLabel("Your email (optional)").fill(email);
  await visitor.getByLabel("Message").fill("Where is my parcel?");
  await visitor.getByRole("button", { name: "Start chat" }).click();
  const status = visitor.getByRole("status").filter({ hasText: "Your case number is" });
  await expect(status).toContainText("Waiting for an agent…");
  const number = (await status.textContent())!.match(/\d+/)![0];

  // The agent sees it waiting, without a reload, and accepts it.
  await agent.getByRole("button", { name: `Accept ${number}` }).click();
  await expect(agent.getByRole("heading", { name: "Where is my parcel?" })).toBeVisible();
  await hydrated(agent);
  await expect(status).toContainText("You are chatting with Alex Agent.");

  // Typing, then the answer, live on the visitor's side.
  await agent.getByLabel("Your reply").fill("Let me look at order 5521.");
  await expect(visitor.getByText("Alex Agent is typing…")).toBeVisible();
  await agent.getByRole("button", { name: "Reply" }).click();
  const log = visitor.getByRole("log", { name: "Conversation" });
  await expect(log).toContainText("Let me look at order 5521.");
  await expect(visitor.getByText("Alex Agent is typing…")).toHaveCount(0);

  // The visitor answers; the agent's case page shows it without a reload.
  await visitor.getByLabel("Message").fill("Thank you!");
  await visitor.getByRole("button", { name: "Send", exact: true }).click();
  await expect(log).toContainText("Thank you!");
  await expect(agent.getByText("Thank you!")).toBeVisible();

  // A reload keeps the conversation.
  await visitor.reload();
  await expect(visitor.getByRole("log", { name: "Conversation" })).toContainText("Let me look at order 5521.");
  await hydrated(visitor);

  // The transcript by mail, with the case number.
  await visitor.getByRole("button", { name: "Email me the transcript" }).click();
  await expect(visitor.getByText("We sent the transcript to your email.")).toBeVisible();
  const mail = await waitForMail(email, `[#${number}] Your chat with us`);
  expect(mail.text).toContain("Let me look at order 5521.");

  // The chat is the case: origin chat, in the staff list.
  await expect(agent.getByRole("region", { name: "Details" })).toContainText("Chat");
  await agent.getByRole("button", { name: "End chat" }).click();
  await expect(visitor.getByText("This chat has ended.")).toBeVisible();
  await expect(visitor.getByLabel("Message")).toHaveCount(0);

  await setAvailable(agent, false);
  await defaultHours(admin);
});

test("with nobody available the button reads Help, and forged chat cookies get nothing", async ({ browser }) => {
  await setAvailable(await agentPage(browser), false);
  const context = await browser.newContext();
  await context.addCookies([{ name: "hd_chat", value: "forged-token", url: "http://127.0.0.1" }]);
  const visitor = await context.newPage();
  await visitor.goto("/");
  await hydrated(visitor);
  await expect(visitor.getByRole("link", { name: "Help", exact: true })).toBeVisible();
  await expect(visitor.getByRole("link", { name: "Chat", exact: true })).toHaveCount(0);
  // The chat page offers a new chat; the forged token reads nothing.
  await visitor.goto("/chat");
  await expect(visitor.getByRole("button", { name: "Start chat" })).toBeVisible();
  const answer = await visitor.request.post("/api/chat/lines", { form: { after: "0" } });
  expect(answer.status()).toBe(404);
});

test("the chat console: the chat heads the staff queue, the visitor's card, a transfer the visitor sees", async ({
  browser,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demo.admin.email, demo.admin.password);
  await alwaysOpen(admin);
  const agent = await agentPage(browser);
  await setAvailable(agent, true);

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/chat");
  await hydrated(visitor);
  const email = uniqueEmail("marta");
  await visitor.getByLabel("Your name").fill("Marta Console");
  await visitor.getByLabel("Your email (optional)").fill(email);
  await visitor.getByLabel("Message").fill("My screen stays black");
  await visitor.getByRole("button", { name: "Start chat" }).click();
  const status = visitor.getByRole("status").filter({ hasText: "Your case number is" });
  await expect(status).toContainText("Waiting for an agent…");
  const number = (await status.textContent())!.match(/\d+/)![0];

  // A case that arrives after the chat began still lists below it.
  const other = await (await browser.newContext()).newPage();
  await other.goto("/contact");
  await hydrated(other);
  await other.getByLabel("Email").fill(uniqueEmail("later"));
  await other.getByLabel("Message").fill("A later question about invoices");
  await other.getByRole("button", { name: "Send message" }).click();
  await expect(other.getByRole("status")).toContainText("Your case number is");
  await agent.goto("/staff");
  const rows = agent.getByRole("row");
  await expect(rows.nth(1)).toContainText("My screen stays black");
  await expect(rows.filter({ hasText: "A later question about invoices" })).toHaveCount(1);

  // Accepted: the console shows who the visitor is.
  await setAvailable(agent, true);
  await agent.getByRole("button", { name: `Accept ${number}` }).click();
  await expect(agent.getByRole("heading", { name: "My screen stays black" })).toBeVisible();
  await hydrated(agent);
  const bar = agent.getByRole("region", { name: "Chat", exact: true });
  await expect(bar).toContainText("Marta Console");
  await expect(bar).toContainText(email);
  await expect(bar).toContainText("None (a contact)");
  await expect(bar).toContainText("No other cases.");

  // Handed to the admin: the visitor sees who answers now.
  await bar.getByLabel("Transfer to").selectOption({ label: "Ada Admin" });
  await bar.getByRole("button", { name: "Transfer" }).click();
  await expect(bar.getByText("Chat transferred.")).toBeVisible();
  await expect(status).toContainText("You are chatting with Ada Admin.");
  await expect(bar).toContainText("With Ada Admin");

  await bar.getByRole("button", { name: "End chat" }).click();
  await expect(visitor.getByText("This chat has ended.")).toBeVisible();
  await setAvailable(agent, false);
  await defaultHours(admin);
});

import { expect, test, type Page } from "@playwright/test";
import { agentPage, hydrated } from "./helpers";

/** The wasm files a page fetches from now on. */
function wasmFetched(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.endsWith(".wasm")) seen.push(new URL(r.url()).pathname);
  });
  return seen;
}

test("a staff page's code arrives when the page is first opened, by navigation and directly", async ({ browser }) => {
  const agent = await agentPage(browser);
  const fetched = wasmFetched(agent);

  // The help center's home needs none of the workspace's code...
  await agent.goto("/");
  await hydrated(agent);
  const home = [...fetched];
  expect(home.length).toBeGreaterThan(0);

  // ...which comes with the first step into it.
  await agent.getByRole("link", { name: "Staff workspace" }).click();
  await expect(agent.getByRole("heading", { name: "Staff workspace", level: 1 })).toBeVisible();
  await expect.poll(() => fetched.filter((f) => !home.includes(f)).length).toBeGreaterThan(0);
  await agent.getByRole("navigation", { name: "Views" }).getByRole("link", { name: "Unassigned" }).click();
  await expect(agent).toHaveURL(/view=unassigned/);
  await expect(agent.getByRole("heading", { name: "Unassigned" })).toBeVisible();

  // A direct visit (and a reload) of a page of its own works as well.
  await agent.goto("/staff/canned");
  await hydrated(agent);
  const title = `Split check ${Date.now()}`;
  const add = agent.getByRole("region", { name: "Add a canned response" });
  await add.getByLabel("Title").fill(title);
  await add.getByLabel("Text in English").fill("Hello");
  await add.getByLabel("Text in Spanish").fill("Hola");
  await add.getByLabel("Text in French").fill("Bonjour");
  await add.getByRole("button", { name: "Save canned response" }).click();
  await expect(agent.getByRole("region", { name: title })).toBeVisible();
  await agent.reload();
  await hydrated(agent);
  await expect(agent.getByRole("region", { name: title })).toBeVisible();
});

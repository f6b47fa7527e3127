import { expect, test } from "@playwright/test";
import { agentPage, hydrated, signUp, uniqueEmail } from "./helpers";

test("search from the home page, with accents folded, and open a result", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("status").filter({ hasText: "Scheduled maintenance" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Spain" })).toBeVisible();
  await hydrated(page);
  const description = page.locator('meta[name="description"]');
  const homeDescription = await description.getAttribute("content");
  await page.getByLabel("Search the help center").fill("facturacion");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { name: "Search results", level: 1 })).toBeVisible();
  const result = page.getByRole("link", { name: "Comisiones de la tarjeta y facturación mensual" });
  await expect(result).toBeVisible();
  await expect(page.locator("mark").first()).toHaveText(/facturación/i);
  await result.click();
  await expect(page.getByRole("heading", { name: "Comisiones de la tarjeta y facturación mensual" })).toBeVisible();
  // The tab's title and the description follow the page opened in place.
  await expect(page).toHaveTitle("Comisiones de la tarjeta y facturación mensual · Help Center");
  await expect(description).not.toHaveAttribute("content", homeDescription ?? "");
  await expect(page.getByText("13 meses")).toBeVisible();
});

test("the print layout shows the article without the navigation", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Order types on the trading platform" }).click();
  await expect(page.getByRole("heading", { name: "Order types on the trading platform" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Print" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  await expect(page.getByRole("heading", { name: "Was this article helpful?" })).toBeHidden();
  await expect(page.getByRole("heading", { name: "Order types on the trading platform" })).toBeVisible();
  await expect(page.getByText("filled at once at the best price")).toBeVisible();
});

test("a reader votes No with a comment and staff see it counted", async ({ page, browser }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Card fees and your monthly invoice" }).click();
  await hydrated(page);
  await page.getByRole("button", { name: "No" }).click();
  await expect(page.getByText("Thank you for your feedback.")).toBeVisible();
  await expect(page.getByRole("button", { name: "No" })).toHaveAttribute("aria-pressed", "true");
  const comment = `Please add the fee table ${Date.now()}`;
  await page.getByLabel("What was missing? (optional)").fill(comment);
  await page.getByRole("button", { name: "Send comment" }).click();
  await expect(page.getByText("Your comment was sent. Thank you.")).toBeVisible();
  await expect(page.getByLabel("What was missing? (optional)")).toHaveCount(0);

  const agent = await agentPage(browser);
  await agent.goto(page.url());
  await expect(agent.getByText(/No: [1-9]/)).toBeVisible();
  await expect(agent.getByText(comment)).toBeVisible();
});

test("articles are suggested while a customer types a new case's subject", async ({ page }) => {
  await signUp(page, "Sam Suggest", uniqueEmail("sam"));
  await page.goto("/cases/new");
  await hydrated(page);
  await page.getByLabel("Subject").pressSequentially("error 403 signing in", { delay: 20 });
  const suggestions = page.getByRole("region", { name: "These articles may answer your question:" });
  await expect(suggestions.getByRole("link", { name: "Error 403 when signing in to the platform" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an article page shows its content", async ({ page }) => {
    await page.goto("/help/search?q=two-step");
    await page.getByRole("link", { name: "How to turn on two-step verification in the mobile app" }).click();
    await expect(page.getByRole("heading", { name: "How to turn on two-step verification in the mobile app" })).toBeVisible();
    await expect(page.getByText("Profile → Security")).toBeVisible();
    await expect(page.getByText("Last updated:")).toBeVisible();
  });
});

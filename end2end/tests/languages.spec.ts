import { expect, test } from "@playwright/test";
import { hydrated } from "./helpers";

test("the language switch changes the page to Spanish and to French", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Questions and Answers", level: 1 })).toBeVisible();
  await expect(page).toHaveTitle("Questions and Answers · Help Center");

  await page.getByLabel("Language").selectOption("es");
  await expect(page.getByRole("heading", { name: "Preguntas y respuestas", level: 1 })).toBeVisible();
  await expect(page).toHaveTitle("Preguntas y respuestas · Centro de ayuda");
  await expect(page.getByRole("link", { name: "Escríbenos" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");

  await page.getByLabel("Idioma").selectOption("fr");
  await expect(page.getByRole("heading", { name: "Questions et réponses", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Écrivez-nous" })).toBeVisible();

  // The choice survives a reload (server-rendered in French).
  await page.reload();
  await expect(page.getByRole("heading", { name: "Questions et réponses", level: 1 })).toBeVisible();
});

test.describe("a browser asking for French", () => {
  test.use({ locale: "fr-FR" });
  test("gets French on its first visit", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Questions et réponses", level: 1 })).toBeVisible();
  });
});

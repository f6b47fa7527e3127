import { expect, test } from "@playwright/test";
import { caseNumber, hydrated, linkIn, openCase, signIn, signUp, uniqueEmail, waitForMail } from "./helpers";

/** `ms` as a Spanish reader in `zone` reads it: "23 nov 2026, 14:05". */
function spanishTime(ms: number, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      hourCycle: "h23",
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const months = "ene feb mar abr may jun jul ago sept oct nov dic".split(" ");
  const hour = String(Number(parts.hour) % 24).padStart(2, "0");
  return `${Number(parts.day)} ${months[Number(parts.month) - 1]} ${parts.year}, ${hour}:${parts.minute}`;
}

// A 2x1 PNG (red, blue).
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAADUlEQVR4nGP4zwAE/wEHAAH/4iOeWQAAAABJRU5ErkJggg==",
  "base64",
);

test("a customer's time zone and language shape every date; a photo shows beside their messages", async ({
  page,
}) => {
  await signUp(page, "Marta Mexico", uniqueEmail("marta"));
  await openCase(page, `Zone check ${Date.now()}`);
  const number = caseNumber(page);

  await page.goto("/profile");
  await hydrated(page);
  const main = page.getByRole("main");
  await main.getByLabel("Job title").fill("Treasurer");
  await main.getByLabel("Phone number").fill("55 12 ab");
  await main.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Use digits, spaces and + - ( ) only.")).toBeVisible();
  await main.getByLabel("Phone number").fill("+52 55 1234 5678");
  await main.getByLabel("Time zone").fill("Mars/Olympus");
  await main.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Choose a time zone from the list")).toBeVisible();
  await main.getByLabel("Time zone").fill("America/Mexico_City");
  await main.getByLabel("Language").selectOption("es");
  await main.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Perfil guardado.")).toBeVisible();

  // The case page, rendered by the server and after hydration, in Mexico
  // City time and Spanish format.
  await page.goto(`/cases/${number}`);
  const opened = page.locator(".message time").first();
  const iso = await opened.getAttribute("datetime");
  const expected = spanishTime(Date.parse(iso!), "America/Mexico_City");
  await expect(opened).toHaveText(expected);
  await hydrated(page);
  await expect(opened).toHaveText(expected);
  await expect(page.getByRole("heading", { name: "Detalles" })).toBeVisible();

  // A photo, re-encoded by the server, beside the customer's messages.
  await page.goto("/profile");
  await hydrated(page);
  await page.getByLabel("Elegir una foto").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: PNG });
  await page.getByRole("button", { name: "Subir foto" }).click();
  await expect(page.getByText("Su foto se guardó.")).toBeVisible();
  await page.goto(`/cases/${number}`);
  const avatar = page.locator(".message img.avatar").first();
  await expect(avatar).toHaveAttribute("src", /\/files\/photo\/\d+\?v=\d+/);
  const src = await avatar.getAttribute("src");
  const photo = await page.request.get(src!);
  expect(photo.status()).toBe(200);
  expect(photo.headers()["content-type"]).toBe("image/png");
});

test("a password change signs out the account's other browser", async ({ browser, page }) => {
  const email = uniqueEmail("pablo");
  await signUp(page, "Pablo Password", email);
  const other = await (await browser.newContext()).newPage();
  await signIn(other, email, "a-good-password");
  await expect(other.getByRole("heading", { name: "My cases" })).toBeVisible();

  await page.goto("/profile");
  await hydrated(page);
  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByLabel("New password").fill("a-better-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is not right.")).toBeVisible();
  await page.getByLabel("Current password").fill("a-good-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed.")).toBeVisible();

  // This browser stays signed in; the other one is out.
  await page.goto("/cases");
  await expect(page.getByRole("heading", { name: "My cases" })).toBeVisible();
  await other.goto("/cases");
  await expect(other.getByText("Please sign in to write to us and follow your cases.")).toBeVisible();
});

test("a visitor follows a case by number and email through the mailed link, and replies", async ({
  browser,
  page,
}) => {
  const email = uniqueEmail("victor");
  const subject = `Followed without an account ${Date.now()}`;
  await signUp(page, "Victor Visitor", email);
  await openCase(page, subject);
  const number = caseNumber(page);

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/");
  await visitor.getByRole("link", { name: "Follow a case without an account" }).click();
  await hydrated(visitor);
  await visitor.getByLabel("Case number").fill(number);
  await visitor.getByLabel("Email").fill(email);
  await visitor.getByRole("button", { name: "Send me a link" }).click();
  await expect(visitor.getByText("If this matches a case, we sent a link")).toBeVisible();

  const mail = await waitForMail(email, `Your link to follow case ${number}`);
  const link = linkIn(mail);
  await visitor.goto(link);
  await expect(visitor.getByRole("heading", { name: subject })).toBeVisible();
  await expect(visitor.getByText(`Following case ${number}`)).toBeVisible();
  await hydrated(visitor);
  await visitor.getByLabel("Your reply").fill("Sent from the link, without signing in.");
  await visitor.getByRole("button", { name: "Reply" }).click();
  await expect(visitor.getByText("Sent from the link, without signing in.")).toBeVisible();

  // That case alone, and the link works once.
  await visitor.goto("/profile");
  await expect(visitor.getByText("You are not allowed to do that.")).toBeVisible();
  await visitor.goto(link);
  await expect(visitor.getByText("This link has expired or was already used.")).toBeVisible();
});

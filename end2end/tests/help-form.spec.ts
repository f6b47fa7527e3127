import { expect, test } from "@playwright/test";
import { defaultHours, demo, hydrated, setHours, signIn, uniqueEmail, waitForMail, weekdays } from "./helpers";

test("an admin sets business hours and the help center's home shows them", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demo.admin.email, demo.admin.password);
  // Bad input: a clear message, nothing saved.
  let part = await setHours(admin, "Mars/Olympus", weekdays("09:00", "18:00"));
  await expect(part.getByText("Choose a time zone from the list")).toBeVisible();
  part = await setHours(admin, "UTC", weekdays("18:00", "09:00"));
  await expect(part.getByText("each day closing after it opens")).toBeVisible();

  const week = weekdays("08:00", "17:00");
  week[5] = ["10:00", "14:00"];
  part = await setHours(admin, "America/Mexico_City", week, "2099-12-25\n2099-01-01");
  await expect(part.getByRole("status")).toHaveText("Business hours saved.");
  await admin.reload();
  await expect(part.getByLabel("Time zone")).toHaveValue("America/Mexico_City");
  await expect(part.getByRole("group", { name: "Saturday" }).getByLabel("Opens")).toHaveValue("10:00");

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/");
  const service = visitor.getByRole("region", { name: "Help service" });
  await expect(service).toContainText("Monday to Friday: 08:00 to 17:00");
  await expect(service).toContainText("Saturday: 10:00 to 14:00");
  await expect(service).toContainText("Times in the America/Mexico_City time zone.");
  await expect(service).toContainText("Closed on Jan 1, 2099, Dec 25, 2099.");
  // In Spanish too.
  await hydrated(visitor);
  await visitor.getByLabel("Language").selectOption("es");
  await expect(visitor.getByRole("region", { name: "Servicio de ayuda" })).toContainText(
    "Lunes a Viernes: de 08:00 a 17:00",
  );

  await defaultHours(admin);
});

test("outside business hours the Help button leaves a message that becomes a case with its number", async ({
  browser,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, demo.admin.email, demo.admin.password);
  // Every day closed: now is outside business hours.
  const part = await setHours(admin, "UTC", []);
  await expect(part.getByRole("status")).toHaveText("Business hours saved.");

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/");
  await hydrated(visitor);
  await expect(visitor.getByText("We are closed now")).toBeVisible();
  await visitor.getByRole("link", { name: "Help", exact: true }).click();
  await expect(visitor.getByRole("heading", { name: "Leave us a message" })).toBeVisible();
  await hydrated(visitor);
  // A malformed address: a clear message, no case.
  await visitor.getByLabel("Email").fill("lucia-at-example.com");
  await visitor.getByLabel("Message").fill("My parcel never arrived");
  await visitor.getByRole("button", { name: "Send message" }).click();
  await expect(visitor.getByLabel("Email")).toHaveJSProperty("validity.valid", false);

  const email = uniqueEmail("lucia");
  await visitor.getByLabel("Name (optional)").fill("Lucía Help");
  await visitor.getByLabel("Email").fill(email);
  const subject = `Parcel lost ${Date.now()}`;
  await visitor.getByLabel("Message").fill(`${subject}\nOrder 5521 never arrived.`);
  await visitor.getByLabel("Attach files").setInputFiles({
    name: "order.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("order,5521"),
  });
  await visitor.getByRole("button", { name: "Send message" }).click();
  const status = visitor.getByRole("status").filter({ hasText: "Your case number is" });
  await expect(status).toBeVisible();
  const number = (await status.textContent())!.match(/\d+/)![0];
  const mail = await waitForMail(email, `[#${number}] We received your case`);
  expect(mail.text).toContain(number);

  // Staff find it, origin help form, with its file.
  await admin.goto(`/cases/${number}`);
  await expect(admin.getByRole("heading", { name: subject })).toBeVisible();
  await expect(admin.getByRole("region", { name: "Details" })).toContainText("Help form");
  await expect(admin.getByRole("link", { name: /order\.csv/ })).toBeVisible();

  await defaultHours(admin);
});

test("the help form works before any JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/contact");
  await page.getByLabel("Email").fill(uniqueEmail("nojs"));
  await page.getByLabel("Message").fill("Written without JavaScript");
  await page.getByRole("button", { name: "Send message" }).click();
  await expect(page.getByText(/Your case number is \d+\./)).toBeVisible();
  await context.close();
});

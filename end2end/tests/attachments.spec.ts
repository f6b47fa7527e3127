import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { hydrated, linkIn, signUp, uniqueEmail, waitForMail } from "./helpers";

// A 1x1 PNG, a small CSV, and a PDF big enough to watch its progress.
const png = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415478" +
    "9c63f8cfc00000030101" + "00c9fe92ef0000000049454e44ae426082",
  "hex",
);
const csv = Buffer.from("invoice;amount\nF-2291;149,90 €\n", "utf8");
const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(3 * 1024 * 1024, 7)]);

/** Uploads go out at 1 MB/s, so a progress bar can be seen moving. */
async function slowUploads(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 1024 * 1024,
  });
}

test("files go with a new case and a reply, show progress, and download intact", async ({ page }) => {
  await signUp(page, "Fiona Files", uniqueEmail("fiona"));
  await page.goto("/cases/new");
  await hydrated(page);
  const subject = `Invoice with attachments ${Date.now()}`;
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Type", { exact: true }).selectOption({ label: "Finance" });
  await page.getByLabel("Description").fill("The invoice and a photo are attached.");
  await page.getByLabel("Attach files").setInputFiles([
    { name: "photo.png", mimeType: "image/png", buffer: png },
    { name: "invoice.pdf", mimeType: "application/pdf", buffer: pdf },
    { name: "typo.txt", mimeType: "text/plain", buffer: csv },
  ]);
  // The .txt is refused at once; the others wait in the list.
  await expect(page.getByText("This type of file is not accepted.", { exact: false })).toBeVisible();
  const chosen = page.getByRole("list", { name: "Files to send" });
  await expect(chosen.getByRole("listitem")).toHaveCount(2);
  await expect(chosen).toContainText("3.0 MB");
  // A file can be removed before sending, and chosen again.
  await chosen.getByRole("button", { name: "Remove photo.png" }).click();
  await expect(chosen.getByRole("listitem")).toHaveCount(1);
  await page.getByLabel("Attach files").setInputFiles([{ name: "photo.png", mimeType: "image/png", buffer: png }]);
  await expect(chosen.getByRole("listitem")).toHaveCount(2);

  await slowUploads(page);
  await page.getByRole("button", { name: "Submit case" }).click();
  const bar = page.getByRole("progressbar", { name: "Upload progress invoice.pdf" });
  await expect
    .poll(() => bar.evaluate((e) => (e as HTMLProgressElement).value), { intervals: [100] })
    .toBeGreaterThan(0);
  await expect(page.getByRole("heading", { name: subject })).toBeVisible({ timeout: 20_000 });

  // The first message carries both, the image with its preview.
  const files = page.getByRole("list", { name: "Attachments" });
  await expect(files.getByRole("link", { name: "invoice.pdf" })).toBeVisible();
  await expect(files.getByRole("link", { name: "photo.png" })).toBeVisible();
  await expect(files.getByText("3.0 MB")).toBeVisible();
  await expect
    .poll(() => files.locator("img").evaluate((i) => (i as HTMLImageElement).naturalWidth))
    .toBeGreaterThan(0);

  // A reply with a file.
  const reply = page.getByRole("form", { name: "Reply" });
  await reply.getByLabel("Your reply").fill("Here is the list of amounts.");
  await reply.getByLabel("Attach files").setInputFiles([{ name: "amounts.csv", mimeType: "text/csv", buffer: csv }]);
  await reply.getByRole("button", { name: "Reply" }).click();
  await expect(page.getByText("Your reply was sent.")).toBeVisible();
  const link = page.getByRole("link", { name: "amounts.csv" });
  await expect(link).toBeVisible();

  // Downloading gives back the same bytes.
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("amounts.csv");
  expect(readFileSync(await download.path())).toEqual(csv);
  const [big] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "invoice.pdf" }).click(),
  ]);
  expect(readFileSync(await big.path())).toEqual(pdf);
});

test("a file whose content lies about its type is refused with a message", async ({ page }) => {
  await signUp(page, "Hugo Html", uniqueEmail("hugo"));
  await page.goto("/cases/new");
  await hydrated(page);
  const subject = `Screenshot ${Date.now()}`;
  await page.getByLabel("Subject").fill(subject);
  await page.getByLabel("Type", { exact: true }).selectOption({ label: "Technical" });
  await page.getByLabel("Description").fill("See the screenshot.");
  await page.getByRole("button", { name: "Submit case" }).click();
  await expect(page.getByRole("heading", { name: subject })).toBeVisible();
  await hydrated(page);

  const reply = page.getByRole("form", { name: "Reply" });
  await reply.getByLabel("Your reply").fill("The screenshot.");
  await reply.getByLabel("Attach files").setInputFiles([
    { name: "screen.png", mimeType: "image/png", buffer: Buffer.from("<html><script>alert(1)</script></html>") },
  ]);
  await reply.getByRole("button", { name: "Reply" }).click();
  await expect(reply.getByRole("alert").filter({ hasText: "does not match its type" })).toContainText("screen.png");
  // Nothing of that message was kept.
  await page.reload();
  const conversation = page.getByRole("region", { name: "Conversation" });
  await expect(conversation.getByText("See the screenshot.")).toBeVisible();
  await expect(conversation.getByText("The screenshot.", { exact: true })).toHaveCount(0);

  // "Upload attachments" adds files without a text.
  const upload = page.getByRole("region", { name: "Upload attachments" });
  await hydrated(page);
  await upload.getByLabel("Attach files").setInputFiles([{ name: "real.png", mimeType: "image/png", buffer: png }]);
  await upload.getByRole("button", { name: "Upload" }).click();
  await expect(upload.getByText("Your files were added to the case.")).toBeVisible();
  await expect(page.getByRole("link", { name: "real.png" })).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a plain form post opens a case with its file", async ({ page }) => {
    // Signed up through the plain form, signed in by the mailed link.
    const email = uniqueEmail("nora");
    await page.goto("/signup");
    await page.getByLabel("Name").fill("Nora NoScript");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a-good-password");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
    await page.goto(linkIn(await waitForMail(email, "Confirm your email address")));
    await expect(page.getByText("Your address is confirmed")).toBeVisible();
    await page.goto("/cases/new");
    const subject = `Plain upload ${Date.now()}`;
    await page.getByLabel("Subject").fill(subject);
    await page.getByLabel("Type", { exact: true }).selectOption({ label: "Other" });
    await page.getByLabel("Description").fill("Sent without scripts.");
    await page.getByLabel("Attach files").setInputFiles([{ name: "scan.png", mimeType: "image/png", buffer: png }]);
    await page.getByRole("button", { name: "Submit case" }).click();
    await expect(page.getByRole("heading", { name: subject })).toBeVisible();
    await expect(page.getByRole("link", { name: "scan.png" })).toBeVisible();
  });
});

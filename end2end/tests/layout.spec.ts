import { expect, test, type Browser, type Page } from "@playwright/test";
import { demo, hydrated, signIn } from "./helpers";

/** A laptop and a phone: no page may scroll sideways at either. */
const SIZES = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];

const PUBLIC = ["/", "/signin", "/signup", "/signup/sent", "/forgot", "/follow", "/help/collections/es", "/help/search?q=password"];
const CUSTOMER = ["/cases", "/cases/new", "/profile"];
const STAFF = [
  "/staff",
  "/staff?view=open",
  "/staff?view=breached",
  "/staff/cases/new",
  "/staff/self-help",
  "/staff/articles",
  "/staff/articles/new",
  "/staff/help-center",
  "/staff/outbox",
  "/staff/departments",
  "/staff/users",
  "/staff/service-levels",
  "/staff/canned",
  "/staff/settings",
];

/** How far the page is wider than the window, in pixels (0: not at all). */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function check(page: Page, paths: string[]) {
  for (const path of paths) {
    await page.goto(path);
    await hydrated(page);
    expect(await overflow(page), `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
}

/** The first case a list links to, as a path. */
async function firstCase(page: Page, list: string): Promise<string> {
  await page.goto(list);
  const href = await page.locator('a[href^="/cases/"]').filter({ hasNotText: /^\d+$/ }).first().getAttribute("href");
  return href ?? list;
}

async function pageAt(browser: Browser, size: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport: size });
  return context.newPage();
}

for (const size of SIZES) {
  test(`no page scrolls sideways at ${size.width}px`, async ({ browser }) => {
    const visitor = await pageAt(browser, size);
    await check(visitor, PUBLIC);
    const article = await visitor.locator('a[href^="/help/articles/"]').first().getAttribute("href");
    if (article) await check(visitor, [article]);

    const customer = await pageAt(browser, size);
    await signIn(customer, demo.customer.email, demo.customer.password);
    await check(customer, [...CUSTOMER, await firstCase(customer, "/cases")]);

    const admin = await pageAt(browser, size);
    await signIn(admin, demo.admin.email, demo.admin.password);
    await check(admin, [...STAFF, await firstCase(admin, "/staff")]);
  });
}

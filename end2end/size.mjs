// The first load, as a visitor's browser gets it: starts the release server
// on a fresh database, opens `/` (a visitor) and `/cases` (the demo
// customer) in headless Chromium with a cold cache, and sums the bytes
// transferred for scripts, wasm and styles. Then, with the CPU throttled
// 4x, the time until the page is hydrated (median of several loads).
//   node size.mjs            report
//   node size.mjs --check    also fail when a page is over its ceiling
// Run from end2end/ by `make size` (after `make build`).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { siteEnv } from "./site-env.mjs";

/** The first-load target: JavaScript + wasm + CSS, as served. */
const TARGET_BYTES = 250 * 1024;
/** What `make test` lets each page weigh: the target (both pages have
 *  reached it: 242 KB each on 2026-12-07). */
const CEILING_BYTES = { "/": TARGET_BYTES, "/cases": TARGET_BYTES };
const RUNS = 5;
const THROTTLE = 4;
const port = Number(process.env.SIZE_PORT ?? 3190);
const base = `http://127.0.0.1:${port}`;
const check = process.argv.includes("--check");

const dataDir = mkdtempSync(join(tmpdir(), "helpdesk-size-"));
// The embedded SQLite database in dataDir, with the demo content.
const { DATABASE_URL: _, ...inherited } = process.env;
const server = spawn("target/release/server", ["serve"], {
  cwd: "..",
  stdio: ["ignore", "ignore", "inherit"],
  env: {
    ...inherited,
    HELPDESK_DATA_DIR: dataDir,
    ...siteEnv(port),
  },
});

/** Up, and done writing its brotli copies (else it compresses on the fly,
 *  less tightly). */
async function up() {
  const pkg = "../target/site/pkg";
  const assets = () => readdirSync(pkg).filter((f) => /\.(wasm|js|css)$/.test(f));
  for (let i = 0; i < 600; i++) {
    try {
      const ready = (await fetch(`${base}/`)).ok && assets().every((f) => existsSync(`${pkg}/${f}.br`));
      if (ready) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not start");
}

/** Signs the demo customer in, for "My cases". */
async function asCustomer(context) {
  const r = await context.request.post(`${base}/api/auth/sign_in`, {
    form: { email: "customer@example.com", password: "customer-demo" },
    maxRedirects: 0,
  });
  if (r.status() >= 400) throw new Error(`sign-in failed: ${r.status()}`);
}

/** One cold load: bytes per kind and the time to hydration (ms). */
async function load(browser, path, throttle) {
  const context = await browser.newContext();
  if (path === "/cases") await asCustomer(context);
  const page = await context.newPage();
  // Noted by the page itself, relative to its navigation start.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.body?.hasAttribute("data-hydrated")) {
        window.__hydratedAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (throttle > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  const responses = new Map();
  const files = [];
  cdp.on("Network.responseReceived", (e) => responses.set(e.requestId, e));
  cdp.on("Network.loadingFinished", (e) => {
    const r = responses.get(e.requestId);
    if (!r) return;
    const url = new URL(r.response.url);
    const kind = url.pathname.endsWith(".wasm")
      ? "wasm"
      : r.type === "Script"
        ? "js"
        : r.type === "Stylesheet"
          ? "css"
          : null;
    if (kind) {
      const encoding = r.response.headers["content-encoding"] ?? r.response.headers["Content-Encoding"] ?? "none";
      files.push({ kind, file: url.pathname, bytes: e.encodedDataLength, encoding });
    }
  });
  await page.goto(`${base}${path}`);
  await page.waitForSelector("body[data-hydrated]", { state: "attached", timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  const hydratedAt = await page.evaluate(() => window.__hydratedAt);
  await context.close();
  return { files, hydratedAt };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let over = false;
try {
  await up();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  for (const path of ["/", "/cases"]) {
    const { files } = await load(browser, path, 1);
    const total = files.reduce((s, f) => s + f.bytes, 0);
    const times = [];
    for (let i = 0; i < RUNS; i++) times.push((await load(browser, path, THROTTLE)).hydratedAt);
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    console.log(
      `\n${path}: ${kb(total)} of JavaScript, wasm and CSS in ${files.length} files ` +
        `(target ${kb(TARGET_BYTES)}, ceiling ${kb(CEILING_BYTES[path])})`,
    );
    const largest = files.sort((a, b) => b.bytes - a.bytes);
    for (const f of largest.slice(0, 8)) {
      console.log(`  ${f.kind.padEnd(4)} ${kb(f.bytes).padStart(10)}  ${f.encoding.padEnd(4)}  ${f.file}`);
    }
    const rest = largest.slice(8);
    if (rest.length) {
      console.log(`  and ${rest.length} more files, ${kb(rest.reduce((s, f) => s + f.bytes, 0))} in all`);
    }
    console.log(
      `  hydrated after ${median.toFixed(0)} ms (median of ${RUNS}, CPU ${THROTTLE}x slower; ` +
        `min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)})`,
    );
    if (total > CEILING_BYTES[path]) over = true;
  }
  await browser.close();
} finally {
  server.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
if (over && check) {
  console.error("\nA first load is over its ceiling: keep new code off these pages (a lazy route).");
  process.exit(1);
}

// The built UI (ui/dist) served over HTTP to headless Chromium, with Tauri's IPC replaced by the
// stand-ins e2e/fake-kiosk.js (sign-in, lock, status, outage) and every other e2e/fake-*.js (one per
// screen), loaded in that order before the page's own scripts. Each test file calls `useBrowser()`.

import { createServer, type Server } from "node:http";
import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");
const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
};

const fakes = [
  "fake-kiosk.js",
  ...readdirSync(join(root, "e2e"))
    .filter((f) => f.startsWith("fake-") && f.endsWith(".js") && f !== "fake-kiosk.js")
    .sort(),
];

let server: Server;
let base = "";
let browser: Browser;

/** Starts the server and the browser for the test file, and stops them after it. */
export function useBrowser(): void {
  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = normalize(decodeURIComponent((req.url ?? "/").split("?")[0] ?? "/"));
      const file = join(dist, path === "/" ? "index.html" : path);
      readFile(file)
        .then((body) => {
          res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
          res.end(body);
        })
        .catch(() => {
          res.writeHead(404).end();
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    base = typeof address === "object" && address ? `http://127.0.0.1:${address.port}/` : "";
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: ["--no-sandbox"],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });
}

/**
 * A new page on the sign-in screen; `setUp` runs after the stand-ins and before the page (to change
 * what they answer), and `ready` is what to wait for instead of the sign-in form. `path` opens
 * another page of ui/dist (the customer's window: "customer.html"), and `fakes` loads only those
 * stand-ins, in that order, instead of every one.
 */
export async function open(
  options: { setUp?: () => void; ready?: string; path?: string; fakes?: readonly string[] } = {},
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  for (const fake of options.fakes ?? fakes) {
    await page.addInitScript({ path: join(root, "e2e", fake) });
  }
  if (options.setUp) {
    await page.addInitScript(options.setUp);
  }
  await page.goto(new URL(options.path ?? "", base).href);
  await page.locator(options.ready ?? "#staff-id").waitFor();
  return page;
}

export async function signIn(page: Page, id: string, pin: string): Promise<void> {
  await page.fill("#staff-id", id);
  await page.fill("#pin", pin);
  await page.keyboard.press("Enter");
}

/** Types `text` as a keyboard-wedge scanner does: a key every few milliseconds, lines ended by Enter. */
export async function scan(page: Page, zone: string): Promise<void> {
  for (const line of zone.trim().split(/\r?\n/)) {
    await page.keyboard.type(line, { delay: 2 });
    await page.keyboard.press("Enter", { delay: 2 });
  }
}

/** The language switch in the header. */
export async function setLanguage(page: Page, lang: "sq" | "en" | "sr"): Promise<void> {
  await page.click(`#langs button[data-lang="${lang}"]`);
}

/**
 * Draws on the signature pad as a customer's hand would, with the mouse: `points` moves across
 * `share` of its width, in a wave. The customer scrolls to the pad first (it is below what they sign).
 */
export async function drawSignature(page: Page, points = 80, share = 0.8, pad = "#signature-pad"): Promise<void> {
  await page.locator(pad).scrollIntoViewIfNeeded();
  const box = await page.locator(pad).boundingBox();
  if (!box) throw new Error(`no signature pad ${pad} on the screen`);
  const y = box.y + box.height / 2;
  const x0 = box.x + box.width * 0.1;
  await page.mouse.move(x0, y);
  await page.mouse.down();
  for (let i = 1; i <= points; i += 1) {
    await page.mouse.move(x0 + (box.width * share * i) / points, y + Math.sin(i / 3) * box.height * 0.25);
  }
  await page.mouse.up();
}

// The whole-system test of the real app: the built binary, started by tauri-driver under Xvfb and
// driven over the W3C WebDriver protocol (WebKitWebDriver underneath), in demo mode on fictional
// data. A clerk signs in, scans an identity card's machine-readable zone (a burst of keys, as the
// scanner types it), confirms the photo, views the customer's data, switches the demo outage on,
// signs a consent that is queued, switches the outage off, and sees the central API apply it: the
// queue drains and the customer's data, read again from the central API, holds the new consent.
//
// Usage: node drive.mjs WEBDRIVER_URL APP_BINARY OUT_DIR. Exits 0 when every step passed; on a
// failure it prints the step, saves a screenshot of the window and exits 1. No dependencies: plain
// fetch against the WebDriver endpoints.

import { writeFileSync } from "node:fs";
import { join } from "node:path";

const [driverUrl, application, out] = process.argv.slice(2);
if (!driverUrl || !application || !out) {
  console.error("usage: node drive.mjs WEBDRIVER_URL APP_BINARY OUT_DIR");
  process.exit(2);
}

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
let session = null;
let step = "starting";

async function wd(method, path, body) {
  const url = session && !path.startsWith("/session ") ? `${driverUrl}/session/${session}${path}` : `${driverUrl}${path}`;
  const res = await fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const v = json.value ?? {};
    throw new Error(`WebDriver ${method} ${path}: ${v.error ?? res.status} ${v.message ?? ""}`.trim());
  }
  return json.value;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a truthy value; fails the step with `what` after `ms`. */
async function until(what, probe, ms = 30000) {
  const end = Date.now() + ms;
  let last;
  while (Date.now() < end) {
    try {
      const v = await probe();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e.message;
    }
    await sleep(250);
  }
  throw new Error(`waited ${ms / 1000} s for ${what}; last: ${JSON.stringify(last)}`);
}

async function find(css) {
  const v = await wd("POST", "/element", { using: "css selector", value: css });
  const id = v?.[ELEMENT];
  if (typeof id !== "string") throw new Error(`no element id in ${JSON.stringify(v)}`);
  return id;
}

const present = (css) => until(`${css} on the screen`, () => find(css));
const text = async (css) => wd("GET", `/element/${await find(css)}/text`);
const click = async (css) => wd("POST", `/element/${await present(css)}/click`, {});
const type = async (css, t) => wd("POST", `/element/${await present(css)}/value`, { text: t });
const script = (body, args = []) => wd("POST", "/execute/sync", { script: body, args });

async function shot(name) {
  try {
    const png = await wd("GET", "/screenshot");
    writeFileSync(join(out, `${name}.png`), Buffer.from(png, "base64"));
  } catch (e) {
    console.error(`(no screenshot: ${e.message})`);
  }
}

/** A Tauri command from the page, as the UI calls it. */
async function command(name, args = {}) {
  const v = await wd("POST", "/execute/async", {
    script:
      "const done = arguments[arguments.length - 1];" +
      "window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]).then((v) => done({ ok: v }), (e) => done({ err: e }));",
    args: [name, args],
  });
  if (v && "err" in v) throw new Error(`${name} refused: ${JSON.stringify(v.err)}`);
  return v.ok;
}

/** The zone typed as a keyboard-wedge scanner types it: key after key, no pause, Enter per line. */
async function scanBurst(zone) {
  const keys = [];
  for (const line of zone.trim().split(/\r?\n/)) {
    for (const ch of line) keys.push({ type: "keyDown", value: ch }, { type: "keyUp", value: ch });
    keys.push({ type: "keyDown", value: "\uE007" }, { type: "keyUp", value: "\uE007" });
  }
  await wd("POST", "/actions", { actions: [{ type: "key", id: "scanner", actions: keys }] });
  await wd("DELETE", "/actions");
}

/** A signature drawn on the pad with the mouse: 60 moves across it, up and down. */
async function signOnPad() {
  const pad = await present("#signature-pad");
  const size = await wd("GET", `/element/${pad}/rect`);
  const origin = { [ELEMENT]: pad };
  const w = Math.floor(size.width * 0.35);
  const h = Math.floor(size.height * 0.25);
  const moves = [{ type: "pointerMove", duration: 0, origin, x: -w, y: 0 }, { type: "pointerDown", button: 0 }];
  for (let i = 1; i <= 60; i += 1) {
    moves.push({ type: "pointerMove", duration: 16, origin, x: Math.round(-w + (2 * w * i) / 60), y: Math.round(Math.sin(i / 4) * h) });
  }
  moves.push({ type: "pointerUp", button: 0 });
  await wd("POST", "/actions", { actions: [{ type: "pointer", id: "pen", parameters: { pointerType: "mouse" }, actions: moves }] });
  await wd("DELETE", "/actions");
}

async function run(name, body) {
  step = name;
  const t0 = Date.now();
  await body();
  console.log(`app-e2e: ok  ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

async function identify(zone) {
  await present("#scan-hint");
  await scanBurst(zone);
  await present("#photo-confirmed");
  await click("#photo-confirmed");
  await click("#confirm");
  await until("the customer's screen", async () => (await text("#customer-name")).length > 0);
}

try {
  session = (
    await wd("POST", "/session", {
      capabilities: { alwaysMatch: { "tauri:options": { application } } },
    })
  ).sessionId;

  await run("the app starts in demo mode and shows the sign-in", async () => {
    await present("#staff-id");
    await click('#langs button[data-lang="en"]');
    await until("the demo mark", async () => (await script("return document.body.classList.contains('demo')")) === true);
  });

  await run("a clerk signs in", async () => {
    await type("#staff-id", "PR-0101");
    await type("#pin", "1111\uE007");
    await present("#scan-hint");
    await shot("1-signed-in");
  });

  let document;
  await run("the scanner types an identity card's zone, the photo is confirmed", async () => {
    const docs = await command("demo_documents");
    document = docs.find((d) => d.customer_id === "C-000002" && d.case === "adult");
    if (!document) throw new Error(`no demo card for C-000002 in ${JSON.stringify(docs.map((d) => d.customer_id))}`);
    await identify(document.zone);
    const name = await text("#customer-name");
    if (!name.includes("Dërmaku")) throw new Error(`the customer shown is ${name}`);
  });

  await run("the customer's data is shown", async () => {
    await present("#overview-categories");
    await shot("2-customer");
  });

  await run("the demo outage is switched on", async () => {
    await click("#outage");
    await until("offline in the status bar", async () => (await text("#status-connection")).startsWith("Offline since"));
  });

  let consentBefore;
  await run("the customer signs a consent, saved at the counter while offline", async () => {
    await click("#tab-consent");
    await present("#consent-notice");
    consentBefore = await script("return document.querySelector('#consent-current_offers-email').checked");
    // The customer changes the e-mail choice for current offers.
    await click("#consent-current_offers-email");
    await click("#capture-next");
    await present("#consent-review");
    await signOnPad();
    await shot("3-signed");
    await click("#capture-save");
    await present("#capture-saved");
    const said = await text("#capture-queued");
    if (!said.includes("when the connection is back")) throw new Error(`after saving offline the screen says: ${said}`);
  });

  await run("the change is queued", async () => {
    await until("changes waiting in the status bar", async () => /\d+ changes? waiting|1 change waiting/.test(await text("#status-queue")));
    await shot("4-queued");
  });

  await run("the outage is switched off and the queue drains", async () => {
    await click("#outage");
    await until("all changes sent", async () => (await text("#status-queue")).includes("All changes sent"), 60000);
  });

  await run("the central API applied the consent: the customer's data read again shows it", async () => {
    await click("#customer-done");
    await identify(document.zone);
    await click("#tab-consent");
    await present("#consent-notice");
    const now = await script("return document.querySelector('#consent-current_offers-email').checked");
    if (now === consentBefore) throw new Error(`the e-mail choice is still ${now ? "given" : "not given"} at the central API`);
    const row = await script(
      "return document.querySelector('#consent-current_offers-email').closest('.consent-choice').textContent",
    );
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Belgrade" }).format(new Date());
    if (!row.includes(today)) throw new Error(`the e-mail choice's row does not show today's date (${today}): ${row}`);
    await shot("5-applied");
  });

  console.log("app-e2e: 8 steps passed");
  await wd("DELETE", "");
  process.exit(0);
} catch (error) {
  console.error(`app-e2e: FAILED at "${step}": ${error.message}`);
  await shot("failure");
  if (session) await wd("DELETE", "").catch(() => {});
  process.exit(1);
}

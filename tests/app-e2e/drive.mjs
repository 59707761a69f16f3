// The whole-system test of the real app: the built binary, started by tauri-driver under Xvfb and
// driven over the W3C WebDriver protocol (WebKitWebDriver underneath), in demo mode on fictional
// data. A clerk signs in, scans an identity card's machine-readable zone (a burst of keys, as the
// scanner types it), confirms the photo, views the customer's data, switches the demo outage on,
// signs a consent that is queued, switches the outage off, and sees the central API apply it: the
// queue drains and the customer's data, read again from the central API, holds the new consent.
//
// Each step checks what the clerk would read on the screen (in English, chosen with the language
// buttons first). Screenshots of key steps, and of the window when a step fails, go to OUT_DIR.
//
// Usage: node drive.mjs WEBDRIVER_URL APP_BINARY OUT_DIR. Exits 0 when every step passed, 1 when
// one failed (naming the step and what the screen showed instead). No dependencies: plain fetch
// against the WebDriver endpoints.

import { writeFileSync } from "node:fs";
import { join } from "node:path";

const [driverUrl, application, out] = process.argv.slice(2);
if (!driverUrl || !application || !out) {
  console.error("usage: node drive.mjs WEBDRIVER_URL APP_BINARY OUT_DIR");
  process.exit(2);
}

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
const ENTER = "\uE007";
let session = null;

// --- WebDriver ----------------------------------------------------------------------------------

/** One WebDriver command; `path` is relative to the session once there is one. */
async function wd(method, path, body) {
  const url = session === null ? `${driverUrl}${path}` : `${driverUrl}/session/${session}${path}`;
  const res = await fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const v = json.value ?? {};
    throw new Error(`WebDriver ${method} ${path}: ${v.error ?? res.status} ${v.message ?? ""}`.trim());
  }
  return json.value;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a truthy value; fails with `what` and the last value after `ms`. */
async function until(what, probe, ms = 30_000) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e.message;
    }
    if (Date.now() > end) break;
    await sleep(200);
  }
  throw new Error(`waited ${ms / 1000} s for ${what}; last seen: ${JSON.stringify(last)}`);
}

/** The element's id, or null when the page has none. */
async function query(css) {
  const found = await wd("POST", "/elements", { using: "css selector", value: css });
  const id = found?.[0]?.[ELEMENT];
  return typeof id === "string" ? id : null;
}

const present = (css, ms) => until(`${css} on the screen`, () => query(css), ms);

/** WebDriver's errors for an element the screen has just replaced or not yet laid out: the UI
 * builds its screen anew on every change (a status tick, a re-render), so the element found a
 * moment ago may be gone. Not a failure of the kiosk: find it again. */
const REBUILT = /stale element reference|element not interactable|element click intercepted/;

/** Finds the element and does `act` with its id; while the screen rebuilds under it, finds it
 * again (for up to `ms`). Any other error fails at once. */
async function onElement(css, doing, act, ms = 30_000) {
  const end = Date.now() + ms;
  let last = "not on the screen";
  for (;;) {
    const id = await query(css);
    if (id !== null) {
      try {
        return await act(id);
      } catch (e) {
        if (!REBUILT.test(e.message)) throw e;
        last = e.message;
      }
    }
    if (Date.now() > end) throw new Error(`waited ${ms / 1000} s to ${doing} ${css}; last: ${last}`);
    await sleep(200);
  }
}

/** The text shown in the element (as rendered: hidden parts left out). */
const text = (css, ms) => onElement(css, "read", (id) => wd("GET", `/element/${id}/text`), ms);
const click = (css) => onElement(css, "click", (id) => wd("POST", `/element/${id}/click`, {}));
const type = (css, t) => onElement(css, "type into", (id) => wd("POST", `/element/${id}/value`, { text: t }));
const script = (body, args = []) => wd("POST", "/execute/sync", { script: body, args });

/** Waits until the element shows `wanted` (a string it contains, or a pattern it matches). */
async function shows(css, wanted, ms = 30_000) {
  let seen = null;
  try {
    return await until(
      `${css} to show ${wanted}`,
      async () => {
        seen = await text(css, 0);
        return typeof wanted === "string" ? seen.includes(wanted) && seen : wanted.test(seen) && seen;
      },
      ms,
    );
  } catch {
    const shown = seen !== null && seen.length > 400 ? `${seen.slice(0, 400)}…` : seen;
    throw new Error(`after ${ms / 1000} s ${css} shows ${JSON.stringify(shown)}, not ${wanted}`);
  }
}

/** Scrolls the element to the middle of the window (for a screenshot of it). */
const reveal = (css) =>
  onElement(css, "scroll to", (id) => script("arguments[0].scrollIntoView({ block: 'center' })", [{ [ELEMENT]: id }]));

async function shot(name) {
  try {
    const png = await wd("GET", "/screenshot");
    writeFileSync(join(out, `${name}.png`), Buffer.from(png, "base64"));
  } catch (e) {
    console.error(`app-e2e: (no screenshot ${name}: ${e.message})`);
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

// --- What the clerk and the customer do -----------------------------------------------------------

/** The zone typed as a keyboard-wedge scanner types it: key after key, no pause, Enter per line,
 * wherever the focus is. */
async function scanBurst(zone) {
  const keys = [];
  for (const line of zone.trim().split(/\r?\n/)) {
    for (const ch of line) keys.push({ type: "keyDown", value: ch }, { type: "keyUp", value: ch });
    keys.push({ type: "keyDown", value: ENTER }, { type: "keyUp", value: ENTER });
  }
  await wd("POST", "/actions", { actions: [{ type: "key", id: "scanner", actions: keys }] });
  await wd("DELETE", "/actions");
}

/** Scans the document until its checks and IPKO's record show. A scan the screen did not read
 * whole (it says so and asks for another: on a busy machine the first keys of a burst can come
 * late enough to look typed) is scanned again, as the clerk would, at most three times. */
async function scan(zone) {
  const refusals = [];
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    await present("#scan-hint");
    await scanBurst(zone);
    const sent = Date.now();
    const outcome = await until("the document's checks (or the screen's refusal of the scan)", async () => {
      if ((await query("#photo-confirmed")) !== null) return { read: true };
      // A refusal from before this burst stays until the burst's check replaces it: only one
      // still there well after the burst (the check takes milliseconds) is this burst's.
      const problem = await query(".identify .problem");
      if (problem !== null && Date.now() - sent > 2_000) return { read: false, said: await wd("GET", `/element/${problem}/text`) };
      return null;
    });
    if (outcome.read) return;
    refusals.push(outcome.said.replace(/\s+/g, " "));
    await shot(`scan-refused-${attempt}`);
    console.log(`app-e2e: note: scan ${attempt} was not read whole; the screen said: ${refusals.at(-1)}`);
  }
  throw new Error(`three scans of the zone were refused: ${refusals.join(" | ")}`);
}

/** From the identify screen to the customer's screen: scan, the document's checks and IPKO's
 * record show, the photo matches, confirm. */
async function identify(zone, surname, screenshot) {
  await scan(zone);
  await shows("#result-title", "The document");
  await shows(".identify", "by the scanner");
  await shows(".identify", surname);
  await shows(".identify", "Matches IPKO's record");
  if (screenshot) {
    await reveal("#photo-confirmed");
    await shot(screenshot);
  }
  await click("#photo-confirmed");
  await click("#confirm");
  await shows("#customer-name", surname);
}

/** A signature drawn on the pad with the mouse: pointer down, 60 moves across it, pointer up. The
 * moves are relative to the pad (their origin), scrolled to the middle of the window first: a
 * pointer cannot move outside the window, and WebDriver's actions do not scroll. */
async function signOnPad() {
  await onElement("#signature-pad", "sign on", async (pad) => {
    await script("arguments[0].scrollIntoView({ block: 'center' })", [{ [ELEMENT]: pad }]);
    const size = await wd("GET", `/element/${pad}/rect`);
    const origin = { [ELEMENT]: pad };
    const w = Math.floor(size.width * 0.35);
    const h = Math.floor(size.height * 0.25);
    const moves = [{ type: "pointerMove", duration: 0, origin, x: -w, y: 0 }, { type: "pointerDown", button: 0 }];
    for (let i = 1; i <= 60; i += 1) {
      moves.push({
        type: "pointerMove",
        duration: 16,
        origin,
        x: Math.round(-w + (2 * w * i) / 60),
        y: Math.round(Math.sin(i / 4) * h),
      });
    }
    moves.push({ type: "pointerUp", button: 0 });
    try {
      await wd("POST", "/actions", {
        actions: [{ type: "pointer", id: "pen", parameters: { pointerType: "mouse" }, actions: moves }],
      });
    } finally {
      await wd("DELETE", "/actions");
    }
  });
}

const CHANNEL = "#consent-current_offers-email";
const ticked = () => script(`return document.querySelector(${JSON.stringify(CHANNEL)}).checked`);
const channelRow = () => script(`return document.querySelector(${JSON.stringify(CHANNEL)}).closest('.consent-choice').innerText`);

/** The consent capture, from the customer's screen to "Saved": the customer changes the e-mail
 * choice for current offers, the clerk goes to the review, the customer signs on the pad, the clerk
 * saves. Returns whether that choice was given before. */
async function signConsent({ offline }) {
  await click("#tab-consent");
  await shows("#consent-notice", "Consent notice");
  await shows("#panel-consent", "Current offers");
  const before = await ticked();
  await click(CHANNEL);
  await until("the e-mail choice to change", async () => (await ticked()) !== before, 5_000);
  await click("#capture-next");
  await shows("#panel-consent", "Review and sign");
  // The review names the changed choice and its new state (its exact layout is the screen's own).
  await shows("#consent-review", "Current offers");
  await shows("#consent-review", before ? /E-?mail[\s\S]*withdrawn/i : /E-?mail[\s\S]*given/i);
  await shows("#panel-consent", "The customer signs here");
  await signOnPad();
  await shot("5-signed");
  await click("#capture-save");
  await shows("#capture-saved", "Saved");
  await shows("#capture-queued", offline ? "when the connection is back" : "on its way to IPKO");
  await shows("#capture-saved", "Verification code");
  return before;
}

/** "YYYY-MM-DD HH:MM" in Kosovo, as the screens show times. */
function kosovoMinute(date) {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Belgrade",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(date)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

// --- The steps ----------------------------------------------------------------------------------

let passed = 0;
let step = "starting the app through tauri-driver";

async function run(name, body) {
  step = name;
  const t0 = Date.now();
  await body();
  passed += 1;
  console.log(`app-e2e: ok  ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

try {
  const started = new Date();
  session = (
    await wd("POST", "/session", {
      capabilities: { alwaysMatch: { "tauri:options": { application } } },
    })
  ).sessionId;

  await run("the app starts in demo mode and shows the sign-in", async () => {
    await present("#staff-id", 60_000);
    await click('#langs button[data-lang="en"]');
    await shows("#screen", "Staff sign-in");
    await shows("#demo-mark", "DEMO");
    await shot("1-sign-in");
  });

  await run("a clerk signs in", async () => {
    await type("#staff-id", "PR-0101");
    await type("#pin", `1111${ENTER}`);
    await shows(".session-bar", "Arta Bytyçi");
    await shows(".session-bar", "Demo: simulate a network outage");
    await shows("#identify-title", "Identify the customer");
    await shows("#scan-hint", "Scan the document");
    await shows(".identify", "Demo: documents to try");
    await shot("2-signed-in");
  });

  // The demo documents the identify screen lists; their zones come from the same command.
  const docs = await command("demo_documents");
  const card = docs.find((d) => d.customer_id === "C-000002" && d.case === "adult");
  if (!card) throw new Error(`no demo identity card of C-000002 in ${JSON.stringify(docs.map((d) => d.customer_id))}`);
  const surname = "Dërmaku-Çitaku";
  // What identifies the customer, for run to search the kiosk's log for afterwards: the names on
  // the card and in the record, the document and personal numbers in its zone.
  const personal = new Set([card.display_name, ...card.display_name.split(/[\s-]+/), surname]);
  for (const token of card.zone.split(/[<\s]+/)) if (token.length >= 6) personal.add(token);
  // An identity card's first line (ICAO 9303 TD1): the document number, then the personal number.
  const first = card.zone.trim().split(/\r?\n/)[0] ?? "";
  personal.add(first.slice(5, 14).replace(/</g, ""));
  personal.add(first.slice(15, 30).replace(/</g, ""));
  writeFileSync(join(out, "personal.txt"), [...personal].filter((t) => t.length >= 4).join("\n") + "\n");

  await run("the scanner types an identity card's zone; the checks and the record show; the photo is confirmed", async () => {
    await identify(card.zone, surname, "3-scanned");
    await shows(".customer", "DEMO — fictional data");
  });

  await run("the customer's data is shown by the policy's categories", async () => {
    await click("#tab-data");
    // The policy's categories, each with what the policy says and the records IPKO holds.
    await shows("#panel-data", "Identity and contact");
    await shows("#panel-data", "What the policy says");
    await shows("#panel-data", /Last name\s*Dërmaku-Çitaku/);
    await shows("#panel-data", "Mobile services");
    await shot("4-data");
  });

  await run("the demo outage is switched on: offline in the status bar", async () => {
    await click("#outage");
    await shows("#status-connection", "Offline since");
  });

  let before;
  await run("the customer signs a consent on the pad; it is saved at the counter while offline", async () => {
    before = await signConsent({ offline: true });
  });

  await run("the change is queued: waiting in the status bar", async () => {
    // The consent and its audit entry (and whatever else the counter wrote since the outage began).
    await shows("#status-queue", /^(1 change|\d+ changes) waiting/);
    await shows("#status-connection", "Offline since");
    await shot("6-queued");
  });

  await run("the outage is switched off: online, and the queue drains", async () => {
    await click("#outage");
    await shows("#status-connection", "Online", 60_000);
    await shows("#status-queue", "All changes sent", 60_000);
    await shot("7-drained");
  });

  await run("the central API applied it: the customer's consent, read again, shows the new choice", async () => {
    await click("#customer-done");
    await present("#scan-hint");
    await identify(card.zone, surname);
    await click("#tab-consent");
    await shows("#consent-notice", "Consent notice");
    const now = await ticked();
    if (now === before) {
      throw new Error(`the e-mail choice for current offers is still ${now ? "given" : "not given"} at the central API`);
    }
    const row = (await channelRow()).replace(/\s+/g, " ");
    const when = row.match(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/)?.[0];
    const from = kosovoMinute(started);
    const to = kosovoMinute(new Date());
    if (!when || when < from || when > to) {
      throw new Error(`the e-mail choice's row should show a time from this run (${from} to ${to}): ${row}`);
    }
    if (!row.includes("DEMO-PRISHTINA")) throw new Error(`the e-mail choice's row does not name the store: ${row}`);
    console.log(`app-e2e:     current offers by e-mail, at the central API: ${row.trim()}`);
    await reveal(CHANNEL);
    await shot("8-applied");
  });

  await run("the customer's own window shows the offer to sign, and goes back to waiting at Done", async () => {
    const main = await wd("GET", "/window");
    await click("#capture-next");
    await click("#offer-to-customer");
    const other = await until("the customer's window", async () => (await wd("GET", "/window/handles")).find((h) => h !== main));
    await wd("POST", "/window", { handle: other });
    const offered = await until("the consent offered on the customer's window", async () => {
      const body = await script("return document.body.innerText");
      return body.includes("Consent") && body.includes("DEMO") ? body : false;
    });
    console.log(`app-e2e:     the customer's window: ${offered.replace(/\s+/g, " ").slice(0, 160)}`);
    await shot("9-customer-window");
    await wd("POST", "/window", { handle: main });
    await shows("#handoff-status", "reading");
    await click("#customer-done");
    await wd("POST", "/window", { handle: other });
    await until("the customer's window waiting again", async () => {
      const body = await script("return document.body.innerText");
      return body.includes("Welcome to IPKO") ? true : body.slice(0, 200);
    });
    await wd("POST", "/window", { handle: main });
  });

  console.log(`app-e2e: ${passed} passed, 0 failed`);
  await wd("DELETE", "");
  process.exit(0);
} catch (error) {
  console.error(`app-e2e: FAILED at "${step}": ${error.message}`);
  if (session !== null) {
    await shot("failure");
    await wd("DELETE", "").catch(() => {});
  }
  console.error(`app-e2e: ${passed} passed, 1 failed`);
  process.exit(1);
}

// The customer's window (customer.html) in headless Chromium against e2e/fake-customer-display.js,
// which plays Rust's broker: waiting without personal data; a consent offer in the offer's
// language (sq, en, sr) with the policy's purposes and channels as switches from the clerk's
// ticks, signed and handed in; an empty and a too-short signature refused; a correction to sign;
// the offer withdrawn or replaced while the customer reads. The window tells the clerk's window
// its steps and nothing of the pad before the customer submits. Then the clerk's side
// (src/handoff.ts, built here on its own): the progress widget, the result, Withdraw.

import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { type Page } from "playwright-core";
import { build, type Rolldown } from "vite";
import { beforeAll, describe, expect, it } from "vitest";

import { open, useBrowser } from "./harness";

useBrowser();

const root = fileURLToPath(new URL("..", import.meta.url));

interface Fake {
  ipc: Array<[string, Record<string, unknown>]>;
  progress: string[];
  submitted: Array<{ choices: Array<{ purpose: string; channel: string | null; state: string }> | null; signature: { strokes: number[][][] } }>;
  offer: { offer_id: string; step: string } | null;
  resultShape: "app" | "contract";
  clerk: { offer(content: unknown): string; withdraw(): void };
}

interface Win {
  __fakeCustomerDisplay: Fake;
  __fakeKiosk: { commands: Record<string, (args: Record<string, unknown>) => unknown> };
}

const fake = (page: Page): Promise<Fake> =>
  page.evaluate(() => {
    const f = (window as unknown as Win).__fakeCustomerDisplay;
    return { ipc: f.ipc, progress: f.progress, submitted: f.submitted, offer: f.offer } as Fake;
  });

/** The commands the customer's window may call (src-tauri/capabilities/customer-display.json). */
const ALLOWED = new Set([
  "app_info",
  "customer_display_state",
  "customer_display_progress",
  "customer_display_submit",
  "vocabulary",
  "plugin:event|listen",
  "plugin:event|unlisten",
]);

const notices = {
  sq: { title: "Pëlqimi për marketing", text: "IPKO do t'i përdorë të dhënat tuaja personale për marketing direkt vetëm me pëlqimin tuaj. (DEMO)" },
  en: { title: "Consent to marketing", text: "IPKO will use your personal information for direct marketing purposes only upon your consent. (DEMO)" },
  sr: { title: "Сагласност за маркетинг", text: "IPKO ће користити ваше личне податке за директни маркетинг само уз вашу сагласност. (ДЕМО)" },
};

/** The consent offer the capture screen builds: every purpose × channel of the policy, the clerk's
 * ticks as given, the customer's current choices. */
function consentOffer(page: Page, lang: "sq" | "en" | "sr", ticked: string[], current: unknown[] | null = []): Promise<unknown> {
  return page.evaluate(
    ({ lang, ticked, current, notice }) => {
      const v = (window as unknown as Win).__fakeKiosk.commands.vocabulary!({}) as {
        consent_purposes: Array<{ id: string; channels: string[] }>;
      };
      const choices = v.consent_purposes.flatMap((p) =>
        (p.channels.length === 0 ? [null] : p.channels).map((channel) => ({
          purpose: p.id,
          channel,
          state: ticked.includes(`${p.id}/${channel ?? "*"}`) ? "given" : "refused",
        })),
      );
      return {
        kind: "consent",
        lang,
        notice: { notice_id: "consent-notice", version: 3, lang, ...notice, text_sha256: "b2".padEnd(64, "0"), published_at: "2026-01-15T08:00:00Z" },
        choices,
        current,
      };
    },
    { lang, ticked, current, notice: notices[lang] },
  );
}

async function offer(page: Page, content: unknown): Promise<string> {
  return page.evaluate((c) => (window as unknown as Win).__fakeCustomerDisplay.clerk.offer(c), content);
}

async function openWindow(): Promise<Page> {
  return open({ path: "customer.html", ready: "#idle" });
}

/** Draws on the pad as a hand does: `signature` a long stroke of many points, `tap` one dot,
 * `flick` a short quick dash. */
async function draw(page: Page, kind: "signature" | "tap" | "flick"): Promise<void> {
  const box = await page.locator("#signature-pad").boundingBox();
  if (box === null) throw new Error("no pad");
  const at = (fx: number, fy: number): [number, number] => [box.x + box.width * fx, box.y + box.height * fy];
  await page.mouse.move(...at(kind === "signature" ? 0.1 : 0.5, 0.55));
  await page.mouse.down();
  if (kind === "signature") {
    for (let i = 1; i <= 40; i += 1) {
      await page.mouse.move(...at(0.1 + (0.7 * i) / 40, 0.55 + 0.2 * Math.sin(i / 2.5)), { steps: 2 });
    }
  } else if (kind === "flick") {
    await page.mouse.move(...at(0.56, 0.5), { steps: 4 });
  }
  await page.mouse.up();
}

const switchState = (page: Page, key: string): Promise<string | null> =>
  page.locator(`.cd-switch[data-key="${key}"]`).getAttribute("aria-checked");

/** Screenshots for a person to look at: SCREENSHOTS=/some/folder npm run test:e2e */
async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`) });
}

/** No command but Submit carried anything of the pad, and the window kept to its capability. */
async function expectNoPointsBeforeSubmit(page: Page): Promise<void> {
  const { ipc } = await fake(page);
  for (const [cmd, args] of ipc) {
    expect(ALLOWED.has(cmd), `${cmd} is not the customer window's`).toBe(true);
    if (cmd !== "customer_display_submit") {
      expect(JSON.stringify(args)).not.toMatch(/strokes|signature|\[\d+,\d+,\d+/);
    }
  }
}

describe("the customer's window", () => {
  it("waits without personal data, in three languages, until the clerk offers something", async () => {
    const page = await openWindow();
    const idle = page.locator("#idle");
    await expect.poll(() => idle.textContent()).toContain("Mirë se vini në IPKO");
    // A demo is marked as such on the customer's screen too.
    await expect.poll(() => page.textContent("#demo-mark")).toBe("DEMO");
    const text = (await idle.textContent()) ?? "";
    expect(text).toContain("Welcome to IPKO");
    expect(text).toContain("Добро дошли у IPKO");
    expect(text).toContain("Please wait: the clerk will show you here what to read and sign.");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("sq");
    const { ipc } = await fake(page);
    // Only whether it is a demo, then the offer (none yet): nothing about any customer.
    expect(ipc.map(([c]) => c).sort()).toEqual(["app_info", "customer_display_state", "plugin:event|listen"]);
    await shot(page, "customer-idle");
    await page.close();
  });

  it("shows a consent in English: the notice, the switches from the clerk's ticks, the profiling statement; signs and hands in the choices", async () => {
    const page = await openWindow();
    const current = [
      { purpose: "current_offers", channel: "email", state: "given", recorded_at: "2025-06-01T09:00:00Z", method: "in store", store_code: "DEMO-PRISHTINA", notice_version: 2 },
    ];
    await offer(page, await consentOffer(page, "en", ["current_offers/sms_mms", "current_offers/email"], current));

    // Reading.
    await expect.poll(() => page.textContent("#notice-title")).toBe("Consent to marketing");
    expect(await page.textContent("#notice-version")).toBe("Version 3");
    expect(await page.textContent("#notice-text")).toContain("only upon your consent");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    expect(await page.locator(".cd-steps li").allTextContents()).toEqual(["Read", "Choose", "Sign"]);
    await shot(page, "customer-consent-notice");

    // Choosing: the policy's purposes in its order, each channel a switch from the clerk's ticks.
    await page.click("#to-choices");
    await expect.poll(() => page.locator(".cd-purpose h2").allTextContents()).toEqual([
      "Current offers",
      "Offers just for me",
      "Offer presented in person at home",
      "Help us be better",
    ]);
    expect(await switchState(page, "current_offers/sms_mms")).toBe("true");
    expect(await switchState(page, "current_offers/email")).toBe("true");
    expect(await switchState(page, "offers_just_for_me/email")).toBe("false");
    expect(await page.locator('.cd-purpose[data-purpose="current_offers"] .cd-switch').count()).toBe(9);
    expect(await page.textContent('.cd-purpose[data-purpose="current_offers"]')).toContain("Until now: Yes");
    // The plain statement for the purposes that profile with traffic and location data, and only there.
    expect(await page.locator(".cd-profiling").count()).toBe(3);
    expect(await page.locator('.cd-purpose[data-purpose="current_offers"] .cd-profiling').count()).toBe(0);
    expect(await page.textContent('.cd-purpose[data-purpose="help_us_be_better"] .cd-profiling')).toContain("traffic and location data");
    expect(await page.textContent('.cd-purpose[data-purpose="help_us_be_better"] .cd-switch')).toBe("For this purposeNo");
    await shot(page, "customer-consent-choices");

    await page.click('.cd-switch[data-key="current_offers/email"]');
    await page.click('.cd-switch[data-key="help_us_be_better/*"]');
    expect(await switchState(page, "current_offers/email")).toBe("false");
    expect(await switchState(page, "help_us_be_better/*")).toBe("true");

    // Signing: what is signed, then the pad.
    await page.click("#to-sign");
    await expect.poll(() => page.locator("#choice-summary li").allTextContents()).toEqual([
      "Current offersYes: SMS/MMS · No: the other channels",
      "Offers just for meNo",
      "Offer presented in person at homeNo",
      "Help us be betterYes",
    ]);
    await expect.poll(async () => (await fake(page)).progress).toEqual(["choosing", "signing"]);

    // An empty pad is refused here, without asking Rust.
    await page.click("#signature-submit");
    await expect.poll(() => page.textContent("#display-problem")).toContain("Please sign in the box before you submit.");
    expect((await fake(page)).ipc.some(([c]) => c === "customer_display_submit")).toBe(false);

    // A flick: Rust refuses it, the window says so in the offer's language, Rust's words below.
    await draw(page, "flick");
    await page.click("#signature-submit");
    await expect.poll(() => page.textContent("#display-problem")).toContain("That is too short to be a signature. Please sign again");
    expect(await page.textContent("#display-problem .problem-detail")).toContain("ask the customer to clear the pad");
    await shot(page, "customer-consent-refused");

    await draw(page, "signature");
    await expectNoPointsBeforeSubmit(page);
    await shot(page, "customer-consent-signing");
    await page.click("#signature-submit");
    await expect.poll(() => page.textContent("#thanks")).toContain("Thank you");
    expect(await page.textContent("#thanks")).toContain("The clerk will now save it.");
    await shot(page, "customer-signed");

    const { submitted, progress, offer: held } = await fake(page);
    expect(held?.step).toBe("submitted");
    expect(progress).toEqual(["choosing", "signing"]);
    expect(submitted).toHaveLength(1);
    const choices = submitted[0]!.choices!;
    expect(choices).toHaveLength(20);
    const state = (purpose: string, channel: string | null) => choices.find((c) => c.purpose === purpose && c.channel === channel)?.state;
    expect(state("current_offers", "sms_mms")).toBe("given");
    expect(state("current_offers", "email")).toBe("withdrawn");
    expect(state("current_offers", "mail")).toBe("refused");
    expect(state("help_us_be_better", null)).toBe("given");
    expect(submitted[0]!.signature.strokes.flat().length).toBeGreaterThanOrEqual(20);
    await expectNoPointsBeforeSubmit(page);
    // The pad's points leave the page with the offer.
    expect(await page.locator("#signature-pad").count()).toBe(0);
    await page.close();
  });

  it("speaks Albanian and Serbian as the offer says, and refuses a tap in Serbian", async () => {
    const page = await openWindow();
    await offer(page, await consentOffer(page, "sq", []));
    await expect.poll(() => page.textContent("#notice-title")).toBe("Pëlqimi për marketing");
    expect(await page.textContent("#notice-version")).toBe("Versioni 3");
    expect(await page.locator(".cd-steps li").allTextContents()).toEqual(["Lexoni", "Zgjidhni", "Nënshkruani"]);
    expect(await page.textContent("#area")).toBe("Privatësia");
    await page.click("#to-choices");
    await expect.poll(() => page.locator(".cd-purpose h2").first().textContent()).toBe("Ofertat aktuale");
    expect(await page.textContent('.cd-switch[data-key="current_offers/mail"]')).toBe("Posta e zakonshmeJo");
    expect(await page.textContent('.cd-purpose[data-purpose="offers_just_for_me"] .cd-profiling')).toContain("të dhënat e trafikut dhe të vendndodhjes");
    expect(await page.textContent("#to-sign")).toBe("Vazhdo te nënshkrimi");

    await offer(page, await consentOffer(page, "sr", ["offers_just_for_me/calls"]));
    await expect.poll(() => page.textContent("#notice-title")).toBe("Сагласност за маркетинг");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("sr-Cyrl");
    expect(await page.textContent("#area")).toBe("Приватност");
    await page.click("#to-choices");
    await expect.poll(() => page.locator(".cd-purpose h2").nth(1).textContent()).toBe("Понуде само за мене");
    expect(await switchState(page, "offers_just_for_me/calls")).toBe("true");
    expect(await page.textContent('.cd-switch[data-key="offers_just_for_me/calls"]')).toBe("Позиви/видео-позивиДа");
    expect(await page.textContent('.cd-purpose[data-purpose="help_us_be_better"] .cd-profiling')).toContain("податке о саобраћају и локацији");
    await page.locator('.cd-purpose[data-purpose="offers_just_for_me"]').scrollIntoViewIfNeeded();
    await shot(page, "customer-consent-choices-sr");
    await page.click("#to-sign");
    await draw(page, "tap");
    await page.click("#signature-submit");
    await expect.poll(() => page.textContent("#display-problem")).toContain("То је прекратко за потпис.");
    // Refused: the pad is cleared for the next try, and nothing was handed in.
    expect((await fake(page)).submitted).toHaveLength(0);
    await page.click("#signature-submit");
    await expect.poll(() => page.textContent("#display-problem")).toContain("Молимо потпишите се у пољу пре слања.");
    await page.close();
  });

  it("shows a correction to sign: its title and lines, the pad; the first touch is the signing step", async () => {
    const page = await openWindow();
    await offer(page, {
      kind: "sign",
      lang: "sq",
      title: "Korrigjimi i të dhënave",
      lines: ["Fusha: Adresa", "Tani: Rr. Nëna Terezë 1, Prishtinë", "E re: Rr. Agim Ramadani 12, Prishtinë"],
    });
    await expect.poll(() => page.textContent("#sign-title")).toBe("Korrigjimi i të dhënave");
    expect(await page.locator("#sign-lines li").allTextContents()).toEqual([
      "Fusha: Adresa",
      "Tani: Rr. Nëna Terezë 1, Prishtinë",
      "E re: Rr. Agim Ramadani 12, Prishtinë",
    ]);
    expect(await page.locator(".cd-steps").count()).toBe(0);
    expect((await fake(page)).progress).toEqual([]);
    await draw(page, "signature");
    await expect.poll(async () => (await fake(page)).progress).toEqual(["signing"]);
    await expectNoPointsBeforeSubmit(page);
    await shot(page, "customer-sign-offer");
    await page.click("#signature-submit");
    await expect.poll(() => page.textContent("#thanks")).toContain("Faleminderit");
    expect(await page.textContent("#thanks")).toContain("Punonjësi tani do ta ruajë.");
    const { submitted } = await fake(page);
    expect(submitted[0]?.choices).toBeNull();
    await page.close();
  });

  it("follows the clerk: a withdrawn offer leaves the waiting screen, a new one starts afresh", async () => {
    const page = await openWindow();
    await offer(page, await consentOffer(page, "en", []));
    await page.locator("#to-choices").click();
    await page.click("#to-sign");
    await draw(page, "signature");
    await page.evaluate(() => (window as unknown as Win).__fakeCustomerDisplay.clerk.withdraw());
    await expect.poll(() => page.locator("#idle").count()).toBe(1);
    expect(await page.textContent("body")).not.toContain("Consent to marketing");
    expect(await page.locator("canvas").count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("sq");

    await offer(page, await consentOffer(page, "en", []));
    await expect.poll(() => page.textContent("#notice-title")).toBe("Consent to marketing");
    await page.click("#to-choices");
    await page.click("#to-sign");
    // A fresh pad: nothing of the earlier drawing.
    await page.click("#signature-submit");
    await expect.poll(() => page.textContent("#display-problem")).toContain("Please sign in the box");

    // Replaced while the customer signs: the submission is refused as gone, the new offer shows.
    await draw(page, "signature");
    await offer(page, { kind: "sign", lang: "en", title: "Objection to direct marketing", lines: ["Purpose: Marketing analyses"] });
    await expect.poll(() => page.textContent("#sign-title")).toBe("Objection to direct marketing");
    expect((await fake(page)).submitted).toHaveLength(0);
    await expectNoPointsBeforeSubmit(page);
    await page.close();
  });

  it("opened again in the middle of an offer, resumes at the customer's step", async () => {
    const page = await open({
      path: "customer.html",
      ready: "#choice-summary",
      setUp: () => {
        const f = (window as unknown as Win).__fakeCustomerDisplay;
        f.clerk.offer({
          kind: "consent",
          lang: "en",
          notice: { notice_id: "n", version: 3, lang: "en", title: "Consent", text: "…", text_sha256: "b2".padEnd(64, "0"), published_at: "2026-01-15T08:00:00Z" },
          choices: [
            { purpose: "current_offers", channel: "email", state: "given" },
            { purpose: "help_us_be_better", channel: null, state: "refused" },
          ],
          current: null,
        });
        f.offer!.step = "signing";
      },
    });
    expect(await page.locator("#choice-summary li").allTextContents()).toEqual(["Current offersYes", "Help us be betterNo"]);
    expect(await page.locator("#signature-pad").count()).toBe(1);
    expect((await fake(page)).progress).toEqual([]);
    await page.close();
  });
});

// --- The clerk's side -----------------------------------------------------------------------------

/** src/handoff.ts on a page of its own (the capture screens that will use it are built elsewhere). */
async function handoffBundle(): Promise<{ js: string; css: string }> {
  const entry = "\0handoff-under-test";
  const out = await build({
    configFile: false,
    root,
    logLevel: "silent",
    plugins: [
      {
        name: "handoff-under-test",
        resolveId: (id) => (id === "handoff-under-test" ? entry : null),
        // With the clerk's window's own styles, which the widget's build on.
        load: (id) =>
          id === entry
            ? `import ${JSON.stringify(join(root, "src/styles.css"))}; import * as handoff from ${JSON.stringify(join(root, "src/handoff.ts"))}; window.__handoff = handoff;`
            : null,
      },
    ],
    build: { write: false, target: "es2022", minify: false, cssCodeSplit: false, rollupOptions: { input: "handoff-under-test", output: { format: "iife" } } },
  });
  const files = (Array.isArray(out) ? out : [out as Rolldown.RolldownOutput]).flatMap((o) => o.output);
  const js = files.map((f) => (f.type === "chunk" ? f.code : "")).join("\n");
  const css = files.map((f) => (f.type === "asset" && f.fileName.endsWith(".css") ? String(f.source) : "")).join("\n");
  return { js, css };
}

interface Run {
  steps: string[];
  result: unknown;
  error: { code: string; message: string } | null;
  offerId: string;
}

/** What the page under test holds: src/handoff.ts's exports, and the runs of a stand-in screen. */
interface Clerk {
  __handoff: {
    openCustomerDisplay(call: unknown): Promise<unknown>;
    offerToCustomer(
      call: unknown,
      offer: unknown,
      onProgress: (step: string) => void,
    ): Promise<{ offerId: string; result(): Promise<unknown>; withdraw(): Promise<void> }>;
    renderHandoffProgress(el: HTMLElement, lang: string, step: string, options: { kind: string; withdraw: () => void }): void;
  };
  __runs: Run[];
  __handoffStart(offer: unknown, lang: string): Promise<void>;
}

describe("the clerk's side of the customer's window", () => {
  let bundle: { js: string; css: string };
  beforeAll(async () => {
    bundle = await handoffBundle();
  });

  /** A page with handoff.ts and a stand-in for a capture screen: offer, paint each step, wait. */
  async function clerkPage(): Promise<Page> {
    const page = await open({ path: "about:blank", ready: "body", fakes: ["fake-kiosk.js", "fake-customer-display.js"] });
    await page.setContent('<main id="widget" style="margin: 2rem"></main>');
    await page.addStyleTag({ content: bundle.css });
    await page.addScriptTag({ content: bundle.js });
    await page.evaluate(() => {
      const w = window as unknown as Clerk & { __TAURI_INTERNALS__: { invoke(c: string, a?: unknown): Promise<unknown> } };
      const h = w.__handoff;
      const call = (command: string, args?: Record<string, unknown>) => w.__TAURI_INTERNALS__.invoke(command, args);
      const el = document.getElementById("widget")!;
      w.__runs = [];
      w.__handoffStart = async (offer, lang) => {
        await h.openCustomerDisplay(call);
        const run: Run = { steps: [], result: null, error: null, offerId: "" };
        w.__runs.push(run);
        const kind = (offer as { kind: string }).kind;
        let withdraw = (): void => undefined;
        const handoff = await h.offerToCustomer(call, offer, (step) => {
          run.steps.push(step);
          // A screen shows its latest offer only.
          if (w.__runs.at(-1) === run) h.renderHandoffProgress(el, lang, step, { kind, withdraw: () => withdraw() });
        });
        withdraw = () => void handoff.withdraw();
        run.offerId = handoff.offerId;
        handoff.result().then(
          (r) => (run.result = r),
          (e: { code: string; message: string }) => (run.error = e),
        );
      };
    });
    return page;
  }

  const runs = (page: Page) => page.evaluate(() => (window as unknown as Clerk).__runs);
  const run = async (page: Page): Promise<Run> => (await runs(page)).at(-1)!;
  const customer = (page: Page, command: string, args: Record<string, unknown>) =>
    page.evaluate(
      ([c, a]) => Promise.resolve((window as unknown as Win).__fakeKiosk.commands[c as string]!(a as Record<string, unknown>)).then(() => null, (e) => e),
      [command, args] as const,
    );
  const signature = { width: 600, height: 200, strokes: [Array.from({ length: 40 }, (_, i) => [300 + i * 100, 900 + (i % 5) * 60, i * 16])] };

  it("shows the customer's steps in the clerk's language, then takes what they handed in", async () => {
    const page = await clerkPage();
    const offer = { kind: "sign", lang: "sq", title: "Kërkesa për qasje", lines: ["Të gjitha të dhënat e trafikut"] };
    await page.evaluate((o) => (window as unknown as Clerk).__handoffStart(o, "en"), offer);
    await expect.poll(() => page.textContent("#widget [role=status]")).toBe("The customer is reading.");
    expect(await page.locator("#widget li").allTextContents()).toEqual(["Reading", "Signing", "Signed"]);
    const { offerId } = await run(page);

    await customer(page, "customer_display_progress", { offerId, step: "signing" });
    await expect.poll(() => page.textContent("#widget [role=status]")).toBe("The customer is signing.");
    expect(await page.getAttribute("#widget li[aria-current=step]", "data-state")).toBe("current");
    expect(await page.textContent("#widget li[aria-current=step]")).toBe("Signing");
    // Signing is a step, not points: the clerk's window has heard nothing of the pad.
    expect((await run(page)).result).toBeNull();

    expect(await customer(page, "customer_display_submit", { offerId, choices: null, signature })).toBeNull();
    await expect.poll(() => page.textContent("#widget [role=status]")).toBe("The customer has signed.");
    await expect.poll(async () => (await run(page)).result).toEqual({ choices: null, signature });
    expect((await run(page)).steps).toEqual(["reading", "signing", "submitted"]);
    await shot(page, "clerk-handoff-signed");
    await page.close();
  });

  it("words the widget in Albanian and Serbian, a consent with its choosing step; the contract's result shape too", async () => {
    const page = await clerkPage();
    await page.evaluate(() => {
      (window as unknown as Win).__fakeCustomerDisplay.resultShape = "contract";
    });
    const offer = {
      kind: "consent",
      lang: "sr",
      notice: { notice_id: "n", version: 3, lang: "sr", title: "Сагласност", text: "…", text_sha256: "c3".padEnd(64, "0"), published_at: "2026-01-15T08:00:00Z" },
      choices: [{ purpose: "current_offers", channel: "email", state: "given" }],
      current: null,
    };
    await page.evaluate((o) => (window as unknown as Clerk).__handoffStart(o, "sq"), offer);
    await expect.poll(() => page.textContent("#widget [role=status]")).toBe("Klienti po lexon.");
    expect(await page.locator("#widget li").allTextContents()).toEqual(["Lexon", "Zgjedh", "Nënshkruan", "Nënshkroi"]);
    expect(await page.textContent("#widget button")).toBe("Tërhiqe nga ekrani i klientit");
    const { offerId } = await run(page);
    await customer(page, "customer_display_progress", { offerId, step: "choosing" });
    await expect.poll(() => page.textContent("#widget [role=status]")).toBe("Klienti po zgjedh.");
    await shot(page, "clerk-handoff-choosing");

    await page.evaluate((o) => (window as unknown as Clerk).__handoffStart(o, "sr"), offer);
    await expect.poll(() => page.textContent("#widget [role=status]")).toBe("Клијент чита.");
    const second = (await run(page)).offerId;
    await customer(page, "customer_display_progress", { offerId: second, step: "signing" });
    await expect.poll(() => page.textContent("#widget [role=status]")).toBe("Клијент потписује.");
    const choices = [{ purpose: "current_offers", channel: "email", state: "refused" }];
    await customer(page, "customer_display_submit", { offerId: second, choices, signature });
    await expect.poll(() => page.textContent("#widget [role=status]")).toBe("Клијент је потписао.");
    await expect.poll(async () => (await run(page)).result).toEqual({ choices, signature });
    await page.close();
  });

  it("Withdraw clears the customer's window and ends the wait; a replaced offer ends its own", async () => {
    const page = await clerkPage();
    const offer = { kind: "sign", lang: "en", title: "Erasure request", lines: ["Categories: Internet"] };
    await page.evaluate((o) => (window as unknown as Clerk).__handoffStart(o, "en"), offer);
    // Offered again (the clerk went back and changed something): the first offer is gone.
    await page.evaluate((o) => (window as unknown as Clerk).__handoffStart(o, "en"), offer);
    await expect.poll(async () => (await runs(page))[0]?.error?.code).toBe("offer_gone");
    const [first, second] = await runs(page);
    expect(first?.steps).toEqual(["reading", "withdrawn"]);
    expect(second?.steps).toEqual(["reading"]);
    expect(await page.evaluate(() => (window as unknown as Win).__fakeCustomerDisplay.offer?.offer_id)).toBe(second?.offerId);

    await expect.poll(() => page.textContent("#widget button")).toBe("Withdraw from the customer's screen");
    await page.click("#widget button");
    await expect.poll(() => page.textContent("#widget [role=status]")).toBe("The customer's screen no longer shows this.");
    expect(await page.locator("#widget button").count()).toBe(0);
    await expect.poll(async () => (await run(page)).error?.code).toBe("offer_gone");
    const ipc = (await fake(page)).ipc.map(([c]) => c);
    expect(ipc.filter((c) => c === "withdraw_offer")).toHaveLength(1);
    expect(await page.evaluate(() => (window as unknown as Win).__fakeCustomerDisplay.offer)).toBeNull();
    await page.close();
  });

  it("hears that the offer went with the customer (Done, the lock) and stops waiting", async () => {
    const page = await clerkPage();
    await page.evaluate(
      (o) => (window as unknown as Clerk).__handoffStart(o, "en"),
      { kind: "sign", lang: "en", title: "Complaint", lines: ["About: billing"] },
    );
    await page.evaluate(() => (window as unknown as Win).__fakeCustomerDisplay.clerk.withdraw());
    await expect.poll(async () => (await run(page)).error?.code).toBe("offer_gone");
    expect((await run(page)).steps).toEqual(["reading", "withdrawn"]);
    expect(await page.textContent("#widget [role=status]")).toBe("The customer's screen no longer shows this.");
    await page.close();
  });
});

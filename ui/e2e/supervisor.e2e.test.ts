// The supervisor's screens in headless Chromium (e2e/harness.ts, e2e/fake-supervisor.js): the review
// list with its reasons, a rejected change sent again, a conflict rebased after the supervisor
// confirms, the export for support, and the settings; in English, Serbian and Albanian. The
// changes and customers are fictional.

import { type Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { open, setLanguage, signIn, useBrowser } from "./harness";

useBrowser();

interface Fake {
  __fakeKiosk: {
    supervisorCalls: Array<{ cmd: string; seq?: number; rebase?: boolean; change?: Record<string, unknown> }>;
    settings: Record<string, unknown>;
    commands: Record<string, (args: Record<string, unknown>) => unknown>;
    reject: (code: string, message: string) => unknown;
  };
  __TAURI_INTERNALS__: { invoke: (cmd: string, args?: unknown) => Promise<unknown> };
}

/** The page's uncaught errors: a screen that throws while rendering may still look right. */
const errors = new WeakMap<Page, string[]>();

async function start(options?: Parameters<typeof open>[0]): Promise<Page> {
  const page = await open(options);
  const seen: string[] = [];
  page.on("pageerror", (error) => seen.push(error.message));
  errors.set(page, seen);
  return page;
}

async function close(page: Page): Promise<void> {
  expect(errors.get(page)).toEqual([]);
  await page.close();
}

const calls = (page: Page) => page.evaluate(() => (window as unknown as Fake).__fakeKiosk.supervisorCalls);

async function asSupervisor(): Promise<Page> {
  const page = await start();
  await signIn(page, "PR-0901", "9999");
  await expect.poll(() => page.textContent(".who-name")).toBe("Teuta Limani");
  return page;
}

describe("the review list", () => {
  it("shows each change with the server's reason, sends them again and exports, in English and Serbian", async () => {
    const page = await asSupervisor();
    await setLanguage(page, "en");
    await expect.poll(() => page.textContent("#status-review")).toBe("2 changes for a supervisor to review");
    await page.click("#open-review");
    await page.locator("#review-list").waitFor();
    expect(await page.textContent("#review-title")).toBe("Changes to review");
    expect(await page.textContent("#review-summary")).toBe("2 changes wait for review.");

    const rejected = page.locator("#change-41");
    expect(await rejected.locator("h2").textContent()).toBe("Request to exercise a right (e.g. access, erasure)");
    const rejectedText = (await rejected.textContent()) ?? "";
    expect(rejectedText).toContain("Refused");
    expect(rejectedText).toContain("Customer no.100234");
    expect(rejectedText).toContain("22.11.2026 10:15");
    expect(rejectedText).toContain("PR-0101");
    expect(rejectedText).toContain("Reason: The central system does not know this customer.");
    expect(rejectedText).toContain("There is no customer 100234 in the central system. [unknown_customer]");

    const conflict = page.locator("#change-42");
    expect(await conflict.locator("h2").textContent()).toBe("Request to correct data");
    const conflictText = (await conflict.textContent()) ?? "";
    expect(conflictText).toContain("The customer's record changed meanwhile (now version 7).");
    expect(conflictText).toContain("Now: Address = \u201CRr. Agim Ramadani 12, Prishtinë\u201D");
    expect(await page.textContent("#retry-42")).toBe("Send on the current record…");

    // The export first, while both changes still wait: where it went, what it holds, the care it needs.
    await page.click("#export-queue");
    await expect.poll(() => page.textContent("#export-path")).toMatch(
      /^\/home\/kiosk\/\.local\/share\/ipko-kiosk\/exports\/queue-export-\d{8}T\d{6}Z\.json$/,
    );
    expect(await page.textContent("#export-counts")).toMatch(
      /^It holds 2 changes: 0 waiting, 2 to review \(\d+ KB\)\.$/,
    );
    expect(await page.textContent("#export-warning")).toBe(
      "The file holds customers' personal data. Keep it private, give it only to IPKO support, and delete it after use.",
    );

    // The rejected one, from the keyboard.
    await page.focus("#retry-41");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.textContent("#review-notice"))
      .toBe("Change no. 41 was queued again as change no. 50.");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("review-notice");
    expect(await page.locator("#change-41 .sup-badge").textContent()).toBe("Sent again");
    expect(await page.locator("#retry-41").count()).toBe(0);
    expect(await page.textContent("#change-41 .sup-done")).toBe("Sent again as change no. 50: needs no more review.");
    expect(await page.textContent("#review-summary")).toBe("1 change waits for review.");
    await expect.poll(() => page.textContent("#status-review")).toMatch(/^1 changes? for a supervisor to review$/);
    expect(await calls(page)).toEqual([{ cmd: "retry_change", seq: 41, rebase: false }]);

    // Serbian: what the screen showed stays, in Cyrillic.
    await setLanguage(page, "sr");
    expect(await page.textContent("#review-title")).toBe("Измене за преглед");
    expect(await page.textContent("#review-notice")).toBe("Измена бр. 41 је поново стављена у ред као измена бр. 50.");
    expect(await page.textContent("#export-warning")).toContain("личне податке");
    expect(await page.locator("#change-42").textContent()).toContain(
      "Евиденција корисника се у међувремену променила (сада верзија 7).",
    );

    // The conflict: nothing is sent until the supervisor confirms; Escape backs out of the question.
    await page.click("#retry-42");
    const question = page.locator("#rebase-question-42");
    expect(await question.textContent()).toMatch(/^Послати је на тренутну евиденцију корисника \(верзија 7\)\?/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("rebase-confirm-42");
    await page.keyboard.press("Escape");
    await expect.poll(() => question.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("retry-42");
    expect(await calls(page)).toHaveLength(1);
    await page.click("#retry-42");
    await page.click("#rebase-confirm-42");
    await expect.poll(() => page.textContent("#review-notice")).toBe(
      "Измена бр. 42 је поново стављена у ред као измена бр. 51, на тренутну евиденцију корисника.",
    );
    expect((await calls(page))[1]).toEqual({ cmd: "retry_change", seq: 42, rebase: true });
    expect(await page.textContent("#review-summary")).toBe(
      "Све измене са списка су поново послате: ниједна не чека преглед.",
    );
    await expect.poll(() => page.isVisible("#status-review")).toBe(false);

    await page.click("#export-queue");
    await expect.poll(() => page.textContent("#export-counts")).toMatch(/^Садржи 0 измена: 0 на чекању, 0 за преглед/);
    expect(await page.textContent("#export-result")).toContain("Датотека је записана у:");

    await page.click("#review-back");
    await page.locator("#identify-title").waitFor();
    expect(await page.locator("#review-title").count()).toBe(0);
    await close(page);
  });

  it("explains an empty list", async () => {
    const page = await start({
      setUp: () => {
        const fake = (window as unknown as Fake).__fakeKiosk;
        fake.commands.review_list = () => [];
      },
    });
    await signIn(page, "PR-0901", "9999");
    await page.click("#open-review");
    await expect.poll(() => page.textContent("#review-summary")).toMatch(/^Asnjë ndryshim nuk pret shqyrtim\./);
    expect(await page.locator("#review-list").count()).toBe(0);
    await close(page);
  });

  it("shows a refused list with the clerk's words and Rust's reason, and reads it again", async () => {
    const page = await start({
      setUp: () => {
        const fake = (window as unknown as Fake).__fakeKiosk;
        const real = fake.commands.review_list;
        let first = true;
        fake.commands.review_list = (args) => {
          if (first) {
            first = false;
            return fake.reject("database", "The kiosk database failed: database is locked");
          }
          return real?.(args);
        };
      },
    });
    await signIn(page, "PR-0901", "9999");
    await setLanguage(page, "en");
    await page.click("#open-review");
    await expect.poll(() => page.textContent("#review-load-error")).toContain("The kiosk's database did not answer");
    expect(await page.textContent("#review-load-error .problem-detail")).toBe(
      "The kiosk database failed: database is locked [database]",
    );
    await page.click("#review-reload");
    await page.locator("#review-list").waitFor();
    expect(await page.locator("#review-list > li").count()).toBe(2);
    await close(page);
  });
});

describe("the settings", () => {
  it("chooses a printer, refuses an out-of-range lock without saving, then saves", async () => {
    const page = await asSupervisor();
    await page.click("#open-settings");
    await page.locator("#settings-form").waitFor();
    expect(await page.textContent("#settings-title")).toBe("Cilësimet");
    expect(await page.textContent("#settings-path")).toBe("/home/kiosk/.local/share/ipko-kiosk/settings.toml");
    expect(await page.textContent("#settings-store")).toBe("IPKO Demo Prishtinë (DEMO-PRISHTINA)");
    expect(await page.textContent("#settings-device")).toBe("Demo counter");
    expect(await page.textContent("#settings-central")).toBe("http://127.0.0.1:41234");
    expect(await page.isVisible("#settings-demo")).toBe(true);
    expect(await page.inputValue("#idle-lock")).toBe("3");
    expect(await page.isChecked('input[name="printer"][data-printer=""]')).toBe(true);
    expect(await page.isChecked("#language-sq")).toBe(true);
    const stopped = page.locator("label", { has: page.locator('input[data-printer="Back-Office"]') });
    expect(await stopped.textContent()).toContain("Kujdes: I ndalur");
    expect(await stopped.textContent()).toContain("Paper jam");

    await page.check('input[data-printer="Counter-2"]');
    await page.fill("#idle-lock", "99");
    await page.click("#settings-save");
    await expect.poll(() => page.textContent("#idle-lock-problem")).toBe(
      "Kyçja automatike duhet të jetë nga 1 deri në 30 minuta.",
    );
    expect(await page.getAttribute("#idle-lock", "aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("idle-lock");
    expect(await page.inputValue("#idle-lock")).toBe("99");
    expect(await page.isChecked('input[data-printer="Counter-2"]')).toBe(true);
    expect(await calls(page)).toEqual([]);
    expect(await page.locator("#settings-saved").count()).toBe(0);

    await page.fill("#idle-lock", "10");
    await page.check("#language-en");
    await page.focus("#idle-lock");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.textContent("#settings-saved")).toMatch(/^Cilësimet u ruajtën\./);
    expect(await calls(page)).toEqual([
      { cmd: "save_settings", change: { printer: "Counter-2", idle_lock_minutes: 10, language: "en" } },
    ]);
    expect(await page.evaluate(() => (window as unknown as Fake).__fakeKiosk.settings)).toMatchObject({
      printer: "Counter-2",
      idle_lock_minutes: 10,
      language: "en",
    });
    expect(await page.locator("#idle-lock-problem").count()).toBe(0);

    // The confirmation goes once something differs from what was saved; the screen survives a language switch.
    await page.fill("#idle-lock", "12");
    await expect.poll(() => page.locator("#settings-saved").count()).toBe(0);
    await setLanguage(page, "sr");
    expect(await page.textContent("#settings-title")).toBe("Подешавања");
    expect(await page.inputValue("#idle-lock")).toBe("12");
    expect(await page.isChecked('input[data-printer="Counter-2"]')).toBe(true);

    await page.click("#settings-back");
    await page.locator("#identify-title").waitFor();
    await close(page);
  });

  it("keeps what was typed when Rust refuses to save", async () => {
    const page = await start({
      setUp: () => {
        const fake = (window as unknown as Fake).__fakeKiosk;
        fake.commands.save_settings = () =>
          fake.reject(
            "invalid_input",
            "/home/kiosk/.local/share/ipko-kiosk/settings.toml cannot be written: Permission denied (os error 13)",
          );
      },
    });
    await signIn(page, "PR-0901", "9999");
    await setLanguage(page, "en");
    await page.click("#open-settings");
    await page.locator("#settings-form").waitFor();
    await page.fill("#idle-lock", "7");
    await page.check("#language-sr");
    await page.click("#settings-save");
    await expect.poll(() => page.textContent("#settings-error")).toContain(
      "The settings were not saved. The reason is below; what you typed stays here.",
    );
    expect(await page.textContent("#settings-error .problem-detail")).toBe(
      "/home/kiosk/.local/share/ipko-kiosk/settings.toml cannot be written: Permission denied (os error 13) [invalid_input]",
    );
    expect(await page.inputValue("#idle-lock")).toBe("7");
    expect(await page.isChecked("#language-sr")).toBe(true);
    expect(await page.locator("#settings-saved").count()).toBe(0);
    await close(page);
  });
});

describe("a clerk", () => {
  it("has no supervisor buttons, and the commands refuse (Rust checks the role, not only the buttons)", async () => {
    const page = await start();
    await signIn(page, "PR-0101", "1111");
    await expect.poll(() => page.textContent(".who-name")).toBe("Arta Bytyçi");
    expect(await page.isVisible("#open-review")).toBe(false);
    expect(await page.isVisible("#open-settings")).toBe(false);
    const refusals = await page.evaluate(async () => {
      const ipc = (window as unknown as Fake).__TAURI_INTERNALS__;
      const out: unknown[] = [];
      for (const [cmd, args] of [
        ["review_list", {}],
        ["retry_change", { seq: 41, rebase: false }],
        ["export_queue", {}],
        ["settings_view", {}],
        ["save_settings", { change: { printer: null, idle_lock_minutes: 5, language: "sq" } }],
      ] as const) {
        out.push(await ipc.invoke(cmd, args).then(() => "answered", (error: unknown) => error));
      }
      return out;
    });
    const refusal = { code: "supervisor_only", message: "Only a supervisor may do this: ask a supervisor to sign in." };
    expect(refusals).toEqual([refusal, refusal, refusal, refusal, refusal]);
    expect(await calls(page)).toEqual([]);
    await close(page);
  });
});

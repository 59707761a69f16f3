// The signed captures' forms beyond the happy path, in headless Chromium (e2e/harness.ts) against
// e2e/fake-signing.js: the keyboard alone (Enter continues and saves, Escape goes back), a language
// switch in the middle of each capture keeping what was typed, ticked and drawn, a consent taken
// while the customer's data could not be loaded (offline: the current choices unknown, the change
// queued, the status bar's count rising), the requests not covered elsewhere (access with a period,
// portability, restriction, a permanent suspension), and what the form refuses before Rust is
// asked, beside the field. The customer is fictional.

import { type Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { drawSignature, open, setLanguage, signIn, useBrowser } from "./harness";

useBrowser();

interface Saved {
  kind: string;
  payload: Record<string, unknown> & { choices?: Array<{ purpose: string; channel: string | null; state: string }> };
}

interface Fakes {
  __fakeReport: { serveAtSignIn: boolean; report: { consents: unknown[] } };
  __fakeKiosk: { outage: boolean; pending: number };
  __fakeSigning: { saved: Saved[]; calls: Array<[string, Record<string, unknown>]>; customerKind: string };
}

/** Signs in with a customer served; `setUp` changes the stand-ins first. */
async function serve(page: Page, setUp?: (w: Fakes) => void, name: string | null = "Vjosa Krasniqi"): Promise<void> {
  await page.evaluate((body) => {
    const w = window as unknown as Fakes;
    w.__fakeReport.serveAtSignIn = true;
    if (body) new Function("w", body)(w);
  }, setUp ? `(${setUp.toString()})(w)` : null);
  await signIn(page, "PR-0101", "1111");
  if (name !== null) await expect.poll(() => page.textContent("#customer-name")).toBe(name);
}

const tab = (page: Page, name: string): Promise<void> => page.getByRole("tab", { name, exact: true }).click();
const saved = (page: Page): Promise<Saved[]> => page.evaluate(() => (window as unknown as Fakes).__fakeSigning.saved);
const focused = (page: Page): Promise<string | undefined> => page.evaluate(() => document.activeElement?.id);
const problem = (page: Page): Promise<string | null> => page.textContent("#capture-problem");
const calls = (page: Page, name: string): Promise<number> =>
  page.evaluate((n) => (window as unknown as Fakes).__fakeSigning.calls.filter(([c]) => c === n).length, name);

describe("the captures' forms", () => {
  it("goes through a consent with the keyboard alone, in English: Enter continues and saves, Escape goes back keeping the ticks", async () => {
    const page = await open();
    await setLanguage(page, "en");
    await serve(page);
    await tab(page, "Consent");
    await expect.poll(() => page.textContent("#consent-notice")).toContain("Consent to marketing");
    // Space ticks the focused choice, Enter in the form continues to the review.
    await page.focus("#consent-current_offers-email");
    await page.keyboard.press("Space");
    expect(await page.isChecked("#consent-current_offers-email")).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toBe("capture-review-title");
    expect(await page.textContent("#review-changes")).toBe("What the customer allows changes: 1. Everything else is recorded as it is.");
    expect(await page.textContent("#consent-review li[data-changes='true']")).toContain("E-mail");
    expect(await page.textContent("#consent-review li[data-changes='true']")).toContain("given now (before: Withdrawn)");
    // Escape: back to the form, as it was, the focus on "Continue".
    await page.keyboard.press("Escape");
    await expect.poll(() => focused(page)).toBe("capture-next");
    expect(await page.isChecked("#consent-current_offers-email")).toBe(true);
    expect(await page.isChecked("#consent-current_offers-sms_mms")).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toBe("capture-review-title");
    // Enter with an empty pad is refused at once, without asking Rust.
    await page.keyboard.press("Enter");
    await expect.poll(() => problem(page)).toContain("The customer has not signed yet");
    expect(await calls(page, "save_consent")).toBe(0);
    // The customer signs; the pad has the focus, and Enter saves.
    await drawSignature(page);
    await expect.poll(() => focused(page)).toBe("signature-box");
    expect(await page.locator("#capture-problem").count()).toBe(0);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.textContent("#capture-saved")).toContain("Saved — Consent");
    expect(await page.textContent("#saved-reference")).toMatch(/^0193c0de-/);
    // The receipt's button has the focus: Enter prints.
    await expect.poll(() => focused(page)).toBe("print-receipt");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.textContent("#receipt-progress"), { timeout: 8000 }).toContain("Printed");
    // Escape in a form goes back to its tab (the arrows then move between tabs).
    await page.click("#capture-again");
    await page.focus("#consent-current_offers-email");
    await page.keyboard.press("Escape");
    await expect.poll(() => focused(page)).toBe("tab-consent");
    const [record] = await saved(page);
    expect(record?.payload.choices?.find((c) => c.channel === "email" && c.purpose === "current_offers")?.state).toBe("given");
    await page.close();
  });

  it("keeps what was typed, ticked and drawn through a language switch, and shows the notice in the new language", async () => {
    const page = await open();
    await serve(page);
    // Consent: ticks kept, the notice fetched again in English.
    await tab(page, "Pëlqimi");
    await page.check("#consent-help_us_be_better-all");
    await setLanguage(page, "en");
    await expect.poll(() => page.textContent("#consent-notice")).toContain("Consent to marketing");
    expect(await page.isChecked("#consent-help_us_be_better-all")).toBe(true);
    // Correction: the value and the reason kept across two switches.
    await tab(page, "Correct data");
    await page.selectOption("#correction-field", "address");
    await page.fill("#correction-value", "Rruga Agim Ramadani 15, Prishtinë");
    await page.fill("#correction-reason", "Moved");
    await setLanguage(page, "sr");
    await setLanguage(page, "sq");
    expect(await page.inputValue("#correction-field")).toBe("address");
    expect(await page.inputValue("#correction-value")).toBe("Rruga Agim Ramadani 15, Prishtinë");
    expect(await page.inputValue("#correction-reason")).toBe("Moved");
    await page.click("#capture-next");
    // The signature drawn in Albanian is still there in Serbian: it saves without signing again.
    await drawSignature(page);
    await setLanguage(page, "sr");
    await expect.poll(() => page.textContent("#capture-review-title")).toContain("Проверите и потпишите");
    await page.click("#capture-save");
    await expect.poll(() => page.textContent("#capture-saved")).toContain("Сачувано");
    expect(await page.textContent("#saved-due")).toMatch(/^\d{4}-\d\d-\d\d \(најкасније до \d{4}-\d\d-\d\d\)$/);
    // The consent ticked in Albanian is signed in Serbian, with the Serbian notice.
    await tab(page, "Сагласност");
    expect(await page.isChecked("#consent-help_us_be_better-all")).toBe(true);
    await expect.poll(() => page.textContent("#consent-notice")).toContain("Сагласност за маркетинг");
    await page.click("#capture-next");
    await drawSignature(page);
    await page.click("#capture-save");
    await expect.poll(() => saved(page).then((s) => s.length)).toBe(2);
    const [correction, consent] = await saved(page);
    expect(correction?.payload).toMatchObject({ field: "address", new_value: "Rruga Agim Ramadani 15, Prishtinë", reason: "Moved" });
    expect(consent?.payload).toMatchObject({ lang: "sr", notice_sha256: `c3${"0".repeat(62)}` });
    await page.close();
  });

  it("takes a consent offline when the customer's data could not be loaded, saying the current choices are unknown, in Serbian", async () => {
    const page = await open();
    await setLanguage(page, "sr");
    await serve(
      page,
      (w) => {
        w.__fakeKiosk.outage = true;
      },
      null,
    );
    // The report could not be fetched; the captures are still there.
    await expect.poll(() => page.textContent(".customer-failed")).toContain("Сагласност, исправке и захтеви могу се узети и без ових података");
    const waiting = async (): Promise<number> => Number.parseInt((await page.textContent("#status-queue")) ?? "", 10) || 0;
    await expect.poll(() => page.textContent("#status-connection")).toMatch(/^Ван мреже од/);
    const before = await waiting();
    await tab(page, "Сагласност");
    await expect.poll(() => page.textContent("#consent-unknown")).toContain("Тренутни избори клијента нису познати");
    expect(await page.locator(".consent-choice input:checked").count()).toBe(0);
    expect(await page.locator("[id^='withdraw-']").count()).toBe(0);
    await page.check("#consent-current_offers-sms_mms");
    await page.click("#capture-next");
    await expect.poll(() => page.textContent("#review-changes")).toBe("Претходни избори клијента нису познати: бележи се оно што сада бира.");
    await drawSignature(page);
    await page.click("#capture-save");
    await expect.poll(() => page.textContent("#capture-queued")).toBe("Сачувано на шалтеру; биће послато IPKO-у када се веза врати.");
    await expect.poll(waiting).toBe(before + 2);
    expect(await page.textContent("#status-queue")).toMatch(/измена чека/);
    const [record] = await saved(page);
    // Only what the customer gives now: an unticked box may hide a consent given before.
    expect(record?.payload.choices).toEqual([{ purpose: "current_offers", channel: "sms_mms", state: "given" }]);
    await page.close();
  });

  it("takes an access request with a period typed as the clerk writes dates, refusing a day that is not one, in Albanian", async () => {
    const page = await open();
    await serve(page);
    await tab(page, "Kërkesat");
    await page.check("#request-access");
    await expect.poll(() => page.textContent("#request-due")).toMatch(/^IPKO përgjigjet deri më \d{4}-\d\d-\d\d \(jo më vonë se \d{4}-\d\d-\d\d\)$/);
    await page.click("#capture-next");
    await expect.poll(() => problem(page)).toBe("Shënoni çfarë kërkon të marrë klienti.");
    expect(await page.getAttribute("#request-items", "aria-invalid")).toBe("true");
    await page.check("#access-full_traffic_data");
    await page.check("#access-machine_readable_copy");
    await page.fill("#access-from", "31.2.2026");
    await page.press("#access-from", "Enter");
    await expect.poll(() => problem(page)).toContain("Data e fillimit nuk është një datë e vlefshme");
    expect(await focused(page)).toBe("access-from");
    expect(await page.inputValue("#access-from")).toBe("31.2.2026");
    expect(await calls(page, "check_rights_request")).toBe(0);
    await page.fill("#access-from", "1.1.2026");
    await page.fill("#access-to", "2026-03-31");
    await page.press("#access-to", "Enter");
    await expect.poll(() => page.textContent("#capture-summary")).toContain("2026-01-01 – 2026-03-31");
    expect(await page.textContent("#capture-summary")).toContain("Të gjitha të dhënat e trafikut, Kopje e lexueshme nga kompjuteri");
    await drawSignature(page);
    await page.click("#capture-save");
    await expect.poll(() => page.textContent("#capture-saved")).toContain("U ruajt — Qasja");
    expect(await page.textContent("#saved-reference")).toMatch(/^DEMO-PRISHTINA-2026-/);
    const [record] = await saved(page);
    expect(record?.payload).toMatchObject({
      kind: "access",
      objection_purpose: null,
      particulars: { kind: "access", items: ["full_traffic_data", "machine_readable_copy"], from: "2026-01-01", to: "2026-03-31" },
    });
    await page.close();
  });

  it("takes portability and restriction requests, the missing tick said beside its group, in English and Serbian", async () => {
    const page = await open();
    await setLanguage(page, "en");
    await serve(page);
    await tab(page, "Requests");
    // A person cannot ask for the business-only suspension, and is told why.
    expect(await page.isDisabled("#request-marketing_suspension")).toBe(true);
    expect(await page.textContent("#request-marketing_suspension-why")).toBe("For business customers only.");
    await page.check("#request-portability");
    await expect.poll(() => page.textContent(".capture-form")).toContain("The data the customer gave IPKO themself");
    await page.click("#capture-next");
    await expect.poll(() => problem(page)).toBe("Tick the file format(s) the customer wants.");
    await page.check("#format-json");
    await page.check("#format-csv");
    await page.click("#capture-next");
    await expect.poll(() => page.textContent("#capture-summary")).toContain("JSON, CSV");
    await drawSignature(page);
    await page.click("#capture-save");
    await expect.poll(() => page.textContent("#capture-saved")).toContain("Saved — Data portability");
    await page.click("#capture-again");
    await setLanguage(page, "sr");
    await page.check("#request-restriction");
    await page.check("#category-mobile_services");
    await page.click("#capture-next");
    await expect.poll(() => problem(page)).toBe("Упишите захтев речима клијента.");
    expect(await focused(page)).toBe("request-details");
    await page.fill("#request-details", "Не желим да се подаци користе док се спор не реши.");
    await page.click("#capture-next");
    await expect.poll(() => page.textContent("#capture-summary")).toContain("Мобилне услуге");
    expect(await page.textContent("#capture-summary")).toContain("Не желим да се подаци користе");
    await drawSignature(page);
    await page.click("#capture-save");
    await expect.poll(() => saved(page).then((s) => s.length)).toBe(2);
    const [portability, restriction] = await saved(page);
    expect(portability?.payload).toMatchObject({ kind: "portability", particulars: { kind: "portability", formats: ["json", "csv"] } });
    expect(restriction?.payload).toMatchObject({ kind: "restriction", particulars: { kind: "restriction", categories: ["mobile_services"] } });
    await page.close();
  });

  it("takes a business's permanent suspension, in effect within fifteen days; a temporary one needs its last day", async () => {
    const page = await open();
    await serve(page, (w) => {
      w.__fakeSigning.customerKind = "business";
    });
    await tab(page, "Kërkesat");
    await page.check("#request-marketing_suspension");
    await expect.poll(() => page.textContent("#request-due")).toMatch(/^Në fuqi jo më vonë se \d{4}-\d\d-\d\d$/);
    // Not permanent and no day: refused here (Rust would read no day as permanent).
    await page.uncheck("#suspension-permanent");
    await expect.poll(() => focused(page)).toBe("suspension-until");
    await page.click("#capture-next");
    await expect.poll(() => problem(page)).toContain("Shkruani ditën e fundit të pezullimit");
    // A day already past is Rust's refusal, worded and with Rust's sentence below.
    await page.fill("#suspension-until", "2020-01-01");
    await page.click("#capture-next");
    await expect.poll(() => problem(page)).toContain("Diçka në formular nuk pranohet");
    expect(await problem(page)).toContain("A temporary suspension ends after today");
    await page.check("#suspension-permanent");
    await page.click("#capture-next");
    await expect.poll(() => page.textContent("#capture-summary")).toContain("I përhershëm");
    await drawSignature(page);
    await page.click("#capture-save");
    await expect.poll(() => page.textContent("#saved-due")).toMatch(/^\d{4}-\d\d-\d\d$/);
    const [record] = await saved(page);
    expect(record?.payload).toMatchObject({ kind: "marketing_suspension", particulars: { kind: "marketing_suspension", until: null } });
    await page.close();
  });

  it("words Rust's refusal of an e-mail address the browser would have stopped itself, in Albanian", async () => {
    const page = await open();
    await serve(page);
    await tab(page, "Korrigjimi");
    await page.selectOption("#correction-field", "email");
    await page.fill("#correction-value", "vjosa.example.com");
    await page.fill("#correction-reason", "Adresë e re");
    await page.press("#correction-reason", "Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => problem(page)).toContain("Kjo adresë e-maili nuk është e vlefshme.");
    expect(await calls(page, "check_correction")).toBe(1);
    expect(await focused(page)).toBe("correction-value");
    expect(await page.getAttribute("#correction-value", "aria-describedby")).toBe("capture-problem");
    // Choosing another field clears the problem; nothing typed is lost.
    await page.selectOption("#correction-field", "contact_number");
    expect(await page.locator("#capture-problem").count()).toBe(0);
    expect(await page.inputValue("#correction-value")).toBe("vjosa.example.com");
    await page.close();
  });
});

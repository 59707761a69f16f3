// The signed captures in headless Chromium (e2e/harness.ts) against e2e/fake-signing.js, which
// checks what kiosk_core::capture checks: consent (an existing customer's choices and a withdrawal,
// a new customer), a correction, rights requests (objection to fraud prevention, a business's
// marketing suspension, erasure, complaint), in the three languages, with the refusals (an empty
// pad, a signature too short, a bad e-mail address), the offline path, the customer's window, and
// "Done". The customer is fictional.

import { type Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { drawSignature, open, setLanguage, signIn, useBrowser } from "./harness";

useBrowser();

interface Saved {
  mutation_id: string;
  kind: string;
  reference: string;
  payload: Record<string, unknown> & { choices?: Array<{ purpose: string; channel: string | null; state: string }> };
}

interface Fakes {
  __fakeReport: { serveAtSignIn: boolean; shown: boolean; report: { consents: unknown[] } };
  __fakeKiosk: { outage: boolean; pending: number };
  __fakeSigning: {
    saved: Saved[];
    calls: Array<[string, Record<string, unknown>]>;
    customerKind: string;
    offer: { offer: Record<string, unknown> } | null;
    customerSteps(step: string): void;
    customerSubmits(submission: unknown): unknown;
  };
}

async function serve(page: Page, setUp?: (w: Fakes) => void): Promise<void> {
  await page.evaluate((body) => {
    const w = window as unknown as Fakes;
    w.__fakeReport.serveAtSignIn = true;
    if (body) new Function("w", body)(w);
  }, setUp ? `(${setUp.toString()})(w)` : null);
  await signIn(page, "PR-0101", "1111");
  await expect.poll(() => page.textContent("#customer-name")).toBe("Vjosa Krasniqi");
}

function tab(page: Page, name: string): Promise<void> {
  return page.getByRole("tab", { name, exact: true }).click();
}

function saved(page: Page): Promise<Saved[]> {
  return page.evaluate(() => (window as unknown as Fakes).__fakeSigning.saved);
}

/** Draws on the pad as a customer's hand would: `points` moves across `share` of its width. */
const sign = (page: Page, points = 80, share = 0.8): Promise<void> => drawSignature(page, points, share);

const problem = (page: Page): Promise<string | null> => page.textContent("#capture-problem");

describe("signed captures", () => {
  it("records an existing customer's consent in Albanian: the current choices shown, refusals for an empty pad and a tap, then saved and the receipt printed", async () => {
    const page = await open();
    await serve(page);
    await tab(page, "Pëlqimi");
    await expect.poll(() => page.textContent("#consent-notice")).toContain("Pëlqimi për marketing");
    // The customer gave SMS/MMS for current offers before: ticked, with when and how.
    expect(await page.isChecked("#consent-current_offers-sms_mms")).toBe(true);
    expect(await page.textContent(".consent-purpose")).toContain("in store, clerk assisted, signed");
    // The purposes that profile with traffic and location data say so.
    expect(await page.locator(".consent-purpose .warning").count()).toBe(3);
    await page.check("#consent-current_offers-email");
    await page.click("#capture-next");
    await expect.poll(() => page.textContent("#consent-review")).toContain("E-mail");

    await page.click("#capture-save");
    await expect.poll(() => problem(page)).toContain("Klienti nuk ka nënshkruar ende");
    await sign(page, 5, 0.05);
    await page.click("#capture-save");
    await expect.poll(() => problem(page)).toContain("shumë e shkurtër për një nënshkrim");
    expect(await saved(page)).toHaveLength(0);

    await page.click("#signature-clear");
    await sign(page);
    await page.click("#capture-save");
    await expect.poll(() => page.textContent("#capture-saved")).toContain("U ruajt");
    const [record] = await saved(page);
    expect(record?.kind).toBe("consent_recorded");
    const choices = record?.payload.choices ?? [];
    // Every purpose × channel of the policy, explicitly: 9 + 9 + 1 + 1.
    expect(choices).toHaveLength(20);
    expect(choices.find((c) => c.purpose === "current_offers" && c.channel === "email")?.state).toBe("given");
    expect(choices.find((c) => c.purpose === "current_offers" && c.channel === "sms_mms")?.state).toBe("given");
    expect(choices.find((c) => c.purpose === "help_us_be_better")?.state).toBe("refused");
    expect(record?.payload.lang).toBe("sq");

    await page.click("#print-receipt");
    await expect.poll(() => page.textContent("#receipt-progress"), { timeout: 8000 }).toContain("U printua");
    await page.close();
  });

  it("withdraws one consent with one action, in English", async () => {
    const page = await open();
    await setLanguage(page, "en");
    await serve(page);
    await tab(page, "Consent");
    await page.click("#withdraw-current_offers-sms_mms");
    await expect.poll(() => page.textContent("#consent-review")).toContain("Withdrawn");
    expect(await page.locator("#consent-review li").count()).toBe(1);
    await sign(page);
    await page.click("#capture-save");
    await expect.poll(() => page.textContent("#capture-saved")).toContain("Saved");
    const [record] = await saved(page);
    expect(record?.payload.choices).toEqual([{ purpose: "current_offers", channel: "sms_mms", state: "withdrawn" }]);
    await page.close();
  });

  it("starts a new customer with nothing ticked, in Serbian", async () => {
    const page = await open();
    await setLanguage(page, "sr");
    await serve(page, (w) => {
      w.__fakeReport.report.consents = [];
    });
    await tab(page, "Сагласност");
    await expect.poll(() => page.textContent("#consent-notice")).toContain("Сагласност за маркетинг");
    expect(await page.locator(".consent-choice input:checked").count()).toBe(0);
    await page.check("#consent-help_us_be_better-all");
    await page.click("#capture-next");
    await sign(page);
    await page.click("#capture-save");
    await expect.poll(() => page.textContent("#capture-saved")).toContain("Сачувано");
    const [record] = await saved(page);
    expect(record?.payload.lang).toBe("sr");
    expect(record?.payload.choices?.filter((c) => c.state === "given")).toEqual([
      { purpose: "help_us_be_better", channel: null, state: "given" },
    ]);
    await page.close();
  });

  it("refuses a bad e-mail address keeping what was typed, then saves the correction offline, in English", async () => {
    const page = await open();
    await setLanguage(page, "en");
    await serve(page);
    await page.evaluate(() => {
      (window as unknown as Fakes).__fakeKiosk.outage = true;
    });
    await tab(page, "Correct data");
    await page.selectOption("#correction-field", "email");
    await page.fill("#correction-value", "vjosa@example");
    await page.fill("#correction-reason", "Changed provider");
    await page.click("#capture-next");
    await expect.poll(() => problem(page)).toContain("That e-mail address is not valid.");
    expect(await page.inputValue("#correction-value")).toBe("vjosa@example");
    expect(await page.getAttribute("#correction-value", "aria-invalid")).toBe("true");
    await page.fill("#correction-value", "Vjosa.K@Example.COM");
    await page.click("#capture-next");
    await expect.poll(() => page.textContent("#capture-summary")).toContain("Vjosa.K@example.com");
    await sign(page);
    await page.click("#capture-save");
    await expect.poll(() => page.textContent("#capture-queued")).toContain("it will be sent to IPKO when the connection is back");
    expect(await page.textContent("#saved-reference")).toMatch(/^DEMO-PRISHTINA-2026-/);
    expect(await page.textContent("#saved-due")).not.toBe("");
    const [record] = await saved(page);
    expect(record?.payload).toMatchObject({ field: "email", new_value: "Vjosa.K@example.com", base_record_version: 4 });
    await expect.poll(() => page.evaluate(() => (window as unknown as Fakes).__fakeKiosk.pending)).toBe(2);
    await page.close();
  });

  it("corrects the contact number in Albanian, refusing a number that is not one and taking Kosovo's national form", async () => {
    const page = await open();
    await serve(page);
    await tab(page, "Korrigjimi");
    await page.selectOption("#correction-field", "contact_number");
    await expect.poll(() => page.textContent("#correction-old")).toContain("+383 44 000 001");
    await page.fill("#correction-value", "049 12a 456");
    await page.fill("#correction-reason", "Numër i ri");
    await page.click("#capture-next");
    await expect.poll(() => problem(page)).toContain("Ky numër telefoni nuk është i vlefshëm");
    await page.fill("#correction-value", "049 123 456");
    await page.click("#capture-next");
    await expect.poll(() => page.textContent("#capture-summary")).toContain("+383 49 123 456");
    await sign(page);
    await page.click("#capture-save");
    await expect.poll(() => page.textContent("#capture-saved")).toContain("U ruajt");
    const [record] = await saved(page);
    expect(record?.payload).toMatchObject({ field: "contact_number", new_value: "+383 49 123 456" });
    await page.close();
  });

  it("corrects the surname in Serbian and asks for the reason first", async () => {
    const page = await open();
    await setLanguage(page, "sr");
    await serve(page);
    await tab(page, "Исправка");
    await page.selectOption("#correction-field", "last_name");
    await page.fill("#correction-value", "Krasniqi-Berisha");
    await page.click("#capture-next");
    await expect.poll(() => problem(page)).toContain("Упишите зашто клијент тражи исправку");
    expect(await page.getAttribute("#correction-reason", "aria-invalid")).toBe("true");
    await page.fill("#correction-reason", "Удала се");
    await page.click("#capture-next");
    await sign(page);
    await page.click("#capture-save");
    await expect.poll(() => page.textContent("#capture-saved")).toContain("Сачувано");
    const [record] = await saved(page);
    expect(record?.payload).toMatchObject({ field: "last_name", old_value: "Krasniqi", new_value: "Krasniqi-Berisha" });
    await page.close();
  });

  it("takes an objection to fraud prevention and shows that IPKO's interest usually prevails, in Albanian", async () => {
    const page = await open();
    await serve(page);
    await tab(page, "Kërkesat");
    await page.check("#request-objection");
    await expect.poll(() => page.textContent("#request-due")).toContain("IPKO përgjigjet deri më");
    // Marketing suspension is for businesses only.
    expect(await page.isDisabled("#request-marketing_suspension")).toBe(true);
    await page.selectOption("#objection-purpose", "fraud_prevention");
    await expect.poll(() => page.textContent("#usually-prevails")).toContain("zakonisht mbizotëron");
    expect(await page.textContent("#usually-prevails")).toContain("always prevails over the interests");
    await page.click("#capture-next");
    // The customer's words are asked for beside their field, before Rust is asked.
    await expect.poll(() => problem(page)).toContain("Shkruani kërkesën me fjalët e klientit.");
    expect(await page.getAttribute("#request-details", "aria-invalid")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("request-details");
    await page.fill("#request-details", "Nuk dua që thirrjet e mia të analizohen.");
    await page.click("#capture-next");
    await sign(page);
    await page.click("#capture-save");
    await expect.poll(() => page.textContent("#capture-saved")).toContain("U ruajt");
    const [record] = await saved(page);
    expect(record?.payload).toMatchObject({ kind: "objection", objection_purpose: "fraud_prevention", particulars: { kind: "objection" } });
    await page.close();
  });

  it("takes a business's marketing suspension until a date, in Serbian", async () => {
    const page = await open();
    await setLanguage(page, "sr");
    await serve(page, (w) => {
      w.__fakeSigning.customerKind = "business";
    });
    await tab(page, "Захтеви");
    await page.check("#request-marketing_suspension");
    await expect.poll(() => page.textContent(".customer")).toContain("у року од 15 дана");
    await page.uncheck("#suspension-permanent");
    await page.fill("#suspension-until", "2027-06-30");
    await page.click("#capture-next");
    await sign(page);
    await page.click("#capture-save");
    await expect.poll(() => page.textContent("#capture-saved")).toContain("Сачувано");
    const [record] = await saved(page);
    expect(record?.payload).toMatchObject({ kind: "marketing_suspension", particulars: { kind: "marketing_suspension", until: "2027-06-30" } });
    await page.close();
  });

  it("takes an erasure of chosen categories and a complaint with the supervisory authority explained, in English", async () => {
    const page = await open();
    await setLanguage(page, "en");
    await serve(page);
    await tab(page, "Requests");
    await page.check("#request-erasure");
    await page.check("#category-identity_contact");
    await page.fill("#request-details", "I closed the account.");
    await page.click("#capture-next");
    await expect.poll(() => page.textContent("#capture-summary")).toContain("Identity and contact");
    await sign(page);
    await page.click("#capture-save");
    await expect.poll(() => page.textContent("#capture-saved")).toContain("Saved");
    await page.click("#capture-again");
    await page.check("#request-complaint");
    await expect.poll(() => page.textContent("#complaint-authority")).toContain("Information and Privacy Agency");
    await page.check("#authority-explained");
    await page.fill("#request-details", "I was called with offers after I withdrew my consent.");
    await page.click("#capture-next");
    await sign(page);
    await page.click("#capture-save");
    await expect.poll(() => saved(page).then((s) => s.length)).toBe(2);
    const records = await saved(page);
    expect(records[0]?.payload).toMatchObject({ kind: "erasure", particulars: { kind: "erasure", categories: ["identity_contact"] } });
    expect(records[1]?.payload).toMatchObject({ kind: "complaint", particulars: { kind: "complaint", supervisory_authority_explained: true } });
    await page.close();
  });

  it("lets the customer sign on their own screen, following their steps, and saves what they handed in", async () => {
    const page = await open();
    await setLanguage(page, "en");
    await serve(page);
    await tab(page, "Consent");
    await page.check("#consent-current_offers-email");
    await page.click("#capture-next");
    await page.click("#offer-to-customer");
    await expect.poll(() => page.textContent("#handoff-status")).toContain("reading");
    const offered = await page.evaluate(() => (window as unknown as Fakes).__fakeSigning.offer?.offer);
    expect(offered).toMatchObject({ kind: "consent", lang: "en" });
    expect(await page.isDisabled("#capture-save")).toBe(true);
    // The customer's window: choosing, then signing; the clerk's screen follows, without the pad.
    await page.evaluate(() => (window as unknown as Fakes).__fakeSigning.customerSteps("signing"));
    await expect.poll(() => page.textContent("#handoff-status")).toContain("signing");
    expect(await page.locator("#signature-pad").count()).toBe(0);
    // The customer unticks e-mail, ticks "help us be better" on their screen, and signs.
    const strokes = [Array.from({ length: 60 }, (_, i) => [400 + i * 60, 1000 + (i % 9) * 50, i * 16])];
    await page.evaluate((s) => {
      (window as unknown as Fakes).__fakeSigning.customerSubmits({
        choices: [{ purpose: "help_us_be_better", channel: null, state: "given" }],
        signature: { width: 600, height: 200, strokes: s },
      });
    }, strokes);
    await expect.poll(() => page.textContent("#handoff-status")).toContain("The customer signed on their screen");
    await page.click("#capture-save");
    await expect.poll(() => page.textContent("#capture-saved")).toContain("Saved");
    const [record] = await saved(page);
    expect(record?.payload.choices).toEqual([{ purpose: "help_us_be_better", channel: null, state: "given" }]);
    await page.close();
  });

  it("drops the drafts and the signature at Done", async () => {
    const page = await open();
    await setLanguage(page, "en");
    await serve(page);
    await tab(page, "Correct data");
    await page.fill("#correction-value", "Vjosë");
    await page.fill("#correction-reason", "Misspelt");
    await page.click("#capture-next");
    await sign(page);
    await page.click("#customer-done");
    await expect.poll(() => page.locator("#signature-pad").count()).toBe(0);
    await expect.poll(() => page.locator("#customer-name").count()).toBe(0);
    expect(await saved(page)).toHaveLength(0);
    await page.close();
  });
});

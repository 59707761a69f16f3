// The identify screen in headless Chromium (e2e/harness.ts) against e2e/fake-identity.js: the
// scanner's burst wherever focus is, each check in plain words, the match with the record, the
// photo confirmation; a misread zone, the typed document, the offline lookup, a guardian and a
// business representative acting for a customer. Everyone is one of the demo's fictional people.

import { type Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";

import { open as openPage, scan, signIn, useBrowser } from "./harness";

useBrowser();

// A failed test must not leave its page behind to steal the next one's keyboard.
const pages: Page[] = [];
afterEach(async () => {
  await Promise.all(pages.splice(0).map((p) => p.close()));
});

async function open(): Promise<Page> {
  const page = await openPage();
  pages.push(page);
  return page;
}

interface FakeCall {
  command: string;
  [arg: string]: unknown;
}

/** Room for a scan to be repeated on a busy machine (see `scanned`). */
const SCANNING = 60_000;

/** A demo document's zone, as the fake's `demo_documents` lists it. */
function zoneOf(page: Page, customerId: string, kase?: string): Promise<string> {
  return page.evaluate(
    ([id, c]) => {
      const fake = (window as unknown as { __fakeIdentity: { documents: Array<Record<string, string>> } })
        .__fakeIdentity;
      const doc = fake.documents.find((d) => d.customer_id === id && (c === undefined || d.case === c));
      return doc?.zone ?? "";
    },
    [customerId, kase] as const,
  );
}

function calls(page: Page): Promise<FakeCall[]> {
  return page.evaluate(() => (window as unknown as { __fakeIdentity: { calls: FakeCall[] } }).__fakeIdentity.calls);
}

async function lastCall(page: Page, command: string): Promise<FakeCall | undefined> {
  return (await calls(page)).filter((c) => c.command === command).at(-1);
}

/**
 * harness.scan, and the check it must cause. A machine too busy (two cores, a Rust build beside)
 * can stall the typing past the scanner's gaps, so that the burst reads as a person typing; that
 * attempt is repeated rather than failing the screen's test on the machine's load. The burst
 * detection itself is scanner.test.ts's.
 */
async function scanned(page: Page, zone: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const before = (await calls(page)).length;
    await scan(page, zone);
    const arrived = async (): Promise<boolean> =>
      (await calls(page)).slice(before).some((c) => c.command === "check_zone" && c.zone === zone);
    try {
      await expect.poll(arrived, { timeout: 4000 }).toBe(true);
      return;
    } catch (error) {
      if (attempt === 4) {
        throw error;
      }
    }
  }
}

async function clerk(page: Page): Promise<void> {
  await signIn(page, "PR-0101", "1111");
  await page.locator(".card.identify").waitFor();
  // The demo's documents are listed once read.
  await page.locator("#try-0").waitFor();
}

async function lang(page: Page, code: "SQ" | "EN" | "SR"): Promise<void> {
  await page.getByRole("button", { name: code, exact: true }).click();
}

function texts(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).allTextContents();
}

/**
 * The counter serves the customer: the fake kiosk's view has them and the customer screen shows
 * (the placeholder `.card.customer` or the real screen, both a `section.customer`).
 */
async function serving(page: Page, customerId: string): Promise<void> {
  await page.locator("section.customer").waitFor();
  const served = await page.evaluate(
    () =>
      (window as unknown as { __fakeKiosk: { view: { customer?: { customer: { customer_id: string } } | null } } })
        .__fakeKiosk.view.customer?.customer.customer_id,
  );
  expect(served).toBe(customerId);
}

function activeId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.activeElement?.id);
}

describe("the identify screen", () => {
  it(
    "identifies a demo customer from a scanner burst typed into another field, after the photo is confirmed",
    async () => {
      const page = await open();
      await clerk(page);
      expect(await page.textContent(".scan-hint")).toBe("Skanoni dokumentin (ose shkruajeni)");
      const zone = await zoneOf(page, "C-000001");
      expect(zone.split("\n")).toHaveLength(3);

      // The cursor is in the zone field; the scanner types there, yet the field keeps nothing of it.
      await page.click("#zone-text");
      await scanned(page, zone);
      await page.locator("#result-title").waitFor();
      expect((await lastCall(page, "check_zone"))?.zone).toBe(zone);
      await expect.poll(() => activeId(page)).toBe("result-title");

      expect(await page.textContent(".summary")).toBe("Dokumenti i kaloi të gjitha kontrollet.");
      const checks = await texts(page, ".check");
      expect(checks).toContain("✓Shifra e kontrollit — numri i dokumentit (rreshti 1, shenja 15): në rregull");
      expect(checks).toContain("✓Shifra e kontrollit — e gjithë zona (rreshti 2, shenja 30): në rregull");
      expect(checks.some((c) => c.startsWith("✓Dokumenti është i vlefshëm deri më "))).toBe(true);
      // Only the last four characters of the document number show.
      expect(await page.textContent(".document-data")).toContain("•••••0001");
      expect(await page.textContent(".document-data")).toContain("ARBER ZEQIRI");

      expect(await page.textContent(".candidate-name strong")).toBe("Arbër Zeqiri");
      expect(await page.textContent(".candidate .verdict")).toBe("Klienti vetë: Përputhet me të dhënat e IPKO-s.");
      expect(await page.isChecked("#candidate-C-000001")).toBe(true);
      expect(await page.isChecked("#acting-themself")).toBe(true);

      // Without the photo confirmation nothing is recorded.
      await page.click("#confirm");
      await expect
        .poll(() => page.textContent(".missing"))
        .toBe("Konfirmoni që fotografia në dokument është personi në sportel.");
      expect(await activeId(page)).toBe("photo-confirmed");
      expect(await lastCall(page, "confirm_identity")).toBeUndefined();

      // Keyboard only: Space ticks the box that has the focus, then on to the button.
      await page.keyboard.press("Space");
      await expect.poll(() => page.isChecked("#photo-confirmed")).toBe(true);
      expect(await activeId(page)).toBe("photo-confirmed");
      await page.focus("#confirm");
      await page.keyboard.press("Enter");
      await serving(page, "C-000001");
      expect(await lastCall(page, "confirm_identity")).toEqual({
        command: "confirm_identity",
        customerId: "C-000001",
        acting: { capacity: "themself" },
        photoConfirmed: true,
        judgement: "not_given",
      });
    },
    SCANNING,
  );

  it(
    "says in plain words which check digit failed, allows no confirmation, and a new scan replaces the result",
    async () => {
      const page = await open();
      await clerk(page);
      await lang(page, "EN");
      const zone = await zoneOf(page, "C-000002");
      const [line1 = "", ...rest] = zone.split("\n");
      // The document number's check digit (line 1, character 15) misread as another digit.
      const wrong = String((Number(line1[14]) + 3) % 10);
      const misread = [line1.slice(0, 14) + wrong + line1.slice(15), ...rest].join("\n");
      await scanned(page, misread);
      await page.locator("#result-title").waitFor();

      expect(await page.textContent(".summary")).toBe(
        "The document failed 2 checks: it cannot be used until they pass.",
      );
      const failed = await texts(page, '.check[data-tone="fail"]');
      expect(failed[0]).toBe(
        `✗The check digit of the document number does not fit (line 1, character 15: the zone has ${wrong}, ${line1[14]} is expected): the zone was misread or altered. Scan the document again; if it fails again, type it by hand from the printed page or ask for another document.`,
      );
      // Every check digit sits inside the composite check, which fails with it.
      expect(failed[1]).toContain("The final check digit over the whole zone does not fit (line 2, character 30");
      expect(await texts(page, '.check[data-tone="ok"]')).toContain(
        "✓Check digit of the date of birth (line 2, character 7): correct",
      );
      expect(await page.locator("#confirm").count()).toBe(0);
      expect(await page.locator("#photo-confirmed").count()).toBe(0);
      expect(await page.locator(".candidate").count()).toBe(0);

      // The language switch keeps the result.
      await lang(page, "SR");
      expect(await page.textContent(".summary")).toBe(
        "Документ није прошао 2 провере: не може се користити док их не прође.",
      );
      expect((await texts(page, '.check[data-tone="fail"]'))[0]).toContain(
        "Контролна цифра се не слаже — број документа (ред 1, знак 15",
      );

      // Scanning again replaces the result without "Start again".
      await scanned(page, zone);
      await expect.poll(() => page.textContent(".summary")).toBe("Документ је прошао све провере.");
      expect(await page.textContent(".candidate-name strong")).toBe("Qëndresa Dërmaku-Çitaku");

      // "Start again" clears the document, here and in Rust.
      await page.click("#start-again");
      await page.locator(".scan-hint").waitFor();
      expect(await page.locator("#result-title").count()).toBe(0);
      await expect.poll(() => lastCall(page, "end_customer")).toBeDefined();
      expect(await activeId(page)).toBe("type-document");
    },
    SCANNING,
  );

  it("checks a typed document, naming the fields to fix first", async () => {
    const page = await open();
    await clerk(page);
    await lang(page, "SR");
    await page.getByRole("button", { name: "Унесите документ" }).click();
    await expect.poll(() => activeId(page)).toBe("typed-document_type");

    const personal = await page.evaluate(
      () =>
        (
          window as unknown as {
            __fakeIdentity: { customers: Array<{ customer_id: string; personal_number: string }> };
          }
        ).__fakeIdentity.customers.find((c) => c.customer_id === "C-000002")?.personal_number ?? "",
    );
    await page.fill("#typed-document_number", "P00000002");
    await page.fill("#typed-personal_number", personal);
    await page.fill("#typed-surname", "Dërmaku-Çitaku");
    await page.fill("#typed-given_names", "Qëndresa");
    await page.fill("#typed-date_of_birth", "31.02.1992");
    await page.click("#typed-submit");
    // Nothing is sent while a date is no date or a required field is empty.
    await expect.poll(() => activeId(page)).toBe("typed-expires_on");
    expect(await texts(page, ".field-problem")).toEqual([
      "Попуните ово поље.",
      "Унесите датум као ДД.ММ.ГГГГ, нпр. 03.09.1988.",
    ]);
    expect(await lastCall(page, "check_typed_document")).toBeUndefined();

    const inTwoYears = new Date();
    inTwoYears.setFullYear(inTwoYears.getFullYear() + 2);
    const expires = `${String(inTwoYears.getDate()).padStart(2, "0")}.${String(inTwoYears.getMonth() + 1).padStart(2, "0")}.${inTwoYears.getFullYear()}`;
    await page.fill("#typed-expires_on", expires);
    await page.fill("#typed-date_of_birth", "17.02.1992");
    await page.keyboard.press("Enter");
    await page.locator("#result-title").waitFor();
    const sent = (await lastCall(page, "check_typed_document"))?.entry as Record<string, unknown>;
    expect(sent).toMatchObject({
      document_type: "id_card",
      issuing_state: "RKS",
      document_number: "P00000002",
      issued_on: null,
      personal_number: personal,
      surname: "Dërmaku-Çitaku",
      given_names: "Qëndresa",
      date_of_birth: "1992-02-17",
      nationality: null,
    });
    expect(await page.textContent(".summary")).toBe("Документ је прошао све провере.");
    expect(await page.textContent(".document-data")).toContain("ручно унето");
    expect(await page.textContent(".candidate .verdict")).toBe("Корисник лично: Поклапа се са евиденцијом IPKO-а.");
    await page.check("#photo-confirmed");
    await page.click("#confirm");
    await serving(page, "C-000002");
  });

  it("says that IPKO's records cannot be reached while offline, and finds the customer by number later", async () => {
    const page = await open();
    await clerk(page);
    await lang(page, "EN");
    await page.check("#outage");
    await page.getByRole("button", { name: "Try: Arbër Zeqiri" }).click();
    await page.locator("#result-title").waitFor();
    expect(await page.textContent(".summary")).toBe("The document passed every check.");
    const notice = await page.textContent(".lookup-failed");
    expect(notice).toContain("IPKO's records cannot be reached now (the kiosk is offline).");
    expect(notice).toContain("search for the customer again later");
    expect(notice).toContain("no connection to the central API could be made");
    expect(await page.locator("#confirm").count()).toBe(0);

    // Still offline: the search says so too.
    await page.fill("#search-text", "512 340 001");
    await page.click("#search");
    await expect.poll(() => page.textContent(".search .problem")).toContain("IPKO's records cannot be reached now");

    // Back online: the same search finds the record.
    await page.uncheck("#outage");
    await page.click("#search");
    await page.locator(".candidate").waitFor();
    expect((await lastCall(page, "search_customer"))?.query).toEqual({
      personal_number: null,
      customer_no: "512340001",
      msisdn: null,
    });
    expect(await page.locator(".lookup-failed").count()).toBe(0);
    expect(await page.textContent(".candidate .verdict")).toBe("The customer in person: Matches IPKO's record.");
    await page.check("#photo-confirmed");
    await page.click("#confirm");
    await serving(page, "C-000001");
  });

  it(
    "lets a guardian act for a minor, with the authorisation typed",
    async () => {
      const page = await open();
      await clerk(page);
      // The guardian's own card: no customer has her personal number, the minor is searched for.
      await scanned(page, await zoneOf(page, "C-000006", "minor_with_guardian"));
      await page.locator("#result-title").waitFor();
      expect(await page.textContent(".notice")).toContain("Asnjë klient nuk ka numrin personal të këtij dokumenti.");
      await page.fill("#search-text", "512340006");
      await page.keyboard.press("Enter");
      await page.locator(".candidate").waitFor();
      await expect.poll(() => activeId(page)).toBe("candidates-title");
      expect(await page.textContent(".candidate-name strong")).toBe("Rina Morina");
      expect(await texts(page, ".candidate .verdict")).toEqual([
        "Kujdestari i të miturit: Valbona Morina: Përputhet me të dhënat e IPKO-s.",
        "Klienti vetë: Nuk përputhet (ndryshon: numri personal, emri, data e lindjes): mos vazhdoni me këtë dokument.",
      ]);
      // The capacity follows the best match: the guardian.
      expect(await page.isChecked("#acting-guardian")).toBe(true);
      expect(await page.textContent(".acting")).toContain(
        "Në të dhëna: Birth certificate, Civil Registry Office Prishtinë",
      );

      await page.click("#confirm");
      await expect.poll(() => activeId(page)).toBe("authorisation-reference");
      expect(await page.textContent("#authorisation-reference-problem")).toBe(
        "Shkruani referencën e dokumentit që e autorizon personin.",
      );
      expect(await page.textContent(".missing")).toBe("Konfirmoni që fotografia në dokument është personi në sportel.");

      // The customer in person does not match this document: no confirmation is offered for that.
      await page.check("#acting-themself");
      expect(await page.textContent(".acting .verdict")).toContain("Nuk përputhet");
      expect(await page.locator("#confirm").count()).toBe(0);
      await page.check("#acting-guardian");

      await page.fill("#authorisation-reference", "Birth certificate 1187");
      await page.check("#photo-confirmed");
      await page.click("#confirm");
      await serving(page, "C-000006");
      expect(await lastCall(page, "confirm_identity")).toEqual({
        command: "confirm_identity",
        customerId: "C-000006",
        acting: { capacity: "guardian", authorisation_reference: "Birth certificate 1187" },
        photoConfirmed: true,
        judgement: "not_given",
      });
    },
    SCANNING,
  );

  it("shows Rust's refusal of a business representative in the clerk's words, then confirms", async () => {
    const page = await open();
    await clerk(page);
    await lang(page, "EN");
    // The representative's own card: the demo lists it under the person's name.
    await page.getByRole("button", { name: "Try: Besnik Hoxha" }).click();
    await page.locator("#result-title").waitFor();
    await page.check("#search-by-msisdn");
    await page.fill("#search-text", "044 100 205");
    await page.click("#search");
    await page.locator(".candidate").waitFor();
    expect(await page.textContent(".candidate-name strong")).toBe("Lumi Logjistikë SH.P.K. (Besnik Hoxha)");
    expect(await page.isChecked("#acting-business_representative")).toBe(true);
    expect(await page.textContent(".acting .verdict")).toBe(
      "Business representative: Besnik Hoxha: Matches IPKO's record.",
    );

    await page.fill("#business-number", "810000000");
    await page.fill("#authorisation-reference", "ARBK extract 2024-117");
    await page.check("#photo-confirmed");
    await page.click("#confirm");
    await expect
      .poll(() => page.textContent(".acting .problem"))
      .toContain("The business number is not the customer's: check it against the business register extract.");
    expect(await page.textContent(".acting .problem-detail")).toBe(
      "The business number given (810000000) is not the customer's business number: check it against the business register extract.",
    );
    expect(await activeId(page)).toBe("confirm");

    await page.fill("#business-number", "810 000 555");
    await page.click("#confirm");
    await serving(page, "C-000005");
    expect((await lastCall(page, "confirm_identity"))?.acting).toEqual({
      capacity: "business_representative",
      business_number: "810 000 555",
      authorisation_reference: "ARBK extract 2024-117",
    });
  });
});

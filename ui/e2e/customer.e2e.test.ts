// The customer screen in headless Chromium (e2e/harness.ts) against e2e/fake-report.js: the data by
// the policy's categories in the three languages, a failed load and its retry, the traffic paged
// and searched by date, the printout previewed with PDF.js under the app's own CSP, printed with
// its progress and outcome, and "Done". The customer is fictional.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { type Page } from "playwright-core";
import { describe, expect, it } from "vitest";

import { open, setLanguage, signIn, useBrowser } from "./harness";

useBrowser();

interface FakeReport {
  serveAtSignIn: boolean;
  failShow: { code: string; message: string } | null;
  printFails: { code: string; message: string } | null;
  jobStates: string[];
  jobMessage: string | null;
  pdf: Record<string, string> | null;
  pages: number;
  calls: Array<[string, Record<string, unknown>]>;
  report: { traffic: Array<{ started_at: string }> };
}

interface Fakes {
  __fakeReport: FakeReport;
  __fakeKiosk: { view: { state: string; customer?: unknown }; outage: boolean };
}

/** The commands the screen sent to the report's stand-in, with their arguments. */
function calls(page: Page, command: string): Promise<Array<Record<string, unknown>>> {
  return page.evaluate(
    (c) => (window as unknown as Fakes).__fakeReport.calls.filter(([name]) => name === c).map(([, args]) => args),
    command,
  );
}

/** Signs a clerk in with the fictional customer served, as a confirmed identity leaves the counter. */
async function serve(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as Fakes).__fakeReport.serveAtSignIn = true;
  });
  await signIn(page, "PR-0101", "1111");
  await expect.poll(() => page.textContent("#customer-name")).toBe("Vjosa Krasniqi");
}

function tab(page: Page, name: string): Promise<void> {
  return page.getByRole("tab", { name, exact: true }).click();
}

/** Pixels of the page's first drawn canvas that are not white: a blank canvas has none. */
function inkedPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>(".pdf-page canvas");
    const ctx = canvas?.getContext("2d");
    if (!canvas || !ctx || canvas.width === 0) {
      return 0;
    }
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if ((pixels[i] ?? 255) < 200 || (pixels[i + 1] ?? 255) < 200 || (pixels[i + 2] ?? 255) < 200) {
        inked += 1;
      }
    }
    return inked;
  });
}

const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src ipc: http://ipc.localhost; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

describe("the customer screen", () => {
  it("shows the customer's data by the policy's categories, and follows the language", async () => {
    const page = await open();
    await serve(page);
    await expect
      .poll(() => page.textContent("#overview-categories"))
      .toBe("Të dhënat që IPKO mban, sipas kategorive të politikës");
    const categories = await page.locator(".categories-table tbody tr td:first-child").allTextContents();
    expect(categories).toEqual([
      "Identiteti dhe kontakti",
      "Shërbimet mobile",
      "Interneti",
      "DTV dhe TVIM",
      "Telefonia fikse",
      "Blerjet në internet",
      "Ankesat dhe kërkesat",
      "Thirrjet në qendrën e thirrjeve",
      "Pajisjet e rrjetit",
    ]);
    // Records held, purposes and retention from the vocabulary; consents in force; the open request.
    const mobile = page.locator(".categories-table tbody tr", { hasText: "Shërbimet mobile" });
    expect(await mobile.locator("td").nth(1).textContent()).toBe("3");
    expect(await mobile.textContent()).toContain("Parandalimi i mashtrimit");
    expect(await page.textContent(".consents-table")).toContain("Oferta vetëm për mua");
    expect(await page.textContent(".requests-table")).toContain("DEMO-PRISHTINA-2026-7K3QZ9");
    expect(await page.textContent(".requests-table")).toContain("Fshirja");
    expect(await page.textContent("#overview-traffic")).toBe("Shiko trafikun");
    expect(await page.textContent(".customer-demo")).toBe("DEMO — të dhëna fiktive");

    await setLanguage(page, "en");
    await expect
      .poll(() => page.textContent("#overview-categories"))
      .toBe("The data IPKO holds, by the policy's categories");
    expect(await page.locator(".categories-table tbody tr td:first-child").first().textContent()).toBe(
      "Identity and contact",
    );
    expect(await page.locator("[role=tab]").allTextContents()).toEqual(["Overview", "Data", "Traffic", "Printout", "Consent", "Correct data", "Requests"]);

    await setLanguage(page, "sr");
    await expect
      .poll(() => page.textContent("#overview-categories"))
      .toBe("Подаци које IPKO чува, по категоријама политике");
    expect(await page.locator(".categories-table tbody tr td:first-child").first().textContent()).toBe(
      "Идентитет и контакт",
    );
    expect(await page.locator("[role=tab]").allTextContents()).toEqual(["Преглед", "Подаци", "Саобраћај", "Отисак", "Сагласност", "Исправка", "Захтеви"]);
    expect(await page.getAttribute("section.customer", "lang")).toBe("sr-Cyrl");

    // The tabs from the keyboard: the arrow moves to the data, each category with its records.
    await page.focus("#tab-overview");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.getAttribute("#tab-data", "aria-selected")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-data");
    expect(await page.textContent("#category-mobile_services")).toBe("Мобилне услуге");
    const mobileData = page.locator("section.category", { has: page.locator("#category-mobile_services") });
    expect(await mobileData.textContent()).toContain("356938035643809");
    expect(await page.textContent("section.category:has(#category-television)")).toContain(
      "IPKO не чува податке ове категорије о клијенту.",
    );
    await page.close();
  });

  it("says why the data could not be fetched and fetches it again on request", async () => {
    const page = await open();
    await page.evaluate(() => {
      (window as unknown as Fakes).__fakeKiosk.outage = true;
    });
    await page.evaluate(() => {
      (window as unknown as Fakes).__fakeReport.serveAtSignIn = true;
    });
    await signIn(page, "PR-0101", "1111");
    await expect
      .poll(() => page.textContent(".customer-failed .problem"))
      .toContain("Sistemi qendror i IPKO-s nuk arrihet: kontrolloni rrjetin dhe provoni përsëri.");
    expect(await page.textContent(".customer-failed .problem-detail")).toContain("cannot be reached");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("load-retry");
    await page.evaluate(() => {
      (window as unknown as Fakes).__fakeKiosk.outage = false;
    });
    await page.getByRole("button", { name: "Provo përsëri" }).click();
    await expect.poll(() => page.textContent("#customer-name")).toBe("Vjosa Krasniqi");
    await expect.poll(() => page.locator(".categories-table tbody tr").count()).toBe(9);
    await page.close();
  });

  it("pages the traffic and searches it by date", async () => {
    const page = await open();
    await serve(page);
    await setLanguage(page, "en");
    await tab(page, "Traffic");
    const total = await page.evaluate(() => (window as unknown as Fakes).__fakeReport.report.traffic.length);
    const n = new Intl.NumberFormat("en").format(total);
    await expect.poll(() => page.textContent("#traffic-count")).toBe(`Rows 1–50 of ${n}`);
    expect(await page.locator(".traffic-table tbody tr").count()).toBe(50);
    expect(await page.isDisabled("#traffic-previous")).toBe(true);
    // The other party's number loses its last three digits unless the customer asks.
    expect(await page.locator(".traffic-table tbody td:nth-child(4)").first().textContent()).toMatch(/^\+383\d{5}•••$/);

    await page.click("#traffic-next");
    await expect.poll(() => page.textContent("#traffic-count")).toBe(`Rows 51–100 of ${n}`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("traffic-next");
    await page.click("#traffic-last");
    const pages = Math.ceil(total / 50);
    await expect.poll(() => page.textContent(".pager-page")).toBe(`Page ${pages} of ${pages}`);
    expect(await page.textContent("#traffic-count")).toBe(
      `Rows ${new Intl.NumberFormat("en").format((pages - 1) * 50 + 1)}–${n} of ${n}`,
    );
    expect(await page.isDisabled("#traffic-next")).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("traffic-first");
    await page.click("#traffic-first");
    await expect.poll(() => page.textContent("#traffic-count")).toBe(`Rows 1–50 of ${n}`);

    // A week in March, Kosovo's days: every row shown is on those days, as many as the data has.
    await page.fill("#traffic-from", "2026-03-01");
    await page.fill("#traffic-to", "2026-03-07");
    await page.click("#traffic-search");
    const week = await page.evaluate(() => {
      const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Belgrade" });
      return (window as unknown as Fakes).__fakeReport.report.traffic.filter((r) => {
        const d = day.format(new Date(r.started_at));
        return d >= "2026-03-01" && d <= "2026-03-07";
      }).length;
    });
    expect(week).toBeGreaterThan(5);
    await expect.poll(() => page.textContent("#traffic-count")).toBe(`Rows 1–${week} of ${week}`);
    const times = await page.locator(".traffic-table tbody td:first-child").allTextContents();
    expect(times).toHaveLength(week);
    expect(times.every((t) => t >= "2026-03-01" && t < "2026-03-08")).toBe(true);
    expect((await calls(page, "traffic_page")).at(-1)).toMatchObject({
      from: "2026-03-01",
      to: "2026-03-07",
      offset: 0,
    });

    // A day that is none, or a range the wrong way round, is refused here, before Rust is asked.
    const asked = (await calls(page, "traffic_page")).length;
    await page.fill("#traffic-to", "2026-02-30");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.textContent("#traffic-problem"))
      .toBe("The last day is not a valid date. Write it as YYYY-MM-DD, e.g. 2026-03-31.");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("traffic-to");
    expect(await page.getAttribute("#traffic-to", "placeholder")).toBe("YYYY-MM-DD");
    await page.fill("#traffic-to", "7.3.2026");
    await page.fill("#traffic-from", "2026-03-10");
    await page.click("#traffic-search");
    await expect
      .poll(() => page.textContent("#traffic-problem"))
      .toBe("The first day is after the last day: swap them.");
    expect(await calls(page, "traffic_page")).toHaveLength(asked);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("traffic-from");

    // The customer's explicit request: the full numbers, here and on the printout.
    await page.click("#traffic-all");
    await expect.poll(() => page.textContent("#traffic-count")).toBe(`Rows 1–50 of ${n}`);
    await page.check("#full-numbers");
    await expect
      .poll(() => page.locator(".traffic-table tbody td:nth-child(4)").first().textContent())
      .toMatch(/^\+383\d{8}$/);
    expect((await calls(page, "traffic_page")).at(-1)).toMatchObject({ fullNumbers: true });
    await tab(page, "Printout");
    expect(await page.isChecked("#printout-full-numbers")).toBe(true);
    await expect
      .poll(async () => (await calls(page, "preview_report")).at(-1))
      .toEqual({ lang: "en", fullNumbers: true });
    await page.close();
  });

  it("previews a real printout with PDF.js in a worker under the app's CSP", async () => {
    const page = await open();
    // The app's CSP on every response (the worker's too), and the prototype frozen as Tauri does.
    await page.route("**/*", async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": APP_CSP } });
    });
    await page.addInitScript(() => {
      Object.freeze(Object.prototype);
      const seen: string[] = [];
      (window as unknown as { __csp: string[] }).__csp = seen;
      document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const messages: string[] = [];
    page.on("console", (m) => messages.push(m.text()));
    await page.reload();
    await page.locator("#staff-id").waitFor();
    const pdf = readFileSync(fileURLToPath(new URL("fixtures/printout-sq.pdf", import.meta.url))).toString("base64");
    await page.evaluate((sq) => {
      (window as unknown as Fakes).__fakeReport.pdf = { sq };
    }, pdf);
    await serve(page);
    await tab(page, "Shtypja");
    await expect.poll(() => page.textContent("#preview-page"), { timeout: 15_000 }).toBe("Faqja 1 nga 9");
    await expect.poll(() => inkedPixels(page), { timeout: 15_000 }).toBeGreaterThan(2_000);
    expect(page.workers().some((w) => w.url().includes("pdf.worker"))).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    expect(messages.filter((m) => /Content Security Policy|fake worker/i.test(m))).toEqual([]);
    expect(await calls(page, "preview_report")).toEqual([{ lang: "sq", fullNumbers: false }]);
    // The control: the policy is in force here, so something it forbids is reported.
    await page.evaluate(() => {
      const img = document.createElement("img");
      img.src = "http://127.0.0.2/not-allowed.png";
      document.body.append(img);
    });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp))
      .toEqual(["img-src http://127.0.0.2/not-allowed.png"]);
    await page.close();
  });

  it("draws only the pages near the view of a long printout, and follows the language", async () => {
    const page = await open();
    await page.evaluate(() => {
      (window as unknown as Fakes).__fakeReport.pages = 300;
    });
    await serve(page);
    await tab(page, "Shtypja");
    await expect.poll(() => page.textContent("#preview-page"), { timeout: 15_000 }).toBe("Faqja 1 nga 300");
    await expect.poll(() => inkedPixels(page)).toBeGreaterThan(1_000);
    expect(await page.locator(".pdf-page").count()).toBe(300);
    expect(await page.locator(".pdf-page canvas").count()).toBeLessThanOrEqual(4);

    // To the end: the last page is drawn there, and the first pages gave their canvases back.
    await page.evaluate(() => {
      const scroller = document.querySelector(".pdf-scroller");
      scroller?.scrollTo(0, scroller.scrollHeight);
    });
    await expect.poll(() => page.textContent("#preview-page")).toBe("Faqja 300 nga 300");
    await expect.poll(() => page.locator(".pdf-page").last().locator("canvas").count()).toBe(1);
    expect(await page.locator(".pdf-page").first().locator("canvas").count()).toBe(0);
    expect(await page.locator(".pdf-page canvas").count()).toBeLessThanOrEqual(8);

    // Zoom: in from the fitted width, and back to it.
    const fitted = await page.textContent("#preview-zoom");
    await page.click("#preview-zoom-in");
    await expect.poll(() => page.textContent("#preview-zoom")).not.toBe(fitted);
    expect(await page.getAttribute("#preview-fit", "aria-pressed")).toBe("false");
    await page.click("#preview-fit");
    await expect.poll(() => page.textContent("#preview-zoom")).toBe(fitted);

    // The printout follows the language switch: fetched again in English.
    await setLanguage(page, "en");
    await expect.poll(() => page.textContent("#preview-page")).toBe("Page 1 of 300");
    expect(await calls(page, "preview_report")).toEqual([
      { lang: "sq", fullNumbers: false },
      { lang: "en", fullNumbers: false },
    ]);
    await expect.poll(() => inkedPixels(page)).toBeGreaterThan(1_000);
    await page.close();
  });

  it("prints with progress to the outcome, and says why a print failed", async () => {
    const page = await open();
    await serve(page);
    await tab(page, "Shtypja");
    await page.focus("#print-report");
    await page.keyboard.press("Enter");
    expect(await page.isDisabled("#print-report")).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("print-progress");
    await expect
      .poll(() => page.textContent("#print-progress"))
      .toContain("U dërgua te printeri KioskPDF si punë KioskPDF-12.");
    await expect.poll(() => page.textContent("#print-progress"), { timeout: 10_000 }).toContain("U printua.");
    expect(await page.getAttribute("#print-progress", "data-tone")).toBe("ok");
    expect(await page.isDisabled("#print-report")).toBe(false);
    expect(await calls(page, "print_report")).toEqual([{ lang: "sq", fullNumbers: false }]);
    // Asked each second until the job ended, then no more.
    const polls = (await calls(page, "print_job_state")).length;
    expect(polls).toBe(3);
    await page.waitForTimeout(1_500);
    expect(await calls(page, "print_job_state")).toHaveLength(polls);

    // CUPS refuses: the clerk's words by the code, Rust's sentence below.
    await page.evaluate(() => {
      (window as unknown as Fakes).__fakeReport.printFails = {
        code: "printer_stopped",
        message:
          'The printer "KioskPDF" is stopped (Paper jam): nothing prints until it is started again. Check the printer (paper, toner, cable), then store IT: cupsenable KioskPDF.',
      };
    });
    await page.click("#print-report");
    await expect
      .poll(() => page.textContent("#print-progress"))
      .toContain("Printeri është ndalur. Kontrolloni letrën, tonerin dhe kabllon, pastaj thirrni IT-në e dyqanit.");
    expect(await page.getAttribute("#print-progress", "data-tone")).toBe("error");
    expect(await page.textContent("#print-progress .problem-detail")).toContain("(Paper jam)");

    // The job fails at the printer: CUPS's message is shown.
    await page.evaluate(() => {
      const fake = (window as unknown as Fakes).__fakeReport;
      fake.printFails = null;
      fake.jobStates = ["processing", "failed"];
      fake.jobMessage = "Filter failed";
    });
    await setLanguage(page, "en");
    await page.click("#print-report");
    await expect
      .poll(() => page.textContent("#print-progress"), { timeout: 10_000 })
      .toContain("The print failed. Check the printer and try again.");
    expect(await page.textContent("#print-progress .problem-detail")).toBe("Filter failed");
    expect((await calls(page, "print_report")).at(-1)).toEqual({ lang: "en", fullNumbers: false });
    await page.close();
  });

  it("Done ends the customer: back to identifying, nothing of the customer kept", async () => {
    const page = await open();
    await serve(page);
    await tab(page, "Shtypja");
    await expect.poll(() => inkedPixels(page), { timeout: 15_000 }).toBeGreaterThan(1_000);
    expect(page.workers().some((w) => w.url().includes("pdf.worker"))).toBe(true);
    await page.getByRole("button", { name: "Përfundo" }).click();
    await page.locator(".identify").waitFor();
    expect(await page.locator("section.customer").count()).toBe(0);
    expect(await page.locator("canvas").count()).toBe(0);
    // The printout's parser went with the screen (pdf.destroy and the worker's end).
    await expect.poll(() => page.workers().filter((w) => w.url().includes("pdf.worker")).length).toBe(0);
    expect(await page.evaluate(() => (window as unknown as Fakes).__fakeKiosk.view.customer)).toBeNull();
    expect(await calls(page, "end_customer")).toHaveLength(1);
    await page.close();
  });
});

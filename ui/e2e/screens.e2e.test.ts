// The built UI in headless Chromium (e2e/harness.ts): sign-in,
// a refused PIN, the locked screen, the outage and the refused sign-out, in each language.

import { expect, describe, it } from "vitest";

import { open, setLanguage, signIn, useBrowser } from "./harness";

useBrowser();

describe("the counter screens", () => {
  it("signs a clerk in after a refused PIN, keeping the staff id", async () => {
    const page = await open();
    expect(await page.textContent("h1")).toBe("Hyrja e punonjësit");
    await signIn(page, "pr-0101", "0000");
    await expect.poll(() => page.textContent(".problem")).toContain("Edhe 4 përpjekje");
    expect(await page.inputValue("#staff-id")).toBe("pr-0101");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("pin");
    await page.fill("#pin", "1111");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.textContent(".who-name")).toBe("Arta Bytyçi");
    // A clerk sees no supervisor role or screens; the demo's outage switch is there.
    expect(await page.textContent(".role")).toBe("PR-0101 · Punonjës");
    expect(await page.isVisible("#outage")).toBe(true);
    expect(await page.isVisible("#open-review")).toBe(false);
    await page.close();
  });

  it("locks the screen and unlocks with the PIN only", async () => {
    const page = await open();
    await signIn(page, "PR-0901", "9999");
    await page.getByRole("button", { name: "Kyç ekranin" }).click();
    await expect.poll(() => page.textContent("h1")).toBe("Ekrani është i kyçur");
    expect(await page.inputValue("#staff-id")).toBe("PR-0901");
    await page.fill("#pin", "9999");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.textContent(".who-name")).toBe("Teuta Limani");
    expect(await page.isVisible("#open-review")).toBe(true);
    await page.close();
  });

  it("shows the outage in the status bar and refuses to sign out while changes wait", async () => {
    const page = await open();
    await signIn(page, "PR-0101", "1111");
    await setLanguage(page, "en");
    await expect.poll(() => page.textContent("#status-connection")).toBe("Online");
    await page.check("#outage");
    await page.getByRole("button", { name: "Lock the screen" }).click();
    await page.fill("#pin", "1111");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.textContent("#status-connection"), { timeout: 8000 }).toBe("Offline since 14:03");
    await expect.poll(() => page.textContent("#status-queue")).toMatch(/^2 changes waiting/);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => page.textContent(".problem")).toContain("lock the screen instead of signing out");
    // Back online: the queue drains and signing out works.
    await page.uncheck("#outage");
    await expect.poll(() => page.textContent("#status-queue"), { timeout: 8000 }).toBe("All changes sent");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => page.textContent("h1")).toBe("Staff sign-in");
    await page.close();
  });

  it("gives keys typed as fast as a scanner back to their field once they are not a scan", async () => {
    const page = await open();
    // Events made in one go are microseconds apart: after the fourth the scanner's detector keeps
    // them from the field. Made by script, they insert no text themselves (unlike real keys), so
    // the field shows exactly what was given back: the kept keys, in order.
    await page.evaluate(() => {
      const field = document.getElementById("staff-id");
      for (const key of "pr-0101") {
        field?.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true }));
      }
    });
    await expect.poll(() => page.inputValue("#staff-id")).toBe("0101");
    await page.close();
  });

  it("follows the counter when a command is refused because it locked meanwhile", async () => {
    const page = await open();
    await signIn(page, "PR-0101", "1111");
    await page.locator("#try-0").waitFor();
    // Locked behind the screen's back (the idle lock, between two of the screen's polls).
    await page.evaluate(() => {
      const fake = (window as unknown as { __fakeKiosk: { view: { state: string; staff?: unknown } } }).__fakeKiosk;
      fake.view = { state: "locked", staff: fake.view.staff };
    });
    await page.click("#try-0");
    await expect.poll(() => page.textContent("h1")).toBe("Ekrani është i kyçur");
    expect(await page.isVisible("#try-0")).toBe(false);
    await page.close();
  });

  it("swallows the browser's shortcuts but not typing", async () => {
    const page = await open();
    type Keys = { key: string; ctrlKey?: boolean; shiftKey?: boolean };
    const prevented = (init: Keys): Promise<boolean> =>
      page.evaluate((i: Keys) => {
        const field = document.getElementById("staff-id");
        const event = new KeyboardEvent("keydown", { ...i, bubbles: true, cancelable: true });
        return !(field?.dispatchEvent(event) ?? true);
      }, init);
    expect(await prevented({ key: "r", ctrlKey: true })).toBe(true);
    expect(await prevented({ key: "F5" })).toBe(true);
    expect(await prevented({ key: "p", ctrlKey: true })).toBe(true);
    expect(await prevented({ key: "I", ctrlKey: true, shiftKey: true })).toBe(true);
    expect(await prevented({ key: "a" })).toBe(false);
    expect(await prevented({ key: "Backspace" })).toBe(false);
    const menu = await page.evaluate(
      () => !document.body.dispatchEvent(new MouseEvent("contextmenu", { bubbles: true, cancelable: true })),
    );
    expect(menu).toBe(true);
    await page.close();
  });

  it("speaks Serbian in Cyrillic, with the lang attribute set", async () => {
    const page = await open();
    await setLanguage(page, "sr");
    expect(await page.textContent("h1")).toBe("Пријава запосленог");
    expect(await page.getAttribute("html", "lang")).toBe("sr-Cyrl");
    await signIn(page, "PR-0101", "0000");
    await expect.poll(() => page.textContent(".problem")).toContain("Број запосленог и ПИН се не поклапају.");
    await page.close();
  });

  it("enrols a new kiosk from the first-run screen, in the settings' language, then signs in", async () => {
    const page = await open({
      ready: "#enrol-secret",
      setUp: () => {
        type Fake = { commands: Record<string, (args: Record<string, unknown>) => unknown>; reject: (c: string, m: string) => unknown };
        const fake = (window as unknown as { __fakeKiosk: Fake }).__fakeKiosk;
        let enrolled = false;
        fake.commands.app_info = () => ({
          version: "0.1.0",
          demo: false,
          problem: null,
          language: "en",
          enrolled,
          store_code: "PR-01",
        });
        fake.commands.enroll_kiosk = (args) => {
          if (args.secret !== "s3cret") {
            return fake.reject("enrolment_refused", "The central API refused the enrolment: the secret is wrong or spent.");
          }
          enrolled = true;
          return { store_code: "PR-01", store_name: "Store", device_name: "Counter 1", central_url: "https://c.example" };
        };
      },
    });
    expect(await page.textContent("h1")).toBe("Enrol this kiosk");
    expect(await page.inputValue("#enrol-store")).toBe("PR-01");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("enrol-secret");
    await page.fill("#enrol-secret", "wrong");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.textContent(".problem")).toContain("secret is wrong");
    await page.fill("#enrol-secret", "s3cret");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.textContent("h1")).toBe("Staff sign-in");
    await signIn(page, "PR-0101", "1111");
    await expect.poll(() => page.textContent(".who-name")).toBe("Arta Bytyçi");
    await page.close();
  });
});

import { describe, expect, it } from "vitest";

import { LANGS } from "./i18n";
import { type KioskStatus, parseKioskStatus, shortAge, statusBarView, timeOfDay } from "./status-bar";

// As src-tauri's kiosk_status serialises it.
const answer = {
  queue: {
    pending: 3,
    oldest_pending_captured_at: "2026-11-20T08:00:00.000000Z",
    oldest_pending_age_seconds: 26 * 3600 + 5 * 60,
    rejected: 1,
    conflict: 1,
    acknowledged: 40,
    last_acknowledged_at: null,
    age_warning: true,
    age_warning_after_seconds: 86_400,
  },
  sync: {
    connectivity: { state: "offline", since: "2026-11-20T13:03:00Z", reason: "unreachable" },
    pushing: false,
    consecutive_failures: 4,
  },
  demo: true,
};

describe("parseKioskStatus", () => {
  it("reads the command's answer", () => {
    const s = parseKioskStatus(answer);
    expect(s.queue.pending).toBe(3);
    expect(s.sync?.connectivity).toEqual({ state: "offline", since: "2026-11-20T13:03:00Z", reason: "unreachable" });
    expect(s.demo).toBe(true);
  });

  it("refuses shapes that would read as an empty queue", () => {
    expect(() => parseKioskStatus(null)).toThrow(/queue/);
    expect(() => parseKioskStatus({ ...answer, queue: { ...answer.queue, pending: "3" } })).toThrow(/pending/);
    expect(() =>
      parseKioskStatus({ ...answer, sync: { connectivity: { state: "offline" }, pushing: false } }),
    ).toThrow(/time/);
    expect(() => parseKioskStatus({ ...answer, sync: { connectivity: { state: "gone", since: "x" } } })).toThrow();
  });
});

describe("statusBarView", () => {
  it("says offline since when in Kosovo's time, and warns about an old queue", () => {
    const view = statusBarView(parseKioskStatus(answer), "en");
    // 13:03 UTC is 14:03 in Prishtina in November (CET).
    expect(view.connection).toEqual({ tone: "offline", text: "Offline since 14:03" });
    expect(view.queue).toEqual({ tone: "warning", text: "3 changes waiting (oldest: 1 d 2 h)" });
    expect(view.review).toBe("2 changes for a supervisor to review");
  });

  it("is calm when online with nothing waiting", () => {
    const s: KioskStatus = {
      queue: { ...parseKioskStatus(answer).queue, pending: 0, rejected: 0, conflict: 0, age_warning: false },
      sync: { connectivity: { state: "online", since: "2026-11-20T13:03:00Z" }, pushing: false },
      demo: false,
    };
    const view = statusBarView(s, "sq");
    expect(view.connection.tone).toBe("ok");
    expect(view.queue.tone).toBe("ok");
    expect(view.review).toBeNull();
  });

  it("says one change in the singular", () => {
    const s = parseKioskStatus(answer);
    const view = statusBarView({ ...s, queue: { ...s.queue, pending: 1, oldest_pending_age_seconds: 600 } }, "sq");
    expect(view.queue.text).toBe("1 ndryshim në pritje (10 min)");
  });

  it("names an unenrolled kiosk instead of claiming to be online", () => {
    const view = statusBarView({ ...parseKioskStatus(answer), sync: null }, "en");
    expect(view.connection).toEqual({ tone: "warning", text: "Kiosk not enrolled" });
  });

  it("has words in every language, Serbian in Cyrillic", () => {
    for (const lang of LANGS) {
      const view = statusBarView(parseKioskStatus(answer), lang);
      for (const text of [view.connection.text, view.queue.text, view.review ?? ""]) {
        expect(text.trim()).not.toBe("");
        if (lang === "sr") {
          expect(text).not.toMatch(/[A-Za-z]{3,}/);
        }
      }
    }
  });
});

describe("shortAge and timeOfDay", () => {
  it("rounds to the two largest units", () => {
    expect(shortAge(30, "en")).toBe("just now");
    expect(shortAge(5 * 60 + 59, "en")).toBe("5 min");
    expect(shortAge(3 * 3600 + 20 * 60, "en")).toBe("3 h 20 min");
    expect(shortAge(2 * 86_400, "sr")).toBe("2 д");
    expect(shortAge(-5, "sq")).toBe("tani");
  });

  it("uses the stores' time zone across the summer time change", () => {
    expect(timeOfDay("2026-07-01T12:00:00Z", "en")).toBe("14:00");
    expect(timeOfDay("2026-12-01T12:00:00Z", "en")).toBe("13:00");
  });
});

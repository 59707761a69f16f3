import { describe, expect, it } from "vitest";

import { LANGS } from "./i18n";
import {
  dateRange,
  duration,
  localTime,
  pageText,
  pageWindow,
  parseDay,
  rangeProblem,
  rowsText,
  volume,
} from "./traffic";

describe("pageWindow", () => {
  it("numbers the rows of a page and says where each pager button leads", () => {
    const first = pageWindow(1_097, 0, 50);
    expect(first).toMatchObject({ first: 1, last: 50, page: 1, pages: 22 });
    expect(first.to).toEqual({ first: null, previous: null, next: 50, last: 1_050 });
    const middle = pageWindow(1_097, 500, 50);
    expect(middle).toMatchObject({ first: 501, last: 550, page: 11 });
    expect(middle.to).toEqual({ first: 0, previous: 450, next: 550, last: 1_050 });
    const last = pageWindow(1_097, 1_050, 47);
    expect(last).toMatchObject({ first: 1_051, last: 1_097, page: 22, pages: 22 });
    expect(last.to).toEqual({ first: 0, previous: 1_000, next: null, last: null });
  });

  it("has one page and no way anywhere when nothing or one page matches", () => {
    expect(pageWindow(0, 0, 0)).toMatchObject({ first: 0, last: 0, page: 1, pages: 1 });
    expect(pageWindow(0, 0, 0).to).toEqual({ first: null, previous: null, next: null, last: null });
    expect(pageWindow(50, 0, 50).to.next).toBeNull();
    expect(pageWindow(51, 0, 50).to).toMatchObject({ next: 50, last: 50 });
  });

  it("reads an offset past the end (fewer rows after a search) as the last page", () => {
    expect(pageWindow(120, 400, 0)).toMatchObject({ page: 3, pages: 3 });
    expect(pageWindow(120, 400, 0).to.next).toBeNull();
  });

  it("says the rows and the page in each language", () => {
    const w = pageWindow(1_097, 50, 50);
    expect(rowsText(w, "en")).toBe("Rows 51–100 of 1,097");
    expect(pageText(w, "en")).toBe("Page 2 of 22");
    expect(rowsText(w, "sr")).toMatch(/^Редови 51–100 од 1\.?097$/);
    expect(rowsText(pageWindow(0, 0, 0), "sq")).toBe("Asnjë rresht në këto ditë.");
  });
});

describe("the date search", () => {
  it("reads a date field's value and a date typed the local way", () => {
    expect(parseDay("2026-03-01")).toEqual({ ok: true, day: "2026-03-01" });
    expect(parseDay(" 1.3.2026 ")).toEqual({ ok: true, day: "2026-03-01" });
    expect(parseDay("29/02/2028")).toEqual({ ok: true, day: "2028-02-29" });
    expect(parseDay("")).toEqual({ ok: true, day: null });
  });

  it("refuses what is no calendar day", () => {
    for (const wrong of ["2026-02-30", "2026-13-01", "29.02.2026", "yesterday", "2026-3", "?"]) {
      expect(parseDay(wrong)).toEqual({ ok: false });
    }
  });

  it("names the field in error, and a range the wrong way round", () => {
    expect(dateRange("2026-03-01", "2026-03-07")).toEqual({ ok: true, from: "2026-03-01", to: "2026-03-07" });
    expect(dateRange("", "2026-03-07")).toEqual({ ok: true, from: null, to: "2026-03-07" });
    expect(dateRange("2026-03-07", "2026-03-07")).toMatchObject({ ok: true });
    expect(dateRange("2026-02-30", "")).toEqual({ ok: false, problem: "from_invalid" });
    expect(dateRange("2026-03-01", "31.4.2026")).toEqual({ ok: false, problem: "to_invalid" });
    expect(dateRange("2026-03-10", "2026-03-01")).toEqual({ ok: false, problem: "reversed" });
  });

  it("says each problem in each language, with the format to use", () => {
    expect(rangeProblem("from_invalid", "en")).toBe(
      "The first day is not a valid date. Write it as YYYY-MM-DD, e.g. 2026-03-01.",
    );
    expect(rangeProblem("reversed", "sq")).toBe("Data e fillimit është pas datës së mbarimit: ndërrojini.");
    for (const lang of LANGS) {
      expect(rangeProblem("to_invalid", lang)).toContain("2026-03-31");
    }
  });
});

describe("a traffic row", () => {
  it("shows Kosovo's time whatever the computer's zone, summer and winter", () => {
    expect(localTime("2026-03-01T23:30:00Z")).toBe("2026-03-02 00:30");
    expect(localTime("2026-07-01T10:05:00Z")).toBe("2026-07-01 12:05");
  });

  it("shows durations and volumes as people read them", () => {
    expect(duration(45)).toBe("0:45");
    expect(duration(725)).toBe("12:05");
    expect(duration(3723)).toBe("1:02:03");
    expect(duration(null)).toBe("");
    expect(volume(512, "en")).toBe("512 KB");
    expect(volume(1536, "en")).toBe("1.5 MB");
    expect(volume(1536, "sq")).toBe("1,5 MB");
    expect(volume(3 * 1024 * 1024, "sr")).toBe("3 GB");
    expect(volume(null, "en")).toBe("");
  });
});

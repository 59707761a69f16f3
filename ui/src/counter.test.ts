import { describe, expect, it } from "vitest";

import { parseCounterView, refusal } from "./counter";
import { LANGS } from "./i18n";

const staff = { staff_id: "PR-0101", display_name: "Arta Bytyçi", role: "clerk", signed_in_at: "2026-11-22T08:00:00Z" };

describe("parseCounterView", () => {
  it("reads each state the Rust counter serialises", () => {
    expect(parseCounterView({ state: "signed_out" })).toEqual({ state: "signed_out" });
    expect(parseCounterView({ state: "locked", staff })).toEqual({
      state: "locked",
      staff: { staff_id: "PR-0101", display_name: "Arta Bytyçi", role: "clerk" },
    });
    const signedIn = parseCounterView({
      state: "signed_in",
      staff,
      customer: { customer: { customer_id: "C-000002" }, started_at: "x", verification: null },
      locks_at: "2026-11-22T08:03:00Z",
    });
    expect(signedIn).toMatchObject({ state: "signed_in", customerId: "C-000002" });
  });

  it("refuses what it does not know instead of guessing a state", () => {
    expect(() => parseCounterView({ state: "away" })).toThrow(/unknown state/);
    expect(() => parseCounterView({ state: "locked", staff: { ...staff, role: "admin" } })).toThrow(/staff/);
    expect(() => parseCounterView({ state: "signed_in", staff })).toThrow(/lock time/);
  });
});

describe("refusal", () => {
  it("says a wrong PIN in the clerk's language with the attempts left", () => {
    const r = refusal(
      {
        code: "sign_in_rejected",
        message: "That staff id and PIN do not match. 3 attempt(s) left before sign-in is paused.",
      },
      "sq",
    );
    expect(r.text).toBe("Numri i punonjësit ose PIN-i nuk përputhen. Edhe 3 përpjekje para pezullimit.");
  });

  it("names the end of a pause", () => {
    const message =
      "Too many wrong PINs: sign-in for this staff id is paused until 2026-11-22 14:03:00 CET. A supervisor can help meanwhile.";
    for (const lang of LANGS) {
      expect(refusal({ code: "sign_in_locked", message }, lang).text).toContain("2026-11-22 14:03");
    }
  });

  it("shows an unknown refusal as Rust said it, with its code", () => {
    expect(refusal({ code: "database", message: "The kiosk database failed: disk I/O error" }, "sr")).toEqual({
      text: "The kiosk database failed: disk I/O error",
      detail: "[database]",
    });
  });
});

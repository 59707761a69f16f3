import { describe, expect, it } from "vitest";

import { LANGS } from "./i18n";
import {
  checkForm,
  formFrom,
  formProblemText,
  isChanged,
  parseSettingsView,
  printerOptions,
  savedFrom,
  settingsRefusal,
} from "./settings-state";

// src-tauri's SettingsView as serde writes it.
const answer = {
  path: "/home/kiosk/.local/share/ipko-kiosk/settings.toml",
  central_url: "https://central.example.invalid",
  store_code: "PR-01",
  printer: null,
  idle_lock_minutes: 3,
  idle_lock_range: [1, 30],
  language: "sq",
  printers: [
    { name: "Counter-1", is_default: true, accepting: true, state: "idle", message: null },
    { name: "Back-Office", is_default: false, accepting: false, state: "stopped", message: "Paper jam" },
  ],
  printers_problem: null,
  enrolment: {
    store_code: "PR-01",
    store_name: "IPKO Prishtinë Qendër",
    device_name: "Counter 1",
    central_url: "https://central.example.invalid",
  },
};

describe("parseSettingsView", () => {
  it("reads what Rust serialises", () => {
    const view = parseSettingsView(answer);
    expect(view.idle_lock_range).toEqual([1, 30]);
    expect(view.printers[1]).toEqual({
      name: "Back-Office",
      is_default: false,
      accepting: false,
      state: "stopped",
      message: "Paper jam",
    });
    expect(view.enrolment?.store_name).toBe("IPKO Prishtinë Qendër");
    const bare = parseSettingsView({
      ...answer,
      printers: [],
      printers_problem: { code: "cups_not_running", message: "The print service (CUPS) is not running." },
      enrolment: null,
    });
    expect(bare.printers_problem?.code).toBe("cups_not_running");
    expect(bare.enrolment).toBeNull();
  });

  it("refuses a wrong shape", () => {
    expect(() => parseSettingsView(null)).toThrow(/object/);
    expect(() => parseSettingsView({ ...answer, language: "de" })).toThrow(/unknown language/);
    expect(() => parseSettingsView({ ...answer, idle_lock_range: [30, 1] })).toThrow(/empty/);
    const jammed = { ...answer, printers: [{ ...answer.printers[0], state: "jammed" }] };
    expect(() => parseSettingsView(jammed)).toThrow(/state/);
  });
});

describe("checkForm", () => {
  const view = parseSettingsView(answer);

  it("makes save_settings' change, snake_case inside", () => {
    const form = { ...formFrom(view), printer: "Counter-1", idleText: " 10 ", language: "sr" as const };
    expect(checkForm(form, view.idle_lock_range)).toEqual({
      ok: true,
      change: { printer: "Counter-1", idle_lock_minutes: 10, language: "sr" },
    });
    expect(checkForm(formFrom(view), view.idle_lock_range)).toEqual({
      ok: true,
      change: { printer: null, idle_lock_minutes: 3, language: "sq" },
    });
  });

  it("says what is wrong with the minutes, in every language", () => {
    const out = checkForm({ ...formFrom(view), idleText: "99" }, view.idle_lock_range);
    expect(out).toEqual({ ok: false, problem: { kind: "out_of_range", min: 1, max: 30 } });
    expect(checkForm({ ...formFrom(view), idleText: "0" }, view.idle_lock_range).ok).toBe(false);
    for (const typed of ["", "ten", "2.5", "-3", "1e1"]) {
      expect(checkForm({ ...formFrom(view), idleText: typed }, view.idle_lock_range)).toEqual({
        ok: false,
        problem: { kind: "not_a_number" },
      });
    }
    if (!out.ok) {
      expect(formProblemText(out.problem, "en")).toBe("The automatic lock must be from 1 to 30 minutes.");
      expect(formProblemText(out.problem, "sr")).toBe("Аутоматско закључавање мора бити од 1 до 30 минута.");
      for (const lang of LANGS) {
        expect(formProblemText({ kind: "not_a_number" }, lang)).not.toBe("");
      }
    }
  });

  it("knows when the form differs from what is saved", () => {
    const saved = savedFrom(view);
    expect(isChanged(formFrom(view), saved)).toBe(false);
    expect(isChanged({ ...formFrom(view), idleText: "4" }, saved)).toBe(true);
    expect(isChanged({ ...formFrom(view), printer: "Counter-1" }, saved)).toBe(true);
  });
});

describe("printerOptions", () => {
  it("offers the default first, then each printer with its state, flagging what would not print", () => {
    const view = parseSettingsView(answer);
    const options = printerOptions(view, null, "en");
    expect(options.map((o) => o.value)).toEqual([null, "Counter-1", "Back-Office"]);
    expect(options[0]).toMatchObject({
      label: "The computer's default printer",
      status: "Currently: Counter-1 · Ready",
      warning: false,
    });
    expect(options[1]).toMatchObject({ label: "Counter-1 (default)", status: "Ready", warning: false });
    expect(options[2]).toMatchObject({
      status: "Stopped: nothing prints until it is started again · Not accepting new jobs",
      warning: true,
      detail: "Paper jam",
    });
    expect(printerOptions(view, null, "sr")[2]?.status).toMatch(/^Заустављен/);
  });

  it("keeps a saved printer the computer no longer has, flagged", () => {
    const view = parseSettingsView({ ...answer, printer: "Old-Printer" });
    const gone = printerOptions(view, "Old-Printer", "en").at(-1);
    expect(gone).toMatchObject({ value: "Old-Printer", status: "Not found on this computer", warning: true });
  });

  it("says there is no default, unless CUPS could not be asked", () => {
    const none = parseSettingsView({ ...answer, printers: [] });
    expect(printerOptions(none, null, "en")[0]).toMatchObject({
      warning: true,
      status: "This computer has no default printer: choose a printer.",
    });
    const problem = { code: "cups_not_running", message: "x" };
    const down = parseSettingsView({ ...answer, printers: [], printers_problem: problem });
    expect(printerOptions(down, null, "en")[0]).toMatchObject({ warning: false, status: null });
  });
});

describe("settingsRefusal", () => {
  it("keeps Rust's reason below the supervisor's words", () => {
    const error = { code: "invalid_input", message: "idle_lock_minutes is 99: it must be from 1 to 30 minutes." };
    expect(settingsRefusal(error, "save", "en")).toEqual({
      text: "The settings were not saved. The reason is below; what you typed stays here.",
      detail: "idle_lock_minutes is 99: it must be from 1 to 30 minutes. [invalid_input]",
    });
    expect(settingsRefusal({ code: "cups_not_running", message: "m" }, "printers", "sq").text).toMatch(/^Printerët/);
  });
});

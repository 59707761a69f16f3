import { describe, expect, it, vi } from "vitest";

import {
  APP_INFO_COMMAND,
  type AppInfoSource,
  describeError,
  loadAppInfo,
  parseAppInfo,
  statusView,
} from "./app-info";

function insideTauri(answer: () => Promise<unknown>): AppInfoSource & { invoke: ReturnType<typeof vi.fn> } {
  return { isTauri: () => true, invoke: vi.fn(answer) };
}

describe("parseAppInfo", () => {
  it("reads the settings' language, the enrolment and the store code", () => {
    expect(
      parseAppInfo({ version: "0.1.0", demo: false, problem: null, language: "sr", enrolled: false, store_code: "PR-01" }),
    ).toEqual({ version: "0.1.0", demo: false, problem: null, language: "sr", enrolled: false, storeCode: "PR-01" });
    expect(() => parseAppInfo({ version: "0.1.0", demo: false, language: "de" })).toThrow(/language/);
    expect(() => parseAppInfo({ version: "0.1.0", demo: false, enrolled: "no" })).toThrow(/enrolled/);
    expect(() => parseAppInfo({ version: "0.1.0", demo: false, store_code: 7 })).toThrow(/store code/);
  });

  it("accepts the shape the Rust command serialises", () => {
    expect(parseAppInfo({ version: "0.1.0", demo: true, problem: null })).toEqual({
      version: "0.1.0",
      demo: true,
      problem: null,
    });
    expect(parseAppInfo({ version: "2.3.4", demo: false, problem: { code: "invalid_input", message: "x" } })).toEqual({
      version: "2.3.4",
      demo: false,
      problem: { code: "invalid_input", message: "x" },
    });
  });

  it("rejects answers that would otherwise render as a wrong mode or an empty version", () => {
    expect(() => parseAppInfo(null)).toThrow(/null/);
    expect(() => parseAppInfo("0.1.0")).toThrow(/string/);
    expect(() => parseAppInfo({ demo: true })).toThrow(/version/);
    expect(() => parseAppInfo({ version: "  ", demo: true })).toThrow(/version/);
    // A string "false" is truthy: accepting it would show a live kiosk as demo or the reverse.
    expect(() => parseAppInfo({ version: "0.1.0", demo: "false" })).toThrow(/demo/);
    expect(() => parseAppInfo({ version: "0.1.0" })).toThrow(/demo/);
    expect(() => parseAppInfo({ version: "0.1.0", demo: false, problem: "broken" })).toThrow(/problem/);
  });
});

describe("describeError", () => {
  it("reads the {code, message} errors of the app's commands", () => {
    expect(describeError({ code: "store_unavailable", message: "The local store is locked" })).toBe(
      "The local store is locked [store_unavailable]",
    );
    expect(describeError({ message: "No code here" })).toBe("No code here");
  });

  it("reads Tauri's own string rejections and JavaScript errors", () => {
    expect(describeError("app_info not allowed by ACL")).toBe("app_info not allowed by ACL");
    expect(describeError(new Error("IPC channel closed"))).toBe("IPC channel closed");
  });

  it("never returns an empty line", () => {
    expect(describeError("")).toBe("unknown error");
    expect(describeError(undefined)).toBe("unknown error");
    expect(describeError({ code: "x", message: "" })).toBe("unknown error");
  });
});

describe("loadAppInfo", () => {
  it("does not call Tauri in a plain browser", async () => {
    const invoke = vi.fn();
    await expect(loadAppInfo({ isTauri: () => false, invoke })).resolves.toEqual({ kind: "outside-tauri" });
    expect(invoke).not.toHaveBeenCalled();
  });

  it("asks the app_info command and returns its answer", async () => {
    const source = insideTauri(() => Promise.resolve({ version: "0.1.0", demo: false }));
    await expect(loadAppInfo(source)).resolves.toEqual({ kind: "ready", info: { version: "0.1.0", demo: false, problem: null } });
    expect(source.invoke).toHaveBeenCalledExactlyOnceWith(APP_INFO_COMMAND);
    expect(APP_INFO_COMMAND).toBe("app_info");
  });

  it("turns a rejected command into a failure with the reason", async () => {
    const source = insideTauri(() => Promise.reject("Command app_info not allowed by ACL"));
    await expect(loadAppInfo(source)).resolves.toEqual({
      kind: "failed",
      reason: "Command app_info not allowed by ACL",
    });
  });

  it("turns a malformed answer into a failure instead of a wrong screen", async () => {
    const state = await loadAppInfo(insideTauri(() => Promise.resolve({ version: 1, demo: true })));
    expect(state.kind).toBe("failed");
    expect(state.kind === "failed" && state.reason).toMatch(/version/);
  });
});

describe("statusView", () => {
  it("marks demo mode and shows the version in all three languages", () => {
    const view = statusView({ kind: "ready", info: { version: "0.1.0", demo: true, problem: null } });
    expect(view.tone).toBe("demo");
    expect(view.demo).toBe(true);
    expect(view.message.sq).toMatch(/Modaliteti demo/);
    expect(view.message.en).toMatch(/fictional/);
    expect(view.message.sr).toMatch(/Демо режим/);
    expect(view.version).toEqual({ sq: "Versioni 0.1.0", en: "Version 0.1.0", sr: "Верзија 0.1.0" });
    expect(view.canRetry).toBe(false);
  });

  it("does not mark a kiosk with a central system as demo", () => {
    const view = statusView({ kind: "ready", info: { version: "1.2.0", demo: false, problem: null } });
    expect(view.tone).toBe("live");
    expect(view.demo).toBe(false);
    expect(view.message.en).not.toMatch(/demo/i);
    expect(view.version?.sq).toBe("Versioni 1.2.0");
  });

  it("explains a plain browser without offering a retry that cannot help", () => {
    const view = statusView({ kind: "outside-tauri" });
    expect(view.tone).toBe("warning");
    expect(view.message.en).toMatch(/web browser/);
    expect(view.canRetry).toBe(false);
    expect(view.version).toBeNull();
  });

  it("says the kiosk cannot start, with the reason for store IT", () => {
    const view = statusView({
      kind: "ready",
      info: { version: "0.1.0", demo: true, problem: { code: "invalid_input", message: "kiosk.toml line 2" } },
    });
    expect(view.tone).toBe("error");
    expect(view.demo).toBe(false);
    expect(view.message.en).toMatch(/cannot start/);
    expect(view.detail).toBe("kiosk.toml line 2 [invalid_input]");
  });

  it("shows the failure reason and offers a retry", () => {
    const view = statusView({ kind: "failed", reason: "IPC channel closed" });
    expect(view.tone).toBe("error");
    expect(view.detail).toBe("IPC channel closed");
    expect(view.canRetry).toBe(true);
  });

  it("has Albanian, English and Serbian text for every state", () => {
    const states = [
      { kind: "loading" },
      { kind: "outside-tauri" },
      { kind: "ready", info: { version: "0.1.0", demo: true, problem: null } },
      { kind: "ready", info: { version: "0.1.0", demo: false, problem: null } },
      { kind: "ready", info: { version: "0.1.0", demo: false, problem: { code: "c", message: "m" } } },
      { kind: "failed", reason: "x" },
    ] as const;
    for (const state of states) {
      const { message } = statusView(state);
      expect(new Set([message.sq, message.en, message.sr]).size).toBe(3);
      for (const text of [message.sq, message.en, message.sr]) {
        expect(text.trim()).not.toBe("");
      }
    }
  });
});

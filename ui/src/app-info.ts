// State and wording of the start screen's status panel. Kept free of the DOM and of Tauri globals so
// that it runs under Vitest; main.ts wires it to the real `invoke` and to the page.

import { type Lang, LANGS } from "./i18n";
import { isRecord } from "./parse";

/** What the `app_info` command of src-tauri/src/commands/app.rs returns. */
export interface AppInfo {
  version: string;
  /** True when no central API is configured: the kiosk runs on fictional data only. */
  demo: boolean;
  /** Why the kiosk could not start (settings file, database), or null. */
  problem: CommandError | null;
  /** The settings' language: the screens start in it. */
  language?: Lang;
  /** False on a new kiosk: the first-run screen enrols it. */
  enrolled?: boolean;
  /** The settings file's store code, offered on the first-run screen. */
  storeCode?: string | null;
}

/** How every command of the app rejects (src-tauri/src/error.rs). */
export interface CommandError {
  code: string;
  message: string;
}

export type AppInfoState =
  | { kind: "loading" }
  | { kind: "outside-tauri" }
  | { kind: "ready"; info: AppInfo }
  | { kind: "failed"; reason: string };

/** The two calls into Tauri that loading needs; injected so tests need no webview. */
export interface AppInfoSource {
  isTauri(): boolean;
  invoke(command: string): Promise<unknown>;
}

/** One piece of text in the kiosk's three languages; Albanian is always shown first. */
export interface Trilingual {
  sq: string;
  en: string;
  sr: string;
}

export type StatusTone = "loading" | "warning" | "demo" | "live" | "error";

export interface StatusView {
  tone: StatusTone;
  message: Trilingual;
  /** Technical reason of a failure, for support staff; null when nothing failed. */
  detail: string | null;
  version: Trilingual | null;
  /** Whether the header shows the DEMO mark (DESIGN §5: demo is marked on every screen). */
  demo: boolean;
  canRetry: boolean;
}

export const APP_INFO_COMMAND = "app_info";

/**
 * Checks the IPC answer instead of trusting a type assertion: a Rust/TypeScript mismatch must show
 * as a readable failure on screen, not as "undefined" or a demo flag that is silently truthy.
 */
export function parseAppInfo(value: unknown): AppInfo {
  if (!isRecord(value)) {
    throw new TypeError(`${APP_INFO_COMMAND} returned ${value === null ? "null" : typeof value}, not an object`);
  }
  const { version, demo, problem } = value;
  if (typeof version !== "string" || version.trim() === "") {
    throw new TypeError(`${APP_INFO_COMMAND} returned no version`);
  }
  if (typeof demo !== "boolean") {
    throw new TypeError(`${APP_INFO_COMMAND} returned a non-boolean demo flag`);
  }
  const more = settingsPart(value);
  if (problem === null || problem === undefined) {
    return { version: version.trim(), demo, problem: null, ...more };
  }
  if (!isRecord(problem) || typeof problem.code !== "string" || typeof problem.message !== "string") {
    throw new TypeError(`${APP_INFO_COMMAND} returned a malformed problem`);
  }
  return { version: version.trim(), demo, problem: { code: problem.code, message: problem.message }, ...more };
}

/**
 * Turns whatever `invoke` rejected with into one line. Commands reject with their serialised error,
 * which in this app is `{code, message}` (DESIGN §5); Tauri itself rejects with plain strings, e.g.
 * when a capability does not allow the command.
 */
export function describeError(error: unknown): string {
  if (typeof error === "string") {
    return error.trim() || "unknown error";
  }
  if (error instanceof Error) {
    return error.message || error.name;
  }
  if (isRecord(error) && typeof error.message === "string" && error.message.trim() !== "") {
    const message = error.message.trim();
    return typeof error.code === "string" && error.code !== "" ? `${message} [${error.code}]` : message;
  }
  return "unknown error";
}

/** What `invoke` rejected with, as `{code, message}`: Tauri's own refusals are plain strings. */
export function asCommandError(error: unknown): CommandError {
  if (isRecord(error) && typeof error.code === "string" && typeof error.message === "string") {
    return { code: error.code, message: error.message };
  }
  return { code: "ipc", message: typeof error === "string" ? error : String(error) };
}

/** The fields a newer app adds; each, when present, must have its type. */
function settingsPart(value: Record<string, unknown>): Pick<AppInfo, "language" | "enrolled" | "storeCode"> {
  const part: Pick<AppInfo, "language" | "enrolled" | "storeCode"> = {};
  if (value.language !== undefined) {
    if (!LANGS.includes(value.language as Lang)) {
      throw new TypeError(`${APP_INFO_COMMAND} returned an unknown language`);
    }
    part.language = value.language as Lang;
  }
  if (value.enrolled !== undefined) {
    if (typeof value.enrolled !== "boolean") {
      throw new TypeError(`${APP_INFO_COMMAND} returned a non-boolean enrolled flag`);
    }
    part.enrolled = value.enrolled;
  }
  if (value.store_code !== undefined) {
    if (value.store_code !== null && typeof value.store_code !== "string") {
      throw new TypeError(`${APP_INFO_COMMAND} returned a malformed store code`);
    }
    part.storeCode = value.store_code;
  }
  return part;
}

export async function loadAppInfo(source: AppInfoSource): Promise<AppInfoState> {
  if (!source.isTauri()) {
    return { kind: "outside-tauri" };
  }
  let answer: unknown;
  try {
    answer = await source.invoke(APP_INFO_COMMAND);
  } catch (error) {
    return { kind: "failed", reason: describeError(error) };
  }
  try {
    return { kind: "ready", info: parseAppInfo(answer) };
  } catch (error) {
    return { kind: "failed", reason: describeError(error) };
  }
}

function versionText(version: string): Trilingual {
  return { sq: `Versioni ${version}`, en: `Version ${version}`, sr: `Верзија ${version}` };
}

export function statusView(state: AppInfoState): StatusView {
  switch (state.kind) {
    case "loading":
      return {
        tone: "loading",
        message: {
          sq: "Duke lexuar të dhënat e aplikacionit…",
          en: "Reading the application information…",
          sr: "Учитавање података о апликацији…",
        },
        detail: null,
        version: null,
        demo: false,
        canRetry: false,
      };
    case "outside-tauri":
      return {
        tone: "warning",
        message: {
          sq: "Kjo faqe është hapur në shfletues, jo në aplikacionin e kioskës: funksionet e kioskës nuk janë të disponueshme këtu.",
          en: "This page is open in a web browser, not in the kiosk app: kiosk functions are not available here.",
          sr: "Ова страница је отворена у прегледачу, а не у апликацији киоска: функције киоска овде нису доступне.",
        },
        detail: null,
        version: null,
        demo: false,
        canRetry: false,
      };
    case "ready":
      if (state.info.problem !== null) {
        return {
          tone: "error",
          message: {
            sq: "Kioska nuk mund të niset. Thirrni IT-në e dyqanit.",
            en: "The kiosk cannot start. Call store IT.",
            sr: "Киоск не може да се покрене. Позовите ИТ подршку продавнице.",
          },
          detail: `${state.info.problem.message} [${state.info.problem.code}]`,
          version: versionText(state.info.version),
          demo: false,
          canRetry: false,
        };
      }
      return {
        tone: state.info.demo ? "demo" : "live",
        message: state.info.demo
          ? {
              sq: "Modaliteti demo: sistemi qendror nuk është konfiguruar. Të gjitha të dhënat janë fiktive.",
              en: "Demo mode: no central system is configured. All data is fictional.",
              sr: "Демо режим: централни систем није подешен. Сви подаци су измишљени.",
            }
          : {
              sq: "Sistemi qendror i IPKO-s është konfiguruar.",
              en: "IPKO's central system is configured.",
              sr: "Централни систем IPKO-а је подешен.",
            },
        detail: null,
        version: versionText(state.info.version),
        demo: state.info.demo,
        canRetry: false,
      };
    case "failed":
      return {
        tone: "error",
        message: {
          sq: "Të dhënat e aplikacionit nuk u lexuan.",
          en: "Could not read the application information.",
          sr: "Није могуће прочитати податке о апликацији.",
        },
        detail: state.reason,
        version: null,
        demo: false,
        canRetry: true,
      };
  }
}

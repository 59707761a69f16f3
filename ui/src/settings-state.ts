// The supervisor's settings screen as the `settings_view` and `save_settings` commands have them
// (src-tauri/src/commands/settings.rs; kiosk_core::print::PrinterInfo), what the supervisor typed,
// its check before saving, and the screen's words. No DOM here, so that it runs under Vitest.

import { type CommandError } from "./app-info";
import { fill, type Lang, LANGS, type Text } from "./i18n";
import { isRecord } from "./parse";
import { SESSION_REFUSALS } from "./counter";

/** kiosk_core::print::PrinterState. */
export type PrinterState = "idle" | "printing" | "stopped";

/** kiosk_core::print::PrinterInfo. */
export interface PrinterInfo {
  name: string;
  is_default: boolean;
  accepting: boolean;
  state: PrinterState;
  message: string | null;
}

export interface Enrolment {
  store_code: string;
  store_name: string;
  device_name: string;
  central_url: string;
}

/** src-tauri's SettingsView. */
export interface SettingsView {
  path: string;
  central_url: string | null;
  store_code: string | null;
  printer: string | null;
  idle_lock_minutes: number;
  idle_lock_range: [number, number];
  language: Lang;
  printers: PrinterInfo[];
  printers_problem: CommandError | null;
  enrolment: Enrolment | null;
}

/** src-tauri's SettingsChange: `save_settings`'s `change`, a serde struct (snake_case inside). */
export interface SettingsChange {
  printer: string | null;
  idle_lock_minutes: number;
  language: Lang;
}

/** What the supervisor has chosen and typed; the minutes stay text so that a wrong entry is kept as typed. */
export interface SettingsForm {
  printer: string | null;
  idleText: string;
  language: Lang;
}

function str(value: unknown, what: string): string {
  if (typeof value !== "string") {
    throw new TypeError(`settings_view: ${what} is not text`);
  }
  return value;
}

function optStr(value: unknown, what: string): string | null {
  return value === null || value === undefined ? null : str(value, what);
}

function minutes(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new TypeError(`settings_view: ${what} is not a whole number`);
  }
  return value;
}

function lang(value: unknown): Lang {
  const found = LANGS.find((l) => l === value);
  if (found === undefined) {
    throw new TypeError(`settings_view: unknown language ${String(value)}`);
  }
  return found;
}

function printer(value: unknown, index: number): PrinterInfo {
  const what = `printers[${index}]`;
  if (!isRecord(value)) {
    throw new TypeError(`settings_view: ${what} is not an object`);
  }
  if (value.state !== "idle" && value.state !== "printing" && value.state !== "stopped") {
    throw new TypeError(`settings_view: ${what}.state is ${String(value.state)}`);
  }
  return {
    name: str(value.name, `${what}.name`),
    is_default: value.is_default === true,
    accepting: value.accepting === true,
    state: value.state,
    message: optStr(value.message, `${what}.message`),
  };
}

/** Checks the IPC answer rather than trusting a cast: a wrong shape must show, not save nonsense. */
export function parseSettingsView(value: unknown): SettingsView {
  if (!isRecord(value)) {
    throw new TypeError("settings_view did not answer an object");
  }
  const range = value.idle_lock_range;
  if (!Array.isArray(range) || range.length !== 2) {
    throw new TypeError("settings_view: idle_lock_range is not [min, max]");
  }
  const min = minutes(range[0], "idle_lock_range[0]");
  const max = minutes(range[1], "idle_lock_range[1]");
  if (min > max) {
    throw new TypeError("settings_view: idle_lock_range is empty");
  }
  if (!Array.isArray(value.printers)) {
    throw new TypeError("settings_view: printers is not a list");
  }
  let problem: CommandError | null = null;
  const p = value.printers_problem;
  if (isRecord(p) && typeof p.code === "string" && typeof p.message === "string") {
    problem = { code: p.code, message: p.message };
  } else if (p !== null && p !== undefined) {
    throw new TypeError("settings_view: printers_problem is malformed");
  }
  let enrolment: Enrolment | null = null;
  const e = value.enrolment;
  if (isRecord(e)) {
    enrolment = {
      store_code: str(e.store_code, "enrolment.store_code"),
      store_name: str(e.store_name, "enrolment.store_name"),
      device_name: str(e.device_name, "enrolment.device_name"),
      central_url: str(e.central_url, "enrolment.central_url"),
    };
  } else if (e !== null && e !== undefined) {
    throw new TypeError("settings_view: enrolment is malformed");
  }
  return {
    path: str(value.path, "path"),
    central_url: optStr(value.central_url, "central_url"),
    store_code: optStr(value.store_code, "store_code"),
    printer: optStr(value.printer, "printer"),
    idle_lock_minutes: minutes(value.idle_lock_minutes, "idle_lock_minutes"),
    idle_lock_range: [min, max],
    language: lang(value.language),
    printers: value.printers.map(printer),
    printers_problem: problem,
    enrolment,
  };
}

export function formFrom(view: SettingsView): SettingsForm {
  return { printer: view.printer, idleText: String(view.idle_lock_minutes), language: view.language };
}

export type FormProblem = { kind: "not_a_number" } | { kind: "out_of_range"; min: number; max: number };

/**
 * The same check as kiosk_core::config::Config::check for what the screen can change, so that a
 * wrong entry is said next to its field before anything is sent (Rust checks again on saving).
 */
export function checkForm(
  form: SettingsForm,
  range: readonly [number, number],
): { ok: true; change: SettingsChange } | { ok: false; problem: FormProblem } {
  const typed = form.idleText.trim();
  if (!/^\d{1,6}$/.test(typed)) {
    return { ok: false, problem: { kind: "not_a_number" } };
  }
  const n = Number(typed);
  const [min, max] = range;
  if (n < min || n > max) {
    return { ok: false, problem: { kind: "out_of_range", min, max } };
  }
  const printer = form.printer !== null && form.printer.trim() !== "" ? form.printer : null;
  return { ok: true, change: { printer, idle_lock_minutes: n, language: form.language } };
}

/** Whether the form differs from what is saved (the "saved" confirmation goes once it does). */
export function isChanged(form: SettingsForm, saved: SettingsChange): boolean {
  return (
    form.printer !== saved.printer ||
    form.idleText.trim() !== String(saved.idle_lock_minutes) ||
    form.language !== saved.language
  );
}

export function savedFrom(view: SettingsView): SettingsChange {
  return { printer: view.printer, idle_lock_minutes: view.idle_lock_minutes, language: view.language };
}

// ---------------------------------------------------------------------------------------------
// Words

export const LANGUAGE_NAMES = {
  sq: { sq: "Shqip", en: "Albanian (Shqip)", sr: "Албански (Shqip)" },
  en: { sq: "Anglisht (English)", en: "English", sr: "Енглески (English)" },
  sr: { sq: "Serbisht (Српски)", en: "Serbian (Српски)", sr: "Српски" },
} satisfies Record<Lang, Text>;

const W = {
  defaultPrinter: {
    sq: "Printeri i paracaktuar i kompjuterit",
    en: "The computer's default printer",
    sr: "Подразумевани штампач рачунара",
  },
  defaultIs: { sq: "Tani: {name}", en: "Currently: {name}", sr: "Тренутно: {name}" },
  noDefault: {
    sq: "Ky kompjuter nuk ka printer të paracaktuar: zgjidhni një printer.",
    en: "This computer has no default printer: choose a printer.",
    sr: "Овај рачунар нема подразумевани штампач: изаберите штампач.",
  },
  idle: { sq: "Gati", en: "Ready", sr: "Спреман" },
  printing: { sq: "Duke printuar", en: "Printing", sr: "Штампа" },
  stopped: {
    sq: "I ndalur: asgjë nuk printohet derisa të niset përsëri",
    en: "Stopped: nothing prints until it is started again",
    sr: "Заустављен: ништа се не штампа док се поново не покрене",
  },
  notAccepting: {
    sq: "Nuk pranon punë të reja",
    en: "Not accepting new jobs",
    sr: "Не прима нове послове",
  },
  isDefault: { sq: "i paracaktuari", en: "default", sr: "подразумевани" },
  missing: {
    sq: "Nuk gjendet në këtë kompjuter",
    en: "Not found on this computer",
    sr: "Није пронађен на овом рачунару",
  },
  notANumber: {
    sq: "Shkruani një numër të plotë minutash.",
    en: "Type a whole number of minutes.",
    sr: "Унесите цео број минута.",
  },
  outOfRange: {
    sq: "Kyçja automatike duhet të jetë nga {min} deri në {max} minuta.",
    en: "The automatic lock must be from {min} to {max} minutes.",
    sr: "Аутоматско закључавање мора бити од {min} до {max} минута.",
  },
} satisfies Record<string, Text>;

export function formProblemText(problem: FormProblem, lang: Lang): string {
  return problem.kind === "not_a_number"
    ? W.notANumber[lang]
    : fill(W.outOfRange[lang], { min: problem.min, max: problem.max });
}

/** One choice of the printer list: the value saved, its name and how it stands now. */
export interface PrinterOption {
  value: string | null;
  label: string;
  /** How it stands, in words; null when nothing is worth saying. */
  status: string | null;
  /** Stopped, not accepting, gone: a printout would not come out without someone acting first. */
  warning: boolean;
  /** CUPS's own words about it (English), when it has some. */
  detail: string | null;
}

function printerStatus(p: PrinterInfo, lang: Lang): { status: string; warning: boolean } {
  const parts: string[] = [];
  if (p.state === "stopped") {
    parts.push(W.stopped[lang]);
  } else if (p.state === "printing") {
    parts.push(W.printing[lang]);
  }
  if (!p.accepting) {
    parts.push(W.notAccepting[lang]);
  }
  const warning = p.state === "stopped" || !p.accepting;
  return { status: parts.length > 0 ? parts.join(" · ") : W.idle[lang], warning };
}

/**
 * The printer list: the computer's default first (no printer chosen), then each printer with its
 * state. A chosen printer the computer no longer has stays in the list, flagged, so that what is
 * saved is never changed behind the supervisor's back.
 */
export function printerOptions(view: SettingsView, chosen: string | null, lang: Lang): PrinterOption[] {
  const fallback = view.printers.find((p) => p.is_default) ?? null;
  const options: PrinterOption[] = [];
  if (fallback !== null) {
    const { status, warning } = printerStatus(fallback, lang);
    options.push({
      value: null,
      label: W.defaultPrinter[lang],
      status: `${fill(W.defaultIs[lang], { name: fallback.name })} · ${status}`,
      warning,
      detail: fallback.message,
    });
  } else {
    // With the printers unknown (CUPS down), whether there is a default cannot be said.
    const unknown = view.printers_problem !== null;
    options.push({
      value: null,
      label: W.defaultPrinter[lang],
      status: unknown ? null : W.noDefault[lang],
      warning: !unknown,
      detail: null,
    });
  }
  for (const p of view.printers) {
    const { status, warning } = printerStatus(p, lang);
    options.push({
      value: p.name,
      label: p.is_default ? `${p.name} (${W.isDefault[lang]})` : p.name,
      status,
      warning,
      detail: p.message,
    });
  }
  for (const name of new Set([view.printer, chosen])) {
    if (name !== null && !view.printers.some((p) => p.name === name)) {
      options.push({
        value: name,
        label: name,
        status: view.printers_problem === null ? W.missing[lang] : null,
        warning: view.printers_problem === null,
        detail: null,
      });
    }
  }
  return options;
}

const REFUSALS = {
  ...SESSION_REFUSALS,
  supervisor_only: {
    sq: "Vetëm një mbikëqyrës mund t'i ndryshojë cilësimet: kërkojini një mbikëqyrësi të hyjë.",
    en: "Only a supervisor may change the settings: ask a supervisor to sign in.",
    sr: "Само надзорник може да мења подешавања: замолите надзорника да се пријави.",
  },
  invalid_input: {
    sq: "Cilësimet nuk u ruajtën. Arsyeja është më poshtë; ajo që shkruat mbetet këtu.",
    en: "The settings were not saved. The reason is below; what you typed stays here.",
    sr: "Подешавања нису сачувана. Разлог је испод; оно што сте унели остаје овде.",
  },
} satisfies Record<string, Text>;

const FALLBACK = {
  load: {
    sq: "Cilësimet nuk mund të lexoheshin.",
    en: "The settings could not be read.",
    sr: "Подешавања нису могла да се прочитају.",
  },
  save: {
    sq: "Cilësimet nuk u ruajtën; ajo që shkruat mbetet këtu.",
    en: "The settings were not saved; what you typed stays here.",
    sr: "Подешавања нису сачувана; оно што сте унели остаје овде.",
  },
  printers: {
    sq: "Printerët e këtij kompjuteri nuk mund të lexoheshin. Mund të zgjidhni ende printerin e paracaktuar.",
    en: "This computer's printers could not be listed. You can still choose the default printer.",
    sr: "Штампачи овог рачунара нису могли да се прочитају. И даље можете изабрати подразумевани штампач.",
  },
} satisfies Record<string, Text>;

export type SettingsAction = keyof typeof FALLBACK;

/** A refusal in the supervisor's language; Rust's own sentence (English, for support) goes below it. */
export function settingsRefusal(
  error: CommandError,
  action: SettingsAction,
  lang: Lang,
): { text: string; detail: string } {
  const words =
    action === "printers"
      ? FALLBACK.printers[lang]
      : ((REFUSALS as Record<string, Text | undefined>)[error.code]?.[lang] ?? FALLBACK[action][lang]);
  return { text: words, detail: `${error.message} [${error.code}]` };
}

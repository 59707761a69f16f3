// A printout on its way to paper, as the clerk follows it: rendering, sent to the printer as job N,
// waiting or printing, and how it ended. The screen feeds in what `print_report` and
// `print_job_state` answer (kiosk_core::print) and a tick each second; this decides what is shown
// and whether to ask again. No DOM and no timers here, so that every path runs under Vitest.

import { type CommandError } from "./app-info";
import { fill, type Lang, type Text } from "./i18n";
import { type JobStatus, type PrintJob } from "./report";
import { SESSION_REFUSALS } from "./counter";

/** How often the job's state is asked for, and for how long before the clerk is told to look. */
export const POLL_MS = 1_000;
export const WAIT_LIMIT_MS = 120_000;

export type PrintState =
  | { step: "idle" }
  | { step: "rendering"; since: number }
  | { step: "queued"; job: PrintJob; since: number; status: JobStatus | null; problem: CommandError | null }
  | { step: "finished"; job: PrintJob; status: JobStatus }
  /** The job left CUPS's queue without a record of how it ended (its job history is off). */
  | { step: "gone"; job: PrintJob }
  /** The job was sent but cannot be followed (the state command failed for good). */
  | { step: "untracked"; job: PrintJob; problem: CommandError }
  /** Two minutes without an end: the job stays in the queue and someone must look at the printer. */
  | { step: "waited"; job: PrintJob; status: JobStatus | null }
  | { step: "refused"; problem: CommandError };

export type PrintEvent =
  | { type: "start" }
  | { type: "accepted"; job: PrintJob }
  | { type: "refused"; problem: CommandError }
  | { type: "status"; status: JobStatus }
  | { type: "poll_failed"; problem: CommandError }
  | { type: "tick" };

export const IDLE: PrintState = { step: "idle" };

const FINAL_STATES = new Set(["completed", "canceled", "failed"]);

/**
 * Errors that will not go away by asking again: the job is unknown to CUPS (it finished and history
 * is off), or the app cannot answer the question at all (`ipc`: the command is missing or not
 * allowed). Others (CUPS timing out, restarting) may pass, so polling goes on until the limit.
 */
function lasting(problem: CommandError): boolean {
  return problem.code === "ipc" || problem.code === "invalid_job_id" || problem.code === "internal";
}

export function nextPrintState(state: PrintState, event: PrintEvent, now: number): PrintState {
  switch (event.type) {
    case "start":
      return isPrinting(state) ? state : { step: "rendering", since: now };
    case "accepted":
      return state.step === "rendering"
        ? { step: "queued", job: event.job, since: now, status: null, problem: null }
        : state;
    case "refused":
      return state.step === "rendering" ? { step: "refused", problem: event.problem } : state;
    case "status":
      if (state.step !== "queued" || event.status.job_id !== state.job.job_id) {
        return state;
      }
      if (FINAL_STATES.has(event.status.state)) {
        return { step: "finished", job: state.job, status: event.status };
      }
      return { ...state, status: event.status, problem: null };
    case "poll_failed":
      if (state.step !== "queued") {
        return state;
      }
      if (event.problem.code === "unknown_print_job") {
        return { step: "gone", job: state.job };
      }
      if (lasting(event.problem)) {
        return { step: "untracked", job: state.job, problem: event.problem };
      }
      return { ...state, problem: event.problem };
    case "tick":
      if (state.step === "queued" && now - state.since >= WAIT_LIMIT_MS) {
        return { step: "waited", job: state.job, status: state.status };
      }
      return state;
  }
}

/** A print is under way: the print button waits. */
export function isPrinting(state: PrintState): boolean {
  return state.step === "rendering" || state.step === "queued";
}

/** The job's state is to be asked for again. */
export function shouldPoll(state: PrintState): state is Extract<PrintState, { step: "queued" }> {
  return state.step === "queued";
}

export type PrintTone = "busy" | "ok" | "warning" | "error";

export interface PrintView {
  tone: PrintTone;
  /** What happened so far, one line per step, in the clerk's language. */
  lines: string[];
  /** The machine's own words (CUPS's message, Rust's English sentence), for support; or null. */
  detail: string | null;
}

const W = {
  rendering: {
    sq: "Po përgatitet shtypja…",
    en: "Preparing the printout…",
    sr: "Припрема се отисак…",
  },
  sent: {
    sq: "U dërgua te printeri {printer} si punë {job}.",
    en: "Sent to printer {printer} as job {job}.",
    sr: "Послато штампачу {printer} као посао {job}.",
  },
  pending: {
    sq: "Në radhë te printeri…",
    en: "Waiting in the printer's queue…",
    sr: "Чека у реду штампача…",
  },
  held: {
    sq: "E mbajtur në radhë: printon vetëm kur dikush e lëshon. Thirrni IT-në e dyqanit.",
    en: "Held in the queue: it prints only once someone releases it. Call store IT.",
    sr: "Задржано у реду: штампа се тек када га неко пусти. Позовите ИТ продавнице.",
  },
  processing: { sq: "Po printohet…", en: "Printing…", sr: "Штампа се…" },
  completed: {
    sq: "U printua. Dorëzojani klientit.",
    en: "Printed. Hand it to the customer.",
    sr: "Одштампано. Предајте га клијенту.",
  },
  canceled: {
    sq: "Shtypja u anulua (te printeri ose nga dikush).",
    en: "The print was cancelled (at the printer, or by someone).",
    sr: "Штампа је отказана (на штампачу или од стране неког).",
  },
  failed: {
    sq: "Shtypja dështoi. Kontrolloni printerin dhe provoni përsëri.",
    en: "The print failed. Check the printer and try again.",
    sr: "Штампа није успела. Проверите штампач и покушајте поново.",
  },
  gone: {
    sq: "Puna doli nga radha pa shënim se si përfundoi: kontrolloni nëse fletët dolën.",
    en: "The job left the queue without a record of how it ended: check that the pages came out.",
    sr: "Посао је напустио ред без записа о исходу: проверите да ли су странице изашле.",
  },
  untracked: {
    sq: "Kioska nuk mund ta ndjekë këtë punë: kontrolloni printerin.",
    en: "The kiosk cannot follow this job: check the printer.",
    sr: "Киоск не може да прати овај посао: проверите штампач.",
  },
  waited: {
    sq: "Ende pa përfunduar pas 2 minutash: puna mbetet në radhë. Kontrolloni printerin (letër, toner, kabllo) ose thirrni IT-në.",
    en: "Still not finished after 2 minutes: the job stays in the queue. Check the printer (paper, toner, cable) or call IT.",
    sr: "Још није завршено после 2 минута: посао остаје у реду. Проверите штампач (папир, тонер, кабл) или позовите ИТ.",
  },
  askAgain: {
    sq: "Gjendja e punës nuk u lexua këtë herë; po provohet përsëri…",
    en: "The job's state could not be read this time; asking again…",
    sr: "Стање посла овог пута није прочитано; пита се поново…",
  },
} satisfies Record<string, Text>;

/** The clerk's words for each refusal of `print_report` (kiosk_core::print::PrintError and others). */
const REFUSALS = {
  ...SESSION_REFUSALS,
  no_default_printer: {
    sq: "Nuk është zgjedhur asnjë printer dhe kompjuteri nuk ka printer të paracaktuar. Një mbikëqyrës mund ta zgjedhë te Cilësimet.",
    en: "No printer is chosen and this computer has no default printer. A supervisor can choose one in Settings.",
    sr: "Ниједан штампач није изабран, а рачунар нема подразумевани. Надзорник може да га изабере у Подешавањима.",
  },
  unknown_printer: {
    sq: "Printeri i zgjedhur te Cilësimet nuk gjendet në këtë kompjuter. Një mbikëqyrës mund të zgjedhë një tjetër.",
    en: "The printer chosen in Settings is not on this computer. A supervisor can choose another.",
    sr: "Штампач изабран у Подешавањима није на овом рачунару. Надзорник може да изабере други.",
  },
  printer_stopped: {
    sq: "Printeri është ndalur. Kontrolloni letrën, tonerin dhe kabllon, pastaj thirrni IT-në e dyqanit.",
    en: "The printer is stopped. Check paper, toner and cable, then call store IT.",
    sr: "Штампач је заустављен. Проверите папир, тонер и кабл, па позовите ИТ продавнице.",
  },
  printer_not_accepting: {
    sq: "Printeri nuk pranon punë të reja. Thirrni IT-në e dyqanit ose zgjidhni një printer tjetër te Cilësimet.",
    en: "The printer takes no new jobs. Call store IT, or choose another printer in Settings.",
    sr: "Штампач не прима нове послове. Позовите ИТ продавнице или изаберите други штампач у Подешавањима.",
  },
  cups_not_running: {
    sq: "Shërbimi i printimit nuk punon. Thirrni IT-në e dyqanit.",
    en: "The print service is not running. Call store IT.",
    sr: "Услуга штампања не ради. Позовите ИТ продавнице.",
  },
  cups_missing: {
    sq: "Printimi nuk është konfiguruar në këtë kompjuter. Thirrni IT-në e dyqanit.",
    en: "Printing is not set up on this computer. Call store IT.",
    sr: "Штампање није подешено на овом рачунару. Позовите ИТ продавнице.",
  },
  cups_timeout: {
    sq: "Shërbimi i printimit nuk u përgjigj me kohë. Provoni përsëri; nëse vazhdon, thirrni IT-në.",
    en: "The print service did not answer in time. Try again; if it goes on, call IT.",
    sr: "Услуга штампања није одговорила на време. Покушајте поново; ако се понови, позовите ИТ.",
  },
  print_refused: {
    sq: "Shërbimi i printimit e refuzoi dokumentin. Provoni përsëri; nëse vazhdon, thirrni IT-në.",
    en: "The print service refused the printout. Try again; if it goes on, call IT.",
    sr: "Услуга штампања је одбила отисак. Покушајте поново; ако се понови, позовите ИТ.",
  },
  print_unsupported_platform: {
    sq: "Ky kompjuter ende nuk mund të printojë nga kioska.",
    en: "This computer cannot print from the kiosk yet.",
    sr: "Овај рачунар још не може да штампа из киоска.",
  },
  report_failed: {
    sq: "Dokumenti për shtypje nuk u përgatit. Thirrni mbështetjen e IPKO-s.",
    en: "The printout could not be prepared. Call IPKO support.",
    sr: "Отисак није могао да се припреми. Позовите подршку IPKO-а.",
  },
  no_report: {
    sq: "Hapni më parë të dhënat e klientit.",
    en: "Open the customer's data first.",
    sr: "Прво отворите податке клијента.",
  },
  other: {
    sq: "Shtypja nuk u krye.",
    en: "The printout was not printed.",
    sr: "Отисак није одштампан.",
  },
} satisfies Record<string, Text>;

function refusalWords(code: string): Text {
  switch (code) {
    case "no_default_printer":
    case "unknown_printer":
    case "printer_stopped":
    case "printer_not_accepting":
    case "cups_not_running":
    case "cups_missing":
    case "print_refused":
    case "print_unsupported_platform":
      return REFUSALS[code];
    case "cups_timeout":
    case "cups_unexpected_answer":
    case "cups_command_failed":
      return REFUSALS.cups_timeout;
    case "not_a_pdf":
    case "report_invalid_input":
    case "report_font":
    case "report_pdf":
    case "internal":
      return REFUSALS.report_failed;
    case "invalid_input":
    case "no_customer_session":
      return REFUSALS.no_report;
    case "locked":
    case "not_signed_in":
      return REFUSALS.locked;
    default:
      return REFUSALS.other;
  }
}

/** A refusal of `print_report`: the clerk's words by code, Rust's English sentence for support. */
export function printRefusal(problem: CommandError, lang: Lang): { text: string; detail: string } {
  return { text: refusalWords(problem.code)[lang], detail: problem.message };
}

function sent(job: PrintJob, lang: Lang): string {
  return fill(W.sent[lang], { printer: job.printer, job: job.job_id });
}

export function printView(state: PrintState, lang: Lang): PrintView | null {
  switch (state.step) {
    case "idle":
      return null;
    case "rendering":
      return { tone: "busy", lines: [W.rendering[lang]], detail: null };
    case "queued": {
      const now =
        state.status?.state === "held" ? W.held : state.status?.state === "processing" ? W.processing : W.pending;
      const lines = [sent(state.job, lang), now[lang]];
      if (state.problem !== null) {
        lines.push(W.askAgain[lang]);
      }
      return {
        tone: state.status?.state === "held" ? "warning" : "busy",
        lines,
        detail: state.problem?.message ?? state.status?.message ?? null,
      };
    }
    case "finished": {
      const s = state.status.state;
      const outcome = s === "completed" ? W.completed : s === "canceled" ? W.canceled : W.failed;
      return {
        tone: s === "completed" ? "ok" : "error",
        lines: [sent(state.job, lang), outcome[lang]],
        detail: state.status.message,
      };
    }
    case "gone":
      return { tone: "warning", lines: [sent(state.job, lang), W.gone[lang]], detail: null };
    case "untracked":
      return { tone: "warning", lines: [sent(state.job, lang), W.untracked[lang]], detail: state.problem.message };
    case "waited":
      return { tone: "warning", lines: [sent(state.job, lang), W.waited[lang]], detail: state.status?.message ?? null };
    case "refused": {
      const r = printRefusal(state.problem, lang);
      return { tone: "error", lines: [r.text], detail: r.detail };
    }
  }
}

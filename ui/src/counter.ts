// Who is at the counter, as the `counter_view` / `sign_in` / `lock_screen` / `sign_out` commands
// answer (kiosk_core::counter::CounterView), and the words the sign-in screen uses for each
// refusal. No DOM here, so that it runs under Vitest.

import { type CommandError } from "./app-info";
import { fill, type Lang, type Text } from "./i18n";
import { isRecord } from "./parse";

export type Role = "clerk" | "supervisor";

export interface Staff {
  staff_id: string;
  display_name: string;
  role: Role;
}

export type CounterView =
  | { state: "signed_out" }
  | { state: "signed_in"; staff: Staff; customerId: string | null; locksAt: string }
  | { state: "locked"; staff: Staff };

function staff(value: unknown): Staff {
  if (
    !isRecord(value) ||
    typeof value.staff_id !== "string" ||
    typeof value.display_name !== "string" ||
    (value.role !== "clerk" && value.role !== "supervisor")
  ) {
    throw new TypeError("counter view: malformed staff member");
  }
  return { staff_id: value.staff_id, display_name: value.display_name, role: value.role };
}

export function parseCounterView(value: unknown): CounterView {
  if (!isRecord(value)) {
    throw new TypeError("counter view: not an object");
  }
  switch (value.state) {
    case "signed_out":
      return { state: "signed_out" };
    case "locked":
      return { state: "locked", staff: staff(value.staff) };
    case "signed_in": {
      if (typeof value.locks_at !== "string") {
        throw new TypeError("counter view: no lock time");
      }
      const session = value.customer;
      const customerId =
        isRecord(session) && isRecord(session.customer) && typeof session.customer.customer_id === "string"
          ? session.customer.customer_id
          : null;
      return { state: "signed_in", staff: staff(value.staff), customerId, locksAt: value.locks_at };
    }
    default:
      throw new TypeError(`counter view: unknown state ${String(value.state)}`);
  }
}

/**
 * Refusals any counter command may answer when the counter changed under the screen (the idle lock,
 * another clerk's sign-out) or the role does not allow it; every screen words them the same.
 */
export const SESSION_REFUSALS = {
  locked: {
    sq: "Ekrani u kyç: hyni përsëri për të vazhduar.",
    en: "The screen locked: sign in again to go on.",
    sr: "Екран се закључао: пријавите се поново да наставите.",
  },
  not_signed_in: {
    sq: "Askush nuk ka hyrë në këtë sportel: hyni më parë.",
    en: "Nobody is signed in at this counter: sign in first.",
    sr: "Нико није пријављен на овом шалтеру: прво се пријавите.",
  },
  supervisor_only: {
    sq: "Vetëm një mbikëqyrës mund ta bëjë këtë: kërkojini një mbikëqyrësi të hyjë.",
    en: "Only a supervisor may do this: ask a supervisor to sign in.",
    sr: "Само надзорник може ово да уради: замолите надзорника да се пријави.",
  },
} satisfies Record<string, Text>;

/** A refusal that means the counter changed under the screen: main.ts reads it again. */
export function isSessionRefusal(error: CommandError): boolean {
  return error.code in SESSION_REFUSALS;
}

const REFUSALS = {
  sign_in_rejected: {
    sq: "Numri i punonjësit ose PIN-i nuk përputhen.",
    en: "That staff id and PIN do not match.",
    sr: "Број запосленог и ПИН се не поклапају.",
  },
  sign_in_locked: {
    sq: "Shumë PIN-e të gabuara: hyrja është pezulluar deri në {until}. Një mbikëqyrës mund t'ju ndihmojë.",
    en: "Too many wrong PINs: sign-in is paused until {until}. A supervisor can help meanwhile.",
    sr: "Превише погрешних ПИН-ова: пријава је паузирана до {until}. Надзорник може да помогне.",
  },
  staff_list_missing: {
    sq: "Kjo kioskë ende nuk ka listën e stafit: lidheni një herë me sistemin qendror.",
    en: "This kiosk has no staff list yet: connect it to the central system once.",
    sr: "Овај киоск још нема списак особља: повежите га једном са централним системом.",
  },
  invalid_input: {
    sq: "Shkruani numrin tuaj të punonjësit dhe PIN-in.",
    en: "Type your staff id and your PIN.",
    sr: "Унесите свој број запосленог и ПИН.",
  },
  changes_pending: {
    sq: "Disa ndryshime ende nuk kanë arritur në sistemin qendror: kyçeni ekranin në vend që të dilni.",
    en: "Some changes have not reached the central system yet: lock the screen instead of signing out.",
    sr: "Неке измене још нису стигле до централног система: закључајте екран уместо одјаве.",
  },
} satisfies Record<string, Text>;

/** A refusal in the clerk's language; Rust's own sentence (English, for support) goes below it. */
export function refusal(error: CommandError, lang: Lang): { text: string; detail: string } {
  const words = (REFUSALS as Record<string, Text | undefined>)[error.code];
  if (words === undefined) {
    return { text: error.message, detail: `[${error.code}]` };
  }
  // The pause's end is in the Rust message ("… paused until 2026-11-22 14:03:00 CET. …").
  const until = /until (\d{4}-\d\d-\d\d \d\d:\d\d)/.exec(error.message)?.[1] ?? "";
  const attempts = /(\d+) attempt\(s\) left/.exec(error.message)?.[1];
  const left: Record<Lang, string> = {
    sq: ` Edhe ${attempts} përpjekje para pezullimit.`,
    en: ` ${attempts} attempt(s) left before sign-in is paused.`,
    sr: ` Још ${attempts} покушаја пре паузе.`,
  };
  const text = fill(words[lang], { until }) + (attempts === undefined ? "" : left[lang]);
  return { text, detail: error.message };
}

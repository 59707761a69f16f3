// The clerk's side of an offer to the customer's window, without the DOM: the answers of
// `offer_to_customer`, `open_customer_display` and `customer_display_result`, the
// `customer-display-progress` events followed for one offer, and the words of the progress widget.
// handoff.ts runs the commands and listens; this module decides what each event means.

import { type CommandError } from "./app-info";
import { type CustomerOffer, type HandoffStep, HANDOFF_STEPS, isHandoffStep, parseSubmission, type Submission } from "./customer-offer";
import { type Lang, type Text } from "./i18n";
import { bool, isRecord, oneOf, rec, str } from "./parse";

export interface DisplayOpened {
  opened: boolean;
  /** The window is on a display of its own (otherwise beside the clerk's, e.g. on a laptop). */
  second_monitor: boolean;
}

export function parseDisplayOpened(value: unknown): DisplayOpened {
  const o = rec(value, "open_customer_display");
  return { opened: bool(o.opened, "open_customer_display.opened"), second_monitor: bool(o.second_monitor, "open_customer_display.second_monitor") };
}

export function parseOffered(value: unknown): string {
  return str(rec(value, "offer_to_customer").offer_id, "offer_to_customer.offer_id");
}

/** One `customer-display-progress` event. */
export interface Progress {
  offerId: string;
  step: HandoffStep;
}

/** An event's payload, or null for one that is not a progress (it is then ignored). */
export function parseProgress(payload: unknown): Progress | null {
  if (!isRecord(payload) || typeof payload.offer_id !== "string" || !isHandoffStep(payload.step)) return null;
  return { offerId: payload.offer_id, step: payload.step };
}

/** What `customer_display_result` says: the step (when Rust says it) and the submission, if any. */
export interface OfferResult {
  step: HandoffStep | null;
  submission: Submission | null;
}

/**
 * Reads `customer_display_result`: the contract's `null` (not submitted) or `{choices, signature}`,
 * and the app's `{step, submission}` (the step, and the submission or null; `withdrawn` for an
 * offer no longer on the customer's window).
 */
export function parseOfferResult(value: unknown): OfferResult {
  if (value === null || value === undefined) return { step: null, submission: null };
  const o = rec(value, "customer_display_result");
  if ("signature" in o) return { step: "submitted", submission: parseSubmission(o, "customer_display_result") };
  const sub = o.submission;
  return {
    step: oneOf(o.step, HANDOFF_STEPS, "customer_display_result.step"),
    submission: sub === null || sub === undefined ? null : parseSubmission(sub, "customer_display_result.submission"),
  };
}

/** One offer followed through the events. */
export interface Follow {
  /** Null until `offer_to_customer` answers (events that come first wait in `early`). */
  offerId: string | null;
  step: HandoffStep;
  early: Progress[];
}

/** What an event means for the offer: nothing new, a new step, handed in (read the result), or
 * gone (withdrawn, replaced by another offer, or gone with the customer: "Done", the lock). */
export type FollowAction = "none" | "step" | "submitted" | "gone";

export const START: Follow = { offerId: null, step: "reading", early: [] };

export function follow(state: Follow, p: Progress): { state: Follow; action: FollowAction } {
  if (state.offerId === null) return { state: { ...state, early: [...state.early, p] }, action: "none" };
  if (state.step === "submitted" || state.step === "withdrawn") return { state, action: "none" };
  if (p.offerId !== state.offerId) {
    // One offer at a time: another offer's live step means this one was replaced. A late
    // "withdrawn" of an earlier offer says nothing about this one.
    return p.step === "withdrawn" ? { state, action: "none" } : { state: { ...state, step: "withdrawn" }, action: "gone" };
  }
  if (p.step === state.step) return { state, action: "none" };
  const next = { ...state, step: p.step };
  const action: FollowAction = p.step === "submitted" ? "submitted" : p.step === "withdrawn" ? "gone" : "step";
  return { state: next, action };
}

/** `offer_to_customer` answered: the events that came before it are applied now, in order (the
 * earlier offers' among them are not this one's and are dropped). */
export function offered(state: Follow, offerId: string): { state: Follow; actions: FollowAction[] } {
  let now: Follow = { offerId, step: state.step, early: [] };
  const actions: FollowAction[] = [];
  for (const p of state.early) {
    if (p.offerId !== offerId) continue;
    const r = follow(now, p);
    now = r.state;
    if (r.action !== "none") actions.push(r.action);
  }
  return { state: now, actions };
}

/** Why `result()` gave up. */
export function goneError(why: "gone" | "withdrawn" | "disposed"): CommandError {
  const message = {
    gone: "The customer's window no longer shows this offer: it was replaced, or the customer left.",
    withdrawn: "The offer was withdrawn from the customer's window.",
    disposed: "The clerk's screen stopped following the offer.",
  }[why];
  return { code: "offer_gone", message };
}

// --- The progress widget ------------------------------------------------------------------------

export interface HandoffView {
  title: string;
  text: string;
  tone: "busy" | "ok" | "gone";
  /** The customer's steps so far: done, the current one, still to come. */
  steps: { label: string; state: "done" | "current" | "todo" }[];
  canWithdraw: boolean;
}

/** The widget for `step`; a correction or a request (`sign`) has no choosing step. */
export function handoffView(step: HandoffStep, lang: Lang, kind: CustomerOffer["kind"] = "consent"): HandoffView {
  const order: HandoffStep[] = kind === "consent" ? ["reading", "choosing", "signing", "submitted"] : ["reading", "signing", "submitted"];
  const at = step === "withdrawn" ? -1 : order.indexOf(step);
  return {
    title: H.title[lang],
    text: H[step][lang],
    tone: step === "submitted" ? "ok" : step === "withdrawn" ? "gone" : "busy",
    steps:
      at < 0
        ? []
        : order.map((s, i) => ({
            label: STEP_LABELS[s as Exclude<HandoffStep, "withdrawn">][lang],
            state: i < at || (s === "submitted" && i === at) ? "done" : i === at ? "current" : "todo",
          })),
    canWithdraw: step !== "withdrawn",
  };
}

export const H = {
  title: { sq: "Ekrani i klientit", en: "The customer's screen", sr: "Екран клијента" },
  reading: { sq: "Klienti po lexon.", en: "The customer is reading.", sr: "Клијент чита." },
  choosing: { sq: "Klienti po zgjedh.", en: "The customer is choosing.", sr: "Клијент бира." },
  signing: { sq: "Klienti po nënshkruan.", en: "The customer is signing.", sr: "Клијент потписује." },
  submitted: { sq: "Klienti ka nënshkruar.", en: "The customer has signed.", sr: "Клијент је потписао." },
  withdrawn: {
    sq: "Ekrani i klientit nuk e tregon më këtë.",
    en: "The customer's screen no longer shows this.",
    sr: "Екран клијента ово више не приказује.",
  },
  withdraw: { sq: "Tërhiqe nga ekrani i klientit", en: "Withdraw from the customer's screen", sr: "Повуци са екрана клијента" },
} satisfies Record<string, Text>;

const STEP_LABELS = {
  reading: { sq: "Lexon", en: "Reading", sr: "Чита" },
  choosing: { sq: "Zgjedh", en: "Choosing", sr: "Бира" },
  signing: { sq: "Nënshkruan", en: "Signing", sr: "Потписује" },
  submitted: { sq: "Nënshkroi", en: "Signed", sr: "Потписано" },
} satisfies Record<Exclude<HandoffStep, "withdrawn">, Text>;

// The clerk's side of the customer's window (a second display): open it, offer it what the
// customer reads, chooses and signs, follow the customer's steps, and take what they hand in. The
// capture screens call this; Rust holds the offer (kiosk_core::handoff) and tells this window the
// customer's steps with the `customer-display-progress` event, never the pad's points before the
// customer submits. The decisions and words are in handoff-state.ts.
//
// API (every `call` is ScreenContext.call or anything with its signature; a refusal rejects with
// the command's `{code, message}`):
//
//   openCustomerDisplay(call): Promise<DisplayOpened>
//     Opens the customer's window (idempotent; again brings it forward) → {opened, second_monitor}.
//
//   offerToCustomer(call, offer, onProgress): Promise<CustomerHandoff>
//     Offers `offer` (a ConsentOffer — notice, every purpose × channel with the clerk's starting
//     state, the customer's current choices — or a SignOffer — title and lines) and follows it.
//     An earlier offer is replaced (its handle's result() rejects with `offer_gone`).
//     `onProgress(step)` is called with "reading" at once, then on each change: "choosing",
//     "signing", "submitted", or "withdrawn" (withdrawn here, replaced, or gone with the customer:
//     "Done", the lock). Call openCustomerDisplay first.
//
//   CustomerHandoff:
//     offerId: string
//     step(): HandoffStep                  the latest step
//     result(): Promise<Submission>        resolves with {choices, signature} once the customer
//                                          submitted (choices: null for a SignOffer), read with
//                                          `customer_display_result`; rejects {code: "offer_gone"}
//                                          when the offer is withdrawn, replaced or gone, or with
//                                          the command's refusal
//     withdraw(): Promise<void>            clears the customer's window (`withdraw_offer`)
//     dispose(): void                      stops following, without withdrawing (the screen left)
//
//   renderHandoffProgress(el, lang, step, options?): void
//     Fills `el` with "The customer is reading / choosing / signing / has signed" in `lang`, the
//     steps so far, and a Withdraw button when `options.withdraw` is given; `options.kind: "sign"`
//     leaves out the choosing step.
//
// Typical use:
//   await openCustomerDisplay(ctx.call);
//   const handoff = await offerToCustomer(ctx.call, offer, (step) => { s.step = step; paint(); });
//   const { choices, signature } = await handoff.result();   // then review and save as usual

import { listen } from "@tauri-apps/api/event";

import { asCommandError, type CommandError } from "./app-info";
import { type CustomerOffer, type HandoffStep, type Submission } from "./customer-offer";
import { button, el } from "./dom";
import { type Lang } from "./i18n";
import {
  type DisplayOpened,
  follow,
  type Follow,
  type FollowAction,
  goneError,
  H,
  handoffView,
  offered,
  parseDisplayOpened,
  parseOffered,
  parseOfferResult,
  parseProgress,
  START,
} from "./handoff-state";
import "./handoff.css";

export type { ConsentOffer, CustomerOffer, HandoffStep, OfferedChoice, SignOffer, Submission } from "./customer-offer";
export type { DisplayOpened } from "./handoff-state";

/** A Tauri command (ScreenContext.call fits). */
export type Call = (command: string, args?: Record<string, unknown>) => Promise<unknown>;

export interface CustomerHandoff {
  readonly offerId: string;
  step(): HandoffStep;
  result(): Promise<Submission>;
  withdraw(): Promise<void>;
  dispose(): void;
}

/** The event Rust sends the clerk's window (src-tauri/src/kiosk.rs, announce_offer). */
export const PROGRESS_EVENT = "customer-display-progress";

function commandError(error: unknown): CommandError {
  return error instanceof Error ? { code: "ipc", message: error.message } : asCommandError(error);
}

export async function openCustomerDisplay(call: Call): Promise<DisplayOpened> {
  return parseDisplayOpened(await call("open_customer_display"));
}

export async function offerToCustomer(
  call: Call,
  offer: CustomerOffer,
  onProgress: (step: HandoffStep) => void,
): Promise<CustomerHandoff> {
  let state: Follow = START;
  let settled = false;
  let resolve: (s: Submission) => void = () => undefined;
  let reject: (e: CommandError) => void = () => undefined;
  const submitted = new Promise<Submission>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  // Nobody may be waiting for the result (the clerk withdrew first): that is no error.
  submitted.catch(() => undefined);
  let stopListening: () => void = () => undefined;

  function settle(outcome: { submission: Submission } | { error: CommandError }): void {
    if (settled) return;
    settled = true;
    stopListening();
    if ("submission" in outcome) resolve(outcome.submission);
    else reject(outcome.error);
  }

  async function readResult(offerId: string): Promise<void> {
    try {
      const answer = parseOfferResult(await call("customer_display_result", { offerId }));
      if (answer.submission !== null) {
        settle({ submission: answer.submission });
      } else if (answer.step === "withdrawn") {
        act("gone");
      }
      // Otherwise not handed in after all: the next event says more.
    } catch (error) {
      settle({ error: commandError(error) });
    }
  }

  function act(action: FollowAction): void {
    if (action === "none" || settled) return;
    if (action === "gone") {
      state = { ...state, step: "withdrawn" };
      onProgress("withdrawn");
      settle({ error: goneError("gone") });
      return;
    }
    onProgress(state.step);
    if (action === "submitted" && state.offerId !== null) void readResult(state.offerId);
  }

  try {
    // Listening before offering: the first steps may come before the offer's id does.
    const unlisten = await listen<unknown>(PROGRESS_EVENT, (event) => {
      const p = parseProgress(event.payload);
      if (p === null || settled) return;
      const r = follow(state, p);
      state = r.state;
      act(r.action);
    });
    stopListening = () => {
      stopListening = () => undefined;
      void unlisten();
    };
  } catch (error) {
    throw commandError(error);
  }

  let offerId: string;
  try {
    offerId = parseOffered(await call("offer_to_customer", { offer }));
  } catch (error) {
    stopListening();
    throw commandError(error);
  }
  const early = offered(state, offerId);
  state = early.state;
  onProgress(state.step);
  early.actions.forEach(act);

  return {
    offerId,
    step: () => state.step,
    result: () => submitted,
    async withdraw(): Promise<void> {
      const wasSettled = settled;
      if (!wasSettled) settle({ error: goneError("withdrawn") });
      await call("withdraw_offer");
      if (state.step !== "withdrawn") {
        state = { ...state, step: "withdrawn" };
        if (!wasSettled) onProgress("withdrawn");
      }
    },
    dispose(): void {
      settle({ error: goneError("disposed") });
    },
  };
}

/** The progress widget: where the customer is, and (with `options.withdraw`) a Withdraw button. */
export function renderHandoffProgress(
  target: HTMLElement,
  lang: Lang,
  step: HandoffStep,
  options: { withdraw?: () => void; kind?: CustomerOffer["kind"] } = {},
): void {
  const view = handoffView(step, lang, options.kind);
  target.classList.add("handoff-progress");
  target.dataset.tone = view.tone;
  target.dataset.step = step;
  const status = el("p", { className: "handoff-progress-text", textContent: view.text });
  status.setAttribute("role", "status");
  const parts: HTMLElement[] = [el("h3", { className: "handoff-progress-title", textContent: view.title }), status];
  if (view.steps.length > 0) {
    const list = el("ol", { className: "handoff-progress-steps" });
    for (const s of view.steps) {
      const item = el("li", { textContent: s.label });
      item.dataset.state = s.state;
      if (s.state === "current") item.setAttribute("aria-current", "step");
      list.append(item);
    }
    parts.push(list);
  }
  if (options.withdraw !== undefined && view.canWithdraw) {
    const withdraw = button(H.withdraw[lang], "secondary handoff-withdraw", options.withdraw);
    parts.push(withdraw);
  }
  target.replaceChildren(...parts);
}

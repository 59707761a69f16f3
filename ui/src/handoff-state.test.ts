import { describe, expect, it } from "vitest";

import {
  follow,
  type Follow,
  type FollowAction,
  goneError,
  handoffView,
  offered,
  parseDisplayOpened,
  parseOffered,
  parseOfferResult,
  parseProgress,
  type Progress,
  START,
} from "./handoff-state";
import { LANGS } from "./i18n";

const signature = { width: 600, height: 200, strokes: [[[100, 900, 0], [400, 950, 16]]] };
const p = (offerId: string, step: string): Progress => {
  const read = parseProgress({ offer_id: offerId, step });
  if (read === null) throw new Error("not a progress");
  return read;
};

function run(state: Follow, events: Progress[]): { state: Follow; actions: FollowAction[] } {
  const actions: FollowAction[] = [];
  for (const e of events) {
    const r = follow(state, e);
    state = r.state;
    actions.push(r.action);
  }
  return { state, actions };
}

describe("the clerk's side of an offer", () => {
  it("reads the answers of opening the window and offering", () => {
    expect(parseDisplayOpened({ opened: true, second_monitor: false })).toEqual({ opened: true, second_monitor: false });
    expect(() => parseDisplayOpened({ opened: true })).toThrow("second_monitor");
    expect(parseOffered({ offer_id: "0193beef" })).toBe("0193beef");
    expect(() => parseOffered({})).toThrow("offer_to_customer.offer_id");
  });

  it("takes only progress events, never anything else", () => {
    expect(parseProgress({ offer_id: "a", step: "signing" })).toEqual({ offerId: "a", step: "signing" });
    expect(parseProgress({ offer_id: "a", step: "dancing" })).toBeNull();
    expect(parseProgress(null)).toBeNull();
    expect(parseProgress({ step: "reading" })).toBeNull();
  });

  it("reads the result in the contract's shape and in the app's", () => {
    expect(parseOfferResult(null)).toEqual({ step: null, submission: null });
    expect(parseOfferResult({ choices: null, signature })).toEqual({ step: "submitted", submission: { choices: null, signature } });
    expect(parseOfferResult({ step: "signing", submission: null })).toEqual({ step: "signing", submission: null });
    expect(parseOfferResult({ step: "withdrawn", submission: null }).step).toBe("withdrawn");
    const choices = [{ purpose: "current_offers", channel: "email", state: "given" }];
    expect(parseOfferResult({ step: "submitted", submission: { choices, signature } }).submission?.choices).toEqual(choices);
    expect(() => parseOfferResult({ step: "submitted", submission: { choices, signature: { width: 600 } } })).toThrow("height");
  });

  it("follows one offer's steps to the submission", () => {
    const { state, actions } = run(offered(START, "a").state, [
      p("a", "reading"),
      p("a", "choosing"),
      p("a", "choosing"),
      p("a", "signing"),
      p("a", "submitted"),
      p("a", "withdrawn"),
    ]);
    expect(actions).toEqual(["none", "step", "none", "step", "submitted", "none"]);
    expect(state.step).toBe("submitted");
  });

  it("keeps the steps that come before the offer's id, and drops an earlier offer's", () => {
    let state = START;
    for (const e of [p("old", "withdrawn"), p("a", "reading"), p("a", "choosing")]) state = follow(state, e).state;
    expect(state.early).toHaveLength(3);
    const r = offered(state, "a");
    expect(r.state).toEqual({ offerId: "a", step: "choosing", early: [] });
    expect(r.actions).toEqual(["step"]);
  });

  it("is gone when withdrawn, or when another offer takes the window; an old offer's withdrawal is not this one's", () => {
    const start = offered(START, "a").state;
    expect(run(start, [p("a", "withdrawn")]).actions).toEqual(["gone"]);
    expect(run(start, [p("old", "withdrawn"), p("a", "signing")]).actions).toEqual(["none", "step"]);
    const replaced = run(start, [p("a", "signing"), p("b", "reading")]);
    expect(replaced.actions).toEqual(["step", "gone"]);
    expect(replaced.state.step).toBe("withdrawn");
    expect(goneError("withdrawn").code).toBe("offer_gone");
  });

  it("words the widget in three languages, the steps so far marked", () => {
    const reading = handoffView("reading", "en");
    expect(reading.text).toBe("The customer is reading.");
    expect(reading.steps.map((s) => s.state)).toEqual(["current", "todo", "todo", "todo"]);
    expect(handoffView("choosing", "sq").text).toBe("Klienti po zgjedh.");
    expect(handoffView("signing", "sr").text).toBe("Клијент потписује.");
    const signed = handoffView("submitted", "en");
    expect(signed).toMatchObject({ text: "The customer has signed.", tone: "ok", canWithdraw: true });
    expect(signed.steps.every((s) => s.state === "done")).toBe(true);
    // A correction or a request: no choosing step.
    expect(handoffView("signing", "en", "sign").steps.map((s) => [s.label, s.state])).toEqual([
      ["Reading", "done"],
      ["Signing", "current"],
      ["Signed", "todo"],
    ]);
    const gone = handoffView("withdrawn", "sq");
    expect(gone).toMatchObject({ tone: "gone", steps: [], canWithdraw: false });
    for (const lang of LANGS) {
      for (const step of ["reading", "choosing", "signing", "submitted", "withdrawn"] as const) {
        expect(handoffView(step, lang).text).not.toBe("");
      }
    }
  });
});

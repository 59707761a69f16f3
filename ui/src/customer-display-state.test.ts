import { describe, expect, it } from "vitest";

import {
  choiceSummary,
  emptyPad,
  followState,
  goTo,
  initialTicks,
  openOffer,
  type OfferView,
  parseDisplayState,
  problemOf,
  purposeGroups,
  REFUSALS,
  stepOfPage,
  submittedChoices,
  toggleTick,
  touched,
  W,
} from "./customer-display-state";
import { type ConsentOffer, parseOffer } from "./customer-offer";
import { consentOffer } from "./customer-offer.fixture";
import { LANGS } from "./i18n";
import { sample } from "./vocabulary.fixture";
import { parseVocabulary } from "./vocabulary";

const v = parseVocabulary(sample);
const offerState = (step?: string, offer: unknown = consentOffer, id = "offer-1") => parseDisplayState({ state: "offer", offer_id: id, offer, step });
const consent = (over: Partial<Record<string, unknown>> = {}) => parseOffer({ ...consentOffer, ...over }) as ConsentOffer;
const sign = { kind: "sign", lang: "sq", title: "Korrigjimi i adresës", lines: ["Adresa: Rr. Agim Ramadani 12, Prishtinë"] };

function view(step = "reading", offer: unknown = consentOffer): OfferView {
  const s = offerState(step, offer);
  if (s.state !== "offer") throw new Error("no offer");
  return openOffer(s);
}

describe("the customer's window state", () => {
  it("reads idle and an offer, with or without its step", () => {
    expect(parseDisplayState({ state: "idle" })).toEqual({ state: "idle" });
    const s = offerState(undefined);
    expect(s.state === "offer" && s.step).toBe("reading");
    expect(() => parseDisplayState({ state: "offer", offer_id: "x", offer: consentOffer, step: "dancing" })).toThrow("step");
    expect(() => parseDisplayState({ state: "busy" })).toThrow("customer_display_state.state");
  });

  it("opens a consent on the notice with the clerk's ticks, and a correction on its one page", () => {
    const c = view();
    expect(c.page).toBe("read");
    expect([...c.ticks]).toEqual(["current_offers/sms_mms"]);
    const s = view("reading", sign);
    expect(s.page).toBe("sign");
    expect(stepOfPage(s.offer, "sign")).toBe("reading");
  });

  it("resumes at the step Rust holds when the window opens again", () => {
    expect(view("choosing").page).toBe("choose");
    expect(view("signing").page).toBe("sign");
    expect(view("submitted").page).toBe("thanks");
    expect(view("submitted", sign).page).toBe("thanks");
  });

  it("keeps what the customer did when the same offer is read again, starts afresh for another", () => {
    let c = toggleTick(view(), "current_offers/email");
    c = goTo(c, "choose").view;
    expect(followState(c, offerState("choosing"))).toBe(c);
    const other = followState(c, offerState("reading", consentOffer, "offer-2"));
    expect(other?.offerId).toBe("offer-2");
    expect(other?.page).toBe("read");
    expect(other?.ticks.has("current_offers/email")).toBe(false);
    expect(followState(c, { state: "idle" })).toBeNull();
    expect(followState(c, offerState("submitted"))?.page).toBe("thanks");
  });

  it("reports each step once, as the customer moves on, and nothing after submitting", () => {
    let c = view();
    const toChoose = goTo(c, "choose");
    expect(toChoose.report).toBe("choosing");
    c = toChoose.view;
    expect(touched(c, "choosing").report).toBeNull();
    const toSign = goTo(c, "sign");
    expect(toSign.report).toBe("signing");
    c = toSign.view;
    expect(touched(c, "signing").report).toBeNull();
    expect(goTo(c, "choose").report).toBe("choosing");
    const done = followState(c, offerState("submitted"));
    expect(done && touched(done, "signing").report).toBeNull();

    // A correction: reading until the pad is touched.
    const s = view("reading", sign);
    const t = touched(s, "signing");
    expect(t.report).toBe("signing");
    expect(touched(t.view, "signing").report).toBeNull();
  });

  it("signs every offered choice: on → given, off → withdrawn when given now, refused otherwise", () => {
    const offer = consent({
      choices: [
        { purpose: "current_offers", channel: "sms_mms", state: "given" },
        { purpose: "current_offers", channel: "email", state: "given" },
        { purpose: "help_us_be_better", channel: null, state: "refused" },
      ],
      current: [
        { purpose: "current_offers", channel: "email", state: "refused", recorded_at: "2024-01-01T00:00:00Z" },
        { purpose: "current_offers", channel: "email", state: "given", recorded_at: "2025-06-01T00:00:00Z" },
      ],
    });
    let ticks = initialTicks(offer);
    expect(ticks.size).toBe(2);
    ticks = new Set(["current_offers/sms_mms", "help_us_be_better/*"]);
    expect(submittedChoices(offer, ticks)).toEqual([
      { purpose: "current_offers", channel: "sms_mms", state: "given" },
      { purpose: "current_offers", channel: "email", state: "withdrawn" },
      { purpose: "help_us_be_better", channel: null, state: "given" },
    ]);
    // The clerk offered a withdrawal: left off, it stays withdrawn (the current choices unknown).
    const withdrawal = consent({ choices: [{ purpose: "current_offers", channel: "email", state: "withdrawn" }], current: null });
    expect(submittedChoices(withdrawal, initialTicks(withdrawal))).toEqual([{ purpose: "current_offers", channel: "email", state: "withdrawn" }]);
    expect(submittedChoices(withdrawal, new Set(["current_offers/email"]))[0]?.state).toBe("given");
  });

  it("groups the switches by purpose in the policy's order, with the profiling statement and the policy's words", () => {
    const offer = consent({
      choices: [
        { purpose: "help_us_be_better", channel: null, state: "refused" },
        { purpose: "current_offers", channel: "sms_mms", state: "given" },
        { purpose: "current_offers", channel: "email", state: "refused" },
      ],
      current: [{ purpose: "current_offers", channel: "email", state: "given", recorded_at: "2025-06-01T00:00:00Z" }],
    });
    const groups = purposeGroups(v, offer, initialTicks(offer), "sq");
    expect(groups.map((g) => g.purpose)).toEqual(["current_offers", "help_us_be_better"]);
    expect(groups[0]).toMatchObject({ label: "Ofertat aktuale", profiling: null, policy: "You hereby agree…" });
    expect(groups[0]?.items).toEqual([
      { key: "current_offers/sms_mms", label: "SMS/MMS", on: true, before: null },
      { key: "current_offers/email", label: "E-mail", on: false, before: "Deri tani: Po" },
    ]);
    expect(groups[1]?.profiling).toBe(W.profiling.sq);
    expect(groups[1]?.items[0]?.label).toBe(W.wholePurpose.sq);
    expect(purposeGroups(v, offer, new Set(), "sr")[1]?.label).toBe("Помозите нам да будемо бољи");
  });

  it("sums up what the customer signs in a line per purpose", () => {
    const offer = consent();
    const ticks = toggleTick(view(), "help_us_be_better/*").ticks;
    expect(choiceSummary(v, offer, ticks, "en")).toEqual([
      { label: "Current offers", answer: "some", text: "Yes: SMS/MMS · No: the other channels" },
      { label: "Help us be better", answer: "yes", text: "Yes" },
    ]);
    expect(choiceSummary(v, offer, new Set(), "sr")).toEqual([
      { label: "Актуелне понуде", answer: "no", text: "Не" },
      { label: "Помозите нам да будемо бољи", answer: "no", text: "Не" },
    ]);
  });

  it("words the refusals in the offer's language with Rust's sentence below", () => {
    expect(emptyPad("en")).toEqual({ text: "Please sign in the box before you submit.", detail: "" });
    const short = { code: "signature_too_short", message: "That is too short to be a signature: ask the customer to clear the pad and sign with their usual signature." };
    expect(problemOf(short, "sr")).toEqual({ text: REFUSALS.signature_too_short.sr, detail: short.message });
    expect(problemOf({ code: "disk_full", message: "No space" }, "sq").text).toBe(REFUSALS.other.sq);
    for (const words of [...Object.values(REFUSALS), ...Object.values(W)]) {
      for (const lang of LANGS) expect(words[lang].trim()).not.toBe("");
    }
    // Serbian is written in Cyrillic.
    for (const words of Object.values(REFUSALS)) expect(words.sr).toMatch(/[\u0400-\u04FF]/);
  });
});

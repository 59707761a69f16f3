import { describe, expect, it } from "vitest";

import { choiceKey, parseOffer, parseSignature, parseSubmission } from "./customer-offer";
import { consentOffer, notice } from "./customer-offer.fixture";

describe("an offer to the customer's window", () => {
  it("reads a consent offer: the notice, the clerk's choices, the current choices", () => {
    const offer = parseOffer({
      ...consentOffer,
      current: [{ purpose: "current_offers", channel: "email", state: "given", recorded_at: "2025-03-01T10:00:00Z", method: "in store", store_code: null, notice_version: 2 }],
    });
    expect(offer.kind).toBe("consent");
    if (offer.kind !== "consent") return;
    expect(offer.notice.version).toBe(3);
    expect(offer.choices[2]).toEqual({ purpose: "help_us_be_better", channel: null, state: "refused" });
    expect(offer.current).toEqual([{ purpose: "current_offers", channel: "email", state: "given", recorded_at: "2025-03-01T10:00:00Z" }]);
  });

  it("reads a sign offer: its title and lines", () => {
    expect(parseOffer({ kind: "sign", lang: "sr", title: "Исправка", lines: ["Е-пошта: a@b.com"] })).toEqual({
      kind: "sign",
      lang: "sr",
      title: "Исправка",
      lines: ["Е-пошта: a@b.com"],
    });
  });

  it("refuses an offer it cannot show, naming the field", () => {
    expect(() => parseOffer({ ...consentOffer, lang: "de" })).toThrow("offer.lang");
    expect(() => parseOffer({ ...consentOffer, kind: "survey" })).toThrow("offer.kind");
    expect(() => parseOffer({ ...consentOffer, choices: [] })).toThrow("offer.choices is empty");
    expect(() => parseOffer({ ...consentOffer, choices: [{ purpose: "current_offers", channel: "email", state: "maybe" }] })).toThrow(
      "offer.choices[0].state",
    );
    expect(() => parseOffer({ ...consentOffer, notice: { ...notice, version: 0 } })).toThrow("offer.notice.version");
    expect(() => parseOffer({ kind: "sign", lang: "sq", title: "Korrigjim", lines: [1] })).toThrow("offer.lines[0]");
  });

  it("reads what the customer handed in", () => {
    const signature = { width: 600, height: 200, strokes: [[[10, 20, 0], [30, 40, 16, 500]]] };
    expect(parseSubmission({ choices: null, signature }, "s")).toEqual({ choices: null, signature });
    expect(parseSubmission({ choices: [{ purpose: "current_offers", channel: null, state: "given" }], signature }, "s").choices).toHaveLength(1);
    expect(() => parseSignature({ ...signature, strokes: [[[1, 2]]] }, "sig")).toThrow("sig.strokes[0][0]");
    expect(() => parseSignature({ ...signature, width: 0 }, "sig")).toThrow("sig.width");
  });

  it("keys a purpose × channel, the purpose as a whole apart", () => {
    expect(choiceKey("current_offers", "email")).toBe("current_offers/email");
    expect(choiceKey("help_us_be_better", null)).toBe("help_us_be_better/*");
  });
});

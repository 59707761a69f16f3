import { describe, expect, it } from "vitest";

import {
  captureProblem,
  changesRecord,
  consentChoices,
  emptyRequest,
  initialTicks,
  parseConsentForm,
  parseSavedChange,
  problemField,
  requestDraft,
  signatureOrRefusal,
  toggle,
} from "./capture-state";
import { type ConsentOnRecord } from "./report";
import { sample } from "./vocabulary.fixture";
import { parseVocabulary } from "./vocabulary";

const v = parseVocabulary(sample);

const onRecord = (channel: string | null, state: string, at: string, purpose = "current_offers"): ConsentOnRecord => ({
  purpose,
  channel,
  state,
  recorded_at: at,
  method: "in store, clerk assisted, signed",
  store_code: "DEMO-PRISHTINA",
  notice_version: 1,
});

describe("the consent record a form signs", () => {
  it("starts a new customer with nothing ticked and records every choice explicitly", () => {
    expect(initialTicks([]).size).toBe(0);
    expect(initialTicks(null).size).toBe(0);
    expect(consentChoices(v, new Set(["current_offers/email"]), [])).toEqual([
      { purpose: "current_offers", channel: "sms_mms", state: "refused" },
      { purpose: "current_offers", channel: "email", state: "given" },
      { purpose: "help_us_be_better", channel: null, state: "refused" },
    ]);
  });

  it("ticks what is given now, by the latest record, and withdraws what is unticked", () => {
    const current = [
      onRecord("sms_mms", "given", "2025-01-01T10:00:00Z"),
      onRecord("email", "given", "2025-01-01T10:00:00Z"),
      onRecord("email", "withdrawn", "2026-02-01T10:00:00Z"),
    ];
    const ticks = initialTicks(current);
    expect([...ticks]).toEqual(["current_offers/sms_mms"]);
    ticks.delete("current_offers/sms_mms");
    const choices = consentChoices(v, ticks, current);
    expect(choices[0]).toEqual({ purpose: "current_offers", channel: "sms_mms", state: "withdrawn" });
    // Withdrawn before and not ticked: refused now, and that changes the record.
    expect(choices[1]).toEqual({ purpose: "current_offers", channel: "email", state: "refused" });
    expect(changesRecord(choices[1]!, current)).toBe(true);
    expect(changesRecord({ purpose: "current_offers", channel: "sms_mms", state: "given" }, current)).toBe(false);
  });
});

describe("the requests' drafts", () => {
  it("carry each kind's own fields, as Rust's RequestDraft reads them", () => {
    const access = { ...emptyRequest("access"), items: ["full_traffic_data"], from: " 2026-01-01 " };
    expect(requestDraft(access)).toEqual({
      kind: "access",
      details: "",
      objection_purpose: null,
      particulars: { kind: "access", items: ["full_traffic_data"], from: "2026-01-01", to: null },
    });
    const objection = { ...emptyRequest("objection"), objectionPurpose: "fraud_prevention", details: "No." };
    expect(requestDraft(objection)).toMatchObject({ objection_purpose: "fraud_prevention", particulars: { kind: "objection" } });
    const suspension = { ...emptyRequest("marketing_suspension"), permanent: false, until: "2027-06-30" };
    expect(requestDraft(suspension).particulars).toEqual({ kind: "marketing_suspension", until: "2027-06-30" });
    expect(requestDraft({ ...suspension, permanent: true }).particulars).toEqual({ kind: "marketing_suspension", until: null });
    expect(requestDraft({ ...emptyRequest("complaint") }).particulars).toEqual({
      kind: "complaint",
      supervisory_authority_explained: false,
    });
    expect(toggle(["a", "b"], "a", false)).toEqual(["b"]);
    expect(toggle(["b"], "a", true)).toEqual(["b", "a"]);
  });
});

describe("refusals and answers", () => {
  it("words Rust's codes for the clerk, keeps Rust's sentence, and points at the field", () => {
    const p = captureProblem({ code: "invalid_phone", message: "A Kosovo number has 8 digits after the 0." }, "sq");
    expect(p.text).toContain("numër telefoni");
    expect(p.detail).toBe("A Kosovo number has 8 digits after the 0.");
    expect(captureProblem({ code: "something_new", message: "x" }, "sr").text).toContain("Није успело");
    expect(problemField("invalid_email")).toBe("value");
    expect(problemField("reason_required")).toBe("reason");
    expect(problemField("signature_too_short")).toBe("signature");
    expect(problemField("invalid_input")).toBeNull();
    expect(signatureOrRefusal(null)).toEqual({ refusal: { code: "signature_empty", message: "The pad is empty." } });
  });

  it("reads Rust's answers and names a field of the wrong shape", () => {
    const notice = {
      notice_id: "consent-notice",
      version: 3,
      lang: "sq",
      title: "T",
      text: "…",
      text_sha256: "ab",
      published_at: "2026-01-01T00:00:00Z",
    };
    const form = { customer_id: "C-1", customer_kind: "individual", notice, expressed_by: { capacity: "themself", name: null }, current: null };
    expect(parseConsentForm(form).current).toBeNull();
    expect(() => parseConsentForm({ ...form, notice: { ...notice, version: "3" } })).toThrow("notice.version");
    expect(() =>
      parseSavedChange({ mutation_id: "m", seq: 1, kind: "audit_event", captured_at: "", reference: "", verification_code: "", due_at: null, latest_due_at: null }),
    ).toThrow("saved.kind");
  });
});

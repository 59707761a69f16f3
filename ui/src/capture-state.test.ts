import { describe, expect, it } from "vitest";

import {
  captureProblem,
  changeMark,
  consentChoices,
  correctionSummary,
  dueText,
  emptyRequest,
  expressedByText,
  initialTicks,
  parseConsentForm,
  parseSavedChange,
  problemField,
  requestDraft,
  requestProblem,
  requestSummary,
  reviewGroups,
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
    // Withdrawn before and not ticked: refused now, which leaves what the customer allows as it was.
    expect(choices[1]).toEqual({ purpose: "current_offers", channel: "email", state: "refused" });
    expect(changeMark(choices[1]!, current)).toBe("same");
    expect(changeMark(choices[0]!, current)).toBe("withdraws");
    expect(changeMark({ purpose: "current_offers", channel: "sms_mms", state: "given" }, current)).toBe("same");
  });
});

describe("the review of a consent record", () => {
  const current = [onRecord("sms_mms", "given", "2025-01-01T10:00:00Z"), onRecord("email", "withdrawn", "2026-02-01T10:00:00Z")];

  it("marks what changes in what the customer allows, and what is recorded for the first time", () => {
    const ticks = new Set(["current_offers/email", "current_offers/sms_mms"]);
    const groups = reviewGroups(consentChoices(v, ticks, current), current);
    expect(groups.map((g) => g.purpose)).toEqual(["current_offers", "help_us_be_better"]);
    expect(groups[0]?.choices.map((c) => [c.choice.channel, c.choice.state, c.before, c.mark])).toEqual([
      ["sms_mms", "given", "given", "same"],
      ["email", "given", "withdrawn", "gives"],
    ]);
    expect(groups[1]?.choices[0]).toMatchObject({ before: null, mark: "first", choice: { state: "refused" } });
  });

  it("cannot say what changes when the current choices are unknown", () => {
    const choices = consentChoices(v, new Set(["help_us_be_better/*"]), null);
    // Only what is given now: an unticked box may hide a consent given before, not to be overwritten.
    expect(choices).toEqual([{ purpose: "help_us_be_better", channel: null, state: "given" }]);
    const groups = reviewGroups(choices, null);
    expect(groups.flatMap((g) => g.choices).every((c) => c.mark === "unknown")).toBe(true);
  });

  it("keeps a one-action withdrawal to its one choice", () => {
    const groups = reviewGroups([{ purpose: "current_offers", channel: "sms_mms", state: "withdrawn" }], current);
    expect(groups).toEqual([
      { purpose: "current_offers", choices: [{ choice: { purpose: "current_offers", channel: "sms_mms", state: "withdrawn" }, before: "given", mark: "withdraws" }] },
    ]);
  });
});

describe("the requests' drafts", () => {
  it("carry each kind's own fields, as Rust's RequestDraft reads them", () => {
    const access = { ...emptyRequest("access"), items: ["full_traffic_data"], from: " 1.1.2026 " };
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
    expect(requestDraft({ ...access, from: "", to: "2026-3-31" }).particulars).toMatchObject({ from: null, to: "2026-03-31" });
    expect(toggle(["a", "b"], "a", false)).toEqual(["b"]);
    expect(toggle(["b"], "a", true)).toEqual(["b", "a"]);
  });
});

describe("what a request lacks before Rust is asked", () => {
  const problem = (f: Parameters<typeof requestProblem>[0]) => {
    const p = requestProblem(f);
    return p === null ? null : [p.problem.code, p.field];
  };

  it("names the field: a tick, a purpose, the customer's words", () => {
    expect(problem(emptyRequest("access"))).toEqual(["items_required", "request-items"]);
    expect(problem({ ...emptyRequest("erasure"), details: "Closed." })).toEqual(["categories_required", "request-categories"]);
    expect(problem({ ...emptyRequest("restriction"), categories: ["identity_contact"], details: "  " })).toEqual(["details_required", "request-details"]);
    expect(problem({ ...emptyRequest("objection"), details: "No." })).toEqual(["purpose_required", "objection-purpose"]);
    expect(problem({ ...emptyRequest("objection"), objectionPurpose: "fraud_prevention" })).toEqual(["details_required", "request-details"]);
    expect(problem(emptyRequest("portability"))).toEqual(["formats_required", "request-formats"]);
    expect(problem(emptyRequest("complaint"))).toEqual(["details_required", "request-details"]);
    expect(problem({ ...emptyRequest("complaint"), details: "Called after I withdrew." })).toBeNull();
    expect(problem(emptyRequest("marketing_suspension"))).toBeNull();
  });

  it("refuses days that are not days, and a suspension until no day (which would be a permanent one)", () => {
    const access = { ...emptyRequest("access"), items: ["full_traffic_data"] };
    expect(problem({ ...access, from: "2026-02-30" })).toEqual(["from_invalid", "access-from"]);
    expect(problem({ ...access, from: "1.3.2026", to: "31/12" })).toEqual(["to_invalid", "access-to"]);
    expect(problem({ ...access, from: "2026-03-02", to: "2026-03-01" })).toEqual(["reversed", "access-from"]);
    expect(problem({ ...access, from: "1.3.2026", to: "2026-03-31" })).toBeNull();
    const suspension = { ...emptyRequest("marketing_suspension"), permanent: false };
    expect(problem(suspension)).toEqual(["until_invalid", "suspension-until"]);
    expect(problem({ ...suspension, until: "30.6.2027" })).toBeNull();
    expect(requestDraft({ ...suspension, until: "30.6.2027" }).particulars).toEqual({ kind: "marketing_suspension", until: "2027-06-30" });
  });

  it("words each in the three languages", () => {
    expect(captureProblem({ code: "details_required", message: "" }, "sq").text).toBe("Shkruani kërkesën me fjalët e klientit.");
    expect(captureProblem({ code: "purpose_required", message: "" }, "sr").text).toContain("приговара");
    expect(captureProblem({ code: "from_invalid", message: "" }, "en").text).toContain("YYYY-MM-DD");
    expect(captureProblem({ code: "until_invalid", message: "" }, "en").text).toContain("choose permanent");
  });
});

describe("what is signed, in words", () => {
  it("gives the policy's dates as days in Kosovo: one month as a rule, three at most; fifteen days for a suspension", () => {
    expect(dueText("erasure", "2026-12-22T23:30:00Z", "2027-02-22T23:30:00Z", "en")).toBe("IPKO answers by 2026-12-23 (no later than 2027-02-23)");
    expect(dueText("marketing_suspension", "2026-12-07T10:00:00Z", "2026-12-07T10:00:00Z", "sq")).toBe("Në fuqi jo më vonë se 2026-12-07");
    expect(dueText("correction", "2026-12-22T10:00:00Z", null, "sr", false)).toBe("2026-12-22");
  });

  it("lists a request's own fields and a correction's old and new value", () => {
    const checked = { kind: "access", due_at: "2026-12-22T10:00:00Z", latest_due_at: "2027-02-22T10:00:00Z" };
    const access = { ...emptyRequest("access"), items: ["full_traffic_data"], to: "31.3.2026" };
    const lines = requestSummary(access, checked, v, "en");
    expect(lines[0]).toEqual(["Kind of request", "Access"]);
    expect(lines).toContainEqual(["Period", "… – 2026-03-31"]);
    expect(lines[lines.length - 1]).toEqual(["IPKO answers by", "2026-12-22 (no later than 2027-02-22)"]);
    const suspension = requestSummary({ ...emptyRequest("marketing_suspension"), permanent: false, until: "2027-06-30" }, checked, v, "sq");
    expect(suspension).toContainEqual(["Pezullimi", "deri më 2027-06-30"]);
    expect(suspension[suspension.length - 1]?.[0]).toBe("Në fuqi jo më vonë se");
    const objection = requestSummary({ ...emptyRequest("objection"), objectionPurpose: "fraud_prevention", details: " No. " }, checked, v, "sr");
    expect(objection).toContainEqual(["Приговара обради за", "Спречавање превара"]);
    expect(objection).toContainEqual(["Речима клијента", "No."]);
    expect(correctionSummary({ field: "email", old_value: null, new_value: "a@b.example", reason: "New" }, v, "sq")).toEqual([
      ["Fusha", "Email"],
      ["Në regjistër", "(bosh)"],
      ["Vlera e re", "a@b.example"],
      ["Arsyeja", "New"],
    ]);
  });

  it("says who expresses the choices, and in what capacity", () => {
    expect(expressedByText({ capacity: "themself", name: null }, "en")).toBe("Expressed by: The customer in person");
    expect(expressedByText({ capacity: "guardian", name: "Arben Morina" }, "sq")).toBe("E shpreh: Kujdestari i të miturit: Arben Morina");
    expect(expressedByText({ capacity: "business_representative", name: null }, "sr")).toBe("Изражава: Представник предузећа");
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

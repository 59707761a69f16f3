import { describe, expect, it } from "vitest";

import {
  categoryLines,
  consentRows,
  customerName,
  loadProblem,
  requestDue,
  summaryLines,
  tabForKey,
  W,
} from "./customer-state";
import { LANGS } from "./i18n";
import { type ConsentOnRecord, type CustomerSummary, type ReportOverview, type RequestStatus } from "./report";
import { parseVocabulary } from "./vocabulary";
import { sample } from "./vocabulary.fixture";

const vocabulary = parseVocabulary(sample);

const person: CustomerSummary = {
  customer_id: "C-900042",
  customer_no: "DEMO-0900042",
  kind: "individual",
  first_name: "Vjosa",
  last_name: "Krasniqi",
  personal_number: null,
  date_of_birth: "1988-04-12",
  nationality: "RKS",
  identity_document: null,
  business_name: null,
  business_number: null,
  address: "Rruga e Provës 12, Prishtinë",
  email: null,
  msisdns: ["+38349000101", "+38344000102"],
  representatives: [],
  record_version: 7,
  demo: true,
};

describe("the tab bar from the keyboard", () => {
  it("moves with the arrows, wrapping, and jumps with Home and End", () => {
    expect(tabForKey("overview", "ArrowRight")).toBe("data");
    expect(tabForKey("printout", "ArrowRight")).toBe("consent");
    expect(tabForKey("requests", "ArrowRight")).toBe("overview");
    expect(tabForKey("overview", "ArrowLeft")).toBe("requests");
    expect(tabForKey("traffic", "Home")).toBe("overview");
    expect(tabForKey("data", "End")).toBe("requests");
    expect(tabForKey("data", "Enter")).toBeNull();
  });
});

describe("the customer's summary", () => {
  it("names a person, or a business by its name", () => {
    expect(customerName(person)).toBe("Vjosa Krasniqi");
    expect(customerName({ ...person, kind: "business", business_name: "Demo Tregtia SH.P.K." })).toBe(
      "Demo Tregtia SH.P.K.",
    );
  });

  it("lists only what the record has, in the clerk's language", () => {
    const lines = summaryLines(person, "en");
    expect(lines).toContainEqual(["Kind of customer", "Individual"]);
    expect(lines).toContainEqual(["Phone numbers", "+38349000101, +38344000102"]);
    expect(lines.map(([label]) => label)).not.toContain("E-mail");
    expect(summaryLines({ ...person, email: "vjosa@example.com" }, "sr")).toContainEqual([
      "Е-пошта",
      "vjosa@example.com",
    ]);
  });
});

describe("consentRows", () => {
  const consent = (c: Partial<ConsentOnRecord>): ConsentOnRecord => ({
    purpose: "current_offers",
    channel: "email",
    state: "given",
    recorded_at: "2023-05-10T11:00:00Z",
    method: "in store, clerk assisted, signed",
    store_code: "DEMO-PRISHTINA",
    notice_version: 1,
    ...c,
  });

  it("orders by the policy's purposes and channels, newest first, and marks the choice in force", () => {
    const rows = consentRows(
      [
        consent({ purpose: "help_us_be_better", channel: null, state: "refused" }),
        consent({}),
        consent({ state: "withdrawn", recorded_at: "2025-01-22T17:45:00Z", store_code: null, notice_version: 2 }),
        consent({ channel: "sms_mms" }),
      ],
      vocabulary,
      "en",
    );
    expect(rows.map((r) => [r.purpose, r.channel, r.inForce])).toEqual([
      ["Current offers", "SMS/MMS", true],
      ["Current offers", "E-mail", true],
      ["Current offers", "E-mail", false],
      ["Help us be better", "The purpose as a whole", true],
    ]);
    expect(rows[1]).toMatchObject({ when: "2025-01-22 18:45", how: "in store, clerk assisted, signed · notice v2" });
    expect(rows[2]?.how).toBe("in store, clerk assisted, signed · DEMO-PRISHTINA · notice v1");
  });
});

describe("requestDue", () => {
  const request: RequestStatus = {
    reference: "DEMO-PRISHTINA-2026-7K3QZ9",
    kind: "erasure",
    customer_id: "C-900042",
    submitted_at: "2026-11-02T10:00:00Z",
    due_at: "2026-12-02T10:00:00Z",
    latest_due_at: "2027-02-02T10:00:00Z",
    state: "in_progress",
    store_code: null,
  };

  it("counts Kosovo's days to the deadline, and says when it has passed", () => {
    expect(requestDue(request, new Date("2026-11-22T12:00:00Z"), "en")).toEqual({
      days: 10,
      text: "10 days left",
      overdue: false,
    });
    // 22:30 UTC on 2 December is still the due day in Prishtina; half past midnight is not.
    expect(requestDue(request, new Date("2026-12-02T22:30:00Z"), "en")).toMatchObject({
      overdue: false,
      text: "today",
    });
    expect(requestDue(request, new Date("2026-12-02T23:30:00Z"), "en")).toEqual({
      days: -1,
      overdue: true,
      text: "overdue",
    });
    // 23:30 UTC on 1 December is already 2 December in Prishtina: due today.
    expect(requestDue(request, new Date("2026-12-01T23:30:00Z"), "sq")).toEqual({
      days: 0,
      text: "sot",
      overdue: false,
    });
  });
});

describe("categoryLines", () => {
  it("labels each category and its processing from the vocabulary, in the policy's order", () => {
    const report = {
      categories: [
        {
          category: "mobile_services",
          records: [{ record_type: "device", recorded_at: null, fields: [] }],
          purposes: ["contract", "fraud_prevention", "help_us_be_better"],
          legal_bases: ["contract", "consent"],
          recipients: [],
          sources: [],
          retention: ["contract_term"],
        },
        {
          category: "identity_contact",
          records: [],
          purposes: [],
          legal_bases: [],
          recipients: [],
          sources: [],
          retention: [],
        },
      ],
    } as unknown as ReportOverview;
    const lines = categoryLines(report, vocabulary, "sq");
    expect(lines.map((l) => l.label)).toEqual(["Identiteti dhe kontakti", "Shërbimet mobile"]);
    expect(lines[1]).toMatchObject({
      records: 1,
      purposes: "Contract, Parandalimi i mashtrimit, Na ndihmoni të jemi më të mirë",
      legalBases: "Kontrata, Pëlqimi",
      retention: "Gjatë kontratës",
    });
  });
});

describe("loadProblem", () => {
  it("says an unreachable central system in the clerk's words, Rust's below", () => {
    const error = {
      code: "central_unreachable",
      message: "The central API at http://127.0.0.1:8787/ cannot be reached",
    };
    expect(loadProblem(error, "en")).toEqual({
      text: "IPKO's central system cannot be reached: check the network and try again.",
      detail: error.message,
    });
    expect(loadProblem({ code: "not_signed_in", message: "" }, "sq").text).toBe(
      "Ekrani u kyç: hyni përsëri për të vazhduar.",
    );
    expect(loadProblem({ code: "database", message: "disk I/O error" }, "sr")).toEqual({
      text: "Подаци клијента нису преузети.",
      detail: "disk I/O error",
    });
  });
});

describe("the screen's words", () => {
  it("has every word in the three languages, the Serbian in Cyrillic", () => {
    for (const [key, text] of Object.entries(W)) {
      for (const lang of LANGS) {
        expect(text[lang].trim(), `${key}.${lang}`).not.toBe("");
      }
      // Serbian words carry Cyrillic letters; Latin ones only in names such as IPKO or SMS.
      const letters = text.sr.replace(/IPKO|DEMO|PDF|Europe\/Belgrade|\{\w+\}/g, "").match(/\p{L}/gu) ?? [];
      const latin = letters.filter((c) => /[A-Za-z]/.test(c));
      expect(latin, `${key}.sr`).toEqual([]);
    }
  });
});

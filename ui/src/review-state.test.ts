import { describe, expect, it } from "vitest";

import { LANGS } from "./i18n";
import {
  dateTime,
  exportLines,
  fileSize,
  kindText,
  openCount,
  parseConflictCurrent,
  parseExportSummary,
  parseRetriedChange,
  parseReviewList,
  reasonText,
  rebaseQuestion,
  retriedNotice,
  retriedText,
  retryArgs,
  reviewRefusal,
  rowAction,
  sessionChanged,
} from "./review-state";

// kiosk_core::store::OutboxRow as serde writes it (fictional customers and clerks).
const rejected = {
  seq: 41,
  wire_seq: 41,
  mutation_id: "01937a4e-5b2c-7d10-8e3f-4a5b6c7d8e01",
  kind: "rights_request_submitted",
  state: "rejected",
  captured_at: "2026-11-22T09:15:00Z",
  clerk_id: "PR-0101",
  customer_id: "100234",
  payload_sha256: "ab".repeat(32),
  payload_bytes: 2048,
  attempts: 1,
  last_attempt_at: "2026-11-22T13:10:00Z",
  settled_at: "2026-11-22T13:10:01Z",
  result_code: "unknown_customer",
  result_message: "There is no customer 100234 in the central system.",
  retried_as_seq: null,
  retry_of_seq: null,
};

const conflict = {
  ...rejected,
  seq: 42,
  kind: "correction_requested",
  state: "conflict",
  customer_id: "100587",
  result_code: "conflict",
  result_message: JSON.stringify({ record_version: 7, field: "address", value: "Rr. Agim Ramadani 12, Prishtinë" }),
};

describe("parseReviewList", () => {
  it("reads the rows Rust serialises", () => {
    const rows = parseReviewList([rejected, conflict]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ seq: 41, state: "rejected", customer_id: "100234", retried_as_seq: null });
    expect(rows[1]).toMatchObject({ seq: 42, state: "conflict", kind: "correction_requested" });
  });

  it("keeps a change without a customer (an audit event) and one of a kind it has no words for", () => {
    const [row] = parseReviewList([{ ...rejected, customer_id: null, kind: "something_new" }]);
    expect(row?.customer_id).toBeNull();
    expect(kindText(row?.kind ?? "", "en")).toBe("something_new");
  });

  it("refuses a wrong shape instead of showing an empty list", () => {
    expect(() => parseReviewList(null)).toThrow(/not answer a list/);
    expect(() => parseReviewList([{ ...rejected, state: "pending" }])).toThrow(/state is pending/);
    expect(() => parseReviewList([{ ...rejected, seq: "41" }])).toThrow(/seq/);
    expect(() => parseReviewList([{ ...rejected, captured_at: "yesterday" }])).toThrow(/captured_at/);
  });
});

describe("parseConflictCurrent", () => {
  it("reads protocol::mutation::ConflictCurrent", () => {
    expect(parseConflictCurrent(conflict.result_message)).toEqual({
      record_version: 7,
      field: "address",
      value: "Rr. Agim Ramadani 12, Prishtinë",
    });
    expect(parseConflictCurrent('{"record_version":3,"field":null,"value":null}')).toEqual({
      record_version: 3,
      field: null,
      value: null,
    });
  });

  it("gives null for anything else", () => {
    expect(parseConflictCurrent(null)).toBeNull();
    expect(parseConflictCurrent("the record changed")).toBeNull();
    expect(parseConflictCurrent('{"field":"email"}')).toBeNull();
  });
});

describe("the reason", () => {
  it("says a rejection in the supervisor's words with the server's own below", () => {
    const [row] = parseReviewList([rejected]);
    if (!row) throw new Error("no row");
    const r = reasonText(row, "en");
    expect(r.text).toBe("The central system does not know this customer.");
    expect(r.detail).toBe("There is no customer 100234 in the central system. [unknown_customer]");
    expect(reasonText(row, "sr").text).toBe("Централни систем не познаје овог корисника.");
    const other = reasonText({ ...row, result_code: "brand_new_code" }, "sq");
    expect(other.text).toBe("Sistemi qendror e refuzoi.");
    expect(other.detail).toContain("[brand_new_code]");
  });

  it("says a conflict with the record's version and its current value", () => {
    const [row] = parseReviewList([conflict]);
    if (!row) throw new Error("no row");
    const r = reasonText(row, "en");
    expect(r.text).toBe("The customer's record changed meanwhile (now version 7).");
    expect(r.current).toBe("Now: Address = \u201CRr. Agim Ramadani 12, Prishtinë\u201D");
    expect(r.advice).toMatch(/Check the current value with the customer/);
    expect(reasonText(row, "sr").text).toBe("Евиденција корисника се у међувремену променила (сада верзија 7).");
    const empty = reasonText({ ...row, result_message: '{"record_version":8,"field":"email","value":null}' }, "sq");
    expect(empty.current).toBe("Tani: Email-i është bosh");
    const unreadable = reasonText({ ...row, result_message: "garbled" }, "en");
    expect(unreadable.text).toBe("The customer's record changed meanwhile.");
    expect(unreadable.detail).toBe("garbled");
  });

  it("has every word in every language", () => {
    const rows = parseReviewList([rejected, conflict]);
    for (const lang of LANGS) {
      for (const row of rows) {
        expect(reasonText(row, lang).text).not.toBe("");
        expect(kindText(row.kind, lang)).not.toBe(row.kind);
      }
    }
  });
});

describe("the actions", () => {
  it("sends a rejection again as it is and a conflict only rebased", () => {
    const [r, c] = parseReviewList([rejected, conflict]);
    if (!r || !c) throw new Error("no rows");
    expect(rowAction(r)).toBe("retry");
    expect(retryArgs(r)).toEqual({ seq: 41, rebase: false });
    expect(rowAction(c)).toBe("rebase");
    expect(retryArgs(c)).toEqual({ seq: 42, rebase: true });
    expect(rebaseQuestion(c, "en")).toMatch(
      /^Send it on the customer's current record \(version 7\)\? .*\(\u201CRr\. Agim/,
    );
  });

  it("offers nothing for a change sent again already, and does not count it", () => {
    const rows = parseReviewList([{ ...rejected, retried_as_seq: 50 }, conflict]);
    expect(rowAction(rows[0]!)).toBe("none");
    expect(retriedText(rows[0]!, "en")).toBe("Sent again as change no. 50: needs no more review.");
    expect(retriedText(rows[1]!, "en")).toBeNull();
    expect(openCount(rows)).toBe(1);
  });

  it("reads retry_change's answer and says what it did", () => {
    const done = parseRetriedChange({
      retried_seq: 42,
      queued: {
        seq: 51,
        mutation_id: "01937a4e-5b2c-7d10-8e3f-4a5b6c7d8e51",
        kind: "correction_requested",
        captured_at: "2026-11-22T10:40:00Z",
        payload_sha256: "cd".repeat(32),
        audit_entry_seq: 351,
      },
      rebased: true,
    });
    expect(done).toEqual({ retried_seq: 42, new_seq: 51, rebased: true });
    expect(retriedNotice(done, "en")).toBe(
      "Change no. 42 was queued again as change no. 51, on the customer's current record.",
    );
    expect(retriedNotice({ ...done, rebased: false }, "sr")).toBe(
      "Измена бр. 42 је поново стављена у ред као измена бр. 51.",
    );
    expect(() => parseRetriedChange({ retried_seq: 42 })).toThrow(/no queued change/);
  });
});

describe("the export", () => {
  it("reads the summary and says where, what and the care it needs", () => {
    const summary = parseExportSummary({
      path: "/home/kiosk/.local/share/ipko-kiosk/exports/queue-export-20261122T131000Z.json",
      pending: 2,
      review: 1,
      bytes: 9300,
    });
    const en = exportLines(summary, "en");
    expect(en.where).toBe("The file was written to:");
    expect(en.counts).toBe("It holds 3 changes: 2 waiting, 1 to review (9 KB).");
    expect(en.warning).toMatch(/personal data.*private.*IPKO support.*delete it after use/);
    expect(exportLines(summary, "sr").warning).toMatch(/личне податке/);
    expect(exportLines({ ...summary, pending: 0, bytes: 700 }, "en").counts).toBe(
      "It holds 1 change: 0 waiting, 1 to review (700 B).",
    );
    expect(() => parseExportSummary({ path: "", pending: 0, review: 0, bytes: 0 })).toThrow(/no path/);
  });

  it("says the size briefly", () => {
    expect(fileSize(512, "en")).toBe("512 B");
    expect(fileSize(3 * 1024 * 1024 + 200_000, "en")).toBe("3.2 MB");
    expect(fileSize(3 * 1024 * 1024 + 200_000, "sq")).toBe("3,2 MB");
  });
});

describe("times and refusals", () => {
  it("shows Kosovo's time whatever the computer's zone", () => {
    expect(dateTime("2026-11-22T09:15:00Z")).toBe("22.11.2026 10:15");
    expect(dateTime("2026-07-01T22:30:00Z")).toBe("02.07.2026 00:30");
  });

  it("puts a refusal in the supervisor's words and Rust's sentence below", () => {
    const error = { code: "supervisor_only", message: "Only a supervisor may do this: ask a supervisor to sign in." };
    expect(reviewRefusal(error, "list", "sr")).toEqual({
      text: "Само надзорник може ово да уради: замолите надзорника да се пријави.",
      detail: "Only a supervisor may do this: ask a supervisor to sign in. [supervisor_only]",
    });
    const written = { code: "invalid_input", message: "The export cannot be written to /x: Permission denied" };
    expect(reviewRefusal(written, "export", "en").text).toBe("The export could not be written. Call store IT.");
    expect(sessionChanged(error)).toBe(true);
    expect(sessionChanged(written)).toBe(false);
  });
});

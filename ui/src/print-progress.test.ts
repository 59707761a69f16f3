import { describe, expect, it } from "vitest";

import { LANGS } from "./i18n";
import {
  IDLE,
  isPrinting,
  nextPrintState,
  type PrintEvent,
  type PrintState,
  printRefusal,
  printView,
  shouldPoll,
  WAIT_LIMIT_MS,
} from "./print-progress";
import { type JobState } from "./report";

const job = { job_id: "KioskPDF-12", printer: "KioskPDF" };
const status = (state: JobState, message: string | null = null) => ({
  job_id: "KioskPDF-12",
  printer: "KioskPDF",
  state,
  reasons: [],
  message,
});

function run(events: PrintEvent[], start = 0): PrintState {
  return events.reduce<PrintState>((s, e, i) => nextPrintState(s, e, start + i * 1000), IDLE);
}

describe("a print's progress", () => {
  it("goes from rendering to the printer, printing, and printed", () => {
    let s = nextPrintState(IDLE, { type: "start" }, 0);
    expect(s.step).toBe("rendering");
    expect(isPrinting(s)).toBe(true);
    expect(printView(s, "en")?.lines).toEqual(["Preparing the printout…"]);
    s = nextPrintState(s, { type: "accepted", job }, 800);
    expect(shouldPoll(s)).toBe(true);
    expect(printView(s, "en")?.lines).toEqual([
      "Sent to printer KioskPDF as job KioskPDF-12.",
      "Waiting in the printer's queue…",
    ]);
    s = nextPrintState(s, { type: "status", status: status("processing") }, 1800);
    expect(printView(s, "en")?.lines[1]).toBe("Printing…");
    s = nextPrintState(s, { type: "status", status: status("completed") }, 2800);
    expect(s.step).toBe("finished");
    expect(isPrinting(s)).toBe(false);
    expect(shouldPoll(s)).toBe(false);
    expect(printView(s, "sq")).toEqual({
      tone: "ok",
      lines: ["U dërgua te printeri KioskPDF si punë KioskPDF-12.", "U printua. Dorëzojani klientit."],
      detail: null,
    });
  });

  it("ends in failure with CUPS's message, or cancelled", () => {
    const failed = run([
      { type: "start" },
      { type: "accepted", job },
      { type: "status", status: status("failed", "Filter failed") },
    ]);
    expect(printView(failed, "en")).toMatchObject({ tone: "error", detail: "Filter failed" });
    expect(printView(failed, "en")?.lines[1]).toBe("The print failed. Check the printer and try again.");
    const cancelled = run([
      { type: "start" },
      { type: "accepted", job },
      { type: "status", status: status("canceled") },
    ]);
    expect(printView(cancelled, "sr")?.lines[1]).toBe("Штампа је отказана (на штампачу или од стране неког).");
  });

  it("says a held job needs someone, and stops waiting after two minutes", () => {
    let s = run([{ type: "start" }, { type: "accepted", job }, { type: "status", status: status("held") }]);
    expect(printView(s, "en")?.tone).toBe("warning");
    s = nextPrintState(s, { type: "tick" }, 1000 + WAIT_LIMIT_MS - 1);
    expect(s.step).toBe("queued");
    s = nextPrintState(s, { type: "tick" }, 1000 + WAIT_LIMIT_MS);
    expect(s.step).toBe("waited");
    expect(shouldPoll(s)).toBe(false);
    expect(printView(s, "en")?.lines[1]).toMatch(/^Still not finished after 2 minutes/);
  });

  it("goes on asking through a passing failure, and stops on a lasting one", () => {
    const timeout = { code: "cups_timeout", message: "The print service did not answer within 10 s" };
    let s = run([{ type: "start" }, { type: "accepted", job }, { type: "poll_failed", problem: timeout }]);
    expect(shouldPoll(s)).toBe(true);
    expect(printView(s, "en")).toMatchObject({ detail: timeout.message });
    s = nextPrintState(s, { type: "status", status: status("processing") }, 5000);
    expect(printView(s, "en")?.detail).toBeNull();
    const gone = nextPrintState(
      s,
      { type: "poll_failed", problem: { code: "unknown_print_job", message: "no job" } },
      6000,
    );
    expect(gone.step).toBe("gone");
    expect(printView(gone, "en")?.lines[1]).toMatch(/left the queue without a record/);
    const missing = nextPrintState(
      s,
      { type: "poll_failed", problem: { code: "ipc", message: "print_job_state not allowed" } },
      6000,
    );
    expect(missing.step).toBe("untracked");
  });

  it("refuses with the clerk's words by code, Rust's sentence below", () => {
    const stopped = {
      code: "printer_stopped",
      message: 'The printer "KioskPDF" is stopped (Paper jam): nothing prints until it is started again.',
    };
    const s = run([{ type: "start" }, { type: "refused", problem: stopped }]);
    expect(s.step).toBe("refused");
    expect(printView(s, "en")).toEqual({
      tone: "error",
      lines: ["The printer is stopped. Check paper, toner and cable, then call store IT."],
      detail: stopped.message,
    });
    expect(printRefusal({ code: "no_default_printer", message: "" }, "sq").text).toMatch(/Cilësimet/);
    expect(printRefusal({ code: "report_font", message: "" }, "en").text).toBe(
      "The printout could not be prepared. Call IPKO support.",
    );
    expect(printRefusal({ code: "something_new", message: "Whatever Rust said" }, "sr")).toEqual({
      text: "Отисак није одштампан.",
      detail: "Whatever Rust said",
    });
  });

  it("ignores what does not belong: a second start, another job's state, late answers", () => {
    const rendering = run([{ type: "start" }]);
    expect(nextPrintState(rendering, { type: "start" }, 9000)).toBe(rendering);
    const queued = nextPrintState(rendering, { type: "accepted", job }, 1000);
    const other = { ...status("completed"), job_id: "KioskPDF-11" };
    expect(nextPrintState(queued, { type: "status", status: other }, 2000)).toBe(queued);
    expect(nextPrintState(IDLE, { type: "status", status: status("completed") }, 0)).toBe(IDLE);
    expect(printView(IDLE, "en")).toBeNull();
    for (const lang of LANGS) {
      expect(printView(queued, lang)?.lines).toHaveLength(2);
    }
  });
});

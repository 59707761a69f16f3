import { describe, expect, it } from "vitest";

import { parseJobStatus, parsePrintJob, parseReportOverview, parseTrafficPage } from "./report";

const overview = {
  report_id: "0193a3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b",
  generated_at: "2026-11-20T09:30:00Z",
  customer: {
    customer_id: "C-900042",
    customer_no: "DEMO-0900042",
    kind: "individual",
    first_name: "Vjosa",
    last_name: "Krasniqi",
    personal_number: "1234567895",
    date_of_birth: "1988-04-12",
    nationality: "RKS",
    identity_document: null,
    business_name: null,
    business_number: null,
    address: "Rruga e Provës 12, 10000 Prishtinë",
    email: "vjosa.krasniqi@example.com",
    msisdns: ["+38349000101"],
    representatives: [],
    record_version: 7,
    demo: true,
  },
  categories: [
    {
      category: "mobile_services",
      records: [{ record_type: "device", recorded_at: null, fields: [{ key: "imei", value: "356938035643809" }] }],
      purposes: ["contract"],
      legal_bases: ["contract"],
      recipients: ["ipko"],
      sources: ["service_use"],
      retention: ["traffic_and_location"],
    },
  ],
  automated_processing: [
    { purpose: "fraud_prevention", uses_traffic_and_location: true, applies: true, description: "…" },
  ],
  consents: [
    {
      purpose: "help_us_be_better",
      channel: null,
      state: "refused",
      recorded_at: "2024-09-02T08:31:00Z",
      method: "ipko.com, self-service",
      store_code: null,
      notice_version: null,
    },
  ],
  open_requests: [],
  traffic_rows: 1097,
  demo: true,
};

describe("parseReportOverview", () => {
  it("reads what show_report answers", () => {
    const r = parseReportOverview(overview);
    expect(r.customer.msisdns).toEqual(["+38349000101"]);
    expect(r.categories[0]?.records[0]?.fields[0]).toEqual({ key: "imei", value: "356938035643809" });
    expect(r.consents[0]?.channel).toBeNull();
    expect(r.traffic_rows).toBe(1097);
  });

  it("refuses a shape it does not know, naming the part", () => {
    expect(() => parseReportOverview({ ...overview, traffic_rows: "many" })).toThrow(/traffic_rows is not a count/);
    expect(() => parseReportOverview({ ...overview, customer: { ...overview.customer, kind: "robot" } })).toThrow(
      /unknown kind/,
    );
    expect(() =>
      parseReportOverview({ ...overview, categories: [{ ...overview.categories[0], records: null }] }),
    ).toThrow(/categories\[0\]: records is not a list/);
  });
});

describe("the traffic and print answers", () => {
  it("reads a traffic page", () => {
    const page = parseTrafficPage({
      matching: 1,
      offset: 0,
      rows: [
        {
          started_at: "2026-03-01T10:00:00Z",
          kind: "call_out",
          msisdn: "+38349000101",
          counterpart: "+38344179•••",
          duration_seconds: 60,
          volume_kb: null,
          cell_location: null,
        },
      ],
    });
    expect(page.rows[0]?.counterpart).toBe("+38344179•••");
    expect(() => parseTrafficPage({ matching: 1, offset: 0, rows: [{ kind: "fax" }] })).toThrow(
      /started_at|unknown kind/,
    );
  });

  it("reads a print job and its state as kiosk_core::print serialises them", () => {
    expect(parsePrintJob({ job_id: "KioskPDF-12", printer: "KioskPDF" })).toEqual({
      job_id: "KioskPDF-12",
      printer: "KioskPDF",
    });
    const s = parseJobStatus({
      job_id: "KioskPDF-12",
      printer: "KioskPDF",
      state: "processing",
      reasons: ["job-printing"],
      message: null,
    });
    expect(s.state).toBe("processing");
    expect(() => parseJobStatus({ ...s, state: "Processing" })).toThrow(/unknown state/);
  });
});

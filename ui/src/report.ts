// The customer's data as the report commands answer it (src-tauri/src/commands/report.rs
// ReportOverview, kiosk_core::disclosure::TrafficPage, kiosk_core::print::{PrintJob, JobStatus}),
// checked rather than cast: a Rust/TypeScript mismatch must show as a failure, not as a customer
// who seems to have no data.

import { isRecord, type Json } from "./parse";

export type CustomerKind = "individual" | "business";

export interface Representative {
  capacity: string;
  first_name: string;
  last_name: string;
  personal_number: string | null;
  authorisation_reference: string | null;
}

export interface CustomerSummary {
  customer_id: string;
  customer_no: string;
  kind: CustomerKind;
  first_name: string;
  last_name: string;
  personal_number: string | null;
  date_of_birth: string | null;
  nationality: string | null;
  identity_document: { document_type: string; issuing_state: string; number: string } | null;
  business_name: string | null;
  business_number: string | null;
  address: string;
  email: string | null;
  msisdns: string[];
  representatives: Representative[];
  record_version: number;
  demo: boolean;
}

export interface DataRecord {
  record_type: string;
  recorded_at: string | null;
  fields: Array<{ key: string; value: string }>;
}

export interface CategoryReport {
  category: string;
  records: DataRecord[];
  purposes: string[];
  legal_bases: string[];
  recipients: string[];
  sources: string[];
  retention: string[];
}

export interface AutomatedProcessing {
  purpose: string;
  uses_traffic_and_location: boolean;
  applies: boolean;
  /** The policy's words (English). */
  description: string;
}

export interface ConsentOnRecord {
  purpose: string;
  /** Null for a purpose chosen as a whole. */
  channel: string | null;
  state: string;
  recorded_at: string;
  /** How the choice was collected, in the central system's words (English). */
  method: string;
  store_code: string | null;
  notice_version: number | null;
}

export interface RequestStatus {
  reference: string;
  kind: string;
  customer_id: string;
  submitted_at: string;
  due_at: string;
  latest_due_at: string;
  state: string;
  store_code: string | null;
}

export interface ReportOverview {
  report_id: string;
  generated_at: string;
  customer: CustomerSummary;
  categories: CategoryReport[];
  automated_processing: AutomatedProcessing[];
  consents: ConsentOnRecord[];
  open_requests: RequestStatus[];
  traffic_rows: number;
  demo: boolean;
}

export type TrafficKind = "call_out" | "call_in" | "sms_out" | "sms_in" | "data";

export interface TrafficRecord {
  started_at: string;
  kind: TrafficKind;
  msisdn: string;
  counterpart: string | null;
  duration_seconds: number | null;
  volume_kb: number | null;
  cell_location: string | null;
}

export interface TrafficPage {
  matching: number;
  offset: number;
  rows: TrafficRecord[];
}

export interface PrintJob {
  job_id: string;
  printer: string;
}

export type JobState = "pending" | "held" | "processing" | "completed" | "canceled" | "failed";

export interface JobStatus {
  job_id: string;
  printer: string;
  state: JobState;
  reasons: string[];
  message: string | null;
}

function obj(value: unknown, what: string): Json {
  if (!isRecord(value)) {
    throw new TypeError(`${what} is not an object`);
  }
  return value;
}

function str(o: Json, key: string, what: string): string {
  const v = o[key];
  if (typeof v !== "string") {
    throw new TypeError(`${what}: ${key} is not text`);
  }
  return v;
}

function optStr(o: Json, key: string, what: string): string | null {
  const v = o[key];
  if (v === null || v === undefined) {
    return null;
  }
  if (typeof v !== "string") {
    throw new TypeError(`${what}: ${key} is not text`);
  }
  return v;
}

function count(o: Json, key: string, what: string): number {
  const v = o[key];
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
    throw new TypeError(`${what}: ${key} is not a count`);
  }
  return v;
}

function optCount(o: Json, key: string, what: string): number | null {
  return o[key] === null || o[key] === undefined ? null : count(o, key, what);
}

function bool(o: Json, key: string, what: string): boolean {
  const v = o[key];
  if (typeof v !== "boolean") {
    throw new TypeError(`${what}: ${key} is not true or false`);
  }
  return v;
}

function list<T>(o: Json, key: string, what: string, item: (v: unknown, what: string) => T): T[] {
  const v = o[key];
  if (!Array.isArray(v)) {
    throw new TypeError(`${what}: ${key} is not a list`);
  }
  return v.map((x, i) => item(x, `${what} ${key}[${i}]`));
}

const text = (v: unknown, what: string): string => {
  if (typeof v !== "string") {
    throw new TypeError(`${what} is not text`);
  }
  return v;
};

function customer(value: unknown): CustomerSummary {
  const what = "customer";
  const o = obj(value, what);
  const kind = str(o, "kind", what);
  if (kind !== "individual" && kind !== "business") {
    throw new TypeError(`customer: unknown kind ${kind}`);
  }
  const doc = o.identity_document;
  let identity_document: CustomerSummary["identity_document"] = null;
  if (doc !== null && doc !== undefined) {
    const d = obj(doc, "identity document");
    identity_document = {
      document_type: str(d, "document_type", "identity document"),
      issuing_state: str(d, "issuing_state", "identity document"),
      number: str(d, "number", "identity document"),
    };
  }
  return {
    customer_id: str(o, "customer_id", what),
    customer_no: str(o, "customer_no", what),
    kind,
    first_name: str(o, "first_name", what),
    last_name: str(o, "last_name", what),
    personal_number: optStr(o, "personal_number", what),
    date_of_birth: optStr(o, "date_of_birth", what),
    nationality: optStr(o, "nationality", what),
    identity_document,
    business_name: optStr(o, "business_name", what),
    business_number: optStr(o, "business_number", what),
    address: str(o, "address", what),
    email: optStr(o, "email", what),
    msisdns: list(o, "msisdns", what, text),
    representatives: list(o, "representatives", what, (v, w) => {
      const r = obj(v, w);
      return {
        capacity: str(r, "capacity", w),
        first_name: str(r, "first_name", w),
        last_name: str(r, "last_name", w),
        personal_number: optStr(r, "personal_number", w),
        authorisation_reference: optStr(r, "authorisation_reference", w),
      };
    }),
    record_version: count(o, "record_version", what),
    demo: bool(o, "demo", what),
  };
}

function dataRecord(value: unknown, what: string): DataRecord {
  const o = obj(value, what);
  return {
    record_type: str(o, "record_type", what),
    recorded_at: optStr(o, "recorded_at", what),
    fields: list(o, "fields", what, (v, w) => {
      const f = obj(v, w);
      return { key: str(f, "key", w), value: str(f, "value", w) };
    }),
  };
}

function categoryReport(value: unknown, what: string): CategoryReport {
  const o = obj(value, what);
  return {
    category: str(o, "category", what),
    records: list(o, "records", what, dataRecord),
    purposes: list(o, "purposes", what, text),
    legal_bases: list(o, "legal_bases", what, text),
    recipients: list(o, "recipients", what, text),
    sources: list(o, "sources", what, text),
    retention: list(o, "retention", what, text),
  };
}

export function parseReportOverview(value: unknown): ReportOverview {
  const what = "show_report";
  const o = obj(value, what);
  return {
    report_id: str(o, "report_id", what),
    generated_at: str(o, "generated_at", what),
    customer: customer(o.customer),
    categories: list(o, "categories", what, categoryReport),
    automated_processing: list(o, "automated_processing", what, (v, w) => {
      const a = obj(v, w);
      return {
        purpose: str(a, "purpose", w),
        uses_traffic_and_location: bool(a, "uses_traffic_and_location", w),
        applies: bool(a, "applies", w),
        description: str(a, "description", w),
      };
    }),
    consents: list(o, "consents", what, (v, w) => {
      const c = obj(v, w);
      return {
        purpose: str(c, "purpose", w),
        channel: optStr(c, "channel", w),
        state: str(c, "state", w),
        recorded_at: str(c, "recorded_at", w),
        method: str(c, "method", w),
        store_code: optStr(c, "store_code", w),
        notice_version: optCount(c, "notice_version", w),
      };
    }),
    open_requests: list(o, "open_requests", what, (v, w) => {
      const r = obj(v, w);
      return {
        reference: str(r, "reference", w),
        kind: str(r, "kind", w),
        customer_id: str(r, "customer_id", w),
        submitted_at: str(r, "submitted_at", w),
        due_at: str(r, "due_at", w),
        latest_due_at: str(r, "latest_due_at", w),
        state: str(r, "state", w),
        store_code: optStr(r, "store_code", w),
      };
    }),
    traffic_rows: count(o, "traffic_rows", what),
    demo: bool(o, "demo", what),
  };
}

const TRAFFIC_KINDS: readonly TrafficKind[] = ["call_out", "call_in", "sms_out", "sms_in", "data"];

function trafficRecord(value: unknown, what: string): TrafficRecord {
  const o = obj(value, what);
  const kind = str(o, "kind", what);
  if (!(TRAFFIC_KINDS as readonly string[]).includes(kind)) {
    throw new TypeError(`${what}: unknown kind ${kind}`);
  }
  return {
    started_at: str(o, "started_at", what),
    kind: kind as TrafficKind,
    msisdn: str(o, "msisdn", what),
    counterpart: optStr(o, "counterpart", what),
    duration_seconds: optCount(o, "duration_seconds", what),
    volume_kb: optCount(o, "volume_kb", what),
    cell_location: optStr(o, "cell_location", what),
  };
}

export function parseTrafficPage(value: unknown): TrafficPage {
  const what = "traffic_page";
  const o = obj(value, what);
  return {
    matching: count(o, "matching", what),
    offset: count(o, "offset", what),
    rows: list(o, "rows", what, trafficRecord),
  };
}

export function parsePrintJob(value: unknown): PrintJob {
  const o = obj(value, "print_report");
  return { job_id: str(o, "job_id", "print_report"), printer: str(o, "printer", "print_report") };
}

const JOB_STATES: readonly JobState[] = ["pending", "held", "processing", "completed", "canceled", "failed"];

export function parseJobStatus(value: unknown): JobStatus {
  const what = "print_job_state";
  const o = obj(value, what);
  const state = str(o, "state", what);
  if (!(JOB_STATES as readonly string[]).includes(state)) {
    throw new TypeError(`${what}: unknown state ${state}`);
  }
  return {
    job_id: str(o, "job_id", what),
    printer: str(o, "printer", what),
    state: state as JobState,
    reasons: list(o, "reasons", what, text),
    message: optStr(o, "message", what),
  };
}

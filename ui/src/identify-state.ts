// The identify screen's state and words, without the DOM so that it runs under Vitest: the answers of
// the identity commands (src-tauri/src/commands/identity.rs: check_zone, check_typed_document,
// search_customer, confirm_identity) checked rather than cast, each check and match in the clerk's
// language by its code (Rust's English sentence stays the fallback), the typed document's form and
// the arguments of the confirmation. identify.ts draws it.

import { type CommandError } from "./app-info";
import { fill, type Lang, type Text } from "./i18n";
import { bool, count, list, oneOf, optStr, rec, str } from "./parse";
import { SESSION_REFUSALS } from "./counter";

// ---------------------------------------------------------------------------------------------
// What Rust sends (serde names kept, so that each type can be read against its Rust original).

/** protocol::api::DocumentType. */
export type DocumentType = "id_card" | "passport" | "residence_permit";
export const DOCUMENT_TYPES: readonly DocumentType[] = ["id_card", "passport", "residence_permit"];

/** protocol::api::ActingCapacity. */
export type Capacity = "themself" | "guardian" | "authorised_person" | "business_representative";
export const CAPACITIES: readonly Capacity[] = ["themself", "guardian", "authorised_person", "business_representative"];

/** protocol::mutation::MatchVerdict. */
export type Verdict = "match" | "partial" | "mismatch" | "pending";

/** protocol::identity::matching::FieldOutcome. */
export type FieldOutcome = "matched" | "differs" | "missing";

/** kiosk_core::idcheck::Position: both counted from 1. */
export interface Position {
  line: number;
  column: number;
}

/**
 * An IdCheckError or a Warning as serialised: `{code, message, field?, position?}`. `field` is a
 * kiosk_core::idcheck::Field in snake_case; kept as a string so that a field Rust adds later still
 * shows (by Rust's words) instead of failing the whole answer.
 */
export interface Finding {
  code: string;
  message: string;
  field: string | null;
  position: Position | null;
}

/** kiosk_core::idcheck::mrz::CheckResult: one check digit. `expected` and `found` are one character. */
export interface CheckResult {
  field: string;
  position: Position;
  expected: string;
  found: string;
  passed: boolean;
}

/** kiosk_core::idcheck::mrz::MrzReport, with what the screen shows of its document. */
export interface MrzReport {
  format: "td1" | "td2" | "td3";
  valid: boolean;
  checks: CheckResult[];
  errors: Finding[];
  warnings: Finding[];
}

/** kiosk_core::idcheck::DocumentData. Dates are `YYYY-MM-DD`. */
export interface DocumentData {
  document_type: DocumentType;
  issuing_state: string;
  document_number: string;
  expires_on: string | null;
  personal_number: string | null;
  surname: string;
  given_names: string;
  date_of_birth: string | null;
  nationality: string | null;
  method: "scanned" | "typed";
}

/** kiosk_core::idcheck::CheckedDocument: usable when `errors` is empty. */
export interface CheckedDocument {
  data: DocumentData;
  errors: Finding[];
  warnings: Finding[];
}

/** protocol::api::Representative. */
export interface Representative {
  capacity: Capacity;
  first_name: string;
  last_name: string;
  personal_number: string | null;
  authorisation_reference: string | null;
}

/** protocol::api::CustomerSummary, as much as the screen shows. */
export interface CustomerSummary {
  customer_id: string;
  customer_no: string;
  kind: "individual" | "business";
  first_name: string;
  last_name: string;
  date_of_birth: string | null;
  business_name: string | null;
  representatives: Representative[];
  demo: boolean;
}

/** protocol::identity::matching::MatchResult: `fields` are `[MatchField, FieldOutcome]` pairs. */
export interface MatchResult {
  fields: Array<[string, FieldOutcome]>;
  verdict: Verdict;
}

/** kiosk_core::identify::Subject (`tag = "kind"`). */
export type Subject = { kind: "customer" } | { kind: "representative"; index: number; capacity: Capacity };

export interface Comparison {
  subject: Subject;
  result: MatchResult;
}

/** kiosk_core::identify::Candidate: comparisons best first. */
export interface Candidate {
  customer: CustomerSummary;
  comparisons: Comparison[];
}

/** src-tauri's DocumentStep: what check_zone and check_typed_document answer. */
export interface DocumentStep {
  zone: MrzReport | null;
  document: CheckedDocument;
  held: boolean;
  candidates: Candidate[];
  lookup_failed: CommandError | null;
}

export type DemoCase =
  "adult" | "minor_with_guardian" | "business" | "foreign_passport" | "correction_conflict" | "other";
const DEMO_CASES: readonly DemoCase[] = [
  "adult",
  "minor_with_guardian",
  "business",
  "foreign_passport",
  "correction_conflict",
  "other",
];

/** One entry of the `demo_documents` command: a fictional document to try. */
export interface DemoDocument {
  customer_id: string;
  display_name: string;
  document_type: DocumentType;
  case: DemoCase;
  zone: string;
}

// ---------------------------------------------------------------------------------------------
// Reading the answers (parse.ts).

function position(value: unknown, what: string): Position {
  const p = rec(value, what);
  return { line: count(p.line, `${what}.line`), column: count(p.column, `${what}.column`) };
}

function finding(value: unknown, what: string): Finding {
  const f = rec(value, what);
  return {
    code: str(f.code, `${what}.code`),
    message: str(f.message, `${what}.message`),
    field: optStr(f.field, `${what}.field`),
    position: f.position === undefined || f.position === null ? null : position(f.position, `${what}.position`),
  };
}

function checkResult(value: unknown, what: string): CheckResult {
  const c = rec(value, what);
  return {
    field: str(c.field, `${what}.field`),
    position: position(c.position, `${what}.position`),
    expected: str(c.expected, `${what}.expected`),
    found: str(c.found, `${what}.found`),
    passed: bool(c.passed, `${what}.passed`),
  };
}

function mrzReport(value: unknown, what: string): MrzReport {
  const r = rec(value, what);
  return {
    format: oneOf(r.format, ["td1", "td2", "td3"], `${what}.format`),
    valid: bool(r.valid, `${what}.valid`),
    checks: list(r.checks, `${what}.checks`, checkResult),
    errors: list(r.errors, `${what}.errors`, finding),
    warnings: list(r.warnings, `${what}.warnings`, finding),
  };
}

function documentData(value: unknown, what: string): DocumentData {
  const d = rec(value, what);
  return {
    document_type: oneOf(d.document_type, DOCUMENT_TYPES, `${what}.document_type`),
    issuing_state: str(d.issuing_state, `${what}.issuing_state`),
    document_number: str(d.document_number, `${what}.document_number`),
    expires_on: optStr(d.expires_on, `${what}.expires_on`),
    personal_number: optStr(d.personal_number, `${what}.personal_number`),
    surname: str(d.surname, `${what}.surname`),
    given_names: str(d.given_names, `${what}.given_names`),
    date_of_birth: optStr(d.date_of_birth, `${what}.date_of_birth`),
    nationality: optStr(d.nationality, `${what}.nationality`),
    method: oneOf(d.method, ["scanned", "typed"], `${what}.method`),
  };
}

function checkedDocument(value: unknown, what: string): CheckedDocument {
  const d = rec(value, what);
  return {
    data: documentData(d.data, `${what}.data`),
    errors: list(d.errors, `${what}.errors`, finding),
    warnings: list(d.warnings, `${what}.warnings`, finding),
  };
}

function representative(value: unknown, what: string): Representative {
  const r = rec(value, what);
  return {
    capacity: oneOf(r.capacity, CAPACITIES, `${what}.capacity`),
    first_name: str(r.first_name, `${what}.first_name`),
    last_name: str(r.last_name, `${what}.last_name`),
    personal_number: optStr(r.personal_number, `${what}.personal_number`),
    authorisation_reference: optStr(r.authorisation_reference, `${what}.authorisation_reference`),
  };
}

function customer(value: unknown, what: string): CustomerSummary {
  const c = rec(value, what);
  return {
    customer_id: str(c.customer_id, `${what}.customer_id`),
    customer_no: str(c.customer_no, `${what}.customer_no`),
    kind: oneOf(c.kind, ["individual", "business"], `${what}.kind`),
    first_name: str(c.first_name, `${what}.first_name`),
    last_name: str(c.last_name, `${what}.last_name`),
    date_of_birth: optStr(c.date_of_birth, `${what}.date_of_birth`),
    business_name: optStr(c.business_name, `${what}.business_name`),
    representatives: list(c.representatives, `${what}.representatives`, representative),
    demo: bool(c.demo, `${what}.demo`),
  };
}

const OUTCOMES: readonly FieldOutcome[] = ["matched", "differs", "missing"];

function matchResult(value: unknown, what: string): MatchResult {
  const m = rec(value, what);
  return {
    fields: list(m.fields, `${what}.fields`, (pair, w): [string, FieldOutcome] => {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new TypeError(`${w} is not a [field, outcome] pair`);
      }
      return [str(pair[0], `${w}[0]`), oneOf(pair[1], OUTCOMES, `${w}[1]`)];
    }),
    verdict: oneOf(m.verdict, ["match", "partial", "mismatch", "pending"], `${what}.verdict`),
  };
}

function subject(value: unknown, what: string): Subject {
  const s = rec(value, what);
  if (s.kind === "customer") {
    return { kind: "customer" };
  }
  if (s.kind === "representative") {
    return {
      kind: "representative",
      index: count(s.index, `${what}.index`),
      capacity: oneOf(s.capacity, CAPACITIES, `${what}.capacity`),
    };
  }
  throw new TypeError(`${what}.kind is ${JSON.stringify(s.kind)}`);
}

function candidate(value: unknown, what: string): Candidate {
  const c = rec(value, what);
  return {
    customer: customer(c.customer, `${what}.customer`),
    comparisons: list(c.comparisons, `${what}.comparisons`, (item, w) => {
      const cmp = rec(item, w);
      return { subject: subject(cmp.subject, `${w}.subject`), result: matchResult(cmp.result, `${w}.result`) };
    }),
  };
}

function commandError(value: unknown, what: string): CommandError {
  const e = rec(value, what);
  return { code: str(e.code, `${what}.code`), message: str(e.message, `${what}.message`) };
}

export function parseDocumentStep(value: unknown): DocumentStep {
  const s = rec(value, "the document step");
  return {
    zone: s.zone === null || s.zone === undefined ? null : mrzReport(s.zone, "zone"),
    document: checkedDocument(s.document, "document"),
    held: bool(s.held, "held"),
    candidates: list(s.candidates, "candidates", candidate),
    lookup_failed:
      s.lookup_failed === null || s.lookup_failed === undefined ? null : commandError(s.lookup_failed, "lookup_failed"),
  };
}

export function parseCandidates(value: unknown): Candidate[] {
  return list(value, "candidates", candidate);
}

/** A case Rust adds later reads as "other" rather than hiding the whole list. */
export function parseDemoDocuments(value: unknown): DemoDocument[] {
  return list(value, "demo documents", (item, what) => {
    const d = rec(item, what);
    const kase = typeof d.case === "string" && (DEMO_CASES as readonly string[]).includes(d.case) ? d.case : "other";
    return {
      customer_id: str(d.customer_id, `${what}.customer_id`),
      display_name: str(d.display_name, `${what}.display_name`),
      document_type: oneOf(d.document_type, DOCUMENT_TYPES, `${what}.document_type`),
      case: kase as DemoCase,
      zone: str(d.zone, `${what}.zone`),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Small formatting.

/** `1988-09-03` → `03.09.1988`, as documents and people in Kosovo write dates. */
export function showDate(iso: string | null): string {
  if (iso === null) {
    return "—";
  }
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** Only the last four characters of a document number are ever recorded; the screen shows no more. */
export function maskNumber(number: string): string {
  const chars = [...number];
  const keep = chars.slice(-4).join("");
  return "•".repeat(Math.max(0, chars.length - 4)) + keep;
}

/**
 * A typed date: `03.09.1988`, `3.9.1988` or `1988-09-03` → `1988-09-03`; null when it is none
 * (including 31.02.), so that Rust never receives a date it cannot read.
 */
export function parseTypedDate(text: string): string | null {
  const t = text.trim();
  let y: number;
  let m: number;
  let d: number;
  const dotted = /^(\d{1,2})[./](\d{1,2})[./](\d{4})\.?$/.exec(t);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (dotted) {
    [d, m, y] = [Number(dotted[1]), Number(dotted[2]), Number(dotted[3])];
  } else if (iso) {
    [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else {
    return null;
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return null;
  }
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

// ---------------------------------------------------------------------------------------------
// Words.

export const DOCUMENT_TYPE_WORDS = {
  id_card: { sq: "Letërnjoftim", en: "ID card", sr: "Лична карта" },
  passport: { sq: "Pasaportë", en: "Passport", sr: "Пасош" },
  residence_permit: { sq: "Leje qëndrimi", en: "Residence permit", sr: "Дозвола боравка" },
} satisfies Record<DocumentType, Text>;

export const CAPACITY_WORDS = {
  themself: { sq: "Klienti vetë", en: "The customer in person", sr: "Корисник лично" },
  guardian: { sq: "Kujdestari i të miturit", en: "Guardian of a minor", sr: "Старатељ малолетника" },
  authorised_person: { sq: "Person i autorizuar", en: "Authorised person", sr: "Овлашћено лице" },
  business_representative: {
    sq: "Përfaqësues i biznesit",
    en: "Business representative",
    sr: "Представник предузећа",
  },
} satisfies Record<Capacity, Text>;

export const DEMO_CASE_WORDS = {
  adult: { sq: "Klient i rritur", en: "Adult customer", sr: "Пунолетни корисник" },
  minor_with_guardian: {
    sq: "I mitur: vepron kujdestari (dokumenti i kujdestarit)",
    en: "Minor: the guardian acts (the guardian's document)",
    sr: "Малолетник: делује старатељ (старатељев документ)",
  },
  business: {
    sq: "Biznes: vepron përfaqësuesi (dokumenti i përfaqësuesit)",
    en: "Business: a representative acts (the representative's document)",
    sr: "Предузеће: делује представник (представников документ)",
  },
  foreign_passport: {
    sq: "Pasaportë e huaj, pa numër personal",
    en: "Foreign passport, no personal number",
    sr: "Страни пасош, без личног броја",
  },
  correction_conflict: {
    sq: "Të dhënat u ndryshuan ndërkohë (konflikt korrigjimi)",
    en: "Record changed meanwhile (correction conflict)",
    sr: "Евиденција је у међувремену измењена (сукоб исправки)",
  },
  other: { sq: "Rast tjetër", en: "Another case", sr: "Други случај" },
} satisfies Record<DemoCase, Text>;

/** kiosk_core::idcheck::Field, as the clerk says it (inside a sentence, so in lower case). */
const FIELD_WORDS = {
  document_code: { sq: "kodi i dokumentit", en: "document code", sr: "шифра документа" },
  document_type: { sq: "lloji i dokumentit", en: "document type", sr: "врста документа" },
  issuing_state: { sq: "shteti lëshues", en: "issuing state", sr: "држава издавања" },
  document_number: { sq: "numri i dokumentit", en: "document number", sr: "број документа" },
  optional_data: {
    sq: "të dhënat shtesë (numri personal)",
    en: "optional data (personal number)",
    sr: "додатни подаци (лични број)",
  },
  date_of_birth: { sq: "data e lindjes", en: "date of birth", sr: "датум рођења" },
  sex: { sq: "gjinia", en: "sex", sr: "пол" },
  expiry_date: { sq: "data e skadimit", en: "expiry date", sr: "датум истека" },
  issue_date: { sq: "data e lëshimit", en: "issue date", sr: "датум издавања" },
  nationality: { sq: "shtetësia", en: "nationality", sr: "држављанство" },
  personal_number: { sq: "numri personal", en: "personal number", sr: "лични број" },
  surname: { sq: "mbiemri", en: "surname", sr: "презиме" },
  given_names: { sq: "emri", en: "given names", sr: "име" },
  composite: { sq: "e gjithë zona", en: "whole zone", sr: "цела зона" },
} satisfies Record<string, Text>;

/** protocol::identity::matching::MatchField. */
const MATCH_FIELD_WORDS = {
  personal_number: FIELD_WORDS.personal_number,
  surname: FIELD_WORDS.surname,
  given_names: FIELD_WORDS.given_names,
  date_of_birth: FIELD_WORDS.date_of_birth,
  document: { sq: "dokumenti i regjistruar", en: "recorded document", sr: "евидентирани документ" },
} satisfies Record<string, Text>;

/** Words looked up by a code from Rust, which may be one this screen does not know. */
function byCode(words: Readonly<Record<string, Text>>, code: string): Text | undefined {
  return Object.hasOwn(words, code) ? words[code] : undefined;
}

/** A field Rust adds later is named by its code rather than not at all. */
export function fieldLabel(field: string | null, lang: Lang): string {
  if (field === null) {
    return "";
  }
  return byCode(FIELD_WORDS, field)?.[lang] ?? field.replace(/_/g, " ");
}

export function matchFieldLabel(field: string, lang: Lang): string {
  return byCode(MATCH_FIELD_WORDS, field)?.[lang] ?? field.replace(/_/g, " ");
}

function positionText(p: Position | null, lang: Lang): string {
  if (p === null) {
    return "";
  }
  const words = {
    sq: "rreshti {line}, shenja {column}",
    en: "line {line}, character {column}",
    sr: "ред {line}, знак {column}",
  };
  return fill(words[lang], { line: p.line, column: p.column });
}

const RESCAN: Text = {
  sq: "Skanojeni dokumentin përsëri; nëse dështon përsëri, shkruajeni me dorë nga faqja e shtypur ose kërkoni një dokument tjetër.",
  en: "Scan the document again; if it fails again, type it by hand from the printed page or ask for another document.",
  sr: "Скенирајте документ поново; ако опет не успе, унесите га ручно са одштампане стране или затражите други документ.",
};

/** kiosk_core::idcheck::IdCheckError by code. `{rescan}` is RESCAN. */
const ERROR_WORDS = {
  mrz_empty: {
    sq: "Nga skaneri nuk u lexua asgjë: skanojeni dokumentin përsëri ose shkruajeni me dorë.",
    en: "Nothing was read from the scanner: scan the document again or type it by hand.",
    sr: "Са скенера ништа није прочитано: скенирајте документ поново или га унесите ручно.",
  },
  mrz_layout: {
    sq: "Ajo që u lexua nuk është zonë e lexueshme nga makina (letërnjoftimi ka 3 rreshta me 30 shenja, pasaporta 2 me 44). {rescan}",
    en: "What was read is not a machine-readable zone (an ID card has 3 lines of 30 characters, a passport 2 of 44). {rescan}",
    sr: "Прочитани текст није машински читљива зона (лична карта има 3 реда по 30 знакова, пасош 2 по 44). {rescan}",
  },
  mrz_invalid_character: {
    sq: "U lexua një shenjë që nuk mund të jetë në zonë ({at}). {rescan}",
    en: "A character that cannot be in a machine-readable zone was read ({at}). {rescan}",
    sr: "Прочитан је знак који не може бити у зони ({at}). {rescan}",
  },
  likely_misread: {
    sq: "Në {field} ka {found} te {at}, ndoshta {probably} e lexuar gabim. {rescan}",
    en: "The {field} has {found} at {at}, probably a misread {probably}. {rescan}",
    sr: "{field} има {found} на месту {at}, вероватно погрешно прочитано {probably}. {rescan}",
  },
  check_digit_failed: {
    sq: "Shifra e kontrollit nuk përputhet — {field} ({at}{digits}): zona u lexua gabim ose është ndryshuar. {rescan}",
    en: "The check digit of the {field} does not fit ({at}{digits}): the zone was misread or altered. {rescan}",
    sr: "Контролна цифра се не слаже — {field} ({at}{digits}): зона је погрешно прочитана или измењена. {rescan}",
  },
  composite_check_failed: {
    sq: "Shifra e fundit e kontrollit për gjithë zonën nuk përputhet ({at}{digits}): një pjesë e zonës u lexua gabim ose është ndryshuar. {rescan}",
    en: "The final check digit over the whole zone does not fit ({at}{digits}): part of the zone was misread or altered. {rescan}",
    sr: "Завршна контролна цифра целе зоне се не слаже ({at}{digits}): део зоне је погрешно прочитан или измењен. {rescan}",
  },
  invalid_date: {
    sq: "{Field} nuk është datë. {rescan}",
    en: "The {field} is not a date. {rescan}",
    sr: "{Field} није датум. {rescan}",
  },
  document_expired: {
    sq: "Dokumenti ka skaduar më {date}: nuk mund të përdoret për identifikim. Kërkoni një dokument tjetër, të vlefshëm.",
    en: "The document expired on {date}: it cannot be used to identify the customer. Ask for another, valid document.",
    sr: "Документ је истекао {date}: не може се користити за идентификацију. Затражите други, важећи документ.",
  },
  document_not_yet_valid: {
    sq: "Dokumenti vlen vetëm nga {date}: ende nuk mund të përdoret. Kontrolloni datën e lëshimit ose kërkoni një dokument tjetër.",
    en: "The document is valid only from {date}: it cannot be used yet. Check the typed issue date, or ask for another document.",
    sr: "Документ важи тек од {date}: још се не може користити. Проверите унети датум издавања или затражите други документ.",
  },
  expiry_implausible: {
    sq: "Data e skadimit {date} është më larg se sa vlen çdo dokument: u lexua ose u shkrua gabim. {rescan}",
    en: "The expiry date {date} lies further ahead than any document is valid: it was misread or mistyped. {rescan}",
    sr: "Датум истека {date} је даље него што иједан документ важи: погрешно је прочитан или унет. {rescan}",
  },
  birth_date_in_future: {
    sq: "Data e lindjes {date} është në të ardhmen: kontrolloni datën e shkruar.",
    en: "The date of birth {date} lies in the future: check the typed date of birth.",
    sr: "Датум рођења {date} је у будућности: проверите унети датум рођења.",
  },
  invalid_sex: {
    sq: "Gjinia te {at} nuk është M, F ose X. {rescan}",
    en: "The sex at {at} is none of M, F or X. {rescan}",
    sr: "Пол на месту {at} није M, F ни X. {rescan}",
  },
  unknown_country_code: {
    sq: "Kodi {code} për {field} nuk është kod shteti i njohur. {rescan}",
    en: "The {field} code {code} is not a known country code. {rescan}",
    sr: "Шифра {code} за {field} није позната шифра државе. {rescan}",
  },
  unsupported_document: {
    sq: "Ky nuk është letërnjoftim, pasaportë apo leje qëndrimi (vizat dhe dokumentet e tjera nuk identifikojnë klientin): kërkoni një nga këto.",
    en: "This is not an ID card, passport or residence permit (visas and other documents do not identify a customer): ask for one of those.",
    sr: "Ово није лична карта, пасош ни дозвола боравка (визе и други документи не идентификују корисника): затражите један од њих.",
  },
  missing_field: {
    sq: "Mungon {field}: shkruajeni nga dokumenti.",
    en: "The {field} is missing: type it from the document.",
    sr: "Недостаје {field}: унесите га са документа.",
  },
  invalid_document_number: {
    sq: "Numri i dokumentit nuk është i vlefshëm: shkruajeni përsëri saktësisht si në dokument.",
    en: "The document number is not valid: type it again exactly as printed on the document.",
    sr: "Број документа није исправан: унесите га поново тачно као на документу.",
  },
  invalid_personal_number: {
    sq: "Numri personal nuk është i vlefshëm: numri personal i Kosovës ka saktësisht 10 shifra. Shkruajeni përsëri nga dokumenti.",
    en: "The personal number is not valid: a Kosovo personal number has exactly 10 digits. Type it again from the document.",
    sr: "Лични број није исправан: лични број Косова има тачно 10 цифара. Унесите га поново са документа.",
  },
  invalid_name: {
    sq: "{Field} nuk është i vlefshëm: shkruajeni si në dokument.",
    en: "The {field} is not valid: type it as printed on the document.",
    sr: "{Field} није исправно: унесите га као на документу.",
  },
  specimen_document: {
    sq: "Ky është dokument model (specimen): identifikon vetëm klientë fiktivë të demos. Kërkoni dokumentin e vërtetë të klientit.",
    en: "This is a specimen document: it identifies only fictional demo customers. Ask for the customer's real document.",
    sr: "Ово је узорак документа: идентификује само измишљене демо кориснике. Затражите прави документ корисника.",
  },
} satisfies Record<string, Text>;

/** kiosk_core::idcheck::Warning by code: doubts that never refuse the document. */
const WARNING_WORDS = {
  personal_number_check_digit: {
    sq: "Shifra e fundit e numrit personal nuk ndjek rregullin e zakonshëm. Kjo nuk e refuzon numrin: krahasojeni me dokumentin dhe vazhdoni.",
    en: "The personal number's last digit does not follow the usual rule. This does not refuse the number: compare it with the document and go on.",
    sr: "Последња цифра личног броја не прати уобичајено правило. То не одбија број: упоредите га са документом и наставите.",
  },
  name_truncated: {
    sq: "{Field} mbush gjithë hapësirën në zonë dhe mund të jetë i shkurtuar: krahasojeni me emrin e shtypur.",
    en: "The {field} fills its whole space in the zone and may be cut short: compare it with the printed name.",
    sr: "{Field} попуњава цео свој простор у зони и можда је скраћено: упоредите га са одштампаним именом.",
  },
  specimen_document: {
    sq: "Kodi {code} është kod modeli i ICAO-s: ky është dokument model ose testues, jo i vërtetë.",
    en: "The code {code} is an ICAO specimen code: this is a specimen or test document, not a real one.",
    sr: "Шифра {code} је ICAO шифра узорка: ово је узорак или пробни документ, а не прави.",
  },
  partial_birth_date: {
    sq: "Data e lindjes dihet vetëm pjesërisht në dokument: krahasojeni me dorë me të dhënat.",
    en: "The date of birth is only partly known on the document: compare it with the record by hand.",
    sr: "Датум рођења је на документу само делимично познат: упоредите га ручно са евиденцијом.",
  },
  input_normalised: {
    sq: "Teksti i skanerit u rregullua para leximit (hapësira ose shkronja të vogla).",
    en: "The scanner's text was tidied before reading (spaces or small letters).",
    sr: "Текст скенера је сређен пре читања (размаци или мала слова).",
  },
} satisfies Record<string, Text>;

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** What Rust's English message says that the serialised finding does not carry on its own. */
function fromMessage(message: string): { found: string; probably: string; date: string; code: string } {
  const misread = /has '(.)' at .*probably a misread '(.)'/.exec(message);
  return {
    found: misread?.[1] ?? "",
    probably: misread?.[2] ?? "",
    date: /\d{4}-\d\d-\d\d/.exec(message)?.[0] ?? "",
    // Errors quote the code (`code "XKX"`), the specimen warning does not (`code UTO is`).
    code: (() => {
      const m = /code "([^"]*)"|code ([A-Z<]{1,3}) is/.exec(message);
      return m?.[1] ?? m?.[2] ?? "";
    })(),
  };
}

export type Tone = "ok" | "warning" | "fail";

/** One line of the checks list: passed, a doubt, or failed. */
export interface CheckLine {
  tone: Tone;
  text: string;
}

/** A failed check in the clerk's words; Rust's sentence when the code is not known here. */
export function errorText(error: Finding, lang: Lang, checks: readonly CheckResult[] = []): string {
  const words = byCode(ERROR_WORDS, error.code);
  if (words === undefined) {
    return error.message;
  }
  const m = fromMessage(error.message);
  const check = checks.find(
    (c) =>
      !c.passed &&
      error.position !== null &&
      c.position.line === error.position.line &&
      c.position.column === error.position.column,
  );
  const digits: Text = check
    ? {
        sq: `: zona ka ${check.found}, pritet ${check.expected}`,
        en: `: the zone has ${check.found}, ${check.expected} is expected`,
        sr: `: зона има ${check.found}, очекује се ${check.expected}`,
      }
    : { sq: "", en: "", sr: "" };
  const field = fieldLabel(error.field, lang);
  return fill(words[lang], {
    field,
    Field: capitalise(field),
    at: positionText(error.position, lang),
    digits: digits[lang],
    found: m.found,
    probably: m.probably,
    date: showDate(m.date || null),
    code: m.code,
    rescan: RESCAN[lang],
  });
}

export function warningText(warning: Finding, lang: Lang): string {
  const words = byCode(WARNING_WORDS, warning.code);
  if (words === undefined) {
    return warning.message;
  }
  const field = fieldLabel(warning.field, lang);
  return fill(words[lang], { field, Field: capitalise(field), code: fromMessage(warning.message).code });
}

const CHECK_OK: Text = {
  sq: "Shifra e kontrollit — {field} ({at}): në rregull",
  en: "Check digit of the {field} ({at}): correct",
  sr: "Контролна цифра — {field} ({at}): исправна",
};

const VALID_UNTIL: Text = {
  sq: "Dokumenti është i vlefshëm deri më {date}",
  en: "The document is valid until {date}",
  sr: "Документ важи до {date}",
};

const EXPIRY_CODES = new Set(["document_expired", "expiry_implausible", "invalid_date", "document_not_yet_valid"]);

/**
 * Every check of the document, in the clerk's words: each check digit that passed, the validity,
 * then each failure (a failed check digit is one of these, named with its place in the zone) and
 * each doubt.
 */
export function checkLines(step: Pick<DocumentStep, "zone" | "document">, lang: Lang): CheckLine[] {
  const lines: CheckLine[] = [];
  const checks = step.zone?.checks ?? [];
  for (const c of checks) {
    if (c.passed) {
      lines.push({
        tone: "ok",
        text: fill(CHECK_OK[lang], { field: fieldLabel(c.field, lang), at: positionText(c.position, lang) }),
      });
    }
  }
  const errors = step.document.errors;
  const expiry = step.document.data.expires_on;
  if (expiry !== null && !errors.some((e) => EXPIRY_CODES.has(e.code))) {
    lines.push({ tone: "ok", text: fill(VALID_UNTIL[lang], { date: showDate(expiry) }) });
  }
  for (const e of errors) {
    lines.push({ tone: "fail", text: errorText(e, lang, checks) });
  }
  for (const w of step.document.warnings) {
    lines.push({ tone: "warning", text: warningText(w, lang) });
  }
  return lines;
}

const DOCUMENT_SUMMARY = {
  passed: {
    sq: "Dokumenti i kaloi të gjitha kontrollet.",
    en: "The document passed every check.",
    sr: "Документ је прошао све провере.",
  },
  failedOne: {
    sq: "Dokumenti nuk e kaloi 1 kontroll: nuk mund të përdoret derisa ta kalojë.",
    en: "The document failed 1 check: it cannot be used until it passes.",
    sr: "Документ није прошао 1 проверу: не може се користити док је не прође.",
  },
  failed: {
    sq: "Dokumenti nuk kaloi {count} kontrolle: nuk mund të përdoret derisa t'i kalojë.",
    en: "The document failed {count} checks: it cannot be used until they pass.",
    sr: "Документ није прошао {count} провере: не може се користити док их не прође.",
  },
} satisfies Record<string, Text>;

export function documentSummary(document: CheckedDocument, lang: Lang): { tone: Tone; text: string } {
  const n = document.errors.length;
  if (n === 0) {
    return { tone: "ok", text: DOCUMENT_SUMMARY.passed[lang] };
  }
  return {
    tone: "fail",
    text: fill((n === 1 ? DOCUMENT_SUMMARY.failedOne : DOCUMENT_SUMMARY.failed)[lang], { count: n }),
  };
}

const OUTCOME_WORDS = {
  matched: { sq: "përputhet", en: "same", sr: "поклапа се" },
  differs: { sq: "ndryshon", en: "differs", sr: "разликује се" },
  missing: { sq: "nuk krahasohet", en: "not compared", sr: "није упоређено" },
} satisfies Record<FieldOutcome, Text>;

export function outcomeText(outcome: FieldOutcome, lang: Lang): string {
  return OUTCOME_WORDS[outcome][lang];
}

const VERDICT_WORDS = {
  match: {
    sq: "Përputhet me të dhënat e IPKO-s.",
    en: "Matches IPKO's record.",
    sr: "Поклапа се са евиденцијом IPKO-а.",
  },
  partial: {
    sq: "Përputhet vetëm pjesërisht ({fields}): vendosni ju nëse ky është personi.",
    en: "Matches only in part ({fields}): you decide whether this is the person.",
    sr: "Поклапа се само делимично ({fields}): ви одлучујете да ли је то та особа.",
  },
  mismatch: {
    sq: "Nuk përputhet ({fields}): mos vazhdoni me këtë dokument.",
    en: "Does not match ({fields}): do not go on with this document.",
    sr: "Не поклапа се ({fields}): не настављајте са овим документом.",
  },
  pending: {
    sq: "Pa krahasim: të dhënat e IPKO-s nuk mund të lexoheshin.",
    en: "Not compared: IPKO's record could not be read.",
    sr: "Није упоређено: евиденција IPKO-а није могла да се прочита.",
  },
  differ: { sq: "ndryshon: {list}", en: "{list} differ(s)", sr: "разликује се: {list}" },
  notCompared: {
    sq: "disa fusha nuk mund të krahasoheshin",
    en: "some fields could not be compared",
    sr: "нека поља нису могла да се упореде",
  },
} satisfies Record<string, Text>;

/** The verdict of one comparison as a sentence, naming the fields that differ (never their values). */
export function verdictText(result: MatchResult, lang: Lang): { tone: Tone; text: string } {
  const differing = result.fields.filter(([, o]) => o === "differs").map(([f]) => matchFieldLabel(f, lang));
  const fields =
    differing.length > 0
      ? fill(VERDICT_WORDS.differ[lang], { list: differing.join(", ") })
      : VERDICT_WORDS.notCompared[lang];
  const tone: Tone = result.verdict === "match" ? "ok" : result.verdict === "mismatch" ? "fail" : "warning";
  return { tone, text: fill(VERDICT_WORDS[result.verdict][lang], { fields }) };
}

/** "Business name (First Last)" or "First Last". */
export function customerName(c: CustomerSummary): string {
  const person = `${c.first_name} ${c.last_name}`.trim();
  return c.business_name ? `${c.business_name} (${person})` : person;
}

/** Whom a comparison was made with: the customer, or "Guardian of a minor: Valbona Morina". */
export function subjectText(s: Subject, c: CustomerSummary, lang: Lang): string {
  if (s.kind === "customer") {
    return CAPACITY_WORDS.themself[lang];
  }
  const rep = c.representatives[s.index];
  const name = rep ? `${rep.first_name} ${rep.last_name}`.trim() : `#${s.index + 1}`;
  return `${CAPACITY_WORDS[s.capacity][lang]}: ${name}`;
}

/** The capacity a comparison stands for. */
export function subjectCapacity(s: Subject): Capacity {
  return s.kind === "customer" ? "themself" : s.capacity;
}

/**
 * The comparison confirm_identity will judge for `capacity` (kiosk_core::counter::match_for): the
 * customer's own, or the best of the people on record in that capacity (comparisons come best
 * first). Null when nobody is on record in that capacity.
 */
export function comparisonFor(c: Candidate, capacity: Capacity): Comparison | null {
  return c.comparisons.find((cmp) => subjectCapacity(cmp.subject) === capacity) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Lookup and refusals.

export interface Problem {
  text: string;
  detail: string;
}

/** The codes of kiosk_core::sync::SyncFailure and kiosk_core::Error that mean "out of reach". */
const OFFLINE_CODES = new Set(["unreachable", "timeout", "answer_lost", "unavailable", "central_unreachable"]);

const LOOKUP_WORDS = {
  offline: {
    sq: "Të dhënat e IPKO-s nuk mund të arrihen tani (kioska është jashtë linje). Kontrollet e dokumentit më sipër vlejnë; kërkoni klientin përsëri më vonë, kur kioska të jetë në linjë.",
    en: "IPKO's records cannot be reached now (the kiosk is offline). The document's checks above still count; search for the customer again later, when the kiosk is back online.",
    sr: "Евиденција IPKO-а тренутно није доступна (киоск је ван мреже). Провере документа изнад важе; потражите корисника поново касније, када киоск буде на мрежи.",
  },
  not_enrolled: {
    sq: "Kjo kioskë ende nuk është lidhur me të dhënat e IPKO-s: lajmëroni mbështetjen e IT-së.",
    en: "This kiosk is not connected to IPKO's records yet: tell IT support.",
    sr: "Овај киоск још није повезан са евиденцијом IPKO-а: обавестите ИТ подршку.",
  },
  invalid_input: {
    sq: "Kërkoni me një numër: numrin e klientit ose numrin e telefonit. Skanoni ose shkruani dokumentin më parë.",
    en: "Search by one number: the customer number or the phone number. Scan or type the document first.",
    sr: "Тражите по једном броју: броју корисника или броју телефона. Прво скенирајте или унесите документ.",
  },
  other: {
    sq: "Të dhënat e IPKO-s nuk mund të lexoheshin. Provoni përsëri pas pak.",
    en: "IPKO's records could not be read. Try again in a moment.",
    sr: "Евиденција IPKO-а није могла да се прочита. Покушајте поново за тренутак.",
  },
} satisfies Record<string, Text>;

/** Why no record could be looked up (or searched), in the clerk's words; Rust's below. */
export function lookupProblem(error: CommandError, lang: Lang): Problem {
  const key = OFFLINE_CODES.has(error.code)
    ? "offline"
    : error.code === "not_enrolled" || error.code === "invalid_input"
      ? error.code
      : "other";
  return { text: LOOKUP_WORDS[key][lang], detail: error.message };
}

/** confirm_identity's refusals (kiosk_core::idcheck::IdCheckError, kiosk_core::Error). */
const CONFIRM_WORDS = {
  ...SESSION_REFUSALS,
  photo_not_confirmed: {
    sq: "Konfirmoni që fotografia në dokument është personi në sportel.",
    en: "Confirm that the photo on the document shows the person at the counter.",
    sr: "Потврдите да фотографија на документу приказује особу на шалтеру.",
  },
  document_not_accepted: {
    sq: "Dokumenti nuk i ka kaluar kontrollet: skanojeni përsëri, shkruajeni me dorë ose kërkoni një dokument tjetër.",
    en: "The document has not passed its checks: scan it again, type it by hand or ask for another document.",
    sr: "Документ није прошао провере: скенирајте га поново, унесите ручно или затражите други документ.",
  },
  identity_mismatch: {
    sq: "Dokumenti nuk përputhet me të dhënat e IPKO-s: mos vazhdoni. Kërkoni një dokument tjetër ose gjeni klientin e duhur.",
    en: "The document does not match IPKO's record: do not go on. Ask for another document, or look up the right customer.",
    sr: "Документ се не поклапа са евиденцијом IPKO-а: не настављајте. Затражите други документ или пронађите правог корисника.",
  },
  clerk_judgement_needed: {
    sq: "Dokumenti përputhet vetëm pjesërisht: vendosni nëse personi është klienti para se të konfirmoni.",
    en: "The document matches only in part: decide whether the person is the customer before confirming.",
    sr: "Документ се поклапа само делимично: одлучите да ли је особа корисник пре потврде.",
  },
  not_a_minor: {
    sq: "Klienti ka {age} vjeç, jo nën {threshold}: kujdestari vepron vetëm për të miturin. Shërbejeni klientin vetë.",
    en: "The customer is {age} years old, not under {threshold}: a guardian acts only for a minor. Serve the customer in person.",
    sr: "Корисник има {age} година, не мање од {threshold}: старатељ делује само за малолетника. Услужите корисника лично.",
  },
  age_unknown: {
    sq: "Data e lindjes së klientit nuk është në të dhëna, ndaj nuk mund të kontrollohet që është i mitur: kërkoni dokumentin e klientit ose korrigjoni të dhënat.",
    en: "The customer's date of birth is not on record, so it cannot be checked that they are a minor: ask for the customer's own document, or have the record corrected.",
    sr: "Датум рођења корисника није у евиденцији, па се не може проверити да је малолетан: затражите документ корисника или исправите евиденцију.",
  },
  authorisation_missing: {
    sq: "Shkruani referencën e dokumentit që e autorizon personin (certifikata e lindjes, vendimi i gjykatës, autorizimi ose ekstrakti i regjistrit të bizneseve).",
    en: "Type the reference of the document that authorises the person (birth certificate, court decision, power of attorney or business register extract).",
    sr: "Унесите број документа који овлашћује особу (извод из матичне књиге рођених, судска одлука, пуномоћје или извод из регистра предузећа).",
  },
  not_a_business: {
    sq: "Klienti nuk është biznes: përfaqësuesi i biznesit vepron vetëm për një biznes. Zgjidhni përsëri si vepron personi.",
    en: "The customer is not a business: a business representative acts only for a business. Choose again how the person acts.",
    sr: "Корисник није предузеће: представник предузећа делује само за предузеће. Поново изаберите како особа делује.",
  },
  business_number_mismatch: {
    sq: "Numri i biznesit nuk është ai i klientit: kontrollojeni me ekstraktin e regjistrit të bizneseve.",
    en: "The business number is not the customer's: check it against the business register extract.",
    sr: "Број предузећа није број корисника: проверите га према изводу из регистра предузећа.",
  },
  specimen_document: ERROR_WORDS.specimen_document,
  record_needed: {
    sq: "Kjo mënyrë veprimi kontrollohet vetëm me të dhënat e klientit, që tani nuk arrihen: provoni përsëri kur kioska të jetë në linjë.",
    en: "This capacity can be checked only against the customer's record, which cannot be reached now: try again when the kiosk is back online.",
    sr: "Ово својство се проверава само према евиденцији корисника, која сада није доступна: покушајте поново када киоск буде на мрежи.",
  },
  not_on_record: {
    sq: "Askush nuk është në të dhënat e klientit në këtë cilësi: kontrolloni klientin ose ftojeni klientin të vijë vetë.",
    en: "Nobody is on the customer's record in this capacity: check the customer, or have the customer come in person.",
    sr: "Нико није у евиденцији корисника у том својству: проверите корисника или нека корисник дође лично.",
  },
  invalid_verification: {
    sq: "Verifikimi nuk mund të regjistrohet për një gabim të kioskës, jo të dokumentit: lajmëroni mbështetjen e IT-së.",
    en: "The verification cannot be recorded because of a fault of the kiosk, not of the document: report it to IT support.",
    sr: "Верификација не може да се забележи због грешке киоска, а не документа: пријавите то ИТ подршци.",
  },
  invalid_input: {
    sq: "Skanoni ose shkruani dokumentin dhe zgjidhni të dhënat e klientit më parë.",
    en: "Scan or type the document and choose the customer's record first.",
    sr: "Прво скенирајте или унесите документ и изаберите евиденцију корисника.",
  },
} satisfies Record<string, Text>;

/**
 * A refusal (of confirm_identity, or of check_zone for input that is no zone at all) in the
 * clerk's words, Rust's sentence below. A command's refusal carries only `{code, message}`: the
 * place in the zone is read back from the message.
 */
export function refusalProblem(error: CommandError, lang: Lang): Problem {
  const words = byCode(CONFIRM_WORDS, error.code);
  if (words !== undefined) {
    const age = /is (\d+) years old, not under (\d+)/.exec(error.message);
    return { text: fill(words[lang], { age: age?.[1] ?? "", threshold: age?.[2] ?? "" }), detail: error.message };
  }
  if (byCode(ERROR_WORDS, error.code) !== undefined) {
    const at = /line (\d+), character (\d+)/.exec(error.message);
    const position = at ? { line: Number(at[1]), column: Number(at[2]) } : null;
    return { text: errorText({ ...error, field: null, position }, lang), detail: error.message };
  }
  if (OFFLINE_CODES.has(error.code)) {
    return lookupProblem(error, lang);
  }
  return { text: error.message, detail: `[${error.code}]` };
}

// ---------------------------------------------------------------------------------------------
// The clerk's choices and the confirmation.

/** kiosk_core::idcheck::record::ActingFor (`tag = "capacity"`, snake_case). */
export type ActingFor =
  | { capacity: "themself" }
  | { capacity: "guardian"; authorisation_reference: string }
  | { capacity: "authorised_person"; authorisation_reference: string }
  | { capacity: "business_representative"; business_number: string; authorisation_reference: string };

/** kiosk_core::idcheck::record::ClerkJudgement. */
export type Judgement = "not_given" | "accepted";

/** The arguments of confirm_identity; Tauri turns the camelCase names into Rust's snake_case. */
export type ConfirmArgs = {
  customerId: string;
  acting: ActingFor;
  photoConfirmed: boolean;
  judgement: Judgement;
};

export interface Selection {
  customerId: string | null;
  capacity: Capacity;
  authorisationReference: string;
  businessNumber: string;
  photoConfirmed: boolean;
  /** The clerk's decision on a partial match. */
  accepted: boolean;
}

export function emptySelection(): Selection {
  return {
    customerId: null,
    capacity: "themself",
    authorisationReference: "",
    businessNumber: "",
    photoConfirmed: false,
    accepted: false,
  };
}

/**
 * The selection after the candidates changed: the only candidate is picked for the clerk, and the
 * capacity follows the best comparison (the guardian's card matches the guardian, not the minor).
 * What the clerk ticked or typed is never carried over to another record.
 */
export function selectionFor(candidates: readonly Candidate[], previous: Selection): Selection {
  const kept = candidates.find((c) => c.customer.customer_id === previous.customerId);
  if (kept) {
    return previous;
  }
  const only = candidates.length === 1 ? candidates[0] : undefined;
  return only ? pickCandidate(only) : emptySelection();
}

/** The clerk picks a record: the capacity of its best comparison is the likely one. */
export function pickCandidate(c: Candidate): Selection {
  const best = c.comparisons[0];
  return {
    ...emptySelection(),
    customerId: c.customer.customer_id,
    capacity: best ? subjectCapacity(best.subject) : "themself",
  };
}

/** Why the confirmation cannot be sent yet, in the order the clerk fills the form. */
export type Missing =
  "customer" | "not_on_record" | "mismatch" | "business_number" | "authorisation_reference" | "photo" | "judgement";

export const MISSING_WORDS = {
  customer: {
    sq: "Zgjidhni të dhënat e klientit.",
    en: "Choose the customer's record.",
    sr: "Изаберите евиденцију корисника.",
  },
  not_on_record: {
    sq: "Askush nuk është në të dhënat e këtij klienti në këtë cilësi.",
    en: "Nobody is on this customer's record in this capacity.",
    sr: "Нико није у евиденцији овог корисника у том својству.",
  },
  mismatch: {
    sq: "Dokumenti nuk përputhet me këtë person në të dhëna: mos vazhdoni.",
    en: "The document does not match this person on record: do not go on.",
    sr: "Документ се не поклапа са овом особом у евиденцији: не настављајте.",
  },
  business_number: {
    sq: "Shkruani numrin e biznesit nga ekstrakti i regjistrit.",
    en: "Type the business number from the register extract.",
    sr: "Унесите број предузећа са извода из регистра.",
  },
  authorisation_reference: {
    sq: "Shkruani referencën e dokumentit që e autorizon personin.",
    en: "Type the reference of the document that authorises the person.",
    sr: "Унесите број документа који овлашћује особу.",
  },
  photo: {
    sq: "Konfirmoni që fotografia në dokument është personi në sportel.",
    en: "Confirm that the photo on the document shows the person at the counter.",
    sr: "Потврдите да фотографија на документу приказује особу на шалтеру.",
  },
  judgement: {
    sq: "Përputhja është e pjesshme: vendosni nëse ky është personi.",
    en: "The match is partial: decide whether this is the person.",
    sr: "Поклапање је делимично: одлучите да ли је то та особа.",
  },
} satisfies Record<Missing, Text>;

/**
 * The arguments of confirm_identity, or what is still missing. Mirrors the checks Rust makes that
 * the screen can make itself, so that the clerk hears of them before pressing; Rust decides the rest
 * (a guardian's customer a minor, the business number the customer's).
 */
export function confirmArgs(
  selection: Selection,
  candidates: readonly Candidate[],
): { ok: true; args: ConfirmArgs } | { ok: false; missing: Missing[] } {
  const c = candidates.find((x) => x.customer.customer_id === selection.customerId);
  if (c === undefined) {
    return { ok: false, missing: ["customer"] };
  }
  const comparison = comparisonFor(c, selection.capacity);
  if (comparison === null) {
    return { ok: false, missing: ["not_on_record"] };
  }
  if (comparison.result.verdict === "mismatch") {
    return { ok: false, missing: ["mismatch"] };
  }
  const missing: Missing[] = [];
  const reference = selection.authorisationReference.trim();
  const business = selection.businessNumber.trim();
  if (selection.capacity === "business_representative" && business === "") {
    missing.push("business_number");
  }
  if (selection.capacity !== "themself" && reference === "") {
    missing.push("authorisation_reference");
  }
  if (!selection.photoConfirmed) {
    missing.push("photo");
  }
  const partial = comparison.result.verdict === "partial";
  if (partial && !selection.accepted) {
    missing.push("judgement");
  }
  if (missing.length > 0) {
    return { ok: false, missing };
  }
  let acting: ActingFor;
  switch (selection.capacity) {
    case "themself":
      acting = { capacity: "themself" };
      break;
    case "guardian":
    case "authorised_person":
      acting = { capacity: selection.capacity, authorisation_reference: reference };
      break;
    case "business_representative":
      acting = { capacity: "business_representative", business_number: business, authorisation_reference: reference };
      break;
  }
  return {
    ok: true,
    args: {
      customerId: c.customer.customer_id,
      acting,
      photoConfirmed: true,
      // A judgement is given only where Rust asks for one: a full match needs none.
      judgement: partial ? "accepted" : "not_given",
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The search by customer or phone number.

export type SearchBy = "customer_no" | "msisdn";

/** protocol::api::CustomerQuery: exactly one key set. */
export type CustomerQuery = {
  personal_number: string | null;
  customer_no: string | null;
  msisdn: string | null;
};

/** The query for search_customer, or null when nothing usable was typed. */
export function customerQuery(by: SearchBy, typed: string): CustomerQuery | null {
  const t = typed.trim();
  if (by === "customer_no") {
    const digits = t.replace(/[\s.-]/g, "");
    return /^\d{3,20}$/.test(digits) ? { personal_number: null, customer_no: digits, msisdn: null } : null;
  }
  const phone = t.replace(/[\s()/.-]/g, "");
  return /^\+?\d{6,15}$/.test(phone) ? { personal_number: null, customer_no: null, msisdn: phone } : null;
}

// ---------------------------------------------------------------------------------------------
// The typed document (kiosk_core::idcheck::manual::ManualEntry).

export type ManualEntry = {
  document_type: DocumentType;
  issuing_state: string;
  document_number: string;
  expires_on: string | null;
  issued_on: string | null;
  personal_number: string | null;
  surname: string;
  given_names: string;
  date_of_birth: string | null;
  nationality: string | null;
};

/** The form as typed: text only, so that a half-typed date survives a language switch. */
export interface ManualForm {
  document_type: DocumentType;
  issuing_state: string;
  document_number: string;
  expires_on: string;
  issued_on: string;
  personal_number: string;
  surname: string;
  given_names: string;
  date_of_birth: string;
  nationality: string;
}

export type ManualField = keyof ManualForm;

export function emptyManualForm(): ManualForm {
  return {
    document_type: "id_card",
    issuing_state: "RKS",
    document_number: "",
    expires_on: "",
    issued_on: "",
    personal_number: "",
    surname: "",
    given_names: "",
    date_of_birth: "",
    nationality: "",
  };
}

export type FormProblem = "required" | "date" | "code";

export const FORM_PROBLEM_WORDS = {
  required: { sq: "Plotësojeni këtë fushë.", en: "Fill this in.", sr: "Попуните ово поље." },
  date: {
    sq: "Shkruani datën si DD.MM.VVVV, p.sh. 03.09.1988.",
    en: "Type the date as DD.MM.YYYY, e.g. 03.09.1988.",
    sr: "Унесите датум као ДД.ММ.ГГГГ, нпр. 03.09.1988.",
  },
  code: {
    sq: "Shkruani kodin me 1 deri 3 shkronja, p.sh. RKS.",
    en: "Type the code of 1 to 3 letters, e.g. RKS.",
    sr: "Унесите шифру од 1 до 3 слова, нпр. RKS.",
  },
} satisfies Record<FormProblem, Text>;

/**
 * The entry for check_typed_document, or the fields to fix first. Only what Rust could not read at
 * all (an empty required field, a date that is no date, a code that is no code) is stopped here; the
 * document's own checks (expiry, personal number, country codes) are Rust's and show as checks.
 */
export function manualEntry(
  form: ManualForm,
): { ok: true; entry: ManualEntry } | { ok: false; problems: Array<[ManualField, FormProblem]> } {
  const problems: Array<[ManualField, FormProblem]> = [];
  const code = (field: "issuing_state" | "nationality", required: boolean): string | null => {
    const t = form[field].replace(/\s/g, "").toUpperCase();
    if (t === "") {
      if (required) {
        problems.push([field, "required"]);
      }
      return null;
    }
    if (!/^[A-Z<]{1,3}$/.test(t)) {
      problems.push([field, "code"]);
    }
    return t;
  };
  const text = (field: "document_number" | "surname"): string => {
    const t = form[field].trim();
    if (t === "") {
      problems.push([field, "required"]);
    }
    return t;
  };
  const date = (field: "expires_on" | "issued_on" | "date_of_birth", required: boolean): string | null => {
    const t = form[field].trim();
    if (t === "") {
      if (required) {
        problems.push([field, "required"]);
      }
      return null;
    }
    const d = parseTypedDate(t);
    if (d === null) {
      problems.push([field, "date"]);
    }
    return d;
  };
  const issuing_state = code("issuing_state", true) ?? "";
  const document_number = text("document_number");
  const expires_on = date("expires_on", true);
  const issued_on = date("issued_on", false);
  const personal = form.personal_number.trim();
  const surname = text("surname");
  const date_of_birth = date("date_of_birth", true);
  const nationality = code("nationality", false);
  if (problems.length > 0) {
    // In the order the form shows its fields, so that the first one gets the focus.
    const order = Object.keys(emptyManualForm()) as ManualField[];
    problems.sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0]));
    return { ok: false, problems };
  }
  return {
    ok: true,
    entry: {
      document_type: form.document_type,
      issuing_state,
      document_number,
      expires_on,
      issued_on,
      personal_number: personal === "" ? null : personal,
      surname,
      given_names: form.given_names.trim(),
      date_of_birth,
      nationality,
    },
  };
}

/** Every table of words above, so that a test can hold each to three languages and Cyrillic Serbian. */
export const WORD_TABLES: Readonly<Record<string, Readonly<Record<string, Text>>>> = {
  DOCUMENT_TYPE_WORDS,
  CAPACITY_WORDS,
  DEMO_CASE_WORDS,
  FIELD_WORDS,
  MATCH_FIELD_WORDS,
  ERROR_WORDS,
  WARNING_WORDS,
  DOCUMENT_SUMMARY,
  OUTCOME_WORDS,
  VERDICT_WORDS,
  LOOKUP_WORDS,
  CONFIRM_WORDS,
  MISSING_WORDS,
  FORM_PROBLEM_WORDS,
  LINES: { CHECK_OK, VALID_UNTIL, RESCAN },
};

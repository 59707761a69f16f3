// The signed captures' logic, without the DOM: the answers of Rust's capture commands
// (src-tauri/src/commands/capture.rs) read and checked, the consent choices built from the ticks
// and the customer's current choices, the requests' fields, and every refusal in the clerk's words.
// Whether a value, a request or a signature is acceptable is Rust's rule (kiosk_core::capture):
// this module only words Rust's answer, except for the empty pad, which needs no round trip.

import { type CommandError } from "./app-info";
import { CONSENT_STATES, type ConsentStateId, type OfferedChoice, type OfferNotice, parseNotice } from "./customer-offer";
import { fill, type Lang, type Text } from "./i18n";
import { CAPACITY_WORDS } from "./identify-state";
import { bool, count, list, oneOf, optStr, rec, str } from "./parse";
import { type ConsentOnRecord } from "./report";
import { type Signature } from "./signature";
import { localDay, parseDay, rangeProblem } from "./traffic";
import { termLabel, type Vocabulary } from "./vocabulary";

export type CaptureKind = "consent" | "correction" | "request";
/** A consent choice and the notice: the same shapes the customer's window is offered. */
export type Choice = OfferedChoice;
export type Notice = OfferNotice;
export { CONSENT_STATES, type ConsentStateId };

export interface ExpressedBy {
  capacity: string;
  name: string | null;
}

export interface ConsentForm {
  customer_id: string;
  customer_kind: "individual" | "business";
  notice: Notice;
  expressed_by: ExpressedBy;
  /** Null: the customer's data was not loaded, their current choices are unknown. */
  current: ConsentOnRecord[] | null;
}

export interface CorrectionForm {
  customer_id: string;
  record_version: number;
  fields: { field: string; current: string | null }[];
  expressed_by: ExpressedBy;
}

export interface CheckedCorrection {
  field: string;
  old_value: string | null;
  new_value: string;
  reason: string;
}

export interface RequestKindOffer {
  kind: string;
  available: boolean;
  unavailable: string | null;
  due_at: string;
  latest_due_at: string;
}

export interface RequestForm {
  customer_id: string;
  customer_kind: "individual" | "business";
  kinds: RequestKindOffer[];
  supervisory_authority: string;
  complaints_email: string;
  expressed_by: ExpressedBy;
}

export interface CheckedRequest {
  kind: string;
  due_at: string;
  latest_due_at: string;
}

export interface SavedChange {
  mutation_id: string;
  seq: number;
  kind: "consent_recorded" | "correction_requested" | "rights_request_submitted";
  captured_at: string;
  reference: string;
  verification_code: string;
  due_at: string | null;
  latest_due_at: string | null;
}

// --- Reading the answers ------------------------------------------------------------------------

const KINDS = ["individual", "business"] as const;

function expressedBy(value: unknown, what: string): ExpressedBy {
  const o = rec(value, what);
  return { capacity: str(o.capacity, `${what}.capacity`), name: optStr(o.name, `${what}.name`) };
}

function consentOnRecord(value: unknown, what: string): ConsentOnRecord {
  const o = rec(value, what);
  return {
    purpose: str(o.purpose, `${what}.purpose`),
    channel: optStr(o.channel, `${what}.channel`),
    state: oneOf(o.state, CONSENT_STATES, `${what}.state`),
    recorded_at: str(o.recorded_at, `${what}.recorded_at`),
    method: str(o.method, `${what}.method`),
    store_code: optStr(o.store_code, `${what}.store_code`),
    notice_version: o.notice_version === null || o.notice_version === undefined ? null : count(o.notice_version, `${what}.notice_version`),
  };
}

export function parseConsentForm(value: unknown): ConsentForm {
  const o = rec(value, "consent_form");
  return {
    customer_id: str(o.customer_id, "consent_form.customer_id"),
    customer_kind: oneOf(o.customer_kind, KINDS, "consent_form.customer_kind"),
    notice: parseNotice(o.notice, "consent_form.notice"),
    expressed_by: expressedBy(o.expressed_by, "consent_form.expressed_by"),
    current: o.current === null ? null : list(o.current, "consent_form.current", consentOnRecord),
  };
}

export function parseCorrectionForm(value: unknown): CorrectionForm {
  const o = rec(value, "correction_form");
  return {
    customer_id: str(o.customer_id, "correction_form.customer_id"),
    record_version: count(o.record_version, "correction_form.record_version"),
    fields: list(o.fields, "correction_form.fields", (f, w) => {
      const r = rec(f, w);
      return { field: str(r.field, `${w}.field`), current: optStr(r.current, `${w}.current`) };
    }),
    expressed_by: expressedBy(o.expressed_by, "correction_form.expressed_by"),
  };
}

export function parseCheckedCorrection(value: unknown): CheckedCorrection {
  const o = rec(value, "check_correction");
  return {
    field: str(o.field, "check_correction.field"),
    old_value: optStr(o.old_value, "check_correction.old_value"),
    new_value: str(o.new_value, "check_correction.new_value"),
    reason: str(o.reason, "check_correction.reason"),
  };
}

export function parseRequestForm(value: unknown): RequestForm {
  const o = rec(value, "rights_request_form");
  return {
    customer_id: str(o.customer_id, "rights_request_form.customer_id"),
    customer_kind: oneOf(o.customer_kind, KINDS, "rights_request_form.customer_kind"),
    kinds: list(o.kinds, "rights_request_form.kinds", (k, w) => {
      const r = rec(k, w);
      return {
        kind: str(r.kind, `${w}.kind`),
        available: bool(r.available, `${w}.available`),
        unavailable: optStr(r.unavailable, `${w}.unavailable`),
        due_at: str(r.due_at, `${w}.due_at`),
        latest_due_at: str(r.latest_due_at, `${w}.latest_due_at`),
      };
    }),
    supervisory_authority: str(o.supervisory_authority, "rights_request_form.supervisory_authority"),
    complaints_email: str(o.complaints_email, "rights_request_form.complaints_email"),
    expressed_by: expressedBy(o.expressed_by, "rights_request_form.expressed_by"),
  };
}

export function parseCheckedRequest(value: unknown): CheckedRequest {
  const o = rec(value, "check_rights_request");
  return {
    kind: str(o.kind, "check_rights_request.kind"),
    due_at: str(o.due_at, "check_rights_request.due_at"),
    latest_due_at: str(o.latest_due_at, "check_rights_request.latest_due_at"),
  };
}

export function parseSavedChange(value: unknown): SavedChange {
  const o = rec(value, "saved change");
  return {
    mutation_id: str(o.mutation_id, "saved.mutation_id"),
    seq: count(o.seq, "saved.seq"),
    kind: oneOf(o.kind, ["consent_recorded", "correction_requested", "rights_request_submitted"] as const, "saved.kind"),
    captured_at: str(o.captured_at, "saved.captured_at"),
    reference: str(o.reference, "saved.reference"),
    verification_code: str(o.verification_code, "saved.verification_code"),
    due_at: optStr(o.due_at, "saved.due_at"),
    latest_due_at: optStr(o.latest_due_at, "saved.latest_due_at"),
  };
}

// --- Consent choices ----------------------------------------------------------------------------

/** A purpose × channel as one key (`null` channel: the purpose as a whole). */
export function choiceKey(purpose: string, channel: string | null): string {
  return `${purpose}/${channel ?? "*"}`;
}

/** Every choice the form offers, in the policy's order: each purpose's channels, or the purpose. */
export function formSlots(v: Vocabulary): { purpose: string; channel: string | null }[] {
  return v.consent_purposes.flatMap((p): { purpose: string; channel: string | null }[] =>
    p.channels.length === 0 ? [{ purpose: p.id, channel: null }] : p.channels.map((c) => ({ purpose: p.id, channel: c })),
  );
}

/** The customer's current state per purpose × channel (the latest on record). */
export function currentStates(current: readonly ConsentOnRecord[] | null): Map<string, ConsentOnRecord> {
  const latest = new Map<string, ConsentOnRecord>();
  for (const c of current ?? []) {
    const key = choiceKey(c.purpose, c.channel);
    const seen = latest.get(key);
    if (seen === undefined || Date.parse(c.recorded_at) > Date.parse(seen.recorded_at)) {
      latest.set(key, c);
    }
  }
  return latest;
}

/** What the form starts with: the consents given now are ticked; a new customer, nothing. */
export function initialTicks(current: readonly ConsentOnRecord[] | null): Set<string> {
  const ticks = new Set<string>();
  for (const [key, c] of currentStates(current)) {
    if (c.state === "given") {
      ticks.add(key);
    }
  }
  return ticks;
}

/**
 * The full record the form signs: every purpose × channel, ticked → given; unticked → withdrawn
 * when it is given now, refused otherwise.
 */
export function consentChoices(v: Vocabulary, ticks: ReadonlySet<string>, current: readonly ConsentOnRecord[] | null): Choice[] {
  const now = currentStates(current);
  if (current === null) {
    // Nobody at the counter knows what the customer allowed before: an unticked box could be a
    // consent given earlier, and recording it "refused" would overwrite it unseen. Only what the
    // customer gives now is recorded; a withdrawal is one action of its own.
    return formSlots(v)
      .filter(({ purpose, channel }) => ticks.has(choiceKey(purpose, channel)))
      .map(({ purpose, channel }) => ({ purpose, channel, state: "given" }));
  }
  return formSlots(v).map(({ purpose, channel }) => {
    const key = choiceKey(purpose, channel);
    const state: ConsentStateId = ticks.has(key) ? "given" : now.get(key)?.state === "given" ? "withdrawn" : "refused";
    return { purpose, channel, state };
  });
}

/**
 * What a choice does to what is on record, as the review marks it: a consent given or withdrawn
 * now changes what IPKO may do (`gives`, `withdraws`); a refusal where nothing was on record is
 * recorded for the first time (`first`); a choice that leaves the consent as it was is `same`
 * (a withdrawal recorded again as a refusal included). With the current choices unknown nobody
 * can say (`unknown`).
 */
export type ChangeMark = "gives" | "withdraws" | "first" | "same" | "unknown";

export function changeMark(choice: Choice, current: readonly ConsentOnRecord[] | null): ChangeMark {
  if (current === null) return "unknown";
  const before = currentStates(current).get(choiceKey(choice.purpose, choice.channel))?.state ?? null;
  if (choice.state === "given") return before === "given" ? "same" : "gives";
  if (before === "given") return "withdraws";
  return before === null ? "first" : "same";
}

/** Whether the mark changes what the customer allows (the review highlights those). */
export function isChange(mark: ChangeMark): boolean {
  return mark === "gives" || mark === "withdraws";
}

export interface ReviewedChoice {
  choice: Choice;
  /** The state on record before, null for none (or unknown). */
  before: ConsentStateId | null;
  mark: ChangeMark;
}

/** The record to sign, purpose by purpose in the order given, each choice with its mark. */
export function reviewGroups(choices: readonly Choice[], current: readonly ConsentOnRecord[] | null): { purpose: string; choices: ReviewedChoice[] }[] {
  const now = currentStates(current);
  const groups: { purpose: string; choices: ReviewedChoice[] }[] = [];
  for (const choice of choices) {
    let group = groups.find((g) => g.purpose === choice.purpose);
    if (group === undefined) {
      group = { purpose: choice.purpose, choices: [] };
      groups.push(group);
    }
    const before = now.get(choiceKey(choice.purpose, choice.channel))?.state ?? null;
    const known = CONSENT_STATES.find((st) => st === before) ?? null;
    group.choices.push({ choice, before: known, mark: changeMark(choice, current) });
  }
  return groups;
}

// --- Requests -----------------------------------------------------------------------------------

/** What the request form holds while the clerk fills it in. */
export interface RequestFields {
  kind: string;
  details: string;
  objectionPurpose: string;
  items: string[];
  from: string;
  to: string;
  categories: string[];
  formats: string[];
  authorityExplained: boolean;
  permanent: boolean;
  until: string;
}

export function emptyRequest(kind: string): RequestFields {
  return {
    kind,
    details: "",
    objectionPurpose: "",
    items: [],
    from: "",
    to: "",
    categories: [],
    formats: [],
    authorityExplained: false,
    permanent: true,
    until: "",
  };
}

/** A day as typed (`2026-03-01` or `1.3.2026`) in the wire's form; what does not read as one is
 * sent as typed (requestProblem refuses it first). */
const day = (text: string): string | null => {
  const d = parseDay(text);
  return d.ok ? d.day : text.trim();
};

/** The request fields a problem points at (their elements' ids on the screen). */
export type RequestField = "request-items" | "request-categories" | "request-formats" | "objection-purpose" | "request-details" | "access-from" | "access-to" | "suspension-until";

/**
 * What the form still lacks before Rust is asked, in the clerk's words: what the contract says Rust
 * refuses as `invalid_input` (a tick, a purpose, the customer's words) and days that are not days
 * (Rust could not even read them). Whether a day is too late or too early is Rust's rule, in the
 * stores' calendar.
 */
export function requestProblem(f: RequestFields): { problem: CommandError; field: RequestField } | null {
  const missing = (code: string, field: RequestField) => ({ problem: { code, message: "" }, field });
  const needsDetails = () => (f.details.trim() === "" ? missing("details_required", "request-details") : null);
  switch (f.kind) {
    case "access": {
      if (f.items.length === 0) return missing("items_required", "request-items");
      const from = parseDay(f.from);
      if (!from.ok) return missing("from_invalid", "access-from");
      const to = parseDay(f.to);
      if (!to.ok) return missing("to_invalid", "access-to");
      if (from.day !== null && to.day !== null && from.day > to.day) return missing("reversed", "access-from");
      return null;
    }
    case "erasure":
    case "restriction":
      return f.categories.length === 0 ? missing("categories_required", "request-categories") : needsDetails();
    case "objection":
      return f.objectionPurpose === "" ? missing("purpose_required", "objection-purpose") : needsDetails();
    case "portability":
      return f.formats.length === 0 ? missing("formats_required", "request-formats") : null;
    case "complaint":
      return needsDetails();
    case "marketing_suspension": {
      if (f.permanent) return null;
      const until = parseDay(f.until);
      return until.ok && until.day !== null ? null : missing("until_invalid", "suspension-until");
    }
    default:
      return null;
  }
}

/** The draft Rust checks and saves (kiosk_core::capture::request::RequestDraft). */
export function requestDraft(f: RequestFields): Record<string, unknown> {
  const particulars: Record<string, unknown> = { kind: f.kind };
  switch (f.kind) {
    case "access":
      Object.assign(particulars, { items: f.items, from: day(f.from), to: day(f.to) });
      break;
    case "erasure":
    case "restriction":
      particulars.categories = f.categories;
      break;
    case "portability":
      particulars.formats = f.formats;
      break;
    case "complaint":
      particulars.supervisory_authority_explained = f.authorityExplained;
      break;
    case "marketing_suspension":
      particulars.until = f.permanent ? null : day(f.until);
      break;
  }
  return {
    kind: f.kind,
    details: f.details,
    objection_purpose: f.kind === "objection" && f.objectionPurpose !== "" ? f.objectionPurpose : null,
    particulars,
  };
}

/** Adds or removes `id` from a ticked list. */
export function toggle(items: readonly string[], id: string, on: boolean): string[] {
  const rest = items.filter((i) => i !== id);
  return on ? [...rest, id] : rest;
}

// --- The signature ------------------------------------------------------------------------------

/** The pad as the save sends it: null for an empty pad, refused here without a round trip. */
export function signatureOrRefusal(signature: Signature | null): { signature: Signature } | { refusal: CommandError } {
  if (signature === null) {
    return { refusal: { code: "signature_empty", message: "The pad is empty." } };
  }
  return { signature };
}

// --- Words --------------------------------------------------------------------------------------

export const C = {
  consentTab: { sq: "Pëlqimi", en: "Consent", sr: "Сагласност" },
  correctionTab: { sq: "Korrigjimi", en: "Correct data", sr: "Исправка" },
  requestsTab: { sq: "Kërkesat", en: "Requests", sr: "Захтеви" },
  loading: { sq: "Duke u ngarkuar…", en: "Loading…", sr: "Учитава се…" },
  retry: { sq: "Provo përsëri", en: "Try again", sr: "Покушај поново" },
  notice: { sq: "Njoftimi për pëlqimin", en: "Consent notice", sr: "Обавештење о сагласности" },
  noticeVersion: { sq: "versioni {version} · {hash}", en: "version {version} · {hash}", sr: "верзија {version} · {hash}" },
  expressedBy: { sq: "E shpreh: {who}", en: "Expressed by: {who}", sr: "Изражава: {who}" },
  themself: { sq: "klienti vetë", en: "the customer in person", sr: "сам клијент" },
  currentUnknown: {
    sq: "Zgjedhjet aktuale të klientit nuk dihen: të dhënat e tij nuk u ngarkuan. Çdo zgjedhje e re regjistrohet siç shënohet këtu.",
    en: "The customer's current choices are not known: their data was not loaded. Each new choice is recorded as ticked here.",
    sr: "Тренутни избори клијента нису познати: његови подаци нису учитани. Сваки нови избор се бележи како је овде означен.",
  },
  newCustomer: {
    sq: "Klienti nuk ka asnjë zgjedhje të regjistruar: asgjë nuk është shënuar.",
    en: "The customer has no choice on record: nothing is ticked.",
    sr: "Клијент нема ниједан забележен избор: ништа није означено.",
  },
  profiling: {
    sq: "Ky qëllim përdor të dhënat e trafikut dhe të vendndodhjes për profilizim.",
    en: "This purpose uses traffic and location data for profiling.",
    sr: "Ова сврха користи податке о саобраћају и локацији за профилисање.",
  },
  wholePurpose: { sq: "Për qëllimin në tërësi", en: "For the purpose as a whole", sr: "За сврху у целини" },
  givenOn: { sq: "dhënë më {when} · {how}", en: "given {when} · {how}", sr: "дата {when} · {how}" },
  stateOn: { sq: "{state} më {when}", en: "{state} {when}", sr: "{state} {when}" },
  withdraw: { sq: "Tërhiq", en: "Withdraw", sr: "Повуци" },
  toReview: { sq: "Vazhdo te nënshkrimi", en: "Continue to signing", sr: "Настави на потписивање" },
  back: { sq: "Kthehu", en: "Back", sr: "Назад" },
  review: { sq: "Kontrolloni dhe nënshkruani", en: "Review and sign", sr: "Проверите и потпишите" },
  markGives: { sq: "jepet tani", en: "given now", sr: "даје се сада" },
  markWithdraws: { sq: "tërhiqet tani", en: "withdrawn now", sr: "повлачи се сада" },
  markFirst: { sq: "regjistrohet për herë të parë", en: "recorded for the first time", sr: "бележи се први пут" },
  markSame: { sq: "pa ndryshim", en: "unchanged", sr: "без промене" },
  markUnknown: { sq: "zgjedhja e mëparshme nuk dihet", en: "the choice before is not known", sr: "претходни избор није познат" },
  changesCount: {
    sq: "Ndryshon çfarë lejon klienti: {count}. Gjithçka tjetër regjistrohet siç është.",
    en: "What the customer allows changes: {count}. Everything else is recorded as it is.",
    sr: "Мења се шта клијент дозвољава: {count}. Све остало се бележи како јесте.",
  },
  noChange: {
    sq: "Asgjë nuk ndryshon në atë që lejon klienti; zgjedhjet regjistrohen ashtu siç nënshkruhen.",
    en: "Nothing changes in what the customer allows; the choices are recorded as signed.",
    sr: "Ништа се не мења у ономе што клијент дозвољава; избори се бележе како су потписани.",
  },
  reviewUnknown: {
    sq: "Zgjedhjet e mëparshme të klientit nuk dihen: regjistrohet ajo që zgjedh tani.",
    en: "The customer's choices before are not known: what they choose now is recorded.",
    sr: "Претходни избори клијента нису познати: бележи се оно што сада бира.",
  },
  everyChoice: { sq: "Çdo zgjedhje që regjistrohet", en: "Every choice recorded", sr: "Сваки избор који се бележи" },
  before: { sq: "më parë: {state}", en: "before: {state}", sr: "пре: {state}" },
  withdrawalOf: { sq: "Tërheqje e pëlqimit", en: "Withdrawal of consent", sr: "Повлачење сагласности" },
  signHere: {
    sq: "Klienti nënshkruan këtu (me gisht ose laps)",
    en: "The customer signs here (finger or pen)",
    sr: "Клијент потписује овде (прстом или оловком)",
  },
  clear: { sq: "Fshije nënshkrimin", en: "Clear the signature", sr: "Обриши потпис" },
  save: { sq: "Ruaj", en: "Save", sr: "Сачувај" },
  saving: { sq: "Duke ruajtur…", en: "Saving…", sr: "Чува се…" },
  saved: { sq: "U ruajt", en: "Saved", sr: "Сачувано" },
  savedQueued: {
    sq: "U ruajt në këtë arkë; do t'i dërgohet IPKO-s kur të kthehet lidhja.",
    en: "Saved at the counter; it will be sent to IPKO when the connection is back.",
    sr: "Сачувано на шалтеру; биће послато IPKO-у када се веза врати.",
  },
  savedSent: {
    sq: "U ruajt dhe po i dërgohet IPKO-s.",
    en: "Saved and on its way to IPKO.",
    sr: "Сачувано и шаље се IPKO-у.",
  },
  reference: { sq: "Referenca", en: "Reference", sr: "Референца" },
  consentRecord: { sq: "Regjistrimi i pëlqimit", en: "Consent record", sr: "Запис о сагласности" },
  verificationCode: { sq: "Kodi i verifikimit", en: "Verification code", sr: "Код за проверу" },
  dueAt: { sq: "IPKO përgjigjet deri më", en: "IPKO answers by", sr: "IPKO одговара до" },
  latestAt: { sq: "jo më vonë se", en: "no later than", sr: "најкасније до" },
  effectiveBy: { sq: "Në fuqi jo më vonë se", en: "In effect no later than", sr: "На снази најкасније" },
  period: { sq: "Periudha", en: "Period", sr: "Период" },
  periodAll: { sq: "gjithçka që IPKO mban ende", en: "all IPKO still holds", sr: "све што IPKO још чува" },
  yes: { sq: "po", en: "yes", sr: "да" },
  no: { sq: "jo", en: "no", sr: "не" },
  printReceipt: { sq: "Shtyp vërtetimin", en: "Print the receipt", sr: "Штампај потврду" },
  printing: { sq: "Duke shtypur…", en: "Printing…", sr: "Штампа се…" },
  another: { sq: "Një tjetër", en: "Another one", sr: "Још један" },
  field: { sq: "Fusha", en: "Field", sr: "Поље" },
  onRecord: { sq: "Në regjistër", en: "On record", sr: "У евиденцији" },
  nothingOnRecord: { sq: "(bosh)", en: "(empty)", sr: "(празно)" },
  newValue: { sq: "Vlera e re", en: "New value", sr: "Нова вредност" },
  reason: { sq: "Arsyeja", en: "Reason", sr: "Разлог" },
  check: { sq: "Kontrollo", en: "Check", sr: "Провери" },
  kindOfRequest: { sq: "Lloji i kërkesës", en: "Kind of request", sr: "Врста захтева" },
  details: { sq: "Me fjalët e klientit", en: "In the customer's words", sr: "Речима клијента" },
  detailsWhy: { sq: "Pse e kërkon klienti", en: "Why the customer asks for it", sr: "Зашто клијент то тражи" },
  detailsGrounds: { sq: "Arsyet e kundërshtimit", en: "The grounds of the objection", sr: "Разлози приговора" },
  detailsComplaint: { sq: "Për çfarë është ankesa", en: "What the complaint is about", sr: "На шта се жалба односи" },
  wants: { sq: "Çfarë kërkon të marrë", en: "What the customer asks to receive", sr: "Шта клијент тражи да добије" },
  periodFrom: { sq: "Nga data (VVVV-MM-DD)", en: "From (YYYY-MM-DD)", sr: "Од (ГГГГ-ММ-ДД)" },
  periodTo: { sq: "Deri më (VVVV-MM-DD)", en: "To (YYYY-MM-DD)", sr: "До (ГГГГ-ММ-ДД)" },
  whichData: { sq: "Cilat të dhëna", en: "Which data", sr: "Који подаци" },
  objectionTo: { sq: "Kundërshton përpunimin për", en: "Objects to processing for", sr: "Приговара обради за" },
  choose: { sq: "— zgjidhni —", en: "— choose —", sr: "— изаберите —" },
  usuallyPrevails: {
    sq: "Sipas politikës, interesi i IPKO-s zakonisht mbizotëron për këtë qëllim:",
    en: "The policy says IPKO's interest usually prevails for this purpose:",
    sr: "Према политици, за ову сврху интерес IPKO-а обично претеже:",
  },
  formats: { sq: "Formatet e skedarit", en: "File formats", sr: "Формати датотеке" },
  portabilityNote: {
    sq: "Të dhënat që klienti i ka dhënë vetë IPKO-s, në format të lexueshëm nga kompjuteri.",
    en: "The data the customer gave IPKO themself, in a machine-readable format.",
    sr: "Подаци које је клијент сам дао IPKO-у, у машински читљивом формату.",
  },
  authority: {
    sq: "Klienti mund të ankohet edhe te {authority}. Ankesat te IPKO: {email}.",
    en: "The customer may also complain to the {authority}. Complaints to IPKO: {email}.",
    sr: "Клијент се може жалити и {authority}. Жалбе IPKO-у: {email}.",
  },
  authorityExplained: {
    sq: "I shpjegova klientit këtë të drejtë",
    en: "I told the customer of this right",
    sr: "Објаснио/ла сам клијенту ово право",
  },
  suspension: { sq: "Pezullimi", en: "Suspension", sr: "Обустава" },
  permanent: { sq: "I përhershëm", en: "Permanent", sr: "Трајна" },
  until: { sq: "Deri më (VVVV-MM-DD)", en: "Until (YYYY-MM-DD)", sr: "До (ГГГГ-ММ-ДД)" },
  untilDay: { sq: "deri më {day}", en: "until {day}", sr: "до {day}" },
  fifteenDays: {
    sq: "IPKO ndalon përdorimin për marketing direkt brenda 15 ditëve.",
    en: "IPKO stops the use for direct marketing within 15 days.",
    sr: "IPKO обуставља употребу за директни маркетинг у року од 15 дана.",
  },
  customerScreen: { sq: "Nënshkrim në ekranin e klientit", en: "Sign on the customer's screen", sr: "Потпис на екрану клијента" },
  customerSigned: {
    sq: "Klienti nënshkroi në ekranin e vet. Kontrolloni dhe ruani.",
    en: "The customer signed on their screen. Review and save.",
    sr: "Клијент је потписао на свом екрану. Проверите и сачувајте.",
  },
  withdrawOffer: { sq: "Tërhiq nga ekrani i klientit", en: "Take it off the customer's screen", sr: "Уклони са екрана клијента" },
  unavailableBusiness: {
    sq: "Vetëm për klientët biznes.",
    en: "For business customers only.",
    sr: "Само за пословне клијенте.",
  },
} as const satisfies Record<string, Text>;

/** The marks' words. */
export const MARK_WORDS: Record<ChangeMark, Text> = {
  gives: C.markGives,
  withdraws: C.markWithdraws,
  first: C.markFirst,
  same: C.markSame,
  unknown: C.markUnknown,
};

const REFUSALS: Record<string, Text> = {
  signature_empty: {
    sq: "Klienti nuk ka nënshkruar ende: kërkojini të nënshkruajë në fushë.",
    en: "The customer has not signed yet: ask them to sign on the pad.",
    sr: "Клијент још није потписао: замолите га да потпише на подлози.",
  },
  signature_too_short: {
    sq: "Kjo është shumë e shkurtër për një nënshkrim: fshijeni dhe kërkojini klientit nënshkrimin e zakonshëm.",
    en: "That is too short to be a signature: clear it and ask the customer for their usual signature.",
    sr: "То је прекратко за потпис: обришите и замолите клијента за уобичајени потпис.",
  },
  invalid_email: {
    sq: "Kjo adresë e-maili nuk është e vlefshme.",
    en: "That e-mail address is not valid.",
    sr: "Та адреса е-поште није исправна.",
  },
  invalid_phone: {
    sq: "Ky numër telefoni nuk është i vlefshëm (p.sh. 049 123 456 ose +383 49 123 456).",
    en: "That phone number is not valid (e.g. 049 123 456 or +383 49 123 456).",
    sr: "Тај број телефона није исправан (нпр. 049 123 456 или +383 49 123 456).",
  },
  invalid_address: {
    sq: "Adresa nuk është e plotë: shkruani rrugën, numrin dhe vendin.",
    en: "The address is not complete: write the street, number and place.",
    sr: "Адреса није потпуна: упишите улицу, број и место.",
  },
  invalid_name: {
    sq: "Emri ka vetëm shkronja, hapësira, viza dhe apostrofa.",
    en: "A name has only letters, spaces, hyphens and apostrophes.",
    sr: "Име садржи само слова, размаке, цртице и апострофе.",
  },
  unchanged_value: {
    sq: "Kjo është vlera që IPKO e ka tashmë: s'ka çfarë të korrigjohet.",
    en: "That is the value IPKO holds already: there is nothing to correct.",
    sr: "То је вредност коју IPKO већ има: нема шта да се исправи.",
  },
  reason_required: {
    sq: "Shkruani pse klienti kërkon korrigjimin.",
    en: "Write why the customer asks for the correction.",
    sr: "Упишите зашто клијент тражи исправку.",
  },
  business_only: {
    sq: "Vetëm një klient biznes mund ta kërkojë këtë; një person e tërheq pëlqimin.",
    en: "Only a business customer can ask for this; a person withdraws their consent instead.",
    sr: "Само пословни клијент то може тражити; особа повлачи сагласност.",
  },
  notice_outdated: {
    sq: "Njoftimi në ekran nuk është më ai aktual: hapeni pëlqimin përsëri.",
    en: "The notice on the screen is no longer the current one: open the consent again.",
    sr: "Обавештење на екрану више није актуелно: отворите сагласност поново.",
  },
  notice_unavailable: {
    sq: "Kjo arkë nuk ka ende njoftimin për pëlqim në këtë gjuhë; merret kur arka të jetë në linjë.",
    en: "This kiosk has no consent notice in this language yet; it is fetched when the kiosk is online.",
    sr: "Овај киоск још нема обавештење о сагласности на овом језику; преузима се када је киоск на мрежи.",
  },
  identity_not_verified: {
    sq: "Kontrolloni fillimisht dokumentin e identitetit të klientit.",
    en: "Check the customer's identity document first.",
    sr: "Прво проверите лични документ клијента.",
  },
  invalid_input: {
    sq: "Diçka në formular nuk pranohet (shihni më poshtë).",
    en: "Something in the form is not accepted (see below).",
    sr: "Нешто у обрасцу није прихваћено (види испод).",
  },
  offer_gone: {
    sq: "Ekrani i klientit nuk e ka më këtë.",
    en: "The customer's screen no longer shows this.",
    sr: "Екран клијента ово више не приказује.",
  },
  display_unavailable: {
    sq: "Ekrani i klientit nuk mund të hapet.",
    en: "The customer's screen cannot be opened.",
    sr: "Екран клијента се не може отворити.",
  },
};

/** What the form lacks before Rust is asked (requestProblem), in the clerk's words. */
const MISSING: Record<string, Text> = {
  items_required: {
    sq: "Shënoni çfarë kërkon të marrë klienti.",
    en: "Tick what the customer asks to receive.",
    sr: "Означите шта клијент тражи да добије.",
  },
  categories_required: {
    sq: "Shënoni cilat të dhëna i përket kërkesa.",
    en: "Tick the data the request concerns.",
    sr: "Означите на које се податке захтев односи.",
  },
  formats_required: {
    sq: "Shënoni formatin e skedarit që do klienti.",
    en: "Tick the file format(s) the customer wants.",
    sr: "Означите формат датотеке који клијент жели.",
  },
  purpose_required: {
    sq: "Zgjidhni qëllimin e interesit legjitim të IPKO-s që kundërshton klienti.",
    en: "Choose the purpose of IPKO's legitimate interest the customer objects to.",
    sr: "Изаберите сврху легитимног интереса IPKO-а којој клијент приговара.",
  },
  details_required: {
    sq: "Shkruani kërkesën me fjalët e klientit.",
    en: "Write the request in the customer's words.",
    sr: "Упишите захтев речима клијента.",
  },
  until_invalid: {
    sq: "Shkruani ditën e fundit të pezullimit si VVVV-MM-DD, p.sh. 2027-06-30, ose zgjidhni të përhershëm.",
    en: "Write the suspension's last day as YYYY-MM-DD, e.g. 2027-06-30, or choose permanent.",
    sr: "Упишите последњи дан обуставе као ГГГГ-ММ-ДД, нпр. 2027-06-30, или изаберите трајну.",
  },
};

const OTHER: Text = {
  sq: "Nuk u krye. Provoni përsëri ose thirrni mbështetjen.",
  en: "That did not work. Try again or call support.",
  sr: "Није успело. Покушајте поново или позовите подршку.",
};

/** A refusal in the clerk's words, with Rust's own sentence for support. */
export function captureProblem(error: CommandError, lang: Lang): { text: string; detail: string } {
  if (error.code === "from_invalid" || error.code === "to_invalid" || error.code === "reversed") {
    return { text: rangeProblem(error.code, lang), detail: error.message };
  }
  return { text: (REFUSALS[error.code] ?? MISSING[error.code] ?? OTHER)[lang], detail: error.message };
}

/** The correction's field a refusal is about (highlighted, and the focus put there). */
export function problemField(code: string): "value" | "reason" | "signature" | null {
  if (code.startsWith("invalid_") && code !== "invalid_input") return "value";
  if (code === "unchanged_value") return "value";
  if (code === "reason_required") return "reason";
  if (code.startsWith("signature_")) return "signature";
  return null;
}

/** Who is signing, in words: the customer, or who acts for them and in what capacity. */
export function expressedByText(e: ExpressedBy, lang: Lang): string {
  const capacity = (CAPACITY_WORDS as Record<string, Text>)[e.capacity];
  let who: string;
  if (e.capacity === "themself") who = CAPACITY_WORDS.themself[lang];
  else if (capacity !== undefined) who = e.name === null ? capacity[lang] : `${capacity[lang]}: ${e.name}`;
  else who = e.name ?? e.capacity;
  return fill(C.expressedBy[lang], { who });
}

/**
 * When IPKO must act on a request, as days in Kosovo: "IPKO answers by 2026-12-22 (no later than
 * 2027-02-22)" — the policy's one month as a rule, three at most; a business's marketing suspension
 * is in effect within fifteen days. `withLabel` false leaves the leading words out (for a table).
 */
export function dueText(kind: string, due: string, latest: string | null, lang: Lang, withLabel = true): string {
  const first = localDay(due);
  const last = latest === null ? first : localDay(latest);
  const label = kind === "marketing_suspension" ? C.effectiveBy[lang] : C.dueAt[lang];
  const text = first === last ? first : `${first} (${C.latestAt[lang]} ${last})`;
  return withLabel ? `${label} ${text}` : text;
}

/** What a correction signs, as label and value lines (the review, the customer's window). */
export function correctionSummary(c: CheckedCorrection, v: Vocabulary, lang: Lang): [string, string][] {
  return [
    [C.field[lang], termLabel(v, "correctable_fields", c.field, lang)],
    [C.onRecord[lang], c.old_value ?? C.nothingOnRecord[lang]],
    [C.newValue[lang], c.new_value],
    [C.reason[lang], c.reason],
  ];
}

/** What a request signs, as label and value lines, with Rust's due dates. */
export function requestSummary(f: RequestFields, checked: CheckedRequest, v: Vocabulary, lang: Lang): [string, string][] {
  const lines: [string, string][] = [[C.kindOfRequest[lang], termLabel(v, "rights", f.kind, lang)]];
  switch (f.kind) {
    case "access": {
      lines.push([C.wants[lang], f.items.map((i) => termLabel(v, "access_items", i, lang)).join(", ")]);
      const from = day(f.from);
      const to = day(f.to);
      lines.push([C.period[lang], from === null && to === null ? C.periodAll[lang] : `${from ?? "…"} – ${to ?? "…"}`]);
      break;
    }
    case "erasure":
    case "restriction":
      lines.push([C.whichData[lang], f.categories.map((c) => termLabel(v, "categories", c, lang)).join(", ")]);
      break;
    case "objection":
      lines.push([C.objectionTo[lang], termLabel(v, "objection_purposes", f.objectionPurpose, lang)]);
      break;
    case "portability":
      lines.push([C.formats[lang], f.formats.map((x) => termLabel(v, "portable_formats", x, lang)).join(", ")]);
      break;
    case "complaint":
      lines.push([C.authorityExplained[lang], f.authorityExplained ? C.yes[lang] : C.no[lang]]);
      break;
    case "marketing_suspension":
      lines.push([C.suspension[lang], f.permanent ? C.permanent[lang] : fill(C.untilDay[lang], { day: day(f.until) ?? "" })]);
      break;
  }
  if (f.details.trim() !== "") lines.push([C.details[lang], f.details.trim()]);
  const label = f.kind === "marketing_suspension" ? C.effectiveBy[lang] : C.dueAt[lang];
  lines.push([label, dueText(f.kind, checked.due_at, checked.latest_due_at, lang, false)]);
  return lines;
}

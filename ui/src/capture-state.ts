// The signed captures' logic, without the DOM: the answers of Rust's capture commands
// (src-tauri/src/commands/capture.rs) read and checked, the consent choices built from the ticks
// and the customer's current choices, the requests' fields, and every refusal in the clerk's words.
// Whether a value, a request or a signature is acceptable is Rust's rule (kiosk_core::capture):
// this module only words Rust's answer, except for the empty pad, which needs no round trip.

import { type CommandError } from "./app-info";
import { fill, type Lang, type Text } from "./i18n";
import { bool, count, isRecord, list, oneOf, optStr, rec, str } from "./parse";
import { type ConsentOnRecord } from "./report";
import { type Signature } from "./signature";
import { type Vocabulary } from "./vocabulary";

export type CaptureKind = "consent" | "correction" | "request";
export const CONSENT_STATES = ["given", "refused", "withdrawn"] as const;
export type ConsentStateId = (typeof CONSENT_STATES)[number];

export interface Choice {
  purpose: string;
  channel: string | null;
  state: ConsentStateId;
}

export interface Notice {
  notice_id: string;
  version: number;
  lang: Lang;
  title: string;
  text: string;
  text_sha256: string;
  published_at: string;
}

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

const LANGS = ["sq", "en", "sr"] as const;
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
  const n = rec(o.notice, "consent_form.notice");
  return {
    customer_id: str(o.customer_id, "consent_form.customer_id"),
    customer_kind: oneOf(o.customer_kind, KINDS, "consent_form.customer_kind"),
    notice: {
      notice_id: str(n.notice_id, "notice.notice_id"),
      version: count(n.version, "notice.version"),
      lang: oneOf(n.lang, LANGS, "notice.lang"),
      title: str(n.title, "notice.title"),
      text: str(n.text, "notice.text"),
      text_sha256: str(n.text_sha256, "notice.text_sha256"),
      published_at: str(n.published_at, "notice.published_at"),
    },
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
  return formSlots(v).map(({ purpose, channel }) => {
    const key = choiceKey(purpose, channel);
    const state: ConsentStateId = ticks.has(key) ? "given" : now.get(key)?.state === "given" ? "withdrawn" : "refused";
    return { purpose, channel, state };
  });
}

/** Whether a choice changes what is on record (the review marks those). */
export function changesRecord(choice: Choice, current: readonly ConsentOnRecord[] | null): boolean {
  const before = currentStates(current).get(choiceKey(choice.purpose, choice.channel))?.state;
  return before !== choice.state;
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

const day = (text: string): string | null => (text.trim() === "" ? null : text.trim());

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
  changed: { sq: "ndryshon", en: "changes", sr: "мења се" },
  unchanged: { sq: "pa ndryshim", en: "unchanged", sr: "без промене" },
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
  verificationCode: { sq: "Kodi i verifikimit", en: "Verification code", sr: "Код за проверу" },
  dueAt: { sq: "IPKO përgjigjet deri më", en: "IPKO answers by", sr: "IPKO одговара до" },
  latestAt: { sq: "jo më vonë se", en: "no later than", sr: "најкасније до" },
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
  fifteenDays: {
    sq: "IPKO ndalon përdorimin për marketing direkt brenda 15 ditëve.",
    en: "IPKO stops the use for direct marketing within 15 days.",
    sr: "IPKO обуставља употребу за директни маркетинг у року од 15 дана.",
  },
  customerScreen: { sq: "Nënshkrim në ekranin e klientit", en: "Sign on the customer's screen", sr: "Потпис на екрану клијента" },
  waitingCustomer: { sq: "Klienti po {step}…", en: "The customer is {step}…", sr: "Клијент {step}…" },
  stepReading: { sq: "lexon", en: "reading", sr: "чита" },
  stepChoosing: { sq: "zgjedh", en: "choosing", sr: "бира" },
  stepSigning: { sq: "nënshkruan", en: "signing", sr: "потписује" },
  customerSigned: {
    sq: "Klienti nënshkroi në ekranin e vet. Kontrolloni dhe ruani.",
    en: "The customer signed on their screen. Review and save.",
    sr: "Клијент је потписао на свом екрану. Проверите и сачувајте.",
  },
  withdrawOffer: { sq: "Tërhiq nga ekrani i klientit", en: "Take it off the customer's screen", sr: "Уклони са екрана клијента" },
} as const satisfies Record<string, Text>;

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

const OTHER: Text = {
  sq: "Nuk u krye. Provoni përsëri ose thirrni mbështetjen.",
  en: "That did not work. Try again or call support.",
  sr: "Није успело. Покушајте поново или позовите подршку.",
};

/** A refusal in the clerk's words, with Rust's own sentence for support. */
export function captureProblem(error: CommandError, lang: Lang): { text: string; detail: string } {
  return { text: (REFUSALS[error.code] ?? OTHER)[lang], detail: error.message };
}

/** The field a refusal is about, to put the focus there. */
export function problemField(code: string): "value" | "reason" | "signature" | null {
  if (code.startsWith("invalid_") && code !== "invalid_input") return "value";
  if (code === "unchanged_value") return "value";
  if (code === "reason_required") return "reason";
  if (code.startsWith("signature_")) return "signature";
  return null;
}

/** Who is signing, in words. */
export function expressedByText(e: ExpressedBy, v: Vocabulary, lang: Lang): string {
  void v;
  const who = e.capacity === "themself" || e.name === null ? C.themself[lang] : e.name;
  return fill(C.expressedBy[lang], { who });
}

export function isKnownState(value: unknown): value is ConsentStateId {
  return typeof value === "string" && (CONSENT_STATES as readonly string[]).includes(value);
}

export function isChoice(value: unknown): value is Choice {
  return (
    isRecord(value) &&
    typeof value.purpose === "string" &&
    (value.channel === null || typeof value.channel === "string") &&
    isKnownState(value.state)
  );
}

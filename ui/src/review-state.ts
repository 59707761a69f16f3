// The supervisor's review list as the `review_list`, `retry_change` and `export_queue` commands
// answer (src-tauri/src/commands/supervisor.rs; kiosk_core::store::review, kiosk_core::support), and
// the words the review screen uses for them. No DOM here, so that it runs under Vitest.

import { type CommandError } from "./app-info";
import { fill, type Lang, type Text } from "./i18n";
import { count, isRecord, optCount, optStr, str } from "./parse";
import { isSessionRefusal, SESSION_REFUSALS } from "./counter";

/** protocol::mutation::MutationKind. */
export type ChangeKind =
  | "consent_recorded"
  | "correction_requested"
  | "rights_request_submitted"
  | "identity_verified"
  | "audit_event";

/** protocol::mutation::CorrectableField. */
export type CorrectableField = "first_name" | "last_name" | "address" | "email" | "contact_number";

/** protocol::mutation::ConflictCurrent: the record as the central API has it now. */
export interface ConflictCurrent {
  record_version: number;
  field: CorrectableField | null;
  value: string | null;
}

/** kiosk_core::store::OutboxRow as the review list holds it (only rejected and conflicting rows). */
export interface ReviewRow {
  seq: number;
  wire_seq: number | null;
  mutation_id: string;
  /** A kind this screen has no words for is shown as its id, not dropped: the row still needs review. */
  kind: string;
  state: "rejected" | "conflict";
  captured_at: string;
  clerk_id: string;
  customer_id: string | null;
  attempts: number;
  settled_at: string | null;
  result_code: string | null;
  result_message: string | null;
  retried_as_seq: number | null;
  retry_of_seq: number | null;
}

/** kiosk_core::store::RetriedChange, the part the screen uses. */
export interface RetriedChange {
  retried_seq: number;
  new_seq: number;
  rebased: boolean;
}

/** kiosk_core::support::ExportSummary. */
export interface ExportSummary {
  path: string;
  pending: number;
  review: number;
  bytes: number;
}

function time(value: unknown, what: string): string {
  const t = str(value, what);
  if (Number.isNaN(Date.parse(t))) {
    throw new TypeError(`${what} is not a time`);
  }
  return t;
}

function row(value: unknown, index: number): ReviewRow {
  const what = `review_list[${index}]`;
  if (!isRecord(value)) {
    throw new TypeError(`${what} is not an object`);
  }
  if (value.state !== "rejected" && value.state !== "conflict") {
    throw new TypeError(`${what}.state is ${String(value.state)}, not rejected or conflict`);
  }
  const settled = optStr(value.settled_at, `${what}.settled_at`);
  return {
    seq: count(value.seq, `${what}.seq`),
    wire_seq: optCount(value.wire_seq, `${what}.wire_seq`),
    mutation_id: str(value.mutation_id, `${what}.mutation_id`),
    kind: str(value.kind, `${what}.kind`),
    state: value.state,
    captured_at: time(value.captured_at, `${what}.captured_at`),
    clerk_id: str(value.clerk_id, `${what}.clerk_id`),
    customer_id: optStr(value.customer_id, `${what}.customer_id`),
    attempts: count(value.attempts, `${what}.attempts`),
    settled_at: settled === null ? null : time(settled, `${what}.settled_at`),
    result_code: optStr(value.result_code, `${what}.result_code`),
    result_message: optStr(value.result_message, `${what}.result_message`),
    retried_as_seq: optCount(value.retried_as_seq, `${what}.retried_as_seq`),
    retry_of_seq: optCount(value.retry_of_seq, `${what}.retry_of_seq`),
  };
}

/** Checks the IPC answer rather than trusting a cast: a wrong shape must show, not read as "nothing to review". */
export function parseReviewList(value: unknown): ReviewRow[] {
  if (!Array.isArray(value)) {
    throw new TypeError("review_list did not answer a list");
  }
  return value.map(row);
}

const FIELDS: readonly CorrectableField[] = ["first_name", "last_name", "address", "email", "contact_number"];

/**
 * A conflict's `result_message` is the JSON of ConflictCurrent. Anything else (an older kiosk's
 * plain text, a damaged row) gives null: the screen then says what it can without the current value.
 */
export function parseConflictCurrent(message: string | null): ConflictCurrent | null {
  if (message === null) {
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  if (!isRecord(value) || typeof value.record_version !== "number" || !Number.isInteger(value.record_version)) {
    return null;
  }
  const field = FIELDS.find((f) => f === value.field) ?? null;
  return {
    record_version: value.record_version,
    field,
    value: typeof value.value === "string" ? value.value : null,
  };
}

export function parseRetriedChange(value: unknown): RetriedChange {
  if (!isRecord(value) || !isRecord(value.queued)) {
    throw new TypeError("retry_change answered no queued change");
  }
  return {
    retried_seq: count(value.retried_seq, "retry_change.retried_seq"),
    new_seq: count(value.queued.seq, "retry_change.queued.seq"),
    rebased: value.rebased === true,
  };
}

export function parseExportSummary(value: unknown): ExportSummary {
  if (!isRecord(value)) {
    throw new TypeError("export_queue answered no summary");
  }
  const path = str(value.path, "export_queue.path");
  if (path.trim() === "") {
    throw new TypeError("export_queue answered no path");
  }
  return {
    path,
    pending: count(value.pending, "export_queue.pending"),
    review: count(value.review, "export_queue.review"),
    bytes: count(value.bytes, "export_queue.bytes"),
  };
}

// ---------------------------------------------------------------------------------------------
// Words

const KINDS = {
  consent_recorded: { sq: "Pëlqimi i klientit", en: "The customer's consent", sr: "Сагласност корисника" },
  correction_requested: {
    sq: "Kërkesë për korrigjim të të dhënave",
    en: "Request to correct data",
    sr: "Захтев за исправку података",
  },
  rights_request_submitted: {
    sq: "Kërkesë për një të drejtë (p.sh. qasje, fshirje)",
    en: "Request to exercise a right (e.g. access, erasure)",
    sr: "Захтев за остваривање права (нпр. увид, брисање)",
  },
  identity_verified: {
    sq: "Verifikimi i identitetit",
    en: "Identity check",
    sr: "Провера идентитета",
  },
  audit_event: { sq: "Regjistrim në ditarin e kontrollit", en: "Audit log entry", sr: "Запис у контролном дневнику" },
} satisfies Record<ChangeKind, Text>;

export function kindText(kind: string, lang: Lang): string {
  return (KINDS as Record<string, Text | undefined>)[kind]?.[lang] ?? kind;
}

export const FIELD_WORDS = {
  first_name: { sq: "Emri", en: "First name", sr: "Име" },
  last_name: { sq: "Mbiemri", en: "Last name", sr: "Презиме" },
  address: { sq: "Adresa", en: "Address", sr: "Адреса" },
  email: { sq: "Email-i", en: "Email", sr: "Имејл" },
  contact_number: { sq: "Numri i kontaktit", en: "Contact number", sr: "Контакт телефон" },
} satisfies Record<CorrectableField, Text>;

/** The server's rejection codes (protocol::codes) a supervisor can act on, in their words. */
const REJECTIONS = {
  unknown_customer: {
    sq: "Sistemi qendror nuk e njeh këtë klient.",
    en: "The central system does not know this customer.",
    sr: "Централни систем не познаје овог корисника.",
  },
  invalid_payload: {
    sq: "Sistemi qendror e gjeti ndryshimin të paplotë ose të pasaktë.",
    en: "The central system found the change incomplete or wrong.",
    sr: "Централни систем је оценио измену као непотпуну или нетачну.",
  },
  duplicate_reference: {
    sq: "Sistemi qendror ka tashmë një kërkesë me këtë referencë.",
    en: "The central system already has a request with this reference.",
    sr: "Централни систем већ има захтев са овом ознаком.",
  },
  captured_at_out_of_range: {
    sq: "Ora e kioskës dukej e gabuar kur u regjistrua ndryshimi.",
    en: "The kiosk's clock looked wrong when the change was captured.",
    sr: "Сат киоска је изгледао погрешно када је измена забележена.",
  },
  identity_mismatch: {
    sq: "Dokumenti nuk përputhet me të dhënat e klientit: verifikimi nuk u ruajt.",
    en: "The document does not match the customer's record: the check was not kept.",
    sr: "Документ се не поклапа са евиденцијом корисника: провера није сачувана.",
  },
  identity_needs_review: {
    sq: "Dokumenti përputhet vetëm pjesërisht me të dhënat e klientit: duhet gjykimi i një personi.",
    en: "The document matches the customer's record only in part: a person must judge it.",
    sr: "Документ се само делимично поклапа са евиденцијом корисника: потребна је процена особе.",
  },
  wrong_store: {
    sq: "Ndryshimi i përket një dyqani tjetër.",
    en: "The change belongs to another store.",
    sr: "Измена припада другој продавници.",
  },
  mutation_id_reused: {
    sq: "Sistemi qendror e kishte parë këtë ndryshim me përmbajtje tjetër.",
    en: "The central system had seen this change with other content.",
    sr: "Централни систем је ову измену већ видео са другим садржајем.",
  },
  seq_reused: {
    sq: "Numri i ndryshimit ishte përdorur tashmë.",
    en: "The change's number had been used already.",
    sr: "Број измене је већ био искоришћен.",
  },
  payload_hash_mismatch: {
    sq: "Përmbajtja e ndryshimit nuk përputhej me shenjën e saj kontrolluese.",
    en: "The change's content did not match its checksum.",
    sr: "Садржај измене се није поклапао са контролним збиром.",
  },
  audit_chain_broken: {
    sq: "Ditari i kontrollit të kioskës nuk lidhej me atë që sistemi qendror kishte.",
    en: "The kiosk's audit log did not link to what the central system had.",
    sr: "Контролни дневник киоска се није надовезивао на оно што централни систем има.",
  },
} satisfies Record<string, Text>;

const W = {
  rejectedBy: {
    sq: "Sistemi qendror e refuzoi.",
    en: "The central system refused it.",
    sr: "Централни систем га је одбио.",
  },
  conflict: {
    sq: "Të dhënat e klientit ndryshuan ndërkohë (tani versioni {version}).",
    en: "The customer's record changed meanwhile (now version {version}).",
    sr: "Евиденција корисника се у међувремену променила (сада верзија {version}).",
  },
  conflictUnknown: {
    sq: "Të dhënat e klientit ndryshuan ndërkohë.",
    en: "The customer's record changed meanwhile.",
    sr: "Евиденција корисника се у међувремену променила.",
  },
  currentValue: {
    sq: "Tani: {field} = \u201C{value}\u201D",
    en: "Now: {field} = \u201C{value}\u201D",
    sr: "Сада: {field} = \u201E{value}\u201C",
  },
  currentEmpty: { sq: "Tani: {field} është bosh", en: "Now: {field} is empty", sr: "Сада: {field} је празно" },
  conflictAdvice: {
    sq: "Kontrolloni vlerën aktuale me klientin përpara se ta dërgoni përsëri.",
    en: "Check the current value with the customer before sending it again.",
    sr: "Проверите тренутну вредност са корисником пре поновног слања.",
  },
  retriedAs: {
    sq: "Dërguar përsëri si ndryshimi nr. {seq}: nuk ka nevojë për shqyrtim tjetër.",
    en: "Sent again as change no. {seq}: needs no more review.",
    sr: "Поново послато као измена бр. {seq}: није потребан даљи преглед.",
  },
  retryOf: {
    sq: "Ky është një dërgim i ri i ndryshimit nr. {seq}.",
    en: "This is a new attempt of change no. {seq}.",
    sr: "Ово је поновно слање измене бр. {seq}.",
  },
  rebaseQuestion: {
    sq: "Ta dërgoj mbi të dhënat aktuale të klientit (versioni {version})? Korrigjimi do të zëvendësojë vlerën aktuale{current}, jo atë që pa klienti kur nënshkroi. Bëjeni vetëm pasi ta keni kontrolluar me klientin.",
    en: "Send it on the customer's current record (version {version})? The correction will replace the current value{current}, not the one the customer saw when signing. Do this only after checking with the customer.",
    sr: "Послати је на тренутну евиденцију корисника (верзија {version})? Исправка ће заменити тренутну вредност{current}, а не ону коју је корисник видео при потписивању. Урадите ово само након провере са корисником.",
  },
  rebaseCurrent: { sq: " (\u201C{value}\u201D)", en: " (\u201C{value}\u201D)", sr: " (\u201E{value}\u201C)" },
  retried: {
    sq: "Ndryshimi nr. {old} u vu përsëri në radhë si ndryshimi nr. {seq}.",
    en: "Change no. {old} was queued again as change no. {seq}.",
    sr: "Измена бр. {old} је поново стављена у ред као измена бр. {seq}.",
  },
  rebased: {
    sq: "Ndryshimi nr. {old} u vu përsëri në radhë si ndryshimi nr. {seq}, mbi të dhënat aktuale të klientit.",
    en: "Change no. {old} was queued again as change no. {seq}, on the customer's current record.",
    sr: "Измена бр. {old} је поново стављена у ред као измена бр. {seq}, на тренутну евиденцију корисника.",
  },
  exportWhere: {
    sq: "Skedari u shkrua në:",
    en: "The file was written to:",
    sr: "Датотека је записана у:",
  },
  exportCounts: {
    sq: "Përmban {total} ndryshime: {pending} në pritje, {review} për shqyrtim ({size}).",
    en: "It holds {total} changes: {pending} waiting, {review} to review ({size}).",
    sr: "Садржи {total} измена: {pending} на чекању, {review} за преглед ({size}).",
  },
  exportCountsOne: {
    sq: "Përmban 1 ndryshim: {pending} në pritje, {review} për shqyrtim ({size}).",
    en: "It holds 1 change: {pending} waiting, {review} to review ({size}).",
    sr: "Садржи 1 измену: {pending} на чекању, {review} за преглед ({size}).",
  },
  exportWarning: {
    sq: "Skedari përmban të dhëna personale të klientëve. Mbajeni privat, jepjani vetëm mbështetjes së IPKO-s dhe fshijeni pas përdorimit.",
    en: "The file holds customers' personal data. Keep it private, give it only to IPKO support, and delete it after use.",
    sr: "Датотека садржи личне податке корисника. Чувајте је приватно, дајте је само подршци IPKO-а и обришите је након употребе.",
  },
} satisfies Record<string, Text>;

/** What the server said about a change: the supervisor's words, and the server's own sentence. */
export interface Reason {
  text: string;
  /** The current value of a conflicting field, when the server said it. */
  current: string | null;
  /** What to do about it, when there is advice. */
  advice: string | null;
  /** The server's own words (English, for support), or null when there are none to add. */
  detail: string | null;
}

export function reasonText(r: ReviewRow, lang: Lang): Reason {
  if (r.state === "conflict") {
    const current = parseConflictCurrent(r.result_message);
    if (current === null) {
      return { text: W.conflictUnknown[lang], current: null, advice: W.conflictAdvice[lang], detail: r.result_message };
    }
    let now: string | null = null;
    if (current.field !== null) {
      const field = FIELD_WORDS[current.field][lang];
      now =
        current.value === null || current.value === ""
          ? fill(W.currentEmpty[lang], { field })
          : fill(W.currentValue[lang], { field, value: current.value });
    }
    return {
      text: fill(W.conflict[lang], { version: current.record_version }),
      current: now,
      advice: W.conflictAdvice[lang],
      detail: null,
    };
  }
  const code = r.result_code ?? "";
  const words = (REJECTIONS as Record<string, Text | undefined>)[code]?.[lang] ?? W.rejectedBy[lang];
  const server = r.result_message?.trim() ?? "";
  const detail = [server, code === "" ? "" : `[${code}]`].filter((s) => s !== "").join(" ");
  return { text: words, current: null, advice: null, detail: detail === "" ? null : detail };
}

/** What the supervisor may do with a row: send it again as it is, rebase it first, or nothing. */
export type RowAction = "retry" | "rebase" | "none";

export function rowAction(r: ReviewRow): RowAction {
  if (r.retried_as_seq !== null) {
    return "none";
  }
  return r.state === "conflict" ? "rebase" : "retry";
}

/** `retry_change`'s arguments: Rust refuses a conflict without `rebase` and a rejection with it. */
export function retryArgs(r: ReviewRow): { seq: number; rebase: boolean } {
  return { seq: r.seq, rebase: r.state === "conflict" };
}

export function rebaseQuestion(r: ReviewRow, lang: Lang): string {
  const current = parseConflictCurrent(r.result_message);
  const value = current?.value ?? null;
  return fill(W.rebaseQuestion[lang], {
    version: current?.record_version ?? "?",
    current: value === null || value === "" ? "" : fill(W.rebaseCurrent[lang], { value }),
  });
}

export function retriedText(r: ReviewRow, lang: Lang): string | null {
  return r.retried_as_seq === null ? null : fill(W.retriedAs[lang], { seq: r.retried_as_seq });
}

export function retryOfText(r: ReviewRow, lang: Lang): string | null {
  return r.retry_of_seq === null ? null : fill(W.retryOf[lang], { seq: r.retry_of_seq });
}

export function retriedNotice(done: RetriedChange, lang: Lang): string {
  return fill((done.rebased ? W.rebased : W.retried)[lang], { old: done.retried_seq, seq: done.new_seq });
}

/** The rows that still wait for a supervisor (the status bar counts the same ones). */
export function openCount(rows: readonly ReviewRow[]): number {
  return rows.filter((r) => r.retried_as_seq === null).length;
}

/** "1.2 MB", "3 KB": how large the export is, so that it is clear it is a real file. */
export function fileSize(bytes: number, lang: Lang): string {
  const sep = lang === "en" ? "." : ",";
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  if (bytes < 1024 * 1024) {
    return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  }
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(".", sep)} MB`;
}

/** The export's result: where (the path follows, as it is), what it holds, and the care it needs. */
export function exportLines(summary: ExportSummary, lang: Lang): { where: string; counts: string; warning: string } {
  return {
    where: W.exportWhere[lang],
    counts: fill((summary.pending + summary.review === 1 ? W.exportCountsOne : W.exportCounts)[lang], {
      total: summary.pending + summary.review,
      pending: summary.pending,
      review: summary.review,
      size: fileSize(summary.bytes, lang),
    }),
    warning: W.exportWarning[lang],
  };
}

/**
 * A date and time in Kosovo's civil time, whatever the computer's zone, as "22.11.2026 14:03" in
 * every language: the day first, as the counter's printouts have it.
 */
export function dateTime(iso: string): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone: "Europe/Belgrade",
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("day")}.${part("month")}.${part("year")} ${part("hour")}:${part("minute")}`;
}

// ---------------------------------------------------------------------------------------------
// Refusals

const REFUSALS = {
  ...SESSION_REFUSALS,
  database: {
    sq: "Baza e të dhënave e kioskës nuk u përgjigj: provoni përsëri; nëse vazhdon, thirrni IT-në e dyqanit.",
    en: "The kiosk's database did not answer: try again; if it persists, call store IT.",
    sr: "База података киоска није одговорила: покушајте поново; ако се понови, позовите ИТ продавнице.",
  },
  stored_data_corrupt: {
    sq: "Kioska ka një ndryshim të palexueshëm: eksportojeni radhën dhe thirrni mbështetjen e IPKO-s.",
    en: "The kiosk holds an unreadable change: export the queue and call IPKO support.",
    sr: "Киоск садржи нечитљиву измену: извезите ред и позовите подршку IPKO-а.",
  },
} satisfies Record<string, Text>;

const FALLBACK = {
  list: {
    sq: "Lista e ndryshimeve për shqyrtim nuk mund të lexohej.",
    en: "The list of changes to review could not be read.",
    sr: "Списак измена за преглед није могао да се прочита.",
  },
  retry: {
    sq: "Ndryshimi nuk u dërgua përsëri. Lista u lexua përsëri: shikoni gjendjen e tij aktuale.",
    en: "The change was not sent again. The list was read again: see where it stands now.",
    sr: "Измена није поново послата. Списак је поново прочитан: погледајте њено тренутно стање.",
  },
  export: {
    sq: "Eksporti nuk mund të shkruhej. Thirrni IT-në e dyqanit.",
    en: "The export could not be written. Call store IT.",
    sr: "Извоз није могао да се запише. Позовите ИТ продавнице.",
  },
} satisfies Record<string, Text>;

export type ReviewAction = keyof typeof FALLBACK;

/** A refusal in the supervisor's language; Rust's own sentence (English, for support) goes below it. */
export function reviewRefusal(error: CommandError, action: ReviewAction, lang: Lang): { text: string; detail: string } {
  const words = (REFUSALS as Record<string, Text | undefined>)[error.code]?.[lang] ?? FALLBACK[action][lang];
  return { text: words, detail: `${error.message} [${error.code}]` };
}

/** The session changed under the screen (locked, signed out, someone else): main.ts must read the counter again. */
export const sessionChanged = isSessionRefusal;

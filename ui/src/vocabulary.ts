// The policy's vocabulary as the `vocabulary` command answers it (kiosk_core::vocabulary): every id
// the wire uses with its label in the three languages. The screens take every policy term's label
// from here, never from a copy of their own, so that screens, printouts and the server agree.

import { type Lang, type Text } from "./i18n";
import { isRecord } from "./parse";

export interface Term {
  id: string;
  label: Text;
}

export interface CategoryTerm extends Term {
  /** The policy's own words for the category (English: the policy's language). */
  policy_text: string;
}

export interface PurposeTerm extends Term {
  channels: string[];
  profiles_with_traffic_and_location: boolean;
  policy_text: string;
}

export interface ObjectionTerm extends Term {
  usually_prevails: boolean;
  policy_text: string;
}

export interface RightTerm extends Term {
  business_only: boolean;
  deadline: string;
}

/**
 * The lists a label is looked up in. The first seven are what Rust sends today; the others are read
 * when Rust sends them (protocol::policy labels them already: ProcessingPurpose, Recipient,
 * DataSource, ConsentState, RequestState, and kiosk_core::report::labels the record types and
 * fields), and until then a term shows as its id in words.
 */
export type TermList =
  | "categories"
  | "consent_purposes"
  | "channels"
  | "legal_bases"
  | "objection_purposes"
  | "rights"
  | "retention"
  | "processing_purposes"
  | "recipients"
  | "sources"
  | "consent_states"
  | "request_states"
  | "record_types"
  | "record_fields"
  | "correctable_fields"
  | "access_items"
  | "portable_formats";

const REQUIRED = [
  "categories",
  "consent_purposes",
  "channels",
  "legal_bases",
  "objection_purposes",
  "rights",
  "retention",
] as const satisfies readonly TermList[];

const OPTIONAL = [
  "processing_purposes",
  "recipients",
  "sources",
  "consent_states",
  "request_states",
  "record_types",
  "record_fields",
  "correctable_fields",
  "access_items",
  "portable_formats",
] as const satisfies readonly TermList[];

export interface Vocabulary {
  categories: CategoryTerm[];
  consent_purposes: PurposeTerm[];
  channels: Term[];
  legal_bases: Term[];
  objection_purposes: ObjectionTerm[];
  rights: RightTerm[];
  retention: Term[];
  /** Each list by id, for the lookups (a traffic page or a record looks up many). */
  index: ReadonlyMap<TermList, ReadonlyMap<string, Term>>;
}

function text(value: unknown, what: string): Text {
  if (
    !isRecord(value) ||
    typeof value.sq !== "string" ||
    typeof value.en !== "string" ||
    typeof value.sr !== "string"
  ) {
    throw new TypeError(`vocabulary: ${what} has no label in sq, en and sr`);
  }
  return { sq: value.sq, en: value.en, sr: value.sr };
}

function terms(value: unknown, list: string): Array<Record<string, unknown> & Term> {
  if (!Array.isArray(value)) {
    throw new TypeError(`vocabulary: ${list} is not a list`);
  }
  return value.map((item: unknown, i) => {
    if (!isRecord(item) || typeof item.id !== "string" || item.id === "") {
      throw new TypeError(`vocabulary: ${list}[${i}] has no id`);
    }
    return { ...item, id: item.id, label: text(item.label, `${list} ${item.id}`) };
  });
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** Checks the IPC answer: a missing list or label must show as a failure, not as blank headings. */
export function parseVocabulary(value: unknown): Vocabulary {
  if (!isRecord(value)) {
    throw new TypeError("vocabulary: not an object");
  }
  for (const list of REQUIRED) {
    if (!(list in value)) {
      throw new TypeError(`vocabulary: no ${list}`);
    }
  }
  const index = new Map<TermList, Map<string, Term>>();
  const byId = <T extends Term>(list: TermList, items: T[]): T[] => {
    index.set(list, new Map(items.map((t) => [t.id, t])));
    return items;
  };
  const vocabulary: Vocabulary = {
    categories: byId(
      "categories",
      terms(value.categories, "categories").map((t) => ({ id: t.id, label: t.label, policy_text: str(t.policy_text) })),
    ),
    consent_purposes: byId(
      "consent_purposes",
      terms(value.consent_purposes, "consent_purposes").map((t) => ({
        id: t.id,
        label: t.label,
        channels: Array.isArray(t.channels) ? t.channels.filter((c): c is string => typeof c === "string") : [],
        profiles_with_traffic_and_location: t.profiles_with_traffic_and_location === true,
        policy_text: str(t.policy_text),
      })),
    ),
    channels: byId(
      "channels",
      terms(value.channels, "channels").map((t) => ({ id: t.id, label: t.label })),
    ),
    legal_bases: byId(
      "legal_bases",
      terms(value.legal_bases, "legal_bases").map((t) => ({ id: t.id, label: t.label })),
    ),
    objection_purposes: byId(
      "objection_purposes",
      terms(value.objection_purposes, "objection_purposes").map((t) => ({
        id: t.id,
        label: t.label,
        usually_prevails: t.usually_prevails === true,
        policy_text: str(t.policy_text),
      })),
    ),
    rights: byId(
      "rights",
      terms(value.rights, "rights").map((t) => ({
        id: t.id,
        label: t.label,
        business_only: t.business_only === true,
        deadline: str(t.deadline),
      })),
    ),
    retention: byId(
      "retention",
      terms(value.retention, "retention").map((t) => ({ id: t.id, label: t.label })),
    ),
    index,
  };
  for (const list of OPTIONAL) {
    if (value[list] !== undefined && value[list] !== null) {
      byId(list, terms(value[list], list));
    }
  }
  return vocabulary;
}

/** "legal_obligation" → "Legal obligation": readable while a list is missing, never blank. */
export function idInWords(id: string): string {
  const words = id.replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function find(v: Vocabulary, lists: readonly TermList[], id: string): Term | undefined {
  for (const list of lists) {
    const term = v.index.get(list)?.get(id);
    if (term !== undefined) {
      return term;
    }
  }
  return undefined;
}

/** The label of `id` in `list`, or the id in words when the vocabulary does not know it. */
export function termLabel(v: Vocabulary, list: TermList, id: string, lang: Lang): string {
  return find(v, [list], id)?.label[lang] ?? idInWords(id);
}

/**
 * A purpose of processing (protocol::policy::ProcessingPurpose). Its consent and legitimate-interest
 * purposes share their ids and labels with the consent and objection lists, so those answer while
 * Rust sends no list of all purposes; only contract and legal obligation need that list.
 */
export function purposeLabel(v: Vocabulary, id: string, lang: Lang): string {
  return find(v, ["processing_purposes", "consent_purposes", "objection_purposes"], id)?.label[lang] ?? idInWords(id);
}

/** The policy's words for a category, a consent purpose or an objection purpose, or null. */
export function policyText(
  v: Vocabulary,
  list: "categories" | "consent_purposes" | "objection_purposes",
  id: string,
): string | null {
  const term = v.index.get(list)?.get(id) as { policy_text?: string } | undefined;
  return term?.policy_text ? term.policy_text : null;
}

/** The position of `id` in `list`, for sorting in the policy's order; unknown ids go last. */
export function termOrder(v: Vocabulary, list: TermList, id: string): number {
  const ids = v.index.get(list);
  if (ids === undefined) {
    return Number.MAX_SAFE_INTEGER;
  }
  let i = 0;
  for (const known of ids.keys()) {
    if (known === id) {
      return i;
    }
    i += 1;
  }
  return Number.MAX_SAFE_INTEGER;
}

// What the clerk's window offers the customer's window, and what the customer hands back: the
// shapes of the "Customer display" commands (src-tauri/src/commands/customer_display.rs,
// kiosk_core::handoff), read and checked once for both sides — the customer's window
// (customer-display-state.ts) and the clerk's (handoff-state.ts). No DOM here.

import { type Lang, LANGS } from "./i18n";
import { list, oneOf, optStr, rec, str } from "./parse";
import { type Signature } from "./signature";

/** How far the customer got with an offer (kiosk_core::handoff::HandoffStep). */
export const HANDOFF_STEPS = ["reading", "choosing", "signing", "submitted", "withdrawn"] as const;
export type HandoffStep = (typeof HANDOFF_STEPS)[number];

/** The steps the customer's window reports itself (`customer_display_progress`). */
export type CustomerStep = Extract<HandoffStep, "reading" | "choosing" | "signing">;

export const CONSENT_STATES = ["given", "refused", "withdrawn"] as const;
export type ConsentStateId = (typeof CONSENT_STATES)[number];

/** One purpose × channel and its state (`channel: null`: the purpose as a whole). */
export interface OfferedChoice {
  purpose: string;
  channel: string | null;
  state: ConsentStateId;
}

/** The consent notice as `consent_form` answers it. */
export interface OfferNotice {
  notice_id: string;
  version: number;
  lang: Lang;
  title: string;
  text: string;
  text_sha256: string;
  published_at: string;
}

/** What the customer's window needs of a consent on record (the capture screens pass the whole
 * `consent_form().current` rows). */
export interface ChoiceOnRecord {
  purpose: string;
  channel: string | null;
  state: string;
  recorded_at: string;
}

/** A consent to read, choose and sign: the notice, the clerk's starting ticks (every purpose ×
 * channel the form sends, with its state), and the customer's current choices (null: unknown). */
export interface ConsentOffer {
  kind: "consent";
  lang: Lang;
  notice: OfferNotice;
  choices: readonly OfferedChoice[];
  current: readonly ChoiceOnRecord[] | null;
}

/** A correction or rights request to read and sign: its title and the lines it says. */
export interface SignOffer {
  kind: "sign";
  lang: Lang;
  title: string;
  lines: readonly string[];
}

export type CustomerOffer = ConsentOffer | SignOffer;

/** What the customer handed in: the choices (a consent only) and the signature. */
export interface Submission {
  choices: OfferedChoice[] | null;
  signature: Signature;
}

export function parseChoice(value: unknown, what: string): OfferedChoice {
  const o = rec(value, what);
  return {
    purpose: str(o.purpose, `${what}.purpose`),
    channel: optStr(o.channel, `${what}.channel`),
    state: oneOf(o.state, CONSENT_STATES, `${what}.state`),
  };
}

function version(value: unknown, what: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new TypeError(`${what} is not a version number`);
  }
  return value;
}

/** Reads a consent notice as `consent_form` answers it (and an offer carries it). */
export function parseNotice(value: unknown, what: string): OfferNotice {
  const o = rec(value, what);
  return {
    notice_id: str(o.notice_id, `${what}.notice_id`),
    version: version(o.version, `${what}.version`),
    lang: oneOf(o.lang, LANGS, `${what}.lang`),
    title: str(o.title, `${what}.title`),
    text: str(o.text, `${what}.text`),
    text_sha256: str(o.text_sha256, `${what}.text_sha256`),
    published_at: str(o.published_at, `${what}.published_at`),
  };
}

function onRecord(value: unknown, what: string): ChoiceOnRecord {
  const o = rec(value, what);
  return {
    purpose: str(o.purpose, `${what}.purpose`),
    channel: optStr(o.channel, `${what}.channel`),
    state: str(o.state, `${what}.state`),
    recorded_at: str(o.recorded_at, `${what}.recorded_at`),
  };
}

/** Reads an offer as `customer_display_state` hands it back (the clerk's window built it). */
export function parseOffer(value: unknown, what = "offer"): CustomerOffer {
  const o = rec(value, what);
  const lang = oneOf(o.lang, LANGS, `${what}.lang`);
  const kind = oneOf(o.kind, ["consent", "sign"] as const, `${what}.kind`);
  if (kind === "sign") {
    return {
      kind,
      lang,
      title: str(o.title, `${what}.title`),
      lines: list(o.lines, `${what}.lines`, str),
    };
  }
  const choices = list(o.choices, `${what}.choices`, parseChoice);
  if (choices.length === 0) {
    throw new TypeError(`${what}.choices is empty`);
  }
  return {
    kind,
    lang,
    notice: parseNotice(o.notice, `${what}.notice`),
    choices,
    current: o.current === null || o.current === undefined ? null : list(o.current, `${what}.current`, onRecord),
  };
}

/** A signature's shape (Rust has checked it when the customer handed it in). */
export function parseSignature(value: unknown, what: string): Signature {
  const o = rec(value, what);
  const side = (v: unknown, w: string): number => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 1) {
      throw new TypeError(`${w} is not a size in pixels`);
    }
    return v;
  };
  const point = (v: unknown, w: string): number[] => {
    if (!Array.isArray(v) || v.length < 3 || v.length > 4 || !v.every((n) => typeof n === "number" && Number.isInteger(n))) {
      throw new TypeError(`${w} is not a point [x, y, t] or [x, y, t, pressure]`);
    }
    return v as number[];
  };
  return {
    width: side(o.width, `${what}.width`),
    height: side(o.height, `${what}.height`),
    strokes: list(o.strokes, `${what}.strokes`, (s, w) => list(s, w, point)),
  };
}

export function parseSubmission(value: unknown, what: string): Submission {
  const o = rec(value, what);
  return {
    choices: o.choices === null || o.choices === undefined ? null : list(o.choices, `${what}.choices`, parseChoice),
    signature: parseSignature(o.signature, `${what}.signature`),
  };
}

/** A purpose × channel as one key (`null` channel: the purpose as a whole). */
export function choiceKey(purpose: string, channel: string | null): string {
  return `${purpose}/${channel ?? "*"}`;
}

export function isHandoffStep(value: unknown): value is HandoffStep {
  return typeof value === "string" && (HANDOFF_STEPS as readonly string[]).includes(value);
}

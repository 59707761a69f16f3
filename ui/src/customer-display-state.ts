// The customer's window (customer.html) without the DOM: what `customer_display_state` answers,
// which page of an offer shows, the customer's ticks and the choices they sign, the step to report
// to the clerk's window, and every word the window says — in the offer's language, which decides
// the window's. The policy's terms (purposes, channels, the policy's own words) come from the
// `vocabulary` command; whether a signature is long enough is Rust's rule, worded here.

import { type CommandError } from "./app-info";
import {
  choiceKey,
  type ConsentOffer,
  type CustomerOffer,
  type CustomerStep,
  type HandoffStep,
  HANDOFF_STEPS,
  type OfferedChoice,
  parseOffer,
} from "./customer-offer";
import { fill, type Lang, type Text } from "./i18n";
import { oneOf, rec, str } from "./parse";
import { policyText, termLabel, termOrder, type Vocabulary } from "./vocabulary";

export type DisplayState =
  | { state: "idle" }
  | { state: "offer"; offerId: string; offer: CustomerOffer; step: HandoffStep };

/** Reads `customer_display_state`; an offer without its step (the contract's first text) is at
 * the start, reading. */
export function parseDisplayState(value: unknown): DisplayState {
  const o = rec(value, "customer_display_state");
  const state = oneOf(o.state, ["idle", "offer"] as const, "customer_display_state.state");
  if (state === "idle") {
    return { state };
  }
  return {
    state,
    offerId: str(o.offer_id, "customer_display_state.offer_id"),
    offer: parseOffer(o.offer, "customer_display_state.offer"),
    step: o.step === undefined || o.step === null ? "reading" : oneOf(o.step, HANDOFF_STEPS, "customer_display_state.step"),
  };
}

/** The pages of an offer: a consent is read, chosen, then signed; a correction or a request is
 * read and signed on one page. */
export type Page = "read" | "choose" | "sign" | "thanks";

export interface Problem {
  text: string;
  /** Rust's own sentence (English), or "" for the window's own refusal. */
  detail: string;
}

/** One offer on the customer's window and what the customer did with it so far. */
export interface OfferView {
  readonly offerId: string;
  readonly offer: CustomerOffer;
  readonly page: Page;
  /** The purpose × channel keys switched on. */
  readonly ticks: ReadonlySet<string>;
  /** The step the clerk's window was last told (or Rust said when the offer was read). */
  readonly reported: HandoffStep;
  readonly problem: Problem | null;
  readonly sending: boolean;
}

export function pagesOf(offer: CustomerOffer): readonly Page[] {
  return offer.kind === "consent" ? ["read", "choose", "sign"] : ["sign"];
}

function pageFor(offer: CustomerOffer, step: HandoffStep): Page {
  if (step === "submitted") return "thanks";
  if (offer.kind === "sign") return "sign";
  return step === "choosing" ? "choose" : step === "signing" ? "sign" : "read";
}

/** The step the customer is at on `page` (a correction's one page starts at reading: the pad's
 * first touch is signing). */
export function stepOfPage(offer: CustomerOffer, page: Page): CustomerStep | null {
  if (page === "thanks") return null;
  if (offer.kind === "sign") return "reading";
  return page === "read" ? "reading" : page === "choose" ? "choosing" : "signing";
}

/** The ticks the window starts with: the clerk's (every choice offered as given). */
export function initialTicks(offer: CustomerOffer): Set<string> {
  return new Set(offer.kind === "consent" ? offer.choices.filter((c) => c.state === "given").map((c) => choiceKey(c.purpose, c.channel)) : []);
}

/** A new offer's view: at the page of the step Rust holds (a window opened again resumes there). */
export function openOffer(state: Extract<DisplayState, { state: "offer" }>): OfferView {
  return {
    offerId: state.offerId,
    offer: state.offer,
    page: pageFor(state.offer, state.step),
    ticks: initialTicks(state.offer),
    reported: state.step,
    problem: null,
    sending: false,
  };
}

/** The window read the state again (an event said it changed): the same offer keeps what the
 * customer did; another offer starts afresh; idle drops it. */
export function followState(view: OfferView | null, state: DisplayState): OfferView | null {
  if (state.state === "idle") return null;
  if (view === null || view.offerId !== state.offerId) return openOffer(state);
  if (state.step === "submitted" && view.page !== "thanks") {
    return { ...view, page: "thanks", reported: "submitted", problem: null, sending: false };
  }
  return view;
}

/** The step to report when the customer is at `step`, or null when the clerk's window knows it
 * (or the offer is handed in: nothing is reported after). */
export function stepToReport(view: OfferView, step: CustomerStep): CustomerStep | null {
  if (view.reported === "submitted" || view.reported === "withdrawn" || view.page === "thanks") return null;
  return view.reported === step ? null : step;
}

/** Moves to `page`; `report` is the step to tell the clerk's window, if any. */
export function goTo(view: OfferView, page: Page): { view: OfferView; report: CustomerStep | null } {
  const step = stepOfPage(view.offer, page);
  const report = step === null ? null : stepToReport(view, step);
  return { view: { ...view, page, problem: null, reported: report ?? view.reported }, report };
}

/** The customer touched something that means `step` (a switch: choosing; the pad: signing). */
export function touched(view: OfferView, step: CustomerStep): { view: OfferView; report: CustomerStep | null } {
  const report = stepToReport(view, step);
  return { view: report === null ? view : { ...view, reported: report }, report };
}

export function toggleTick(view: OfferView, key: string): OfferView {
  const ticks = new Set(view.ticks);
  if (!ticks.delete(key)) ticks.add(key);
  return { ...view, ticks, problem: null };
}

function latestStates(offer: ConsentOffer): Map<string, string> {
  const latest = new Map<string, { state: string; at: number }>();
  for (const c of offer.current ?? []) {
    const key = choiceKey(c.purpose, c.channel);
    const at = Date.parse(c.recorded_at);
    const seen = latest.get(key);
    if (seen === undefined || at > seen.at) latest.set(key, { state: c.state, at });
  }
  return new Map([...latest].map(([k, v]) => [k, v.state]));
}

/**
 * The choices the customer signs: every choice the clerk offered, switched on → given; off →
 * withdrawn when it is given now (or the clerk offered it as a withdrawal), refused otherwise.
 */
export function submittedChoices(offer: ConsentOffer, ticks: ReadonlySet<string>): OfferedChoice[] {
  const now = latestStates(offer);
  return offer.choices.map(({ purpose, channel, state }) => {
    const key = choiceKey(purpose, channel);
    if (ticks.has(key)) return { purpose, channel, state: "given" };
    return { purpose, channel, state: state === "withdrawn" || now.get(key) === "given" ? "withdrawn" : "refused" };
  });
}

/** One switch: a channel of a purpose, or the purpose as a whole. */
export interface ChoiceItem {
  key: string;
  label: string;
  on: boolean;
  /** "Until now: Yes" when the customer's record has this choice; null otherwise. */
  before: string | null;
}

export interface PurposeGroup {
  purpose: string;
  label: string;
  /** The policy's own words (English), or null. */
  policy: string | null;
  /** The plain statement for a purpose that profiles with traffic and location data, or null. */
  profiling: string | null;
  items: ChoiceItem[];
}

/** The offered choices by purpose, in the policy's order, each with its switches. */
export function purposeGroups(v: Vocabulary, offer: ConsentOffer, ticks: ReadonlySet<string>, lang: Lang): PurposeGroup[] {
  const now = latestStates(offer);
  const order: string[] = [];
  const byPurpose = new Map<string, OfferedChoice[]>();
  for (const c of offer.choices) {
    const seen = byPurpose.get(c.purpose);
    if (seen === undefined) {
      order.push(c.purpose);
      byPurpose.set(c.purpose, [c]);
    } else {
      seen.push(c);
    }
  }
  order.sort((a, b) => termOrder(v, "consent_purposes", a) - termOrder(v, "consent_purposes", b));
  return order.map((purpose) => {
    const term = v.consent_purposes.find((p) => p.id === purpose);
    return {
      purpose,
      label: termLabel(v, "consent_purposes", purpose, lang),
      policy: policyText(v, "consent_purposes", purpose),
      profiling: term?.profiles_with_traffic_and_location === true ? W.profiling[lang] : null,
      items: (byPurpose.get(purpose) ?? []).map((c) => {
        const key = choiceKey(c.purpose, c.channel);
        const before = now.get(key);
        return {
          key,
          label: c.channel === null ? W.wholePurpose[lang] : termLabel(v, "channels", c.channel, lang),
          on: ticks.has(key),
          before: before === undefined ? null : fill(W.untilNow[lang], { answer: (before === "given" ? W.yes : W.no)[lang] }),
        };
      }),
    };
  });
}

/** What the customer signs, a line per purpose: yes, no, or yes through some channels (short, so
 * that the pad below stays in sight). */
export function choiceSummary(
  v: Vocabulary,
  offer: ConsentOffer,
  ticks: ReadonlySet<string>,
  lang: Lang,
): { label: string; answer: "yes" | "no" | "some"; text: string }[] {
  return purposeGroups(v, offer, ticks, lang).map((g) => {
    const yes = g.items.filter((i) => i.on).map((i) => i.label);
    if (yes.length === g.items.length) return { label: g.label, answer: "yes", text: W.yes[lang] };
    if (yes.length === 0) return { label: g.label, answer: "no", text: W.no[lang] };
    return { label: g.label, answer: "some", text: fill(W.someChannels[lang], { channels: yes.join(", ") }) };
  });
}

/** The window's own refusal: nothing was drawn (no round trip for that). */
export function emptyPad(lang: Lang): Problem {
  return { text: REFUSALS.signature_empty[lang], detail: "" };
}

/** A refusal of `customer_display_submit` in the customer's words, Rust's sentence below. */
export function problemOf(error: CommandError, lang: Lang): Problem {
  const words = (REFUSALS as Record<string, Text>)[error.code] ?? REFUSALS.other;
  return { text: words[lang], detail: error.message };
}

export const REFUSALS = {
  signature_empty: {
    sq: "Ju lutemi nënshkruani në kuti para se ta dërgoni.",
    en: "Please sign in the box before you submit.",
    sr: "Молимо потпишите се у пољу пре слања.",
  },
  signature_too_short: {
    sq: "Kjo është shumë e shkurtër për një nënshkrim. Ju lutemi nënshkruani përsëri, ashtu si nënshkruani zakonisht.",
    en: "That is too short to be a signature. Please sign again, the way you usually sign.",
    sr: "То је прекратко за потпис. Молимо потпишите се поново, онако како се обично потписујете.",
  },
  offer_gone: {
    sq: "Punonjësi e ka ndryshuar këtë. Ju lutemi prisni.",
    en: "The clerk has changed this. Please wait.",
    sr: "Службеник је ово променио. Молимо сачекајте.",
  },
  offer_submitted: {
    sq: "Kjo është dërguar tashmë.",
    en: "This has been submitted already.",
    sr: "Ово је већ послато.",
  },
  invalid_input: {
    sq: "Kjo nuk mund të pranohej. Ju lutemi kërkojini ndihmë punonjësit.",
    en: "This could not be accepted. Please ask the clerk for help.",
    sr: "Ово није могло да буде прихваћено. Молимо замолите службеника за помоћ.",
  },
  other: {
    sq: "Diçka nuk shkoi. Ju lutemi kërkojini ndihmë punonjësit.",
    en: "Something went wrong. Please ask the clerk for help.",
    sr: "Нешто није у реду. Молимо замолите службеника за помоћ.",
  },
} satisfies Record<string, Text>;

/** The window's words. The idle screen says its lines in all three languages, Albanian first. */
export const W = {
  area: { sq: "Privatësia", en: "Privacy", sr: "Приватност" },
  welcome: { sq: "Mirë se vini në IPKO", en: "Welcome to IPKO", sr: "Добро дошли у IPKO" },
  wait: {
    sq: "Ju lutemi prisni: punonjësi do t'ju tregojë këtu çfarë të lexoni dhe të nënshkruani.",
    en: "Please wait: the clerk will show you here what to read and sign.",
    sr: "Молимо сачекајте: службеник ће вам овде показати шта да прочитате и потпишете.",
  },
  steps: { sq: "Hapat", en: "Steps", sr: "Кораци" },
  read: { sq: "Lexoni", en: "Read", sr: "Прочитајте" },
  choose: { sq: "Zgjidhni", en: "Choose", sr: "Изаберите" },
  sign: { sq: "Nënshkruani", en: "Sign", sr: "Потпишите" },
  version: { sq: "Versioni {version}", en: "Version {version}", sr: "Верзија {version}" },
  toChoices: { sq: "Vazhdo te zgjedhjet", en: "Continue to your choices", sr: "Наставите на изборе" },
  toSign: { sq: "Vazhdo te nënshkrimi", en: "Continue to sign", sr: "Наставите на потпис" },
  backToNotice: { sq: "Kthehu te njoftimi", en: "Back to the notice", sr: "Назад на обавештење" },
  backToChoices: { sq: "Kthehu te zgjedhjet", en: "Back to your choices", sr: "Назад на изборе" },
  chooseTitle: { sq: "Zgjedhjet tuaja", en: "Your choices", sr: "Ваши избори" },
  chooseIntro: {
    sq: "Për secilin qëllim zgjidhni Po ose Jo. Pëlqimin mund ta tërhiqni në çdo kohë.",
    en: "For each purpose choose Yes or No. You can withdraw your consent at any time.",
    sr: "За сваку сврху изаберите Да или Не. Сагласност можете повући у било ком тренутку.",
  },
  yes: { sq: "Po", en: "Yes", sr: "Да" },
  no: { sq: "Jo", en: "No", sr: "Не" },
  someChannels: {
    sq: "Po: {channels} · Jo: kanalet e tjera",
    en: "Yes: {channels} · No: the other channels",
    sr: "Да: {channels} · Не: остали канали",
  },
  untilNow: { sq: "Deri tani: {answer}", en: "Until now: {answer}", sr: "До сада: {answer}" },
  wholePurpose: { sq: "Për këtë qëllim", en: "For this purpose", sr: "За ову сврху" },
  policyWords: {
    sq: "Fjalët e politikës së privatësisë (në anglisht)",
    en: "The privacy policy's own words",
    sr: "Речи политике приватности (на енглеском)",
  },
  profiling: {
    sq: "Nëse thoni Po këtu, IPKO mund të përdorë të dhënat e trafikut dhe të vendndodhjes suaj — thirrjet, mesazhet dhe përdorimin e internetit, si dhe ku ka qenë telefoni juaj — për të krijuar një profil tuajin.",
    en: "If you say Yes here, IPKO may use your traffic and location data — your calls, messages and internet use, and where your phone has been — to build a profile of you.",
    sr: "Ако овде кажете Да, IPKO може да користи ваше податке о саобраћају и локацији — ваше позиве, поруке и коришћење интернета, као и где је ваш телефон био — да направи ваш профил.",
  },
  signChoices: { sq: "Nënshkruani zgjedhjet tuaja", en: "Sign your choices", sr: "Потпишите своје изборе" },
  signHere: { sq: "Nënshkruani në kutinë më poshtë", en: "Sign in the box below", sr: "Потпишите се у пољу испод" },
  pad: { sq: "Fusha e nënshkrimit", en: "Signature pad", sr: "Поље за потпис" },
  clear: { sq: "Fshij", en: "Clear", sr: "Обриши" },
  submit: { sq: "Dërgo", en: "Submit", sr: "Пошаљи" },
  sending: { sq: "Duke dërguar…", en: "Sending…", sr: "Шаље се…" },
  thanks: { sq: "Faleminderit", en: "Thank you", sr: "Хвала" },
  clerkSaves: {
    sq: "Punonjësi tani do ta ruajë.",
    en: "The clerk will now save it.",
    sr: "Службеник ће то сада сачувати.",
  },
  unreadable: {
    sq: "Ky ekran nuk mund ta lexojë atë që dërgoi punonjësi.",
    en: "This screen cannot read what the clerk sent.",
    sr: "Овај екран не може да прочита оно што је службеник послао.",
  },
} satisfies Record<string, Text>;

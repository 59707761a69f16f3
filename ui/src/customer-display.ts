// The customer's own window (customer.html, window label `customer`, on a second display): the
// customer reads the notice, makes the choices the clerk offers and signs; or reads a correction
// or a request and signs it. It may call only its own three commands and `vocabulary` (its
// capability, src-tauri/capabilities/customer-display.json). It tells the clerk's window how far
// the customer got (reading, choosing, signing) and never the pad's points before the customer
// submits. Rust's `customer-display` event says the offer changed; the window then reads
// `customer_display_state` again. The logic and the words are in customer-display-state.ts.

import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";

import { asCommandError, type CommandError, parseAppInfo } from "./app-info";
import {
  choiceSummary,
  type DisplayState,
  emptyPad,
  followState,
  goTo,
  type OfferView,
  type Page,
  pagesOf,
  parseDisplayState,
  problemOf,
  purposeGroups,
  submittedChoices,
  toggleTick,
  touched,
  W,
} from "./customer-display-state";
import { type ConsentOffer, type CustomerStep } from "./customer-offer";
import { button, el, problemBox } from "./dom";
import { fill, type Lang, LANGS, langTag } from "./i18n";
import { attachKioskKeys } from "./kiosk-keys";
import { signatureField, type SignatureField } from "./signature";
import { parseVocabulary, type Vocabulary } from "./vocabulary";
import "./styles.css";
import "./customer-display.css";

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`customer.html lacks the #${id} element`);
  return found;
}

const page = { display: element("display"), area: element("area") };

const s: {
  view: OfferView | null;
  vocabulary: Vocabulary | null;
  /** The state could not be read or shown (the window waits for the next change). */
  trouble: CommandError | null;
} = { view: null, vocabulary: null, trouble: null };

/** The pad of the offer showing: one element kept across renders (a render must not wipe what the
 * customer drew), dropped with the offer. */
let pad: { offerId: string; box: HTMLElement; field: SignatureField } | null = null;

async function call<T = unknown>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw asCommandError(error);
  }
}

function problemFrom(error: unknown): CommandError {
  return error instanceof Error ? { code: "ipc", message: error.message } : asCommandError(error);
}

// --- Commands ---------------------------------------------------------------------------------

let reading: Promise<void> | null = null;
let readAgain = false;

/** Reads the state again; calls while a read runs fold into one more read after it. */
function refresh(): Promise<void> {
  if (reading !== null) {
    readAgain = true;
    return reading;
  }
  reading = (async () => {
    do {
      readAgain = false;
      await readState();
    } while (readAgain);
  })().finally(() => {
    reading = null;
  });
  return reading;
}

async function readState(): Promise<void> {
  const before = { view: s.view, trouble: s.trouble };
  try {
    const state: DisplayState = parseDisplayState(await call("customer_display_state"));
    const next = followState(s.view, state);
    if (next?.offer.kind === "consent" && s.vocabulary === null) {
      s.vocabulary = parseVocabulary(await call("vocabulary"));
    }
    // Gone, replaced or handed in: the points go with it.
    if (next === null || next.offerId !== pad?.offerId || next.page === "thanks") dropPad();
    s.view = next;
    s.trouble = null;
  } catch (error) {
    s.trouble = problemFrom(error);
  }
  // The customer's own steps come back as events: the same view is not drawn again (a stroke on
  // the pad must not be interrupted).
  if (s.view !== before.view || s.trouble?.message !== before.trouble?.message) render();
}

function report(step: CustomerStep | null): void {
  const v = s.view;
  if (step === null || v === null) return;
  call("customer_display_progress", { offerId: v.offerId, step }).catch((error: unknown) => {
    if (asCommandError(error).code === "offer_gone") void refresh();
  });
}

function go(to: Page): void {
  if (s.view === null) return;
  const moved = goTo(s.view, to);
  s.view = moved.view;
  report(moved.report);
  render();
}

function touch(step: CustomerStep): void {
  if (s.view === null) return;
  const t = touched(s.view, step);
  s.view = t.view;
  report(t.report);
}

async function submit(): Promise<void> {
  const v = s.view;
  if (v === null || v.sending || pad === null) return;
  const lang = v.offer.lang;
  const signature = pad.field.signature();
  if (signature === null) {
    s.view = { ...v, problem: emptyPad(lang) };
    render();
    return;
  }
  const choices = v.offer.kind === "consent" ? submittedChoices(v.offer, v.ticks) : null;
  s.view = { ...v, sending: true, problem: null };
  render();
  let refused: CommandError | null = null;
  try {
    await call("customer_display_submit", { offerId: v.offerId, choices, signature });
  } catch (error) {
    refused = problemFrom(error);
  }
  const now = s.view;
  if (now === null || now.offerId !== v.offerId) return;
  if (refused === null) {
    s.view = { ...now, page: "thanks", reported: "submitted", sending: false, problem: null };
    dropPad();
  } else {
    s.view = { ...now, sending: false, problem: problemOf(refused, lang) };
    if (refused.code === "signature_too_short") pad?.field.clear();
    if (refused.code === "offer_gone" || refused.code === "offer_submitted") void refresh();
  }
  render();
}

// --- The pad ----------------------------------------------------------------------------------

function padBox(v: OfferView, lang: Lang): HTMLElement {
  if (pad === null || pad.offerId !== v.offerId) {
    dropPad();
    const box = el("div", { className: "cd-pad-box" });
    const canvas = el("canvas", { className: "cd-pad", id: "signature-pad" });
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", W.pad[lang]);
    // The first touch is the step; the points stay here until the customer submits.
    canvas.addEventListener("pointerdown", () => {
      touch("signing");
      // Signing again: the refusal goes, without a render (a stroke is under way).
      box.querySelector(".cd-problem")?.remove();
      if (s.view?.problem) s.view = { ...s.view, problem: null };
    });
    box.append(canvas);
    pad = { offerId: v.offerId, box, field: signatureField(canvas) };
  }
  return pad.box;
}

function dropPad(): void {
  pad?.field.dispose();
  pad?.box.remove();
  pad = null;
}

// --- Rendering --------------------------------------------------------------------------------

function actions(...buttons: HTMLButtonElement[]): HTMLElement {
  const bar = el("div", { className: "cd-actions" });
  bar.append(...buttons);
  return bar;
}

function stepsBar(v: OfferView, lang: Lang): HTMLElement | null {
  const pages = pagesOf(v.offer);
  if (pages.length < 2) return null;
  const words: Record<Page, string> = { read: W.read[lang], choose: W.choose[lang], sign: W.sign[lang], thanks: "" };
  const at = pages.indexOf(v.page);
  const list = el("ol", { className: "cd-steps" });
  list.setAttribute("aria-label", W.steps[lang]);
  pages.forEach((p, i) => {
    const item = el("li", { textContent: words[p] });
    item.dataset.state = i < at ? "done" : i === at ? "current" : "todo";
    if (i === at) item.setAttribute("aria-current", "step");
    list.append(item);
  });
  return list;
}

/** The page's title, the steps beside it (a consent's read, choose, sign). */
function head(v: OfferView, lang: Lang, title: string, id: string): HTMLElement {
  const bar = el("div", { className: "cd-head" });
  bar.append(el("h1", { className: "cd-title", id, textContent: title }));
  const steps = stepsBar(v, lang);
  if (steps !== null) bar.append(steps);
  return bar;
}

function idle(): HTMLElement[] {
  const welcome = el("section", { className: "cd-idle", id: "idle" });
  const lines = (text: Record<Lang, string>, tag: "h1" | "p", className: string): HTMLElement[] =>
    LANGS.map((lang, i) => {
      const line = el(i === 0 ? tag : "p", { className: i === 0 ? className : `${className}-other`, textContent: text[lang] });
      line.lang = langTag(lang);
      return line;
    });
  welcome.append(...lines(W.welcome, "h1", "cd-welcome"), ...lines(W.wait, "p", "cd-wait"));
  if (s.trouble !== null) {
    const trouble = el("p", { className: "cd-trouble", textContent: `${W.unreadable.sq} · ${W.unreadable.en} · ${W.unreadable.sr}` });
    const detail = el("span", { className: "problem-detail", textContent: s.trouble.message });
    detail.lang = "en";
    trouble.append(detail);
    welcome.append(trouble);
  }
  return [welcome];
}

function readPage(v: OfferView, offer: ConsentOffer, lang: Lang): HTMLElement[] {
  const n = offer.notice;
  const content = el("section", { className: "cd-content" });
  content.append(
    head(v, lang, n.title, "notice-title"),
    el("p", { className: "cd-version", id: "notice-version", textContent: fill(W.version[lang], { version: n.version }) }),
    el("div", { className: "cd-notice-text", id: "notice-text", textContent: n.text }),
  );
  const next = button(W.toChoices[lang], "primary", () => go("choose"));
  next.id = "to-choices";
  return [content, actions(next)];
}

function switchButton(key: string, label: string, on: boolean, lang: Lang): HTMLButtonElement {
  const answer = el("span", { className: "cd-answer" });
  const paint = (value: boolean): void => {
    sw.setAttribute("aria-checked", String(value));
    answer.textContent = value ? W.yes[lang] : W.no[lang];
  };
  const sw = button("", "cd-switch", () => {
    if (s.view === null) return;
    s.view = toggleTick(s.view, key);
    touch("choosing");
    // In place: a rebuild would scroll the customer back to the top.
    paint(s.view.ticks.has(key));
  });
  sw.setAttribute("role", "switch");
  sw.dataset.key = key;
  sw.append(el("span", { className: "cd-switch-label", textContent: label }), answer);
  paint(on);
  return sw;
}

function choosePage(v: OfferView, offer: ConsentOffer, vocabulary: Vocabulary, lang: Lang): HTMLElement[] {
  const content = el("section", { className: "cd-content" });
  content.append(head(v, lang, W.chooseTitle[lang], "choose-title"), el("p", { className: "cd-intro", textContent: W.chooseIntro[lang] }));
  for (const g of purposeGroups(vocabulary, offer, v.ticks, lang)) {
    const section = el("section", { className: "cd-purpose" });
    section.dataset.purpose = g.purpose;
    section.append(el("h2", { textContent: g.label }));
    if (g.profiling !== null) {
      section.append(el("p", { className: "cd-profiling", textContent: g.profiling }));
    }
    const switches = el("div", { className: "cd-switches" });
    for (const item of g.items) {
      const wrap = el("div", { className: "cd-choice" });
      wrap.append(switchButton(item.key, item.label, item.on, lang));
      if (item.before !== null) wrap.append(el("span", { className: "cd-before", textContent: item.before }));
      switches.append(wrap);
    }
    section.append(switches);
    if (g.policy !== null) {
      const policy = el("details", { className: "cd-policy" });
      const words = el("p", { textContent: g.policy });
      words.lang = "en";
      policy.append(el("summary", { textContent: W.policyWords[lang] }), words);
      section.append(policy);
    }
    content.append(section);
  }
  const back = button(W.backToNotice[lang], "secondary", () => go("read"));
  back.id = "to-notice";
  const next = button(W.toSign[lang], "primary", () => go("sign"));
  next.id = "to-sign";
  return [content, actions(back, next)];
}

function signPage(v: OfferView, vocabulary: Vocabulary | null, lang: Lang): HTMLElement[] {
  const content = el("section", { className: "cd-content cd-signing" });
  if (v.offer.kind === "consent" && vocabulary !== null) {
    content.append(head(v, lang, W.signChoices[lang], "sign-title"));
    const summary = el("ul", { className: "cd-summary", id: "choice-summary" });
    for (const line of choiceSummary(vocabulary, v.offer, v.ticks, lang)) {
      const item = el("li");
      item.dataset.answer = line.answer;
      item.append(el("span", { textContent: line.label }), el("strong", { textContent: line.text }));
      summary.append(item);
    }
    content.append(summary);
  } else if (v.offer.kind === "sign") {
    content.append(head(v, lang, v.offer.title, "sign-title"));
    const lines = el("ul", { className: "cd-lines", id: "sign-lines" });
    for (const line of v.offer.lines) lines.append(el("li", { textContent: line }));
    content.append(lines);
  }
  const box = padBox(v, lang);
  // A refusal shows on the pad itself (the pad keeps its size), until the customer signs again.
  box.querySelector(".cd-problem")?.remove();
  if (v.problem !== null) {
    const problem = problemBox(v.problem);
    problem.id = "display-problem";
    problem.classList.add("cd-problem");
    box.append(problem);
  }
  content.append(el("p", { className: "cd-sign-here", textContent: W.signHere[lang] }), box);
  const parts: HTMLElement[] = [content];
  const row: HTMLButtonElement[] = [];
  if (v.offer.kind === "consent") {
    const back = button(W.backToChoices[lang], "secondary", () => go("choose"));
    back.id = "to-choices";
    back.disabled = v.sending;
    row.push(back);
  }
  const clear = button(W.clear[lang], "secondary", () => {
    pad?.field.clear();
    if (s.view?.problem) {
      s.view = { ...s.view, problem: null };
      render();
    }
  });
  clear.id = "signature-clear";
  clear.disabled = v.sending;
  const send = button(v.sending ? W.sending[lang] : W.submit[lang], "primary", () => void submit());
  send.id = "signature-submit";
  send.disabled = v.sending;
  row.push(clear, send);
  parts.push(actions(...row));
  return parts;
}

function thanksPage(lang: Lang): HTMLElement[] {
  const done = el("section", { className: "cd-thanks", id: "thanks" });
  const mark = el("div", { className: "cd-thanks-mark", textContent: "✓" });
  mark.setAttribute("aria-hidden", "true");
  done.append(mark, el("h1", { textContent: W.thanks[lang] }), el("p", { textContent: W.clerkSaves[lang] }));
  return [done];
}

function render(): void {
  const v = s.view;
  const lang: Lang = v?.offer.lang ?? "sq";
  document.documentElement.lang = langTag(lang);
  page.area.textContent = W.area[lang];
  page.display.dataset.page = v === null ? "idle" : v.page;
  if (v === null) {
    page.display.replaceChildren(...idle());
    return;
  }
  const parts: HTMLElement[] = [];
  if (v.page === "thanks") {
    parts.push(...thanksPage(lang));
  } else if (v.offer.kind === "consent" && v.page === "read") {
    parts.push(...readPage(v, v.offer, lang));
  } else if (v.offer.kind === "consent" && v.page === "choose" && s.vocabulary !== null) {
    parts.push(...choosePage(v, v.offer, s.vocabulary, lang));
  } else {
    parts.push(...signPage(v, s.vocabulary, lang));
  }
  page.display.replaceChildren(...parts);
}

// --- Start ------------------------------------------------------------------------------------

// No context menu and no browser shortcuts on the customer's screen either.
document.addEventListener("contextmenu", (event) => event.preventDefault());
attachKioskKeys(window);
render();

/** Demo mode is marked on the customer's screen too (fictional data, DESIGN §5). */
async function markDemo(): Promise<void> {
  try {
    if (!parseAppInfo(await call("app_info")).demo) return;
  } catch {
    return;
  }
  document.body.classList.add("demo");
  document.querySelector(".masthead")?.append(el("span", { className: "demo-mark", id: "demo-mark", textContent: "DEMO" }));
}

async function start(): Promise<void> {
  void markDemo();
  try {
    // Listening first: a change made while the state is read is not missed.
    await listen("customer-display", () => void refresh());
  } catch {
    window.setInterval(() => void refresh(), 2_000);
  }
  await refresh();
}

void start();

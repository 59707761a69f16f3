// The signed captures' parts as DOM (capture.ts holds the state and wires them): the consent
// record to sign, purpose by purpose, with what changes marked; a correction's or request's lines;
// a field's problem beside the field; the saved change with its reference. The words and the logic
// are in capture-state.ts; the policy's terms come from the vocabulary.

import { C, captureProblem, isChange, MARK_WORDS, type ReviewedChoice, type SavedChange } from "./capture-state";
import { type CommandError } from "./app-info";
import { el } from "./dom";
import { fill, type Lang } from "./i18n";
import { termLabel, type Vocabulary } from "./vocabulary";

/**
 * The consent record as it will be signed: first what changes in what the customer allows, then
 * every purpose with each of its choices (channel, new state, the mark; the state before when it
 * differs). Each choice is one list item with `data-changes` and `data-state`.
 */
export function consentReview(groups: readonly { purpose: string; choices: readonly ReviewedChoice[] }[], v: Vocabulary, lang: Lang): HTMLElement {
  const box = el("section", { className: "consent-review", id: "consent-review" });
  const changes = groups.flatMap((g) => g.choices).filter((c) => isChange(c.mark));
  const unknown = groups.some((g) => g.choices.some((c) => c.mark === "unknown"));
  const summary = el("p", { className: changes.length > 0 ? "review-changes" : unknown ? "warning" : "hint", id: "review-changes" });
  summary.textContent = changes.length > 0 ? fill(C.changesCount[lang], { count: changes.length }) : unknown ? C.reviewUnknown[lang] : C.noChange[lang];
  box.append(summary);
  const all = groups.flatMap((g) => g.choices).length;
  // Among other choices, the changes are listed first (a one-choice withdrawal is its own list).
  if (changes.length > 0 && changes.length < all) {
    const list = el("ul", { className: "review-change-list" });
    for (const c of changes) {
      list.append(el("li", { textContent: `${choiceName(c, v, lang)}: ${MARK_WORDS[c.mark][lang]}` }));
    }
    box.append(list);
  }
  if (all > changes.length) {
    box.append(el("h3", { className: "review-all", textContent: C.everyChoice[lang] }));
  }
  for (const g of groups) {
    const purpose = el("div", { className: "review-purpose" });
    purpose.append(el("h4", { textContent: termLabel(v, "consent_purposes", g.purpose, lang) }));
    const list = el("ul", { className: "review-choices" });
    for (const c of g.choices) {
      const item = el("li");
      item.dataset.changes = String(isChange(c.mark));
      item.dataset.mark = c.mark;
      item.dataset.state = c.choice.state;
      item.append(
        el("span", { className: "review-channel", textContent: c.choice.channel === null ? C.wholePurpose[lang] : termLabel(v, "channels", c.choice.channel, lang) }),
        el("strong", { className: "review-state", textContent: termLabel(v, "consent_states", c.choice.state, lang) }),
      );
      // Only a change is marked on its choice (twenty "unchanged" would hide it); the rest is said once above.
      if (isChange(c.mark)) item.append(el("span", { className: "review-mark", textContent: markText(c, v, lang) }));
      list.append(item);
    }
    purpose.append(list);
    box.append(purpose);
  }
  return box;
}

function choiceName(c: ReviewedChoice, v: Vocabulary, lang: Lang): string {
  const purpose = termLabel(v, "consent_purposes", c.choice.purpose, lang);
  return c.choice.channel === null ? purpose : `${purpose} — ${termLabel(v, "channels", c.choice.channel, lang)}`;
}

/** The mark, and the state on record before when it was another. */
function markText(c: ReviewedChoice, v: Vocabulary, lang: Lang): string {
  const mark = MARK_WORDS[c.mark][lang];
  if (c.before === null || c.before === c.choice.state) return mark;
  return `${mark} (${fill(C.before[lang], { state: termLabel(v, "consent_states", c.before, lang) })})`;
}

/** Label and value lines as a definition list. */
export function summaryTable(lines: readonly [string, string][], id: string): HTMLElement {
  const table = el("dl", { className: "capture-summary", id });
  for (const [k, val] of lines) table.append(el("dt", { textContent: k }), el("dd", { textContent: val }));
  return table;
}

/**
 * A field's problem beside it: the field marked invalid and described by the clerk's words, with
 * Rust's own sentence (English, for support) below when there is one. Carries the id the screen's
 * problem has wherever it shows (`capture-problem`).
 */
export function fieldProblem(input: HTMLElement, problem: CommandError, lang: Lang): HTMLElement {
  const { text, detail } = captureProblem(problem, lang);
  input.setAttribute("aria-invalid", "true");
  input.setAttribute("aria-describedby", "capture-problem");
  const box = el("p", { className: "field-problem", id: "capture-problem", textContent: text });
  box.setAttribute("role", "alert");
  if (detail !== "") {
    const d = el("span", { className: "problem-detail", textContent: detail });
    d.lang = "en";
    box.append(d);
  }
  return box;
}

/** What was saved: the change's reference (a consent's record id), its verification code, and for
 * a request or correction the date IPKO must act by. */
export function savedFacts(saved: SavedChange, due: [string, string] | null, lang: Lang): HTMLElement {
  const facts = el("dl", { className: "capture-summary" });
  const label = saved.kind === "consent_recorded" ? C.consentRecord[lang] : C.reference[lang];
  facts.append(el("dt", { textContent: label }), el("dd", { id: "saved-reference", textContent: saved.reference }));
  facts.append(el("dt", { textContent: C.verificationCode[lang] }), el("dd", { id: "saved-code", textContent: saved.verification_code }));
  if (due !== null) {
    facts.append(el("dt", { textContent: due[0] }), el("dd", { id: "saved-due", textContent: due[1] }));
  }
  return facts;
}

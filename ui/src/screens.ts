// The counter's screens as DOM, text only (never innerHTML: names and messages come from outside the
// page). Each function builds its screen from what it is given and wires the clerk's actions to the
// callbacks; state lives in main.ts.

import { type CounterView, type Staff } from "./counter";
import { fill, type Lang, type Text } from "./i18n";

const W = {
  signInTitle: { sq: "Hyrja e punonjësit", en: "Staff sign-in", sr: "Пријава запосленог" },
  lockedTitle: { sq: "Ekrani është i kyçur", en: "The screen is locked", sr: "Екран је закључан" },
  lockedBy: {
    sq: "Kyçur nga {name}. Hyni përsëri për të vazhduar.",
    en: "Locked by {name}. Sign in again to go on.",
    sr: "Закључао/ла {name}. Пријавите се поново да наставите.",
  },
  staffId: { sq: "Numri i punonjësit", en: "Staff id", sr: "Број запосленог" },
  pin: { sq: "PIN-i", en: "PIN", sr: "ПИН" },
  signIn: { sq: "Hyr", en: "Sign in", sr: "Пријава" },
  welcome: { sq: "Mirë se vini, {name}", en: "Welcome, {name}", sr: "Добродошли, {name}" },
  clerk: { sq: "Punonjës", en: "Clerk", sr: "Службеник" },
  supervisor: { sq: "Mbikëqyrës", en: "Supervisor", sr: "Надзорник" },
  locksAt: {
    sq: "Kyçni ekranin sa herë largoheni nga banaku; pa përdorim ai kyçet vetë në {time}.",
    en: "Lock the screen whenever you leave the counter; unused, it locks itself at {time}.",
    sr: "Закључајте екран кад год напуштате шалтер; ако се не користи, закључава се сам у {time}.",
  },
  serving: { sq: "Klienti: {id}", en: "Customer: {id}", sr: "Клијент: {id}" },
  lock: { sq: "Kyç ekranin", en: "Lock the screen", sr: "Закључај екран" },
  signOut: { sq: "Dil", en: "Sign out", sr: "Одјава" },
  outage: {
    sq: "Demo: simulo ndërprerjen e rrjetit",
    en: "Demo: simulate a network outage",
    sr: "Демо: симулирај прекид мреже",
  },
} satisfies Record<string, Text>;

export interface SignInActions {
  signIn(staffId: string, pin: string): void;
}

export interface HomeActions {
  lock(): void;
  signOut(): void;
  /** Demo mode only: the switch's state and its action. */
  outage: { on: boolean; set(on: boolean): void } | null;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<"className" | "textContent" | "id", string>> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  return node;
}

/** A refusal: the clerk's words first, Rust's own sentence (English, for support) below. */
function problemBox(problem: { text: string; detail: string }): HTMLElement {
  const p = el("p", { className: "problem", textContent: problem.text });
  p.setAttribute("role", "alert");
  const detail = el("span", { className: "problem-detail", textContent: problem.detail });
  detail.lang = "en";
  p.append(detail);
  return p;
}

function field(label: string, input: HTMLInputElement): HTMLLabelElement {
  const wrap = el("label", { className: "field" });
  wrap.append(el("span", { className: "field-label", textContent: label }), input);
  return wrap;
}

/** Sign-in, or unlocking a locked screen (the staff id filled in; someone else may take over). */
export function signInScreen(
  view: CounterView,
  lang: Lang,
  actions: SignInActions,
  problem: { text: string; detail: string } | null,
  typedStaffId: string,
): HTMLElement {
  const locked = view.state === "locked" ? view.staff : null;
  const form = el("form", { className: "card sign-in" });
  form.append(el("h1", { textContent: locked ? W.lockedTitle[lang] : W.signInTitle[lang] }));
  if (locked) {
    form.append(el("p", { className: "hint", textContent: fill(W.lockedBy[lang], { name: locked.display_name }) }));
  }
  const staffId = el("input", { id: "staff-id" });
  staffId.autocomplete = "username";
  staffId.autocapitalize = "characters";
  staffId.spellcheck = false;
  staffId.required = true;
  staffId.maxLength = 64;
  staffId.value = locked?.staff_id ?? typedStaffId;
  const pin = el("input", { id: "pin" });
  pin.type = "password";
  pin.inputMode = "numeric";
  pin.autocomplete = "current-password";
  pin.required = true;
  pin.maxLength = 64;
  form.append(field(W.staffId[lang], staffId), field(W.pin[lang], pin));
  if (problem) {
    form.append(problemBox(problem));
  }
  const submit = el("button", { className: "primary", textContent: W.signIn[lang] });
  submit.type = "submit";
  form.append(submit);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    actions.signIn(staffId.value, pin.value);
  });
  // The cursor goes where the clerk types next.
  queueMicrotask(() => (staffId.value === "" ? staffId : pin).focus());
  return form;
}

export function homeScreen(
  staff: Staff,
  customerId: string | null,
  locksAtTime: string,
  lang: Lang,
  actions: HomeActions,
  problem: { text: string; detail: string } | null,
): HTMLElement {
  const card = el("section", { className: "card home" });
  card.append(
    el("h1", { textContent: fill(W.welcome[lang], { name: staff.display_name }) }),
    el("p", { className: "role", textContent: `${staff.staff_id} · ${W[staff.role][lang]}` }),
    el("p", {
      className: "hint",
      textContent:
        customerId === null ? fill(W.locksAt[lang], { time: locksAtTime }) : fill(W.serving[lang], { id: customerId }),
    }),
  );
  const buttons = el("div", { className: "actions" });
  const lock = el("button", { className: "primary", textContent: W.lock[lang] });
  lock.type = "button";
  lock.addEventListener("click", actions.lock);
  const out = el("button", { className: "secondary", textContent: W.signOut[lang] });
  out.type = "button";
  out.addEventListener("click", actions.signOut);
  buttons.append(lock, out);
  if (problem) {
    card.append(problemBox(problem));
  }
  card.append(buttons);
  if (actions.outage !== null) {
    const toggle = el("input", { id: "outage" });
    toggle.type = "checkbox";
    toggle.checked = actions.outage.on;
    const outage = actions.outage;
    toggle.addEventListener("change", () => outage.set(toggle.checked));
    const label = el("label", { className: "outage" });
    label.append(toggle, el("span", { textContent: W.outage[lang] }));
    card.append(label);
  }
  return card;
}

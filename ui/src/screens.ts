// The counter's screens as DOM, text only (never innerHTML: names and messages come from outside the
// page). Each function builds its screen from what it is given and wires the clerk's actions to the
// callbacks; state lives in main.ts.

import { type CounterView, type Staff } from "./counter";
import { button, el, field, problemBox } from "./dom";
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
  clerk: { sq: "Punonjës", en: "Clerk", sr: "Службеник" },
  supervisor: { sq: "Mbikëqyrës", en: "Supervisor", sr: "Надзорник" },
  locksAt: {
    sq: "Pa përdorim, ekrani kyçet vetë në {time}.",
    en: "Unused, the screen locks itself at {time}.",
    sr: "Ако се не користи, екран се закључава сам у {time}.",
  },
  review: { sq: "Ndryshimet për shqyrtim", en: "Changes to review", sr: "Измене за преглед" },
  settings: { sq: "Cilësimet", en: "Settings", sr: "Подешавања" },
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

export interface SessionActions {
  lock(): void;
  signOut(): void;
  /** Demo mode only: the switch's state and its action. */
  outage: { on: boolean; set(on: boolean): void } | null;
  /** A supervisor's screens; null for a clerk. */
  supervisor: { review(): void; settings(): void } | null;
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

/**
 * The strip above every screen while a clerk is signed in: who, until when, and the buttons that
 * are always there (supervisor's review and settings, lock, sign out, demo's outage switch).
 */
export function sessionBar(
  staff: Staff,
  locksAtTime: string,
  lang: Lang,
  actions: SessionActions,
  problem: { text: string; detail: string } | null,
): HTMLElement {
  const bar = el("section", { className: "session-bar" });
  const who = el("div", { className: "who" });
  who.append(
    el("strong", { className: "who-name", textContent: staff.display_name }),
    el("span", { className: "role", textContent: `${staff.staff_id} · ${W[staff.role][lang]}` }),
    el("span", { className: "hint", textContent: fill(W.locksAt[lang], { time: locksAtTime }) }),
  );
  const buttons = el("div", { className: "actions" });
  if (actions.supervisor !== null) {
    const sup = actions.supervisor;
    const review = button(W.review[lang], "secondary", sup.review);
    review.id = "open-review";
    const settings = button(W.settings[lang], "secondary", sup.settings);
    settings.id = "open-settings";
    buttons.append(review, settings);
  }
  const lock = button(W.lock[lang], "primary", actions.lock);
  lock.id = "lock";
  const out = button(W.signOut[lang], "secondary", actions.signOut);
  out.id = "sign-out";
  buttons.append(lock, out);
  bar.append(who, buttons);
  if (actions.outage !== null) {
    const toggle = el("input", { id: "outage" });
    toggle.type = "checkbox";
    toggle.checked = actions.outage.on;
    const outage = actions.outage;
    toggle.addEventListener("change", () => outage.set(toggle.checked));
    const label = el("label", { className: "outage" });
    label.append(toggle, el("span", { textContent: W.outage[lang] }));
    bar.append(label);
  }
  if (problem) {
    bar.append(problemBox(problem));
  }
  return bar;
}

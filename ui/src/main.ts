import { invoke, isTauri } from "@tauri-apps/api/core";

import {
  type AppInfo,
  type AppInfoState,
  asCommandError,
  type StatusView,
  type Trilingual,
  loadAppInfo,
  statusView,
} from "./app-info";
import { type CounterView, isSessionRefusal, parseCounterView, refusal, type Staff } from "./counter";
import { createCustomerScreen } from "./customer";
import { firstRunScreen, type FirstRunState } from "./first-run";
import { createIdentifyScreen } from "./identify";
import { type Lang, LANGS, langTag } from "./i18n";
import { attachKioskKeys } from "./kiosk-keys";
import { createReviewScreen } from "./review";
import { attachScanner } from "./scanner";
import { type Screen, type ScreenContext } from "./screen";
import { sessionBar, signInScreen } from "./screens";
import { createSettingsScreen } from "./settings";
import { parseKioskStatus, statusBarView, timeOfDay } from "./status-bar";
import "./styles.css";

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) {
    throw new Error(`index.html lacks the #${id} element`);
  }
  return found;
}

const page = {
  start: element("start", HTMLElement),
  status: element("status", HTMLElement),
  message: element("status-message", HTMLParagraphElement),
  messageOther: element("status-message-other", HTMLParagraphElement),
  detail: element("status-detail", HTMLParagraphElement),
  retry: element("retry", HTMLButtonElement),
  version: element("version", HTMLSpanElement),
  demoMark: element("demo-mark", HTMLSpanElement),
  screen: element("screen", HTMLElement),
  statusBar: element("status-bar", HTMLElement),
  connection: element("status-connection", HTMLSpanElement),
  queue: element("status-queue", HTMLSpanElement),
  review: element("status-review", HTMLSpanElement),
  langs: element("langs", HTMLElement),
};

// English and Serbian follow the Albanian line in smaller type, each tagged with its language so
// that screen readers and hyphenation use the right rules.
function fillOtherLanguages(target: HTMLElement, text: Trilingual): void {
  const en = document.createElement("span");
  en.lang = "en";
  en.textContent = text.en;
  const sr = document.createElement("span");
  sr.lang = "sr-Cyrl";
  sr.textContent = text.sr;
  target.replaceChildren(en, sr);
}

// Text only, never innerHTML: the reason of a failure comes from outside the page.
function renderStart(view: StatusView): void {
  page.status.dataset.tone = view.tone;
  page.message.textContent = view.message.sq;
  fillOtherLanguages(page.messageOther, view.message);
  page.detail.hidden = view.detail === null;
  page.detail.textContent = view.detail ?? "";
  page.retry.hidden = !view.canRetry;
  page.version.hidden = view.version === null;
  page.version.textContent = view.version ? `${view.version.sq} · ${view.version.en} · ${view.version.sr}` : "";
  page.demoMark.hidden = !view.demo;
  document.body.classList.toggle("demo", view.demo);
}

/** Which screen a signed-in clerk sees when no customer is being served. */
type Route = "identify" | "review" | "settings";

/** What the counter screens show; changed only by the functions below. */
const ui: {
  lang: Lang;
  demo: boolean;
  view: CounterView;
  problem: { text: string; detail: string } | null;
  outage: boolean;
  /** The staff id last typed: a refused PIN must not make the clerk type it again. */
  typedStaffId: string;
  route: Route;
  /** The screen below the session bar, and what it was made for (a customer id, or the route). */
  screen: { key: string; screen: Screen } | null;
} = {
  lang: "sq",
  demo: false,
  view: { state: "signed_out" },
  problem: null,
  outage: false,
  typedStaffId: "",
  route: "identify",
  screen: null,
};

/** Runs a counter command; its answer is the new counter view, its refusal the screen's problem. */
async function counterCommand(command: string, args?: Record<string, unknown>): Promise<void> {
  try {
    ui.view = parseCounterView(await invoke<unknown>(command, args));
    ui.problem = null;
  } catch (error) {
    ui.problem = refusal(asCommandError(error), ui.lang);
  }
  renderScreen();
  void refreshStatus();
}

function signedInStaff(): Staff {
  if (ui.view.state !== "signed_in") {
    throw new Error("nobody is signed in");
  }
  return ui.view.staff;
}

const context: ScreenContext = {
  get demo() {
    return ui.demo;
  },
  lang: () => ui.lang,
  staff: signedInStaff,
  call: async <T>(command: string, args?: Record<string, unknown>): Promise<T> => {
    try {
      return await invoke<T>(command, args);
    } catch (error) {
      const refused = asCommandError(error);
      // Locked by the idle timer, signed out elsewhere: every screen follows the counter, here.
      if (isSessionRefusal(refused)) {
        void refreshCounter();
      }
      throw refused;
    }
  },
  counterChanged: () => refreshCounter(),
  statusChanged: () => void refreshStatus(),
  rerender: scheduleRender,
};

let renderScheduled = false;

/** A screen may ask while it is being made (before main.ts holds it): render once, afterwards. */
function scheduleRender(): void {
  if (!renderScheduled) {
    renderScheduled = true;
    queueMicrotask(() => {
      renderScheduled = false;
      renderScreen();
    });
  }
}

function go(route: Route): void {
  ui.route = route;
  renderScreen();
}

/** The screen for the counter's state: made anew when what it is for changes, kept otherwise. */
function currentScreen(view: Extract<CounterView, { state: "signed_in" }>): Screen {
  if (view.staff.role !== "supervisor" && ui.route !== "identify") {
    ui.route = "identify";
  }
  const key = view.customerId !== null ? `customer:${view.customerId}` : ui.route;
  if (ui.screen?.key !== key) {
    ui.screen?.screen.dispose?.();
    const back = (): void => go("identify");
    let screen: Screen;
    if (view.customerId !== null) {
      screen = createCustomerScreen(context, view.customerId);
    } else if (ui.route === "review") {
      screen = createReviewScreen(context, back);
    } else if (ui.route === "settings") {
      screen = createSettingsScreen(context, back);
    } else {
      screen = createIdentifyScreen(context);
    }
    ui.screen = { key, screen };
  }
  return ui.screen.screen;
}

/** Signed out or locked: no screen keeps anything of the customer. */
function dropScreen(): void {
  ui.screen?.screen.dispose?.();
  ui.screen = null;
  ui.route = "identify";
}

function renderScreen(): void {
  const v = ui.view;
  if (v.state === "signed_in") {
    const outage = ui.demo
      ? {
          on: ui.outage,
          set: (on: boolean) => {
            ui.outage = on;
            invoke("simulate_outage", { on }).finally(() => void refreshStatus());
          },
        }
      : null;
    const supervisor =
      v.staff.role === "supervisor" ? { review: () => go("review"), settings: () => go("settings") } : null;
    const bar = sessionBar(
      v.staff,
      timeOfDay(v.locksAt, ui.lang),
      ui.lang,
      {
        lock: () => void counterCommand("lock_screen"),
        signOut: () => void counterCommand("sign_out"),
        outage,
        supervisor,
      },
      ui.problem,
    );
    page.screen.replaceChildren(bar, currentScreen(v).render(ui.lang));
  } else {
    dropScreen();
    page.screen.replaceChildren(
      signInScreen(
        v,
        ui.lang,
        {
          signIn: (staffId, pin) => {
            ui.typedStaffId = staffId;
            void counterCommand("sign_in", { staffId, pin });
          },
        },
        ui.problem,
        ui.typedStaffId,
      ),
    );
  }
}

async function refreshStatus(): Promise<void> {
  try {
    const bar = statusBarView(parseKioskStatus(await invoke<unknown>("kiosk_status")), ui.lang);
    page.connection.textContent = bar.connection.text;
    page.connection.dataset.tone = bar.connection.tone;
    page.queue.textContent = bar.queue.text;
    page.queue.dataset.tone = bar.queue.tone;
    page.review.hidden = bar.review === null;
    page.review.textContent = bar.review ?? "";
  } catch (error) {
    page.connection.textContent = asCommandError(error).message;
    page.connection.dataset.tone = "warning";
  }
}

/** The idle lock lives in Rust; asking is enough for it to happen on time. */
async function refreshCounter(): Promise<void> {
  try {
    const view = parseCounterView(await invoke<unknown>("counter_view"));
    const changed = JSON.stringify(view) !== JSON.stringify(ui.view);
    ui.view = view;
    if (changed) {
      renderScreen();
    }
  } catch (error) {
    ui.problem = refusal(asCommandError(error), ui.lang);
    renderScreen();
  }
}

function setLang(lang: Lang): void {
  ui.lang = lang;
  document.documentElement.lang = langTag(lang);
  for (const button of page.langs.querySelectorAll("button")) {
    button.setAttribute("aria-pressed", String(button.dataset.lang === lang));
  }
  if (firstRun !== null) {
    renderFirstRun();
    return;
  }
  renderScreen();
  void refreshStatus();
}

/** Set while the first-run screen shows: the kiosk is not enrolled yet. */
let firstRun: FirstRunState | null = null;

function renderFirstRun(): void {
  if (firstRun === null) {
    return;
  }
  const state = firstRun;
  page.screen.replaceChildren(
    firstRunScreen(state, ui.lang, (storeCode, secret, deviceName) => {
      state.busy = true;
      state.problem = null;
      renderFirstRun();
      invoke("enroll_kiosk", { storeCode, secret, deviceName: deviceName || null })
        .then(() => {
          firstRun = null;
          beginCounter();
        })
        .catch((error: unknown) => {
          state.busy = false;
          state.problem = refusal(asCommandError(error), ui.lang);
          renderFirstRun();
        });
    }),
  );
}

function startCounter(info: AppInfo): void {
  ui.demo = info.demo;
  page.start.hidden = true;
  page.screen.hidden = false;
  page.statusBar.hidden = false;
  page.langs.hidden = false;
  for (const lang of LANGS) {
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.lang = lang;
    button.textContent = lang.toUpperCase();
    button.addEventListener("click", () => setLang(lang));
    page.langs.append(button);
  }
  ui.lang = info.language ?? "sq";
  if (!info.demo && info.enrolled === false) {
    firstRun = { storeCode: info.storeCode ?? "", deviceName: "", busy: false, problem: null };
    setLang(ui.lang);
    return;
  }
  beginCounter();
}

function beginCounter(): void {
  setLang(ui.lang);
  void refreshCounter();
  // The scanner types wherever focus is; the screen showing decides what a zone means.
  attachScanner(window, (zone) => {
    if (ui.view.state === "signed_in") {
      ui.screen?.screen.onScan?.(zone);
    }
  });
  window.setInterval(() => void refreshStatus(), 5_000);
  window.setInterval(() => void refreshCounter(), 10_000);
}

async function refresh(): Promise<void> {
  page.retry.disabled = true;
  renderStart(statusView({ kind: "loading" }));
  const state: AppInfoState = await loadAppInfo({ isTauri, invoke: (command) => invoke<unknown>(command) });
  renderStart(statusView(state));
  page.retry.disabled = false;
  if (state.kind === "ready" && state.info.problem === null) {
    startCounter(state.info);
  }
}

page.retry.addEventListener("click", () => {
  void refresh();
});

// No context menu and no browser shortcuts on a counter screen (kiosk behaviour).
document.addEventListener("contextmenu", (event) => event.preventDefault());
attachKioskKeys(window);

void refresh();

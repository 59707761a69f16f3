import { invoke, isTauri } from "@tauri-apps/api/core";

import { type AppInfoState, type StatusView, type Trilingual, loadAppInfo, statusView } from "./app-info";
import "./styles.css";

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) {
    throw new Error(`index.html lacks the #${id} element`);
  }
  return found;
}

const page = {
  status: element("status", HTMLElement),
  message: element("status-message", HTMLParagraphElement),
  messageOther: element("status-message-other", HTMLParagraphElement),
  detail: element("status-detail", HTMLParagraphElement),
  retry: element("retry", HTMLButtonElement),
  version: element("version", HTMLSpanElement),
  demoMark: element("demo-mark", HTMLSpanElement),
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
function render(view: StatusView): void {
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

async function refresh(): Promise<void> {
  page.retry.disabled = true;
  render(statusView({ kind: "loading" }));
  const state: AppInfoState = await loadAppInfo({ isTauri, invoke: (command) => invoke<unknown>(command) });
  render(statusView(state));
  page.retry.disabled = false;
}

page.retry.addEventListener("click", () => {
  void refresh();
});

void refresh();

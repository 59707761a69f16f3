// The first-run screen of a new kiosk: enrol it with IPKO's central API as a device of its store
// (what `kioskctl enroll` does), with the one-time secret IPKO's IT issued. The central API's
// address comes from the settings file; nobody can sign in before this, since the staff list comes
// with the enrolment.

import { button, el, field, problemBox } from "./dom";
import { fill, type Lang, type Text } from "./i18n";

const W = {
  title: { sq: "Regjistrimi i kioskës", en: "Enrol this kiosk", sr: "Регистрација киоска" },
  intro: {
    sq: "Kjo kioskë ende nuk është e regjistruar në sistemin qendror të IPKO-s. IT-ja e dyqanit e regjistron një herë me sekretin e dhënë nga IPKO.",
    en: "This kiosk is not enrolled with IPKO's central system yet. Store IT enrols it once, with the secret IPKO issued.",
    sr: "Овај киоск још није регистрован у централном систему IPKO-а. ИТ продавнице га региструје једном, тајном коју је издао IPKO.",
  },
  store: { sq: "Kodi i dyqanit", en: "Store code", sr: "Шифра продавнице" },
  secret: { sq: "Sekreti i regjistrimit", en: "Enrolment secret", sr: "Тајна за регистрацију" },
  device: { sq: "Emri i kësaj kioske (opsional)", en: "This kiosk's name (optional)", sr: "Назив овог киоска (опционо)" },
  enrol: { sq: "Regjistro", en: "Enrol", sr: "Региструј" },
  enrolling: { sq: "Duke regjistruar…", en: "Enrolling…", sr: "Регистрација…" },
  missing: {
    sq: "Shkruani kodin e dyqanit dhe sekretin.",
    en: "Type the store code and the secret.",
    sr: "Унесите шифру продавнице и тајну.",
  },
  done: {
    sq: "U regjistrua si pajisje e dyqanit {store}.",
    en: "Enrolled as a device of store {store}.",
    sr: "Регистровано као уређај продавнице {store}.",
  },
} satisfies Record<string, Text>;

export interface FirstRunState {
  storeCode: string;
  deviceName: string;
  busy: boolean;
  problem: { text: string; detail: string } | null;
}

export function firstRunScreen(
  state: FirstRunState,
  lang: Lang,
  enrol: (storeCode: string, secret: string, deviceName: string) => void,
): HTMLElement {
  const form = el("form", { className: "card first-run" });
  form.append(el("h1", { textContent: W.title[lang] }), el("p", { className: "hint", textContent: W.intro[lang] }));
  const store = el("input", { id: "enrol-store" });
  store.value = state.storeCode;
  store.autocapitalize = "characters";
  store.spellcheck = false;
  store.maxLength = 64;
  const secret = el("input", { id: "enrol-secret" });
  secret.type = "password";
  secret.autocomplete = "off";
  secret.maxLength = 256;
  const device = el("input", { id: "enrol-device" });
  device.value = state.deviceName;
  device.maxLength = 100;
  form.append(field(W.store[lang], store), field(W.secret[lang], secret), field(W.device[lang], device));
  if (state.problem) {
    form.append(problemBox(state.problem));
  }
  const submit = button(state.busy ? W.enrolling[lang] : W.enrol[lang], "primary", () => undefined);
  submit.type = "submit";
  submit.disabled = state.busy;
  form.append(submit);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    state.storeCode = store.value;
    state.deviceName = device.value;
    if (store.value.trim() === "" || secret.value === "") {
      state.problem = { text: W.missing[lang], detail: "" };
      form.replaceWith(firstRunScreen(state, lang, enrol));
      return;
    }
    enrol(store.value.trim(), secret.value, device.value.trim());
  });
  queueMicrotask(() => (store.value === "" ? store : secret).focus());
  return form;
}

export function enrolledText(storeCode: string, lang: Lang): string {
  return fill(W.done[lang], { store: storeCode });
}

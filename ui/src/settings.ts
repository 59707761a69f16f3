// A supervisor's settings screen: where the settings file is and which central system, store and
// device this kiosk belongs to (store IT's, read only), and what a supervisor may change: the
// printer, the automatic lock and the language the kiosk starts in. Rust checks the role and the
// values again on saving. State and words live in settings-state.ts; this module only draws them.

import { type CommandError } from "./app-info";
import { button, el, problemBox } from "./dom";
import { fill, type Lang, LANGS, type Text } from "./i18n";
import { type Screen, type ScreenContext } from "./screen";
import {
  checkForm,
  formFrom,
  type FormProblem,
  formProblemText,
  isChanged,
  LANGUAGE_NAMES,
  parseSettingsView,
  printerOptions,
  type SettingsAction,
  type SettingsChange,
  type SettingsForm,
  settingsRefusal,
  type SettingsView,
  savedFrom,
} from "./settings-state";

const W = {
  title: { sq: "Cilësimet", en: "Settings", sr: "Подешавања" },
  loading: { sq: "Duke lexuar cilësimet…", en: "Reading the settings…", sr: "Учитавање подешавања…" },
  tryAgain: { sq: "Provo përsëri", en: "Try again", sr: "Покушај поново" },
  back: { sq: "Kthehu", en: "Back", sr: "Назад" },
  kiosk: { sq: "Kjo kioskë", en: "This kiosk", sr: "Овај киоск" },
  kioskHint: {
    sq: "Këto i ndryshon IT-ja e dyqanit në skedarin e cilësimeve.",
    en: "Store IT changes these in the settings file.",
    sr: "Ово мења ИТ продавнице у датотеци подешавања.",
  },
  file: { sq: "Skedari i cilësimeve", en: "Settings file", sr: "Датотека подешавања" },
  central: { sq: "Sistemi qendror", en: "Central system", sr: "Централни систем" },
  store: { sq: "Dyqani", en: "Store", sr: "Продавница" },
  device: { sq: "Pajisja", en: "Device", sr: "Уређај" },
  notSet: { sq: "nuk është caktuar", en: "not set", sr: "није подешено" },
  notEnrolled: { sq: "ende e paregjistruar", en: "not enrolled yet", sr: "још није регистрован" },
  demo: {
    sq: "DEMO: të dhëna fiktive, sistemi qendror i demos në këtë kompjuter",
    en: "DEMO: fictional data, the demo's central system on this computer",
    sr: "ДЕМО: измишљени подаци, демо централни систем на овом рачунару",
  },
  change: { sq: "Çfarë mund të ndryshoni", en: "What you can change", sr: "Шта можете да промените" },
  printer: { sq: "Printeri për dokumentet", en: "Printer for the printouts", sr: "Штампач за документе" },
  idle: {
    sq: "Kyçja automatike e ekranit pas (minuta pa përdorim)",
    en: "Lock the screen automatically after (minutes unused)",
    sr: "Аутоматски закључај екран после (минута некоришћења)",
  },
  idleHint: {
    sq: "Nga {min} deri në {max} minuta.",
    en: "From {min} to {max} minutes.",
    sr: "Од {min} до {max} минута.",
  },
  language: {
    sq: "Gjuha me të cilën niset kioska",
    en: "The language the kiosk starts in",
    sr: "Језик на ком се киоск покреће",
  },
  save: { sq: "Ruaj", en: "Save", sr: "Сачувај" },
  saving: { sq: "Duke ruajtur…", en: "Saving…", sr: "Чување…" },
  saved: {
    sq: "Cilësimet u ruajtën. Kyçja automatike vlen që tani; gjuha, herën tjetër që niset kioska.",
    en: "The settings were saved. The automatic lock applies from now on; the language, the next time the kiosk starts.",
    sr: "Подешавања су сачувана. Аутоматско закључавање важи одмах; језик, при следећем покретању киоска.",
  },
  warning: { sq: "Kujdes", en: "Attention", sr: "Пажња" },
} satisfies Record<string, Text>;

interface State {
  phase: "loading" | "ready" | "failed";
  view: SettingsView | null;
  loadError: CommandError | null;
  form: SettingsForm;
  /** What Rust holds now: the form is compared with it to know whether "saved" still holds. */
  saved: SettingsChange | null;
  problem: FormProblem | null;
  saving: boolean;
  justSaved: boolean;
  saveError: CommandError | null;
}

function asError(error: unknown): CommandError {
  if (typeof error === "object" && error !== null && "code" in error && "message" in error) {
    const e = error as { code: unknown; message: unknown };
    if (typeof e.code === "string" && typeof e.message === "string") {
      return { code: e.code, message: e.message };
    }
  }
  return { code: "invalid_response", message: error instanceof Error ? error.message : String(error) };
}

export function createSettingsScreen(ctx: ScreenContext, back: () => void): Screen {
  const s: State = {
    phase: "loading",
    view: null,
    loadError: null,
    form: { printer: null, idleText: "", language: "sq" },
    saved: null,
    problem: null,
    saving: false,
    justSaved: false,
    saveError: null,
  };
  let disposed = false;
  let focusNext: string | null = null;
  let lastRoot: HTMLElement | null = null;

  const rerender = (): void => {
    if (!disposed) {
      ctx.rerender();
    }
  };

  /** Any edit: the confirmation of an earlier save no longer describes what is on screen. */
  const edited = (): void => {
    const wasSaved = s.justSaved;
    s.justSaved = false;
    if (wasSaved) {
      rerender();
    }
  };

  const load = async (): Promise<void> => {
    // Never a render from here on the first load: that runs while main.ts is still creating this
    // screen, and a render would create another.
    if (s.phase !== "loading") {
      s.phase = "loading";
      rerender();
    }
    try {
      const view = parseSettingsView(await ctx.call<unknown>("settings_view"));
      if (disposed) {
        return;
      }
      s.view = view;
      s.form = formFrom(view);
      s.saved = savedFrom(view);
      s.phase = "ready";
      s.loadError = null;
    } catch (error) {
      if (disposed) {
        return;
      }
      s.loadError = asError(error);
      s.phase = "failed";
    }
    rerender();
  };

  const save = async (): Promise<void> => {
    if (s.view === null || s.saving) {
      return;
    }
    const checked = checkForm(s.form, s.view.idle_lock_range);
    s.saveError = null;
    s.justSaved = false;
    if (!checked.ok) {
      s.problem = checked.problem;
      focusNext = "idle-lock";
      rerender();
      return;
    }
    s.problem = null;
    s.saving = true;
    rerender();
    try {
      await ctx.call<unknown>("save_settings", { change: checked.change });
      if (disposed) {
        return;
      }
      s.saved = checked.change;
      s.view = {
        ...s.view,
        printer: checked.change.printer,
        idle_lock_minutes: checked.change.idle_lock_minutes,
        language: checked.change.language,
      };
      s.form.idleText = String(checked.change.idle_lock_minutes);
      s.justSaved = true;
      focusNext = "settings-saved";
      // The automatic lock's time in the session bar follows the new minutes.
      void ctx.counterChanged();
    } catch (error) {
      if (disposed) {
        return;
      }
      s.saveError = asError(error);
      focusNext = "settings-error";
    } finally {
      s.saving = false;
    }
    rerender();
  };

  void load();

  // -------------------------------------------------------------------------------------------

  const refusal = (error: CommandError, action: SettingsAction, lang: Lang, id: string): HTMLElement => {
    const box = problemBox(settingsRefusal(error, action, lang));
    box.id = id;
    box.tabIndex = -1;
    return box;
  };

  const kioskFacts = (view: SettingsView, lang: Lang): HTMLElement => {
    const section = el("section", { className: "sup-section" });
    section.setAttribute("aria-labelledby", "settings-kiosk-title");
    section.append(
      el("h2", { id: "settings-kiosk-title", textContent: W.kiosk[lang] }),
      el("p", { className: "hint", textContent: W.kioskHint[lang] }),
    );
    if (ctx.demo) {
      section.append(el("p", { className: "sup-demo", id: "settings-demo", textContent: W.demo[lang] }));
    }
    const list = el("dl", { className: "sup-facts" });
    const add = (term: string, value: string, id: string, verbatim = false): void => {
      const dd = el("dd", { id, textContent: value });
      if (verbatim) {
        // Paths and addresses are copied by store IT: left to right, selectable.
        dd.dir = "ltr";
        dd.classList.add("sup-verbatim");
      }
      list.append(el("dt", { textContent: term }), dd);
    };
    const e = view.enrolment;
    add(W.file[lang], view.path, "settings-path", true);
    add(W.central[lang], e?.central_url ?? view.central_url ?? W.notSet[lang], "settings-central", true);
    const store = e !== null ? `${e.store_name} (${e.store_code})` : (view.store_code ?? W.notSet[lang]);
    add(W.store[lang], store, "settings-store");
    add(W.device[lang], e?.device_name ?? W.notEnrolled[lang], "settings-device");
    section.append(list);
    return section;
  };

  const printerList = (view: SettingsView, lang: Lang): HTMLElement => {
    const set = el("fieldset", { className: "sup-choices", id: "printer-choices" });
    set.append(el("legend", { textContent: W.printer[lang] }));
    printerOptions(view, s.form.printer, lang).forEach((option, index) => {
      const input = el("input", { id: `printer-${index}` });
      input.type = "radio";
      input.name = "printer";
      input.value = option.value ?? "";
      input.checked = option.value === s.form.printer;
      input.dataset.printer = option.value ?? "";
      input.addEventListener("change", () => {
        if (input.checked) {
          s.form.printer = option.value;
          edited();
        }
      });
      const label = el("label", { className: "sup-choice" });
      if (option.warning) {
        label.classList.add("sup-choice-warning");
      }
      const words = el("span", { className: "sup-choice-words" });
      words.append(el("span", { className: "sup-choice-name", textContent: option.label }));
      if (option.status !== null) {
        const status = el("span", {
          className: "sup-choice-status",
          textContent: option.warning ? `${W.warning[lang]}: ${option.status}` : option.status,
        });
        words.append(status);
      }
      if (option.detail !== null) {
        const detail = el("span", { className: "problem-detail", textContent: option.detail });
        detail.lang = "en";
        words.append(detail);
      }
      label.append(input, words);
      set.append(label);
    });
    if (view.printers_problem !== null) {
      set.append(refusal(view.printers_problem, "printers", lang, "printers-problem"));
    }
    return set;
  };

  const idleField = (view: SettingsView, lang: Lang): HTMLElement => {
    const [min, max] = view.idle_lock_range;
    const wrap = el("label", { className: "field sup-idle" });
    const input = el("input", { id: "idle-lock" });
    // Text, not a number input: what was typed, even "99" or "ten", stays as typed to be corrected.
    input.type = "text";
    input.inputMode = "numeric";
    input.autocomplete = "off";
    input.maxLength = 6;
    input.value = s.form.idleText;
    input.setAttribute("aria-describedby", s.problem !== null ? "idle-lock-hint idle-lock-problem" : "idle-lock-hint");
    input.addEventListener("input", () => {
      s.form.idleText = input.value;
      edited();
    });
    wrap.append(
      el("span", { className: "field-label", textContent: W.idle[lang] }),
      input,
      el("span", { className: "hint", id: "idle-lock-hint", textContent: fill(W.idleHint[lang], { min, max }) }),
    );
    if (s.problem !== null) {
      input.setAttribute("aria-invalid", "true");
      const p = el("span", {
        className: "sup-field-problem",
        id: "idle-lock-problem",
        textContent: formProblemText(s.problem, lang),
      });
      p.setAttribute("role", "alert");
      wrap.append(p);
    }
    return wrap;
  };

  const languageList = (lang: Lang): HTMLElement => {
    const set = el("fieldset", { className: "sup-choices sup-langs", id: "language-choices" });
    set.append(el("legend", { textContent: W.language[lang] }));
    for (const l of LANGS) {
      const input = el("input", { id: `language-${l}` });
      input.type = "radio";
      input.name = "language";
      input.value = l;
      input.checked = s.form.language === l;
      input.addEventListener("change", () => {
        if (input.checked) {
          s.form.language = l;
          edited();
        }
      });
      const label = el("label", { className: "sup-choice" });
      const name = el("span", { className: "sup-choice-name", textContent: LANGUAGE_NAMES[l][lang] });
      name.lang = l === "sr" ? "sr-Cyrl" : l;
      label.append(input, name);
      set.append(label);
    }
    return set;
  };

  const form = (view: SettingsView, lang: Lang): HTMLElement => {
    const f = el("form", { className: "sup-section sup-form", id: "settings-form" });
    f.noValidate = true;
    f.setAttribute("aria-labelledby", "settings-change-title");
    f.append(el("h2", { id: "settings-change-title", textContent: W.change[lang] }));
    f.append(printerList(view, lang), idleField(view, lang), languageList(lang));
    if (s.justSaved && s.saved !== null && !isChanged(s.form, s.saved)) {
      const ok = el("p", { className: "sup-ok", id: "settings-saved", textContent: W.saved[lang] });
      ok.setAttribute("role", "status");
      ok.tabIndex = -1;
      f.append(ok);
    }
    if (s.saveError !== null) {
      f.append(refusal(s.saveError, "save", lang, "settings-error"));
    }
    const actions = el("div", { className: "actions" });
    const submit = el("button", {
      className: "primary",
      id: "settings-save",
      textContent: s.saving ? W.saving[lang] : W.save[lang],
    });
    submit.type = "submit";
    submit.disabled = s.saving;
    actions.append(submit);
    f.append(actions);
    f.addEventListener("submit", (event) => {
      event.preventDefault();
      void save();
    });
    return f;
  };

  const build = (lang: Lang): HTMLElement => {
    const root = el("section", { className: "card supervisor settings" });
    root.setAttribute("aria-labelledby", "settings-title");
    root.setAttribute("aria-busy", String(s.phase === "loading" || s.saving));
    const head = el("div", { className: "sup-head" });
    const backButton = button(W.back[lang], "secondary", back);
    backButton.id = "settings-back";
    head.append(el("h1", { id: "settings-title", textContent: W.title[lang] }), backButton);
    root.append(head);
    if (s.phase === "loading") {
      const p = el("p", { className: "sup-loading", textContent: W.loading[lang] });
      p.setAttribute("role", "status");
      root.append(p);
    } else if (s.phase === "failed" || s.view === null) {
      const again = button(W.tryAgain[lang], "secondary", () => {
        focusNext = "settings-reload";
        void load();
      });
      again.id = "settings-reload";
      const wrap = el("div", { className: "sup-failed" });
      const error = s.loadError ?? { code: "invalid_response", message: "" };
      wrap.append(refusal(error, "load", lang, "settings-load-error"), again);
      root.append(wrap);
    } else {
      root.append(kioskFacts(s.view, lang), form(s.view, lang));
    }
    return root;
  };

  return {
    render(lang: Lang): HTMLElement {
      // main.ts builds the page anew on every render: the focus and the caret must come back, or a
      // keyboard user starts from the top (and loses the place in what they type).
      const active = document.activeElement;
      const inside = lastRoot !== null && active instanceof HTMLElement && lastRoot.contains(active);
      const kept = inside && active.id !== "" ? active : null;
      const target = focusNext ?? kept?.id ?? null;
      const caret: [number | null, number | null] | null =
        focusNext === null && kept instanceof HTMLInputElement && kept.type === "text"
          ? [kept.selectionStart, kept.selectionEnd]
          : null;
      focusNext = null;
      const root = build(lang);
      lastRoot = root;
      if (target !== null) {
        queueMicrotask(() => {
          const next = document.getElementById(target);
          if (next instanceof HTMLButtonElement && next.disabled) {
            return;
          }
          next?.focus();
          if (caret !== null && next instanceof HTMLInputElement) {
            next.setSelectionRange(caret[0], caret[1]);
          }
        });
      }
      return root;
    },
    dispose(): void {
      disposed = true;
    },
  };
}

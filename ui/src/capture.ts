// The signed captures on the customer screen: consent, correction, rights requests. Each goes
// form → review and signature → saved (with its receipt to print). The logic and the words are in
// capture-state.ts; Rust checks and saves (src-tauri/src/commands/capture.rs). The signature pad
// is one element kept across the screen's rebuilds (a rebuild must not wipe what the customer
// drew), dropped with the capture. With the customer's window open, the customer reads, chooses and
// signs there, and this screen follows their steps by asking Rust (never seeing the pad before it
// is handed in).

import { asCommandError, type CommandError } from "./app-info";
import {
  C,
  captureProblem,
  type CheckedCorrection,
  type CheckedRequest,
  choiceKey,
  type Choice,
  consentChoices,
  type ConsentForm,
  correctionSummary,
  type CorrectionForm,
  currentStates,
  dueText,
  emptyRequest,
  expressedByText,
  formSlots,
  initialTicks,
  parseCheckedCorrection,
  parseCheckedRequest,
  parseConsentForm,
  parseCorrectionForm,
  parseRequestForm,
  parseSavedChange,
  problemField,
  type RequestField,
  type RequestFields,
  requestDraft,
  type RequestForm,
  requestProblem,
  requestSummary,
  reviewGroups,
  type SavedChange,
  signatureOrRefusal,
  toggle,
} from "./capture-state";
import { consentReview, fieldProblem, savedFacts, summaryTable } from "./capture-views";
import { type CustomerOffer, type HandoffStep } from "./customer-offer";
import { button, el, field, problemBox } from "./dom";
import { type CustomerHandoff, offerToCustomer as offerHandoff, openCustomerDisplay, renderHandoffProgress } from "./handoff";
import { fill, type Lang } from "./i18n";
import { IDLE, isPrinting, nextPrintState, POLL_MS, type PrintEvent, type PrintState, printView, shouldPoll } from "./print-progress";
import { parseJobStatus, parsePrintJob } from "./report";
import { type ScreenContext } from "./screen";
import { type Signature, signatureField, type SignatureField } from "./signature";
import { parseKioskStatus } from "./status-bar";
import { localTime } from "./traffic";
import { policyText, termLabel, type Vocabulary } from "./vocabulary";

export type CaptureKind = "consent" | "correction" | "request";

export interface CapturePanel {
  render(lang: Lang): HTMLElement[];
  /** The control to focus after this render (a new step, a field in error), once; else null. */
  takeFocus(): string | null;
  dispose(): void;
}

type Step =
  | { kind: "loading" }
  | { kind: "failed"; problem: CommandError }
  | { kind: "edit" }
  | { kind: "sign" }
  | { kind: "saving" }
  | { kind: "saved"; saved: SavedChange; offline: boolean };

/** What the customer's window is doing for this capture. */
interface Handoff {
  offerId: string;
  step: HandoffStep;
  /** What the customer handed in (their choices for a consent, and the signature). */
  submitted: { choices: Choice[] | null; signature: Signature } | null;
}

function problemOf(error: unknown): CommandError {
  return error instanceof Error ? { code: "ipc", message: error.message } : asCommandError(error);
}

export function createCapturePanel(ctx: ScreenContext, kind: CaptureKind, vocabulary: Vocabulary, repaint: () => void): CapturePanel {
  const s: {
    step: Step;
    problem: CommandError | null;
    consent: { form: ConsentForm; ticks: Set<string>; withdrawal: Choice | null } | null;
    correction: { form: CorrectionForm; field: string; newValue: string; reason: string; checked: CheckedCorrection | null } | null;
    request: { form: RequestForm; fields: RequestFields; checked: CheckedRequest | null } | null;
    print: PrintState;
    handoff: Handoff | null;
  } = { step: { kind: "loading" }, problem: null, consent: null, correction: null, request: null, print: IDLE, handoff: null };
  let disposed = false;
  let pad: { box: HTMLElement; field: SignatureField } | null = null;
  let pollTimer = 0;
  /** The offer on the customer's window, followed by handoff.ts. */
  let following: CustomerHandoff | null = null;
  /** The language the notice was last asked in (a switch asks once). */
  let asked: Lang | null = null;
  /** Where the focus goes after the next render (taken once by the customer screen). */
  let focus: string | null = null;
  /** The request field the problem is about, when it is one (the correction's: problemField). */
  let problemAt: RequestField | null = null;
  const v = vocabulary;

  function paint(): void {
    if (!disposed) repaint();
  }

  // --- Commands ---------------------------------------------------------------------------------

  async function load(): Promise<void> {
    // The panel starts loading while the customer screen builds it: no repaint from inside that.
    const repaintNow = s.step.kind !== "loading";
    s.step = { kind: "loading" };
    s.problem = null;
    if (repaintNow) paint();
    try {
      if (kind === "consent") {
        const form = parseConsentForm(await ctx.call("consent_form", { lang: ctx.lang() }));
        s.consent = { form, ticks: initialTicks(form.current), withdrawal: null };
      } else if (kind === "correction") {
        const form = parseCorrectionForm(await ctx.call("correction_form"));
        s.correction = { form, field: form.fields[0]?.field ?? "first_name", newValue: "", reason: "", checked: null };
      } else {
        const form = parseRequestForm(await ctx.call("rights_request_form"));
        const first = form.kinds.find((k) => k.available)?.kind ?? "access";
        s.request = { form, fields: emptyRequest(first), checked: null };
      }
      if (!disposed) s.step = { kind: "edit" };
    } catch (error) {
      if (!disposed) s.step = { kind: "failed", problem: problemOf(error) };
    }
    paint();
  }

  async function toSign(): Promise<void> {
    s.problem = null;
    problemAt = null;
    if (kind === "request" && s.request !== null) {
      const missing = requestProblem(s.request.fields);
      if (missing !== null) {
        s.problem = missing.problem;
        problemAt = missing.field;
        focus = missing.field;
        paint();
        return;
      }
    }
    try {
      if (kind === "correction" && s.correction !== null) {
        const c = s.correction;
        c.checked = parseCheckedCorrection(await ctx.call("check_correction", { field: c.field, newValue: c.newValue, reason: c.reason }));
      } else if (kind === "request" && s.request !== null) {
        s.request.checked = parseCheckedRequest(await ctx.call("check_rights_request", { draft: requestDraft(s.request.fields) }));
      }
      s.step = { kind: "sign" };
      focus = "capture-review-title";
    } catch (error) {
      s.problem = problemOf(error);
      const bad = problemField(s.problem.code);
      focus = bad === "value" ? "correction-value" : bad === "reason" ? "correction-reason" : null;
    }
    paint();
  }

  /** From the review back to the form, as it was filled in (Escape does the same). */
  function back(): void {
    if (s.handoff !== null) void withdrawOffer();
    dropPad();
    s.problem = null;
    s.step = { kind: "edit" };
    focus = "capture-next";
    paint();
  }

  /** The consent record the customer signs: the whole form, or the one withdrawal. */
  function consentRecord(): Choice[] {
    const c = s.consent;
    if (c === null) return [];
    if (c.withdrawal !== null) return [c.withdrawal];
    return consentChoices(v, c.ticks, c.form.current);
  }

  async function save(): Promise<void> {
    const handed = s.handoff?.submitted ?? null;
    const drawn = handed !== null ? { signature: handed.signature } : signatureOrRefusal(pad?.field.signature() ?? null);
    if ("refusal" in drawn) {
      s.problem = drawn.refusal;
      paint();
      return;
    }
    s.step = { kind: "saving" };
    s.problem = null;
    paint();
    try {
      let answer: unknown;
      if (kind === "consent" && s.consent !== null) {
        const n = s.consent.form.notice;
        const choices = handed?.choices ?? consentRecord();
        answer = await ctx.call("save_consent", {
          draft: { lang: n.lang, notice_id: n.notice_id, notice_version: n.version, notice_sha256: n.text_sha256, choices, signature: drawn.signature },
        });
      } else if (kind === "correction" && s.correction !== null) {
        const c = s.correction;
        answer = await ctx.call("save_correction", { field: c.field, newValue: c.newValue, reason: c.reason, signature: drawn.signature });
      } else if (s.request !== null) {
        answer = await ctx.call("save_rights_request", { draft: requestDraft(s.request.fields), signature: drawn.signature });
      }
      const saved = parseSavedChange(answer);
      ctx.statusChanged();
      dropPad();
      s.handoff = null;
      s.step = { kind: "saved", saved, offline: await isOffline() };
      focus = "print-receipt";
    } catch (error) {
      s.step = { kind: "sign" };
      s.problem = problemOf(error);
    }
    paint();
  }

  async function isOffline(): Promise<boolean> {
    try {
      const status = parseKioskStatus(await ctx.call("kiosk_status"));
      return status.sync?.connectivity.state !== "online";
    } catch {
      return true;
    }
  }

  function dispatch(event: PrintEvent): void {
    s.print = nextPrintState(s.print, event, Date.now());
    paint();
  }

  async function printReceipt(mutationId: string): Promise<void> {
    if (isPrinting(s.print)) return;
    dispatch({ type: "start" });
    try {
      const job = parsePrintJob(await ctx.call("print_receipt", { mutationId, lang: ctx.lang() }));
      if (disposed) return;
      dispatch({ type: "accepted", job });
      ctx.statusChanged();
      pollTimer = window.setTimeout(() => void poll(), POLL_MS);
    } catch (error) {
      if (!disposed) dispatch({ type: "refused", problem: problemOf(error) });
    }
  }

  async function poll(): Promise<void> {
    pollTimer = 0;
    if (disposed || !shouldPoll(s.print)) return;
    dispatch({ type: "tick" });
    const state = s.print;
    if (!shouldPoll(state)) return;
    try {
      const status = parseJobStatus(await ctx.call("print_job_state", { jobId: state.job.job_id }));
      if (!disposed) dispatch({ type: "status", status });
    } catch (error) {
      if (!disposed) dispatch({ type: "poll_failed", problem: problemOf(error) });
    }
    if (shouldPoll(s.print)) pollTimer = window.setTimeout(() => void poll(), POLL_MS);
  }

  function restart(): void {
    dropPad();
    s.print = IDLE;
    s.handoff = null;
    s.consent = null;
    s.correction = null;
    s.request = null;
    void load();
  }

  // --- The customer's window (handoff.ts) -----------------------------------------------------

  function offer(lang: Lang): CustomerOffer {
    if (kind === "consent" && s.consent !== null) {
      const c = s.consent;
      return { kind: "consent", lang, notice: c.form.notice, choices: consentRecord(), current: c.form.current };
    }
    return { kind: "sign", lang, title: signTitle(lang), lines: summaryLines(lang).map(([k, val]) => `${k}: ${val}`) };
  }

  async function offerToCustomer(): Promise<void> {
    s.problem = null;
    try {
      await openCustomerDisplay(ctx.call);
      following?.dispose();
      // The first step comes before the handle does: it is read from the handle below.
      let made: CustomerHandoff | null = null;
      const handoff = await offerHandoff(ctx.call, offer(ctx.lang()), (step) => {
        if (made !== null && s.handoff?.offerId === made.offerId) {
          s.handoff.step = step;
          paint();
        }
      });
      made = handoff;
      following = handoff;
      s.handoff = { offerId: handoff.offerId, step: handoff.step(), submitted: null };
      paint();
      const handed = await handoff.result();
      if (!disposed && s.handoff?.offerId === handoff.offerId) {
        s.handoff.submitted = { choices: handed.choices, signature: handed.signature };
      }
    } catch (error) {
      const problem = problemOf(error);
      // Withdrawn here, replaced, or gone with the customer: the pad is back on this screen.
      if (problem.code === "offer_gone") {
        s.handoff = null;
      } else {
        s.problem = problem;
      }
    }
    paint();
  }

  async function withdrawOffer(): Promise<void> {
    const handoff = following;
    following = null;
    s.handoff = null;
    try {
      await handoff?.withdraw();
    } catch (error) {
      s.problem = problemOf(error);
    }
    paint();
  }

  // --- The pad ----------------------------------------------------------------------------------

  function padElement(lang: Lang): HTMLElement {
    if (pad === null) {
      const box = el("div", { className: "signature-box", id: "signature-box" });
      // Focusable, so that after signing Enter saves and Escape goes back (the review's keys).
      box.tabIndex = -1;
      const canvas = el("canvas", { id: "signature-pad", className: "signature-pad" });
      canvas.setAttribute("role", "img");
      box.append(canvas);
      // Measured once it is on the page (its CSS box gives the pad's size).
      const field = signatureField(canvas);
      field.onChange(() => {
        if (!field.isEmpty() && !box.contains(document.activeElement)) box.focus({ preventScroll: true });
        if (s.problem !== null && problemField(s.problem.code) === "signature") {
          s.problem = null;
          paint();
        }
      });
      pad = { box, field };
    }
    pad.box.querySelector("canvas")?.setAttribute("aria-label", C.signHere[lang]);
    return pad.box;
  }

  function dropPad(): void {
    pad?.field.dispose();
    pad = null;
  }

  // --- DOM --------------------------------------------------------------------------------------

  /** The notice is shown in the customer's language: a switch fetches it in the new one, and the
   * ticks stay. Only while the form is filled in (what is being signed does not change under the
   * customer's pen). */
  async function noticeIn(lang: Lang): Promise<void> {
    const c = s.consent;
    if (c === null) return;
    try {
      const form = parseConsentForm(await ctx.call("consent_form", { lang }));
      if (!disposed && s.consent === c) c.form = form;
    } catch (error) {
      s.problem = problemOf(error);
    }
    paint();
  }

  function render(lang: Lang): HTMLElement[] {
    const st = s.step;
    if (kind === "consent" && st.kind === "edit" && s.consent !== null && s.consent.form.notice.lang !== lang && asked !== lang) {
      asked = lang;
      void noticeIn(lang);
    }
    if (st.kind === "loading") {
      const wait = el("p", { className: "customer-loading", textContent: C.loading[lang] });
      wait.setAttribute("role", "status");
      return [wait];
    }
    if (st.kind === "failed") {
      const box = el("div", { className: "customer-failed" });
      const retry = button(C.retry[lang], "primary", () => void load());
      retry.id = "capture-retry";
      box.append(problemBox(captureProblem(st.problem, lang)), retry);
      return [box];
    }
    if (st.kind === "saved") return savedView(st.saved, st.offline, lang);
    const parts = st.kind === "edit" ? editView(lang) : signView(lang);
    // A problem of one field shows beside it (put there by the views); any other below the form.
    if (s.problem !== null && !parts.some((p) => p.querySelector("#capture-problem") !== null || p.id === "capture-problem")) {
      const box = problemBox(captureProblem(s.problem, lang));
      box.id = "capture-problem";
      parts.push(box);
    }
    const wrap = el("div", { className: "capture", id: `capture-${kind}` });
    wrap.append(...parts);
    wrap.addEventListener("keydown", (event) => onKey(event));
    return [wrap];
  }

  /**
   * The review's keys: Escape goes back to the form; Enter saves, unless a control has the focus
   * (a button presses itself). A form's Enter submits it (the browser's own).
   */
  function onKey(event: KeyboardEvent): void {
    if (s.step.kind !== "sign" || event.defaultPrevented) return;
    const target = event.target instanceof HTMLElement ? event.target : null;
    const control = target !== null && target.closest("button, input, select, textarea, a") !== null;
    if (event.key === "Escape") {
      event.preventDefault();
      back();
    } else if (event.key === "Enter" && !control) {
      event.preventDefault();
      void save();
    }
  }

  function editView(lang: Lang): HTMLElement[] {
    if (kind === "consent") return consentEdit(lang);
    if (kind === "correction") return correctionEdit(lang);
    return requestEdit(lang);
  }

  function who(lang: Lang): HTMLElement {
    const e = s.consent?.form.expressed_by ?? s.correction?.form.expressed_by ?? s.request?.form.expressed_by;
    return el("p", { className: "hint", textContent: e === undefined ? "" : expressedByText(e, lang) });
  }

  function actions(...buttons: HTMLElement[]): HTMLElement {
    const bar = el("div", { className: "capture-actions" });
    bar.append(...buttons);
    return bar;
  }

  function checkbox(id: string, label: string, checked: boolean, onChange: (on: boolean) => void): HTMLLabelElement {
    const box = el("input", { id });
    box.type = "checkbox";
    box.checked = checked;
    box.addEventListener("change", () => onChange(box.checked));
    const wrap = el("label", { className: "toggle" });
    wrap.append(box, el("span", { textContent: label }));
    return wrap;
  }

  function english(text: string): HTMLElement {
    const q = el("blockquote", { className: "policy-text", textContent: text });
    q.lang = "en";
    return q;
  }

  function consentEdit(lang: Lang): HTMLElement[] {
    const c = s.consent;
    if (c === null) return [];
    const n = c.form.notice;
    const notice = el("section", { className: "notice", id: "consent-notice" });
    notice.append(
      el("h2", { textContent: `${C.notice[lang]}: ${n.title}` }),
      el("p", { className: "hint", textContent: fill(C.noticeVersion[lang], { version: n.version, hash: n.text_sha256.slice(0, 12) }) }),
      el("div", { className: "notice-text", textContent: n.text }),
    );
    const parts: HTMLElement[] = [notice, who(lang)];
    if (c.form.current === null) parts.push(el("p", { className: "warning", id: "consent-unknown", textContent: C.currentUnknown[lang] }));
    else if (c.form.current.length === 0) parts.push(el("p", { className: "hint", id: "consent-new", textContent: C.newCustomer[lang] }));
    // A form: Enter continues to the review, as the button does.
    const form = el("form", { className: "consent-form", id: "consent-form" });
    form.noValidate = true;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      c.withdrawal = null;
      void toSign();
    });
    const now = currentStates(c.form.current);
    for (const p of v.consent_purposes) {
      const set = el("fieldset", { className: "consent-purpose" });
      set.append(el("legend", { textContent: p.label[lang] }));
      const quote = policyText(v, "consent_purposes", p.id);
      if (quote !== null) set.append(english(quote));
      if (p.profiles_with_traffic_and_location) set.append(el("p", { className: "warning", textContent: C.profiling[lang] }));
      const slots = formSlots(v).filter((slot) => slot.purpose === p.id);
      for (const slot of slots) {
        const key = choiceKey(slot.purpose, slot.channel);
        const label = slot.channel === null ? C.wholePurpose[lang] : termLabel(v, "channels", slot.channel, lang);
        const row = el("div", { className: "consent-choice" });
        row.append(
          checkbox(`consent-${key.replace("/", "-").replace("*", "all")}`, label, c.ticks.has(key), (on) => {
            if (on) c.ticks.add(key);
            else c.ticks.delete(key);
          }),
        );
        const onRecord = now.get(key);
        if (onRecord !== undefined) {
          const how = [onRecord.method, onRecord.store_code].filter((x) => x !== null && x !== "").join(" · ");
          row.append(
            el("span", {
              className: "consent-on-record",
              textContent:
                onRecord.state === "given"
                  ? fill(C.givenOn[lang], { when: localTime(onRecord.recorded_at), how })
                  : fill(C.stateOn[lang], { state: termLabel(v, "consent_states", onRecord.state, lang), when: localTime(onRecord.recorded_at) }),
            }),
          );
          if (onRecord.state === "given") {
            const w = button(C.withdraw[lang], "secondary", () => {
              c.withdrawal = { purpose: slot.purpose, channel: slot.channel, state: "withdrawn" };
              s.problem = null;
              s.step = { kind: "sign" };
              focus = "capture-review-title";
              paint();
            });
            w.id = `withdraw-${key.replace("/", "-").replace("*", "all")}`;
            row.append(w);
          }
        }
        set.append(row);
      }
      form.append(set);
    }
    const next = el("button", { id: "capture-next", className: "primary", textContent: C.toReview[lang] });
    next.type = "submit";
    form.append(actions(next));
    parts.push(form);
    return parts;
  }

  function correctionEdit(lang: Lang): HTMLElement[] {
    const c = s.correction;
    if (c === null) return [];
    const form = el("form", { className: "capture-form", id: "correction-form" });
    // Rust checks the value (the browser's own check of an e-mail field would speak its language).
    form.noValidate = true;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void toSign();
    });
    const select = el("select", { id: "correction-field" });
    for (const f of c.form.fields) {
      const o = el("option", { textContent: termLabel(v, "correctable_fields", f.field, lang) });
      o.value = f.field;
      o.selected = f.field === c.field;
      select.append(o);
    }
    select.addEventListener("change", () => {
      c.field = select.value;
      s.problem = null;
      paint();
    });
    const current = c.form.fields.find((f) => f.field === c.field)?.current ?? null;
    const value = el("input", { id: "correction-value" });
    value.type = c.field === "email" ? "email" : c.field === "contact_number" ? "tel" : "text";
    value.value = c.newValue;
    value.autocomplete = "off";
    value.addEventListener("input", () => (c.newValue = value.value));
    const reason = el("textarea", { id: "correction-reason" });
    reason.value = c.reason;
    reason.rows = 2;
    reason.addEventListener("input", () => (c.reason = reason.value));
    const go = el("button", { id: "capture-next", className: "primary", textContent: C.toReview[lang] });
    go.type = "submit";
    const valueField = field(C.newValue[lang], value);
    const reasonField = field(C.reason[lang], reason);
    const bad = s.problem === null ? null : problemField(s.problem.code);
    if (s.problem !== null && bad === "value") valueField.append(fieldProblem(value, s.problem, lang));
    if (s.problem !== null && bad === "reason") reasonField.append(fieldProblem(reason, s.problem, lang));
    form.append(
      field(C.field[lang], select),
      el("p", { className: "correction-old", id: "correction-old", textContent: `${C.onRecord[lang]}: ${current ?? C.nothingOnRecord[lang]}` }),
      valueField,
      reasonField,
      actions(go),
    );
    return [who(lang), form];
  }

  function requestEdit(lang: Lang): HTMLElement[] {
    const r = s.request;
    if (r === null) return [];
    const f = r.fields;
    const form = el("form", { className: "request-form", id: "request-form" });
    form.noValidate = true;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void toSign();
    });
    const kinds = el("fieldset", { className: "request-kinds" });
    kinds.append(el("legend", { textContent: C.kindOfRequest[lang] }));
    for (const k of r.form.kinds) {
      const radio = el("input", { id: `request-${k.kind}` });
      radio.type = "radio";
      radio.name = "request-kind";
      radio.checked = k.kind === f.kind;
      radio.disabled = !k.available;
      radio.addEventListener("change", () => {
        r.fields = { ...emptyRequest(k.kind), details: f.details };
        s.problem = null;
        problemAt = null;
        paint();
      });
      const label = el("label", { className: "toggle" });
      label.append(radio, el("span", { textContent: termLabel(v, "rights", k.kind, lang) }));
      if (!k.available) {
        // Why not, in the clerk's words where the kiosk knows the reason, else in Rust's.
        const why = el("span", { className: "unavailable", id: `request-${k.kind}-why` });
        if (k.kind === "marketing_suspension") why.textContent = C.unavailableBusiness[lang];
        else {
          why.textContent = k.unavailable ?? "";
          why.lang = "en";
        }
        radio.setAttribute("aria-describedby", why.id);
        label.append(why);
      }
      kinds.append(label);
    }
    form.append(kinds);
    const offer = r.form.kinds.find((k) => k.kind === f.kind);
    if (offer !== undefined) {
      form.append(el("p", { className: "due", id: "request-due", textContent: dueText(f.kind, offer.due_at, offer.latest_due_at, lang) }));
    }
    const box = el("div", { className: "capture-form" });
    /** A problem of `id` goes beside it. */
    const mark = (id: RequestField, wrap: HTMLElement, control: HTMLElement): void => {
      if (s.problem !== null && problemAt === id) wrap.append(fieldProblem(control, s.problem, lang));
    };
    /** A group of ticks with its label, its problem beside it. A tick does not rebuild the form, so
     * each reads the list as it is when ticked (`get`), not as it was when drawn. */
    const ticks = (id: RequestField, title: string, terms: Iterable<{ id: string; label: Record<Lang, string> }>, get: () => string[], set: (next: string[]) => void, prefix: string): HTMLElement => {
      const group = el("fieldset", { className: "tick-group", id });
      group.append(el("legend", { className: "field-label", textContent: title }));
      for (const t of terms) group.append(checkbox(`${prefix}-${t.id}`, t.label[lang], get().includes(t.id), (on) => set(toggle(get(), t.id, on))));
      mark(id, group, group);
      return group;
    };
    const day = (id: RequestField, label: string, value: string, set: (t: string) => void): HTMLElement => {
      const input = el("input", { id });
      input.type = "text";
      input.value = value;
      input.maxLength = 10;
      input.autocomplete = "off";
      input.spellcheck = false;
      input.addEventListener("input", () => set(input.value));
      const wrap = field(label, input);
      mark(id, wrap, input);
      return wrap;
    };
    let detailsLabel: string = C.details[lang];
    switch (f.kind) {
      case "access": {
        box.append(ticks("request-items", C.wants[lang], v.index.get("access_items")?.values() ?? [], () => f.items, (next) => (f.items = next), "access"));
        const period = el("div", { className: "period" });
        period.append(day("access-from", C.periodFrom[lang], f.from, (t) => (f.from = t)), day("access-to", C.periodTo[lang], f.to, (t) => (f.to = t)));
        box.append(period);
        break;
      }
      case "erasure":
      case "restriction":
        box.append(ticks("request-categories", C.whichData[lang], v.categories, () => f.categories, (next) => (f.categories = next), "category"));
        detailsLabel = C.detailsWhy[lang];
        break;
      case "objection": {
        const select = el("select", { id: "objection-purpose" });
        const none = el("option", { textContent: C.choose[lang] });
        none.value = "";
        select.append(none);
        for (const p of v.objection_purposes) {
          const o = el("option", { textContent: p.label[lang] });
          o.value = p.id;
          o.selected = p.id === f.objectionPurpose;
          select.append(o);
        }
        select.addEventListener("change", () => {
          f.objectionPurpose = select.value;
          if (problemAt === "objection-purpose") {
            s.problem = null;
            problemAt = null;
          }
          paint();
        });
        const wrap = field(C.objectionTo[lang], select);
        mark("objection-purpose", wrap, select);
        box.append(wrap);
        const chosen = v.objection_purposes.find((p) => p.id === f.objectionPurpose);
        if (chosen?.usually_prevails === true) {
          const note = el("div", { className: "warning", id: "usually-prevails" });
          note.append(el("p", { textContent: C.usuallyPrevails[lang] }), english(chosen.policy_text));
          box.append(note);
        }
        detailsLabel = C.detailsGrounds[lang];
        break;
      }
      case "portability":
        box.append(el("p", { className: "hint", textContent: C.portabilityNote[lang] }));
        box.append(ticks("request-formats", C.formats[lang], v.index.get("portable_formats")?.values() ?? [], () => f.formats, (next) => (f.formats = next), "format"));
        break;
      case "complaint":
        box.append(
          el("p", { className: "hint", id: "complaint-authority", textContent: fill(C.authority[lang], { authority: r.form.supervisory_authority, email: r.form.complaints_email }) }),
          checkbox("authority-explained", C.authorityExplained[lang], f.authorityExplained, (on) => (f.authorityExplained = on)),
        );
        detailsLabel = C.detailsComplaint[lang];
        break;
      case "marketing_suspension":
        box.append(
          el("p", { className: "hint", textContent: C.fifteenDays[lang] }),
          checkbox("suspension-permanent", C.permanent[lang], f.permanent, (on) => {
            f.permanent = on;
            if (on) focus = "suspension-permanent";
            else focus = "suspension-until";
            paint();
          }),
        );
        if (!f.permanent) box.append(day("suspension-until", C.until[lang], f.until, (t) => (f.until = t)));
        break;
    }
    const details = el("textarea", { id: "request-details" });
    details.value = f.details;
    details.rows = 3;
    details.addEventListener("input", () => (f.details = details.value));
    const detailsField = field(detailsLabel, details);
    mark("request-details", detailsField, details);
    box.append(detailsField);
    form.append(box);
    const next = el("button", { id: "capture-next", className: "primary", textContent: C.toReview[lang] });
    next.type = "submit";
    form.append(actions(next));
    return [who(lang), form];
  }

  function signTitle(lang: Lang): string {
    if (kind === "consent") return s.consent !== null && s.consent.withdrawal !== null ? C.withdrawalOf[lang] : C.consentTab[lang];
    if (kind === "correction") return C.correctionTab[lang];
    return termLabel(v, "rights", s.request?.fields.kind ?? "access", lang);
  }

  /** What is signed, as label and value lines (the review and the customer's window). */
  function summaryLines(lang: Lang): [string, string][] {
    if (kind === "correction" && s.correction?.checked) return correctionSummary(s.correction.checked, v, lang);
    if (kind === "request" && s.request?.checked) return requestSummary(s.request.fields, s.request.checked, v, lang);
    return [];
  }

  function signView(lang: Lang): HTMLElement[] {
    const title = el("h2", { id: "capture-review-title", textContent: `${C.review[lang]} — ${signTitle(lang)}` });
    title.tabIndex = -1;
    const parts: HTMLElement[] = [title, who(lang)];
    if (kind === "consent") {
      const current = s.consent?.form.current ?? null;
      const handed = s.handoff?.submitted?.choices ?? null;
      parts.push(consentReview(reviewGroups(handed ?? consentRecord(), current), v, lang));
    } else {
      parts.push(summaryTable(summaryLines(lang), "capture-summary"));
    }
    const h = s.handoff;
    if (h !== null) {
      const status = el("div", { className: "handoff", id: "handoff-status" });
      renderHandoffProgress(status, lang, h.step, { kind: kind === "consent" ? "consent" : "sign" });
      if (h.submitted !== null) status.append(el("p", { textContent: C.customerSigned[lang] }));
      parts.push(status);
    } else {
      const padBox = padElement(lang);
      parts.push(el("p", { className: "field-label", textContent: C.signHere[lang] }), padBox);
      // A refused signature is said under the pad.
      if (s.problem !== null && problemField(s.problem.code) === "signature") {
        const said = problemBox(captureProblem(s.problem, lang));
        said.id = "capture-problem";
        parts.push(said);
      }
    }
    const saving = s.step.kind === "saving";
    const save = button(saving ? C.saving[lang] : C.save[lang], "primary", () => void save_());
    save.id = "capture-save";
    save.disabled = saving || (h !== null && h.submitted === null);
    const backButton = button(C.back[lang], "secondary", back);
    backButton.id = "capture-back";
    const row: HTMLElement[] = [save, backButton];
    if (h === null) {
      const clear = button(C.clear[lang], "secondary", () => pad?.field.clear());
      clear.id = "signature-clear";
      const elsewhere = button(C.customerScreen[lang], "secondary", () => void offerToCustomer());
      elsewhere.id = "offer-to-customer";
      row.splice(1, 0, clear);
      row.push(elsewhere);
    } else {
      const take = button(C.withdrawOffer[lang], "secondary", () => void withdrawOffer());
      take.id = "withdraw-offer";
      row.push(take);
    }
    parts.push(actions(...row));
    return parts;
  }

  function save_(): Promise<void> {
    return save();
  }

  function savedView(saved: SavedChange, offline: boolean, lang: Lang): HTMLElement[] {
    const box = el("section", { className: "capture-saved", id: "capture-saved" });
    const said = el("p", { id: "capture-queued", textContent: offline ? C.savedQueued[lang] : C.savedSent[lang] });
    said.setAttribute("role", "status");
    const request = kind === "request" ? (s.request?.fields.kind ?? null) : kind === "correction" ? "correction" : null;
    const due: [string, string] | null =
      saved.due_at === null || request === null
        ? null
        : [request === "marketing_suspension" ? C.effectiveBy[lang] : C.dueAt[lang], dueText(request, saved.due_at, saved.latest_due_at, lang, false)];
    box.append(el("h2", { textContent: `${C.saved[lang]} — ${signTitle(lang)}` }), said, savedFacts(saved, due, lang));
    const printing = isPrinting(s.print);
    const print = button(printing ? C.printing[lang] : C.printReceipt[lang], "primary", () => void printReceipt(saved.mutation_id));
    print.id = "print-receipt";
    print.disabled = printing;
    const again = button(C.another[lang], "secondary", restart);
    again.id = "capture-again";
    box.append(actions(print, again));
    // The print's progress in the same box, in view with its button.
    const progress = printView(s.print, lang);
    if (progress !== null) {
      const p = el("div", { id: "receipt-progress", className: "print-progress" });
      p.tabIndex = -1;
      p.dataset.tone = progress.tone;
      p.setAttribute("role", progress.tone === "error" ? "alert" : "status");
      p.append(el("p", { className: "print-line", textContent: progress.lines[progress.lines.length - 1] ?? "" }));
      if (progress.detail !== null) {
        const d = el("span", { className: "problem-detail", textContent: progress.detail });
        d.lang = "en";
        p.append(d);
      }
      box.append(p);
    }
    return [box];
  }

  void load();

  return {
    render,
    takeFocus(): string | null {
      const id = focus;
      focus = null;
      return id;
    },
    dispose(): void {
      disposed = true;
      window.clearTimeout(pollTimer);
      following?.dispose();
      following = null;
      // The customer's choices and signature go with the customer.
      dropPad();
      s.consent = null;
      s.correction = null;
      s.request = null;
      s.handoff = null;
    },
  };
}

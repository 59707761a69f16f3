// The screen while a customer is served: what IPKO holds about them (overview, the data by the
// policy's categories, the traffic a page at a time) and the printout, previewed and printed.
// The report lives in this screen's memory only and goes with it (dispose): the customer leaves
// every screen at "Done". The logic is in customer-state.ts, traffic.ts, print-progress.ts and
// vocabulary.ts, the report's overview and data as DOM in customer-views.ts, the preview in
// pdf-preview.ts; this module holds the screen's state and wires the clerk's actions to Rust's
// commands.
//
// The screen keeps one root element and rebuilds its inside on each change, except the printout's
// preview, whose canvases are kept (drawing them again is slow). A rebuild puts the keyboard focus
// back on the control that had it, found by its id.

import { asCommandError, type CommandError } from "./app-info";
import { type CapturePanel, createCapturePanel } from "./capture";
import { CAPTURE_TABS, customerName, loadProblem, type Tab, tabForKey, TABS, W } from "./customer-state";
import { data, english, overview, table } from "./customer-views";
import { button, el, problemBox } from "./dom";
import { type Lang, langTag } from "./i18n";
import type { PdfPreview } from "./pdf-preview";
import {
  IDLE,
  isPrinting,
  nextPrintState,
  POLL_MS,
  type PrintEvent,
  type PrintState,
  printView,
  shouldPoll,
} from "./print-progress";
import {
  parseJobStatus,
  parsePrintJob,
  parseReportOverview,
  parseTrafficPage,
  type ReportOverview,
  type TrafficPage,
} from "./report";
import { type Screen, type ScreenContext } from "./screen";
import {
  dateRange,
  duration,
  kindText,
  localTime,
  PAGE_ROWS,
  pageText,
  pageWindow,
  type RangeProblem,
  rangeProblem,
  rowsText,
  volume,
} from "./traffic";
import { parseVocabulary, type Vocabulary } from "./vocabulary";

/** The policy's terms do not change while the app runs: fetched once, for every customer. */
let vocabularyOnce: Promise<Vocabulary> | null = null;

function vocabularyOf(ctx: ScreenContext): Promise<Vocabulary> {
  vocabularyOnce ??= ctx.call<unknown>("vocabulary").then(parseVocabulary);
  vocabularyOnce.catch(() => {
    vocabularyOnce = null;
  });
  return vocabularyOnce;
}

/** A refusal as `{code, message}`; a malformed answer (a parse failure here) counts as the IPC's. */
function problemOf(error: unknown): CommandError {
  if (error instanceof Error) {
    return { code: "ipc", message: error.message };
  }
  return asCommandError(error);
}

/** Tauri hands a `tauri::ipc::Response` over as an ArrayBuffer; its postMessage fallback as a list of numbers. */
function bytesOf(answer: unknown): ArrayBuffer {
  if (answer instanceof ArrayBuffer) {
    return answer;
  }
  if (ArrayBuffer.isView(answer)) {
    return answer.buffer.slice(answer.byteOffset, answer.byteOffset + answer.byteLength) as ArrayBuffer;
  }
  if (Array.isArray(answer)) {
    return Uint8Array.from(answer as number[]).buffer;
  }
  throw new TypeError("preview_report did not answer with the PDF's bytes");
}

/**
 * Where the focus goes when the control that had it is disabled by what it did: a pager button at
 * the end to the one leading back, the print button to the print's progress (read out from there).
 */
const FOCUS_INSTEAD: Record<string, string> = {
  "traffic-first": "traffic-last",
  "traffic-previous": "traffic-next",
  "traffic-next": "traffic-previous",
  "traffic-last": "traffic-first",
  "print-report": "print-progress",
  "print-receipt": "receipt-progress",
};

/** A report that could not be fetched keeps the policy's vocabulary when it came: the signed
 * captures do not need the report (they work offline once the customer is identified). */
type Load =
  | { kind: "loading" }
  | { kind: "failed"; problem: CommandError; vocabulary: Vocabulary | null }
  | { kind: "ready"; report: ReportOverview; vocabulary: Vocabulary };

interface TrafficState {
  /** What the date fields hold, as typed; searched only on "Search". */
  fromText: string;
  toText: string;
  /** The days searched (YYYY-MM-DD), null for no limit. */
  from: string | null;
  to: string | null;
  offset: number;
  page: TrafficPage | null;
  loading: boolean;
  problem: { range: RangeProblem } | { error: CommandError } | null;
  /** Answers to older requests are dropped: the clerk may page faster than Rust answers. */
  asked: number;
}

type Preview =
  | { kind: "idle" }
  | { kind: "loading"; lang: Lang; full: boolean }
  | { kind: "ready"; lang: Lang; full: boolean; pages: number }
  | { kind: "failed"; lang: Lang; full: boolean; problem: CommandError };

export function createCustomerScreen(ctx: ScreenContext, customerId: string): Screen {
  const s: {
    lang: Lang;
    tab: Tab;
    load: Load;
    ending: boolean;
    endProblem: CommandError | null;
    fullNumbers: boolean;
    traffic: TrafficState;
    preview: Preview;
    print: PrintState;
  } = {
    lang: ctx.lang(),
    tab: "overview",
    load: { kind: "loading" },
    ending: false,
    endProblem: null,
    fullNumbers: false,
    traffic: {
      fromText: "",
      toText: "",
      from: null,
      to: null,
      offset: 0,
      page: null,
      loading: false,
      problem: null,
      asked: 0,
    },
    preview: { kind: "idle" },
    print: IDLE,
  };
  let disposed = false;
  let viewer: PdfPreview | null = null;
  let viewerLoading: Promise<PdfPreview> | null = null;
  let previewAsked = 0;
  let pollTimer = 0;
  /** The signed captures, each kept (with what was typed and drawn) while the customer is served. */
  const captures = new Map<keyof typeof CAPTURE_TABS, CapturePanel>();
  /** A control to focus after the next rebuild (a tab moved to by arrow keys, a field in error). */
  let focusNext: string | null = null;
  /** What the capture shown asked to focus after this rebuild (CapturePanel.takeFocus). */
  let captureFocus: string | null = null;

  const root = el("section", { className: "customer" });
  root.setAttribute("aria-labelledby", "customer-name");
  root.lang = langTag(s.lang);

  // --- Commands ---------------------------------------------------------------------------------

  async function load(): Promise<void> {
    s.load = { kind: "loading" };
    paint();
    const words = vocabularyOf(ctx);
    try {
      const [vocabulary, answer] = await Promise.all([words, ctx.call<unknown>("show_report")]);
      const report = parseReportOverview(answer);
      if (disposed) {
        return;
      }
      if (report.customer.customer_id !== customerId) {
        throw new Error(`show_report answered for another customer than the one served (${customerId})`);
      }
      s.load = { kind: "ready", report, vocabulary };
      // Showing the data is a disclosure, audited and queued for the central system.
      ctx.statusChanged();
    } catch (error) {
      if (disposed) {
        return;
      }
      const vocabulary = await words.catch(() => null);
      if (disposed) {
        return;
      }
      s.load = { kind: "failed", problem: problemOf(error), vocabulary };
      if (!(s.tab in CAPTURE_TABS)) {
        focusNext = "load-retry";
      }
    }
    paint();
  }

  async function fetchTraffic(offset: number): Promise<void> {
    const t = s.traffic;
    const asked = ++t.asked;
    t.loading = true;
    paint();
    try {
      const answer = await ctx.call<unknown>("traffic_page", {
        from: t.from,
        to: t.to,
        offset,
        limit: PAGE_ROWS,
        fullNumbers: s.fullNumbers,
      });
      const page = parseTrafficPage(answer);
      if (disposed || asked !== t.asked) {
        return;
      }
      t.page = page;
      t.offset = page.offset;
      t.problem = null;
    } catch (error) {
      if (disposed || asked !== t.asked) {
        return;
      }
      t.problem = { error: problemOf(error) };
    }
    t.loading = false;
    paint();
  }

  function search(): void {
    const range = dateRange(s.traffic.fromText, s.traffic.toText);
    if (!range.ok) {
      s.traffic.problem = { range: range.problem };
      focusNext = range.problem === "to_invalid" ? "traffic-to" : "traffic-from";
      paint();
      return;
    }
    s.traffic.from = range.from;
    s.traffic.to = range.to;
    void fetchTraffic(0);
  }

  function allDays(): void {
    s.traffic.fromText = "";
    s.traffic.toText = "";
    s.traffic.from = null;
    s.traffic.to = null;
    void fetchTraffic(0);
  }

  function setFullNumbers(on: boolean): void {
    s.fullNumbers = on;
    if (s.traffic.page !== null) {
      void fetchTraffic(s.traffic.offset);
    }
    paint();
  }

  async function previewer(): Promise<PdfPreview> {
    viewerLoading ??= import("./pdf-preview").then(({ createPdfPreview }) => {
      const made = createPdfPreview(s.lang);
      if (disposed) {
        made.destroy();
        throw new Error("the customer left the screen");
      }
      viewer = made;
      return made;
    });
    viewerLoading.catch(() => {
      viewerLoading = null;
    });
    return viewerLoading;
  }

  /** The preview is of the language and numbers chosen now; a change fetches it again. */
  function syncPreview(): void {
    const p = s.preview;
    if (p.kind !== "idle" && p.lang === s.lang && p.full === s.fullNumbers) {
      return;
    }
    void fetchPreview(s.lang, s.fullNumbers);
  }

  async function fetchPreview(lang: Lang, full: boolean): Promise<void> {
    const asked = ++previewAsked;
    s.preview = { kind: "loading", lang, full };
    viewer?.clear();
    try {
      const [bytes, shown] = await Promise.all([
        ctx.call<unknown>("preview_report", { lang, fullNumbers: full }),
        previewer(),
      ]);
      if (disposed || asked !== previewAsked) {
        return;
      }
      paint();
      const pages = await shown.show(bytesOf(bytes));
      if (disposed || asked !== previewAsked) {
        return;
      }
      s.preview = { kind: "ready", lang, full, pages };
      ctx.statusChanged();
    } catch (error) {
      if (disposed || asked !== previewAsked) {
        return;
      }
      s.preview = { kind: "failed", lang, full, problem: problemOf(error) };
    }
    paint();
  }

  function dispatch(event: PrintEvent): void {
    s.print = nextPrintState(s.print, event, Date.now());
    paint();
  }

  async function print(): Promise<void> {
    if (isPrinting(s.print)) {
      return;
    }
    dispatch({ type: "start" });
    try {
      const job = parsePrintJob(await ctx.call<unknown>("print_report", { lang: s.lang, fullNumbers: s.fullNumbers }));
      if (disposed) {
        return;
      }
      dispatch({ type: "accepted", job });
      ctx.statusChanged();
      pollTimer = window.setTimeout(() => void poll(), POLL_MS);
    } catch (error) {
      if (!disposed) {
        dispatch({ type: "refused", problem: problemOf(error) });
      }
    }
  }

  async function poll(): Promise<void> {
    pollTimer = 0;
    if (disposed || !shouldPoll(s.print)) {
      return;
    }
    dispatch({ type: "tick" });
    const state = s.print;
    if (!shouldPoll(state)) {
      return;
    }
    try {
      const status = parseJobStatus(await ctx.call<unknown>("print_job_state", { jobId: state.job.job_id }));
      if (disposed) {
        return;
      }
      dispatch({ type: "status", status });
    } catch (error) {
      if (disposed) {
        return;
      }
      dispatch({ type: "poll_failed", problem: problemOf(error) });
    }
    if (shouldPoll(s.print)) {
      pollTimer = window.setTimeout(() => void poll(), POLL_MS);
    }
  }

  async function done(): Promise<void> {
    s.ending = true;
    s.endProblem = null;
    paint();
    try {
      await ctx.call("end_customer");
      await ctx.counterChanged();
    } catch (error) {
      s.endProblem = problemOf(error);
    }
    if (!disposed) {
      s.ending = false;
      paint();
    }
  }

  function selectTab(tab: Tab): void {
    s.tab = tab;
    if (tab === "traffic" && s.traffic.page === null && !s.traffic.loading) {
      void fetchTraffic(0);
    }
    paint();
  }

  // --- DOM --------------------------------------------------------------------------------------

  function paint(): void {
    if (disposed) {
      return;
    }
    const active = document.activeElement;
    const focused =
      focusNext ?? (active instanceof HTMLElement && root.contains(active) && active.id ? active.id : null);
    focusNext = null;
    const lang = s.lang;
    root.dataset.tab = s.load.kind === "ready" ? s.tab : "none";
    captureFocus = null;
    root.replaceChildren(head(lang), ...body(lang));
    // A capture's new step or a field in error takes the focus, scrolled into view.
    const hinted = captureFocus === null ? null : root.querySelector<HTMLElement>(`#${CSS.escape(captureFocus)}`);
    if (hinted !== null) {
      hinted.focus();
    } else if (focused !== null) {
      const find = (id: string): HTMLElement | null => root.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
      let target = find(focused);
      const instead = FOCUS_INSTEAD[focused];
      if (target instanceof HTMLButtonElement && target.disabled && instead !== undefined) {
        target = find(instead);
      }
      target?.focus({ preventScroll: true });
    }
  }

  function head(lang: Lang): HTMLElement {
    const bar = el("div", { className: "customer-head" });
    const who = el("div", { className: "customer-who" });
    const name = el("h1", { id: "customer-name" });
    if (s.load.kind === "ready") {
      const c = s.load.report.customer;
      name.textContent = customerName(c);
      who.append(name, el("span", { className: "customer-no", textContent: `${W.customerNo[lang]} ${c.customer_no}` }));
      if (s.load.report.demo || c.demo) {
        who.append(el("span", { className: "customer-demo", textContent: W.demo[lang] }));
      }
    } else {
      name.textContent = "…";
      who.append(name);
    }
    const end = button(s.ending ? W.ending[lang] : W.done[lang], "primary", () => void done());
    end.id = "customer-done";
    end.disabled = s.ending;
    bar.append(who, end);
    if (s.endProblem !== null) {
      bar.append(problemBox(loadProblem(s.endProblem, lang)));
    }
    return bar;
  }

  function body(lang: Lang): HTMLElement[] {
    const l = s.load;
    if (l.kind === "loading") {
      const wait = el("p", { className: "customer-loading", textContent: W.loading[lang] });
      wait.setAttribute("role", "status");
      return [wait];
    }
    const panel = el("div", { className: "tab-panel", id: `panel-${s.tab}` });
    panel.setAttribute("role", "tabpanel");
    panel.setAttribute("aria-labelledby", `tab-${s.tab}`);
    if (l.kind === "failed") {
      const box = el("div", { className: "customer-failed" });
      const retry = button(W.retry[lang], "primary", () => void load());
      retry.id = "load-retry";
      box.append(problemBox(loadProblem(l.problem, lang)), retry);
      if (l.vocabulary === null) {
        return [box];
      }
      // The report's tabs say why there is no report; the captures work without it.
      if (!(s.tab in CAPTURE_TABS)) {
        box.append(el("p", { className: "hint", textContent: W.capturesWithout[lang] }));
        panel.append(box);
        return [tabBar(lang), panel];
      }
    }
    if (l.kind === "failed" && l.vocabulary !== null && s.tab in CAPTURE_TABS) {
      panel.append(...capturePanel(s.tab as keyof typeof CAPTURE_TABS, l.vocabulary, lang));
      return [tabBar(lang), panel];
    }
    if (l.kind !== "ready") {
      return [];
    }
    if (s.tab === "printout") {
      syncPreview();
    }
    const v = l.vocabulary;
    const r = l.report;
    switch (s.tab) {
      case "overview":
        panel.append(...overview(r, v, lang, () => selectTab("traffic")));
        break;
      case "data":
        panel.append(...data(r, v, lang));
        break;
      case "traffic":
        panel.append(...traffic(lang));
        break;
      case "printout":
        panel.append(...printout(lang));
        break;
      case "consent":
      case "correction":
      case "requests":
        panel.append(...capturePanel(s.tab, v, lang));
        break;
    }
    return [tabBar(lang), panel];
  }

  /** A signed capture, made once and kept (with what was typed and drawn) until "Done". Escape
   * in it goes back: from a review to its form (the capture's own), from a form to its tab. */
  function capturePanel(tab: keyof typeof CAPTURE_TABS, v: Vocabulary, lang: Lang): HTMLElement[] {
    let capture = captures.get(tab);
    if (capture === undefined) {
      capture = createCapturePanel(ctx, CAPTURE_TABS[tab], v, paint);
      captures.set(tab, capture);
    }
    const parts = capture.render(lang);
    captureFocus = capture.takeFocus();
    for (const part of parts) {
      part.addEventListener("keydown", (event) => {
        if (event.key === "Escape" && !event.defaultPrevented) {
          event.preventDefault();
          root.querySelector<HTMLElement>(`#tab-${tab}`)?.focus();
        }
      });
    }
    return parts;
  }

  function tabBar(lang: Lang): HTMLElement {
    const bar = el("div", { className: "tabs" });
    bar.setAttribute("role", "tablist");
    bar.setAttribute("aria-label", W.tabs[lang]);
    for (const tab of TABS) {
      const t = button(W[tab][lang], "tab", () => selectTab(tab));
      t.id = `tab-${tab}`;
      t.setAttribute("role", "tab");
      t.setAttribute("aria-selected", String(tab === s.tab));
      t.setAttribute("aria-controls", `panel-${tab}`);
      // One tab in the Tab order; the arrows move between them (the ARIA tabs pattern).
      t.tabIndex = tab === s.tab ? 0 : -1;
      bar.append(t);
    }
    bar.addEventListener("keydown", (event) => {
      const next = tabForKey(s.tab, event.key);
      if (next !== null) {
        event.preventDefault();
        focusNext = `tab-${next}`;
        selectTab(next);
      }
    });
    return bar;
  }

  function fullNumbersToggle(id: string, lang: Lang): HTMLElement {
    const box = el("input", { id });
    box.type = "checkbox";
    box.checked = s.fullNumbers;
    box.addEventListener("change", () => setFullNumbers(box.checked));
    const label = el("label", { className: "toggle" });
    label.append(box, el("span", { textContent: W.fullNumbers[lang] }));
    return label;
  }

  /**
   * A day as text in the printout's format (YYYY-MM-DD, or 1.3.2026): a date field would show the
   * computer's own format (mm/dd/yyyy on an English one), which neither the clerk nor the message
   * about a wrong date would expect.
   */
  function dateField(id: string, label: string, value: string, store: (text: string) => void, lang: Lang): HTMLElement {
    const input = el("input", { id });
    input.type = "text";
    input.value = value;
    input.placeholder = W.dateFormat[lang];
    input.autocomplete = "off";
    input.spellcheck = false;
    input.maxLength = 10;
    input.addEventListener("input", () => store(input.value));
    const wrap = el("label", { className: "field" });
    wrap.append(el("span", { className: "field-label", textContent: label }), input);
    return wrap;
  }

  function traffic(lang: Lang): HTMLElement[] {
    const t = s.traffic;
    const form = el("form", { className: "traffic-search" });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      search();
    });
    const go = el("button", { id: "traffic-search", className: "primary", textContent: W.search[lang] });
    go.type = "submit";
    const all = button(W.allDays[lang], "secondary", allDays);
    all.id = "traffic-all";
    form.append(
      dateField("traffic-from", W.from[lang], t.fromText, (text) => (t.fromText = text), lang),
      dateField("traffic-to", W.to[lang], t.toText, (text) => (t.toText = text), lang),
      go,
      all,
    );
    const parts: HTMLElement[] = [form, fullNumbersToggle("full-numbers", lang)];
    parts.push(
      el("p", {
        className: "hint",
        textContent: `${s.fullNumbers ? "" : `${W.maskedNote[lang]} `}${W.localTimes[lang]}`,
      }),
    );
    if (t.problem !== null && "range" in t.problem) {
      const wrong = el("p", {
        id: "traffic-problem",
        className: "problem",
        textContent: rangeProblem(t.problem.range, lang),
      });
      wrong.setAttribute("role", "alert");
      parts.push(wrong);
    } else if (t.problem !== null) {
      parts.push(problemBox(loadProblem(t.problem.error, lang)));
    }
    const status = el("p", { id: "traffic-count", className: "traffic-count" });
    status.setAttribute("aria-live", "polite");
    parts.push(status);
    if (t.page === null) {
      status.textContent = t.loading ? W.searching[lang] : "";
      return parts;
    }
    const w = pageWindow(t.page.matching, t.page.offset, t.page.rows.length);
    status.textContent = t.loading ? W.searching[lang] : rowsText(w, lang);
    const grid = table(
      [
        W.time[lang],
        W.trafficKind[lang],
        W.ownNumber[lang],
        W.otherParty[lang],
        W.duration[lang],
        W.volume[lang],
        W.location[lang],
      ],
      t.page.rows.map((row) => [
        localTime(row.started_at),
        kindText(row.kind, lang),
        row.msisdn,
        row.counterpart ?? "",
        duration(row.duration_seconds),
        volume(row.volume_kb, lang),
        row.cell_location ?? "",
      ]),
      "traffic-table",
    );
    grid.setAttribute("aria-busy", String(t.loading));
    parts.push(grid);

    const pager = el("nav", { className: "pager" });
    pager.setAttribute("aria-label", W.pager[lang]);
    const step = (id: string, text: string, to: number | null): HTMLButtonElement => {
      const b = button(text, "secondary", () => {
        if (to !== null) {
          void fetchTraffic(to);
        }
      });
      b.id = id;
      // Not disabled while a page loads: the focus stays on the button, and the newest page wins.
      b.disabled = to === null;
      return b;
    };
    pager.append(
      step("traffic-first", W.firstPage[lang], w.to.first),
      step("traffic-previous", W.previousPage[lang], w.to.previous),
      el("span", { className: "pager-page", textContent: pageText(w, lang) }),
      step("traffic-next", W.nextPage[lang], w.to.next),
      step("traffic-last", W.lastPage[lang], w.to.last),
    );
    parts.push(pager);
    return parts;
  }

  function printout(lang: Lang): HTMLElement[] {
    const bar = el("div", { className: "printout-bar" });
    const note = el("p", { className: "hint", textContent: W.printoutLang[lang] });
    const printing = isPrinting(s.print);
    const go = button(printing ? W.printing[lang] : W.print[lang], "primary", () => void print());
    go.id = "print-report";
    go.disabled = printing;
    bar.append(note, fullNumbersToggle("printout-full-numbers", lang), go);
    const parts: HTMLElement[] = [bar];

    const progress = printView(s.print, lang);
    if (progress !== null) {
      const box = el("div", { id: "print-progress", className: "print-progress" });
      box.tabIndex = -1;
      box.dataset.tone = progress.tone;
      box.setAttribute("role", progress.tone === "error" ? "alert" : "status");
      // Steps are numbered as they come; a single line (an outcome, a refusal) is just said.
      if (progress.lines.length === 1) {
        box.append(el("p", { className: "print-line", textContent: progress.lines[0] ?? "" }));
      } else {
        const list = el("ol");
        for (const line of progress.lines) {
          list.append(el("li", { textContent: line }));
        }
        box.append(list);
      }
      if (progress.detail !== null) {
        box.append(english(progress.detail, "problem-detail"));
      }
      parts.push(box);
    }

    const p = s.preview;
    if (p.kind === "loading") {
      const wait = el("p", { className: "customer-loading", textContent: W.previewLoading[lang] });
      wait.setAttribute("role", "status");
      parts.push(wait);
    } else if (p.kind === "failed") {
      const retry = button(W.retry[lang], "secondary", () => void fetchPreview(s.lang, s.fullNumbers));
      retry.id = "preview-retry";
      const failed = el("div", { className: "customer-failed" });
      failed.append(problemBox({ text: W.previewFailed[lang], detail: p.problem.message }), retry);
      parts.push(failed);
    }
    if (viewer !== null) {
      viewer.setLang(lang);
      // Shown while loading too: the pages are laid out to the view's width as they arrive.
      viewer.element.hidden = p.kind === "failed" || p.kind === "idle";
      parts.push(viewer.element);
    }
    return parts;
  }

  paint();
  void load();

  return {
    render(lang: Lang): HTMLElement {
      if (lang !== s.lang) {
        s.lang = lang;
        root.lang = langTag(lang);
      }
      paint();
      return root;
    },
    dispose(): void {
      disposed = true;
      window.clearTimeout(pollTimer);
      for (const capture of captures.values()) {
        capture.dispose();
      }
      captures.clear();
      viewer?.destroy();
      viewer = null;
      // The customer's data goes with the screen: nothing of it is kept once they leave.
      s.load = { kind: "loading" };
      s.traffic.page = null;
      s.preview = { kind: "idle" };
      s.print = IDLE;
      root.replaceChildren();
    },
  };
}

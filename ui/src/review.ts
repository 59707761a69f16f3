// A supervisor's review list: the changes the central API rejected or found in conflict, each with
// the server's reason, sent again from here (a conflict only after the supervisor confirms that it
// goes onto the customer's current record), and the export of the queue for IPKO support. The role
// is checked by Rust on every command; this screen is only reachable from a supervisor's session
// bar. State and words live in review-state.ts; this module only draws them.

import { type CommandError } from "./app-info";
import { button, el, problemBox } from "./dom";
import { fill, type Lang, type Text } from "./i18n";
import {
  dateTime,
  type ExportSummary,
  exportLines,
  kindText,
  openCount,
  parseExportSummary,
  parseRetriedChange,
  parseReviewList,
  reasonText,
  rebaseQuestion,
  type RetriedChange,
  retriedNotice,
  retriedText,
  retryArgs,
  retryOfText,
  type ReviewAction,
  reviewRefusal,
  type ReviewRow,
  rowAction,
} from "./review-state";
import { type Screen, type ScreenContext } from "./screen";

const W = {
  title: { sq: "Ndryshimet për shqyrtim", en: "Changes to review", sr: "Измене за преглед" },
  intro: {
    sq: "Ndryshimet që sistemi qendror i refuzoi ose që u përplasën me një ndryshim tjetër të të dhënave të klientit, me arsyen e sistemit.",
    en: "Changes the central system refused, or that met another change of the customer's record, with the system's reason.",
    sr: "Измене које је централни систем одбио или које су се сукобиле са другом изменом евиденције корисника, са разлогом система.",
  },
  loading: { sq: "Duke lexuar listën…", en: "Reading the list…", sr: "Учитавање списка…" },
  tryAgain: { sq: "Provo përsëri", en: "Try again", sr: "Покушај поново" },
  reload: { sq: "Lexo përsëri", en: "Read again", sr: "Учитај поново" },
  back: { sq: "Kthehu", en: "Back", sr: "Назад" },
  empty: {
    sq: "Asnjë ndryshim nuk pret shqyrtim. Kur sistemi qendror refuzon një ndryshim ose gjen që të dhënat e klientit kanë ndryshuar ndërkohë, ai shfaqet këtu.",
    en: "No change waits for review. When the central system refuses a change, or finds that the customer's record changed meanwhile, it shows here.",
    sr: "Ниједна измена не чека преглед. Када централни систем одбије измену или утврди да се евиденција корисника у међувремену променила, она се приказује овде.",
  },
  openOne: { sq: "1 ndryshim pret shqyrtim.", en: "1 change waits for review.", sr: "1 измена чека преглед." },
  openMany: {
    sq: "{count} ndryshime presin shqyrtim.",
    en: "{count} changes wait for review.",
    sr: "{count} измена чека преглед.",
  },
  allDone: {
    sq: "Të gjitha ndryshimet e listës janë dërguar përsëri: asnjë nuk pret shqyrtim.",
    en: "Every change of the list has been sent again: none waits for review.",
    sr: "Све измене са списка су поново послате: ниједна не чека преглед.",
  },
  rejected: { sq: "Refuzuar", en: "Refused", sr: "Одбијено" },
  conflict: { sq: "Përplasje", en: "Conflict", sr: "Сукоб" },
  sentAgain: { sq: "Dërguar përsëri", en: "Sent again", sr: "Поново послато" },
  changeNo: { sq: "Ndryshimi nr.", en: "Change no.", sr: "Измена бр." },
  customer: { sq: "Klienti nr.", en: "Customer no.", sr: "Корисник бр." },
  noCustomer: { sq: "pa klient", en: "no customer", sr: "без корисника" },
  captured: { sq: "Regjistruar më", en: "Captured", sr: "Забележено" },
  clerk: { sq: "Nga punonjësi", en: "By clerk", sr: "Службеник" },
  reason: { sq: "Arsyeja", en: "Reason", sr: "Разлог" },
  sendAgain: { sq: "Dërgo përsëri", en: "Send again", sr: "Пошаљи поново" },
  sendOnCurrent: {
    sq: "Dërgo mbi të dhënat aktuale…",
    en: "Send on the current record…",
    sr: "Пошаљи на тренутну евиденцију…",
  },
  confirmRebase: {
    sq: "Po, dërgoje mbi të dhënat aktuale",
    en: "Yes, send it on the current record",
    sr: "Да, пошаљи на тренутну евиденцију",
  },
  cancel: { sq: "Anulo", en: "Cancel", sr: "Откажи" },
  sending: { sq: "Duke e vënë në radhë…", en: "Queuing…", sr: "Стављање у ред…" },
  exportTitle: { sq: "Eksporti për mbështetjen", en: "Export for support", sr: "Извоз за подршку" },
  exportHint: {
    sq: "Shkruan në një skedar të gjitha ndryshimet që presin dërgimin dhe ato për shqyrtim, që mbështetja e IPKO-s t'i marrë përsipër kur kjo kioskë nuk arrin t'i dërgojë.",
    en: "Writes every change waiting to be sent and every change to review into a file, for IPKO support to take over what this kiosk cannot send.",
    sr: "Записује у датотеку све измене које чекају слање и све измене за преглед, да их подршка IPKO-а преузме када овај киоск не може да их пошаље.",
  },
  export: { sq: "Eksporto për mbështetjen", en: "Export for support", sr: "Извези за подршку" },
  exporting: { sq: "Duke shkruar skedarin…", en: "Writing the file…", sr: "Записивање датотеке…" },
} satisfies Record<string, Text>;

interface State {
  phase: "loading" | "ready" | "failed";
  rows: ReviewRow[];
  loadError: CommandError | null;
  /** The change being queued again, while Rust works. */
  busySeq: number | null;
  /** The conflicting change whose rebase waits for the supervisor's "yes". */
  confirmSeq: number | null;
  /** A refused retry, shown under its change. */
  retryError: { seq: number; error: CommandError } | null;
  notice: RetriedChange | null;
  exporting: boolean;
  exported: ExportSummary | null;
  exportError: CommandError | null;
}

function asError(error: unknown): CommandError {
  if (typeof error === "object" && error !== null && "code" in error && "message" in error) {
    const e = error as { code: unknown; message: unknown };
    if (typeof e.code === "string" && typeof e.message === "string") {
      return { code: e.code, message: e.message };
    }
  }
  // An answer of the wrong shape (a parser's TypeError) is a fault of the kiosk, shown as is.
  return { code: "invalid_response", message: error instanceof Error ? error.message : String(error) };
}

export function createReviewScreen(ctx: ScreenContext, back: () => void): Screen {
  const s: State = {
    phase: "loading",
    rows: [],
    loadError: null,
    busySeq: null,
    confirmSeq: null,
    retryError: null,
    notice: null,
    exporting: false,
    exported: null,
    exportError: null,
  };
  let disposed = false;
  /** Each load gets a number; an older answer arriving late must not replace a newer list. */
  let loadSeq = 0;
  /** Where the focus goes after the next render; otherwise it stays on the element it was on. */
  let focusNext: string | null = null;
  let lastRoot: HTMLElement | null = null;

  const rerender = (): void => {
    if (!disposed) {
      ctx.rerender();
    }
  };

  const load = async (): Promise<void> => {
    const mine = ++loadSeq;
    // A list on screen stays while it is read again. Never a render from here on the first load:
    // that runs while main.ts is still creating this screen, and a render would create another.
    if (s.phase === "failed") {
      s.phase = "loading";
      rerender();
    }
    try {
      const rows = parseReviewList(await ctx.call<unknown>("review_list"));
      if (disposed || mine !== loadSeq) {
        return;
      }
      s.rows = rows;
      s.phase = "ready";
      s.loadError = null;
      if (s.confirmSeq !== null && !rows.some((r) => r.seq === s.confirmSeq && rowAction(r) === "rebase")) {
        s.confirmSeq = null;
      }
    } catch (error) {
      if (disposed || mine !== loadSeq) {
        return;
      }
      s.loadError = asError(error);
      s.phase = "failed";
    }
    rerender();
  };

  const retry = async (row: ReviewRow): Promise<void> => {
    if (s.busySeq !== null) {
      return;
    }
    s.busySeq = row.seq;
    s.retryError = null;
    s.notice = null;
    rerender();
    try {
      const done = parseRetriedChange(await ctx.call<unknown>("retry_change", retryArgs(row)));
      if (disposed) {
        return;
      }
      s.notice = done;
      s.confirmSeq = null;
      focusNext = "review-notice";
      ctx.statusChanged();
    } catch (error) {
      if (disposed) {
        return;
      }
      s.retryError = { seq: row.seq, error: asError(error) };
      focusNext = `review-error-${row.seq}`;
    } finally {
      s.busySeq = null;
    }
    // Either way the list is read again: a refusal usually means the change moved on (retried from
    // kioskctl, settled meanwhile), and the screen must show where it stands now.
    await load();
  };

  const exportQueue = async (): Promise<void> => {
    if (s.exporting) {
      return;
    }
    s.exporting = true;
    s.exportError = null;
    s.exported = null;
    rerender();
    try {
      const summary = parseExportSummary(await ctx.call<unknown>("export_queue"));
      if (disposed) {
        return;
      }
      s.exported = summary;
      focusNext = "export-result";
    } catch (error) {
      if (disposed) {
        return;
      }
      s.exportError = asError(error);
      focusNext = "export-error";
    } finally {
      s.exporting = false;
    }
    rerender();
  };

  void load();

  // -------------------------------------------------------------------------------------------

  const problem = (error: CommandError, action: ReviewAction, lang: Lang, id: string): HTMLElement => {
    const box = problemBox(reviewRefusal(error, action, lang));
    box.id = id;
    box.tabIndex = -1;
    return box;
  };

  const facts = (row: ReviewRow, lang: Lang): HTMLElement => {
    const list = el("dl", { className: "sup-facts" });
    const add = (term: string, value: string): void => {
      list.append(el("dt", { textContent: term }), el("dd", { textContent: value }));
    };
    add(W.customer[lang], row.customer_id ?? W.noCustomer[lang]);
    add(W.captured[lang], dateTime(row.captured_at));
    add(W.clerk[lang], row.clerk_id);
    add(W.changeNo[lang], String(row.seq));
    return list;
  };

  const reason = (row: ReviewRow, lang: Lang): HTMLElement => {
    const r = reasonText(row, lang);
    const box = el("div", { className: "sup-reason" });
    const main = el("p", { className: "sup-reason-text" });
    main.append(el("span", { className: "sup-reason-label", textContent: `${W.reason[lang]}: ` }), r.text);
    box.append(main);
    if (r.current !== null) {
      box.append(el("p", { className: "sup-current", textContent: r.current }));
    }
    if (r.advice !== null && rowAction(row) !== "none") {
      box.append(el("p", { className: "hint", textContent: r.advice }));
    }
    if (r.detail !== null) {
      const detail = el("p", { className: "problem-detail", textContent: r.detail });
      detail.lang = "en";
      box.append(detail);
    }
    return box;
  };

  const actions = (row: ReviewRow, lang: Lang): HTMLElement[] => {
    const action = rowAction(row);
    if (action === "none") {
      return [el("p", { className: "sup-done", textContent: retriedText(row, lang) ?? "" })];
    }
    const busy = s.busySeq !== null;
    const parts: HTMLElement[] = [];
    if (action === "rebase" && s.confirmSeq === row.seq) {
      const confirm = el("div", { className: "sup-confirm" });
      confirm.setAttribute("role", "group");
      const questionId = `rebase-question-${row.seq}`;
      confirm.setAttribute("aria-labelledby", questionId);
      confirm.append(el("p", { id: questionId, textContent: rebaseQuestion(row, lang) }));
      const buttons = el("div", { className: "actions" });
      const yes = button(s.busySeq === row.seq ? W.sending[lang] : W.confirmRebase[lang], "primary", () => {
        void retry(row);
      });
      yes.id = `rebase-confirm-${row.seq}`;
      yes.disabled = busy;
      yes.setAttribute("aria-describedby", questionId);
      const no = button(W.cancel[lang], "secondary", () => {
        s.confirmSeq = null;
        focusNext = `retry-${row.seq}`;
        rerender();
      });
      no.id = `rebase-cancel-${row.seq}`;
      no.disabled = busy;
      buttons.append(yes, no);
      confirm.append(buttons);
      // Escape backs out of the question, as a dialog's would.
      confirm.addEventListener("keydown", (event) => {
        if (event.key === "Escape" && !busy) {
          event.preventDefault();
          no.click();
        }
      });
      parts.push(confirm);
    } else {
      const label = action === "rebase" ? W.sendOnCurrent[lang] : W.sendAgain[lang];
      const send = button(s.busySeq === row.seq ? W.sending[lang] : label, "primary", () => {
        if (action === "rebase") {
          s.confirmSeq = row.seq;
          s.retryError = null;
          focusNext = `rebase-confirm-${row.seq}`;
          rerender();
        } else {
          void retry(row);
        }
      });
      send.id = `retry-${row.seq}`;
      send.disabled = busy;
      const wrap = el("div", { className: "actions" });
      wrap.append(send);
      parts.push(wrap);
    }
    if (s.retryError?.seq === row.seq) {
      parts.push(problem(s.retryError.error, "retry", lang, `review-error-${row.seq}`));
    }
    return parts;
  };

  const item = (row: ReviewRow, lang: Lang): HTMLElement => {
    const done = rowAction(row) === "none";
    const li = el("li", { className: "sup-item", id: `change-${row.seq}` });
    li.dataset.state = done ? "retried" : row.state;
    const head = el("div", { className: "sup-item-head" });
    const titleId = `change-${row.seq}-title`;
    head.append(
      el("h2", { id: titleId, textContent: kindText(row.kind, lang) }),
      el("span", {
        className: "sup-badge",
        textContent: done ? W.sentAgain[lang] : row.state === "conflict" ? W.conflict[lang] : W.rejected[lang],
      }),
    );
    li.setAttribute("aria-labelledby", titleId);
    li.append(head, facts(row, lang), reason(row, lang));
    const of = retryOfText(row, lang);
    if (of !== null) {
      li.append(el("p", { className: "hint", textContent: of }));
    }
    li.append(...actions(row, lang));
    return li;
  };

  const list = (lang: Lang): HTMLElement[] => {
    if (s.phase === "loading") {
      const p = el("p", { className: "sup-loading", textContent: W.loading[lang] });
      p.setAttribute("role", "status");
      return [p];
    }
    if (s.phase === "failed" && s.loadError !== null) {
      const again = button(W.tryAgain[lang], "secondary", () => {
        focusNext = "review-reload";
        void load();
      });
      again.id = "review-reload";
      const wrap = el("div", { className: "sup-failed" });
      wrap.append(problem(s.loadError, "list", lang, "review-load-error"), again);
      return [wrap];
    }
    const parts: HTMLElement[] = [];
    if (s.notice !== null) {
      const notice = el("p", { className: "sup-ok", id: "review-notice", textContent: retriedNotice(s.notice, lang) });
      notice.setAttribute("role", "status");
      notice.tabIndex = -1;
      parts.push(notice);
    }
    const open = openCount(s.rows);
    const summary = el("p", { className: "sup-summary", id: "review-summary" });
    if (s.rows.length === 0) {
      summary.textContent = W.empty[lang];
      summary.classList.add("sup-empty");
    } else if (open === 0) {
      summary.textContent = W.allDone[lang];
    } else {
      summary.textContent = open === 1 ? W.openOne[lang] : fill(W.openMany[lang], { count: open });
    }
    parts.push(summary);
    if (s.rows.length > 0) {
      const ol = el("ol", { className: "sup-list", id: "review-list" });
      // The ones still waiting first: retried ones stay visible (where their copy went) but below.
      const ordered = [...s.rows].sort(
        (a, b) => Number(rowAction(a) === "none") - Number(rowAction(b) === "none") || a.seq - b.seq,
      );
      ol.append(...ordered.map((r) => item(r, lang)));
      parts.push(ol);
    }
    return parts;
  };

  const exportSection = (lang: Lang): HTMLElement => {
    const section = el("section", { className: "sup-section sup-export" });
    section.setAttribute("aria-labelledby", "export-title");
    section.append(
      el("h2", { id: "export-title", textContent: W.exportTitle[lang] }),
      el("p", { className: "hint", textContent: W.exportHint[lang] }),
    );
    const go = button(s.exporting ? W.exporting[lang] : W.export[lang], "secondary", () => void exportQueue());
    go.id = "export-queue";
    go.disabled = s.exporting;
    const wrap = el("div", { className: "actions" });
    wrap.append(go);
    section.append(wrap);
    if (s.exported !== null) {
      const lines = exportLines(s.exported, lang);
      const result = el("div", { className: "sup-export-result", id: "export-result" });
      result.setAttribute("role", "status");
      result.tabIndex = -1;
      const where = el("p", { className: "sup-path" });
      const path = el("code", { id: "export-path", textContent: s.exported.path });
      // The path is copied by store IT; a bidi or odd character in it must show as it is.
      path.dir = "ltr";
      where.append(`${lines.where} `, path);
      result.append(
        where,
        el("p", { id: "export-counts", textContent: lines.counts }),
        el("p", { className: "sup-warning", id: "export-warning", textContent: lines.warning }),
      );
      section.append(result);
    }
    if (s.exportError !== null) {
      section.append(problem(s.exportError, "export", lang, "export-error"));
    }
    return section;
  };

  const build = (lang: Lang): HTMLElement => {
    const root = el("section", { className: "card supervisor review" });
    root.setAttribute("aria-labelledby", "review-title");
    const head = el("div", { className: "sup-head" });
    const backButton = button(W.back[lang], "secondary", back);
    backButton.id = "review-back";
    head.append(el("h1", { id: "review-title", textContent: W.title[lang] }), backButton);
    root.append(head, el("p", { className: "hint", textContent: W.intro[lang] }));
    const listSection = el("section", { className: "sup-section" });
    listSection.setAttribute("aria-labelledby", "review-title");
    listSection.setAttribute("aria-busy", String(s.phase === "loading" || s.busySeq !== null));
    listSection.append(...list(lang));
    if (s.phase === "ready") {
      const reload = button(W.reload[lang], "secondary", () => void load());
      reload.id = "review-reload";
      const wrap = el("div", { className: "actions" });
      wrap.append(reload);
      listSection.append(wrap);
    }
    root.append(listSection, exportSection(lang));
    return root;
  };

  return {
    render(lang: Lang): HTMLElement {
      // main.ts builds the page anew on every render: the focused element must come back, or a
      // keyboard user starts from the top after every refresh.
      const active = document.activeElement;
      const inside = lastRoot !== null && active instanceof HTMLElement && lastRoot.contains(active);
      const kept = inside && active.id !== "" ? active.id : null;
      const target = focusNext ?? kept;
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
        });
      }
      return root;
    },
    dispose(): void {
      disposed = true;
      // The export's path and the list (customer numbers) do not outlive the screen.
      s.rows = [];
      s.exported = null;
    },
  };
}

// The identify screen: a clerk is signed in and nobody is being served yet. The document comes from
// the scanner (main.ts hands over its bursts wherever focus is), from the zone typed or pasted by
// hand, from the typed document's form, or in demo mode from a fictional document to try. Then each
// check, the records the document may belong to, who is at the counter and the clerk's confirmation
// of the photo. State and words live in identify-state.ts; this module only draws them.

import { type CommandError } from "./app-info";
import { button, el, field, problemBox } from "./dom";
import { fill, type Lang, type Text } from "./i18n";
import {
  CAPACITIES,
  CAPACITY_WORDS,
  type Candidate,
  type Capacity,
  checkLines,
  comparisonFor,
  confirmArgs,
  customerName,
  customerQuery,
  DEMO_CASE_WORDS,
  type DemoDocument,
  DOCUMENT_TYPE_WORDS,
  DOCUMENT_TYPES,
  documentSummary,
  type DocumentStep,
  emptyManualForm,
  emptySelection,
  FORM_PROBLEM_WORDS,
  type FormProblem,
  lookupProblem,
  manualEntry,
  type ManualField,
  type ManualForm,
  maskNumber,
  matchFieldLabel,
  type Missing,
  MISSING_WORDS,
  outcomeText,
  parseCandidates,
  parseDemoDocuments,
  parseDocumentStep,
  pickCandidate,
  refusalProblem,
  type SearchBy,
  type Selection,
  selectionFor,
  showDate,
  subjectText,
  verdictText,
} from "./identify-state";
import { type Screen, type ScreenContext } from "./screen";

const W = {
  title: { sq: "Identifikimi i klientit", en: "Identify the customer", sr: "Идентификација корисника" },
  scanHint: {
    sq: "Skanoni dokumentin (ose shkruajeni)",
    en: "Scan the document (or type it)",
    sr: "Скенирајте документ (или га унесите)",
  },
  scanWhere: {
    sq: "Skaneri punon kudo që të jetë kursori: nuk duhet të klikoni më parë.",
    en: "The scanner works wherever the cursor is: no need to click anything first.",
    sr: "Скенер ради где год да је курсор: не морате прво ништа да кликнете.",
  },
  checking: { sq: "Duke kontrolluar dokumentin…", en: "Checking the document…", sr: "Провера документа…" },
  typeDocument: { sq: "Shkruani dokumentin", en: "Type the document", sr: "Унесите документ" },
  typedTitle: {
    sq: "Dokumenti i shkruar me dorë",
    en: "The document, typed by hand",
    sr: "Документ унет ручно",
  },
  typedHint: {
    sq: "Shkruani të dhënat nga faqja e shtypur e dokumentit.",
    en: "Type the data from the document's printed page.",
    sr: "Унесите податке са одштампане стране документа.",
  },
  checkTyped: { sq: "Kontrollo dokumentin", en: "Check the document", sr: "Провери документ" },
  cancel: { sq: "Anulo", en: "Cancel", sr: "Откажи" },
  zoneLabel: {
    sq: "Ose shkruani a ngjitni zonën e lexueshme nga makina (rreshtat në fund të dokumentit)",
    en: "Or type or paste the machine-readable zone (the lines at the bottom of the document)",
    sr: "Или унесите или налепите машински читљиву зону (редови на дну документа)",
  },
  checkZone: { sq: "Kontrollo zonën", en: "Check the zone", sr: "Провери зону" },
  demoTitle: { sq: "Demo: dokumente për të provuar", en: "Demo: documents to try", sr: "Демо: документи за пробу" },
  demoHint: {
    sq: "Persona fiktivë. \u201CProvo\u201D punon sikur dokumenti të ishte skanuar.",
    en: "Fictional people. \u201CTry\u201D works as if the document had been scanned.",
    sr: "Измишљене особе. \u201EПробај\u201C ради као да је документ скениран.",
  },
  demoLoading: {
    sq: "Duke lexuar dokumentet e demos…",
    en: "Reading the demo documents…",
    sr: "Учитавање демо докумената…",
  },
  demoFailed: {
    sq: "Dokumentet e demos nuk mund të lexoheshin.",
    en: "The demo documents could not be read.",
    sr: "Демо документи нису могли да се учитају.",
  },
  try: { sq: "Provo", en: "Try", sr: "Пробај" },
  document: { sq: "Dokumenti", en: "The document", sr: "Документ" },
  name: { sq: "Emri", en: "Name", sr: "Име" },
  type: { sq: "Lloji", en: "Type", sr: "Врста" },
  issuingState: { sq: "Shteti lëshues", en: "Issuing state", sr: "Држава издавања" },
  number: { sq: "Numri", en: "Number", sr: "Број" },
  personalNumber: { sq: "Numri personal", en: "Personal number", sr: "Лични број" },
  born: { sq: "Data e lindjes", en: "Date of birth", sr: "Датум рођења" },
  expires: { sq: "Vlen deri më", en: "Valid until", sr: "Важи до" },
  nationality: { sq: "Shtetësia", en: "Nationality", sr: "Држављанство" },
  read: { sq: "Lexuar", en: "Read", sr: "Очитано" },
  scanned: { sq: "nga skaneri", en: "by the scanner", sr: "скенером" },
  typed: { sq: "me dorë", en: "typed by hand", sr: "ручно унето" },
  checks: { sq: "Kontrollet", en: "Checks", sr: "Провере" },
  records: { sq: "Të dhënat e IPKO-s", en: "IPKO's records", sr: "Евиденција IPKO-а" },
  noPersonalNumber: {
    sq: "Ky dokument nuk ka numër personal: kërkoni klientin me numrin e klientit ose të telefonit.",
    en: "This document carries no personal number: search for the customer by customer number or phone number.",
    sr: "Овај документ нема лични број: потражите корисника по броју корисника или телефона.",
  },
  noRecord: {
    sq: "Asnjë klient nuk ka numrin personal të këtij dokumenti. Nëse personi vepron për dikë tjetër, kërkoni klientin me numrin e klientit ose të telefonit.",
    en: "No customer has this document's personal number. If the person acts for someone else, search for that customer by customer number or phone number.",
    sr: "Ниједан корисник нема лични број овог документа. Ако особа делује за неког другог, потражите тог корисника по броју корисника или телефона.",
  },
  customerNo: { sq: "Nr. i klientit", en: "Customer no.", sr: "Бр. корисника" },
  search: { sq: "Kërko", en: "Search", sr: "Тражи" },
  searching: { sq: "Duke kërkuar…", en: "Searching…", sr: "Претрага…" },
  searchTitle: {
    sq: "Kërkoni klientin",
    en: "Search for the customer",
    sr: "Потражите корисника",
  },
  byCustomerNo: { sq: "Numri i klientit", en: "Customer number", sr: "Број корисника" },
  byMsisdn: { sq: "Numri i telefonit", en: "Phone number", sr: "Број телефона" },
  searchInvalid: {
    sq: "Shkruani një numër klienti (vetëm shifra) ose një numër telefoni (p.sh. +38344123456).",
    en: "Type a customer number (digits only) or a phone number (e.g. +38344123456).",
    sr: "Унесите број корисника (само цифре) или број телефона (нпр. +38344123456).",
  },
  noneFound: {
    sq: "Asnjë klient nuk u gjet me këtë numër.",
    en: "No customer was found with that number.",
    sr: "Ниједан корисник није пронађен са тим бројем.",
  },
  demoTag: { sq: "DEMO", en: "DEMO", sr: "ДЕМО" },
  whoTitle: {
    sq: "Kush është në sportel?",
    en: "Who is at the counter?",
    sr: "Ко је на шалтеру?",
  },
  reference: {
    sq: "Referenca e dokumentit që e autorizon (certifikata e lindjes, vendimi, autorizimi, ekstrakti)",
    en: "Reference of the authorising document (birth certificate, decision, power of attorney, extract)",
    sr: "Број документа који овлашћује (извод из матичне књиге, одлука, пуномоћје, извод из регистра)",
  },
  onRecord: { sq: "Në të dhëna: {reference}", en: "On record: {reference}", sr: "У евиденцији: {reference}" },
  businessNumber: {
    sq: "Numri i biznesit (nga ekstrakti i regjistrit)",
    en: "Business number (from the register extract)",
    sr: "Број предузећа (са извода из регистра)",
  },
  photo: {
    sq: "Fotografia në dokument është personi në sportel",
    en: "The photo on the document shows the person at the counter",
    sr: "Фотографија на документу приказује особу на шалтеру",
  },
  judgement: {
    sq: "I kam kontrolluar dallimet: ky është personi (vendimi im)",
    en: "I have checked the differences: this is the person (my judgement)",
    sr: "Проверио/ла сам разлике: ово је та особа (моја одлука)",
  },
  confirm: { sq: "Konfirmo dhe fillo", en: "Confirm and start", sr: "Потврди и започни" },
  confirming: { sq: "Duke regjistruar…", en: "Recording…", sr: "Бележење…" },
  startAgain: { sq: "Fillo përsëri", en: "Start again", sr: "Почни поново" },
  optional: { sq: "(opsionale)", en: "(optional)", sr: "(необавезно)" },
} satisfies Record<string, Text>;

const FORM_LABELS = {
  document_type: { sq: "Lloji i dokumentit", en: "Document type", sr: "Врста документа" },
  issuing_state: {
    sq: "Shteti lëshues (kodi, p.sh. RKS)",
    en: "Issuing state (code, e.g. RKS)",
    sr: "Држава издавања (шифра, нпр. RKS)",
  },
  document_number: { sq: "Numri i dokumentit", en: "Document number", sr: "Број документа" },
  expires_on: { sq: "Vlen deri më (DD.MM.VVVV)", en: "Valid until (DD.MM.YYYY)", sr: "Важи до (ДД.ММ.ГГГГ)" },
  issued_on: { sq: "Lëshuar më (DD.MM.VVVV)", en: "Issued on (DD.MM.YYYY)", sr: "Издат (ДД.ММ.ГГГГ)" },
  personal_number: { sq: "Numri personal", en: "Personal number", sr: "Лични број" },
  surname: { sq: "Mbiemri", en: "Surname", sr: "Презиме" },
  given_names: { sq: "Emri", en: "Given names", sr: "Име" },
  date_of_birth: {
    sq: "Data e lindjes (DD.MM.VVVV)",
    en: "Date of birth (DD.MM.YYYY)",
    sr: "Датум рођења (ДД.ММ.ГГГГ)",
  },
  nationality: { sq: "Shtetësia (kodi)", en: "Nationality (code)", sr: "Држављанство (шифра)" },
} satisfies Record<ManualField, Text>;

const OPTIONAL_FIELDS: ReadonlySet<ManualField> = new Set([
  "issued_on",
  "personal_number",
  "given_names",
  "nationality",
]);

/**
 * The demo documents are the same for every screen of the day: read once, not for every customer.
 * A failed read is forgotten so that the next screen tries again.
 */
let demoDocuments: Promise<DemoDocument[]> | null = null;

interface SearchState {
  by: SearchBy;
  text: string;
  busy: boolean;
  invalid: boolean;
  noneFound: boolean;
  error: CommandError | null;
}

interface State {
  phase: "waiting" | "checking" | "result";
  step: DocumentStep | null;
  /** A refusal of check_zone or check_typed_document (input that is no zone at all, a lost session). */
  checkError: CommandError | null;
  zoneText: string;
  typing: boolean;
  form: ManualForm;
  formProblems: Array<[ManualField, FormProblem]>;
  selection: Selection;
  /** What the clerk still has to do, shown once they pressed "Confirm". */
  missing: Missing[];
  confirming: boolean;
  confirmError: CommandError | null;
  search: SearchState;
  demo: { state: "loading" | "ready" | "failed"; docs: DemoDocument[]; error: CommandError | null };
}

function emptySearch(): SearchState {
  return { by: "customer_no", text: "", busy: false, invalid: false, noneFound: false, error: null };
}

function asError(error: unknown): CommandError {
  if (typeof error === "object" && error !== null && "code" in error && "message" in error) {
    const e = error as { code: unknown; message: unknown };
    if (typeof e.code === "string" && typeof e.message === "string") {
      return { code: e.code, message: e.message };
    }
  }
  // An answer of the wrong shape (parseDocumentStep's TypeError) is a fault of the kiosk, shown as is.
  return { code: "invalid_response", message: error instanceof Error ? error.message : String(error) };
}

/** A field with a problem says so next to itself and to screen readers. */
function markInvalid(wrap: HTMLElement, input: HTMLElement, id: string, text: string): void {
  input.setAttribute("aria-invalid", "true");
  input.setAttribute("aria-describedby", `${id}-problem`);
  wrap.append(el("span", { className: "field-problem", id: `${id}-problem`, textContent: text }));
}

function textInput(id: string, value: string, onInput: (value: string) => void): HTMLInputElement {
  const input = el("input", { id });
  input.value = value;
  input.spellcheck = false;
  input.autocomplete = "off";
  input.addEventListener("input", () => onInput(input.value));
  return input;
}

/** A large checkbox or radio button with its words, the whole row a touch target. */
function choice(input: HTMLInputElement, text: string): HTMLLabelElement {
  const label = el("label", { className: "choice" });
  label.append(input, el("span", { textContent: text }));
  return label;
}

export function createIdentifyScreen(ctx: ScreenContext): Screen {
  const s: State = {
    phase: "waiting",
    step: null,
    checkError: null,
    zoneText: "",
    typing: false,
    form: emptyManualForm(),
    formProblems: [],
    selection: emptySelection(),
    missing: [],
    confirming: false,
    confirmError: null,
    search: emptySearch(),
    demo: { state: "loading", docs: [], error: null },
  };
  /** Each document gets a number; an answer for an older one is dropped (a newer scan replaces it). */
  let documentSeq = 0;
  let disposed = false;
  /**
   * Where the focus goes after the next render; otherwise it stays on the element it was on. At
   * first the keyboard starts on typing the document (the scanner works wherever focus is).
   */
  let focusNext: string | null = "type-document";
  let lastRoot: HTMLElement | null = null;

  const rerender = (): void => {
    if (!disposed) {
      ctx.rerender();
    }
  };

  const clearDocument = (): void => {
    documentSeq += 1;
    s.phase = "waiting";
    s.step = null;
    s.checkError = null;
    s.selection = emptySelection();
    s.missing = [];
    s.confirmError = null;
    s.confirming = false;
    s.search = emptySearch();
  };

  /** Runs a document check; whatever showed before is replaced at once. */
  const check = async (
    command: "check_zone" | "check_typed_document",
    args: Record<string, unknown>,
  ): Promise<void> => {
    clearDocument();
    const mine = documentSeq;
    s.phase = "checking";
    rerender();
    try {
      const step = parseDocumentStep(await ctx.call<unknown>(command, args));
      if (mine !== documentSeq || disposed) {
        return;
      }
      s.step = step;
      s.phase = "result";
      s.typing = false;
      s.formProblems = [];
      // The zone is in the result now; a refused one stays in the field to be corrected.
      s.zoneText = "";
      s.selection = selectionFor(step.candidates, emptySelection());
      focusNext = "result-title";
    } catch (error) {
      if (mine !== documentSeq || disposed) {
        return;
      }
      s.phase = "waiting";
      s.checkError = asError(error);
    }
    rerender();
  };

  const checkZone = (zone: string): void => {
    void check("check_zone", { zone });
  };

  const checkTyped = (): void => {
    const r = manualEntry(s.form);
    if (!r.ok) {
      s.formProblems = r.problems;
      focusNext = r.problems[0] ? `typed-${r.problems[0][0]}` : null;
      rerender();
      return;
    }
    s.formProblems = [];
    void check("check_typed_document", { entry: r.entry });
  };

  const search = async (): Promise<void> => {
    const query = customerQuery(s.search.by, s.search.text);
    s.search = { ...s.search, invalid: query === null, noneFound: false, error: null };
    if (query === null) {
      focusNext = "search-text";
      rerender();
      return;
    }
    const mine = documentSeq;
    s.search.busy = true;
    rerender();
    try {
      const found = parseCandidates(await ctx.call<unknown>("search_customer", { query }));
      if (mine !== documentSeq || disposed || s.step === null) {
        return;
      }
      s.step = { ...s.step, candidates: found, lookup_failed: null };
      s.selection = selectionFor(found, s.selection);
      s.missing = [];
      s.confirmError = null;
      s.search.noneFound = found.length === 0;
      focusNext = found.length > 0 ? "candidates-title" : "search-text";
    } catch (error) {
      if (mine !== documentSeq || disposed) {
        return;
      }
      s.search.error = asError(error);
      // The button was disabled while searching and lost the focus; the number is what to change.
      focusNext = "search-text";
    } finally {
      s.search.busy = false;
    }
    rerender();
  };

  const confirm = async (): Promise<void> => {
    const r = confirmArgs(s.selection, s.step?.candidates ?? []);
    if (!r.ok) {
      s.missing = r.missing;
      focusNext = missingTarget(r.missing[0]);
      rerender();
      return;
    }
    const mine = documentSeq;
    s.missing = [];
    s.confirming = true;
    s.confirmError = null;
    rerender();
    try {
      await ctx.call<unknown>("confirm_identity", r.args);
      if (disposed) {
        return;
      }
      // The customer is being served: nothing of the document stays on this screen.
      clearDocument();
      await ctx.counterChanged();
      return;
    } catch (error) {
      if (mine !== documentSeq || disposed) {
        return;
      }
      s.confirmError = asError(error);
      focusNext = "confirm";
    } finally {
      s.confirming = false;
    }
    rerender();
  };

  const loadDemo = async (): Promise<void> => {
    demoDocuments ??= ctx.call<unknown>("demo_documents").then(parseDemoDocuments);
    try {
      s.demo = { state: "ready", docs: await demoDocuments, error: null };
    } catch (error) {
      demoDocuments = null;
      s.demo = { state: "failed", docs: [], error: asError(error) };
    }
    rerender();
  };
  if (ctx.demo) {
    void loadDemo();
  }

  // -------------------------------------------------------------------------------------------

  const waitingPanel = (lang: Lang): HTMLElement[] => {
    const parts: HTMLElement[] = [];
    const prompt = el("div", { className: "scan-prompt" });
    prompt.setAttribute("role", "status");
    prompt.append(
      el("p", {
        className: "scan-hint",
        id: "scan-hint",
        textContent: s.phase === "checking" ? W.checking[lang] : W.scanHint[lang],
      }),
      el("p", { className: "hint", textContent: W.scanWhere[lang] }),
    );
    parts.push(prompt);
    if (s.checkError) {
      parts.push(problemBox(refusalProblem(s.checkError, lang)));
    }
    if (s.typing) {
      parts.push(typedForm(lang));
    } else {
      const open = button(W.typeDocument[lang], "secondary", () => {
        s.typing = true;
        focusNext = "typed-document_type";
        rerender();
      });
      open.id = "type-document";
      const actions = el("div", { className: "actions" });
      actions.append(open);
      parts.push(actions);
    }
    parts.push(zoneEntry(lang));
    if (ctx.demo) {
      parts.push(demoList(lang));
    }
    return parts;
  };

  const zoneEntry = (lang: Lang): HTMLElement => {
    const form = el("form", { className: "zone-entry" });
    const area = el("textarea", { id: "zone-text" });
    area.rows = 3;
    area.cols = 44;
    area.spellcheck = false;
    area.autocomplete = "off";
    area.autocapitalize = "characters";
    area.value = s.zoneText;
    area.addEventListener("input", () => {
      s.zoneText = area.value;
    });
    const submit = el("button", { className: "secondary", id: "check-zone", textContent: W.checkZone[lang] });
    submit.type = "submit";
    form.append(field(W.zoneLabel[lang], area), submit);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      checkZone(s.zoneText);
    });
    return form;
  };

  const typedForm = (lang: Lang): HTMLElement => {
    const form = el("form", { className: "typed-form", id: "typed-form" });
    form.noValidate = true;
    form.append(
      el("h2", { textContent: W.typedTitle[lang] }),
      el("p", { className: "hint", textContent: W.typedHint[lang] }),
    );
    const grid = el("div", { className: "form-grid" });
    const problems = new Map(s.formProblems);
    for (const name of Object.keys(FORM_LABELS) as ManualField[]) {
      const id = `typed-${name}`;
      const label = FORM_LABELS[name][lang] + (OPTIONAL_FIELDS.has(name) ? ` ${W.optional[lang]}` : "");
      let input: HTMLInputElement | HTMLSelectElement;
      if (name === "document_type") {
        const select = el("select", { id });
        for (const t of DOCUMENT_TYPES) {
          const option = el("option", { textContent: DOCUMENT_TYPE_WORDS[t][lang] });
          option.value = t;
          option.selected = s.form.document_type === t;
          select.append(option);
        }
        select.addEventListener("change", () => {
          s.form.document_type = select.value as ManualForm["document_type"];
        });
        input = select;
      } else {
        input = textInput(id, s.form[name], (value) => {
          s.form[name] = value;
        });
        if (name === "issuing_state" || name === "nationality") {
          input.maxLength = 3;
          input.autocapitalize = "characters";
        }
        if (name.endsWith("_on") || name === "date_of_birth") {
          input.inputMode = "numeric";
          input.placeholder = lang === "sr" ? "ДД.ММ.ГГГГ" : lang === "sq" ? "DD.MM.VVVV" : "DD.MM.YYYY";
        }
      }
      const wrap = field(label, input);
      const problem = problems.get(name);
      if (problem !== undefined) {
        markInvalid(wrap, input, id, FORM_PROBLEM_WORDS[problem][lang]);
      }
      grid.append(wrap);
    }
    form.append(grid);
    const actions = el("div", { className: "actions" });
    const submit = el("button", { className: "primary", id: "typed-submit", textContent: W.checkTyped[lang] });
    submit.type = "submit";
    const cancel = button(W.cancel[lang], "secondary", () => {
      s.typing = false;
      s.formProblems = [];
      focusNext = "type-document";
      rerender();
    });
    cancel.id = "typed-cancel";
    actions.append(submit, cancel);
    form.append(actions);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      checkTyped();
    });
    return form;
  };

  const demoList = (lang: Lang): HTMLElement => {
    const section = el("section", { className: "demo-documents" });
    section.append(
      el("h2", { textContent: W.demoTitle[lang] }),
      el("p", { className: "hint", textContent: W.demoHint[lang] }),
    );
    if (s.demo.state === "loading") {
      section.append(el("p", { className: "hint", textContent: W.demoLoading[lang] }));
    } else if (s.demo.state === "failed") {
      section.append(problemBox({ text: W.demoFailed[lang], detail: s.demo.error?.message ?? "" }));
    } else {
      const ul = el("ul");
      s.demo.docs.forEach((doc, i) => {
        const li = el("li", { className: "demo-document" });
        const text = el("div");
        text.append(
          el("strong", { textContent: doc.display_name }),
          el("span", { className: "demo-case", textContent: DEMO_CASE_WORDS[doc.case][lang] }),
          el("span", {
            className: "hint",
            textContent: `${DOCUMENT_TYPE_WORDS[doc.document_type][lang]} · ${doc.customer_id}`,
          }),
        );
        const tryIt = button(W.try[lang], "secondary", () => checkZone(doc.zone));
        tryIt.id = `try-${i}`;
        tryIt.setAttribute("aria-label", `${W.try[lang]}: ${doc.display_name}`);
        li.append(text, tryIt);
        ul.append(li);
      });
      section.append(ul);
    }
    return section;
  };

  // -------------------------------------------------------------------------------------------

  const resultPanel = (lang: Lang, step: DocumentStep): HTMLElement[] => {
    const parts: HTMLElement[] = [];
    const title = el("h2", { id: "result-title", textContent: W.document[lang] });
    title.tabIndex = -1;
    const summary = documentSummary(step.document, lang);
    const summaryLine = el("p", { className: "summary", textContent: summary.text });
    summaryLine.dataset.tone = summary.tone;
    summaryLine.setAttribute("role", "status");
    parts.push(title, summaryLine, documentData(lang, step));

    const checks = el("ul", { className: "checks" });
    checks.setAttribute("aria-label", W.checks[lang]);
    for (const line of checkLines(step, lang)) {
      const li = el("li", { className: "check" });
      li.dataset.tone = line.tone;
      const mark = el("span", {
        className: "mark",
        textContent: line.tone === "ok" ? "✓" : line.tone === "fail" ? "✗" : "!",
      });
      mark.setAttribute("aria-hidden", "true");
      li.append(mark, el("span", { textContent: line.text }));
      checks.append(li);
    }
    parts.push(el("h3", { textContent: W.checks[lang] }), checks);

    if (step.held) {
      parts.push(...records(lang, step));
    } else {
      const again = el("div", { className: "actions" });
      const typeIt = button(W.typeDocument[lang], "secondary", () => {
        clearDocument();
        s.typing = true;
        focusNext = "typed-document_type";
        rerender();
      });
      typeIt.id = "type-document";
      again.append(typeIt);
      parts.push(again);
    }
    return parts;
  };

  const documentData = (lang: Lang, step: DocumentStep): HTMLElement => {
    const d = step.document.data;
    const dl = el("dl", { className: "document-data" });
    const row = (term: string, value: string): void => {
      dl.append(el("dt", { textContent: term }), el("dd", { textContent: value }));
    };
    row(W.name[lang], [d.given_names, d.surname].filter((x) => x !== "").join(" ") || "—");
    row(W.type[lang], DOCUMENT_TYPE_WORDS[d.document_type][lang]);
    row(W.issuingState[lang], d.issuing_state || "—");
    // Only the last four characters are ever recorded; the screen shows no more than that.
    row(W.number[lang], d.document_number ? maskNumber(d.document_number) : "—");
    // In full: the clerk compares it with the document when its check-digit warning shows.
    row(W.personalNumber[lang], d.personal_number ?? "—");
    row(W.born[lang], showDate(d.date_of_birth));
    row(W.expires[lang], showDate(d.expires_on));
    row(W.nationality[lang], d.nationality ?? "—");
    row(W.read[lang], d.method === "scanned" ? W.scanned[lang] : W.typed[lang]);
    return dl;
  };

  const records = (lang: Lang, step: DocumentStep): HTMLElement[] => {
    const parts: HTMLElement[] = [];
    const title = el("h3", { id: "candidates-title", textContent: W.records[lang] });
    title.tabIndex = -1;
    parts.push(title);
    if (step.lookup_failed) {
      const p = lookupProblem(step.lookup_failed, lang);
      const notice = el("p", { className: "notice lookup-failed", textContent: p.text });
      notice.setAttribute("role", "alert");
      const detail = el("span", { className: "problem-detail", textContent: p.detail });
      detail.lang = "en";
      notice.append(detail);
      parts.push(notice);
    } else if (step.candidates.length === 0) {
      const words = step.document.data.personal_number === null ? W.noPersonalNumber : W.noRecord;
      parts.push(el("p", { className: "notice", textContent: words[lang] }));
    }
    if (step.candidates.length > 0) {
      const ul = el("ul", { className: "candidates" });
      for (const c of step.candidates) {
        ul.append(candidateItem(lang, c));
      }
      parts.push(ul);
    }
    parts.push(searchForm(lang));
    const chosen = step.candidates.find((c) => c.customer.customer_id === s.selection.customerId);
    if (chosen) {
      parts.push(confirmation(lang, chosen));
    }
    return parts;
  };

  const candidateItem = (lang: Lang, c: Candidate): HTMLElement => {
    const li = el("li", { className: "candidate" });
    const selected = s.selection.customerId === c.customer.customer_id;
    li.dataset.selected = String(selected);
    const radio = el("input", { id: `candidate-${c.customer.customer_id}` });
    radio.type = "radio";
    radio.name = "candidate";
    radio.checked = selected;
    radio.addEventListener("change", () => {
      if (radio.checked) {
        s.selection = pickCandidate(c);
        s.missing = [];
        s.confirmError = null;
        rerender();
      }
    });
    const pick = el("label", { className: "choice candidate-pick" });
    const name = el("span", { className: "candidate-name" });
    name.append(el("strong", { textContent: customerName(c.customer) }));
    if (c.customer.demo) {
      name.append(el("span", { className: "demo-tag", textContent: W.demoTag[lang] }));
    }
    name.append(
      el("span", {
        className: "hint",
        textContent: `${W.customerNo[lang]} ${c.customer.customer_no} · ${c.customer.customer_id}`,
      }),
    );
    pick.append(radio, name);
    li.append(pick);
    for (const cmp of c.comparisons) {
      const block = el("div", { className: "comparison" });
      const verdict = verdictText(cmp.result, lang);
      const head = el("p", { className: "verdict" });
      head.dataset.tone = verdict.tone;
      head.append(
        el("strong", { textContent: `${subjectText(cmp.subject, c.customer, lang)}: ` }),
        el("span", { textContent: verdict.text }),
      );
      const fields = el("ul", { className: "match-fields" });
      for (const [f, outcome] of cmp.result.fields) {
        const item = el("li", { textContent: `${matchFieldLabel(f, lang)}: ${outcomeText(outcome, lang)}` });
        item.dataset.outcome = outcome;
        fields.append(item);
      }
      block.append(head, fields);
      li.append(block);
    }
    return li;
  };

  const searchForm = (lang: Lang): HTMLElement => {
    const form = el("form", { className: "search" });
    form.append(el("h3", { textContent: W.searchTitle[lang] }));
    const by = el("div", { className: "search-by" });
    by.setAttribute("role", "radiogroup");
    by.setAttribute("aria-label", W.searchTitle[lang]);
    for (const option of ["customer_no", "msisdn"] as const) {
      const radio = el("input", { id: `search-by-${option}` });
      radio.type = "radio";
      radio.name = "search-by";
      radio.checked = s.search.by === option;
      radio.addEventListener("change", () => {
        if (radio.checked) {
          s.search.by = option;
          s.search.invalid = false;
          rerender();
        }
      });
      by.append(choice(radio, option === "customer_no" ? W.byCustomerNo[lang] : W.byMsisdn[lang]));
    }
    const input = textInput("search-text", s.search.text, (value) => {
      s.search.text = value;
    });
    input.inputMode = s.search.by === "customer_no" ? "numeric" : "tel";
    const wrap = field(s.search.by === "customer_no" ? W.byCustomerNo[lang] : W.byMsisdn[lang], input);
    if (s.search.invalid) {
      markInvalid(wrap, input, "search-text", W.searchInvalid[lang]);
    }
    const submit = el("button", {
      className: "secondary",
      id: "search",
      textContent: s.search.busy ? W.searching[lang] : W.search[lang],
    });
    submit.type = "submit";
    submit.disabled = s.search.busy;
    const row = el("div", { className: "search-row" });
    row.append(wrap, submit);
    form.append(by, row);
    if (s.search.noneFound) {
      const none = el("p", { className: "notice", textContent: W.noneFound[lang] });
      none.setAttribute("role", "status");
      form.append(none);
    }
    if (s.search.error) {
      form.append(problemBox(lookupProblem(s.search.error, lang)));
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void search();
    });
    return form;
  };

  const confirmation = (lang: Lang, c: Candidate): HTMLElement => {
    const box = el("fieldset", { className: "acting" });
    box.append(el("legend", { textContent: `${W.whoTitle[lang]} — ${customerName(c.customer)}` }));
    const group = el("div", { className: "acting-choices" });
    for (const capacity of CAPACITIES) {
      const radio = el("input", { id: `acting-${capacity}` });
      radio.type = "radio";
      radio.name = "acting";
      radio.checked = s.selection.capacity === capacity;
      radio.addEventListener("change", () => {
        if (radio.checked) {
          s.selection = { ...s.selection, capacity, accepted: false };
          s.missing = [];
          s.confirmError = null;
          rerender();
        }
      });
      group.append(choice(radio, CAPACITY_WORDS[capacity][lang]));
    }
    box.append(group);

    const capacity: Capacity = s.selection.capacity;
    const comparison = comparisonFor(c, capacity);
    if (comparison === null) {
      box.append(el("p", { className: "notice", textContent: MISSING_WORDS.not_on_record[lang] }));
    } else {
      const verdict = verdictText(comparison.result, lang);
      const line = el("p", { className: "verdict" });
      line.dataset.tone = verdict.tone;
      line.append(
        el("strong", { textContent: `${subjectText(comparison.subject, c.customer, lang)}: ` }),
        el("span", { textContent: verdict.text }),
      );
      box.append(line);
    }
    const blocked = comparison === null || comparison.result.verdict === "mismatch";
    if (!blocked) {
      if (capacity === "business_representative") {
        const input = textInput("business-number", s.selection.businessNumber, (value) => {
          s.selection.businessNumber = value;
        });
        input.inputMode = "numeric";
        const wrap = field(W.businessNumber[lang], input);
        if (s.missing.includes("business_number")) {
          markInvalid(wrap, input, "business-number", MISSING_WORDS.business_number[lang]);
        }
        box.append(wrap);
      }
      if (capacity !== "themself") {
        const input = textInput("authorisation-reference", s.selection.authorisationReference, (value) => {
          s.selection.authorisationReference = value;
        });
        const wrap = field(W.reference[lang], input);
        const rep =
          comparison?.subject.kind === "representative"
            ? c.customer.representatives[comparison.subject.index]
            : undefined;
        if (rep?.authorisation_reference) {
          wrap.append(
            el("span", {
              className: "hint",
              textContent: fill(W.onRecord[lang], { reference: rep.authorisation_reference }),
            }),
          );
        }
        if (s.missing.includes("authorisation_reference")) {
          markInvalid(wrap, input, "authorisation-reference", MISSING_WORDS.authorisation_reference[lang]);
        }
        box.append(wrap);
      }
      const photo = el("input", { id: "photo-confirmed" });
      photo.type = "checkbox";
      photo.checked = s.selection.photoConfirmed;
      photo.addEventListener("change", () => {
        s.selection.photoConfirmed = photo.checked;
        s.missing = s.missing.filter((m) => m !== "photo");
        rerender();
      });
      const photoChoice = choice(photo, W.photo[lang]);
      photoChoice.classList.add("photo");
      box.append(photoChoice);
      if (comparison?.result.verdict === "partial") {
        const judged = el("input", { id: "judgement" });
        judged.type = "checkbox";
        judged.checked = s.selection.accepted;
        judged.addEventListener("change", () => {
          s.selection.accepted = judged.checked;
          s.missing = s.missing.filter((m) => m !== "judgement");
          rerender();
        });
        box.append(choice(judged, W.judgement[lang]));
      }
    }
    const missing = s.missing.filter(
      (m) => m !== "business_number" && m !== "authorisation_reference" && m !== "customer",
    );
    if (missing.length > 0 && !blocked) {
      const ul = el("ul", { className: "missing" });
      ul.setAttribute("role", "alert");
      for (const m of missing) {
        ul.append(el("li", { textContent: MISSING_WORDS[m][lang] }));
      }
      box.append(ul);
    }
    if (s.confirmError) {
      box.append(problemBox(refusalProblem(s.confirmError, lang)));
    }
    if (!blocked) {
      const go = el("button", {
        className: "primary",
        id: "confirm",
        textContent: s.confirming ? W.confirming[lang] : W.confirm[lang],
      });
      go.type = "button";
      go.disabled = s.confirming;
      go.addEventListener("click", () => void confirm());
      const actions = el("div", { className: "actions" });
      actions.append(go);
      box.append(actions);
    }
    return box;
  };

  // -------------------------------------------------------------------------------------------

  const build = (lang: Lang): HTMLElement => {
    const root = el("section", { className: "card identify" });
    root.setAttribute("aria-labelledby", "identify-title");
    root.append(el("h1", { id: "identify-title", textContent: W.title[lang] }));
    if (s.phase === "result" && s.step !== null) {
      root.append(...resultPanel(lang, s.step));
      const actions = el("div", { className: "actions" });
      const again = button(W.startAgain[lang], "secondary", () => {
        clearDocument();
        s.form = emptyManualForm();
        s.zoneText = "";
        // Rust still holds the document and its records until told otherwise; with nobody being
        // served, "Done" drops exactly those. Nothing to show if it fails: the next document
        // replaces them anyway.
        ctx.call("end_customer").catch(() => undefined);
        focusNext = "type-document";
        rerender();
      });
      again.id = "start-again";
      actions.append(again);
      root.append(actions);
    } else {
      root.append(...waitingPanel(lang));
    }
    return root;
  };

  return {
    render(lang: Lang): HTMLElement {
      // main.ts builds the page anew on every render: the focused element (and the caret in it)
      // must come back, or a keyboard user starts from the top after every tick of a box.
      const active = document.activeElement;
      const kept =
        lastRoot !== null && active instanceof HTMLElement && active.id !== "" && lastRoot.contains(active)
          ? active
          : null;
      const target = focusNext ?? kept?.id ?? null;
      const caret: [number | null, number | null] | null =
        focusNext === null && (kept instanceof HTMLInputElement || kept instanceof HTMLTextAreaElement)
          ? [kept.selectionStart, kept.selectionEnd]
          : null;
      focusNext = null;
      const root = build(lang);
      lastRoot = root;
      if (target !== null) {
        queueMicrotask(() => {
          const next = document.getElementById(target);
          next?.focus();
          if (caret && (next instanceof HTMLInputElement || next instanceof HTMLTextAreaElement)) {
            try {
              next.setSelectionRange(caret[0], caret[1]);
            } catch {
              // Not every input type has a caret; the focus is what matters.
            }
          }
        });
      }
      return root;
    },
    onScan(zone: string): void {
      checkZone(zone);
    },
    dispose(): void {
      disposed = true;
      clearDocument();
    },
  };
}

/** Where the focus goes for the first thing still missing. */
function missingTarget(m: Missing | undefined): string | null {
  switch (m) {
    case "business_number":
      return "business-number";
    case "authorisation_reference":
      return "authorisation-reference";
    case "photo":
      return "photo-confirmed";
    case "judgement":
      return "judgement";
    default:
      return "confirm";
  }
}

// The printout's preview: PDF.js draws the pages Rust rendered into canvases, since WebKitGTK
// shows no PDFs itself. This module is loaded only when the Printout tab first opens, so PDF.js
// (a large library) costs nothing until then. Pages are drawn as they come near the view and give
// their canvas back when far from it (preview-layout.ts decides which); one worker parses every
// document the screen shows and goes with the screen.
//
// PDF.js runs under the app's CSP (tauri.conf.json) unchanged: its worker is a file of the app's
// own origin (script-src 'self' covers workers), eval and WebAssembly are switched off (the
// printouts need neither: no Type 4 functions, JPEG 2000, JBIG2 or ICC profiles), and nothing is
// fetched (the fonts are embedded in the printout).
//
// The legacy build: it carries the polyfills WebKitGTK 2.40 (Debian 12) needs, such as
// Promise.withResolvers, which the modern build assumes.

import {
  getDocument,
  GlobalWorkerOptions,
  type PDFDocumentProxy,
  PDFWorker,
  type RenderTask,
} from "pdfjs-dist/legacy/build/pdf.mjs";
import workerUrl from "pdfjs-dist/legacy/build/pdf.worker.min.mjs?url";

import { fill, type Lang, type Text } from "./i18n";
import {
  fitWidth,
  outputScale,
  PAGE_GAP,
  type PageBox,
  pageBoxes,
  pageInView,
  pagesNearView,
  scrollAfterZoom,
  zoomIn,
  zoomOut,
} from "./preview-layout";

GlobalWorkerOptions.workerSrc = workerUrl;

const W = {
  region: { sq: "Pamja e shtypjes", en: "Printout preview", sr: "Преглед отиска" },
  page: { sq: "Faqja {page} nga {pages}", en: "Page {page} of {pages}", sr: "Страна {page} од {pages}" },
  previous: { sq: "Faqja e mëparshme", en: "Previous page", sr: "Претходна страна" },
  next: { sq: "Faqja tjetër", en: "Next page", sr: "Следећа страна" },
  zoomOut: { sq: "Zvogëlo", en: "Zoom out", sr: "Умањи" },
  zoomIn: { sq: "Zmadho", en: "Zoom in", sr: "Увећај" },
  fit: { sq: "Sa gjerësia", en: "Fit width", sr: "По ширини" },
  zoom: { sq: "Zmadhimi", en: "Zoom", sr: "Увећање" },
} satisfies Record<string, Text>;

export interface PdfPreview {
  /** The toolbar and the scrolled pages; kept across the screen's renders. */
  readonly element: HTMLElement;
  /** Shows a new document in place of the last one; resolves with its number of pages. */
  show(bytes: ArrayBuffer): Promise<number>;
  /** Forgets the document shown (its canvases and PDF.js's copy), keeping the worker. */
  clear(): void;
  setLang(lang: Lang): void;
  /** Forgets everything, the worker too: the customer leaves the screen. */
  destroy(): void;
}

interface Slot {
  box: HTMLDivElement;
  canvas: HTMLCanvasElement | null;
  /** The scale the canvas was drawn at: after a zoom it is stretched until drawn again. */
  drawnAt: number;
  task: RenderTask | null;
}

function toolButton(id: string, text: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.id = id;
  b.className = "secondary tool";
  b.textContent = text;
  b.addEventListener("click", onClick);
  return b;
}

export function createPdfPreview(initialLang: Lang): PdfPreview {
  let lang = initialLang;
  let worker: PDFWorker | null = null;
  let doc: PDFDocumentProxy | null = null;
  /** Bumped by every show, clear and destroy: work started for an older document stops. */
  let generation = 0;
  let slots: Slot[] = [];
  /** Each page's size in points (scale 1): the printouts are all A4, so page 1's stands for a page not drawn yet. */
  let sizes: Array<{ width: number; height: number }> = [];
  let boxes: PageBox[] = [];
  let scale = 1;
  let fit = true;
  let drawing = false;
  let frame = 0;

  const element = document.createElement("div");
  element.className = "pdf-preview";
  const toolbar = document.createElement("div");
  toolbar.className = "pdf-toolbar";
  const previous = toolButton("preview-previous", "‹", () =>
    goTo(pageInView(boxes, scroller.scrollTop, scroller.clientHeight) - 1),
  );
  const next = toolButton("preview-next", "›", () =>
    goTo(pageInView(boxes, scroller.scrollTop, scroller.clientHeight) + 1),
  );
  const pageLabel = document.createElement("span");
  pageLabel.id = "preview-page";
  pageLabel.className = "pdf-page-label";
  pageLabel.setAttribute("aria-live", "polite");
  const out = toolButton("preview-zoom-out", "−", () => setScale(zoomOut(scale), false));
  const zoomLabel = document.createElement("span");
  zoomLabel.id = "preview-zoom";
  zoomLabel.className = "pdf-zoom-label";
  const into = toolButton("preview-zoom-in", "+", () => setScale(zoomIn(scale), false));
  const fitButton = toolButton("preview-fit", "", () => setScale(fitScale(), true));
  toolbar.append(previous, pageLabel, next, out, zoomLabel, into, fitButton);

  const scroller = document.createElement("div");
  scroller.className = "pdf-scroller";
  // Focusable, so that arrows and Page Up/Down scroll the pages from the keyboard.
  scroller.tabIndex = 0;
  scroller.setAttribute("role", "region");
  const column = document.createElement("div");
  column.className = "pdf-pages";
  scroller.append(column);
  element.append(toolbar, scroller);

  const schedule = (): void => {
    if (frame === 0) {
      frame = requestAnimationFrame(() => {
        frame = 0;
        update();
      });
    }
  };
  /** Where the clerk had scrolled to: a view taken off the page (another tab) starts again at 0. */
  let lastScroll = 0;
  let away = false;
  const scrolled = (): void => {
    if (scroller.clientHeight > 0) {
      lastScroll = scroller.scrollTop;
    }
    schedule();
  };
  scroller.addEventListener("scroll", scrolled, { passive: true });
  // The view's size changes with the window, and to nothing while another tab shows: a fitted page
  // follows the width, and the view comes back where the clerk left it.
  const resized = new ResizeObserver(() => {
    if (scroller.clientWidth === 0) {
      away = true;
      return;
    }
    if (slots.length > 0 && fit && Math.abs(fitScale() - scale) > 0.005) {
      setScale(fitScale(), true);
    }
    if (away) {
      away = false;
      scroller.scrollTop = lastScroll;
    }
    schedule();
  });
  resized.observe(scroller);

  function words(): void {
    scroller.setAttribute("aria-label", W.region[lang]);
    previous.setAttribute("aria-label", W.previous[lang]);
    next.setAttribute("aria-label", W.next[lang]);
    out.setAttribute("aria-label", W.zoomOut[lang]);
    into.setAttribute("aria-label", W.zoomIn[lang]);
    zoomLabel.setAttribute("aria-label", W.zoom[lang]);
    fitButton.textContent = W.fit[lang];
    fitButton.setAttribute("aria-pressed", String(fit));
    zoomLabel.textContent = `${Math.round(scale * 100)} %`;
    const n = slots.length;
    const current = n === 0 ? 0 : pageInView(boxes, scroller.scrollTop, scroller.clientHeight);
    const where = n === 0 ? "" : fill(W.page[lang], { page: current, pages: n });
    // Written only when it changes: the label is read out, and scrolling asks for it every frame.
    if (pageLabel.textContent !== where) {
      pageLabel.textContent = where;
    }
    previous.disabled = current <= 1;
    next.disabled = current >= n;
    out.disabled = n === 0;
    into.disabled = n === 0;
    fitButton.disabled = n === 0;
  }

  function labelPages(): void {
    for (const [i, slot] of slots.entries()) {
      slot.box.setAttribute("aria-label", fill(W.page[lang], { page: i + 1, pages: slots.length }));
    }
  }

  function fitScale(): number {
    const first = sizes[0];
    return first === undefined ? 1 : fitWidth(scroller.clientWidth, first.width);
  }

  function layout(): void {
    boxes = pageBoxes(
      sizes.map((s) => s.height),
      scale,
    );
    const widest = Math.max(0, ...sizes.map((s) => s.width * scale));
    const width = Math.max(scroller.clientWidth, Math.ceil(widest) + 2 * PAGE_GAP);
    const last = boxes.at(-1);
    column.style.width = `${width}px`;
    column.style.height = `${last === undefined ? 0 : last.top + last.height + PAGE_GAP}px`;
    for (const [i, slot] of slots.entries()) {
      const box = boxes[i] as PageBox;
      const w = Math.round((sizes[i]?.width ?? 0) * scale);
      slot.box.style.top = `${box.top}px`;
      slot.box.style.height = `${box.height}px`;
      slot.box.style.width = `${w}px`;
      slot.box.style.left = `${Math.max(PAGE_GAP, Math.round((width - w) / 2))}px`;
    }
  }

  function setScale(next: number, fitted: boolean): void {
    if (slots.length === 0) {
      return;
    }
    const before = boxes;
    fit = fitted;
    scale = next;
    layout();
    scroller.scrollTop = scrollAfterZoom(before, boxes, scroller.scrollTop, scroller.clientHeight);
    words();
    schedule();
  }

  function goTo(page: number): void {
    const box = boxes[page - 1];
    if (box !== undefined) {
      scroller.scrollTop = box.top - PAGE_GAP;
      schedule();
    }
  }

  function release(slot: Slot): void {
    slot.task?.cancel();
    slot.task = null;
    if (slot.canvas !== null) {
      // A canvas's pixels are freed when it has none, not when it leaves the page.
      slot.canvas.width = 0;
      slot.canvas.height = 0;
      slot.canvas.remove();
      slot.canvas = null;
    }
    slot.drawnAt = 0;
  }

  /** Draws the pages near the view one at a time, nearest first; gives far canvases back. */
  function update(): void {
    words();
    if (scroller.clientHeight === 0) {
      return;
    }
    const near = pagesNearView(boxes, scroller.scrollTop, scroller.clientHeight);
    if (near === null || doc === null) {
      return;
    }
    for (const [i, slot] of slots.entries()) {
      if (i < near.keep[0] || i > near.keep[1]) {
        release(slot);
      }
    }
    if (drawing) {
      return;
    }
    const middle = pageInView(boxes, scroller.scrollTop, scroller.clientHeight) - 1;
    let wanted = -1;
    for (let i = near.draw[0]; i <= near.draw[1]; i += 1) {
      const slot = slots[i];
      if (
        slot !== undefined &&
        slot.drawnAt !== scale &&
        (wanted < 0 || Math.abs(i - middle) < Math.abs(wanted - middle))
      ) {
        wanted = i;
      }
    }
    if (wanted >= 0) {
      void draw(wanted);
    }
  }

  async function draw(i: number): Promise<void> {
    const slot = slots[i];
    if (doc === null || slot === undefined) {
      return;
    }
    const mine = generation;
    const at = scale;
    drawing = true;
    try {
      const page = await doc.getPage(i + 1);
      if (mine !== generation) {
        return;
      }
      const base = page.getViewport({ scale: 1 });
      const size = sizes[i];
      if (size === undefined || Math.abs(size.width - base.width) > 0.5 || Math.abs(size.height - base.height) > 0.5) {
        sizes[i] = { width: base.width, height: base.height };
        layout();
      }
      const cssWidth = base.width * at;
      const cssHeight = base.height * at;
      const viewport = page.getViewport({ scale: at * outputScale(cssWidth, cssHeight, window.devicePixelRatio || 1) });
      const canvas = document.createElement("canvas");
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.setAttribute("aria-hidden", "true");
      slot.task = page.render({ canvas, viewport });
      await slot.task.promise;
      slot.task = null;
      page.cleanup();
      if (mine !== generation) {
        canvas.width = 0;
        canvas.height = 0;
        return;
      }
      const old = slot.canvas;
      slot.box.append(canvas);
      slot.canvas = canvas;
      slot.drawnAt = at;
      if (old !== null) {
        old.width = 0;
        old.height = 0;
        old.remove();
      }
      slot.box.classList.add("drawn");
    } catch {
      // A cancelled drawing (the page scrolled away, a zoom, a new document) is redrawn when needed.
      slot.task = null;
    } finally {
      if (mine === generation) {
        drawing = false;
        schedule();
      }
    }
  }

  function forget(): void {
    generation += 1;
    drawing = false;
    for (const slot of slots) {
      release(slot);
    }
    slots = [];
    sizes = [];
    boxes = [];
    column.replaceChildren();
    column.style.height = "0px";
    const old = doc;
    doc = null;
    void old?.destroy();
  }

  async function show(bytes: ArrayBuffer): Promise<number> {
    forget();
    const mine = generation;
    worker ??= new PDFWorker();
    const task = getDocument({
      data: new Uint8Array(bytes),
      worker,
      isEvalSupported: false,
      useWasm: false,
      enableXfa: false,
      verbosity: 0,
    });
    const loaded = await task.promise;
    if (mine !== generation) {
      void loaded.destroy();
      throw new Error("a newer printout replaced this one");
    }
    doc = loaded;
    const first = (await loaded.getPage(1)).getViewport({ scale: 1 });
    if (mine !== generation) {
      throw new Error("a newer printout replaced this one");
    }
    sizes = Array.from({ length: loaded.numPages }, () => ({ width: first.width, height: first.height }));
    slots = sizes.map(() => {
      const box = document.createElement("div");
      box.className = "pdf-page";
      box.setAttribute("role", "img");
      column.append(box);
      return { box, canvas: null, drawnAt: 0, task: null };
    });
    scale = fit ? fitScale() : scale;
    layout();
    scroller.scrollTop = 0;
    lastScroll = 0;
    labelPages();
    words();
    update();
    return loaded.numPages;
  }

  words();
  return {
    element,
    show,
    clear: forget,
    setLang(next: Lang): void {
      lang = next;
      words();
      labelPages();
    },
    destroy(): void {
      forget();
      cancelAnimationFrame(frame);
      frame = 0;
      resized.disconnect();
      scroller.removeEventListener("scroll", scrolled);
      worker?.destroy();
      worker = null;
      element.remove();
    },
  };
}

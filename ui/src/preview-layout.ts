// Where the printout's pages sit in the preview and which of them to draw: the zoom steps, "fit
// width", the page in view, and the few pages near the view that get a canvas. A printout can run
// to hundreds of pages; only those near the view are drawn, and pages far away give their canvas
// back, so memory stays that of a handful of pages. No DOM here, so that it runs under Vitest.

/** The zoom steps the − and + buttons go through (1 = the page at 72 CSS pixels per inch). */
export const ZOOM_STEPS: readonly number[] = [0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 3];

/** CSS pixels between pages and around them. */
export const PAGE_GAP = 16;

/** The next step up from `scale` (a fitted width sits between steps), or the largest. */
export function zoomIn(scale: number): number {
  return ZOOM_STEPS.find((s) => s > scale + 0.001) ?? (ZOOM_STEPS.at(-1) as number);
}

/** The next step down from `scale`, or the smallest. */
export function zoomOut(scale: number): number {
  return [...ZOOM_STEPS].reverse().find((s) => s < scale - 0.001) ?? (ZOOM_STEPS[0] as number);
}

/** The scale at which a page `pageWidth` points wide fills a view `viewWidth` CSS pixels wide. */
export function fitWidth(viewWidth: number, pageWidth: number): number {
  if (pageWidth <= 0 || viewWidth <= 0) {
    return 1;
  }
  const scale = (viewWidth - 2 * PAGE_GAP) / pageWidth;
  const smallest = ZOOM_STEPS[0] as number;
  const largest = ZOOM_STEPS.at(-1) as number;
  return Math.min(largest, Math.max(smallest, scale));
}

export interface PageBox {
  top: number;
  height: number;
}

/** Each page's top and height in the scrolled column at `scale`, pages `PAGE_GAP` apart. */
export function pageBoxes(heights: readonly number[], scale: number): PageBox[] {
  let top = PAGE_GAP;
  return heights.map((h) => {
    const box = { top, height: Math.round(h * scale) };
    top += box.height + PAGE_GAP;
    return box;
  });
}

/** The first page whose bottom is below `y` (binary search: a long printout has many pages). */
function pageAtOrAfter(boxes: readonly PageBox[], y: number): number {
  let lo = 0;
  let hi = boxes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const box = boxes[mid] as PageBox;
    if (box.top + box.height < y) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/** The 1-based page in view: the one under the middle of the view. */
export function pageInView(boxes: readonly PageBox[], scrollTop: number, viewHeight: number): number {
  if (boxes.length === 0) {
    return 0;
  }
  return pageAtOrAfter(boxes, scrollTop + viewHeight / 2) + 1;
}

/**
 * The 0-based pages to draw: those in view and `ahead` pages either side, so that scrolling on
 * finds the next page ready. `keep` pages further out may keep a canvas they have; beyond them
 * canvases are given back.
 */
export function pagesNearView(
  boxes: readonly PageBox[],
  scrollTop: number,
  viewHeight: number,
  ahead = 1,
  keep = 3,
): { draw: [number, number]; keep: [number, number] } | null {
  if (boxes.length === 0) {
    return null;
  }
  const last = boxes.length - 1;
  const first = pageAtOrAfter(boxes, scrollTop);
  const end = pageAtOrAfter(boxes, scrollTop + viewHeight);
  return {
    draw: [Math.max(0, first - ahead), Math.min(last, end + ahead)],
    keep: [Math.max(0, first - ahead - keep), Math.min(last, end + ahead + keep)],
  };
}

/**
 * The canvas's pixels per CSS pixel: the screen's own density, lowered where a page at a high zoom
 * would need a canvas larger than `maxPixels` (a browser refuses or blanks huge canvases).
 */
export function outputScale(
  cssWidth: number,
  cssHeight: number,
  devicePixelRatio: number,
  maxPixels = 16_777_216,
): number {
  const wanted = Math.max(1, devicePixelRatio);
  const area = cssWidth * cssHeight * wanted * wanted;
  if (area <= maxPixels || area === 0) {
    return wanted;
  }
  return Math.sqrt(maxPixels / (cssWidth * cssHeight));
}

/** The scroll position that keeps the page in view at the same place in view after a zoom. */
export function scrollAfterZoom(
  before: readonly PageBox[],
  after: readonly PageBox[],
  scrollTop: number,
  viewHeight: number,
): number {
  if (before.length === 0 || after.length === 0) {
    return 0;
  }
  const i = pageInView(before, scrollTop, viewHeight) - 1;
  const was = before[i] as PageBox;
  const now = after[i] as PageBox;
  const within = was.height > 0 ? (scrollTop - was.top) / was.height : 0;
  return Math.max(0, Math.round(now.top + within * now.height));
}

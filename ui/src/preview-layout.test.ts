import { describe, expect, it } from "vitest";

import {
  fitWidth,
  outputScale,
  PAGE_GAP,
  pageBoxes,
  pageInView,
  pagesNearView,
  scrollAfterZoom,
  zoomIn,
  zoomOut,
  ZOOM_STEPS,
} from "./preview-layout";

const A4 = { width: 595.28, height: 841.89 };

describe("zoom", () => {
  it("steps up and down from any scale, a fitted one too, and stops at the ends", () => {
    expect(zoomIn(1)).toBe(1.25);
    expect(zoomOut(1)).toBe(0.8);
    expect(zoomIn(1.1)).toBe(1.25);
    expect(zoomOut(1.1)).toBe(1);
    expect(zoomIn(3)).toBe(3);
    expect(zoomOut(0.5)).toBe(0.5);
  });

  it("fits the page's width to the view, within the zoom's range", () => {
    expect(fitWidth(1000 + 2 * PAGE_GAP, 500)).toBe(2);
    expect(fitWidth(100, A4.width)).toBe(ZOOM_STEPS[0]);
    expect(fitWidth(0, A4.width)).toBe(1);
  });
});

describe("pages in view", () => {
  const boxes = pageBoxes(
    Array.from({ length: 300 }, () => A4.height),
    1,
  );

  it("stacks the pages with a gap", () => {
    expect(boxes[0]).toEqual({ top: PAGE_GAP, height: 842 });
    expect(boxes[1]).toEqual({ top: PAGE_GAP + 842 + PAGE_GAP, height: 842 });
  });

  it("finds the page under the middle of the view", () => {
    expect(pageInView(boxes, 0, 600)).toBe(1);
    expect(pageInView(boxes, 858 * 10, 600)).toBe(11);
    expect(pageInView(boxes, 858 * 299, 600)).toBe(300);
    expect(pageInView([], 0, 600)).toBe(0);
  });

  it("draws the pages in view and one either side, and keeps a few more", () => {
    expect(pagesNearView(boxes, 0, 600)).toEqual({ draw: [0, 1], keep: [0, 4] });
    expect(pagesNearView(boxes, 858 * 100 + 400, 600)).toEqual({ draw: [99, 102], keep: [96, 105] });
    expect(pagesNearView(boxes, 858 * 299 + 10, 600)).toEqual({ draw: [298, 299], keep: [295, 299] });
    expect(pagesNearView([], 0, 600)).toBeNull();
  });

  it("keeps the page in view where it was after a zoom", () => {
    const bigger = pageBoxes(
      Array.from({ length: 300 }, () => A4.height),
      2,
    );
    const top = scrollAfterZoom(boxes, bigger, (boxes[50]?.top ?? 0) + 421, 600);
    expect(pageInView(bigger, top, 600)).toBe(51);
    expect(top).toBe((bigger[50]?.top ?? 0) + 842);
  });
});

describe("outputScale", () => {
  it("draws at the screen's density, less where the canvas would be too large", () => {
    expect(outputScale(600, 850, 2)).toBe(2);
    expect(outputScale(600, 850, 0.5)).toBe(1);
    const s = outputScale(1800, 2550, 2);
    expect(s).toBeLessThan(2);
    expect(1800 * 2550 * s * s).toBeLessThanOrEqual(16_777_216 + 1);
  });
});

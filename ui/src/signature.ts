// The customer's handwritten signature: signature_pad draws it, and every point it sees is kept
// (no throttling, no minimum distance) and handed to Rust in the wire's shape, which Rust checks
// (empty, trivially short, off the pad) and hashes. Whether a signature is long enough is Rust's
// rule, said once; the pad only knows whether anything was drawn.

import SignaturePad, { type PointGroup } from "signature_pad";

/** The wire's signature: positions in tenths of a pad CSS pixel, ms since the stroke began,
 * pressure in thousandths for a pen. */
export interface Signature {
  readonly width: number;
  readonly height: number;
  readonly strokes: readonly (readonly number[])[][];
}

/** Tenths of a pixel, as protocol::mutation::SIGNATURE_SUBPIXELS. */
const SUBPIXELS = 10;
const FULL_PRESSURE = 1000;

/** Converts the pad's point groups into the wire's signature for a pad of `width`×`height`.
 * `penStrokes` says which strokes a pen drew (the only input whose pressure means anything). */
export function toSignature(
  groups: readonly Pick<PointGroup, "points">[],
  width: number,
  height: number,
  penStrokes: readonly boolean[] = [],
): Signature {
  const clamp = (v: number, max: number): number => Math.min(Math.max(Math.round(v * SUBPIXELS), 0), max * SUBPIXELS);
  const strokes = groups
    .filter((g) => g.points.length > 0)
    .map((g, i) => {
      const start = g.points[0]?.time ?? 0;
      const pen = penStrokes[i] === true;
      return g.points.map((p) => {
        const point = [clamp(p.x, width), clamp(p.y, height), Math.max(0, Math.round(p.time - start))];
        if (pen) point.push(Math.min(Math.max(Math.round(p.pressure * FULL_PRESSURE), 0), FULL_PRESSURE));
        return point;
      });
    });
  return { width: Math.round(width), height: Math.round(height), strokes };
}

/** How many points a signature holds. */
export function pointCount(signature: Signature): number {
  return signature.strokes.reduce((n, s) => n + s.length, 0);
}

export interface SignatureField {
  /** The drawn signature, or null when nothing was drawn. */
  signature(): Signature | null;
  isEmpty(): boolean;
  clear(): void;
  /** Called after each stroke ends (e.g. to enable a button). */
  onChange(listener: () => void): void;
  /** Stops drawing and drops the points (the customer leaves). */
  dispose(): void;
}

/** A signature pad on `canvas`, sized to its CSS box (sharp on high-density screens). */
export function signatureField(canvas: HTMLCanvasElement): SignatureField {
  const pad = new SignaturePad(canvas, { throttle: 0, minDistance: 0, penColor: "#10233f" });
  const pens: boolean[] = [];
  const listeners: (() => void)[] = [];
  const size = (): { width: number; height: number } => {
    const rect = canvas.getBoundingClientRect();
    return { width: Math.max(1, Math.round(rect.width)), height: Math.max(1, Math.round(rect.height)) };
  };
  const fit = (): void => {
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    const { width, height } = size();
    canvas.width = width * ratio;
    canvas.height = height * ratio;
    canvas.getContext("2d")?.scale(ratio, ratio);
    // Resizing a canvas wipes it: redraw what was signed.
    pad.fromData(pad.toData());
  };
  fit();
  const resize = new ResizeObserver(() => fit());
  resize.observe(canvas);
  pad.addEventListener("beginStroke", (e: Event) => {
    const detail = (e as CustomEvent<Event>).detail;
    pens.push(typeof PointerEvent !== "undefined" && detail instanceof PointerEvent && detail.pointerType === "pen");
  });
  pad.addEventListener("endStroke", () => listeners.forEach((l) => l()));
  return {
    signature() {
      if (pad.isEmpty()) return null;
      const { width, height } = size();
      return toSignature(pad.toData(), width, height, pens);
    },
    isEmpty: () => pad.isEmpty(),
    clear() {
      pad.clear();
      pens.length = 0;
      listeners.forEach((l) => l());
    },
    onChange(listener) {
      listeners.push(listener);
    },
    dispose() {
      resize.disconnect();
      pad.off();
      pad.clear();
      pens.length = 0;
      listeners.length = 0;
    },
  };
}

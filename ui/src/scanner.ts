// A keyboard-wedge document scanner "types" the machine-readable zone: 60 to 90 characters in lines
// ended by Enter, a few milliseconds apart, into whatever has focus. The clerk must not have to click
// a field first, and the zone must not end up in the search box that happened to have focus. This
// module tells a scanner's burst from a person typing, without the DOM, so that it runs under Vitest;
// `attachScanner` wires it to the window.

export interface BurstConfig {
  /** Keys closer than this belong to one burst (scanners: 1–15 ms; people rarely under 60 ms). */
  maxGapMs: number;
  /** Silence after which a burst is over. */
  endGapMs: number;
  /** Fewest zone characters (not counting line breaks) a burst needs to be taken as a scan. */
  minChars: number;
  /** Quick keys in a row after which keys stop reaching the focused field. */
  swallowAfter: number;
}

export const DEFAULT_BURST: BurstConfig = { maxGapMs: 35, endGapMs: 150, minChars: 60, swallowAfter: 4 };

export type KeyVerdict =
  /** An ordinary key: let the focused field have it. */
  | "pass"
  /** Part of a burst: keep it from the focused field. */
  | "swallow";

export interface FedKey {
  verdict: KeyVerdict;
  /** The first quick key of a run: the glue remembers the focused field's text from before it. */
  burstStarted: boolean;
}

/** Feeds keys in; `poll` hands out a finished scan. */
export class BurstDetector {
  private chars: string[] = [];
  private quick = 0;
  private lastAt: number | null = null;
  private finished: string | null = null;

  constructor(private readonly config: BurstConfig = DEFAULT_BURST) {}

  /** `key` is `KeyboardEvent.key`; `at` a millisecond clock. Keys other than characters and Enter
   * are passed and end nothing (a scanner sends no Shift of its own that matters here). */
  feed(key: string, at: number): FedKey {
    const isChar = key.length === 1;
    if (!isChar && key !== "Enter") {
      return { verdict: "pass", burstStarted: false };
    }
    this.closeIfSilent(at);
    const gap = this.lastAt === null ? Number.POSITIVE_INFINITY : at - this.lastAt;
    let burstStarted = false;
    if (gap <= this.config.maxGapMs) {
      this.quick += 1;
    } else if (this.swallowing && gap <= this.config.endGapMs) {
      // A hiccup inside a burst (USB polling, a busy machine): the scan goes on.
    } else {
      // A slow key starts a new candidate; what came before it was a person typing.
      this.chars = [];
      this.quick = 0;
      burstStarted = true;
    }
    this.lastAt = at;
    this.chars.push(isChar ? key : "\n");
    const verdict: KeyVerdict = this.quick + 1 >= this.config.swallowAfter ? "swallow" : "pass";
    return { verdict, burstStarted };
  }

  /** A finished scan once the scanner has been silent for `endGapMs`, otherwise null. */
  poll(at: number): string | null {
    this.closeIfSilent(at);
    const done = this.finished;
    this.finished = null;
    return done;
  }

  /** Whether keys are currently being kept from the focused field. */
  get swallowing(): boolean {
    return this.quick + 1 >= this.config.swallowAfter;
  }

  private closeIfSilent(at: number): void {
    if (this.lastAt === null || at - this.lastAt <= this.config.endGapMs) {
      return;
    }
    const text = this.chars.join("");
    const zoneChars = text.replace(/\n/g, "").length;
    if (this.quick + 1 >= this.config.minChars && zoneChars >= this.config.minChars) {
      this.finished = text.replace(/\n+$/, "");
    }
    this.chars = [];
    this.quick = 0;
    this.lastAt = null;
  }
}

type Editable = HTMLInputElement | HTMLTextAreaElement;

/** Types kept keys into the fields they were meant for; a kept Enter submits the field's form. */
function giveBack(keys: readonly { target: EventTarget | null; key: string }[]): void {
  for (const { target, key } of keys) {
    const field = editable(target);
    if (field === null || !field.isConnected) {
      continue;
    }
    if (key === "Enter") {
      if (field instanceof HTMLTextAreaElement) {
        field.setRangeText("\n", field.selectionStart ?? field.value.length, field.selectionEnd ?? field.value.length, "end");
        field.dispatchEvent(new Event("input", { bubbles: true }));
      } else {
        field.form?.requestSubmit();
      }
      continue;
    }
    const max = field.maxLength > 0 ? field.maxLength : Number.POSITIVE_INFINITY;
    if (field.value.length >= max) {
      continue;
    }
    // Inputs without a selection API (number, e-mail) take the key at the end.
    try {
      field.setRangeText(key, field.selectionStart ?? field.value.length, field.selectionEnd ?? field.value.length, "end");
    } catch {
      field.value += key;
    }
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }
}

function editable(target: EventTarget | null): Editable | null {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement ? target : null;
}

/**
 * Listens on `win` (capture phase, so no field sees a swallowed key first) and calls `onScan` with
 * each zone. The first keys of a burst reach the focused field before the burst is recognised; the
 * field gets its text from before the burst back. Returns a function that stops listening.
 */
export function attachScanner(
  win: Window,
  onScan: (zone: string) => void,
  config: BurstConfig = DEFAULT_BURST,
): () => void {
  const detector = new BurstDetector(config);
  let restore: { field: Editable; value: string } | null = null;
  let timer: number | null = null;
  // Keys kept from their fields while a burst might be a scan: a very fast typist (or a tool
  // typing for someone) gets them back when it was not one.
  let kept: { target: EventTarget | null; key: string }[] = [];

  const finish = (): void => {
    timer = null;
    const zone = detector.poll(win.performance.now());
    if (zone !== null) {
      if (restore !== null) {
        restore.field.value = restore.value;
      }
      onScan(zone);
    } else {
      giveBack(kept);
    }
    kept = [];
    restore = null;
  };

  const onKey = (event: KeyboardEvent): void => {
    // A scanner types characters and Enter, never a shortcut.
    if (event.ctrlKey || event.altKey || event.metaKey) {
      return;
    }
    const fed = detector.feed(event.key, event.timeStamp || win.performance.now());
    if (fed.burstStarted) {
      const field = editable(event.target);
      restore = field === null ? null : { field, value: field.value };
    }
    if (fed.verdict === "swallow") {
      event.preventDefault();
      event.stopPropagation();
      kept.push({ target: event.target, key: event.key });
    }
    if (timer !== null) {
      win.clearTimeout(timer);
    }
    timer = win.setTimeout(finish, config.endGapMs + 10);
  };

  win.addEventListener("keydown", onKey, { capture: true });
  return () => {
    win.removeEventListener("keydown", onKey, { capture: true });
    if (timer !== null) {
      win.clearTimeout(timer);
    }
  };
}

// What a counter screen is given and what it gives back. main.ts owns the page: the session bar,
// the language, the status bar and which screen shows; each screen module (identify.ts,
// customer.ts, review.ts, settings.ts) owns its own state, which survives a language switch
// because main.ts only asks it to render again.

import { type CommandError } from "./app-info";
import { type Staff } from "./counter";
import { type Lang } from "./i18n";

export interface ScreenContext {
  /** True in demo mode: fictional data, the outage switch, the demo documents. */
  readonly demo: boolean;
  /** The language the clerk chose; the printouts use it too. */
  lang(): Lang;
  /** Who is signed in. */
  staff(): Staff;
  /** A Tauri command; rejects with the command's `{code, message}` (never a bare string). A refusal
   * saying the counter changed (locked, signed out, not a supervisor) re-reads the counter itself. */
  call<T = unknown>(command: string, args?: Record<string, unknown>): Promise<T>;
  /** The counter may have changed (a customer identified, "Done"): main.ts reads it again. */
  counterChanged(): Promise<void>;
  /** A change was queued or sent: the status bar reads the queue again. */
  statusChanged(): void;
  /** The screen's own state changed: main.ts asks it to render again. */
  rerender(): void;
}

export interface Screen {
  /** Builds the screen for its current state, in `lang`. */
  render(lang: Lang): HTMLElement;
  /** A scanner's burst (a machine-readable zone), wherever focus was. */
  onScan?(zone: string): void;
  /** The screen is left for good: timers stop, the customer's data is dropped. */
  dispose?(): void;
}

export type { CommandError };

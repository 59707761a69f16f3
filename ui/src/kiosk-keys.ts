// A counter screen is not a browser: the webview's own shortcuts (reload, print dialog, find,
// zoom, history navigation, view source, developer tools, new or closed windows) would lose the
// clerk's work or show what a customer should not see. They are swallowed before the page sees
// them; ordinary typing, Tab, Enter and the scanner's keys pass.

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** Whether an editable field has focus: Backspace there deletes, elsewhere it navigates back. */
  inField: boolean;
}

const FUNCTION_KEYS = new Set([
  "F1",
  "F3",
  "F5",
  "F6",
  "F7",
  "F11",
  "F12",
  "BrowserBack",
  "BrowserForward",
  "BrowserRefresh",
]);
const CTRL_KEYS = new Set(["r", "p", "f", "g", "u", "s", "o", "n", "t", "w", "j", "h", "+", "=", "-", "_", "0"]);

export function isBlockedShortcut(k: KeyLike): boolean {
  if (FUNCTION_KEYS.has(k.key)) {
    return true;
  }
  const mod = k.ctrlKey || k.metaKey;
  if (mod && CTRL_KEYS.has(k.key.toLowerCase())) {
    return true;
  }
  // Ctrl+Shift+I / J / C: developer tools.
  if (mod && k.shiftKey && ["i", "j", "c"].includes(k.key.toLowerCase())) {
    return true;
  }
  // Alt+Left / Alt+Right: history.
  if (k.altKey && (k.key === "ArrowLeft" || k.key === "ArrowRight" || k.key === "Home")) {
    return true;
  }
  return k.key === "Backspace" && !k.inField;
}

/** Swallows the blocked shortcuts on `win` (capture phase, before any field). */
export function attachKioskKeys(win: Window): void {
  win.addEventListener(
    "keydown",
    (event) => {
      const target = event.target;
      const inField =
        target instanceof HTMLInputElement ||
        target instanceof HTMLTextAreaElement ||
        (target instanceof HTMLElement && target.isContentEditable);
      const pressed: KeyLike = {
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        shiftKey: event.shiftKey,
        inField,
      };
      if (isBlockedShortcut(pressed)) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    { capture: true },
  );
  // Ctrl + mouse wheel zooms in a webview.
  win.addEventListener(
    "wheel",
    (event) => {
      if (event.ctrlKey) {
        event.preventDefault();
      }
    },
    { passive: false },
  );
}

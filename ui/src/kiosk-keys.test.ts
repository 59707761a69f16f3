import { describe, expect, it } from "vitest";

import { isBlockedShortcut, type KeyLike } from "./kiosk-keys";

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  inField: true,
  ...mods,
});

describe("isBlockedShortcut", () => {
  it("swallows the browser's reload, print, find, zoom, source and developer tools", () => {
    for (const k of [
      key("F5"),
      key("r", { ctrlKey: true }),
      key("R", { ctrlKey: true, shiftKey: true }),
      key("p", { ctrlKey: true }),
      key("f", { ctrlKey: true }),
      key("+", { ctrlKey: true }),
      key("0", { ctrlKey: true }),
      key("u", { ctrlKey: true }),
      key("I", { ctrlKey: true, shiftKey: true }),
      key("F12"),
      key("ArrowLeft", { altKey: true }),
      key("Backspace", { inField: false }),
    ]) {
      expect(isBlockedShortcut(k), JSON.stringify(k)).toBe(true);
    }
  });

  it("lets typing, editing and the scanner's keys through", () => {
    for (const k of [
      key("a"),
      key("A", { shiftKey: true }),
      key("<"),
      key("Enter"),
      key("Tab"),
      key("Backspace"),
      key("a", { ctrlKey: true }),
      key("c", { ctrlKey: true }),
      key("v", { ctrlKey: true }),
      key("ArrowLeft"),
    ]) {
      expect(isBlockedShortcut(k), JSON.stringify(k)).toBe(false);
    }
  });
});

// Placeholder until the supervisor's settings screen lands.

import { el } from "./dom";
import { type Lang } from "./i18n";
import { type Screen, type ScreenContext } from "./screen";

export function createSettingsScreen(_ctx: ScreenContext, _back: () => void): Screen {
  return {
    render(_lang: Lang): HTMLElement {
      return el("section", { className: "card settings" });
    },
  };
}

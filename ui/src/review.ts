// Placeholder until the supervisor's review list lands.

import { el } from "./dom";
import { type Lang } from "./i18n";
import { type Screen, type ScreenContext } from "./screen";

export function createReviewScreen(_ctx: ScreenContext, _back: () => void): Screen {
  return {
    render(_lang: Lang): HTMLElement {
      return el("section", { className: "card review" });
    },
  };
}

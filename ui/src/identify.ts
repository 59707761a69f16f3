// Placeholder until the identify screen lands: who the customer is (scanner burst or typed
// document), each check, the records it may belong to, the photo confirmation.

import { el } from "./dom";
import { type Lang } from "./i18n";
import { type Screen, type ScreenContext } from "./screen";

export function createIdentifyScreen(_ctx: ScreenContext): Screen {
  return {
    render(_lang: Lang): HTMLElement {
      return el("section", { className: "card identify" });
    },
  };
}

// Placeholder until the customer screen lands: overview, data by category, traffic, preview, print.

import { el } from "./dom";
import { type Lang } from "./i18n";
import { type Screen, type ScreenContext } from "./screen";

export function createCustomerScreen(_ctx: ScreenContext, _customerId: string): Screen {
  return {
    render(_lang: Lang): HTMLElement {
      return el("section", { className: "card customer" });
    },
  };
}

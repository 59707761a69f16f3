// Small DOM builders shared by the screens. Text only, never innerHTML: names, records and messages
// come from outside the page.

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<"className" | "textContent" | "id", string>> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  return node;
}

/** A button that never submits a form by accident. */
export function button(text: string, className: string, onClick: () => void): HTMLButtonElement {
  const b = el("button", { className, textContent: text });
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
}

/** A refusal: the clerk's words first, Rust's own sentence (English, for support) below. */
export function problemBox(problem: { text: string; detail: string }): HTMLElement {
  const p = el("p", { className: "problem", textContent: problem.text });
  p.setAttribute("role", "alert");
  const detail = el("span", { className: "problem-detail", textContent: problem.detail });
  detail.lang = "en";
  p.append(detail);
  return p;
}

export function field(label: string, input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): HTMLLabelElement {
  const wrap = el("label", { className: "field" });
  wrap.append(el("span", { className: "field-label", textContent: label }), input);
  return wrap;
}

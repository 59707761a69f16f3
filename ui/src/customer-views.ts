// The customer's report as DOM, text only: the overview (who, the data by the policy's categories,
// consents, open requests, automated decisions) and the data in full, category by category. Every
// policy term is labelled from the vocabulary. customer.ts puts these into its tabs.

import { categoryLines, consentRows, requestDue, summaryLines, W } from "./customer-state";
import { button, el } from "./dom";
import { fill, type Lang } from "./i18n";
import { type CategoryReport, type ReportOverview } from "./report";
import { count, localTime } from "./traffic";
import { policyText, purposeLabel, termLabel, type Vocabulary } from "./vocabulary";

export function section(title: string, id: string): HTMLElement {
  const box = el("section", { className: "customer-section" });
  box.setAttribute("aria-labelledby", id);
  box.append(el("h2", { id, textContent: title }));
  return box;
}

export function table(headings: string[], rows: Array<Array<string | Node>>, className = ""): HTMLTableElement {
  const t = el("table", { className: `data-table ${className}`.trim() });
  const head = el("tr");
  for (const h of headings) {
    const th = el("th", { textContent: h });
    th.scope = "col";
    head.append(th);
  }
  t.createTHead().append(head);
  const tbody = t.createTBody();
  for (const cells of rows) {
    const tr = el("tr");
    for (const cell of cells) {
      const td = el("td");
      td.append(cell);
      tr.append(td);
    }
    tbody.append(tr);
  }
  return t;
}

/** English text (the policy's words, the central system's), tagged so that it is read as English. */
export function english(text: string, className = "policy-text"): HTMLElement {
  const p = el("p", { className, textContent: text });
  p.lang = "en";
  return p;
}

export function overview(r: ReportOverview, v: Vocabulary, lang: Lang, showTraffic: () => void): HTMLElement[] {
  const parts: HTMLElement[] = [];

  const who = section(W.customer[lang], "overview-customer");
  const dl = el("dl", { className: "summary" });
  for (const [label, value] of summaryLines(r.customer, lang)) {
    dl.append(el("dt", { textContent: label }), el("dd", { textContent: value }));
  }
  who.append(
    dl,
    el("p", {
      className: "hint",
      textContent: fill(W.reportMeta[lang], { id: r.report_id, at: localTime(r.generated_at) }),
    }),
  );
  parts.push(who);

  const cats = section(W.categoriesTitle[lang], "overview-categories");
  cats.append(
    table(
      [W.category[lang], W.records[lang], W.purposes[lang], W.legalBases[lang], W.retention[lang]],
      categoryLines(r, v, lang).map((c) => [c.label, count(c.records, lang), c.purposes, c.legalBases, c.retention]),
      "categories-table",
    ),
  );
  const trafficLine = el("div", { className: "traffic-line" });
  const see = button(W.showTraffic[lang], "secondary", showTraffic);
  see.id = "overview-traffic";
  trafficLine.append(
    el("p", { textContent: fill(W.trafficSummary[lang], { count: count(r.traffic_rows, lang) }) }),
    see,
  );
  cats.append(trafficLine);
  parts.push(cats);

  const consents = section(W.consentsTitle[lang], "overview-consents");
  const rows = consentRows(r.consents, v, lang);
  if (rows.length === 0) {
    consents.append(el("p", { className: "hint", textContent: W.noConsents[lang] }));
  } else {
    consents.append(
      table(
        [W.purpose[lang], W.channel[lang], W.choice[lang], W.inForce[lang], W.when[lang], W.how[lang]],
        rows.map((c) => {
          const how = el("span", { textContent: c.how });
          how.lang = "en";
          return [c.purpose, c.channel, c.state, c.inForce ? W.inForce[lang] : W.superseded[lang], c.when, how];
        }),
        "consents-table",
      ),
    );
  }
  parts.push(consents);

  const requests = section(W.requestsTitle[lang], "overview-requests");
  if (r.open_requests.length === 0) {
    requests.append(el("p", { className: "hint", textContent: W.noRequests[lang] }));
  } else {
    const now = new Date();
    requests.append(
      table(
        [W.reference[lang], W.request[lang], W.submitted[lang], W.due[lang], W.latestDue[lang], W.state[lang]],
        r.open_requests.map((q) => {
          const due = requestDue(q, now, lang);
          const dueCell = el("span", {
            className: due.overdue ? "overdue" : "",
            textContent: `${localTime(q.due_at)} (${due.text})`,
          });
          return [
            q.reference,
            termLabel(v, "rights", q.kind, lang),
            localTime(q.submitted_at),
            dueCell,
            localTime(q.latest_due_at),
            termLabel(v, "request_states", q.state, lang),
          ];
        }),
        "requests-table",
      ),
    );
  }
  parts.push(requests);

  const automated = section(W.automatedTitle[lang], "overview-automated");
  if (r.automated_processing.length === 0) {
    automated.append(el("p", { className: "hint", textContent: W.noAutomated[lang] }));
  } else {
    const list = el("ul", { className: "automated" });
    for (const a of r.automated_processing) {
      const item = el("li", { className: a.applies ? "applies" : "" });
      const facts = `${W.appliesNow[lang]}: ${a.applies ? W.yes[lang] : W.no[lang]} · ${W.usesTraffic[lang]}: ${
        a.uses_traffic_and_location ? W.yes[lang] : W.no[lang]
      }`;
      const details = el("details");
      details.append(el("summary", { textContent: W.policySays[lang] }), english(a.description));
      item.append(
        el("h3", { textContent: purposeLabel(v, a.purpose, lang) }),
        el("p", { textContent: facts }),
        details,
      );
      list.append(item);
    }
    automated.append(list);
  }
  parts.push(automated);
  return parts;
}

function category(c: CategoryReport, v: Vocabulary, lang: Lang): HTMLElement {
  const box = section(termLabel(v, "categories", c.category, lang), `category-${c.category}`);
  box.classList.add("category");
  const words = policyText(v, "categories", c.category);
  if (words !== null) {
    const details = el("details");
    details.append(el("summary", { textContent: W.policySays[lang] }), english(words));
    box.append(details);
  }
  if (c.records.length === 0) {
    box.append(el("p", { className: "hint", textContent: W.noRecords[lang] }));
  }
  for (const record of c.records) {
    const item = el("div", { className: "record" });
    const title = termLabel(v, "record_types", record.record_type, lang);
    const when = record.recorded_at === null ? "" : ` · ${W.recorded[lang]} ${localTime(record.recorded_at)}`;
    item.append(
      el("h3", { textContent: `${title}${when}` }),
      table(
        [W.field[lang], W.value[lang]],
        record.fields.map((f) => [termLabel(v, "record_fields", f.key, lang), f.value]),
        "fields-table",
      ),
    );
    box.append(item);
  }
  const dl = el("dl", { className: "processing" });
  const facts: Array<[string, string]> = [
    [W.purposes[lang], c.purposes.map((p) => purposeLabel(v, p, lang)).join(", ")],
    [W.legalBases[lang], c.legal_bases.map((b) => termLabel(v, "legal_bases", b, lang)).join(", ")],
    [W.recipients[lang], c.recipients.map((x) => termLabel(v, "recipients", x, lang)).join(", ")],
    [W.sources[lang], c.sources.map((x) => termLabel(v, "sources", x, lang)).join(", ")],
    [W.retention[lang], c.retention.map((x) => termLabel(v, "retention", x, lang)).join("; ")],
  ];
  for (const [label, value] of facts) {
    dl.append(el("dt", { textContent: label }), el("dd", { textContent: value }));
  }
  box.append(dl);
  return box;
}

export function data(r: ReportOverview, v: Vocabulary, lang: Lang): HTMLElement[] {
  const order = new Map(v.categories.map((c, i) => [c.id, i]));
  const at = (id: string): number => order.get(id) ?? Number.MAX_SAFE_INTEGER;
  return [...r.categories].sort((a, b) => at(a.category) - at(b.category)).map((c) => category(c, v, lang));
}

// The traffic table's rules without the DOM: which rows a page shows and where the pager's buttons
// lead, the date search (the days are Kosovo's calendar days, as kiosk_core::disclosure filters
// them), and how a row reads. Times are shown in Europe/Belgrade time, as on the printout.

import { fill, type Lang, type Text } from "./i18n";
import { type TrafficKind } from "./report";

/** Rows a page asks for; Rust caps a page at 500 (kiosk_core::disclosure::MAX_PAGE_ROWS). */
export const PAGE_ROWS = 50;

export interface PageWindow {
  /** 1-based row numbers shown ("rows 51–100 of 1 234"); 0 and 0 when nothing matches. */
  first: number;
  last: number;
  matching: number;
  /** 1-based page, and pages in all (at least 1). */
  page: number;
  pages: number;
  /** Where each pager button leads, or null when it has nowhere to go (the button is disabled). */
  to: { first: number | null; previous: number | null; next: number | null; last: number | null };
}

/** The pager for `matching` rows of which `rows` are shown from `offset`. */
export function pageWindow(matching: number, offset: number, rows: number, limit = PAGE_ROWS): PageWindow {
  const size = Math.max(1, limit);
  const pages = Math.max(1, Math.ceil(matching / size));
  // An offset past the end (the rows changed under a search) reads as the last page.
  const start = Math.min(Math.max(0, offset), (pages - 1) * size);
  const page = Math.floor(start / size) + 1;
  const lastOffset = (pages - 1) * size;
  const first = matching === 0 || rows === 0 ? 0 : start + 1;
  const last = first === 0 ? 0 : Math.min(matching, start + rows);
  return {
    first,
    last,
    matching,
    page,
    pages,
    to: {
      first: start > 0 ? 0 : null,
      previous: start > 0 ? Math.max(0, start - size) : null,
      next: start + size < matching ? start + size : null,
      last: start < lastOffset ? lastOffset : null,
    },
  };
}

/** A day as the clerk typed it: `2026-03-01` (what a date field gives) or `1.3.2026`. */
export type Day = { ok: true; day: string | null } | { ok: false };

function validDay(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || y > 2999 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return null;
  }
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** An empty field means no limit; anything else must be a real calendar day. */
export function parseDay(input: string): Day {
  const t = input.trim();
  if (t === "") {
    return { ok: true, day: null };
  }
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) {
    const day = validDay(Number(m[1]), Number(m[2]), Number(m[3]));
    return day === null ? { ok: false } : { ok: true, day };
  }
  m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})\.?$/.exec(t);
  if (m) {
    const day = validDay(Number(m[3]), Number(m[2]), Number(m[1]));
    return day === null ? { ok: false } : { ok: true, day };
  }
  return { ok: false };
}

export type RangeProblem = "from_invalid" | "to_invalid" | "reversed";

export type DateRange = { ok: true; from: string | null; to: string | null } | { ok: false; problem: RangeProblem };

/** The search's days, `from` and `to` both included, or why they cannot be searched. */
export function dateRange(fromInput: string, toInput: string): DateRange {
  const from = parseDay(fromInput);
  if (!from.ok) {
    return { ok: false, problem: "from_invalid" };
  }
  const to = parseDay(toInput);
  if (!to.ok) {
    return { ok: false, problem: "to_invalid" };
  }
  if (from.day !== null && to.day !== null && from.day > to.day) {
    return { ok: false, problem: "reversed" };
  }
  return { ok: true, from: from.day, to: to.day };
}

const PROBLEMS = {
  from_invalid: {
    sq: "Data e fillimit nuk është një datë e vlefshme. Shkruajeni si VVVV-MM-DD, p.sh. 2026-03-01.",
    en: "The first day is not a valid date. Write it as YYYY-MM-DD, e.g. 2026-03-01.",
    sr: "Први дан није исправан датум. Упишите га као ГГГГ-ММ-ДД, нпр. 2026-03-01.",
  },
  to_invalid: {
    sq: "Data e mbarimit nuk është një datë e vlefshme. Shkruajeni si VVVV-MM-DD, p.sh. 2026-03-31.",
    en: "The last day is not a valid date. Write it as YYYY-MM-DD, e.g. 2026-03-31.",
    sr: "Последњи дан није исправан датум. Упишите га као ГГГГ-ММ-ДД, нпр. 2026-03-31.",
  },
  reversed: {
    sq: "Data e fillimit është pas datës së mbarimit: ndërrojini.",
    en: "The first day is after the last day: swap them.",
    sr: "Први дан је после последњег: замените их.",
  },
} satisfies Record<RangeProblem, Text>;

export function rangeProblem(problem: RangeProblem, lang: Lang): string {
  return PROBLEMS[problem][lang];
}

const WORDS = {
  rows: {
    sq: "Rreshtat {first}–{last} nga {matching}",
    en: "Rows {first}–{last} of {matching}",
    sr: "Редови {first}–{last} од {matching}",
  },
  none: { sq: "Asnjë rresht në këto ditë.", en: "No rows on these days.", sr: "Нема редова за ове дане." },
  page: { sq: "Faqja {page} nga {pages}", en: "Page {page} of {pages}", sr: "Страна {page} од {pages}" },
} satisfies Record<string, Text>;

/** Thousands grouped as the language groups them (1 234 / 1,234 / 1.234). */
export function count(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === "sr" ? "sr-Cyrl" : lang).format(n);
}

export function rowsText(w: PageWindow, lang: Lang): string {
  if (w.first === 0) {
    return WORDS.none[lang];
  }
  return fill(WORDS.rows[lang], {
    first: count(w.first, lang),
    last: count(w.last, lang),
    matching: count(w.matching, lang),
  });
}

export function pageText(w: PageWindow, lang: Lang): string {
  return fill(WORDS.page[lang], { page: count(w.page, lang), pages: count(w.pages, lang) });
}

const KINDS = {
  call_out: { sq: "Thirrje dalëse", en: "Outgoing call", sr: "Одлазни позив" },
  call_in: { sq: "Thirrje hyrëse", en: "Incoming call", sr: "Долазни позив" },
  sms_out: { sq: "Mesazh i dërguar", en: "Message sent", sr: "Послата порука" },
  sms_in: { sq: "Mesazh i marrë", en: "Message received", sr: "Примљена порука" },
  data: { sq: "Të dhëna mobile", en: "Mobile data", sr: "Мобилни подаци" },
} satisfies Record<TrafficKind, Text>;

export function kindText(kind: TrafficKind, lang: Lang): string {
  return KINDS[kind][lang];
}

const belgrade = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Belgrade",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** `2026-03-01 14:05` in Kosovo's civil time, the printout's format, whatever the computer's zone. */
export function localTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  const part: Record<string, string> = {};
  for (const p of belgrade.formatToParts(date)) {
    part[p.type] = p.value;
  }
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}

/** `2026-03-01`, the day in Kosovo. */
export function localDay(iso: string): string {
  return localTime(iso).slice(0, 10);
}

/** `0:45`, `12:05`, `1:02:03`. */
export function duration(seconds: number | null): string {
  if (seconds === null) {
    return "";
  }
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** `512 KB`, `1,5 MB`, `2,25 GB` with the language's decimal mark. */
export function volume(kb: number | null, lang: Lang): string {
  if (kb === null) {
    return "";
  }
  const number = (n: number): string =>
    new Intl.NumberFormat(lang === "sr" ? "sr-Cyrl" : lang, { maximumFractionDigits: n < 10 ? 2 : 1 }).format(n);
  if (kb < 1024) {
    return `${number(kb)} KB`;
  }
  if (kb < 1024 * 1024) {
    return `${number(kb / 1024)} MB`;
  }
  return `${number(kb / (1024 * 1024))} GB`;
}

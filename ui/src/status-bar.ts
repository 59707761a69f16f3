// The status bar every screen shows: online, or offline since when; the changes waiting for the
// central API and the oldest one's age, amber past the warning threshold (24 h unless set). Pure
// functions over the `kiosk_status` command's answer (src-tauri/src/commands/status.rs).

import { fill, type Lang, langTag, type Text } from "./i18n";
import { isRecord } from "./parse";

export interface QueueStatus {
  pending: number;
  oldest_pending_captured_at: string | null;
  oldest_pending_age_seconds: number | null;
  rejected: number;
  conflict: number;
  age_warning: boolean;
  age_warning_after_seconds: number;
}

export type Connectivity =
  | { state: "unknown" }
  | { state: "online"; since: string }
  | { state: "offline"; since: string; reason: string };

export interface KioskStatus {
  queue: QueueStatus;
  sync: { connectivity: Connectivity; pushing: boolean } | null;
  demo: boolean;
}

function num(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
    throw new TypeError(`kiosk_status: ${what} is not a count`);
  }
  return v;
}

function connectivity(v: unknown): Connectivity {
  if (!isRecord(v) || typeof v.state !== "string") {
    throw new TypeError("kiosk_status: connectivity has no state");
  }
  if (v.state === "unknown") {
    return { state: "unknown" };
  }
  if (typeof v.since !== "string" || Number.isNaN(Date.parse(v.since))) {
    throw new TypeError("kiosk_status: connectivity has no time");
  }
  if (v.state === "online") {
    return { state: "online", since: v.since };
  }
  if (v.state === "offline") {
    return { state: "offline", since: v.since, reason: typeof v.reason === "string" ? v.reason : "" };
  }
  throw new TypeError(`kiosk_status: unknown connectivity ${v.state}`);
}

/** Checks the IPC answer rather than trusting a cast: a wrong shape must show, not read as "0 waiting". */
export function parseKioskStatus(value: unknown): KioskStatus {
  if (!isRecord(value) || !isRecord(value.queue)) {
    throw new TypeError("kiosk_status returned no queue");
  }
  const q = value.queue;
  const oldestAt = q.oldest_pending_captured_at;
  const oldestAge = q.oldest_pending_age_seconds;
  const queue: QueueStatus = {
    pending: num(q.pending, "pending"),
    oldest_pending_captured_at: typeof oldestAt === "string" ? oldestAt : null,
    oldest_pending_age_seconds: oldestAge === null || oldestAge === undefined ? null : num(oldestAge, "age"),
    rejected: num(q.rejected, "rejected"),
    conflict: num(q.conflict, "conflict"),
    age_warning: q.age_warning === true,
    age_warning_after_seconds: num(q.age_warning_after_seconds, "warning threshold"),
  };
  let sync: KioskStatus["sync"] = null;
  if (isRecord(value.sync)) {
    sync = { connectivity: connectivity(value.sync.connectivity), pushing: value.sync.pushing === true };
  }
  return { queue, sync, demo: value.demo === true };
}

export type Tone = "ok" | "busy" | "warning" | "offline";

export interface StatusBarView {
  connection: { tone: Tone; text: string };
  queue: { tone: Tone; text: string };
  /** Rejected or conflicting changes wait for a supervisor. */
  review: string | null;
}

const WORDS = {
  online: { sq: "Në linjë", en: "Online", sr: "На мрежи" },
  notYet: { sq: "Ende pa lidhje", en: "Not connected yet", sr: "Још није повезано" },
  notEnrolled: { sq: "Kioska nuk është regjistruar", en: "Kiosk not enrolled", sr: "Киоск није регистрован" },
  offlineSince: { sq: "Jashtë linje që nga {time}", en: "Offline since {time}", sr: "Ван мреже од {time}" },
  sending: { sq: "Duke dërguar…", en: "Sending…", sr: "Слање…" },
  allSent: { sq: "Të gjitha ndryshimet janë dërguar", en: "All changes sent", sr: "Све измене су послате" },
  waiting: {
    sq: "{count} ndryshime në pritje (më i vjetri: {age})",
    en: "{count} changes waiting (oldest: {age})",
    sr: "{count} измена чека (најстарија: {age})",
  },
  waitingOne: {
    sq: "1 ndryshim në pritje ({age})",
    en: "1 change waiting ({age})",
    sr: "1 измена чека ({age})",
  },
  review: {
    sq: "{count} ndryshime për shqyrtim nga mbikëqyrësi",
    en: "{count} changes for a supervisor to review",
    sr: "{count} измена за преглед надзорника",
  },
  reviewOne: {
    sq: "1 ndryshim për shqyrtim nga mbikëqyrësi",
    en: "1 change for a supervisor to review",
    sr: "1 измена за преглед надзорника",
  },
} satisfies Record<string, Text>;

/** "5 min", "3 h 20 min", "2 d 4 h": short enough for a status bar, the same units in every language. */
export function shortAge(seconds: number, lang: Lang): string {
  const units: Record<Lang, [string, string, string, string]> = {
    sq: ["d", "orë", "min", "tani"],
    en: ["d", "h", "min", "just now"],
    sr: ["д", "ч", "мин", "управо"],
  };
  const [d, h, m, now] = units[lang];
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) {
    return now;
  }
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (days > 0) {
    return hours > 0 ? `${days} ${d} ${hours} ${h}` : `${days} ${d}`;
  }
  if (hours > 0) {
    return minutes > 0 ? `${hours} ${h} ${minutes} ${m}` : `${hours} ${h}`;
  }
  return `${minutes} ${m}`;
}

/** The time of day in Kosovo's civil time, whatever the computer's zone. */
export function timeOfDay(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(langTag(lang), {
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
    timeZone: "Europe/Belgrade",
  }).format(new Date(iso));
}

export function statusBarView(status: KioskStatus, lang: Lang): StatusBarView {
  let connection: StatusBarView["connection"];
  const c = status.sync?.connectivity;
  if (status.sync === null || c === undefined) {
    connection = { tone: "warning", text: WORDS.notEnrolled[lang] };
  } else if (c.state === "online") {
    connection = status.sync.pushing
      ? { tone: "busy", text: WORDS.sending[lang] }
      : { tone: "ok", text: WORDS.online[lang] };
  } else if (c.state === "offline") {
    connection = { tone: "offline", text: fill(WORDS.offlineSince[lang], { time: timeOfDay(c.since, lang) }) };
  } else {
    connection = { tone: "busy", text: WORDS.notYet[lang] };
  }

  const q = status.queue;
  const queue =
    q.pending === 0
      ? { tone: "ok" as const, text: WORDS.allSent[lang] }
      : {
          tone: q.age_warning ? ("warning" as const) : ("busy" as const),
          text: fill(q.pending === 1 ? WORDS.waitingOne[lang] : WORDS.waiting[lang], {
            count: q.pending,
            age: shortAge(q.oldest_pending_age_seconds ?? 0, lang),
          }),
        };
  const toReview = q.rejected + q.conflict;
  return {
    connection,
    queue,
    review:
      toReview === 0
        ? null
        : toReview === 1
          ? WORDS.reviewOne[lang]
          : fill(WORDS.review[lang], { count: toReview }),
  };
}

// The customer screen's logic without the DOM: its tabs and how the keyboard moves between them, the
// words of a failed load, how the customer's name and contacts read, which consent choice is in
// force, how close a request's deadline is, and the screen's own words in the three languages.
// The policy's terms come from the vocabulary (vocabulary.ts), never from here.

import { type CommandError } from "./app-info";
import { fill, type Lang, type Text } from "./i18n";
import { type ConsentOnRecord, type CustomerSummary, type ReportOverview, type RequestStatus } from "./report";
import { localDay, localTime } from "./traffic";
import { purposeLabel, termLabel, termOrder, type Vocabulary } from "./vocabulary";
import { SESSION_REFUSALS } from "./counter";

export type Tab = "overview" | "data" | "traffic" | "printout" | "consent" | "correction" | "requests";

export const TABS: readonly Tab[] = ["overview", "data", "traffic", "printout", "consent", "correction", "requests"];

/** The tabs where the customer signs something (capture.ts). */
export const CAPTURE_TABS = { consent: "consent", correction: "correction", requests: "request" } as const;

/** The tab a key moves to in the tab bar (arrows wrap, Home and End jump), or null for other keys. */
export function tabForKey(current: Tab, key: string): Tab | null {
  const i = TABS.indexOf(current);
  const n = TABS.length;
  switch (key) {
    case "ArrowRight":
      return TABS[(i + 1) % n] ?? null;
    case "ArrowLeft":
      return TABS[(i - 1 + n) % n] ?? null;
    case "Home":
      return TABS[0] ?? null;
    case "End":
      return TABS[n - 1] ?? null;
    default:
      return null;
  }
}

export const W = {
  overview: { sq: "Përmbledhje", en: "Overview", sr: "Преглед" },
  data: { sq: "Të dhënat", en: "Data", sr: "Подаци" },
  traffic: { sq: "Trafiku", en: "Traffic", sr: "Саобраћај" },
  printout: { sq: "Shtypja", en: "Printout", sr: "Отисак" },
  consent: { sq: "Pëlqimi", en: "Consent", sr: "Сагласност" },
  correction: { sq: "Korrigjimi", en: "Correct data", sr: "Исправка" },
  requests: { sq: "Kërkesat", en: "Requests", sr: "Захтеви" },
  tabs: { sq: "Pjesët e raportit", en: "Parts of the report", sr: "Делови извештаја" },
  done: { sq: "Përfundo", en: "Done", sr: "Готово" },
  ending: { sq: "Duke përfunduar…", en: "Finishing…", sr: "Завршава се…" },
  loading: {
    sq: "Po merren të dhënat e klientit nga sistemi qendror i IPKO-s…",
    en: "Fetching the customer's data from IPKO's central system…",
    sr: "Преузимају се подаци клијента из централног система IPKO-а…",
  },
  retry: { sq: "Provo përsëri", en: "Try again", sr: "Покушај поново" },
  capturesWithout: {
    sq: "Pëlqimi, korrigjimi dhe kërkesat merren edhe pa këto të dhëna (skedat e tyre më lart).",
    en: "Consent, corrections and requests can be taken without this data (their tabs above).",
    sr: "Сагласност, исправке и захтеви могу се узети и без ових података (њихове картице изнад).",
  },
  demo: { sq: "DEMO — të dhëna fiktive", en: "DEMO — fictional data", sr: "ДЕМО — измишљени подаци" },
  customer: { sq: "Klienti", en: "Customer", sr: "Клијент" },
  customerNo: { sq: "Numri i klientit", en: "Customer number", sr: "Број клијента" },
  kind: { sq: "Lloji i klientit", en: "Kind of customer", sr: "Врста клијента" },
  individual: { sq: "Individ", en: "Individual", sr: "Физичко лице" },
  business: { sq: "Biznes", en: "Business", sr: "Предузеће" },
  businessNumber: { sq: "Numri i biznesit", en: "Business number", sr: "Број предузећа" },
  dateOfBirth: { sq: "Data e lindjes", en: "Date of birth", sr: "Датум рођења" },
  address: { sq: "Adresa", en: "Address", sr: "Адреса" },
  email: { sq: "E-mail", en: "E-mail", sr: "Е-пошта" },
  phones: { sq: "Numrat e telefonit", en: "Phone numbers", sr: "Бројеви телефона" },
  representatives: { sq: "Përfaqësuesit", en: "Representatives", sr: "Заступници" },
  reportMeta: {
    sq: "Raporti {id}, përgatitur më {at}",
    en: "Report {id}, prepared at {at}",
    sr: "Извештај {id}, припремљен {at}",
  },
  categoriesTitle: {
    sq: "Të dhënat që IPKO mban, sipas kategorive të politikës",
    en: "The data IPKO holds, by the policy's categories",
    sr: "Подаци које IPKO чува, по категоријама политике",
  },
  category: { sq: "Kategoria", en: "Category", sr: "Категорија" },
  records: { sq: "Regjistrime", en: "Records", sr: "Записи" },
  noRecords: {
    sq: "IPKO nuk mban të dhëna të kësaj kategorie për klientin.",
    en: "IPKO holds no data of this category about the customer.",
    sr: "IPKO не чува податке ове категорије о клијенту.",
  },
  purposes: { sq: "Qëllimet", en: "Purposes", sr: "Сврхе" },
  legalBases: { sq: "Bazat ligjore", en: "Legal bases", sr: "Правни основи" },
  recipients: { sq: "Marrësit", en: "Recipients", sr: "Примаоци" },
  sources: { sq: "Burimet", en: "Sources", sr: "Извори" },
  retention: { sq: "Ruajtja", en: "Retention", sr: "Чување" },
  policySays: { sq: "Çfarë thotë politika", en: "What the policy says", sr: "Шта политика каже" },
  recorded: { sq: "Regjistruar", en: "Recorded", sr: "Евидентирано" },
  field: { sq: "Fusha", en: "Field", sr: "Поље" },
  value: { sq: "Vlera", en: "Value", sr: "Вредност" },
  consentsTitle: { sq: "Pëlqimet në regjistër", en: "Consents on record", sr: "Евидентиране сагласности" },
  noConsents: {
    sq: "Nuk ka pëlqime në regjistër.",
    en: "There are no consents on record.",
    sr: "Нема евидентираних сагласности.",
  },
  purpose: { sq: "Qëllimi", en: "Purpose", sr: "Сврха" },
  channel: { sq: "Kanali", en: "Channel", sr: "Канал" },
  wholePurpose: { sq: "Qëllimi në tërësi", en: "The purpose as a whole", sr: "Сврха у целини" },
  choice: { sq: "Zgjedhja", en: "Choice", sr: "Избор" },
  when: { sq: "Kur", en: "When", sr: "Када" },
  how: { sq: "Si", en: "How", sr: "Како" },
  inForce: { sq: "Në fuqi", en: "In force", sr: "На снази" },
  superseded: { sq: "Zëvendësuar", en: "Superseded", sr: "Замењено" },
  notice: { sq: "njoftimi v{version}", en: "notice v{version}", sr: "обавештење в{version}" },
  requestsTitle: { sq: "Kërkesat e hapura", en: "Open requests", sr: "Отворени захтеви" },
  noRequests: { sq: "Nuk ka kërkesa të hapura.", en: "There are no open requests.", sr: "Нема отворених захтева." },
  reference: { sq: "Referenca", en: "Reference", sr: "Референца" },
  request: { sq: "Kërkesa", en: "Request", sr: "Захтев" },
  submitted: { sq: "Paraqitur", en: "Submitted", sr: "Поднет" },
  due: { sq: "Afati (si rregull)", en: "Due (as a rule)", sr: "Рок (по правилу)" },
  latestDue: { sq: "Afati më i vonë", en: "Latest due", sr: "Крајњи рок" },
  state: { sq: "Gjendja", en: "State", sr: "Стање" },
  daysLeft: { sq: "edhe {days} ditë", en: "{days} days left", sr: "још {days} дана" },
  dueToday: { sq: "sot", en: "today", sr: "данас" },
  overdue: { sq: "afati ka kaluar", en: "overdue", sr: "рок је прошао" },
  automatedTitle: {
    sq: "Vendimmarrja e automatizuar dhe profilizimi",
    en: "Automated decision-making and profiling",
    sr: "Аутоматизовано одлучивање и профилисање",
  },
  noAutomated: {
    sq: "Nuk ka vendimmarrje të automatizuar në regjistër.",
    en: "No automated decision-making is on record.",
    sr: "Није евидентирано аутоматизовано одлучивање.",
  },
  appliesNow: { sq: "Zbatohet tani", en: "Applies now", sr: "Тренутно се примењује" },
  usesTraffic: {
    sq: "Përdor të dhëna trafiku dhe vendndodhjeje",
    en: "Uses traffic and location data",
    sr: "Користи податке о саобраћају и локацији",
  },
  yes: { sq: "po", en: "yes", sr: "да" },
  no: { sq: "jo", en: "no", sr: "не" },
  trafficSummary: {
    sq: "{count} rreshta trafiku nga periudha e ruajtjes (12 muaj).",
    en: "{count} rows of traffic from the retention period (12 months).",
    sr: "{count} редова саобраћаја из периода чувања (12 месеци).",
  },
  showTraffic: { sq: "Shiko trafikun", en: "See the traffic", sr: "Погледај саобраћај" },
  from: { sq: "Nga dita", en: "From day", sr: "Од дана" },
  to: { sq: "Deri në ditën", en: "To day", sr: "До дана" },
  dateFormat: { sq: "VVVV-MM-DD", en: "YYYY-MM-DD", sr: "ГГГГ-ММ-ДД" },
  search: { sq: "Kërko", en: "Search", sr: "Тражи" },
  allDays: { sq: "Të gjitha ditët", en: "All days", sr: "Сви дани" },
  fullNumbers: {
    sq: "Shfaq numrat e plotë të palës tjetër (me kërkesën e shprehur të klientit) — vlen edhe për shtypjen",
    en: "Show the other party's full numbers (the customer's explicit request) — also on the printout",
    sr: "Прикажи пуне бројеве друге стране (на изричит захтев клијента) — важи и за отисак",
  },
  maskedNote: {
    sq: "Numri i palës tjetër shfaqet pa tri shifrat e fundit.",
    en: "The other party's number is shown without its last three digits.",
    sr: "Број друге стране приказан је без последње три цифре.",
  },
  localTimes: {
    sq: "Kohët janë në orën lokale (Europe/Belgrade).",
    en: "Times are local time (Europe/Belgrade).",
    sr: "Времена су по локалном времену (Europe/Belgrade).",
  },
  time: { sq: "Koha", en: "Time", sr: "Време" },
  trafficKind: { sq: "Lloji", en: "Kind", sr: "Врста" },
  ownNumber: { sq: "Numri i klientit", en: "Customer's number", sr: "Број клијента" },
  otherParty: { sq: "Pala tjetër", en: "Other party", sr: "Друга страна" },
  duration: { sq: "Kohëzgjatja", en: "Duration", sr: "Трајање" },
  volume: { sq: "Vëllimi", en: "Volume", sr: "Обим" },
  location: { sq: "Vendndodhja (qeliza)", en: "Location (cell)", sr: "Локација (ћелија)" },
  firstPage: { sq: "E para", en: "First", sr: "Прва" },
  previousPage: { sq: "Mbrapa", en: "Previous", sr: "Претходна" },
  nextPage: { sq: "Para", en: "Next", sr: "Следећа" },
  lastPage: { sq: "E fundit", en: "Last", sr: "Последња" },
  pager: { sq: "Faqet e trafikut", en: "Traffic pages", sr: "Стране саобраћаја" },
  searching: { sq: "Po kërkohet…", en: "Searching…", sr: "Тражи се…" },
  printoutLang: {
    sq: "Shtypja është në shqip: ndërroni gjuhën lart për anglisht ose serbisht.",
    en: "The printout is in English: switch the language above for Albanian or Serbian.",
    sr: "Отисак је на српском: промените језик горе за албански или енглески.",
  },
  print: { sq: "Printo", en: "Print", sr: "Штампај" },
  printing: { sq: "Duke printuar…", en: "Printing…", sr: "Штампа се…" },
  previewLoading: { sq: "Po përgatitet pamja e shtypjes…", en: "Preparing the preview…", sr: "Припрема се преглед…" },
  previewFailed: {
    sq: "Pamja e shtypjes nuk u përgatit.",
    en: "The preview could not be prepared.",
    sr: "Преглед није могао да се припреми.",
  },
} satisfies Record<string, Text>;

/** The words for a failed `show_report` or `vocabulary`: the clerk's first, Rust's below. */
const LOAD_PROBLEMS = {
  ...SESSION_REFUSALS,
  central_unreachable: {
    sq: "Sistemi qendror i IPKO-s nuk arrihet: kontrolloni rrjetin dhe provoni përsëri.",
    en: "IPKO's central system cannot be reached: check the network and try again.",
    sr: "Централни систем IPKO-а није доступан: проверите мрежу и покушајте поново.",
  },
  central_error: {
    sq: "Sistemi qendror i IPKO-s nuk i dha të dhënat. Provoni përsëri pas pak; nëse vazhdon, thirrni mbështetjen.",
    en: "IPKO's central system did not give the data. Try again shortly; if it goes on, call support.",
    sr: "Централни систем IPKO-а није дао податке. Покушајте ускоро поново; ако се понови, позовите подршку.",
  },
  not_enrolled: {
    sq: "Kjo kioskë nuk është regjistruar ende te sistemi qendror. Thirrni IT-në e dyqanit.",
    en: "This kiosk is not enrolled with the central system yet. Call store IT.",
    sr: "Овај киоск још није регистрован у централном систему. Позовите ИТ продавнице.",
  },
  no_customer_session: {
    sq: "Klienti nuk është më në sportel: identifikojeni përsëri.",
    en: "The customer is no longer at the counter: identify them again.",
    sr: "Клијент више није на шалтеру: идентификујте га поново.",
  },
  other: {
    sq: "Të dhënat e klientit nuk u morën.",
    en: "The customer's data could not be fetched.",
    sr: "Подаци клијента нису преузети.",
  },
} satisfies Record<string, Text>;

export function loadProblem(error: CommandError, lang: Lang): { text: string; detail: string } {
  const words =
    error.code === "central_unreachable" ||
    error.code === "central_error" ||
    error.code === "not_enrolled" ||
    error.code === "no_customer_session" ||
    error.code === "locked"
      ? LOAD_PROBLEMS[error.code]
      : error.code === "not_signed_in"
        ? LOAD_PROBLEMS.locked
        : LOAD_PROBLEMS.other;
  return { text: words[lang], detail: error.message };
}

/** The name the screen shows: the business's for a business customer, the person's otherwise. */
export function customerName(c: CustomerSummary): string {
  const person = `${c.first_name} ${c.last_name}`.trim();
  return c.kind === "business" && c.business_name ? c.business_name : person;
}

/** The customer's summary lines: label and value, only those the record has. */
export function summaryLines(c: CustomerSummary, lang: Lang): Array<[string, string]> {
  const lines: Array<[string, string]> = [
    [W.customerNo[lang], c.customer_no],
    [W.kind[lang], W[c.kind][lang]],
  ];
  if (c.kind === "business" && c.business_number) {
    lines.push([W.businessNumber[lang], c.business_number]);
  }
  if (c.date_of_birth) {
    lines.push([W.dateOfBirth[lang], c.date_of_birth]);
  }
  lines.push([W.address[lang], c.address]);
  if (c.email) {
    lines.push([W.email[lang], c.email]);
  }
  if (c.msisdns.length > 0) {
    lines.push([W.phones[lang], c.msisdns.join(", ")]);
  }
  if (c.representatives.length > 0) {
    lines.push([W.representatives[lang], c.representatives.map((r) => `${r.first_name} ${r.last_name}`).join(", ")]);
  }
  return lines;
}

export interface ConsentRow {
  purpose: string;
  channel: string;
  state: string;
  /** The latest choice for its purpose and channel: the one in force. */
  inForce: boolean;
  when: string;
  how: string;
}

/**
 * Consents as the history the report holds, in the policy's order of purposes and channels, the
 * newest first within each; the newest of each purpose and channel is the one in force.
 */
export function consentRows(consents: readonly ConsentOnRecord[], v: Vocabulary, lang: Lang): ConsentRow[] {
  const key = (c: ConsentOnRecord): string => `${c.purpose}\u0000${c.channel ?? ""}`;
  const latest = new Map<string, string>();
  for (const c of consents) {
    const seen = latest.get(key(c));
    if (seen === undefined || Date.parse(c.recorded_at) > Date.parse(seen)) {
      latest.set(key(c), c.recorded_at);
    }
  }
  const sorted = [...consents].sort(
    (a, b) =>
      termOrder(v, "consent_purposes", a.purpose) - termOrder(v, "consent_purposes", b.purpose) ||
      termOrder(v, "channels", a.channel ?? "") - termOrder(v, "channels", b.channel ?? "") ||
      Date.parse(b.recorded_at) - Date.parse(a.recorded_at),
  );
  return sorted.map((c) => {
    const how = [
      c.method,
      c.store_code,
      c.notice_version === null ? null : fill(W.notice[lang], { version: c.notice_version }),
    ]
      .filter((part): part is string => part !== null && part !== "")
      .join(" · ");
    return {
      purpose: purposeLabel(v, c.purpose, lang),
      channel: c.channel === null ? W.wholePurpose[lang] : termLabel(v, "channels", c.channel, lang),
      state: termLabel(v, "consent_states", c.state, lang),
      inForce: latest.get(key(c)) === c.recorded_at,
      when: localTime(c.recorded_at),
      how,
    };
  });
}

export interface Due {
  /** Days until the due date in Kosovo's calendar; negative once it has passed. */
  days: number;
  text: string;
  overdue: boolean;
}

/** How close the request's deadline (as a rule) is, counted in Kosovo's days. */
export function requestDue(r: RequestStatus, now: Date, lang: Lang): Due {
  const day = (iso: string): number => Date.parse(`${localDay(iso)}T00:00:00Z`);
  const days = Math.round((day(r.due_at) - day(now.toISOString())) / 86_400_000);
  if (days < 0) {
    return { days, text: W.overdue[lang], overdue: true };
  }
  return { days, text: days === 0 ? W.dueToday[lang] : fill(W.daysLeft[lang], { days }), overdue: false };
}

export interface CategoryLine {
  id: string;
  label: string;
  records: number;
  purposes: string;
  legalBases: string;
  retention: string;
}

/** One line per category of the report, in the policy's order, labelled from the vocabulary. */
export function categoryLines(report: ReportOverview, v: Vocabulary, lang: Lang): CategoryLine[] {
  return [...report.categories]
    .sort((a, b) => termOrder(v, "categories", a.category) - termOrder(v, "categories", b.category))
    .map((c) => ({
      id: c.category,
      label: termLabel(v, "categories", c.category, lang),
      records: c.records.length,
      purposes: c.purposes.map((p) => purposeLabel(v, p, lang)).join(", "),
      legalBases: c.legal_bases.map((b) => termLabel(v, "legal_bases", b, lang)).join(", "),
      retention: c.retention.map((r) => termLabel(v, "retention", r, lang)).join("; "),
    }));
}

//! The printouts' own words in Albanian, English and Serbian (Cyrillic): section titles, column
//! heads, field names and notes. The policy's vocabulary (categories, purposes, bases, rights …)
//! is not here: it comes from `protocol::policy`, one place for each rule, and the policy's text is
//! quoted from there word for word.

use protocol::api::{ActingCapacity, CustomerKind, DocumentType, TrafficKind};
use protocol::mutation::{CorrectableField, MatchVerdict, VerificationMethod};
use protocol::{Label, Lang};

macro_rules! labels {
    ($($name:ident = $sq:literal, $en:literal, $sr:literal;)*) => {
        $(pub(crate) const $name: Label = Label::new($sq, $en, $sr);)*
    };
}

labels! {
    // The document.
    REPORT_TITLE = "Raporti i të dhënave tuaja personale", "Report of your personal data", "Извештај о вашим личним подацима";
    REPORT_SUBTITLE = "E drejta e qasjes: të dhënat personale që IPKO përpunon për ju", "The right of access: the personal data IPKO processes about you", "Право на приступ: лични подаци које IPKO обрађује о вама";
    POLICY_LANGUAGE_NOTE = "Citimet nga Politika e Privatësisë së IPKO-s jepen fjalë për fjalë, në anglisht, gjuhën e tekstit që mban kjo kioskë; nuk ka përkthim zyrtar të tyre.", "Quotations from IPKO's Privacy Policy are given word for word.", "Цитати из Политике приватности IPKO-а дати су дословно, на енглеском, језику текста који овај киоск има; њихов званични превод не постоји.";
    REPORT_ID = "ID e raportit", "Report id", "ИД извештаја";
    GENERATED_AT = "Përgatitur nga IPKO më", "Prepared by IPKO at", "IPKO припремио";
    REQUEST_REFERENCE = "Referenca e kërkesës", "Request reference", "Референца захтева";
    END_OF_REPORT = "Fundi i raportit", "End of the report", "Крај извештаја";

    // Every page.
    PRINTED = "Shtypur", "Printed", "Штампано";
    STORE = "Dyqani", "Store", "Продавница";
    CLERK = "Punonjësi", "Clerk", "Службеник";
    VERIFICATION_CODE = "Kodi i verifikimit", "Verification code", "Верификациони код";
    DEMO_MARK = "DEMO — të dhëna fiktive", "DEMO — fictional data", "ДЕМО — измишљени подаци";
    CONTINUED = "(vazhdim)", "(continued)", "(наставак)";
    YES = "po", "yes", "да";
    NO = "jo", "no", "не";

    // Sections of the data report, in their order.
    S_CONTROLLER = "1. Kontrolluesi i të dhënave dhe zyrtari për mbrojtjen e të dhënave", "1. The data controller and the data-protection officer", "1. Руковалац подацима и лице за заштиту података";
    S_IDENTIFICATION = "2. Identifikimi juaj", "2. Your identification", "2. Ваша идентификација";
    S_CATEGORIES = "3. Të dhënat që IPKO mban për ju, sipas kategorive", "3. The data IPKO holds about you, by category", "3. Подаци које IPKO чува о вама, по категоријама";
    S_TRAFFIC = "4. Të dhënat e trafikut", "4. Traffic data", "4. Подаци о саобраћају";
    S_PROCESSING = "5. Si i përpunon IPKO të dhënat e secilës kategori", "5. How IPKO processes each category", "5. Како IPKO обрађује сваку категорију";
    S_AUTOMATED = "6. Vendimmarrja e automatizuar dhe profilizimi", "6. Automated decision-making and profiling", "6. Аутоматизовано одлучивање и профилисање";
    S_CONSENTS = "7. Pëlqimet në regjistër", "7. Consents on record", "7. Евидентиране сагласности";
    S_REQUESTS = "8. Kërkesat e hapura", "8. Open requests", "8. Отворени захтеви";
    S_RIGHTS = "9. Të drejtat tuaja dhe si t'i ushtroni", "9. Your rights and how to exercise them", "9. Ваша права и како да их остварите";
    S_COMPLAINTS = "10. E drejta për ankesë: në IPKO dhe në Agjencinë për Informim dhe Privatësi", "10. The right to complain: to IPKO and to the Information and Privacy Agency", "10. Право на жалбу: IPKO-у и Агенцији за информисање и приватност";

    // 1. Controller.
    CONTROLLER = "Kontrolluesi", "Controller", "Руковалац";
    ADDRESS = "Adresa", "Address", "Адреса";
    WEBSITE = "Uebfaqja", "Website", "Веб-сајт";
    EMAIL = "E-mail", "E-mail", "Е-пошта";
    TELEPHONE = "Telefoni", "Telephone", "Телефон";
    DPO_BY_POST = "Zyrtari për mbrojtjen e të dhënave, me postë", "Data-protection officer, by post", "Лице за заштиту података, поштом";
    DPO_BY_EMAIL = "Zyrtari për mbrojtjen e të dhënave, me e-mail", "Data-protection officer, by e-mail", "Лице за заштиту података, е-поштом";
    LAW = "Ligji", "Law", "Закон";

    // 2. Identification.
    NAME = "Emri dhe mbiemri", "Name", "Име и презиме";
    CUSTOMER_ID = "ID e klientit", "Customer id", "ИД клијента";
    CUSTOMER_NO = "Numri i klientit", "Customer number", "Број клијента";
    CUSTOMER_KIND = "Lloji i klientit", "Kind of customer", "Врста клијента";
    PERSONAL_NUMBER = "Numri personal (i fshehur pjesërisht)", "Personal number (partly hidden)", "Лични број (делимично скривен)";
    DATE_OF_BIRTH = "Data e lindjes", "Date of birth", "Датум рођења";
    NATIONALITY = "Shtetësia", "Nationality", "Држављанство";
    IDENTITY_DOCUMENT = "Dokumenti i identitetit", "Identity document", "Лични документ";
    BUSINESS_NAME = "Emri i biznesit", "Business name", "Назив предузећа";
    BUSINESS_NUMBER = "Numri i biznesit", "Business number", "Број предузећа";
    PHONE_NUMBERS = "Numrat e telefonit", "Phone numbers", "Бројеви телефона";
    REPRESENTATIVES = "Përfaqësuesit", "Representatives", "Заступници";
    AUTHORISATION = "Autorizimi", "Authorisation", "Овлашћење";
    RECORD_VERSION = "Versioni i regjistrit", "Record version", "Верзија записа";
    MASKING_NOTE = "Numrat e identitetit shfaqen vetëm me dy shenjat e para dhe dy të fundit, që kjo letër të mos i zbulojë nëse humbet.", "Identity numbers show only their first two and last two characters, so that this paper does not reveal them if it is lost.", "Идентификациони бројеви приказани су само са прва два и последња два знака, да их овај папир не би открио ако се изгуби.";

    // 3. Categories.
    NO_RECORDS = "IPKO nuk mban të dhëna të kësaj kategorie për ju.", "IPKO holds no data of this category about you.", "IPKO не чува податке ове категорије о вама.";
    RECORDED_AT = "Regjistruar", "Recorded", "Евидентирано";
    FIELD = "Fusha", "Field", "Поље";

    // 4. Traffic.
    TRAFFIC_INTRO = "Thirrjet, mesazhet (pa përmbajtje), seancat e të dhënave dhe vendndodhjet e tyre, nga periudha e ruajtjes.", "Calls, messages (without content), data sessions and their locations, over the retention period.", "Позиви, поруке (без садржаја), сесије преноса података и њихове локације, за период чувања.";
    TRAFFIC_MASKED = "Numri i palës tjetër shfaqet pa tri shifrat e fundit.", "The other party's number is shown without its last three digits.", "Број друге стране приказан је без последње три цифре.";
    TRAFFIC_FULL = "Me kërkesën e shprehur të klientit, numrat e palës tjetër shfaqen të plotë.", "At the customer's explicit request, the other party's numbers are shown in full.", "На изричит захтев клијента, бројеви друге стране приказани су у целости.";
    LOCAL_TIMES = "Kohët janë në orën lokale (Europe/Belgrade, CET/CEST).", "Times are local time (Europe/Belgrade, CET/CEST).", "Времена су по локалном времену (Europe/Belgrade, CET/CEST).";
    NO_TRAFFIC = "Nuk ka të dhëna trafiku nga periudha e ruajtjes.", "There is no traffic data from the retention period.", "Нема података о саобраћају из периода чувања.";
    PERIOD = "Periudha", "Period", "Период";
    YOUR_NUMBER = "Numri juaj", "Your number", "Ваш број";
    CALLS = "Thirrjet", "Calls", "Позиви";
    MESSAGES = "Mesazhet (pa përmbajtje)", "Messages (without content)", "Поруке (без садржаја)";
    DATA_SESSIONS = "Seancat e të dhënave", "Data sessions", "Сесије преноса података";
    ROWS = "rreshta", "rows", "редова";
    TIME = "Koha", "Time", "Време";
    DIRECTION = "Drejtimi", "Direction", "Смер";
    NUMBER = "Numri", "Number", "Број";
    OTHER_PARTY = "Pala tjetër", "Other party", "Друга страна";
    DURATION = "Kohëzgjatja", "Duration", "Трајање";
    VOLUME = "Vëllimi", "Volume", "Обим";
    LOCATION = "Vendndodhja (qeliza)", "Location (cell)", "Локација (ћелија)";

    // 5. Processing.
    PURPOSES = "Qëllimet", "Purposes", "Сврхе";
    LEGAL_BASES = "Bazat ligjore", "Legal bases", "Правни основи";
    RECIPIENTS = "Marrësit", "Recipients", "Примаоци";
    SOURCES = "Burimet", "Sources", "Извори";
    RETENTION = "Ruajtja", "Retention", "Чување";
    ON_LEGAL_BASES = "Çfarë thotë politika për bazat ligjore", "What the policy says about the legal bases", "Шта политика каже о правним основима";
    ON_LEGITIMATE_INTERESTS = "Çfarë thotë politika për qëllimet e interesit legjitim", "What the policy says about the legitimate-interest purposes", "Шта политика каже о сврхама легитимног интереса";
    ON_CONSENT_PURPOSES = "Çfarë thotë politika për qëllimet me pëlqim", "What the policy says about the purposes based on consent", "Шта политика каже о сврхама заснованим на сагласности";
    ON_RETENTION = "Çfarë thotë politika për ruajtjen", "What the policy says about retention", "Шта политика каже о чувању";
    ON_RECIPIENTS = "Çfarë thotë politika për marrësit dhe burimet", "What the policy says about recipients and sources", "Шта политика каже о примаоцима и изворима";

    // 6. Automated decisions.
    PURPOSE = "Qëllimi", "Purpose", "Сврха";
    USES_TRAFFIC = "Përdor të dhëna trafiku dhe vendndodhjeje", "Uses traffic and location data", "Користи податке о саобраћају и локацији";
    APPLIES_NOW = "Zbatohet për ju tani", "Applies to you now", "Тренутно се примењује на вас";
    NO_AUTOMATED = "Nuk ka vendimmarrje të automatizuar në regjistër për ju.", "No automated decision-making is on record for you.", "За вас није евидентирано аутоматизовано одлучивање.";

    // 7. Consents.
    CHANNEL = "Kanali", "Channel", "Канал";
    CHOICE = "Zgjedhja", "Choice", "Избор";
    WHEN = "Kur", "When", "Када";
    HOW = "Si", "How", "Како";
    NOTICE_VERSION = "Njoftimi", "Notice", "Обавештење";
    IN_FORCE = "Në fuqi", "In force", "На снази";
    WHOLE_PURPOSE = "Qëllimi në tërësi", "The purpose as a whole", "Сврха у целини";
    NO_CONSENTS = "Nuk ka pëlqime në regjistër.", "There are no consents on record.", "Нема евидентираних сагласности.";
    HOW_TO_WITHDRAW = "Si ta tërhiqni pëlqimin", "How to withdraw a consent", "Како да повучете сагласност";

    // 8. Requests.
    REFERENCE = "Referenca", "Reference", "Референца";
    KIND = "Lloji", "Kind", "Врста";
    SUBMITTED = "Paraqitur", "Submitted", "Поднет";
    DUE_AS_A_RULE = "Afati (si rregull)", "Due (as a rule)", "Рок (по правилу)";
    LATEST_DUE = "Afati më i vonë", "Latest due", "Крајњи рок";
    STATE = "Gjendja", "State", "Стање";
    NO_REQUESTS = "Nuk ka kërkesa të hapura.", "There are no open requests.", "Нема отворених захтева.";
    DEADLINES = "Afatet", "Deadlines", "Рокови";

    // 9. Rights.
    HOW_TO_EXERCISE = "Si t'i ushtroni të drejtat", "How to exercise your rights", "Како да остварите своја права";
    RIGHT_TO_OBJECT = "E drejta për kundërshtim", "The right to object", "Право на приговор";
    BUSINESSES_ONLY = "vetëm për klientët biznes", "business customers only", "само за пословне клијенте";

    // 10. Complaints.
    COMPLAINT_TO_IPKO = "Ankesa në IPKO", "A complaint to IPKO", "Жалба IPKO-у";
    COMPLAINT_TO_AUTHORITY = "Ankesa në autoritetin mbikëqyrës", "A complaint to the supervisory authority", "Жалба надзорном органу";
    BY_POST = "Me postë", "By post", "Поштом";
    IN_STORE = "Në pikat e shitjes së IPKO-s", "At IPKO's points of sale", "На IPKO продајним местима";
    WRITTEN_REQUEST = "me kërkesë me shkrim", "a written request", "писаним захтевом";
    AUTHORITY = "Autoriteti", "Authority", "Орган";

    // Receipts.
    CONSENT_RECEIPT = "Dëftesë e pëlqimit", "Consent receipt", "Потврда о сагласности";
    CORRECTION_RECEIPT = "Dëftesë e kërkesës për korrigjimin e të dhënave", "Receipt of a request to correct data", "Потврда о захтеву за исправку података";
    REQUEST_RECEIPT = "Dëftesë e kërkesës", "Receipt of a request", "Потврда о захтеву";
    RECEIPT_SUBTITLE = "Kopja juaj, e nënshkruar nga ju në sportelin e IPKO-s", "Your copy, signed by you at IPKO's counter", "Ваш примерак, који сте потписали на шалтеру IPKO-а";
    RECORD_ID = "ID e regjistrimit", "Record id", "ИД записа";
    CUSTOMER = "Klienti", "Customer", "Клијент";
    CONSENT_NOTICE = "Njoftimi për pëlqim", "Consent notice", "Обавештење о сагласности";
    VERSION = "versioni", "version", "верзија";
    NOTICE_SHA256 = "SHA-256 e tekstit të njoftimit", "SHA-256 of the notice text", "SHA-256 текста обавештења";
    JURISDICTION = "Juridiksioni", "Jurisdiction", "Надлежност";
    COLLECTION_METHOD = "Mënyra e mbledhjes", "How it was collected", "Начин прикупљања";
    EXPRESSED_BY = "Shprehur nga", "Expressed by", "Изјавио";
    IDENTITY_CHECK = "Kontrolli i identitetit", "Identity check", "Провера идентитета";
    NOT_RECORDED = "nuk është regjistruar", "not recorded", "није евидентирано";
    SIGNED_AT = "Nënshkruar më", "Signed at", "Потписано";
    CHOICES = "Zgjedhjet tuaja", "Your choices", "Ваши избори";
    SIGNATURE = "Nënshkrimi i klientit", "The customer's signature", "Потпис клијента";
    SIGNATURE_SHA256 = "SHA-256 e nënshkrimit", "SHA-256 of the signature", "SHA-256 потписа";
    OLD_VALUE = "Vlera e tanishme", "Current value", "Тренутна вредност";
    NEW_VALUE = "Vlera e saktë", "Correct value", "Тачна вредност";
    REASON = "Arsyeja", "Reason", "Разлог";
    BASE_VERSION = "Versioni i regjistrit që pa punonjësi", "Record version the clerk saw", "Верзија записа коју је службеник видео";
    KIND_OF_REQUEST = "Lloji i kërkesës", "Kind of request", "Врста захтева";
    OBJECTION_PURPOSE = "Qëllimi që kundërshtohet", "Purpose objected to", "Сврха на коју се улаже приговор";
    DETAILS = "Çfarë kërkoni", "What you ask for", "Шта тражите";
    ANSWER_DUE = "IPKO përgjigjet deri më", "IPKO answers by", "IPKO одговара до";
    ANSWER_LATEST = "Jo më vonë se", "No later than", "Најкасније до";
    ASKED_TO_RECEIVE = "Kërkon të marrë", "Asks to receive", "Тражи да добије";
    FROM_THE_START = "që nga fillimi", "from the start", "од почетка";
    UNTIL_NOW = "deri sot", "until today", "до данас";
    DATA_CONCERNED = "Të dhënat që përfshihen", "Data concerned", "Подаци на које се односи";
    FORMATS = "Formatet", "Formats", "Формати";
    SUSPENSION = "Pezullimi", "Suspension", "Обустава";
    PERMANENT = "i përhershëm", "permanent", "трајна";
    SUSPENDED_UNTIL = "deri më {date}", "until {date}", "до {date}";
    SUPERVISORY_AUTHORITY = "Autoriteti mbikëqyrës", "Supervisory authority", "Надзорни орган";
    AUTHORITY_EXPLAINED = "klientit iu shpjegua e drejta për t'u ankuar atje", "the customer was told of the right to complain there", "купцу је објашњено право да се тамо жали";
    PHOTO_CONFIRMED = "fotografia u krahasua", "photo compared", "фотографија упоређена";
    VERIFICATION = "verifikimi", "verification", "провера";
}

pub(crate) fn page_of(lang: Lang, page: usize, pages: usize) -> String {
    match lang {
        Lang::Sq => format!("Faqja {page} nga {pages}"),
        Lang::En => format!("Page {page} of {pages}"),
        Lang::Sr => format!("Страна {page} од {pages}"),
    }
}

pub(crate) fn yes_no(b: bool) -> Label {
    if b {
        YES
    } else {
        NO
    }
}

pub(crate) fn customer_kind(kind: CustomerKind) -> Label {
    match kind {
        CustomerKind::Individual => Label::new("Individ", "Individual", "Физичко лице"),
        CustomerKind::Business => Label::new("Biznes", "Business", "Предузеће"),
    }
}

pub(crate) fn document_type(t: DocumentType) -> Label {
    match t {
        DocumentType::IdCard => Label::new("Letërnjoftim", "Identity card", "Лична карта"),
        DocumentType::Passport => Label::new("Pasaportë", "Passport", "Пасош"),
        DocumentType::ResidencePermit => {
            Label::new("Leje qëndrimi", "Residence permit", "Дозвола боравка")
        }
    }
}

pub(crate) fn capacity(c: ActingCapacity) -> Label {
    match c {
        ActingCapacity::Themself => {
            Label::new("Vetë klienti", "The customer in person", "Лично клијент")
        }
        ActingCapacity::Guardian => Label::new(
            "Prind ose kujdestar",
            "Parent or guardian",
            "Родитељ или старатељ",
        ),
        ActingCapacity::AuthorisedPerson => {
            Label::new("Person i autorizuar", "Authorised person", "Овлашћено лице")
        }
        ActingCapacity::BusinessRepresentative => Label::new(
            "Përfaqësues i biznesit",
            "Business representative",
            "Заступник предузећа",
        ),
    }
}

pub(crate) fn direction(kind: TrafficKind) -> Label {
    match kind {
        TrafficKind::CallOut => Label::new("Dalëse", "Outgoing", "Одлазни"),
        TrafficKind::CallIn => Label::new("Hyrëse", "Incoming", "Долазни"),
        TrafficKind::SmsOut => Label::new("Dërguar", "Sent", "Послата"),
        TrafficKind::SmsIn => Label::new("Marrë", "Received", "Примљена"),
        TrafficKind::Data => Label::new("Të dhëna", "Data", "Подаци"),
    }
}

pub(crate) fn correctable_field(f: CorrectableField) -> Label {
    match f {
        CorrectableField::FirstName => Label::new("Emri", "First name", "Име"),
        CorrectableField::LastName => Label::new("Mbiemri", "Last name", "Презиме"),
        CorrectableField::Address => Label::new("Adresa", "Address", "Адреса"),
        CorrectableField::Email => Label::new("E-mail", "E-mail", "Е-пошта"),
        CorrectableField::ContactNumber => {
            Label::new("Numri i kontaktit", "Contact number", "Контакт број")
        }
    }
}

pub(crate) fn verification_method(m: VerificationMethod) -> Label {
    match m {
        VerificationMethod::Scanned => Label::new("skanuar", "scanned", "скенирано"),
        VerificationMethod::Typed => Label::new(
            "shtypur nga punonjësi",
            "typed by the clerk",
            "унео службеник",
        ),
    }
}

pub(crate) fn verdict(v: MatchVerdict) -> Label {
    match v {
        MatchVerdict::Match => Label::new(
            "përputhet me regjistrin",
            "matches the record",
            "подудара се са записом",
        ),
        MatchVerdict::Partial => Label::new(
            "përputhet pjesërisht, e gjykuar nga punonjësi",
            "partial match, judged by the clerk",
            "делимично подударање, проценио службеник",
        ),
        MatchVerdict::Mismatch => Label::new("nuk përputhet", "does not match", "не подудара се"),
        MatchVerdict::Pending => Label::new(
            "në pritje të kontrollit qendror",
            "awaiting the central check",
            "чека централну проверу",
        ),
    }
}

pub(crate) fn language_name(lang: Lang) -> Label {
    match lang {
        Lang::Sq => Label::new("shqip", "Albanian", "албански"),
        Lang::En => Label::new("anglisht", "English", "енглески"),
        Lang::Sr => Label::new("serbisht", "Serbian", "српски"),
    }
}

/// The kinds of record (`device`, `invoice` …) with their names; the screens take them too (vocabulary).
pub(crate) const RECORD_TYPES: &[(&str, Label)] = &[
    (
        "identity",
        Label::new("Të dhënat e identitetit", "Identity", "Идентитет"),
    ),
    (
        "representative",
        Label::new("Përfaqësuesi", "Representative", "Заступник"),
    ),
    (
        "subscription",
        Label::new("Abonimi mobil", "Mobile subscription", "Мобилна претплата"),
    ),
    (
        "device",
        Label::new(
            "Pajisja dhe karta SIM",
            "Device and SIM card",
            "Уређај и SIM картица",
        ),
    ),
    ("invoice", Label::new("Faturat", "Invoices", "Рачуни")),
    (
        "internet_subscription",
        Label::new(
            "Abonimi i internetit",
            "Internet subscription",
            "Интернет претплата",
        ),
    ),
    (
        "ip_address",
        Label::new("Adresat IP", "IP addresses", "IP адресе"),
    ),
    (
        "email_account",
        Label::new("Llogaritë e e-mailit", "E-mail accounts", "Налози е-поште"),
    ),
    (
        "username",
        Label::new("Emrat e përdoruesit", "Usernames", "Корисничка имена"),
    ),
    (
        "tv_subscription",
        Label::new("Abonimi televiziv", "TV subscription", "ТВ претплата"),
    ),
    (
        "fixed_line",
        Label::new("Linja fikse", "Fixed line", "Фиксна линија"),
    ),
    (
        "online_order",
        Label::new(
            "Porositë në internet",
            "Online orders",
            "Поруџбине преко интернета",
        ),
    ),
    (
        "complaint",
        Label::new(
            "Ankesat dhe kërkesat",
            "Complaints and requests",
            "Жалбе и захтеви",
        ),
    ),
    (
        "call_centre_call",
        Label::new(
            "Thirrjet në qendrën e thirrjeve",
            "Call-centre calls",
            "Позиви позивном центру",
        ),
    ),
    (
        "network_device",
        Label::new(
            "Modemi dhe cilësimet e rrjetit",
            "Modem and network settings",
            "Модем и мрежна подешавања",
        ),
    ),
    (
        "dhcp_reservation",
        Label::new(
            "Rezervimet DHCP MAC-IP",
            "DHCP MAC-IP reservations",
            "DHCP MAC-IP резервације",
        ),
    ),
    (
        "port_forwarding",
        Label::new(
            "Përcjellja e porteve",
            "Port forwarding",
            "Прослеђивање портова",
        ),
    ),
    (
        "connected_device",
        Label::new(
            "Pajisjet e lidhura",
            "Connected devices",
            "Повезани уређаји",
        ),
    ),
];

/// The name of a kind of record (`device`, `invoice` …); unknown kinds print as their key.
pub(crate) fn record_type(key: &str) -> Option<Label> {
    RECORD_TYPES
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, label)| *label)
}

/// The fields of records with their names; the screens take them too (vocabulary).
pub(crate) const RECORD_FIELDS: &[(&str, Label)] = &[
    ("first_name", Label::new("Emri", "First name", "Име")),
    ("last_name", Label::new("Mbiemri", "Last name", "Презиме")),
    (
        "personal_number",
        Label::new("Numri personal", "Personal number", "Лични број"),
    ),
    ("date_of_birth", DATE_OF_BIRTH),
    ("nationality", NATIONALITY),
    (
        "document_type",
        Label::new("Lloji i dokumentit", "Document type", "Врста документа"),
    ),
    (
        "document_issuing_state",
        Label::new("Shteti lëshues", "Issuing state", "Држава издавања"),
    ),
    (
        "document_number",
        Label::new("Numri i dokumentit", "Document number", "Број документа"),
    ),
    ("business_name", BUSINESS_NAME),
    ("business_number", BUSINESS_NUMBER),
    ("address", ADDRESS),
    ("email", EMAIL),
    (
        "contact_numbers",
        Label::new("Numrat e kontaktit", "Contact numbers", "Контакт бројеви"),
    ),
    (
        "customer_since",
        Label::new("Klient që nga", "Customer since", "Клијент од"),
    ),
    ("capacity", Label::new("Cilësia", "Capacity", "Својство")),
    ("authorisation_reference", AUTHORISATION),
    ("msisdn", NUMBER),
    (
        "tariff_plan",
        Label::new("Plani tarifor", "Tariff plan", "Тарифни план"),
    ),
    (
        "payment_type",
        Label::new("Mënyra e pagesës", "Payment type", "Начин плаћања"),
    ),
    (
        "activated_on",
        Label::new("Aktivizuar më", "Activated on", "Активирано"),
    ),
    ("imei", Label::new("IMEI", "IMEI", "IMEI")),
    (
        "sim_serial",
        Label::new(
            "Numri serik i SIM",
            "SIM serial number",
            "Серијски број SIM-а",
        ),
    ),
    ("model", Label::new("Modeli", "Model", "Модел")),
    (
        "invoice_number",
        Label::new("Nr. i faturës", "Invoice no.", "Бр. рачуна"),
    ),
    (
        "billing_period",
        Label::new("Periudha", "Billing period", "Обрачунски период"),
    ),
    ("issued_on", Label::new("Lëshuar", "Issued", "Издат")),
    ("due_on", Label::new("Afati", "Due", "Доспева")),
    (
        "amount_eur",
        Label::new("Shuma (€)", "Amount (€)", "Износ (€)"),
    ),
    ("paid", Label::new("Paguar", "Paid", "Плаћено")),
    (
        "paid_on",
        Label::new("Paguar më", "Paid on", "Плаћено дана"),
    ),
    ("services", Label::new("Shërbimet", "Services", "Услуге")),
    ("package", Label::new("Paketa", "Package", "Пакет")),
    (
        "access_technology",
        Label::new(
            "Teknologjia e qasjes",
            "Access technology",
            "Технологија приступа",
        ),
    ),
    (
        "installation_address",
        Label::new(
            "Adresa e instalimit",
            "Installation address",
            "Адреса инсталације",
        ),
    ),
    (
        "ip_address",
        Label::new("Adresa IP", "IP address", "IP адреса"),
    ),
    (
        "location",
        Label::new("Vendndodhja", "Location", "Локација"),
    ),
    (
        "assigned_at",
        Label::new("Caktuar më", "Assigned", "Додељена"),
    ),
    (
        "released_at",
        Label::new("Liruar më", "Released", "Ослобођена"),
    ),
    (
        "email_address",
        Label::new("Adresa e e-mailit", "E-mail address", "Адреса е-поште"),
    ),
    (
        "created_on",
        Label::new("Krijuar më", "Created on", "Направљен"),
    ),
    ("service", Label::new("Shërbimi", "Service", "Услуга")),
    (
        "username",
        Label::new("Emri i përdoruesit", "Username", "Корисничко име"),
    ),
    ("platform", Label::new("Platforma", "Platform", "Платформа")),
    (
        "app_username",
        Label::new(
            "Përdoruesi i aplikacionit",
            "App username",
            "Корисник апликације",
        ),
    ),
    (
        "set_top_box_id",
        Label::new("ID e dekoderit", "Set-top box id", "ИД сет-топ бокса"),
    ),
    (
        "phone_number",
        Label::new("Numri i telefonit", "Phone number", "Број телефона"),
    ),
    (
        "order_number",
        Label::new("Nr. i porosisë", "Order no.", "Бр. поруџбине"),
    ),
    (
        "ordered_at",
        Label::new("Porositur më", "Ordered", "Поручено"),
    ),
    ("items", Label::new("Artikujt", "Items", "Ставке")),
    ("delivery", Label::new("Dorëzimi", "Delivery", "Испорука")),
    ("status", STATE),
    ("channel", CHANNEL),
    ("reference", REFERENCE),
    (
        "received_at",
        Label::new("Pranuar më", "Received", "Примљено"),
    ),
    ("topic", Label::new("Tema", "Topic", "Тема")),
    (
        "resolved_on",
        Label::new("Zgjidhur më", "Resolved on", "Решено"),
    ),
    (
        "called_at",
        Label::new("Thirrur më", "Called at", "Позвано"),
    ),
    (
        "calling_number",
        Label::new("Numri thirrës", "Calling number", "Позивајући број"),
    ),
    (
        "duration_seconds",
        Label::new("Kohëzgjatja (s)", "Duration (s)", "Трајање (с)"),
    ),
    (
        "complaint_reference",
        Label::new("Ankesa", "Complaint", "Жалба"),
    ),
    (
        "recording_kept_until",
        Label::new(
            "Regjistrimi ruhet deri më",
            "Recording kept until",
            "Снимак се чува до",
        ),
    ),
    (
        "modem_model",
        Label::new("Modeli i modemit", "Modem model", "Модел модема"),
    ),
    (
        "modem_serial",
        Label::new(
            "Numri serik i modemit",
            "Modem serial number",
            "Серијски број модема",
        ),
    ),
    (
        "installed_on",
        Label::new("Instaluar më", "Installed on", "Инсталиран"),
    ),
    (
        "wan_mac_address",
        Label::new("Adresa MAC e WAN", "WAN MAC address", "WAN MAC адреса"),
    ),
    (
        "lan_ip",
        Label::new("IP e LAN-it të modemit", "Modem's LAN IP", "LAN IP модема"),
    ),
    (
        "dhcp_server",
        Label::new("Serveri DHCP", "DHCP server", "DHCP сервер"),
    ),
    (
        "dhcp_range",
        Label::new("Vargu DHCP", "DHCP range", "DHCP опсег"),
    ),
    (
        "device_name",
        Label::new("Emri i pajisjes", "Device name", "Назив уређаја"),
    ),
    (
        "mac_address",
        Label::new("Adresa MAC", "MAC address", "MAC адреса"),
    ),
    ("connection", Label::new("Lidhja", "Connection", "Веза")),
    (
        "last_seen",
        Label::new("Parë së fundi", "Last seen", "Последњи пут виђен"),
    ),
    ("protocol", Label::new("Protokolli", "Protocol", "Протокол")),
    (
        "external_port",
        Label::new("Porti i jashtëm", "External port", "Спољни порт"),
    ),
    (
        "internal_ip",
        Label::new("IP e brendshme", "Internal IP", "Унутрашња IP"),
    ),
    (
        "internal_port",
        Label::new("Porti i brendshëm", "Internal port", "Унутрашњи порт"),
    ),
];

/// The name of a record's field; unknown fields print as their key.
pub(crate) fn field(key: &str) -> Option<Label> {
    RECORD_FIELDS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, label)| *label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serbian_is_written_in_cyrillic() {
        let labels = [
            REPORT_TITLE,
            S_CONTROLLER,
            S_COMPLAINTS,
            DEMO_MARK,
            TRAFFIC_MASKED,
            CONSENT_RECEIPT,
            SIGNATURE,
        ];
        for l in labels {
            assert!(
                l.sr.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)),
                "{l:?}"
            );
            assert!(!l.sq.is_empty() && !l.en.is_empty());
        }
        assert_eq!(page_of(Lang::Sr, 2, 9), "Страна 2 од 9");
        assert_eq!(page_of(Lang::Sq, 2, 9), "Faqja 2 nga 9");
    }
}

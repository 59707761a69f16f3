// A stand-in for the customer screen's Rust commands (src-tauri/src/commands/report.rs, `vocabulary`
// in app.rs, `end_customer` in identity.rs, and `print_job_state`), loaded after fake-kiosk.js by
// e2e/harness.ts. It answers with the shapes serde gives the Rust types — ReportOverview,
// kiosk_core::disclosure::TrafficPage, kiosk_core::print::{PrintJob, JobStatus}, the Vocabulary —
// and refuses as Rust does, with `{code, message}`. All personal data here is fictional.
//
// Tests steer it through `window.__fakeReport`: `serveAtSignIn` (the next sign-in starts serving
// the fictional customer, as a confirmed identity would), `failShow`, `printFails`, `jobStates`,
// `jobMessage`, `pdf` (base64 printouts per language, e.g. the real ones in e2e/fixtures; without
// them a PDF of `pages` pages is drawn here), and read what the screen asked in `calls`.
(() => {
  const kiosk = window.__fakeKiosk;
  const reject = kiosk.reject;
  // The `vocabulary` command's answer (kiosk_core::vocabulary::Vocabulary), taken from protocol::policy.
  const vocabulary = {
    categories: [
      {
        id: "identity_contact",
        label: { sq: "Identiteti dhe kontakti", en: "Identity and contact", sr: "Идентитет и контакт" },
        policy_text: "Name, surname, personal number, address, e-mail address, contact number",
      },
      {
        id: "mobile_services",
        label: { sq: "Shërbimet mobile", en: "Mobile services", sr: "Мобилне услуге" },
        policy_text:
          "Data relating to mobile number and mobile phone services such as incoming-outgoing calls, incoming-outgoing messages (without textual content), IMEI number, number’s serial number, location of the call made-received, billing transactions concerning the respective service",
      },
      {
        id: "internet",
        label: { sq: "Interneti", en: "Internet", sr: "Интернет" },
        policy_text: "Internet-related data, such as email addresses, usernames, IP addresses, IP address locations",
      },
      {
        id: "television",
        label: { sq: "DTV dhe TVIM", en: "DTV and TVIM", sr: "DTV и TVIM" },
        policy_text: "Data relating to the DTV and TVIM services",
      },
      {
        id: "fixed_telephony",
        label: { sq: "Telefonia fikse", en: "Fixed telephony", sr: "Фиксна телефонија" },
        policy_text: "Data relating to the fixed telephony service",
      },
      {
        id: "online_purchases",
        label: { sq: "Blerjet në internet", en: "Online purchases", sr: "Куповина на интернету" },
        policy_text:
          "Data relating to IPKO applications for the purchase of online services as well as on IPKO’s official web site",
      },
      {
        id: "complaints_requests",
        label: { sq: "Ankesat dhe kërkesat", en: "Complaints and requests", sr: "Жалбе и захтеви" },
        policy_text:
          "Data relating to users’ Complaints/requests addressed to IPKO through official channels of communication including but not limited to those via e-mail or social networks",
      },
      {
        id: "call_centre_calls",
        label: { sq: "Thirrjet në qendrën e thirrjeve", en: "Call-centre calls", sr: "Позиви позивном центру" },
        policy_text: "Calls made to IPKO’s Call Center on the occasion of submitting Complaints/Requests",
      },
      {
        id: "network_devices",
        label: { sq: "Pajisjet e rrjetit", en: "Network devices", sr: "Мрежни уређаји" },
        policy_text:
          "User’s network settings, i.e. including but not limited to: DHCP server, modem’s LAN IP, DHCP MAC-IP reservations, PortForwarding, DMZ settings, information about user’s devices and their mutual connections – physical MAC address, assigned IP address and device name",
      },
    ],
    consent_purposes: [
      {
        id: "current_offers",
        label: { sq: "Ofertat aktuale", en: "Current offers", sr: "Актуелне понуде" },
        channels: [
          "sms_mms",
          "email",
          "mail",
          "calls",
          "television",
          "multimedia_platforms",
          "applications",
          "websites",
          "social_networks",
        ],
        profiles_with_traffic_and_location: false,
        policy_text:
          "You hereby agree to be informed about IPKO Telecommunications LLC’s news and general offers, via SMS/MMS, e-mail, regular mail, calls/video calls, television, multimedia platforms, applications, the company’s websites and social networks, at the same time and you allow IPKO Telecommunications LLC to process your data for the purposes of direct marketing of goods and services.",
      },
      {
        id: "offers_just_for_me",
        label: { sq: "Oferta vetëm për mua", en: "Offers just for me", sr: "Понуде само за мене" },
        channels: [
          "sms_mms",
          "email",
          "mail",
          "calls",
          "television",
          "multimedia_platforms",
          "applications",
          "websites",
          "social_networks",
        ],
        profiles_with_traffic_and_location: true,
        policy_text:
          "You agree that you want to be informed about the benefits and offers that are tailored to you personally and allow IPKO Telecommunications LLC to process your data for this purpose, data on the use of the company’s services, its websites and applications, social networks, Loyalty Program, and also traffic and location data from this contractual relationship. The data can be processed for the preparation and transmission of personally tailored offers via SMS/MMS, e-mail, traditional mail, calls/video calls, social networks, television, multimedia platforms, applications and the company’s websites.",
      },
      {
        id: "offer_in_person_at_home",
        label: {
          sq: "Oferta e prezantuar personalisht në shtëpi",
          en: "Offer presented in person at home",
          sr: "Понуда представљена лично код куће",
        },
        channels: ["home_visit"],
        profiles_with_traffic_and_location: true,
        policy_text:
          "You hereby agree that IPKO Telecommunications LLC agent may visit you at home and present you with an offer tailored to you personally. You consent to the use of your data, service usage data, including traffic and location data under this contractual relationship for this purpose.",
      },
      {
        id: "help_us_be_better",
        label: { sq: "Na ndihmoni të jemi më të mirë", en: "Help us be better", sr: "Помозите нам да будемо бољи" },
        channels: [],
        profiles_with_traffic_and_location: true,
        policy_text:
          "Since you want to contribute to the development of services and an even better user experience, you agree that IPKO Telecommunications LLC may process your data, data on the use of the company’s services, its websites and applications, social networks, Loyalty Program and traffic and location data from this contractual relationship. The company may analyze your data, including segmentation and profiling, in order to develop services and prepare a modern communication offer (for example planning and development of services and applications, market evaluation, measuring sales performance, measuring the performance of marketing activities, activities to improve user experience and quality services).",
      },
    ],
    channels: [
      { id: "sms_mms", label: { sq: "SMS/MMS", en: "SMS/MMS", sr: "SMS/MMS" } },
      { id: "email", label: { sq: "E-mail", en: "E-mail", sr: "Е-пошта" } },
      { id: "mail", label: { sq: "Posta e zakonshme", en: "Regular mail", sr: "Обична пошта" } },
      { id: "calls", label: { sq: "Thirrje/video-thirrje", en: "Calls/video calls", sr: "Позиви/видео-позиви" } },
      { id: "television", label: { sq: "Televizioni", en: "Television", sr: "Телевизија" } },
      {
        id: "multimedia_platforms",
        label: { sq: "Platformat multimediale", en: "Multimedia platforms", sr: "Мултимедијалне платформе" },
      },
      { id: "applications", label: { sq: "Aplikacionet", en: "Applications", sr: "Апликације" } },
      {
        id: "websites",
        label: { sq: "Faqet e internetit të kompanisë", en: "The company's websites", sr: "Веб-сајтови компаније" },
      },
      { id: "social_networks", label: { sq: "Rrjetet sociale", en: "Social networks", sr: "Друштвене мреже" } },
      {
        id: "home_visit",
        label: { sq: "Vizitë e agjentit në shtëpi", en: "Agent's visit at home", sr: "Посета агента код куће" },
      },
    ],
    legal_bases: [
      { id: "contract", label: { sq: "Kontrata", en: "Contract", sr: "Уговор" } },
      { id: "consent", label: { sq: "Pëlqimi", en: "Consent", sr: "Сагласност" } },
      { id: "legal_obligation", label: { sq: "Detyrimi ligjor", en: "Legal obligation", sr: "Законска обавеза" } },
      {
        id: "legitimate_interest",
        label: { sq: "Interesi legjitim", en: "Legitimate interest", sr: "Легитимни интерес" },
      },
      { id: "vital_interests", label: { sq: "Interesat jetikë", en: "Vital interests", sr: "Витални интереси" } },
      { id: "public_interest", label: { sq: "Interesi publik", en: "Public interest", sr: "Јавни интерес" } },
    ],
    objection_purposes: [
      {
        id: "fraud_prevention",
        label: { sq: "Parandalimi i mashtrimit", en: "Fraud prevention", sr: "Спречавање превара" },
        usually_prevails: true,
        policy_text:
          "IPKO strives to prevent fraud and provide for security, consistency and continuous operation of IPKO’s networks and services. When processing data for the above-specified purposes IPKO shall process information about users and the use of IPKO’s services, including traffic and location data. As a rule, the legitimate interest of IPKO to prevent fraud always prevails over the interests, fundamental rights and freedoms of users.",
      },
      {
        id: "marketing_analyses",
        label: { sq: "Analizat e marketingut", en: "Marketing analyses", sr: "Маркетиншке анализе" },
        usually_prevails: false,
        policy_text:
          "Pursuant to its legitimate interest and for direct marketing, IPKO also processes the data for segmentation and profiling of its users. However, in this case IPKO does not process traffic data, including information about connections or location data, unless it acquires relevant prior user’s consent.",
      },
      {
        id: "surveys",
        label: { sq: "Anketat", en: "Surveys", sr: "Анкете" },
        usually_prevails: false,
        policy_text:
          "Occasionally and when in contact with its users, IPKO can also send these users an invitation to complete a survey questionnaire and/or submit feedback and opinions about IPKO’s services and offers. In such cases, IPKO processes users’ contact information (phone number, email) and information about the contact.",
      },
      {
        id: "risk_management",
        label: { sq: "Menaxhimi i rrezikut", en: "Risk management", sr: "Управљање ризиком" },
        usually_prevails: false,
        policy_text:
          "In order to manage risks, IPKO can monitor the implementation of contractual relationships with its users, including the processing of data on the users and their use of IPKO’s services, while this data is used for segmentation and profiling of users. However, in this case IPKO shall not process traffic data, including information about connections or location data, unless it acquires relevant prior user’s consent.",
      },
      {
        id: "analyses",
        label: { sq: "Analizat", en: "Analyses", sr: "Анализе" },
        usually_prevails: false,
        policy_text:
          "IPKO holds a legitimate interest for the monitoring of contractual relationships and analyzing the use of services by its users. However, when doing so, IPKO shall not process traffic data, including information about connections or location data, unless it acquires relevant prior user’s consent, or if such data has been anonymized before that.",
      },
      {
        id: "acquisition_of_consents",
        label: { sq: "Marrja e pëlqimeve", en: "Acquisition of consents", sr: "Прибављање сагласности" },
        usually_prevails: false,
        policy_text:
          "IPKO has a legitimate interest to request their consent. In the process, IPKO shall process phone number(s), email address(es), name, surname and postal address, username, identifiers of the TV interface/app, and information on consents.",
      },
      {
        id: "network_device_data",
        label: {
          sq: "Të dhënat e pajisjeve të rrjetit",
          en: "Data on network devices/equipment",
          sr: "Подаци о мрежним уређајима",
        },
        usually_prevails: false,
        policy_text:
          "Provision of high quality and fast service is possible only if IPKO stores these settings. IPKO uses this information to provide support and assistance to users, and during repair interventions on network devices/equipment.",
      },
    ],
    rights: [
      {
        id: "access",
        label: { sq: "Qasja në të dhëna", en: "Access to data", sr: "Приступ подацима" },
        business_only: false,
        deadline: "one_month_at_most_three",
      },
      {
        id: "rectification",
        label: { sq: "Korrigjimi i të dhënave", en: "Correction of data", sr: "Исправка података" },
        business_only: false,
        deadline: "one_month_at_most_three",
      },
      {
        id: "erasure",
        label: { sq: "Fshirja", en: "Erasure", sr: "Брисање" },
        business_only: false,
        deadline: "one_month_at_most_three",
      },
      {
        id: "restriction",
        label: { sq: "Kufizimi i përpunimit", en: "Restriction of processing", sr: "Ограничење обраде" },
        business_only: false,
        deadline: "one_month_at_most_three",
      },
      {
        id: "objection",
        label: { sq: "Kundërshtimi", en: "Objection", sr: "Приговор" },
        business_only: false,
        deadline: "one_month_at_most_three",
      },
      {
        id: "portability",
        label: { sq: "Bartja e të dhënave", en: "Data portability", sr: "Преносивост података" },
        business_only: false,
        deadline: "one_month_at_most_three",
      },
      {
        id: "complaint",
        label: { sq: "Ankesa", en: "Complaint", sr: "Жалба" },
        business_only: false,
        deadline: "one_month_at_most_three",
      },
      {
        id: "marketing_suspension",
        label: {
          sq: "Pezullimi i marketingut direkt (biznese)",
          en: "Suspension of direct marketing (businesses)",
          sr: "Обустава директног маркетинга (предузећа)",
        },
        business_only: true,
        deadline: "fifteen_days",
      },
    ],
    retention: [
      {
        id: "contract_term",
        label: {
          sq: "Gjatë kontratës dhe deri në parashkrimin e pretendimeve",
          en: "For the term of the contract and until claims are time-barred",
          sr: "Током уговора и до застарелости потраживања",
        },
      },
      {
        id: "billing_and_user_documents",
        label: {
          sq: "Faturat dhe dokumentet: deri në 6 vjet pas fundit të vitit ose të kontratës",
          en: "Invoices and documents: up to 6 years after the end of the year or of the contract",
          sr: "Рачуни и документи: до 6 година по истеку године или уговора",
        },
      },
      {
        id: "traffic_and_location",
        label: {
          sq: "Të dhënat e trafikut dhe vendndodhjes: deri në 12 muaj",
          en: "Traffic and location data: up to 12 months",
          sr: "Подаци о саобраћају и локацији: до 12 месеци",
        },
      },
      {
        id: "consent_after_termination",
        label: {
          sq: "Me pëlqim: edhe 2 vjet pas përfundimit të kontratës",
          en: "With consent: another 2 years after the contract ends",
          sr: "Уз сагласност: још 2 године по престанку уговора",
        },
      },
      {
        id: "restrict_after_termination",
        label: {
          sq: "Përpunim i kufizuar brenda 24 muajve pas përfundimit të kontratave",
          en: "Processing restricted within 24 months after all contracts end",
          sr: "Ограничена обрада у року од 24 месеца по престанку уговора",
        },
      },
      {
        id: "business_prospects",
        label: {
          sq: "Kontaktet e bizneseve: deri në revokim ose fund të fushatës",
          en: "Business contacts: until revoked or the campaign ends",
          sr: "Пословни контакти: до опозива или краја кампање",
        },
      },
    ],
  };

  const customer = {
    customer_id: "C-900042",
    customer_no: "DEMO-0900042",
    kind: "individual",
    first_name: "Vjosa",
    last_name: "Krasniqi",
    personal_number: "1234567895",
    date_of_birth: "1988-04-12",
    nationality: "RKS",
    identity_document: null,
    business_name: null,
    business_number: null,
    address: "Rruga e Provës 12, 10000 Prishtinë",
    email: "vjosa.krasniqi@example.com",
    msisdns: ["+38349000101", "+38344000102"],
    representatives: [],
    record_version: 7,
    demo: true,
  };

  const record = (record_type, recorded_at, fields) => ({
    record_type,
    recorded_at,
    fields: Object.entries(fields).map(([key, value]) => ({ key, value })),
  });
  const usual = ["ipko", "contractors", "contractual_partners", "state_bodies"];
  const category = (name, records, purposes, legal_bases, recipients, sources, retention) => ({
    category: name,
    records,
    purposes,
    legal_bases,
    recipients,
    sources,
    retention,
  });
  const categories = [
    category(
      "identity_contact",
      [
        record("identity", "2019-06-03T10:12:00Z", {
          first_name: "Vjosa",
          last_name: "Krasniqi",
          personal_number: "1234567895",
          date_of_birth: "1988-04-12",
          address: "Rruga e Provës 12, 10000 Prishtinë",
          email: "vjosa.krasniqi@example.com",
          contact_numbers: "+38349000101, +38344000102",
          customer_since: "2019-06-03",
        }),
      ],
      ["contract", "legal_obligation", "fraud_prevention", "acquisition_of_consents", "surveys", "current_offers"],
      ["contract", "legal_obligation", "consent", "legitimate_interest"],
      usual,
      ["data_subject", "third_parties", "verification_records"],
      ["contract_term", "billing_and_user_documents", "restrict_after_termination"],
    ),
    category(
      "mobile_services",
      [
        record("subscription", "2019-06-03T10:20:00Z", {
          msisdn: "+38349000101",
          tariff_plan: "Demo Smart 20",
          payment_type: "postpaid",
          activated_on: "2019-06-03",
        }),
        record("device", "2024-02-11T15:02:00Z", {
          imei: "356938035643809",
          sim_serial: "8938300000000001234",
          model: "Demo Phone 12",
        }),
        record("invoice", "2026-10-01T06:00:00Z", {
          invoice_number: "DEMO-INV-2026-10-0042",
          billing_period: "2026-09",
          issued_on: "2026-10-01",
          due_on: "2026-10-20",
          amount_eur: "19.90",
          paid: "yes",
        }),
      ],
      ["contract", "legal_obligation", "fraud_prevention", "risk_management", "analyses", "offers_just_for_me"],
      ["contract", "legal_obligation", "consent", "legitimate_interest"],
      usual,
      ["data_subject", "service_use"],
      ["traffic_and_location", "billing_and_user_documents", "contract_term"],
    ),
    category(
      "internet",
      [
        record("internet_subscription", "2021-03-15T09:00:00Z", {
          package: "Demo Fibra 100",
          access_technology: "FTTH",
          installation_address: "Rruga e Provës 12, 10000 Prishtinë",
        }),
        record("ip_address", "2026-11-02T18:44:00Z", {
          ip_address: "203.0.113.24",
          assigned_at: "2026-11-02 19:44",
          released_at: "2026-11-03 07:10",
        }),
      ],
      ["contract", "legal_obligation", "fraud_prevention", "analyses", "offers_just_for_me", "help_us_be_better"],
      ["contract", "legal_obligation", "consent", "legitimate_interest"],
      usual,
      ["data_subject", "service_use"],
      ["traffic_and_location", "contract_term"],
    ),
    category(
      "television",
      [],
      ["contract", "legal_obligation", "fraud_prevention", "analyses", "offers_just_for_me", "help_us_be_better"],
      ["contract", "legal_obligation", "consent", "legitimate_interest"],
      usual,
      ["data_subject", "service_use"],
      ["contract_term", "billing_and_user_documents"],
    ),
    category(
      "fixed_telephony",
      [],
      ["contract", "legal_obligation", "fraud_prevention", "analyses", "offers_just_for_me", "help_us_be_better"],
      ["contract", "legal_obligation", "consent", "legitimate_interest"],
      usual,
      ["data_subject", "service_use"],
      ["contract_term", "billing_and_user_documents"],
    ),
    category(
      "online_purchases",
      [
        record("online_order", "2025-12-18T20:31:00Z", {
          order_number: "DEMO-ORD-88213",
          ordered_at: "2025-12-18 21:31",
          items: "Demo Router AX",
          delivery: "in store",
        }),
      ],
      ["contract", "fraud_prevention", "marketing_analyses", "analyses", "offers_just_for_me", "help_us_be_better"],
      ["contract", "consent", "legitimate_interest"],
      usual,
      ["data_subject", "service_use"],
      ["contract_term", "billing_and_user_documents"],
    ),
    category(
      "complaints_requests",
      [
        record("complaint", "2026-02-09T08:15:00Z", {
          reference: "DEMO-CMP-3301",
          channel: "e-mail",
          received_at: "2026-02-09 09:15",
          topic: "Invoice amount",
          resolved_on: "2026-02-12",
        }),
      ],
      ["contract", "legal_obligation", "surveys"],
      ["contract", "legal_obligation", "legitimate_interest"],
      ["ipko", "contractors", "state_bodies"],
      ["data_subject"],
      ["contract_term", "billing_and_user_documents"],
    ),
    category(
      "call_centre_calls",
      [
        record("call_centre_call", "2026-02-09T08:02:00Z", {
          called_at: "2026-02-09 09:02",
          calling_number: "+38349000101",
          duration_seconds: "312",
          complaint_reference: "DEMO-CMP-3301",
        }),
      ],
      ["contract", "legal_obligation", "surveys"],
      ["contract", "legal_obligation", "legitimate_interest"],
      ["ipko", "contractors", "state_bodies"],
      ["data_subject"],
      ["contract_term", "billing_and_user_documents"],
    ),
    category(
      "network_devices",
      [
        record("network_device", "2021-03-15T09:40:00Z", {
          modem_model: "Demo Gateway 5",
          modem_serial: "DEMO-GW-000042",
          lan_ip: "192.168.1.1",
          wan_mac_address: "02:00:5e:10:00:42",
        }),
      ],
      ["contract", "network_device_data"],
      ["contract", "legitimate_interest"],
      ["ipko", "contractors"],
      ["service_use"],
      ["contract_term"],
    ),
  ];

  // A year of traffic, the same on every run: a small generator instead of Math.random.
  let seed = 42;
  const next = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const kinds = ["call_out", "call_in", "sms_out", "sms_in", "data"];
  const cells = [
    "Prishtinë, Qendra · 40123",
    "Prishtinë, Dardania · 40188",
    "Prizren, Shadërvan · 42017",
    "Pejë · 43090",
  ];
  const traffic = [];
  const firstDay = Date.UTC(2025, 10, 21);
  for (let day = 0; day < 364; day += 1) {
    const count = 2 + next(3);
    for (let i = 0; i < count; i += 1) {
      const kind = kinds[next(kinds.length)];
      const at = new Date(firstDay + day * 86_400_000 + (6 * 3600 + next(17 * 3600)) * 1000);
      const talk = kind === "call_out" || kind === "call_in";
      traffic.push({
        started_at: at.toISOString().replace(".000Z", "Z"),
        kind,
        msisdn: customer.msisdns[next(4) === 0 ? 1 : 0],
        counterpart: kind === "data" ? null : `+3834${4 + next(2) * 5}${String(100000 + next(900000))}`,
        duration_seconds: talk ? 5 + next(900) : null,
        volume_kb: kind === "data" ? 50 + next(250_000) : null,
        cell_location: cells[next(cells.length)],
      });
    }
  }
  traffic.sort((a, b) => a.started_at.localeCompare(b.started_at));

  function consent(purpose, channel, state, recorded_at, method, store_code, notice_version) {
    return { purpose, channel, state, recorded_at, method, store_code, notice_version };
  }

  const description = Object.fromEntries(
    [...vocabulary.consent_purposes, ...vocabulary.objection_purposes].map((p) => [p.id, p.policy_text]),
  );
  const report = {
    report_id: "0193a3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b",
    generated_at: "2026-11-20T09:30:00Z",
    customer,
    categories,
    traffic,
    automated_processing: [
      {
        purpose: "offers_just_for_me",
        uses_traffic_and_location: true,
        applies: true,
        description: description.offers_just_for_me,
      },
      {
        purpose: "offer_in_person_at_home",
        uses_traffic_and_location: true,
        applies: false,
        description: description.offer_in_person_at_home,
      },
      {
        purpose: "help_us_be_better",
        uses_traffic_and_location: true,
        applies: false,
        description: description.help_us_be_better,
      },
      {
        purpose: "fraud_prevention",
        uses_traffic_and_location: true,
        applies: true,
        description: description.fraud_prevention,
      },
      {
        purpose: "marketing_analyses",
        uses_traffic_and_location: false,
        applies: true,
        description: description.marketing_analyses,
      },
      {
        purpose: "risk_management",
        uses_traffic_and_location: false,
        applies: true,
        description: description.risk_management,
      },
    ],
    consents: [
      consent(
        "current_offers",
        "sms_mms",
        "given",
        "2023-05-10T11:00:00Z",
        "in store, clerk assisted, signed",
        "DEMO-PRISHTINA",
        1,
      ),
      consent(
        "current_offers",
        "email",
        "given",
        "2023-05-10T11:00:00Z",
        "in store, clerk assisted, signed",
        "DEMO-PRISHTINA",
        1,
      ),
      consent("current_offers", "email", "withdrawn", "2025-01-22T17:45:00Z", "IPKO app, self-service", null, 2),
      consent("offers_just_for_me", "sms_mms", "given", "2024-09-02T08:30:00Z", "ipko.com, self-service", null, 2),
      consent("help_us_be_better", null, "refused", "2024-09-02T08:31:00Z", "ipko.com, self-service", null, 2),
    ],
    open_requests: [
      {
        reference: "DEMO-PRISHTINA-2026-7K3QZ9",
        kind: "erasure",
        customer_id: customer.customer_id,
        submitted_at: "2026-11-02T10:00:00Z",
        due_at: "2026-12-02T10:00:00Z",
        latest_due_at: "2027-02-02T10:00:00Z",
        state: "in_progress",
        store_code: "DEMO-PRISHTINA",
      },
    ],
    demo: true,
  };

  /** A PDF of `pages` A4 pages drawn with rules only (no fonts, so nothing to fetch), one mark per language. */
  const drawnPdf = (pages, lang) => {
    const marks = { sq: 1, en: 2, sr: 3 }[lang] ?? 1;
    const objects = ["<< /Type /Catalog /Pages 2 0 R >>", ""];
    const kids = [];
    for (let p = 0; p < pages; p += 1) {
      const pageRef = objects.length + 1;
      kids.push(`${pageRef} 0 R`);
      let ops = "0.04 0.31 0.64 rg 42 780 511 30 re f\n0.3 g\n";
      for (let line = 0; line < 30; line += 1) {
        ops += `42 ${740 - line * 20} ${200 + ((line * 37 + p * 11) % 300)} 8 re f\n`;
      }
      for (let m = 0; m < marks; m += 1) {
        ops += `0.7 0.36 0 rg ${500 - m * 20} 60 14 14 re f\n`;
      }
      objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Contents ${pageRef + 1} 0 R >>`);
      objects.push(`<< /Length ${ops.length} >>\nstream\n${ops}endstream`);
    }
    objects[1] = `<< /Type /Pages /Kids [${kids.join(" ")}] /Count ${pages} >>`;
    let out = "%PDF-1.7\n";
    const offsets = [];
    objects.forEach((body, i) => {
      offsets.push(out.length);
      out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    });
    const xref = out.length;
    out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    for (const offset of offsets) {
      out += `${String(offset).padStart(10, "0")} 00000 n \n`;
    }
    out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return new TextEncoder().encode(out).buffer;
  };

  const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0)).buffer;

  const fake = {
    report,
    serveAtSignIn: false,
    failShow: null,
    printFails: null,
    jobStates: ["pending", "processing", "completed"],
    jobMessage: null,
    pdf: null,
    pages: 40,
    /** Rendering takes this long, as Rust's does on a busy counter. */
    renderMs: 150,
    calls: [],
    shown: false,
    jobs: {},
    jobCount: 11,
  };
  window.__fakeReport = fake;

  const session = () => ({ customer: { ...customer }, started_at: new Date().toISOString(), verification: null });

  /** counter.clerk() and counter.serving(): who is signed in, and that a customer is served. */
  const serving = () => {
    if (kiosk.view.state === "locked") {
      return reject("locked", "The screen is locked: sign in again to go on.");
    }
    if (kiosk.view.state !== "signed_in") {
      return reject("not_signed_in", "Nobody is signed in at this counter: sign in first.");
    }
    if (!kiosk.view.customer) {
      return reject("no_customer_session", "Identify the customer first.");
    }
    return null;
  };
  /** counter.report(): the report is kept once show_report has fetched it. */
  const kept = () => serving() ?? (fake.shown ? null : reject("invalid_input", "Open the customer's data first."));
  const later = (ms, value) => new Promise((resolve) => setTimeout(() => resolve(value), ms));
  const day = (iso) =>
    new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/Belgrade",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).format(new Date(iso));
  const validDay = (d) =>
    d === null || d === undefined || (/^\d{4}-\d\d-\d\d$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)));
  const mask = (number) => {
    let left = 3;
    return [...number]
      .reverse()
      .map((c) => (left > 0 && /\d/.test(c) ? ((left -= 1), "•") : c))
      .reverse()
      .join("");
  };
  const langOf = (command, lang) =>
    ["sq", "en", "sr"].includes(lang)
      ? null
      : Promise.reject(
          `invalid args \`lang\` for command \`${command}\`: unknown variant \`${lang}\`, expected one of \`sq\`, \`en\`, \`sr\``,
        );
  const reasons = {
    pending: ["none"],
    held: ["job-hold-until-specified"],
    processing: ["job-printing"],
    completed: ["job-completed-successfully"],
    canceled: ["job-canceled-by-user"],
    failed: ["job-aborted-by-system"],
  };

  const signIn = kiosk.commands.sign_in;
  Object.assign(kiosk.commands, {
    sign_in: (args) => {
      const answer = signIn(args);
      if (fake.serveAtSignIn && kiosk.view.state === "signed_in") {
        fake.serveAtSignIn = false;
        kiosk.view.customer = session();
      }
      return answer;
    },
    vocabulary: () => structuredClone(vocabulary),
    show_report: () => {
      fake.calls.push(["show_report", {}]);
      const refused = serving();
      if (refused) {
        return refused;
      }
      if (kiosk.outage) {
        return reject(
          "central_unreachable",
          "The central API at http://127.0.0.1:8787/ cannot be reached: error sending request (connection refused)",
        );
      }
      if (fake.failShow) {
        const { code, message } = fake.failShow;
        fake.failShow = null;
        return reject(code, message);
      }
      fake.shown = true;
      const { traffic: rows, ...rest } = structuredClone(report);
      return later(100, {
        report_id: rest.report_id,
        generated_at: rest.generated_at,
        // The report is of the customer served (another stand-in may have started the session).
        customer: structuredClone(kiosk.view.customer.customer),
        categories: rest.categories,
        automated_processing: rest.automated_processing,
        consents: rest.consents,
        open_requests: rest.open_requests,
        traffic_rows: rows.length,
        demo: rest.demo,
      });
    },
    traffic_page: ({ from, to, offset, limit, fullNumbers }) => {
      fake.calls.push(["traffic_page", { from, to, offset, limit, fullNumbers }]);
      if (!validDay(from) || !validDay(to)) {
        return Promise.reject("invalid args `from` for command `traffic_page`: input contains invalid characters");
      }
      const refused = kept();
      if (refused) {
        return refused;
      }
      const onDays = report.traffic.filter(
        (r) => (!from || day(r.started_at) >= from) && (!to || day(r.started_at) <= to),
      );
      const rows = onDays.slice(offset, offset + Math.min(Math.max(limit, 1), 500)).map((r) => ({
        ...r,
        counterpart: r.counterpart === null || fullNumbers ? r.counterpart : mask(r.counterpart),
      }));
      return { matching: onDays.length, offset, rows };
    },
    preview_report: ({ lang, fullNumbers }) => {
      fake.calls.push(["preview_report", { lang, fullNumbers }]);
      const refused = langOf("preview_report", lang) ?? kept();
      if (refused) {
        return refused;
      }
      const bytes = fake.pdf?.[lang] ? fromBase64(fake.pdf[lang]) : drawnPdf(fake.pages, lang);
      return later(fake.renderMs, bytes);
    },
    print_report: ({ lang, fullNumbers }) => {
      fake.calls.push(["print_report", { lang, fullNumbers }]);
      const refused = langOf("print_report", lang) ?? kept();
      if (refused) {
        return refused;
      }
      if (fake.printFails) {
        const { code, message } = fake.printFails;
        return later(fake.renderMs).then(() => reject(code, message));
      }
      fake.jobCount += 1;
      const job = { job_id: `KioskPDF-${fake.jobCount}`, printer: "KioskPDF" };
      fake.jobs[job.job_id] = { ...job, states: [...fake.jobStates], message: fake.jobMessage };
      return later(fake.renderMs, job);
    },
    print_job_state: ({ jobId }) => {
      fake.calls.push(["print_job_state", { jobId }]);
      if (!/^[^-\s]+(-[^-\s]+)*-\d+$/.test(String(jobId))) {
        return reject("invalid_job_id", `"${jobId}" is not a print job id (CUPS's ids look like PRINTER-12).`);
      }
      const job = fake.jobs[jobId];
      if (!job) {
        return reject(
          "unknown_print_job",
          `The print service has no job ${jobId}: it may have finished and been removed from its history.`,
        );
      }
      const state = job.states.length > 1 ? job.states.shift() : job.states[0];
      const final = ["completed", "canceled", "failed"].includes(state);
      return {
        job_id: job.job_id,
        printer: job.printer,
        state,
        reasons: reasons[state],
        message: final ? job.message : null,
      };
    },
    end_customer: () => {
      fake.calls.push(["end_customer", {}]);
      if (kiosk.view.state === "signed_in") {
        kiosk.view.customer = null;
      }
      fake.shown = false;
      return null;
    },
  });
})();

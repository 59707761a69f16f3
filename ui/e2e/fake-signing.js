// A stand-in for the signed captures' Rust commands (src-tauri/src/commands/capture.rs and
// customer_display.rs), loaded after fake-report.js (it serves that file's fictional customer). It
// checks what kiosk_core::capture checks — the choices against the policy, the values, the
// requests' fields, the signature (empty; under 20 points or under a quarter of the pad's width of
// ink) — and answers with the same shapes and `{code, message}` refusals, so a screen that sends
// the wrong shape or skips a step fails its test. Saving queues a change and its audit copy (two
// rows) while the demo outage is on, as the real queue does.
//
// Tests steer it through `window.__fakeSigning`: read `saved` (what reached "Rust") and `calls`,
// set `customerKind`, and play the customer's window with `customerSteps(step)` and
// `customerSubmits({choices, signature})`.
(() => {
  const kiosk = window.__fakeKiosk;
  const report = window.__fakeReport;
  const reject = kiosk.reject;
  const fake = { saved: [], calls: [], customerKind: "individual", offer: null, receipts: 0 };
  window.__fakeSigning = fake;

  const words = (id) => id.charAt(0).toUpperCase() + id.slice(1).replace(/_/g, " ");
  const label = (sq, en, sr) => ({ sq, en, sr });
  const extra = {
    correctable_fields: [
      { id: "first_name", label: label("Emri", "First name", "Име") },
      { id: "last_name", label: label("Mbiemri", "Surname", "Презиме") },
      { id: "address", label: label("Adresa", "Address", "Адреса") },
      { id: "email", label: label("E-mail", "E-mail", "Е-пошта") },
      { id: "contact_number", label: label("Numri kontaktues", "Contact number", "Контакт телефон") },
    ],
    access_items: [
      { id: "full_traffic_data", label: label("Të gjitha të dhënat e trafikut", "All traffic data", "Сви подаци о саобраћају") },
      { id: "machine_readable_copy", label: label("Kopje e lexueshme nga kompjuteri", "Machine-readable copy", "Машински читљива копија") },
    ],
    portable_formats: [
      { id: "json", label: label("JSON", "JSON", "JSON") },
      { id: "csv", label: label("CSV", "CSV", "CSV") },
    ],
    // protocol::policy::ConsentState::label and RequestState::label.
    consent_states: [
      { id: "given", label: label("Dhënë", "Given", "Дата") },
      { id: "refused", label: label("Refuzuar", "Refused", "Одбијена") },
      { id: "withdrawn", label: label("Tërhequr", "Withdrawn", "Повучена") },
    ],
    request_states: [
      { id: "received", label: label("E pranuar", "Received", "Примљен") },
      { id: "in_progress", label: label("Në shqyrtim", "In progress", "У обради") },
      { id: "completed", label: label("E përfunduar", "Completed", "Завршен") },
      { id: "refused", label: label("E refuzuar", "Refused", "Одбијен") },
    ],
  };
  /** serde's `deny_unknown_fields` and missing fields: the wrong shape never reaches the checks. */
  const shape = (what, value, required, optional = []) => {
    if (!value || typeof value !== "object" || Array.isArray(value)) return Promise.reject(`invalid args \`${what}\`: invalid type, expected a map`);
    for (const key of Object.keys(value)) {
      if (!required.includes(key) && !optional.includes(key)) {
        return Promise.reject(`invalid args \`${what}\`: unknown field \`${key}\`, expected one of ${[...required, ...optional].join(", ")}`);
      }
    }
    const missing = required.find((key) => !(key in value));
    return missing ? Promise.reject(`invalid args \`${what}\`: missing field \`${missing}\``) : null;
  };
  const PARTICULARS = {
    access: [["items"], ["from", "to"]],
    erasure: [["categories"]],
    restriction: [["categories"]],
    objection: [[]],
    portability: [["formats"]],
    complaint: [["supervisory_authority_explained"]],
    marketing_suspension: [[], ["until"]],
  };
  /** kiosk_core::capture::request::RequestDraft as serde reads it. */
  function requestShape(d) {
    const bad = shape("draft", d, ["kind", "particulars"], ["details", "objection_purpose"]);
    if (bad) return bad;
    const [required, optional] = PARTICULARS[d.particulars?.kind] ?? [null];
    if (!required) return Promise.reject(`invalid args \`draft\`: unknown variant \`${d.particulars?.kind}\``);
    return shape("draft", d.particulars, ["kind", ...required], optional ?? []);
  }
  const vocabularyOf = kiosk.commands.vocabulary;
  const vocabulary = () => ({ ...vocabularyOf(), ...structuredClone(extra) });

  const notices = {
    sq: { title: "Pëlqimi për marketing", text: "IPKO do t'i përdorë të dhënat tuaja personale për marketing direkt vetëm me pëlqimin tuaj. (DEMO)" },
    en: { title: "Consent to marketing", text: "IPKO will use your personal information for direct marketing purposes only upon your consent. (DEMO)" },
    sr: { title: "Сагласност за маркетинг", text: "IPKO ће користити ваше личне податке за директни маркетинг само уз вашу сагласност. (ДЕМО)" },
  };
  const notice = (lang) => ({
    notice_id: "consent-notice",
    version: 3,
    lang,
    ...notices[lang],
    text_sha256: `${lang === "sq" ? "a1" : lang === "en" ? "b2" : "c3"}${"0".repeat(62)}`,
    published_at: "2026-01-15T08:00:00Z",
  });

  /** counter.capture_session(): a clerk, the customer served, their identity checked. */
  const session = () => {
    if (kiosk.view.state === "locked") return reject("locked", "The screen is locked: sign in again to go on.");
    if (kiosk.view.state !== "signed_in") return reject("not_signed_in", "Nobody is signed in at this counter: sign in first.");
    if (!kiosk.view.customer) {
      return reject("no_customer_session", "That customer is not the one being served at this counter: identify the customer first.");
    }
    return null;
  };
  const expressed = { capacity: "themself", name: null };
  const customer = () => ({ ...report.report.customer, kind: fake.customerKind });

  const latest = () => {
    const by = new Map();
    for (const c of report.report.consents) {
      const key = `${c.purpose}/${c.channel}`;
      const seen = by.get(key);
      if (!seen || Date.parse(c.recorded_at) > Date.parse(seen.recorded_at)) by.set(key, c);
    }
    return [...by.values()];
  };

  const refused = (code, message) => reject(code, message);

  // kiosk_core::capture::signature's rule, kept once in fake-customer-display.js (loaded before
  // this one): the clerk's pad and the customer's window are checked alike.
  const checkSignature = (sig) => kiosk.signatureRefusal(sig);

  const purposes = () => vocabularyOf().consent_purposes;
  function checkChoices(choices, current) {
    if (!Array.isArray(choices) || choices.length === 0) {
      return refused("invalid_input", "The consent record has no choice: tick or leave each purpose and channel, then sign.");
    }
    const seen = new Set();
    for (const c of choices) {
      const p = purposes().find((x) => x.id === c.purpose);
      if (!p) return Promise.reject(`invalid args \`draft\`: unknown variant \`${c.purpose}\``);
      const ok = c.channel === null ? p.channels.length === 0 : p.channels.includes(c.channel);
      if (!ok) return refused("invalid_input", `${words(c.purpose)} is not chosen through ${c.channel ?? "the purpose as a whole"}.`);
      const key = `${c.purpose}/${c.channel}`;
      if (seen.has(key)) return refused("invalid_input", `${words(c.purpose)} through ${c.channel} is chosen twice.`);
      seen.add(key);
      if (!["given", "refused", "withdrawn"].includes(c.state)) return Promise.reject(`invalid args \`draft\`: unknown variant \`${c.state}\``);
      // consent::check_choices: the current choices are checked against only when they are known.
      if (current === null) continue;
      const now = current.find((r) => r.purpose === c.purpose && r.channel === c.channel)?.state;
      if (c.state === "withdrawn" && now !== "given") return refused("invalid_input", "There is nothing to withdraw.");
      if (c.state === "refused" && now === "given") return refused("invalid_input", "It is given now: it is withdrawn, not refused.");
    }
    return null;
  }

  const reference = () => `DEMO-PRISHTINA-2026-${Math.random().toString(36).slice(2, 10).toUpperCase().padEnd(8, "7")}`;
  const addMonths = (n) => {
    const d = new Date();
    d.setUTCMonth(d.getUTCMonth() + n);
    return d.toISOString();
  };
  function saveChange(kind, payload, due) {
    const mutation_id = `0193${String(fake.saved.length + 1).padStart(4, "0")}-aaaa-7bbb-8ccc-${Date.now().toString(16).padStart(12, "0").slice(-12)}`;
    kiosk.pending += 2;
    if (!kiosk.outage) kiosk.pending = 0;
    const saved = {
      mutation_id,
      seq: 40 + fake.saved.length,
      kind,
      captured_at: new Date().toISOString(),
      reference: payload.reference ?? payload.record_id,
      verification_code: "7K3Q-Z9AB-C4D2",
      due_at: due ? addMonths(due) : null,
      latest_due_at: due ? addMonths(due === 1 ? 3 : due) : null,
    };
    if (kind === "rights_request_submitted" && payload.kind === "marketing_suspension") {
      const d = new Date(Date.now() + 15 * 86400000).toISOString();
      saved.due_at = d;
      saved.latest_due_at = d;
    }
    fake.saved.push({ ...saved, payload });
    return saved;
  }

  const emailOk = (v) => /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@([A-Za-z0-9-]+\.)+[A-Za-z]{2,}$/.test(v.trim());
  function phone(v) {
    const digits = v.replace(/[\s\-.()/]/g, "");
    let intl = null;
    if (/^\+\d+$/.test(digits)) intl = digits.slice(1);
    else if (/^00\d+$/.test(digits)) intl = digits.slice(2);
    else if (/^0\d{8}$/.test(digits)) intl = `383${digits.slice(1)}`;
    if (intl === null) return null;
    if (intl.startsWith("383")) {
      const n = intl.slice(3);
      return /^[1-9]\d{7}$/.test(n) ? `+383 ${n.slice(0, 2)} ${n.slice(2, 5)} ${n.slice(5)}` : null;
    }
    return intl.length >= 8 && intl.length <= 15 && !intl.startsWith("0") ? `+${intl}` : null;
  }
  function checkCorrection({ field, newValue, reason }) {
    const current = {
      first_name: customer().first_name,
      last_name: customer().last_name,
      address: customer().address,
      email: customer().email ?? null,
      contact_number: "+383 44 000 001",
    };
    if (!(field in current)) return Promise.reject(`invalid args \`field\`: unknown variant \`${field}\``);
    const value = String(newValue ?? "").trim().replace(/\s+/g, " ");
    let normal = value;
    if (field === "email") {
      if (!emailOk(value)) return refused("invalid_email", "That e-mail address has no @.");
      const at = value.lastIndexOf("@");
      normal = value.slice(0, at) + value.slice(at).toLowerCase();
    } else if (field === "contact_number") {
      normal = phone(value);
      if (normal === null) return refused("invalid_phone", "Write the number with its country code (+383 49 123 456) or as at home with a 0 (049 123 456).");
    } else if (field === "address") {
      if (value.length < 5 || value.split(" ").length < 2) return refused("invalid_address", "The address is too short: write the street, the number if there is one, and the place.");
    } else if (!/^[\p{L} '’.-]+$/u.test(value)) {
      return refused("invalid_name", "The name has a character that is not a letter.");
    }
    if (current[field] !== null && current[field].toLowerCase() === normal.toLowerCase()) {
      return refused("unchanged_value", "The new value is the one IPKO holds already: there is nothing to correct.");
    }
    const why = String(reason ?? "").trim();
    if (!why) return refused("reason_required", "Write why the customer asks for the correction.");
    return { field, old_value: current[field], new_value: normal, reason: why };
  }

  const REQUESTABLE = ["access", "erasure", "restriction", "objection", "portability", "complaint", "marketing_suspension"];
  function checkRequest(draft) {
    const wrong = requestShape(draft);
    if (wrong) return wrong;
    const d = draft ?? {};
    const p = d.particulars ?? {};
    if (!REQUESTABLE.includes(d.kind)) return Promise.reject(`invalid args \`draft\`: unknown variant \`${d.kind}\``);
    if (d.kind === "marketing_suspension" && fake.customerKind !== "business") {
      return refused("business_only", "Only a business customer can suspend direct marketing this way; a person withdraws their consent instead.");
    }
    if (p.kind !== d.kind) return refused("invalid_input", "The request's fields belong to another kind of request.");
    if (d.kind === "objection" && !d.objection_purpose) return refused("invalid_input", "Choose the purpose of IPKO's legitimate interest the customer objects to.");
    if (d.kind !== "objection" && d.objection_purpose) return refused("invalid_input", "Only an objection names a purpose objected to.");
    const details = String(d.details ?? "").trim();
    const today = new Date().toISOString().slice(0, 10);
    const dayOk = (x) => x === null || x === undefined || (/^\d{4}-\d\d-\d\d$/.test(x) && !Number.isNaN(Date.parse(x)));
    switch (d.kind) {
      case "access":
        if (!Array.isArray(p.items) || p.items.length === 0) return refused("invalid_input", "Tick what the customer asks to receive.");
        if (!dayOk(p.from) || !dayOk(p.to)) return Promise.reject("invalid args `draft`: input contains invalid characters");
        if ((p.from && p.from > today) || (p.to && p.to > today)) return refused("invalid_input", "The period cannot end after today.");
        break;
      case "erasure":
      case "restriction":
        if (!Array.isArray(p.categories) || p.categories.length === 0) return refused("invalid_input", "Tick the data the request concerns.");
        if (!details) return refused("invalid_input", "Write why the customer asks for it, in their words.");
        break;
      case "objection":
        if (!details) return refused("invalid_input", "Write the customer's grounds for the objection, in their words.");
        break;
      case "portability":
        if (!Array.isArray(p.formats) || p.formats.length === 0) return refused("invalid_input", "Tick the file format(s) the customer wants.");
        break;
      case "complaint":
        if (typeof p.supervisory_authority_explained !== "boolean") return Promise.reject("invalid args `draft`: missing field `supervisory_authority_explained`");
        if (!details) return refused("invalid_input", "Write what the complaint is about, in the customer's words.");
        break;
      case "marketing_suspension":
        if (!dayOk(p.until)) return Promise.reject("invalid args `draft`: input contains invalid characters");
        if (p.until && p.until <= today) return refused("invalid_input", "A temporary suspension ends after today; leave the date empty for a permanent one.");
        break;
    }
    const days = d.kind === "marketing_suspension" ? 15 : null;
    const due = days ? new Date(Date.now() + days * 86400000).toISOString() : addMonths(1);
    return { kind: d.kind, due_at: due, latest_due_at: days ? due : addMonths(3) };
  }

  const call = (name, args) => fake.calls.push([name, args]);
  const settle = (value) => (value && typeof value.then === "function" ? value : null);

  Object.assign(kiosk.commands, {
    vocabulary,
    consent_form: ({ lang }) => {
      call("consent_form", { lang });
      return session() ?? { customer_id: customer().customer_id, customer_kind: fake.customerKind, notice: notice(lang), expressed_by: expressed, current: report.shown ? latest() : null };
    },
    save_consent: ({ draft }) => {
      call("save_consent", { draft });
      const no = session();
      if (no) return no;
      const wrong = shape("draft", draft, ["lang", "notice_id", "notice_version", "notice_sha256", "choices", "signature"]);
      if (wrong) return wrong;
      if (!(draft.lang in notices)) return Promise.reject(`invalid args \`draft\`: unknown variant \`${draft.lang}\`, expected one of \`sq\`, \`en\`, \`sr\``);
      const n = notice(draft.lang);
      if (draft.notice_id !== n.notice_id || draft.notice_version !== n.version || draft.notice_sha256 !== n.text_sha256) {
        return refused("notice_outdated", "The consent notice on the screen is not the current one: open the consent again.");
      }
      const bad = settle(checkChoices(draft.choices, report.shown ? latest() : null)) ?? settle(checkSignature(draft.signature));
      if (bad) return bad;
      return saveChange("consent_recorded", { record_id: `0193c0de-0000-7000-8000-${String(fake.saved.length).padStart(12, "0")}`, ...draft }, null);
    },
    correction_form: () => {
      call("correction_form", {});
      return (
        session() ?? {
          customer_id: customer().customer_id,
          record_version: 4,
          fields: ["first_name", "last_name", "address", "email", "contact_number"].map((field) => ({
            field,
            current: field === "contact_number" ? "+383 44 000 001" : (customer()[field] ?? null),
          })),
          expressed_by: expressed,
        }
      );
    },
    check_correction: (args) => {
      call("check_correction", args);
      return session() ?? checkCorrection(args);
    },
    save_correction: (args) => {
      call("save_correction", args);
      const checked = session() ?? checkCorrection(args);
      if (checked && typeof checked.then === "function") return checked;
      const bad = settle(checkSignature(args.signature));
      if (bad) return bad;
      return saveChange("correction_requested", { reference: reference(), ...checked, base_record_version: 4 }, 1);
    },
    rights_request_form: () => {
      call("rights_request_form", {});
      return (
        session() ?? {
          customer_id: customer().customer_id,
          customer_kind: fake.customerKind,
          kinds: REQUESTABLE.map((kind) => {
            const available = kind !== "marketing_suspension" || fake.customerKind === "business";
            const checked = kind === "marketing_suspension" ? new Date(Date.now() + 15 * 86400000).toISOString() : addMonths(1);
            return {
              kind,
              available,
              unavailable: available ? null : "Only a business customer can suspend direct marketing this way.",
              due_at: checked,
              latest_due_at: kind === "marketing_suspension" ? checked : addMonths(3),
            };
          }),
          supervisory_authority: "Information and Privacy Agency (Agjencia për Informim dhe Privatësi), Republic of Kosovo",
          complaints_email: "dpo@ipko.com",
          expressed_by: expressed,
        }
      );
    },
    check_rights_request: ({ draft }) => {
      call("check_rights_request", { draft });
      return session() ?? checkRequest(draft);
    },
    save_rights_request: ({ draft, signature }) => {
      call("save_rights_request", { draft, signature });
      const checked = session() ?? checkRequest(draft);
      if (checked && typeof checked.then === "function") return checked;
      const bad = settle(checkSignature(signature));
      if (bad) return bad;
      return saveChange("rights_request_submitted", { reference: reference(), ...draft }, 1);
    },
    print_receipt: ({ mutationId, lang }) => {
      call("print_receipt", { mutationId, lang });
      const no = session();
      if (no) return no;
      if (!fake.saved.some((s) => s.mutation_id === mutationId)) {
        return reject("invalid_input", "That change was not captured for the customer being served.");
      }
      fake.receipts += 1;
      const job = { job_id: `KioskPDF-${100 + fake.receipts}`, printer: "KioskPDF" };
      report.jobs[job.job_id] = { ...job, states: ["processing", "completed"], message: null };
      return job;
    },
    open_customer_display: () => {
      call("open_customer_display", {});
      return { opened: true, second_monitor: true };
    },
    offer_to_customer: ({ offer }) => {
      call("offer_to_customer", { offer });
      const no = session();
      if (no) return no;
      fake.offer = { offer_id: `0193beef-0000-7000-8000-00000000000${fake.calls.length % 10}`, offer, step: "reading", submission: null };
      // Kiosk::announce_offer: the clerk's window hears the step of the offer now shown.
      kiosk.emit("customer-display-progress", { offer_id: fake.offer.offer_id, step: "reading" });
      return { offer_id: fake.offer.offer_id };
    },
    customer_display_result: ({ offerId }) => {
      call("customer_display_result", { offerId });
      const o = fake.offer;
      if (!o || o.offer_id !== offerId) return { step: "withdrawn", submission: null };
      return { step: o.step, submission: o.submission };
    },
    withdraw_offer: () => {
      call("withdraw_offer", {});
      gone();
      return null;
    },
  });
  /** The offer leaves the customer's window: the clerk's window hears "withdrawn". */
  const gone = () => {
    if (fake.offer) kiosk.emit("customer-display-progress", { offer_id: fake.offer.offer_id, step: "withdrawn" });
    fake.offer = null;
  };
  /** What the customer's window does (customer_display_progress / _submit), as the tests play it. */
  fake.customerSteps = (step) => {
    fake.offer.step = step;
    kiosk.emit("customer-display-progress", { offer_id: fake.offer.offer_id, step });
  };
  fake.customerSubmits = (submission) => {
    const bad = checkSignature(submission.signature);
    if (bad) return bad;
    fake.offer.submission = submission;
    fake.customerSteps("submitted");
    return null;
  };
  const endCustomer = kiosk.commands.end_customer;
  kiosk.commands.end_customer = (args) => {
    gone();
    return endCustomer(args);
  };
})();

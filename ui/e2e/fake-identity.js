// A stand-in for the identity commands of src-tauri/src/commands/identity.rs (check_zone,
// check_typed_document, search_customer, confirm_identity, end_customer) and the demo's
// demo_documents, loaded after fake-kiosk.js. It reads zones and typed documents with the checks of
// kiosk_core::idcheck (ported here: check digits, dates, OCR confusables, personal numbers) and
// answers in the shapes Rust serialises (DocumentStep, MrzReport, Candidate, IdentityVerified), with
// Rust's messages. Everyone in it is fictional (the demo data set's people).
(() => {
  const kiosk = window.__fakeKiosk;
  const reject = kiosk.reject;

  // ---- Dates, as kiosk_core::time and idcheck::dates have them (`YYYY-MM-DD`).
  const iso = (d) => d.toISOString().slice(0, 10);
  const today = () => iso(new Date());
  const parseIso = (s) => new Date(`${s}T00:00:00Z`);
  const addMonths = (s, months) => {
    const d = parseIso(s);
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + months);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
    return iso(d);
  };
  const addDays = (s, days) => iso(new Date(parseIso(s).getTime() + days * 86400000));
  const yymmdd = (s) => s.slice(2, 4) + s.slice(5, 7) + s.slice(8, 10);
  const validDate = (y, m, d) => {
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d ? iso(t) : null;
  };
  const split = (raw) =>
    /^\d{6}$/.test(raw) ? [Number(raw.slice(0, 2)), Number(raw.slice(2, 4)), Number(raw.slice(4, 6))] : null;
  const birthDate = (raw, now) => {
    const p = split(raw);
    if (!p) return null;
    const year = Number(now.slice(0, 4));
    const century = year - (year % 100);
    for (const c of [century, century - 100]) {
      const d = validDate(c + p[0], p[1], p[2]);
      if (d && d <= now) return d;
    }
    return null;
  };
  const expiryDate = (raw, now) => {
    const p = split(raw);
    if (!p) return null;
    const year = Number(now.slice(0, 4));
    const century = year - (year % 100);
    const y = [century - 100, century, century + 100].map((c) => c + p[0]).find((y) => y >= year - 50 && y < year + 50);
    return y === undefined ? null : validDate(y, p[1], p[2]);
  };
  const ageOn = (born, now) => {
    let age = Number(now.slice(0, 4)) - Number(born.slice(0, 4));
    if (now.slice(5) < born.slice(5)) age -= 1;
    return Math.max(0, age);
  };

  // ---- ICAO 9303 check digits and Kosovo personal numbers.
  const value = (c) => (c >= "0" && c <= "9" ? c.charCodeAt(0) - 48 : c >= "A" && c <= "Z" ? c.charCodeAt(0) - 55 : 0);
  const checkDigit = (data) => String([...data].reduce((sum, c, i) => sum + value(c) * [7, 3, 1][i % 3], 0) % 10);
  const pnCheck = (nine) => {
    const sum = [...nine].reduce((s, c, i) => s + Number(c) * [4, 3, 2, 7, 6, 5, 4, 3, 2][i], 0);
    const check = (11 - (sum % 11)) % 11;
    return check < 10 ? String(check) : null;
  };
  const pn = (nine) => nine + pnCheck(nine);
  const pad = (s, width) => (s + "<".repeat(width)).slice(0, width);
  const digitForLetter = (c) => ({ O: "0", Q: "0", D: "0", I: "1", L: "1", B: "8", S: "5", Z: "2", G: "6" })[c] ?? null;
  const letterForDigit = (c) => ({ 0: "O", 1: "I", 8: "B", 5: "S", 2: "Z", 6: "G" })[c] ?? null;

  // ---- Names in ICAO form (protocol::identity::transliterate, the part the fictional people need).
  const toIcao = (name) =>
    name
      .replace(/đ/g, "dj")
      .replace(/Đ/g, "DJ")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toUpperCase()
      .replace(/[^A-Z]+/g, " ")
      .trim();
  const zoneName = (s) => toIcao(s).split(" ").filter(Boolean).join("<");

  const idCardZone = (person, number, expires) => {
    const line1 = `IDRKS${number}${checkDigit(number)}${pad(person.personal_number, 15)}`;
    const dob = yymmdd(person.date_of_birth);
    const exp = yymmdd(expires);
    let line2 = `${dob}${checkDigit(dob)}<${exp}${checkDigit(exp)}RKS${pad("", 11)}`;
    line2 += checkDigit(line1.slice(5, 30) + line2.slice(0, 7) + line2.slice(8, 15) + line2.slice(18, 29));
    const line3 = pad(`${zoneName(person.last_name)}<<${zoneName(person.first_name)}`, 30);
    return `${line1}\n${line2}\n${line3}`;
  };

  const passportZone = (person, state, number, sex, expires) => {
    const line1 = pad(`P<${state}${zoneName(person.last_name)}<<${zoneName(person.first_name)}`, 44);
    const dob = yymmdd(person.date_of_birth);
    const exp = yymmdd(expires);
    const optional = pad("", 14);
    let line2 = `${number}${checkDigit(number)}${state}${dob}${checkDigit(dob)}${sex}${exp}${checkDigit(exp)}${optional}${checkDigit(optional)}`;
    line2 += checkDigit(line2.slice(0, 10) + line2.slice(13, 20) + line2.slice(21, 43));
    return `${line1}\n${line2}`;
  };

  // ---- The fictional customers (central-api's demo data set: its names, cases and shapes).
  const now = today();
  const minorBorn = addDays(addMonths(now, -14 * 12), -150);
  const summary = (fields) => ({
    customer_no: "",
    kind: "individual",
    personal_number: null,
    date_of_birth: null,
    nationality: "RKS",
    identity_document: null,
    business_name: null,
    business_number: null,
    address: "",
    email: null,
    msisdns: [],
    representatives: [],
    record_version: 1,
    demo: true,
    ...fields,
  });
  const customers = [
    summary({
      customer_id: "C-000001",
      customer_no: "512340001",
      first_name: "Arbër",
      last_name: "Zeqiri",
      personal_number: pn("123456789"),
      date_of_birth: "1988-09-03",
      address: "Rruga e Burimit 7, 10000 Prishtinë",
      email: "arber.zeqiri@example.com",
      msisdns: ["+38344100201"],
    }),
    summary({
      customer_id: "C-000002",
      customer_no: "512340002",
      first_name: "Qëndresa",
      last_name: "Dërmaku-Çitaku",
      personal_number: pn("120775312"),
      date_of_birth: "1992-02-17",
      address: "Rruga e Blirëve 22, 30000 Pejë",
      msisdns: ["+38349100202"],
    }),
    summary({
      customer_id: "C-000005",
      customer_no: "512340005",
      kind: "business",
      first_name: "Besnik",
      last_name: "Hoxha",
      nationality: null,
      business_name: "Lumi Logjistikë SH.P.K.",
      business_number: "810000555",
      address: "Rruga e Mullirit 45, 70000 Ferizaj",
      msisdns: ["+38344100205"],
      representatives: [
        {
          capacity: "business_representative",
          first_name: "Besnik",
          last_name: "Hoxha",
          personal_number: pn("122093004"),
          authorisation_reference: "Business register (ARBK) extract: owner and authorised person",
        },
        {
          capacity: "business_representative",
          first_name: "Drenusha",
          last_name: "Rexhepi",
          personal_number: pn("125530177"),
          authorisation_reference: "Power of attorney 117/2024 issued by Besnik Hoxha",
        },
      ],
    }),
    summary({
      customer_id: "C-000006",
      customer_no: "512340006",
      first_name: "Rina",
      last_name: "Morina",
      personal_number: pn("126607420"),
      date_of_birth: minorBorn,
      address: "Rruga e Qershive 31, 10000 Prishtinë",
      msisdns: ["+38345100206"],
      representatives: [
        {
          capacity: "guardian",
          first_name: "Valbona",
          last_name: "Morina",
          personal_number: pn("124118503"),
          authorisation_reference: `Birth certificate, Civil Registry Office Prishtinë, entry 1187/${minorBorn.slice(0, 4)} (mother)`,
        },
      ],
    }),
    summary({
      customer_id: "C-000007",
      customer_no: "512340007",
      first_name: "Katharina",
      last_name: "Brenninger",
      date_of_birth: "1984-07-21",
      nationality: "DEU",
      identity_document: { document_type: "passport", issuing_state: "DEU", number: "C4FJ1R7T9" },
      address: "Rruga e Arrave 3, 10000 Prishtinë",
      email: "katharina.brenninger@example.org",
      msisdns: ["+38344100207"],
    }),
    summary({
      customer_id: "C-000008",
      customer_no: "512340008",
      first_name: "Fatos",
      last_name: "Haliti",
      // Its last digit breaks the mod-11 rule: the document gets the warning, never a refusal.
      personal_number: `${"119034471"}${(Number(pnCheck("119034471")) + 1) % 10}`,
      date_of_birth: "1969-03-14",
      address: "Rruga e Vreshtave 58, 60000 Gjilan",
      msisdns: ["+38344100208"],
    }),
    summary({
      customer_id: "C-000009",
      customer_no: "512340009",
      first_name: "Mimoza",
      last_name: "Kastrati",
      personal_number: pn("121201093"),
      date_of_birth: "1990-12-01",
      address: "Rruga e Ujëvarës 12, 50000 Gjakovë",
      record_version: 4,
      msisdns: ["+38344100209"],
    }),
  ];
  const byId = (id) => customers.find((c) => c.customer_id === id);
  // kiosk_core::demo::documents_to_try: in the customers' order, each adult's card, the foreign
  // customer's passport, the guardian's card for the minor, the first representative's card for the
  // business; `display_name` is whose document it is. Representatives' cards carry an invented
  // birth date (the record keeps none).
  const expires = addDays(now, 3 * 365);
  const card = (person, n, letter = "P") => idCardZone(person, `${letter}${String(n).padStart(8, "0")}`, expires);
  const besnik = { ...byId("C-000005").representatives[0], date_of_birth: "1979-03-05" };
  const guardian = { ...byId("C-000006").representatives[0], date_of_birth: "1979-03-06" };
  const doc = (customerId, holder, documentType, kase, zone) => ({
    customer_id: customerId,
    display_name: `${holder.first_name} ${holder.last_name}`,
    document_type: documentType,
    case: kase,
    zone,
  });
  const documents = [
    doc("C-000001", byId("C-000001"), "id_card", "adult", card(byId("C-000001"), 1)),
    doc("C-000002", byId("C-000002"), "id_card", "adult", card(byId("C-000002"), 2)),
    doc("C-000005", besnik, "id_card", "business", card(besnik, 5, "R")),
    doc("C-000006", guardian, "id_card", "minor_with_guardian", card(guardian, 6, "R")),
    doc(
      "C-000007",
      byId("C-000007"),
      "passport",
      "foreign_passport",
      passportZone(byId("C-000007"), "DEU", "C4FJ1R7T9", "<", expires),
    ),
    doc("C-000008", byId("C-000008"), "id_card", "adult", card(byId("C-000008"), 8)),
    doc("C-000009", byId("C-000009"), "id_card", "adult", card(byId("C-000009"), 9)),
  ];

  // ---- kiosk_core::idcheck: errors and warnings as they serialise ({code, message, field?, position?}).
  const LABELS = {
    document_code: "document code",
    document_type: "document type",
    issuing_state: "issuing state",
    document_number: "document number",
    optional_data: "optional data (personal number)",
    date_of_birth: "date of birth",
    sex: "sex",
    expiry_date: "expiry date",
    issue_date: "issue date",
    nationality: "nationality",
    personal_number: "personal number",
    surname: "surname",
    given_names: "given names",
    composite: "whole zone (composite check)",
  };
  const RESCAN =
    "scan the document again; if it fails again, type the data by hand from the printed page, or ask for another document";
  const RESCAN_CAP =
    "Scan the document again; if it fails again, type the data by hand from the printed page, or ask for another document";
  const at = (p) => `line ${p.line}, character ${p.column}`;
  const finding = (code, message, field, position) => ({
    code,
    message,
    ...(field ? { field } : {}),
    ...(position ? { position } : {}),
  });
  const E = {
    misread: (field, position, found, probably) =>
      finding(
        "likely_misread",
        `The ${LABELS[field]} has '${found}' at ${at(position)}, which is probably a misread '${probably}': ${RESCAN}.`,
        field,
        position,
      ),
    checkDigit: (field, position, expected, found) =>
      finding(
        "check_digit_failed",
        `The check digit of the ${LABELS[field]} (${at(position)}) is '${found}' but the ${LABELS[field]} gives '${expected}': the zone was misread or altered. ${RESCAN_CAP}.`,
        field,
        position,
      ),
    composite: (position, expected, found) =>
      finding(
        "composite_check_failed",
        `The final check digit over the whole zone (${at(position)}) is '${found}' but the zone gives '${expected}': part of the zone was misread or altered. ${RESCAN_CAP}.`,
        "composite",
        position,
      ),
    invalidDate: (field, raw) =>
      finding("invalid_date", `The ${LABELS[field]} "${raw}" is not a date: ${RESCAN}.`, field),
    expired: (d) =>
      finding(
        "document_expired",
        `The document expired on ${d}: it cannot be used to identify the customer. Ask for another, valid document.`,
        "expiry_date",
      ),
    notYetValid: (d) =>
      finding(
        "document_not_yet_valid",
        `The document is valid only from ${d}: it cannot be used yet. Check the typed issue date, or ask for another document.`,
        "expiry_date",
      ),
    implausible: (d) =>
      finding(
        "expiry_implausible",
        `The expiry date ${d} is more than 11 years ahead, longer than any document is valid: the date was misread or mistyped. ${RESCAN_CAP}.`,
        "expiry_date",
      ),
    future: (d) =>
      finding(
        "birth_date_in_future",
        `The date of birth ${d} lies in the future: check the typed date of birth.`,
        "date_of_birth",
      ),
    sex: (position, found) =>
      finding(
        "invalid_sex",
        `The sex '${found}' at ${at(position)} is none of M, F, X or <: ${RESCAN}.`,
        "sex",
        position,
      ),
    country: (field, code) =>
      finding(
        "unknown_country_code",
        `The ${LABELS[field]} code "${code}" is not a country or organisation code of ICAO 9303: ${RESCAN}.`,
        field,
      ),
    unsupported: (code) =>
      finding(
        "unsupported_document",
        `The document code "${code}" is not an ID card, passport or residence permit (visas and other documents do not identify a customer): ask for an ID card, passport or residence permit.`,
        "document_code",
      ),
    missing: (field) => finding("missing_field", `The ${LABELS[field]} is missing: type it from the document.`, field),
    personalNumber: (reason) =>
      finding(
        "invalid_personal_number",
        `The personal number ${reason}: a Kosovo personal number has exactly 10 digits. Type it again from the document.`,
        "personal_number",
      ),
    documentNumber: (reason) =>
      finding(
        "invalid_document_number",
        `The document number ${reason}: type it again exactly as printed on the document.`,
        "document_number",
      ),
    name: (field, reason) =>
      finding("invalid_name", `The ${LABELS[field]} ${reason}: type it again as printed on the document.`, field),
  };
  const Warn = {
    pnCheck: () =>
      finding(
        "personal_number_check_digit",
        "The personal number's last digit does not follow the usual mod-11 rule. The rule is not confirmed by an official text, so this does not refuse the number: compare the number with the document and continue.",
        "personal_number",
      ),
    truncated: (field) =>
      finding(
        "name_truncated",
        `The ${LABELS[field]} fills its whole space in the zone and may be cut short: compare it with the printed name.`,
        field,
      ),
    specimen: (field, code) =>
      finding(
        "specimen_document",
        `The ${LABELS[field]} code ${code} is an ICAO specimen code: this is a specimen or test document, not a real one.`,
        field,
      ),
    partialBirth: (raw) =>
      finding(
        "partial_birth_date",
        `The date of birth is only partly known on the document (${raw}): compare it with the record by hand.`,
        "date_of_birth",
      ),
    normalised: (what) => finding("input_normalised", `The scanner input was tidied before reading: ${what}.`),
  };
  const KNOWN = new Set([
    "RKS",
    "XXK",
    "UNK",
    "D",
    "DEU",
    "ALB",
    "SRB",
    "MKD",
    "MNE",
    "ITA",
    "CHE",
    "AUT",
    "FRA",
    "GBR",
    "USA",
    "TUR",
    "HRV",
    "SVN",
    "BIH",
  ]);
  const SPECIMEN = new Set(["UTO", "ZZZ"]);
  const classify = (raw) => {
    const code = raw.replace(/<+$/, "");
    return SPECIMEN.has(code) ? "specimen" : KNOWN.has(code) ? "known" : null;
  };
  const checkPersonalNumber = (input) => {
    const number = input.replace(/[\s.-]/g, "");
    if (number === "") return { error: E.personalNumber("is empty") };
    const bad = [...number].findIndex((c) => !/\d/.test(c));
    if (bad >= 0)
      return { error: E.personalNumber(`has '${number[bad]}' at character ${bad + 1}, where only digits belong`) };
    if (number.length !== 10) return { error: E.personalNumber(`has ${number.length} digits`) };
    return { number, warnings: pnCheck(number.slice(0, 9)) === number[9] ? [] : [Warn.pnCheck()] };
  };
  const expiryChecks = (expiry, now) => {
    if (expiry < now) return [E.expired(expiry)];
    if (expiry > addMonths(now, 11 * 12)) return [E.implausible(expiry)];
    return [];
  };

  /** kiosk_core::idcheck::mrz::parse_mrz_with: throws the refusals, returns the MrzReport. */
  const parseZone = (input, now) => {
    let spaces = 0;
    let lowered = 0;
    let lines = [];
    for (const raw of input.split(/[\r\n]/)) {
      let line = "";
      for (const c of raw) {
        if (/\s/.test(c) || c === "\ufeff") spaces += 1;
        else if (c >= "a" && c <= "z") {
          lowered += 1;
          line += c.toUpperCase();
        } else line += c;
      }
      if (line) lines.push(line);
    }
    if (lines.length === 0) {
      throw {
        code: "mrz_empty",
        message: "Nothing was read from the scanner: scan the document again or type its data by hand.",
      };
    }
    const layouts = [
      [3, 30],
      [2, 36],
      [2, 44],
    ];
    if (lines.length === 1) {
      const fit = layouts.find(([n, w]) => n * w === lines[0].length);
      if (fit) lines = Array.from({ length: fit[0] }, (_, i) => lines[0].slice(i * fit[1], (i + 1) * fit[1]));
    }
    lines.forEach((line, l) => {
      [...line].forEach((ch, c) => {
        if (!/[A-Z0-9<]/.test(ch)) {
          throw {
            code: "mrz_invalid_character",
            message: `The character '${ch}' at line ${l + 1}, character ${c + 1} cannot appear in a machine-readable zone: scan the document again, or type its data by hand.`,
          };
        }
      });
    });
    if (!layouts.some(([n, w]) => lines.length === n && lines.every((x) => x.length === w))) {
      throw {
        code: "mrz_layout",
        message: `The scanned text is not a machine-readable zone (${lines.length} line(s) of ${lines.map((x) => x.length).join(", ")} characters); an ID card has 3 lines of 30 characters, a passport 2 of 44, other documents 2 of 36: scan the document again, or type its data by hand.`,
      };
    }
    const errors = [];
    const warnings = [];
    const what = [];
    if (spaces) what.push(`removed ${spaces} space(s)`);
    if (lowered) what.push(`turned ${lowered} lower-case letter(s) into capitals`);
    if (what.length) warnings.push(Warn.normalised(what.join(", ")));
    const checks = [];
    const pos = (line, col) => ({ line: line + 1, column: col + 1 });
    const text = (line, start, len) => lines[line].slice(start, start + len);
    const charAt = (line, col) => lines[line][col] ?? "<";
    const trim = (s) => s.replace(/<+$/, "");
    const verify = (field, data, line, col) => {
      const found = charAt(line, col);
      const expected = checkDigit(data);
      const passed = found === expected || (found === "<" && expected === "0");
      const position = pos(line, col);
      checks.push({ field, position, expected, found, passed });
      if (!passed) {
        const probably = digitForLetter(found);
        errors.push(
          probably
            ? E.misread(field, position, found, probably)
            : field === "composite"
              ? E.composite(position, expected, found)
              : E.checkDigit(field, position, expected, found),
        );
      }
    };
    const digitsOnly = (field, line, start, len) => {
      let ok = true;
      for (let col = start; col < start + len; col++) {
        const c = charAt(line, col);
        if (/\d/.test(c)) continue;
        ok = false;
        const probably = digitForLetter(c);
        if (probably) errors.push(E.misread(field, pos(line, col), c, probably));
      }
      return ok;
    };
    const lettersOnly = (field, line, start, len) => {
      let ok = true;
      for (let col = start; col < start + len; col++) {
        const c = charAt(line, col);
        if (!/\d/.test(c)) continue;
        ok = false;
        const probably = letterForDigit(c);
        if (probably) errors.push(E.misread(field, pos(line, col), c, probably));
        else if (field === "surname" || field === "given_names")
          errors.push(E.name(field, `has the digit '${c}' at ${at(pos(line, col))}`));
        else errors.push(E.country(field, text(line, start, len)));
      }
      return ok;
    };
    const documentCode = () => {
      const raw = text(0, 0, 2);
      lettersOnly("document_code", 0, 0, 2);
      const [first, second] = raw;
      let kind = null;
      if (first === "P") kind = "passport";
      else if ("IAC".includes(first) && second === "R") kind = "residence_permit";
      else if ("IAC".includes(first)) kind = "id_card";
      if (kind === null && !/\d/.test(first)) errors.push(E.unsupported(trim(raw)));
      return [trim(raw), kind];
    };
    const country = (field, line, start) => {
      const raw = text(line, start, 3);
      if (!lettersOnly(field, line, start, 3)) return trim(raw);
      const kind = classify(raw);
      if (kind === null) errors.push(E.country(field, trim(raw)));
      if (kind === "specimen") warnings.push(Warn.specimen(field, trim(raw)));
      return trim(raw);
    };
    const date = (field, line, start) => {
      const raw = text(line, start, 6);
      if (field === "date_of_birth" && raw.includes("<") && /^[\d<]+$/.test(raw)) {
        warnings.push(Warn.partialBirth(raw));
        return null;
      }
      if (!digitsOnly(field, line, start, 6)) {
        if (!errors.some((e) => e.code === "likely_misread" && e.field === field))
          errors.push(E.invalidDate(field, raw));
        return null;
      }
      const d = field === "date_of_birth" ? birthDate(raw, now) : expiryDate(raw, now);
      if (d === null) errors.push(E.invalidDate(field, raw));
      return d;
    };
    const sex = (line, col) => {
      const c = charAt(line, col);
      if ("MFX<".includes(c)) return c;
      errors.push(E.sex(pos(line, col), c));
      return null;
    };
    const name = (line, start, len) => {
      const raw = text(line, start, len);
      const cut = raw.indexOf("<<");
      const surnameRaw = cut >= 0 ? raw.slice(0, cut) : raw;
      const givenRaw = cut >= 0 ? raw.slice(cut + 2) : "";
      lettersOnly("surname", line, start, surnameRaw.length);
      lettersOnly("given_names", line, start + surnameRaw.length, len - surnameRaw.length);
      const words = (s) => s.split("<").filter(Boolean).join(" ");
      const surname = words(surnameRaw);
      const given = words(givenRaw);
      const truncated = !raw.endsWith("<");
      if (truncated) warnings.push(Warn.truncated(given ? "given_names" : "surname"));
      if (!surname) errors.push(E.name("surname", "is empty in the zone"));
      return [surname, given, truncated];
    };
    const personal = (state, optional) => {
      if (state !== "RKS") return null;
      const candidate = optional.find((o) => /^\d{10}$/.test(o));
      if (!candidate) return null;
      const r = checkPersonalNumber(candidate);
      if (r.error) {
        errors.push(r.error);
        return null;
      }
      warnings.push(...r.warnings);
      return r.number;
    };
    const format = lines.length === 3 ? "td1" : lines[0].length === 36 ? "td2" : "td3";
    let doc;
    if (format === "td1") {
      const [code, type] = documentCode();
      const state = country("issuing_state", 0, 2);
      const number = trim(text(0, 5, 9));
      verify("document_number", text(0, 5, 9), 0, 14);
      const optional1 = trim(text(0, 15, 15));
      if (!number) errors.push(E.missing("document_number"));
      const born = date("date_of_birth", 1, 0);
      verify("date_of_birth", text(1, 0, 6), 1, 6);
      const s = sex(1, 7);
      const expires = date("expiry_date", 1, 8);
      verify("expiry_date", text(1, 8, 6), 1, 14);
      const nationality = country("nationality", 1, 15);
      const optional2 = trim(text(1, 18, 11));
      verify("composite", text(0, 5, 25) + text(1, 0, 7) + text(1, 8, 7) + text(1, 18, 11), 1, 29);
      const [surname, given, truncated] = name(2, 0, 30);
      if (expires) errors.push(...expiryChecks(expires, now));
      const optional = [optional1, optional2].filter(Boolean);
      doc = { code, type, state, number, optional, born, sex: s, expires, nationality, surname, given, truncated };
      doc.personal = personal(state, optional);
    } else {
      const width = format === "td3" ? 44 : 36;
      const [code, type] = documentCode();
      const state = country("issuing_state", 0, 2);
      const [surname, given, truncated] = name(0, 5, width - 5);
      const number = trim(text(1, 0, 9));
      verify("document_number", text(1, 0, 9), 1, 9);
      let optionalRaw;
      if (format === "td3") {
        optionalRaw = text(1, 28, 14);
        verify("optional_data", optionalRaw, 1, 42);
      } else {
        optionalRaw = text(1, 28, 7);
      }
      if (!number) errors.push(E.missing("document_number"));
      const nationality = country("nationality", 1, 10);
      const born = date("date_of_birth", 1, 13);
      verify("date_of_birth", text(1, 13, 6), 1, 19);
      const s = sex(1, 20);
      const expires = date("expiry_date", 1, 21);
      verify("expiry_date", text(1, 21, 6), 1, 27);
      verify("composite", text(1, 0, 10) + text(1, 13, 7) + text(1, 21, width - 22), 1, width - 1);
      if (expires) errors.push(...expiryChecks(expires, now));
      const optional = [trim(optionalRaw)].filter(Boolean);
      doc = { code, type, state, number, optional, born, sex: s, expires, nationality, surname, given, truncated };
      doc.personal = personal(state, optional);
    }
    return {
      format,
      valid: errors.length === 0,
      document: {
        document_code: doc.code,
        document_type: doc.type,
        issuing_state: doc.state,
        document_number: doc.number,
        optional_data: doc.optional,
        personal_number: doc.personal,
        date_of_birth: doc.born,
        sex: doc.sex,
        expiry_date: doc.expires,
        nationality: doc.nationality,
        surname: doc.surname,
        given_names: doc.given,
        name_truncated: doc.truncated,
      },
      checks,
      errors,
      warnings,
    };
  };

  /** MrzReport::to_checked. */
  const toChecked = (r) => ({
    data: {
      document_type: r.document.document_type ?? "id_card",
      issuing_state: r.document.issuing_state,
      document_number: r.document.document_number,
      expires_on: r.document.expiry_date,
      personal_number: r.document.personal_number,
      surname: r.document.surname,
      given_names: r.document.given_names,
      date_of_birth: r.document.date_of_birth,
      nationality: r.document.nationality || null,
      method: "scanned",
    },
    errors: r.errors,
    warnings: r.warnings,
  });

  /** kiosk_core::idcheck::manual::check_manual. */
  const checkManual = (entry, now) => {
    const errors = [];
    const warnings = [];
    const code = (raw) => raw.replace(/\s/g, "").toUpperCase();
    const checkCode = (field, c) => {
      if (!c) return errors.push(E.missing(field));
      const kind = classify(c);
      if (kind === null) errors.push(E.country(field, c));
      if (kind === "specimen") warnings.push(Warn.specimen(field, c));
    };
    const state = code(entry.issuing_state);
    checkCode("issuing_state", state);
    const nationality = entry.nationality ? code(entry.nationality) || null : null;
    if (nationality) checkCode("nationality", nationality);
    const number = entry.document_number.replace(/[\s-]/g, "").toUpperCase();
    if (!number) errors.push(E.missing("document_number"));
    else if (/[^A-Z0-9]/.test(number))
      errors.push(
        E.documentNumber(`has '${number.match(/[^A-Z0-9]/)[0]}', but only letters A–Z and digits belong in it`),
      );
    else if (number.length > 20)
      errors.push(E.documentNumber(`has ${number.length} characters, more than any document's`));
    if (entry.expires_on === null) errors.push(E.missing("expiry_date"));
    else errors.push(...expiryChecks(entry.expires_on, now));
    if (entry.issued_on !== null && entry.issued_on > now) errors.push(E.notYetValid(entry.issued_on));
    if (entry.date_of_birth === null) errors.push(E.missing("date_of_birth"));
    else if (entry.date_of_birth > now) errors.push(E.future(entry.date_of_birth));
    let personal = null;
    if (entry.personal_number !== null && entry.personal_number.trim() !== "") {
      const r = checkPersonalNumber(entry.personal_number);
      if (r.error) errors.push(r.error);
      else {
        personal = r.number;
        warnings.push(...r.warnings);
      }
    }
    if (personal === null && state === "RKS" && entry.personal_number === null)
      errors.push(E.missing("personal_number"));
    const surname = toIcao(entry.surname);
    if (!surname) errors.push(E.missing("surname"));
    for (const [field, raw] of [
      ["surname", entry.surname],
      ["given_names", entry.given_names],
    ]) {
      const digit = raw.match(/\d/);
      if (digit) errors.push(E.name(field, `has the digit '${digit[0]}'`));
    }
    return {
      data: {
        document_type: entry.document_type,
        issuing_state: state,
        document_number: number,
        expires_on: entry.expires_on,
        personal_number: personal,
        surname,
        given_names: toIcao(entry.given_names),
        date_of_birth: entry.date_of_birth,
        nationality,
        method: "typed",
      },
      errors,
      warnings,
    };
  };

  // ---- protocol::identity::matching.
  const compare = (a, b) => (a == null || b == null ? "missing" : a === b ? "matched" : "differs");
  const sortedWords = (s) => toIcao(s).split(" ").filter(Boolean).sort().join(" ");
  const namesMatch = (doc, record) => sortedWords(doc) !== "" && sortedWords(doc) === sortedWords(record);
  const nameOutcome = (doc, record) =>
    !doc.trim() || !record.trim() ? "missing" : namesMatch(doc, record) ? "matched" : "differs";
  const verdict = (fields) => {
    const get = (f) => fields.find(([x]) => x === f)?.[1] ?? "missing";
    const identifier = get("personal_number") === "matched" || get("document") === "matched";
    if (get("personal_number") === "differs") return "mismatch";
    if (
      !identifier &&
      (get("date_of_birth") === "differs" || (get("surname") !== "matched" && get("given_names") !== "matched"))
    )
      return "mismatch";
    const nothingDiffers = fields.every(([, o]) => o !== "differs");
    return nothingDiffers &&
      get("surname") === "matched" &&
      get("given_names") === "matched" &&
      (identifier || get("date_of_birth") === "matched")
      ? "match"
      : "partial";
  };
  const fullName = (d) => [d.given_names, d.surname].filter(Boolean).join(" ");
  const matchCustomer = (d, c) => {
    let documentOutcome = "missing";
    const rec = c.identity_document;
    if (
      rec &&
      rec.issuing_state.replace(/<+$/, "") === d.issuing_state.replace(/<+$/, "") &&
      rec.document_type === d.document_type
    ) {
      const norm = (n) => n.replace(/[^A-Za-z0-9]/g, "").toUpperCase();
      documentOutcome = compare(norm(rec.number), norm(d.document_number));
    }
    let surname = nameOutcome(d.surname, c.last_name);
    let given = nameOutcome(d.given_names, c.first_name);
    if (!(surname === "matched" && given === "matched") && namesMatch(fullName(d), `${c.first_name} ${c.last_name}`)) {
      surname = "matched";
      given = "matched";
    }
    const fields = [
      ["personal_number", compare(d.personal_number, c.personal_number)],
      ["surname", surname],
      ["given_names", given],
      ["date_of_birth", compare(d.date_of_birth, c.date_of_birth)],
      ["document", documentOutcome],
    ];
    return { fields, verdict: verdict(fields) };
  };
  const matchRepresentative = (d, rep) => {
    const pnOutcome = compare(d.personal_number, rep.personal_number);
    let surname = nameOutcome(d.surname, rep.last_name);
    let given = nameOutcome(d.given_names, rep.first_name);
    if (namesMatch(fullName(d), `${rep.first_name} ${rep.last_name}`)) {
      surname = "matched";
      given = "matched";
    }
    const fields = [
      ["personal_number", pnOutcome],
      ["surname", surname],
      ["given_names", given],
    ];
    const v = verdict(fields);
    const names = surname === "matched" && given === "matched";
    return {
      fields,
      verdict:
        v === "mismatch" ? "mismatch" : pnOutcome === "matched" && names ? "match" : names ? "partial" : "mismatch",
    };
  };
  const rank = (r) => ({ match: 3, partial: 2, pending: 1, mismatch: 0 })[r.verdict];
  /** kiosk_core::identify::compare: the customer and each representative, best first (stable). */
  const candidateFor = (d, c) => {
    const comparisons = [
      { subject: { kind: "customer" }, result: matchCustomer(d, c) },
      ...c.representatives.map((rep, index) => ({
        subject: { kind: "representative", index, capacity: rep.capacity },
        result: matchRepresentative(d, rep),
      })),
    ];
    comparisons.sort((a, b) => rank(b.result) - rank(a.result));
    return { customer: structuredClone(c), comparisons };
  };

  // ---- The counter's identity state (kiosk_core::counter): the held document, the candidates.
  const identity = { held: null, candidates: [], calls: [], customers, documents };
  window.__fakeIdentity = identity;
  const offline = () => ({ code: "unreachable", message: "no connection to the central API could be made" });
  const clerk = () => {
    if (kiosk.view.state === "locked") return reject("locked", "The screen is locked: sign in again to go on.");
    if (kiosk.view.state !== "signed_in") return reject("not_signed_in", "Nobody is signed in: sign in first.");
    return null;
  };

  const step = (zone, document) => {
    const held = document.errors.length === 0;
    let candidates = [];
    let lookupFailed = null;
    if (held) {
      identity.held = document;
      identity.candidates = [];
      if (kiosk.outage) {
        lookupFailed = offline();
      } else if (document.data.personal_number !== null) {
        candidates = customers
          .filter((c) => c.personal_number === document.data.personal_number)
          .map((c) => candidateFor(document.data, c));
        candidates.sort((a, b) => rank(b.comparisons[0].result) - rank(a.comparisons[0].result));
      }
      identity.candidates = candidates.map((c) => c.customer);
    }
    return { zone, document, held, candidates, lookup_failed: lookupFailed };
  };

  const confirmRefusal = (code, message) => reject(code, message);
  const forget = () => {
    identity.calls.push({ command: "end_customer" });
    identity.held = null;
    identity.candidates = [];
  };

  Object.assign(kiosk.commands, {
    demo_documents: () => structuredClone(documents),
    check_zone: ({ zone }) => {
      identity.calls.push({ command: "check_zone", zone });
      const refused = clerk();
      if (refused) return refused;
      let report;
      try {
        report = parseZone(String(zone), today());
      } catch (error) {
        return reject(error.code, error.message);
      }
      return step(report, toChecked(report));
    },
    check_typed_document: ({ entry }) => {
      identity.calls.push({ command: "check_typed_document", entry });
      const refused = clerk();
      if (refused) return refused;
      return step(null, checkManual(entry, today()));
    },
    search_customer: ({ query }) => {
      identity.calls.push({ command: "search_customer", query });
      const refused = clerk();
      if (refused) return refused;
      if (identity.held === null) return reject("invalid_input", "Scan or type the document first.");
      const given = Object.entries(query ?? {}).filter(([, v]) => typeof v === "string" && v.trim() !== "");
      if (given.length !== 1)
        return reject("invalid_input", "Search by one of personal number, customer number or phone number.");
      if (kiosk.outage) return reject(offline().code, offline().message);
      const [key, raw] = given[0];
      const v = raw.trim();
      const local = (n) => n.replace(/^\+383/, "0");
      const found = customers.filter((c) =>
        key === "customer_no"
          ? c.customer_no === v
          : key === "msisdn"
            ? c.msisdns.some((m) => local(m) === local(v))
            : c.personal_number === v,
      );
      const candidates = found.map((c) => candidateFor(identity.held.data, c));
      identity.candidates = candidates.map((c) => c.customer);
      return candidates;
    },
    confirm_identity: ({ customerId, acting, photoConfirmed, judgement }) => {
      identity.calls.push({ command: "confirm_identity", customerId, acting, photoConfirmed, judgement });
      const refused = clerk();
      if (refused) return refused;
      const document = identity.held;
      if (document === null) return confirmRefusal("invalid_input", "Scan or type the document first.");
      const customer = identity.candidates.find((c) => c.customer_id === customerId);
      if (!customer) return confirmRefusal("invalid_input", "Find the customer's record for this document first.");
      const capacity = acting?.capacity;
      const labels = {
        themself: "customer in person",
        guardian: "guardian",
        authorised_person: "authorised person",
        business_representative: "business representative",
      };
      if (!labels[capacity])
        return Promise.reject(
          `invalid args \`acting\` for command \`confirm_identity\`: unknown variant \`${capacity}\``,
        );
      let result;
      if (capacity === "themself") {
        result = matchCustomer(document.data, customer);
      } else {
        const results = customer.representatives
          .filter((r) => r.capacity === capacity)
          .map((r) => matchRepresentative(document.data, r));
        result = results.reduce((best, r) => (best === null || rank(r) > rank(best) ? r : best), null);
        if (result === null) {
          return confirmRefusal(
            "not_on_record",
            `Nobody is on the customer's record as ${labels[capacity]}: check the customer, or have the customer (or someone on the record) come in person.`,
          );
        }
      }
      if (document.errors.length > 0) {
        return confirmRefusal(
          "document_not_accepted",
          `The document failed ${document.errors.length} check(s): it cannot be used to identify the customer until they pass. Scan it again, type it by hand, or ask for another document.`,
        );
      }
      if (!photoConfirmed) {
        return confirmRefusal(
          "photo_not_confirmed",
          "The clerk has not confirmed that the photo on the document shows the person at the counter: compare the photo, then confirm, or ask for another document.",
        );
      }
      const differing = () => {
        const list = result.fields
          .filter(([, o]) => o === "differs")
          .map(([f]) => ({ document: "recorded document" })[f] ?? f.replace(/_/g, " "));
        return list.length ? `${list.join(", ")} differ(s)` : "some fields could not be compared";
      };
      if (result.verdict === "mismatch") {
        return confirmRefusal(
          "identity_mismatch",
          `The document does not match IPKO's record (${differing()}): do not continue with this document. Ask for another document, or look up the right customer.`,
        );
      }
      if (result.verdict === "partial" && judgement !== "accepted") {
        return confirmRefusal(
          "clerk_judgement_needed",
          `The document matches IPKO's record only in part (${differing()}): the clerk must decide whether the person is the customer before the verification is recorded.`,
        );
      }
      const reference = (r) => String(r ?? "").trim() || null;
      const missingReference = () =>
        confirmRefusal(
          "authorisation_missing",
          `A ${labels[capacity]} needs the reference of the document that authorises them (a birth certificate, court decision, power of attorney or business register extract): type its reference.`,
        );
      let authorisation = null;
      if (capacity === "guardian") {
        if (customer.date_of_birth === null) {
          return confirmRefusal(
            "age_unknown",
            "The customer's date of birth is not on record, so it cannot be checked that they are a minor: ask the customer's own document, or have the record corrected.",
          );
        }
        const age = ageOn(customer.date_of_birth, today());
        if (age >= 16) {
          return confirmRefusal(
            "not_a_minor",
            `The customer is ${age} years old, not under 16: a guardian acts only for a minor. Serve the customer in person.`,
          );
        }
        authorisation = reference(acting.authorisation_reference);
        if (authorisation === null) return missingReference();
      } else if (capacity === "authorised_person") {
        authorisation = reference(acting.authorisation_reference);
        if (authorisation === null) return missingReference();
      } else if (capacity === "business_representative") {
        if (customer.kind !== "business") {
          return confirmRefusal(
            "not_a_business",
            "The customer is not a business customer: a business representative acts only for a business. Choose how the person acts again.",
          );
        }
        const tidy = (n) => String(n ?? "").replace(/[^A-Za-z0-9]/g, "");
        const given = tidy(acting.business_number);
        if (!given || tidy(customer.business_number) !== given) {
          return confirmRefusal(
            "business_number_mismatch",
            `The business number given (${given}) is not the customer's business number: check it against the business register extract.`,
          );
        }
        const r = reference(acting.authorisation_reference);
        if (r === null) return missingReference();
        authorisation = `${r} (business number ${given})`;
      }
      const d = document.data;
      const payload = {
        verification_id: crypto.randomUUID(),
        customer_id: customer.customer_id,
        document_type: d.document_type,
        issuing_state: d.issuing_state,
        document_number_last4: d.document_number.slice(-4),
        document_expires_on: d.expires_on,
        method: d.method,
        verdict: result.verdict,
        photo_confirmed: true,
        acting:
          capacity === "themself"
            ? { capacity, name: null, personal_number: null, authorisation_reference: null }
            : {
                capacity,
                name: fullName(d),
                personal_number: d.personal_number,
                authorisation_reference: authorisation,
              },
        store_code: "DEMO-PRISHTINA",
      };
      kiosk.pending += 1;
      if (!kiosk.outage) kiosk.pending = 0;
      identity.held = null;
      identity.candidates = [];
      kiosk.view.customer = {
        customer: structuredClone(customer),
        started_at: new Date().toISOString(),
        verification: payload,
      };
      return payload;
    },
    end_customer: () => {
      forget();
      if (kiosk.view.state === "signed_in") kiosk.view.customer = null;
      return null;
    },
  });
  // Another stand-in loaded later (fake-report.js) may answer end_customer too; the counter's held
  // document must still go with it, as Counter::end_customer drops both.
  const ours = kiosk.commands.end_customer;
  window.addEventListener("DOMContentLoaded", () => {
    const theirs = kiosk.commands.end_customer;
    if (theirs !== ours) {
      kiosk.commands.end_customer = (args) => {
        forget();
        return theirs(args);
      };
    }
  });
})();

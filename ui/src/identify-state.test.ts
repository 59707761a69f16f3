import { describe, expect, it } from "vitest";

import { LANGS } from "./i18n";
import {
  type Candidate,
  checkLines,
  confirmArgs,
  customerQuery,
  documentSummary,
  emptyManualForm,
  emptySelection,
  errorText,
  lookupProblem,
  manualEntry,
  maskNumber,
  parseCandidates,
  parseDemoDocuments,
  parseDocumentStep,
  parseTypedDate,
  pickCandidate,
  refusalProblem,
  type Selection,
  selectionFor,
  showDate,
  verdictText,
  warningText,
  WORD_TABLES,
} from "./identify-state";

// A DocumentStep as src-tauri serialises it for a fictional demo card (Arbër Zeqiri, C-000001)
// whose document-number check digit was read as the letter O.
const misreadZone =
  "The document number has 'O' at line 1, character 15, which is probably a misread '0': scan the document again; if it fails again, type the data by hand from the printed page, or ask for another document.";
const compositeFailed =
  "The final check digit over the whole zone (line 2, character 30) is '5' but the zone gives '1': part of the zone was misread or altered. Scan the document again; if it fails again, type the data by hand from the printed page, or ask for another document.";
const errors = [
  {
    code: "likely_misread",
    message: misreadZone,
    field: "document_number",
    position: { line: 1, column: 15 },
  },
  {
    code: "composite_check_failed",
    message: compositeFailed,
    field: "composite",
    position: { line: 2, column: 30 },
  },
];
const data = {
  document_type: "id_card",
  issuing_state: "RKS",
  document_number: "P00000001",
  expires_on: "2029-11-22",
  personal_number: "1234567892",
  surname: "ZEQIRI",
  given_names: "ARBER",
  date_of_birth: "1988-09-03",
  nationality: "RKS",
  method: "scanned",
};
const misreadStep = {
  zone: {
    format: "td1",
    valid: false,
    document: {
      document_code: "ID",
      document_type: "id_card",
      issuing_state: "RKS",
      document_number: "P00000001",
      optional_data: ["1234567892"],
      personal_number: "1234567892",
      date_of_birth: "1988-09-03",
      sex: "<",
      expiry_date: "2029-11-22",
      nationality: "RKS",
      surname: "ZEQIRI",
      given_names: "ARBER",
      name_truncated: false,
    },
    checks: [
      { field: "document_number", position: { line: 1, column: 15 }, expected: "6", found: "O", passed: false },
      { field: "date_of_birth", position: { line: 2, column: 7 }, expected: "6", found: "6", passed: true },
      { field: "expiry_date", position: { line: 2, column: 15 }, expected: "7", found: "7", passed: true },
      { field: "composite", position: { line: 2, column: 30 }, expected: "1", found: "5", passed: false },
    ],
    errors,
    warnings: [],
  },
  document: { data, errors, warnings: [] },
  held: false,
  candidates: [],
  lookup_failed: null,
};

const arber = {
  customer_id: "C-000001",
  customer_no: "512340001",
  kind: "individual",
  first_name: "Arbër",
  last_name: "Zeqiri",
  personal_number: "1234567892",
  date_of_birth: "1988-09-03",
  nationality: "RKS",
  identity_document: null,
  business_name: null,
  business_number: null,
  address: "Rruga e Burimit 7, 10000 Prishtinë",
  email: null,
  msisdns: ["+38344100201"],
  representatives: [],
  record_version: 1,
  demo: true,
};

const rina = {
  ...arber,
  customer_id: "C-000006",
  customer_no: "512340006",
  first_name: "Rina",
  last_name: "Morina",
  personal_number: "1266074200",
  date_of_birth: "2012-06-25",
  representatives: [
    {
      capacity: "guardian",
      first_name: "Valbona",
      last_name: "Morina",
      personal_number: "1241185032",
      authorisation_reference: "Birth certificate, Civil Registry Office Prishtinë, entry 1187/2012 (mother)",
    },
  ],
};

const match = (fields: Array<[string, string]>, verdict: string) => ({ fields, verdict });
const allSame: Array<[string, string]> = [
  ["personal_number", "matched"],
  ["surname", "matched"],
  ["given_names", "matched"],
  ["date_of_birth", "matched"],
  ["document", "missing"],
];

function candidates(value: unknown): Candidate[] {
  return parseCandidates(value);
}

const arberCandidate = candidates([
  { customer: arber, comparisons: [{ subject: { kind: "customer" }, result: match(allSame, "match") }] },
]);
const rinaCandidate = candidates([
  {
    customer: rina,
    comparisons: [
      {
        subject: { kind: "representative", index: 0, capacity: "guardian" },
        result: match(
          [
            ["personal_number", "matched"],
            ["surname", "matched"],
            ["given_names", "matched"],
          ],
          "match",
        ),
      },
      {
        subject: { kind: "customer" },
        result: match(
          [
            ["personal_number", "differs"],
            ["surname", "matched"],
            ["given_names", "differs"],
            ["date_of_birth", "differs"],
            ["document", "missing"],
          ],
          "mismatch",
        ),
      },
    ],
  },
]);

describe("parseDocumentStep", () => {
  it("reads the step Rust sends for a misread zone", () => {
    const step = parseDocumentStep(misreadStep);
    expect(step.held).toBe(false);
    expect(step.zone?.checks.map((c) => [c.field, c.passed])).toEqual([
      ["document_number", false],
      ["date_of_birth", true],
      ["expiry_date", true],
      ["composite", false],
    ]);
    expect(step.document.errors[0]).toEqual({
      code: "likely_misread",
      message: misreadZone,
      field: "document_number",
      position: { line: 1, column: 15 },
    });
    expect(step.document.data.expires_on).toBe("2029-11-22");
    expect(step.lookup_failed).toBeNull();
  });

  it("reads a typed document's step (no zone) with a failed lookup", () => {
    const step = parseDocumentStep({
      ...misreadStep,
      zone: null,
      document: { data: { ...data, method: "typed" }, errors: [], warnings: [] },
      held: true,
      lookup_failed: { code: "unreachable", message: "no connection to the central API could be made" },
    });
    expect(step.zone).toBeNull();
    expect(step.lookup_failed).toEqual({
      code: "unreachable",
      message: "no connection to the central API could be made",
    });
  });

  it("refuses a shape Rust does not send instead of showing half a document", () => {
    expect(() => parseDocumentStep({ ...misreadStep, held: "no" })).toThrow(/held/);
    expect(() =>
      parseDocumentStep({ ...misreadStep, document: { ...misreadStep.document, data: { ...data, method: "scan" } } }),
    ).toThrow(/method/);
    expect(() =>
      parseCandidates([
        { customer: arber, comparisons: [{ subject: { kind: "customer" }, result: match(allSame, "maybe") }] },
      ]),
    ).toThrow(/verdict/);
    expect(() =>
      parseCandidates([
        {
          customer: arber,
          comparisons: [{ subject: { kind: "customer" }, result: { fields: [["surname"]], verdict: "match" } }],
        },
      ]),
    ).toThrow(/pair/);
  });

  it("reads the demo documents, an unknown case as another case", () => {
    const docs = parseDemoDocuments([
      {
        customer_id: "C-000001",
        display_name: "Arbër Zeqiri",
        document_type: "id_card",
        case: "adult",
        zone: "IDRKS…",
      },
      {
        customer_id: "C-000010",
        display_name: "Driton Selimi",
        document_type: "passport",
        case: "open_request",
        zone: "P<RKS…",
      },
    ]);
    expect(docs.map((d) => d.case)).toEqual(["adult", "other"]);
    expect(() =>
      parseDemoDocuments([{ customer_id: "C-1", display_name: "x", document_type: "visa", case: "adult", zone: "" }]),
    ).toThrow(/document_type/);
  });
});

describe("the checks in the clerk's words", () => {
  const step = parseDocumentStep(misreadStep);

  it("lists the passed check digits, the validity, then each failure with its place", () => {
    expect(checkLines(step, "en")).toEqual([
      { tone: "ok", text: "Check digit of the date of birth (line 2, character 7): correct" },
      { tone: "ok", text: "Check digit of the expiry date (line 2, character 15): correct" },
      { tone: "ok", text: "The document is valid until 22.11.2029" },
      {
        tone: "fail",
        text: "The document number has O at line 1, character 15, probably a misread 0. Scan the document again; if it fails again, type it by hand from the printed page or ask for another document.",
      },
      {
        tone: "fail",
        text: "The final check digit over the whole zone does not fit (line 2, character 30: the zone has 5, 1 is expected): part of the zone was misread or altered. Scan the document again; if it fails again, type it by hand from the printed page or ask for another document.",
      },
    ]);
    expect(documentSummary(step.document, "en")).toEqual({
      tone: "fail",
      text: "The document failed 2 checks: it cannot be used until they pass.",
    });
  });

  it("says a failed check digit in each language, naming field and place", () => {
    const failed = {
      code: "check_digit_failed",
      message:
        "The check digit of the document number (line 1, character 15) is '3' but the document number gives '7': …",
      field: "document_number",
      position: { line: 1, column: 15 },
    };
    const checks = [
      { field: "document_number", position: { line: 1, column: 15 }, expected: "7", found: "3", passed: false },
    ];
    expect(errorText(failed, "sq", checks)).toMatch(
      /^Shifra e kontrollit nuk përputhet — numri i dokumentit \(rreshti 1, shenja 15: zona ka 3, pritet 7\)/,
    );
    expect(errorText(failed, "en", checks)).toMatch(
      /^The check digit of the document number does not fit \(line 1, character 15: the zone has 3, 7 is expected\)/,
    );
    expect(errorText(failed, "sr", checks)).toMatch(
      /^Контролна цифра се не слаже — број документа \(ред 1, знак 15: зона има 3, очекује се 7\)/,
    );
  });

  it("puts the date of an expired document in the local form, and no validity line", () => {
    const expired = {
      code: "document_expired",
      message:
        "The document expired on 2024-05-01: it cannot be used to identify the customer. Ask for another, valid document.",
      field: "expiry_date",
      position: null,
    };
    expect(errorText(expired, "sq")).toBe(
      "Dokumenti ka skaduar më 01.05.2024: nuk mund të përdoret për identifikim. Kërkoni një dokument tjetër, të vlefshëm.",
    );
    const lines = checkLines(
      {
        zone: null,
        document: { data: { ...parseDocumentStep(misreadStep).document.data }, errors: [expired], warnings: [] },
      },
      "en",
    );
    expect(lines.map((l) => l.tone)).toEqual(["fail"]);
  });

  it("names an unknown country code and a specimen code", () => {
    expect(
      errorText(
        {
          code: "unknown_country_code",
          message: 'The issuing state code "XYZ" is not a country or organisation code of ICAO 9303: scan …',
          field: "issuing_state",
          position: null,
        },
        "en",
      ),
    ).toMatch(/^The issuing state code XYZ is not a known country code\./);
    expect(
      warningText(
        {
          code: "specimen_document",
          message:
            "The issuing state code UTO is an ICAO specimen code: this is a specimen or test document, not a real one.",
          field: "issuing_state",
          position: null,
        },
        "sr",
      ),
    ).toBe("Шифра UTO је ICAO шифра узорка: ово је узорак или пробни документ, а не прави.");
  });

  it("keeps the personal number's doubt a warning, in the clerk's words", () => {
    const lines = checkLines(
      {
        zone: null,
        document: {
          data: parseDocumentStep(misreadStep).document.data,
          errors: [],
          warnings: [
            {
              code: "personal_number_check_digit",
              message: "The personal number's last digit does not follow the usual mod-11 rule. …",
              field: "personal_number",
              position: null,
            },
          ],
        },
      },
      "sq",
    );
    expect(lines.at(-1)).toEqual({
      tone: "warning",
      text: "Shifra e fundit e numrit personal nuk ndjek rregullin e zakonshëm. Kjo nuk e refuzon numrin: krahasojeni me dokumentin dhe vazhdoni.",
    });
  });

  it("falls back to Rust's sentence for a code it does not know", () => {
    const novel = { code: "hologram_missing", message: "The hologram is missing.", field: null, position: null };
    expect(errorText(novel, "sr")).toBe("The hologram is missing.");
    expect(warningText(novel, "sq")).toBe("The hologram is missing.");
  });
});

describe("verdicts", () => {
  it("summarises match, partial and mismatch, naming only the fields that differ", () => {
    expect(verdictText({ fields: [], verdict: "match" }, "sq")).toEqual({
      tone: "ok",
      text: "Përputhet me të dhënat e IPKO-s.",
    });
    expect(
      verdictText(
        {
          fields: [
            ["personal_number", "matched"],
            ["surname", "differs"],
          ],
          verdict: "partial",
        },
        "en",
      ),
    ).toEqual({
      tone: "warning",
      text: "Matches only in part (surname differ(s)): you decide whether this is the person.",
    });
    expect(verdictText({ fields: [["date_of_birth", "missing"]], verdict: "partial" }, "sr").text).toBe(
      "Поклапа се само делимично (нека поља нису могла да се упореде): ви одлучујете да ли је то та особа.",
    );
    expect(
      verdictText(
        {
          fields: [
            ["personal_number", "differs"],
            ["date_of_birth", "differs"],
          ],
          verdict: "mismatch",
        },
        "sq",
      ),
    ).toEqual({
      tone: "fail",
      text: "Nuk përputhet (ndryshon: numri personal, data e lindjes): mos vazhdoni me këtë dokument.",
    });
  });
});

describe("the confirmation", () => {
  it("picks the only record, in the capacity of its best comparison", () => {
    expect(selectionFor(arberCandidate, emptySelection())).toMatchObject({
      customerId: "C-000001",
      capacity: "themself",
    });
    expect(selectionFor(rinaCandidate, emptySelection())).toMatchObject({
      customerId: "C-000006",
      capacity: "guardian",
    });
    expect(selectionFor([...arberCandidate, ...rinaCandidate], emptySelection()).customerId).toBeNull();
    // What the clerk ticked stays while the record is still there.
    const ticked: Selection = { ...pickCandidate(rinaCandidate[0] as Candidate), photoConfirmed: true };
    expect(selectionFor(rinaCandidate, ticked)).toBe(ticked);
  });

  it("lists what is missing, in the order of the form", () => {
    expect(confirmArgs(emptySelection(), arberCandidate)).toEqual({ ok: false, missing: ["customer"] });
    const guardian = pickCandidate(rinaCandidate[0] as Candidate);
    expect(confirmArgs(guardian, rinaCandidate)).toEqual({ ok: false, missing: ["authorisation_reference", "photo"] });
    expect(confirmArgs({ ...guardian, capacity: "themself", photoConfirmed: true }, rinaCandidate)).toEqual({
      ok: false,
      missing: ["mismatch"],
    });
    expect(confirmArgs({ ...guardian, capacity: "business_representative" }, rinaCandidate)).toEqual({
      ok: false,
      missing: ["not_on_record"],
    });
  });

  it("builds the arguments in the shapes Rust deserialises", () => {
    const themself = { ...pickCandidate(arberCandidate[0] as Candidate), photoConfirmed: true };
    expect(confirmArgs(themself, arberCandidate)).toEqual({
      ok: true,
      args: { customerId: "C-000001", acting: { capacity: "themself" }, photoConfirmed: true, judgement: "not_given" },
    });
    const guardian = {
      ...pickCandidate(rinaCandidate[0] as Candidate),
      authorisationReference: "  Birth certificate 1187/2012 ",
      photoConfirmed: true,
    };
    expect(confirmArgs(guardian, rinaCandidate)).toEqual({
      ok: true,
      args: {
        customerId: "C-000006",
        acting: { capacity: "guardian", authorisation_reference: "Birth certificate 1187/2012" },
        photoConfirmed: true,
        judgement: "not_given",
      },
    });
  });

  it("needs the clerk's judgement for a partial match, and a business number for a representative", () => {
    const business = candidates([
      {
        customer: {
          ...arber,
          customer_id: "C-000005",
          kind: "business",
          business_name: "Lumi Logjistikë SH.P.K.",
          representatives: [
            {
              capacity: "business_representative",
              first_name: "Drenusha",
              last_name: "Rexhepi",
              personal_number: null,
              authorisation_reference: null,
            },
          ],
        },
        comparisons: [
          {
            subject: { kind: "representative", index: 0, capacity: "business_representative" },
            result: match(
              [
                ["personal_number", "missing"],
                ["surname", "matched"],
                ["given_names", "matched"],
              ],
              "partial",
            ),
          },
          { subject: { kind: "customer" }, result: match([["surname", "differs"]], "mismatch") },
        ],
      },
    ]);
    const picked = {
      ...pickCandidate(business[0] as Candidate),
      photoConfirmed: true,
      authorisationReference: "PoA 117/2024",
    };
    expect(picked.capacity).toBe("business_representative");
    expect(confirmArgs(picked, business)).toEqual({ ok: false, missing: ["business_number", "judgement"] });
    expect(confirmArgs({ ...picked, businessNumber: "810000555", accepted: true }, business)).toEqual({
      ok: true,
      args: {
        customerId: "C-000005",
        acting: {
          capacity: "business_representative",
          business_number: "810000555",
          authorisation_reference: "PoA 117/2024",
        },
        photoConfirmed: true,
        judgement: "accepted",
      },
    });
  });
});

describe("refusals and the lookup", () => {
  it("says an offline lookup plainly, with Rust's reason below", () => {
    const offline = { code: "unreachable", message: "no connection to the central API could be made" };
    for (const lang of LANGS) {
      expect(lookupProblem(offline, lang).detail).toBe(offline.message);
    }
    expect(lookupProblem(offline, "en").text).toMatch(
      /^IPKO's records cannot be reached now \(the kiosk is offline\)\./,
    );
    expect(lookupProblem({ code: "timeout", message: "the central API did not answer in time" }, "sq").text).toMatch(
      /^Të dhënat e IPKO-s nuk mund të arrihen tani/,
    );
  });

  it("words confirm_identity's refusals by code, with the numbers Rust gave", () => {
    const notMinor = {
      code: "not_a_minor",
      message:
        "The customer is 36 years old, not under 16: a guardian acts only for a minor. Serve the customer in person.",
    };
    expect(refusalProblem(notMinor, "sq")).toEqual({
      text: "Klienti ka 36 vjeç, jo nën 16: kujdestari vepron vetëm për të miturin. Shërbejeni klientin vetë.",
      detail: notMinor.message,
    });
    expect(refusalProblem({ code: "database", message: "disk I/O error" }, "en")).toEqual({
      text: "disk I/O error",
      detail: "[database]",
    });
  });

  it("places an impossible character of a refused zone from Rust's message", () => {
    const refused = {
      code: "mrz_invalid_character",
      message:
        "The character 'é' at line 2, character 4 cannot appear in a machine-readable zone: scan the document again, or type its data by hand.",
    };
    expect(refusalProblem(refused, "sr").text).toMatch(
      /^Прочитан је знак који не може бити у зони \(ред 2, знак 4\)\./,
    );
  });
});

describe("the typed document", () => {
  const form = {
    ...emptyManualForm(),
    document_number: " P0000 0002 ",
    expires_on: "22.11.2029",
    personal_number: "1207753129",
    surname: "Dërmaku-Çitaku",
    given_names: "Qëndresa",
    date_of_birth: "17.2.1992",
    nationality: " rks",
  };

  it("builds Rust's ManualEntry, empty optional fields as null", () => {
    expect(manualEntry(form)).toEqual({
      ok: true,
      entry: {
        document_type: "id_card",
        issuing_state: "RKS",
        document_number: "P0000 0002",
        expires_on: "2029-11-22",
        issued_on: null,
        personal_number: "1207753129",
        surname: "Dërmaku-Çitaku",
        given_names: "Qëndresa",
        date_of_birth: "1992-02-17",
        nationality: "RKS",
      },
    });
    const entry = manualEntry({ ...form, personal_number: " ", nationality: "" });
    expect(entry.ok && entry.entry.personal_number).toBeNull();
    expect(entry.ok && entry.entry.nationality).toBeNull();
  });

  it("stops only what Rust could not read, naming the fields in the form's order", () => {
    expect(
      manualEntry({ ...form, surname: " ", date_of_birth: "31.02.1992", issuing_state: "R1", issued_on: "yesterday" }),
    ).toEqual({
      ok: false,
      problems: [
        ["issuing_state", "code"],
        ["issued_on", "date"],
        ["surname", "required"],
        ["date_of_birth", "date"],
      ],
    });
    expect(manualEntry(emptyManualForm())).toMatchObject({
      ok: false,
      problems: [
        ["document_number", "required"],
        ["expires_on", "required"],
        ["surname", "required"],
        ["date_of_birth", "required"],
      ],
    });
  });

  it("reads dates as people type them", () => {
    expect(parseTypedDate("03.09.1988")).toBe("1988-09-03");
    expect(parseTypedDate("3.9.1988.")).toBe("1988-09-03");
    expect(parseTypedDate("3/9/1988")).toBe("1988-09-03");
    expect(parseTypedDate("1988-09-03")).toBe("1988-09-03");
    expect(parseTypedDate("29.02.2023")).toBeNull();
    expect(parseTypedDate("880903")).toBeNull();
    expect(showDate("1988-09-03")).toBe("03.09.1988");
    expect(showDate(null)).toBe("—");
  });
});

describe("small things", () => {
  it("shows no more of a document number than its last four characters", () => {
    expect(maskNumber("P00000002")).toBe("•••••0002");
    expect(maskNumber("AB1")).toBe("AB1");
  });

  it("searches by one number only, tidied", () => {
    expect(customerQuery("customer_no", " 512 340-006 ")).toEqual({
      personal_number: null,
      customer_no: "512340006",
      msisdn: null,
    });
    expect(customerQuery("msisdn", "+383 44 100 205")).toEqual({
      personal_number: null,
      customer_no: null,
      msisdn: "+38344100205",
    });
    expect(customerQuery("customer_no", "Morina")).toBeNull();
    expect(customerQuery("msisdn", "12")).toBeNull();
  });

  it("has every word in three languages, Serbian in Cyrillic", () => {
    // Names that stay in Latin letters in Serbian text: the company, ICAO, the codes and letters
    // a document carries, and the placeholders.
    const latinAllowed = /IPKO|ICAO|RKS|UTO|\{\w+\}|\bM, F\b|\bX\b|\+?\d/g;
    for (const [table, words] of Object.entries(WORD_TABLES)) {
      for (const [key, text] of Object.entries(words)) {
        for (const lang of LANGS) {
          expect(text[lang].trim(), `${table}.${key}.${lang}`).not.toBe("");
        }
        expect(text.sr.replace(latinAllowed, ""), `${table}.${key}.sr`).not.toMatch(/[A-Za-z]/);
      }
    }
  });
});

import { describe, expect, it } from "vitest";

import { idInWords, parseVocabulary, policyText, purposeLabel, termLabel, termOrder } from "./vocabulary";
import { sample } from "./vocabulary.fixture";

const label = (sq: string, en: string, sr: string) => ({ sq, en, sr });

describe("parseVocabulary", () => {
  it("reads the lists Rust sends and finds a term's label in each language", () => {
    const v = parseVocabulary(sample);
    expect(termLabel(v, "categories", "mobile_services", "sq")).toBe("Shërbimet mobile");
    expect(termLabel(v, "categories", "mobile_services", "sr")).toBe("Мобилне услуге");
    expect(termLabel(v, "legal_bases", "consent", "en")).toBe("Consent");
    expect(termLabel(v, "rights", "erasure", "sr")).toBe("Брисање");
    expect(v.consent_purposes[1]).toMatchObject({ channels: [], profiles_with_traffic_and_location: true });
    expect(v.objection_purposes[0]?.usually_prevails).toBe(true);
  });

  it("refuses an answer without a list or a label instead of showing blank headings", () => {
    const { rights: _, ...noRights } = sample;
    expect(() => parseVocabulary(noRights)).toThrow(/no rights/);
    const unlabelled = { ...sample, channels: [{ id: "email", label: { sq: "E-mail", en: "E-mail" } }] };
    expect(() => parseVocabulary(unlabelled)).toThrow(/channels email has no label/);
    expect(() => parseVocabulary({ ...sample, legal_bases: [{ label: sample.legal_bases[0]?.label }] })).toThrow(
      /no id/,
    );
    expect(() => parseVocabulary([])).toThrow(/not an object/);
  });

  it("uses the lists Rust may add (recipients, states, record fields) once they come", () => {
    const v = parseVocabulary(sample);
    expect(termLabel(v, "recipients", "state_bodies", "sq")).toBe("State bodies");
    expect(termLabel(v, "consent_states", "withdrawn", "sr")).toBe("Withdrawn");
    const more = parseVocabulary({
      ...sample,
      recipients: [{ id: "state_bodies", label: label("Organet shtetërore", "State bodies", "Државни органи") }],
      consent_states: [{ id: "withdrawn", label: label("Tërhequr", "Withdrawn", "Повучена") }],
    });
    expect(termLabel(more, "recipients", "state_bodies", "sq")).toBe("Organet shtetërore");
    expect(termLabel(more, "consent_states", "withdrawn", "sr")).toBe("Повучена");
  });
});

describe("purposeLabel", () => {
  it("finds a purpose among the consent and objection purposes, and in the full list when sent", () => {
    const v = parseVocabulary(sample);
    expect(purposeLabel(v, "help_us_be_better", "en")).toBe("Help us be better");
    expect(purposeLabel(v, "fraud_prevention", "sq")).toBe("Parandalimi i mashtrimit");
    expect(purposeLabel(v, "legal_obligation", "sq")).toBe("Legal obligation");
    const full = parseVocabulary({
      ...sample,
      processing_purposes: [
        { id: "legal_obligation", label: label("Detyrimet ligjore", "Legal obligations", "Законске обавезе") },
      ],
    });
    expect(purposeLabel(full, "legal_obligation", "sr")).toBe("Законске обавезе");
  });
});

describe("the lookups' edges", () => {
  it("puts an unknown id in words and last in the policy's order", () => {
    const v = parseVocabulary(sample);
    expect(idInWords("network_device_data")).toBe("Network device data");
    expect(termLabel(v, "categories", "future_category", "sr")).toBe("Future category");
    expect(termOrder(v, "categories", "mobile_services")).toBe(1);
    expect(termOrder(v, "categories", "future_category")).toBeGreaterThan(1000);
    expect(policyText(v, "categories", "identity_contact")).toBe("Name, surname");
    expect(policyText(v, "objection_purposes", "surveys")).toBeNull();
  });
});

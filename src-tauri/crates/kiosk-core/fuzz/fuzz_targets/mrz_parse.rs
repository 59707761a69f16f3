//! Fuzzes `kiosk_core::idcheck::parse_mrz` with arbitrary scanner input (bytes read as lossy
//! UTF-8) on a fixed day, and checks the invariants every answer must keep. Any panic, in the parser
//! or in an `assert!` here, is a finding.

#![no_main]

use chrono::NaiveDate;
use kiosk_core::idcheck::{parse_mrz, MrzFormat, Position};
use libfuzzer_sys::fuzz_target;

/// A fixed day on which the ICAO specimens (expiring 2012-04-15) are valid, so the seeds reach the
/// "valid" branches.
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2010, 6, 1).unwrap_or_default()
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let today = today();
    let result = parse_mrz(&input, today);

    // Deterministic: the same input on the same day gives the same answer.
    assert_eq!(
        result,
        parse_mrz(&input, today),
        "parse is not deterministic"
    );

    let report = match result {
        Err(e) => {
            // `Err` only when the input is not a zone at all (`kioskctl mrz parse` exits 2).
            assert!(
                e.is_unusable_input(),
                "Err that is not unusable input: {e:?}"
            );
            let json = serde_json::to_value(&e).expect("error serialises");
            assert_eq!(json["code"], e.code());
            return;
        }
        Ok(report) => report,
    };

    // The layout matches the format, and every position points into the zone.
    let (lines, width, checks) = match report.format {
        MrzFormat::Td1 => (3, 30, 4),
        MrzFormat::Td2 => (2, 36, 4),
        MrzFormat::Td3 => (2, 44, 5),
    };
    assert_eq!(report.checks.len(), checks, "{:?}", report.checks);
    let in_zone = |p: Position| (1..=lines).contains(&p.line) && (1..=width).contains(&p.column);
    for c in &report.checks {
        assert!(in_zone(c.position), "check outside the zone: {c:?}");
        assert!(c.expected.is_ascii_digit(), "{c:?}");
    }
    for e in &report.errors {
        assert!(
            !e.is_unusable_input(),
            "unusable-input error inside a report: {e:?}"
        );
        if let Some(p) = e.position() {
            assert!(in_zone(p), "error outside the zone: {e:?}");
        }
    }

    // Valid exactly when there are no errors; a valid report passed every check.
    assert_eq!(
        report.valid,
        report.errors.is_empty(),
        "{:?}",
        report.errors
    );
    assert_eq!(report.to_checked().is_acceptable(), report.valid);
    // Every failed check is reported as an error.
    let failed = report.checks.iter().filter(|c| !c.passed).count();
    assert!(
        report.errors.len() >= failed,
        "{failed} failed check(s) but errors {:?}",
        report.errors
    );
    if report.valid {
        assert!(
            report.checks.iter().all(|c| c.passed),
            "{:?}",
            report.checks
        );
        let doc = &report.document;
        // A valid zone identifies a document: its type, a number, a surname, a known expiry that
        // is not past on the fixed day.
        assert!(
            doc.document_type.is_some(),
            "valid without a document type: {doc:?}"
        );
        assert!(
            !doc.document_number.is_empty(),
            "valid without a document number: {doc:?}"
        );
        assert!(!doc.surname.is_empty(), "valid without a surname: {doc:?}");
        assert!(
            doc.expiry_date.is_some_and(|d| d >= today),
            "valid without a current expiry: {doc:?}"
        );
        assert!(doc.sex.is_some(), "{doc:?}");
        assert!(
            !doc.issuing_state.is_empty() && !doc.nationality.is_empty(),
            "{doc:?}"
        );
    }

    // The fields are in ICAO form: names as words of A–Z with single spaces, codes A–Z.
    let doc = &report.document;
    for name in [&doc.surname, &doc.given_names] {
        assert!(
            !name.starts_with(' ') && !name.ends_with(' ') && !name.contains("  "),
            "{name:?}"
        );
        assert!(
            name.chars().all(|c| c.is_ascii_alphanumeric() || c == ' '),
            "{name:?}"
        );
    }
    for code in [&doc.document_code, &doc.issuing_state, &doc.nationality] {
        assert!(!code.ends_with('<'), "{code:?}");
    }
    if let Some(pn) = &doc.personal_number {
        assert!(
            pn.len() == 10 && pn.bytes().all(|b| b.is_ascii_digit()),
            "{pn:?}"
        );
    }

    // `kioskctl mrz parse` prints the report as JSON: that must always work.
    let json = serde_json::to_value(&report).expect("report serialises");
    assert_eq!(json["valid"], report.valid);
});

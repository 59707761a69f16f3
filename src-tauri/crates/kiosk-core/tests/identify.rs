//! From a document to the record: lookup by the personal number it carries and the comparison
//! with the customer and everyone acting for them, against the reference server's demo data.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use kiosk_core::idcheck::transliterate::to_icao;
use kiosk_core::idcheck::DocumentData;
use kiosk_core::identify::{self, Subject};
use protocol::api::{ActingCapacity, CustomerSummary, DocumentType};
use protocol::mutation::{MatchVerdict, VerificationMethod};

/// The identity card the person on `record` would carry.
fn card_of(first: &str, last: &str, personal_number: Option<String>) -> DocumentData {
    DocumentData {
        document_type: DocumentType::IdCard,
        issuing_state: "RKS".into(),
        document_number: "P01234567".into(),
        expires_on: None,
        personal_number,
        surname: to_icao(last),
        given_names: to_icao(first),
        date_of_birth: None,
        nationality: Some("RKS".into()),
        method: VerificationMethod::Scanned,
    }
}

fn customer_card(c: &CustomerSummary) -> DocumentData {
    DocumentData {
        date_of_birth: c.date_of_birth,
        ..card_of(&c.first_name, &c.last_name, c.personal_number.clone())
    }
}

#[test]
fn a_card_finds_its_customer_and_a_guardians_card_matches_the_guardian() {
    let dir = tempfile::tempdir().unwrap();
    let rt = common::runtime();
    let server = common::start_server(
        &dir.path().join("central.sqlite3"),
        "127.0.0.1:0".parse().unwrap(),
        8,
    );
    let kiosk = common::Kiosk::enrol(&rt, &dir.path().join("kiosk"), &server.url(), 5);
    let enrolment = kiosk_core::central::enrolled(&kiosk.store.lock().unwrap()).unwrap();
    let client = kiosk_core::sync::http_client(&Default::default()).unwrap();
    let record = |id: &str| {
        rt.block_on(kiosk_core::central::fetch_data_report(
            &client, &enrolment, id,
        ))
        .unwrap()
        .customer
    };

    // The customer's own card: found by its personal number, a match in person.
    let drita = record("C-000002");
    let found = rt
        .block_on(identify::candidates(
            &client,
            &enrolment,
            &customer_card(&drita),
        ))
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].customer.customer_id, "C-000002");
    let best = found[0].best().unwrap();
    assert_eq!(best.subject, Subject::Customer);
    assert_eq!(best.result.verdict, MatchVerdict::Match);

    // A card with this personal number but another name and birth date is never a match.
    let mut other = customer_card(&drita);
    other.surname = "KRASNIQI".into();
    other.given_names = "BLERIM".into();
    other.date_of_birth = drita.date_of_birth.map(|d| d + chrono::Duration::days(400));
    let found = rt
        .block_on(identify::candidates(&client, &enrolment, &other))
        .unwrap();
    assert_ne!(found[0].best().unwrap().result.verdict, MatchVerdict::Match);

    // A minor's record: the guardian's card matches the guardian on record, best first.
    let minor = record("C-000006");
    let guardian = minor
        .representatives
        .iter()
        .find(|r| r.capacity == ActingCapacity::Guardian)
        .expect("the demo minor has a guardian")
        .clone();
    let card = card_of(
        &guardian.first_name,
        &guardian.last_name,
        guardian.personal_number.clone(),
    );
    let candidate = identify::compare(&card, minor);
    let best = candidate.best().unwrap();
    assert!(matches!(
        best.subject,
        Subject::Representative {
            capacity: ActingCapacity::Guardian,
            ..
        }
    ));
    assert_eq!(best.result.verdict, MatchVerdict::Match);
    assert_eq!(
        candidate.comparisons.last().unwrap().result.verdict,
        MatchVerdict::Mismatch
    );

    // A passport without a personal number finds nothing by itself: the clerk searches.
    let passport = card_of("ANNA", "MUELLER", None);
    assert!(rt
        .block_on(identify::candidates(&client, &enrolment, &passport))
        .unwrap()
        .is_empty());
    server.shutdown().unwrap();
}

//! The signed captures end to end against the reference server: a clerk signs in, a demo
//! customer's card identifies them, and the customer signs a consent, a correction and an
//! objection while the central API is down; the queue then drains and the central API holds what
//! was signed. The receipts name what was saved, and "Done" forgets it all.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use kiosk_core::capture::consent::{self, ConsentDraft};
use kiosk_core::capture::correction::{self, CorrectionDraft};
use kiosk_core::capture::request::{self, RequestDraft};
use kiosk_core::counter::{Counter, IdentityConfirmation};
use kiosk_core::idcheck::mrz::parse_mrz_with;
use kiosk_core::idcheck::record::{ActingFor, ClerkJudgement};
use kiosk_core::idcheck::IdCheckConfig;
use kiosk_core::signin::SignInPolicy;
use kiosk_core::sync;
use protocol::mutation::{
    ConsentChoice, CorrectableField, MutationPayload, PushOutcome, RequestParticulars, Signature,
    SignaturePoint,
};
use protocol::policy::{
    Channel, ConsentPurpose, ConsentState, LegitimateInterestPurpose, RightKind,
};
use protocol::Lang;

/// A signature as a customer writes it: a few hundred points across the pad.
fn signed() -> Signature {
    let stroke = |y0: u32, n: u32| -> Vec<SignaturePoint> {
        (0..n)
            .map(|i| SignaturePoint {
                x: 400 + i * 35,
                y: y0 + (i * 37 % 300),
                t: i * 16,
                pressure: None,
            })
            .collect()
    };
    Signature {
        width: 600,
        height: 200,
        strokes: vec![stroke(600, 120), stroke(900, 80)],
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn pdf_text(bytes: &[u8]) -> String {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(file.path())
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_customer_signs_a_consent_a_correction_and_an_objection_offline_and_the_central_api_applies_them(
) {
    let tmp = tempfile::tempdir().unwrap();
    let rt = runtime();
    let server_db = tmp.path().join("central.sqlite3");
    let server = start_server(&server_db, "127.0.0.1:0".parse().unwrap(), 8);
    let addr = server.local_addr();
    let kiosk = Kiosk::enrol(&rt, &tmp.path().join("kiosk"), &server.url(), 1);
    let client = sync::http_client(&Default::default()).unwrap();
    let now = kiosk_core::time::now();
    let today = kiosk_core::time::today();

    // Sign in, then identify C-000002 by their card and load their data, online.
    let mut store = kiosk.store.lock().unwrap();
    rt.block_on(kiosk_core::central::refresh_staff(&client, &mut store))
        .unwrap();
    let enrolment = kiosk_core::central::enrolled(&store).unwrap();
    let mut counter = Counter::new(SignInPolicy::default(), chrono::Duration::minutes(10));
    counter.sign_in(&mut store, "PR-0101", "1111", now).unwrap();
    let report = rt
        .block_on(kiosk_core::central::fetch_data_report(
            &client, &enrolment, "C-000002",
        ))
        .unwrap();
    let zone = kiosk_core::demo::id_card_zone(
        &report.customer,
        "P00000002",
        today + chrono::Duration::days(900),
    )
    .unwrap();
    let checked = parse_mrz_with(&zone, today, &IdCheckConfig::default())
        .unwrap()
        .to_checked();
    counter.hold_document(&mut store, checked, now).unwrap();
    counter.remember_candidates(vec![report.customer.clone()]);
    // Before the identity check nothing can be captured, and nothing disclosed.
    assert_eq!(
        counter.disclosure_ground().err().map(|e| e.code()),
        Some("no_customer_session")
    );
    assert_eq!(
        counter
            .capture_session(&mut store, "DEMO-PRISHTINA", now)
            .err()
            .map(|e| e.code()),
        Some("no_customer_session")
    );
    counter
        .confirm_identity(
            &mut store,
            IdentityConfirmation {
                customer_id: "C-000002".into(),
                acting: ActingFor::Themself,
                photo_confirmed: true,
                judgement: ClerkJudgement::NotGiven,
                store_code: enrolment.store_code.clone(),
                today,
                config: IdCheckConfig::default(),
            },
            now,
        )
        .unwrap();
    counter
        .keep_report(&mut store, report.clone(), now)
        .unwrap();
    let current = consent::current_choices(&report.consents);

    // The network goes down; the counter goes on.
    server.shutdown().unwrap();
    let (session, _) = counter
        .capture_session(&mut store, &enrolment.store_code, now)
        .unwrap();
    // A disclosure to this person cites the same identity check, and the capacity they act in.
    let ground = counter.disclosure_ground().unwrap();
    assert_eq!(
        ground.identity_verification_id,
        Some(session.verification.verification_id)
    );
    assert_eq!(ground.acting, Some(protocol::api::ActingCapacity::Themself));
    let notice = store.notice(Lang::Sq).unwrap().unwrap();
    let given_now: Vec<_> = current
        .iter()
        .filter(|c| c.state == ConsentState::Given)
        .collect();
    let mut choices = vec![ConsentChoice {
        purpose: ConsentPurpose::CurrentOffers,
        channel: Some(Channel::Email),
        state: ConsentState::Given,
    }];
    // Withdraw one consent the customer gave earlier, if any; refuse "help us be better" otherwise.
    match given_now.iter().find(|c| {
        !(c.purpose == ConsentPurpose::CurrentOffers && c.channel == Some(Channel::Email))
    }) {
        Some(c) => choices.push(ConsentChoice {
            purpose: c.purpose,
            channel: c.channel,
            state: ConsentState::Withdrawn,
        }),
        None => choices.push(ConsentChoice {
            purpose: ConsentPurpose::HelpUsBeBetter,
            channel: None,
            state: ConsentState::Refused,
        }),
    }
    let draft = ConsentDraft {
        lang: Lang::Sq,
        notice_id: notice.notice_id.clone(),
        notice_version: notice.version,
        notice_sha256: notice.text_sha256.clone(),
        choices: choices.clone(),
        signature: signed(),
    };
    // A stale notice and a tap for a signature are refused, and nothing is queued for them.
    let pending_before = store.pending_count().unwrap();
    let stale = ConsentDraft {
        notice_version: notice.version + 1,
        ..draft.clone()
    };
    assert_eq!(
        consent::record(&mut store, &session, Some(&report), stale)
            .err()
            .map(|e| e.code()),
        Some("notice_outdated")
    );
    let tap = ConsentDraft {
        signature: Signature {
            width: 600,
            height: 200,
            strokes: vec![signed().strokes[0][..4].to_vec()],
        },
        ..draft.clone()
    };
    assert_eq!(
        consent::record(&mut store, &session, Some(&report), tap)
            .err()
            .map(|e| e.code()),
        Some("signature_too_short")
    );
    assert_eq!(store.pending_count().unwrap(), pending_before);

    let consent_saved = consent::record(&mut store, &session, Some(&report), draft).unwrap();
    counter.keep_captured(consent_saved.clone());
    let MutationPayload::ConsentRecorded(record) = &consent_saved.payload else {
        panic!()
    };
    assert_eq!(record.collection_method, "in store, clerk assisted, signed");
    assert_eq!(record.jurisdiction, "XK");
    assert_eq!(record.controller, "IPKO Telecommunications LLC");
    assert_eq!(
        record.identity_verification_id,
        Some(session.verification.verification_id)
    );
    assert_eq!(record.signature_sha256, signed().sha256());
    assert_eq!(consent_saved.saved.reference, record.record_id.to_string());

    let bad_email = CorrectionDraft {
        field: CorrectableField::Email,
        new_value: "arta@example".into(),
        reason: "New address".into(),
    };
    assert_eq!(
        correction::check(&session.customer, &bad_email)
            .err()
            .map(|e| e.code()),
        Some("invalid_email")
    );
    // Hostile text: refused before anything is written, or kept as plain words.
    let rtl = CorrectionDraft {
        field: CorrectableField::Address,
        new_value: "Rr. Agim Ramadani 12, Prishtinë".into(),
        reason: "Moved \u{202E}fdp.exe".into(),
    };
    assert_eq!(
        correction::record(&mut store, &session, &rtl, signed())
            .err()
            .map(|e| e.code()),
        Some("invalid_input")
    );
    let huge = CorrectionDraft {
        field: CorrectableField::FirstName,
        new_value: "A".repeat(10 * 1024 * 1024),
        reason: "x".into(),
    };
    assert_eq!(
        correction::record(&mut store, &session, &huge, signed())
            .err()
            .map(|e| e.code()),
        Some("invalid_name")
    );
    assert_eq!(store.pending_count().unwrap(), pending_before + 2);
    let email = CorrectionDraft {
        field: CorrectableField::Email,
        new_value: " New.Address@Example.COM ".into(),
        reason: "Changed provider'); DROP TABLE outbox;-- <b>new</b>".into(),
    };
    let correction_saved = correction::record(&mut store, &session, &email, signed()).unwrap();
    counter.keep_captured(correction_saved.clone());
    let MutationPayload::CorrectionRequested(c) = &correction_saved.payload else {
        panic!()
    };
    assert_eq!(c.new_value, "New.Address@example.com");
    assert_eq!(
        c.reason,
        "Changed provider'); DROP TABLE outbox;-- <b>new</b>"
    );
    assert_eq!(c.base_record_version, report.customer.record_version);
    // A second correction on the same record version: the central API applies the first, so
    // this one meets a newer record and comes back a conflict for the review list.
    let phone = CorrectionDraft {
        field: CorrectableField::ContactNumber,
        new_value: "049 555 123".into(),
        reason: "New number".into(),
    };
    let phone_saved = correction::record(&mut store, &session, &phone, signed()).unwrap();

    let objection = RequestDraft {
        kind: RightKind::Objection,
        details: "I do not want my calls analysed for fraud.".into(),
        objection_purpose: Some(LegitimateInterestPurpose::FraudPrevention),
        particulars: RequestParticulars::Objection,
    };
    let request_saved = request::record(&mut store, &session, &objection, signed()).unwrap();
    counter.keep_captured(request_saved.clone());
    assert!(request_saved.saved.reference.starts_with(&format!(
        "DEMO-PRISHTINA-{}-",
        kiosk_core::time::local_date(now).format("%Y")
    )));
    let due = request_saved.saved.due_at.unwrap();
    assert_eq!(
        due,
        chrono::DateTime::checked_add_months(
            request_saved.saved.captured_at,
            chrono::Months::new(1)
        )
        .unwrap()
    );

    // Receipts, from the session's memory, in the three languages.
    for lang in Lang::ALL {
        for captured in [&consent_saved, &correction_saved, &request_saved] {
            let pdf = kiosk_core::capture::render_receipt(captured, lang, true).unwrap();
            let text = pdf_text(&pdf.bytes);
            assert!(
                text.contains(&captured.saved.verification_code),
                "{lang}: {text}"
            );
            if captured.saved.kind != protocol::mutation::MutationKind::ConsentRecorded {
                assert!(text.contains(&captured.saved.reference), "{lang}: {text}");
            }
        }
    }
    // At rest: the signed changes wait in the queue with the customer's data in them, and a copy
    // of the database's files holds none of it (SQLCipher). The same bytes exported to a plain
    // SQLite file do show it, so the search is one that finds what is there.
    let db_path = kiosk_core::paths::db_path(&kiosk.dir);
    let customer = &report.customer;
    let mut personal: Vec<String> = vec![
        customer.first_name.clone(),
        customer.last_name.clone(),
        customer.address.clone(),
        "P00000002".into(),
        "New.Address@example.com".into(),
        "+383 49 555 123".into(),
        "I do not want my calls analysed".into(),
    ];
    personal.extend(customer.personal_number.clone());
    personal.extend(customer.email.clone());
    personal.extend(customer.msisdns.iter().cloned());
    let queued: String = {
        let raw = kiosk_core::Store::raw_connection(&db_path).unwrap();
        let mut stmt = raw
            .prepare("SELECT coalesce(payload, '') FROM outbox")
            .unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    for value in ["New.Address@example.com", "+383 49 555 123"] {
        assert!(queued.contains(value), "the queue lacks {value}");
    }
    let copy = tempfile::tempdir().unwrap();
    let mut copied = Vec::new();
    for entry in std::fs::read_dir(&kiosk.dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with(kiosk_core::paths::DB_FILE_NAME) {
            std::fs::copy(&path, copy.path().join(&name)).unwrap();
            copied.push(name);
        }
    }
    assert!(copied.iter().any(|n| n.ends_with("-wal")), "{copied:?}");
    for name in &copied {
        let bytes = std::fs::read(copy.path().join(name)).unwrap();
        for value in &personal {
            assert!(
                !contains(&bytes, value.as_bytes()),
                "{name} holds a customer's data in the clear"
            );
        }
    }
    let plain = copy.path().join("plain.sqlite3");
    kiosk_core::Store::raw_connection(&db_path)
        .unwrap()
        .execute_batch(&format!(
            "ATTACH DATABASE '{}' AS plain KEY ''; SELECT sqlcipher_export('plain'); DETACH DATABASE plain;",
            plain.display()
        ))
        .unwrap();
    let plain_bytes = std::fs::read(&plain).unwrap();
    assert!(contains(&plain_bytes, b"New.Address@example.com"));
    assert!(contains(&plain_bytes, b"+383 49 555 123"));

    drop(store);

    // Back online: everything is applied once, the second correction is a conflict.
    let server = start_server(&server_db, addr, 8);
    let mut outcomes = Vec::new();
    rt.block_on(sync::drain(
        &kiosk.store,
        &client,
        &Default::default(),
        |round| {
            outcomes.extend(
                round
                    .results
                    .iter()
                    .map(|r| (r.mutation_id, r.outcome.clone())),
            );
        },
    ))
    .unwrap();
    let outcome = |id| {
        outcomes
            .iter()
            .find(|(m, _)| *m == id)
            .map(|(_, o)| o.clone())
    };
    for saved in [&consent_saved, &correction_saved, &request_saved] {
        assert_eq!(
            outcome(saved.saved.mutation_id),
            Some(PushOutcome::Applied),
            "{:?}",
            saved.saved.kind
        );
    }
    assert!(matches!(
        outcome(phone_saved.saved.mutation_id),
        Some(PushOutcome::Conflict { .. })
    ));
    let after = rt
        .block_on(kiosk_core::central::fetch_data_report(
            &client, &enrolment, "C-000002",
        ))
        .unwrap();
    assert_eq!(
        after.customer.email.as_deref(),
        Some("New.Address@example.com")
    );
    let now_current = consent::current_choices(&after.consents);
    for choice in &choices {
        let on_record = now_current
            .iter()
            .find(|c| c.purpose == choice.purpose && c.channel == choice.channel)
            .unwrap();
        assert_eq!(on_record.state, choice.state);
        assert_eq!(on_record.method, "in store, clerk assisted, signed");
    }
    let open = after
        .open_requests
        .iter()
        .find(|r| r.reference == request_saved.saved.reference)
        .unwrap();
    assert_eq!(open.kind, RightKind::Objection);
    assert_eq!(open.due_at, due);

    // "Done": the captures leave memory with the customer.
    let mut store = kiosk.store.lock().unwrap();
    counter.end_customer();
    assert!(counter
        .captured(&mut store, consent_saved.saved.mutation_id, now)
        .is_err());
    assert_eq!(
        counter
            .capture_session(&mut store, "DEMO-PRISHTINA", now)
            .err()
            .map(|e| e.code()),
        Some("no_customer_session")
    );
    drop(server);
}

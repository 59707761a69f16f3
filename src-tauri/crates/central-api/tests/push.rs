//! The push contract against a real server: dedup, lost answers, sequence gaps, conflicts,
//! rejections and admission control.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use central_api::Faults;
use chrono::{DateTime, Duration as TimeDelta, SubsecRound, Utc};
use common::*;
use protocol::api::{ActingCapacity, CustomerSummary, DocumentType};
use protocol::codes;
use protocol::identity;
use protocol::mutation::{
    Actor, CorrectableField, DocumentHolder, IdentityVerified, MatchVerdict, Mutation,
    MutationPayload, VerificationMethod, AUDIT_GENESIS_HASH,
};
use protocol::policy::{ConsentState, RightKind};
use serde_json::Value;

const NAME: &str = "push";

#[test]
fn the_same_mutation_pushed_twice_is_applied_once() {
    let server = TestServer::start(NAME);
    let mut kiosk = server.enroll();
    let customer = server.individual();
    let notice = kiosk.notice("en");
    let consents_before = server.count(
        "SELECT COUNT(*) FROM consents WHERE customer_id = ?1",
        [&customer.customer_id],
    );
    let m = kiosk.change(&consent(
        &customer.customer_id,
        &notice,
        ConsentState::Given,
    ));

    let first = kiosk.push(std::slice::from_ref(&m));
    assert_eq!(first.status(), 200);
    let first: Value = first.json().unwrap();
    assert_eq!(statuses(&first), ["applied"]);
    assert_eq!(first["applied_through_seq"], 1);

    let second = kiosk.push(std::slice::from_ref(&m));
    assert_eq!(second.status(), 200);
    let second: Value = second.json().unwrap();
    assert_eq!(statuses(&second), ["duplicate"]);
    assert_eq!(second["applied_through_seq"], 1);

    // Two choices, recorded once.
    let rows = server.count(
        "SELECT COUNT(*) FROM consents WHERE mutation_id = ?1",
        [m.mutation_id.to_string()],
    );
    assert_eq!(rows, 2);
    assert_eq!(
        server.count(
            "SELECT COUNT(*) FROM consents WHERE customer_id = ?1",
            [&customer.customer_id],
        ),
        consents_before + 2
    );
    assert_eq!(server.metric("central_api_mutations_applied_total"), 1);
    assert_eq!(server.metric("central_api_mutations_duplicate_total"), 1);

    // The consent shows in the data report, and profiling that needs it now applies.
    let report = kiosk.get_json(&format!(
        "/v1/customers/{}/data-report",
        customer.customer_id
    ));
    let consents = report["consents"].as_array().unwrap();
    assert!(consents.iter().any(|c| c["purpose"] == "help_us_be_better"
        && c["state"] == "given"
        && c["channel"].is_null()));
    let help = report["automated_processing"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["purpose"] == "help_us_be_better")
        .unwrap();
    assert_eq!(help["applies"], true);
}

#[test]
fn dedup_is_permanent_across_restarts() {
    let mut server = TestServer::start(NAME);
    let mut kiosk = server.enroll();
    let customer = server.individual();
    let m = kiosk.change(&rights_request(&customer.customer_id, RightKind::Access));
    assert_eq!(
        statuses(&kiosk.push(std::slice::from_ref(&m)).json().unwrap()),
        ["applied"]
    );

    // Same database, new server process state.
    server.server.take().unwrap().shutdown().unwrap();
    let restarted = central_api::spawn_background(
        central_api::ServerConfig::demo(&server.db_path),
        "127.0.0.1:0".parse().unwrap(),
    )
    .unwrap();
    kiosk.url = restarted.url();
    let again: Value = kiosk.push(std::slice::from_ref(&m)).json().unwrap();
    assert_eq!(statuses(&again), ["duplicate"]);
    assert_eq!(again["applied_through_seq"], 1);
    restarted.shutdown().unwrap();
    assert_eq!(
        server.count(
            "SELECT COUNT(*) FROM requests WHERE mutation_id = ?1",
            [m.mutation_id.to_string()]
        ),
        1
    );
}

/// How many rows each of the three changes of the lost-response test left: its consent choices,
/// its request, its audit copy.
fn effects(server: &TestServer, batch: &[Mutation]) -> [i64; 3] {
    [
        server.count(
            "SELECT COUNT(*) FROM consents WHERE mutation_id = ?1",
            [batch[0].mutation_id.to_string()],
        ),
        server.count(
            "SELECT COUNT(*) FROM requests WHERE mutation_id = ?1",
            [batch[1].mutation_id.to_string()],
        ),
        server.count(
            "SELECT COUNT(*) FROM audit_events WHERE mutation_id = ?1",
            [batch[2].mutation_id.to_string()],
        ),
    ]
}

#[test]
fn a_lost_response_followed_by_a_retry_applies_once() {
    let server = TestServer::start(NAME);
    let mut kiosk = server.enroll();
    let customer = server.individual();
    let notice = kiosk.notice("en");
    let batch = vec![
        kiosk.change(&consent(
            &customer.customer_id,
            &notice,
            ConsentState::Given,
        )),
        kiosk.change(&rights_request(&customer.customer_id, RightKind::Erasure)),
        kiosk.change(&audit(1)),
    ];
    let MutationPayload::RightsRequestSubmitted(request) = batch[1].decode().unwrap() else {
        unreachable!()
    };

    // All or nothing: when the last change cannot be written, the first two are not kept either.
    server
        .db()
        .execute_batch(
            "CREATE TRIGGER fail_audit BEFORE INSERT ON audit_events
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
        )
        .unwrap();
    assert_eq!(
        status_code(kiosk.push(&batch)),
        (500, "internal".to_owned())
    );
    assert_eq!(effects(&server, &batch), [0, 0, 0]);
    assert_eq!(server.count("SELECT COUNT(*) FROM mutations", []), 0);
    assert_eq!(
        server.count("SELECT applied_through_seq FROM devices", []),
        0
    );
    server
        .db()
        .execute_batch("DROP TRIGGER fail_audit")
        .unwrap();

    server
        .faults()
        .set(Faults {
            drop_response_rate: 1.0,
            ..Faults::none()
        })
        .unwrap();
    let lost = kiosk.push_with(&client(), &batch);
    assert!(
        lost.is_err(),
        "the answer should have been dropped: {lost:?}"
    );

    // The server applied and committed the whole batch, in one transaction, before dropping the
    // answer.
    assert_eq!(effects(&server, &batch), [2, 1, 1]);
    assert_eq!(
        server.count("SELECT applied_through_seq FROM devices", []),
        3
    );
    assert_eq!(
        server.count(
            "SELECT COUNT(DISTINCT received_at) FROM mutations WHERE outcome = 'applied'",
            []
        ),
        1
    );

    server.faults().clear();
    let retry = kiosk.push(&batch);
    assert_eq!(retry.status(), 200);
    let retry: Value = retry.json().unwrap();
    assert_eq!(statuses(&retry), ["duplicate", "duplicate", "duplicate"]);
    assert_eq!(retry["applied_through_seq"], 3);
    assert_eq!(effects(&server, &batch), [2, 1, 1]);
    assert_eq!(server.metric("central_api_mutations_applied_total"), 3);
    assert_eq!(server.metric("central_api_mutations_duplicate_total"), 3);
    assert_eq!(
        server.metric("central_api_fault_dropped_responses_total"),
        1
    );

    // The request has its due dates: one month as a rule, three at most.
    let status = kiosk.get_json(&format!("/v1/requests/{}", request.reference));
    assert_eq!(status["kind"], "erasure");
    assert_eq!(status["state"], "received");
    let submitted =
        chrono::DateTime::parse_from_rfc3339(status["submitted_at"].as_str().unwrap()).unwrap();
    let due = chrono::DateTime::parse_from_rfc3339(status["due_at"].as_str().unwrap()).unwrap();
    let latest =
        chrono::DateTime::parse_from_rfc3339(status["latest_due_at"].as_str().unwrap()).unwrap();
    assert!((28..=31).contains(&(due - submitted).num_days()));
    assert!((89..=92).contains(&(latest - submitted).num_days()));
}

#[test]
fn a_reset_connection_changes_nothing() {
    let server = TestServer::start(NAME);
    let mut kiosk = server.enroll();
    let customer = server.individual();
    let m = kiosk.change(&rights_request(
        &customer.customer_id,
        RightKind::Portability,
    ));
    server
        .faults()
        .set(Faults {
            reset_rate: 1.0,
            ..Faults::none()
        })
        .unwrap();
    assert!(kiosk
        .push_with(&client(), std::slice::from_ref(&m))
        .is_err());
    assert_eq!(server.count("SELECT COUNT(*) FROM mutations", []), 0);
    assert_eq!(server.metric("central_api_fault_resets_total"), 1);

    // Errors alternate between 503 with Retry-After and 500; nothing is applied either way.
    server
        .faults()
        .set(Faults {
            error_rate: 1.0,
            ..Faults::none()
        })
        .unwrap();
    let first = kiosk.push(std::slice::from_ref(&m));
    assert_eq!(first.status(), 503);
    assert_eq!(first.headers()["retry-after"], "1");
    assert_eq!(error_of(first).1, "unavailable");
    let second = kiosk.push(std::slice::from_ref(&m));
    assert_eq!(error_of(second).0, 500);
    assert_eq!(server.count("SELECT COUNT(*) FROM mutations", []), 0);

    server.faults().clear();
    assert_eq!(statuses(&kiosk.push(&[m]).json().unwrap()), ["applied"]);
}

#[test]
fn a_seq_gap_is_refused_and_changes_nothing() {
    let server = TestServer::start(NAME);
    let mut kiosk = server.enroll();
    let customer = server.individual();
    let first = kiosk.change(&rights_request(&customer.customer_id, RightKind::Access));
    let second = kiosk.change(&rights_request(&customer.customer_id, RightKind::Complaint));

    // Change 1 is missing.
    let (status, code, message) = error_of(kiosk.push(std::slice::from_ref(&second)));
    assert_eq!((status, code.as_str()), (409, "seq_gap"));
    assert!(message.contains("expects 1"), "{message}");
    assert_eq!(server.count("SELECT COUNT(*) FROM mutations", []), 0);
    assert_eq!(
        server.count(
            "SELECT COUNT(*) FROM requests WHERE mutation_id IS NOT NULL",
            []
        ),
        0
    );
    assert_eq!(
        server.count("SELECT applied_through_seq FROM devices", []),
        0
    );

    // A gap inside the batch, and a batch out of order, are refused too.
    let third = kiosk.change(&audit(3));
    assert_eq!(
        error_of(kiosk.push(&[first.clone(), third.clone()])).1,
        "seq_gap"
    );
    assert_eq!(
        error_of(kiosk.push(&[second.clone(), first.clone()])).1,
        "seq_order"
    );
    assert_eq!(server.count("SELECT COUNT(*) FROM mutations", []), 0);

    // In order, the same changes go through.
    let ok: Value = kiosk
        .push(&[first.clone(), second.clone(), third])
        .json()
        .unwrap();
    assert_eq!(statuses(&ok), ["applied", "applied", "applied"]);
    assert_eq!(ok["applied_through_seq"], 3);

    // After 3, a batch starting at 5 is a gap.
    kiosk.next_seq = 5;
    let fifth = kiosk.change(&audit(5));
    assert_eq!(error_of(kiosk.push(&[fifth])).1, "seq_gap");
    assert_eq!(
        server.count("SELECT applied_through_seq FROM devices", []),
        3
    );
}

#[test]
fn a_stale_correction_yields_a_conflict_with_the_current_value() {
    let server = TestServer::start(NAME);
    let mut kiosk = server.enroll();
    let customer = server.individual();
    let found = kiosk.get_json(&format!(
        "/v1/customers?customer_no={}",
        customer.customer_no
    ));
    let summary = &found["customers"][0];
    let version = summary["record_version"].as_u64().unwrap();
    let address = summary["address"].as_str().unwrap().to_owned();

    let fresh = kiosk.change(&correction(
        &customer.customer_id,
        CorrectableField::Address,
        &address,
        "Rruga e Re 1, Prishtinë",
        version,
    ));
    // A second kiosk session saw the same version and corrects the same field.
    let stale = kiosk.change(&correction(
        &customer.customer_id,
        CorrectableField::Address,
        &address,
        "Rruga Tjetër 2, Pejë",
        version,
    ));
    let body: Value = kiosk.push(&[fresh, stale.clone()]).json().unwrap();
    assert_eq!(statuses(&body), ["applied", "conflict"]);
    let current = &body["results"][1]["outcome"]["current"];
    assert_eq!(current["record_version"], version + 1);
    assert_eq!(current["field"], "address");
    assert_eq!(current["value"], "Rruga e Re 1, Prishtinë");
    assert_eq!(body["applied_through_seq"], 2);

    let after = kiosk.get_json(&format!(
        "/v1/customers?customer_no={}",
        customer.customer_no
    ));
    assert_eq!(after["customers"][0]["address"], "Rruga e Re 1, Prishtinë");
    assert_eq!(after["customers"][0]["record_version"], version + 1);

    // The conflict is kept for review, and a replay answers the same conflict, not "duplicate".
    assert_eq!(
        server.count(
            "SELECT COUNT(*) FROM review_items WHERE outcome = 'conflict' AND mutation_id = ?1",
            [stale.mutation_id.to_string()]
        ),
        1
    );
    let review_code: String = server
        .db()
        .query_row(
            "SELECT code FROM review_items WHERE mutation_id = ?1",
            [stale.mutation_id.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(review_code, codes::CONFLICT);
    let replay: Value = kiosk.push(&[stale]).json().unwrap();
    assert_eq!(statuses(&replay), ["conflict"]);
    assert_eq!(server.metric("central_api_mutations_conflict_total"), 1);
}

#[test]
fn invalid_changes_are_rejected_but_advance_the_sequence() {
    let server = TestServer::start(NAME);
    let mut kiosk = server.enroll();
    let customer = server.individual();

    let unknown = kiosk.change(&rights_request("C-NO-SUCH", RightKind::Access));
    let mut tampered = kiosk.change(&audit(2));
    tampered.payload["detail"] = Value::String("edited after hashing".into());
    let rectification = kiosk.change(&rights_request(
        &customer.customer_id,
        RightKind::Rectification,
    ));
    let objection = kiosk.change(&rights_request(&customer.customer_id, RightKind::Objection));
    let suspension = kiosk.change(&rights_request(
        &customer.customer_id,
        RightKind::MarketingSuspension,
    ));
    let MutationPayload::RightsRequestSubmitted(mut other_store) =
        rights_request(&customer.customer_id, RightKind::Access)
    else {
        unreachable!()
    };
    other_store.store_code = "PEJA-01".into();
    let other_store = kiosk.change(&MutationPayload::RightsRequestSubmitted(other_store));
    let good = kiosk.change(&rights_request(
        &customer.customer_id,
        RightKind::Restriction,
    ));
    let MutationPayload::RightsRequestSubmitted(good_request) = good.decode().unwrap() else {
        unreachable!()
    };
    let mut same_reference = good_request.clone();
    same_reference.kind = RightKind::Complaint;
    let same_reference = kiosk.change(&MutationPayload::RightsRequestSubmitted(same_reference));

    let body: Value = kiosk
        .push(&[
            unknown,
            tampered,
            rectification,
            objection,
            suspension,
            other_store,
            good,
            same_reference,
        ])
        .json()
        .unwrap();
    assert_eq!(
        statuses(&body),
        [
            "rejected", "rejected", "rejected", "rejected", "rejected", "rejected", "applied",
            "rejected"
        ]
    );
    let codes: Vec<&str> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["outcome"]["code"].as_str().unwrap_or("-"))
        .collect();
    assert_eq!(
        codes,
        [
            "unknown_customer",
            "payload_hash_mismatch",
            "invalid_payload",
            "invalid_payload",
            "invalid_payload",
            "wrong_store",
            "-",
            "duplicate_reference"
        ]
    );
    assert_eq!(body["applied_through_seq"], 8);
    assert_eq!(server.count("SELECT COUNT(*) FROM review_items", []), 7);
    assert_eq!(server.metric("central_api_mutations_rejected_total"), 7);

    // A settled seq reused by a different change is rejected, not applied, and kept for review
    // once however often it is pushed.
    kiosk.next_seq = 7;
    let reused = kiosk.change(&audit(7));
    for _ in 0..2 {
        let body: Value = kiosk.push(std::slice::from_ref(&reused)).json().unwrap();
        assert_eq!(body["results"][0]["outcome"]["code"], "seq_reused");
        assert_eq!(body["applied_through_seq"], 8);
    }
    assert_eq!(
        server.count(
            "SELECT COUNT(*) FROM audit_events WHERE mutation_id = ?1",
            [reused.mutation_id.to_string()]
        ),
        0
    );
    assert_eq!(
        server.count(
            "SELECT COUNT(*) FROM review_items
             WHERE code = 'seq_reused' AND outcome = 'rejected' AND seq = 7 AND mutation_id = ?1",
            [reused.mutation_id.to_string()]
        ),
        1
    );
    assert_eq!(server.count("SELECT COUNT(*) FROM review_items", []), 8);
    assert_eq!(server.metric("central_api_mutations_rejected_total"), 9);
}

#[test]
fn a_signature_that_cannot_be_a_hand_on_the_pad_is_rejected() {
    let server = TestServer::start(NAME);
    let mut kiosk = server.enroll();
    let customer = server.individual();
    let bad = |edit: &dyn Fn(&mut protocol::mutation::Signature)| {
        let MutationPayload::RightsRequestSubmitted(mut request) =
            rights_request(&customer.customer_id, RightKind::Access)
        else {
            unreachable!()
        };
        edit(&mut request.signature);
        request.signature_sha256 = request.signature.sha256();
        MutationPayload::RightsRequestSubmitted(request)
    };
    let changes = [
        kiosk.change(&bad(&|s| s.strokes[0][0].x = s.width * 10 + 1)),
        kiosk.change(&bad(&|s| s.strokes[0][0].pressure = Some(1001))),
        kiosk.change(&bad(&|s| s.strokes = vec![vec![]])),
        kiosk.change(&bad(&|s| s.height = 0)),
    ];
    let body: Value = kiosk.push(&changes).json().unwrap();
    assert_eq!(statuses(&body), ["rejected"; 4]);
    for result in body["results"].as_array().unwrap() {
        assert_eq!(result["outcome"]["code"], "invalid_payload");
    }
}

#[test]
fn a_known_mutation_id_with_another_payload_is_rejected_and_kept_for_review() {
    let server = TestServer::start(NAME);
    let mut kiosk = server.enroll();
    let customer = server.individual();
    let original = kiosk.change(&rights_request(&customer.customer_id, RightKind::Access));
    assert_eq!(
        statuses(&kiosk.push(std::slice::from_ref(&original)).json().unwrap()),
        ["applied"]
    );

    // The same seq and mutation id, another request (with its own correct hash).
    let other = rights_request(&customer.customer_id, RightKind::Erasure);
    let mut resent = Mutation::new(
        original.seq,
        original.mutation_id,
        original.captured_at,
        &original.clerk_id,
        &other,
    );
    assert_ne!(resent.payload_sha256, original.payload_sha256);
    // And the same claimed hash with an edited payload.
    let mut edited = original.clone();
    edited.payload["details"] = Value::String("Something else entirely.".into());

    for m in [&resent, &edited] {
        let body: Value = kiosk.push(std::slice::from_ref(m)).json().unwrap();
        assert_eq!(statuses(&body), ["rejected"]);
        assert_eq!(
            body["results"][0]["outcome"]["code"],
            codes::MUTATION_ID_REUSED
        );
        assert_eq!(body["applied_through_seq"], 1);
    }
    // A later seq does not launder it either.
    resent.seq = 2;
    let body: Value = kiosk.push(std::slice::from_ref(&resent)).json().unwrap();
    assert_eq!(
        body["results"][0]["outcome"]["code"],
        codes::MUTATION_ID_REUSED
    );
    assert_eq!(body["applied_through_seq"], 2);

    // Nothing of the other payloads was applied; the original still answers `duplicate`.
    assert_eq!(
        server.count(
            "SELECT COUNT(*) FROM requests WHERE mutation_id = ?1",
            [original.mutation_id.to_string()]
        ),
        1
    );
    assert_eq!(
        server.count(
            "SELECT COUNT(*) FROM requests WHERE kind = 'erasure' AND customer_id = ?1 AND mutation_id IS NOT NULL",
            [&customer.customer_id]
        ),
        0
    );
    assert_eq!(
        server.count(
            "SELECT COUNT(*) FROM review_items WHERE code = 'mutation_id_reused' AND mutation_id = ?1",
            [original.mutation_id.to_string()]
        ),
        3
    );
    assert_eq!(server.metric("central_api_mutations_rejected_total"), 3);
    let body: Value = kiosk.push(std::slice::from_ref(&original)).json().unwrap();
    assert_eq!(statuses(&body), ["duplicate"]);
}

#[test]
fn an_audit_event_naming_an_unknown_customer_is_kept() {
    let server = TestServer::start(NAME);
    let mut kiosk = server.enroll();
    // The capture for a customer the server does not know is refused; the kiosk's audit entry of
    // that capture names the customer too, and is kept: the audit copy has no hole.
    let capture = kiosk.change(&rights_request("C-NO-SUCH", RightKind::Access));
    let entry = kiosk.change(&MutationPayload::AuditEvent(audit_entry(
        1,
        AUDIT_GENESIS_HASH,
        Some("C-NO-SUCH"),
    )));
    let body: Value = kiosk.push(&[capture, entry.clone()]).json().unwrap();
    assert_eq!(statuses(&body), ["rejected", "applied"]);
    assert_eq!(
        body["results"][0]["outcome"]["code"],
        codes::UNKNOWN_CUSTOMER
    );
    assert_eq!(
        server.count(
            "SELECT COUNT(*) FROM audit_events WHERE mutation_id = ?1",
            [entry.mutation_id.to_string()]
        ),
        1
    );
}

/// A push of one change, answered with its outcome's status and code.
fn push_one(kiosk: &mut Kiosk, payload: &MutationPayload) -> (String, String) {
    let m = kiosk.change(payload);
    let body: Value = kiosk.push(&[m]).json().unwrap();
    let outcome = &body["results"][0]["outcome"];
    (
        outcome["status"].as_str().unwrap().to_owned(),
        outcome["code"].as_str().unwrap_or("-").to_owned(),
    )
}

#[test]
fn the_server_checks_each_devices_audit_chain() {
    let server = TestServer::start(NAME);
    let mut kiosk = server.enroll();
    let applied = ("applied".to_owned(), "-".to_owned());
    let broken = ("rejected".to_owned(), codes::AUDIT_CHAIN_BROKEN.to_owned());

    // A sound chain of three is kept, in one push.
    let first = audit_entry(1, AUDIT_GENESIS_HASH, None);
    let second = audit_entry(2, &first.hash, Some("C-000001"));
    let third = audit_entry(3, &second.hash, None);
    let chain: Vec<Mutation> = [&first, &second, &third]
        .into_iter()
        .map(|e| kiosk.change(&MutationPayload::AuditEvent(e.clone())))
        .collect();
    let body: Value = kiosk.push(&chain).json().unwrap();
    assert_eq!(statuses(&body), ["applied", "applied", "applied"]);
    let device = kiosk.device_id.to_string();
    assert_eq!(
        server.count(
            "SELECT COUNT(*) FROM audit_events WHERE device_id = ?1",
            [&device]
        ),
        3
    );

    // An entry edited after it was sealed (its change re-hashed, so only the chain shows it).
    let mut edited = audit_entry(4, &third.hash, None);
    edited.detail = "nothing was printed".into();
    assert_eq!(
        push_one(&mut kiosk, &MutationPayload::AuditEvent(edited)),
        broken
    );

    // An entry that does not follow the last one received (entry 3 left out).
    let skipping = audit_entry(4, &second.hash, None);
    assert_eq!(
        push_one(&mut kiosk, &MutationPayload::AuditEvent(skipping)),
        broken
    );
    // Nor may a device start a new chain once it has one.
    assert_eq!(push_one(&mut kiosk, &audit(4)), broken);

    // Refused entries do not move the chain: the true entry 4 follows entry 3.
    let fourth = audit_entry(4, &third.hash, None);
    assert_eq!(
        push_one(&mut kiosk, &MutationPayload::AuditEvent(fourth.clone())),
        applied
    );
    assert_eq!(
        server.count(
            "SELECT COUNT(*) FROM audit_events WHERE device_id = ?1",
            [&device]
        ),
        4
    );
    assert_eq!(
        server.count(
            "SELECT COUNT(*) FROM review_items WHERE device_id = ?1 AND code = 'audit_chain_broken'",
            [&device]
        ),
        3
    );

    // The same kiosk re-enrolled as a new device continues its chain: a device's first entry
    // may follow any entry.
    let mut reenrolled = server.enroll();
    let fifth = audit_entry(5, &fourth.hash, None);
    assert_eq!(
        push_one(&mut reenrolled, &MutationPayload::AuditEvent(fifth.clone())),
        applied
    );
    let mut edited_sixth = audit_entry(6, &fifth.hash, None);
    edited_sixth.entry_seq = 7;
    assert_eq!(
        push_one(&mut reenrolled, &MutationPayload::AuditEvent(edited_sixth)),
        broken
    );
}

#[test]
fn captured_at_must_be_believable_and_deadlines_never_start_in_the_future() {
    let server = TestServer::start(NAME);
    let mut kiosk = server.enroll();
    let customer = server.individual();
    let now = Utc::now();

    let too_old = kiosk.change_at(
        &rights_request(&customer.customer_id, RightKind::Access),
        now - TimeDelta::days(401),
    );
    let too_new = kiosk.change_at(
        &rights_request(&customer.customer_id, RightKind::Access),
        now + TimeDelta::minutes(10),
    );
    // Old but believable: a kiosk that was offline for a month.
    let month_old_at = (now - TimeDelta::days(30)).trunc_subsecs(0);
    let month_old_payload = rights_request(&customer.customer_id, RightKind::Erasure);
    let month_old = kiosk.change_at(&month_old_payload, month_old_at);
    // A clock a few minutes ahead: accepted, but the deadlines count from the server's time.
    let ahead_payload = rights_request(&customer.customer_id, RightKind::Erasure);
    let ahead_at = now + TimeDelta::minutes(4);
    let ahead = kiosk.change_at(&ahead_payload, ahead_at);
    // An audit event is the kiosk's record, kept whatever its time.
    let old_audit = kiosk.change_at(&audit(1), now - TimeDelta::days(800));

    let before = Utc::now();
    let body: Value = kiosk
        .push(&[too_old, too_new, month_old, ahead, old_audit])
        .json()
        .unwrap();
    let after = Utc::now();
    assert_eq!(
        statuses(&body),
        ["rejected", "rejected", "applied", "applied", "applied"]
    );
    for i in 0..2 {
        assert_eq!(
            body["results"][i]["outcome"]["code"],
            codes::CAPTURED_AT_OUT_OF_RANGE
        );
    }
    let message = body["results"][1]["outcome"]["message"].as_str().unwrap();
    assert!(message.contains("clock"), "{message}");
    assert_eq!(body["applied_through_seq"], 5);
    assert_eq!(
        server.count(
            "SELECT COUNT(*) FROM review_items WHERE code = 'captured_at_out_of_range'",
            []
        ),
        2
    );

    let time = |v: &Value| -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(v.as_str().unwrap())
            .unwrap()
            .with_timezone(&Utc)
    };
    let reference = |p: &MutationPayload| match p {
        MutationPayload::RightsRequestSubmitted(r) => r.reference.clone(),
        _ => unreachable!(),
    };
    let status = kiosk.get_json(&format!("/v1/requests/{}", reference(&month_old_payload)));
    assert_eq!(time(&status["submitted_at"]), month_old_at);
    let due = RightKind::Erasure.deadline().due_dates(month_old_at);
    assert_eq!(time(&status["due_at"]), due.due_at);
    assert_eq!(time(&status["latest_due_at"]), due.latest_at);

    let status = kiosk.get_json(&format!("/v1/requests/{}", reference(&ahead_payload)));
    let submitted = time(&status["submitted_at"]);
    assert!(
        before.trunc_subsecs(6) <= submitted && submitted <= after && submitted < ahead_at,
        "submitted at {submitted}, pushed between {before} and {after}, captured at {ahead_at}"
    );
    let due = RightKind::Erasure.deadline().due_dates(submitted);
    assert_eq!(time(&status["due_at"]), due.due_at);
    assert_eq!(time(&status["latest_due_at"]), due.latest_at);
}

#[test]
fn pushes_above_the_limit_are_throttled_with_retry_after() {
    let server = TestServer::start_with(NAME, |c| c.max_concurrent_pushes = 1);
    let customer = server.individual();
    let mut first = server.enroll();
    let mut second = server.enroll();
    let first_change = first.change(&rights_request(&customer.customer_id, RightKind::Access));
    let second_change = second.change(&rights_request(&customer.customer_id, RightKind::Access));
    // The latency holds the one push slot, as a slow database would.
    server
        .faults()
        .set(Faults {
            latency_ms: 2000,
            ..Faults::none()
        })
        .unwrap();
    let slow = std::thread::spawn(move || first.push(&[first_change]).status().as_u16());
    let deadline = Instant::now() + Duration::from_secs(10);
    while server.metric("central_api_push_in_flight") == 0 {
        assert!(Instant::now() < deadline, "the first push never started");
        std::thread::sleep(Duration::from_millis(20));
    }

    let refused = second.push(std::slice::from_ref(&second_change));
    let retry_after: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry_after >= 1);
    assert_eq!(status_code(refused), (429, "throttled".to_owned()));
    assert_eq!(slow.join().unwrap(), 200);

    assert_eq!(server.metric("central_api_push_throttled_total"), 1);
    assert_eq!(server.metric("central_api_push_in_flight_peak"), 1);
    assert_eq!(server.metric("central_api_push_in_flight"), 0);
    // Refused means untouched: the change goes through once the slot is free.
    server.faults().clear();
    let body: Value = second.push(&[second_change]).json().unwrap();
    assert_eq!(statuses(&body), ["applied"]);
}

/// The record of a demo individual, as the kiosk reads it online.
fn record_of(kiosk: &Kiosk, personal_number: &str) -> CustomerSummary {
    let found = kiosk.get_json(&format!("/v1/customers?personal_number={personal_number}"));
    serde_json::from_value(found["customers"][0].clone()).unwrap()
}

/// What the document of `c` says, in the zone's spelling.
fn holder_of(c: &CustomerSummary) -> DocumentHolder {
    DocumentHolder {
        surname: identity::to_icao(&c.last_name),
        given_names: identity::to_icao(&c.first_name),
        personal_number: c.personal_number.clone(),
        date_of_birth: c.date_of_birth,
    }
}

/// An identity verification recorded at the counter, the customer in person.
fn verification(
    customer_id: &str,
    verdict: MatchVerdict,
    holder: Option<DocumentHolder>,
) -> MutationPayload {
    MutationPayload::IdentityVerified(IdentityVerified {
        verification_id: uuid::Uuid::now_v7(),
        customer_id: customer_id.to_owned(),
        document_type: DocumentType::IdCard,
        issuing_state: "RKS".to_owned(),
        document_number_last4: "4567".to_owned(),
        document_expires_on: None,
        method: VerificationMethod::Scanned,
        verdict,
        photo_confirmed: true,
        acting: themself(),
        store_code: STORE.to_owned(),
        holder,
    })
}

#[test]
fn an_offline_identity_check_that_matches_is_completed_and_kept_without_the_holder() {
    let server = TestServer::start(NAME);
    let mut kiosk = server.enroll();
    let listed = server.individual();
    let record = record_of(&kiosk, listed.personal_number.as_deref().unwrap());
    let holder = holder_of(&record);
    assert!(record.date_of_birth.is_some(), "{record:?}");

    let m = kiosk.change(&verification(
        &record.customer_id,
        MatchVerdict::Pending,
        Some(holder.clone()),
    ));
    let body: Value = kiosk.push(std::slice::from_ref(&m)).json().unwrap();
    assert_eq!(statuses(&body), ["applied"], "{body}");
    let kept: String = server
        .db()
        .query_row(
            "SELECT payload_json FROM identity_verifications WHERE mutation_id = ?1",
            [m.mutation_id.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    let kept_json: Value = serde_json::from_str(&kept).unwrap();
    assert_eq!(kept_json["verdict"], "match");
    assert_eq!(kept_json["matched_on_sync"], true);
    assert!(kept_json.get("holder").is_none(), "{kept}");
    for personal in [&holder.surname, &holder.given_names] {
        assert!(!kept.contains(personal.as_str()), "{kept}");
    }
    assert!(!kept.contains(record.personal_number.as_deref().unwrap()));
    // Sent again (its answer lost), it is a duplicate, not a second verification.
    let again: Value = kiosk.push(&[m]).json().unwrap();
    assert_eq!(statuses(&again), ["duplicate"]);
    assert_eq!(
        server.count("SELECT COUNT(*) FROM identity_verifications", []),
        1
    );
}

#[test]
fn an_offline_identity_check_that_does_not_match_is_rejected_for_review_without_the_holder() {
    let server = TestServer::start(NAME);
    let mut kiosk = server.enroll();
    let listed = server.individual();
    let record = record_of(&kiosk, listed.personal_number.as_deref().unwrap());
    let other_number = "1000000008";
    assert_ne!(record.personal_number.as_deref(), Some(other_number));

    // Another person's document: the personal number differs.
    let someone_else = DocumentHolder {
        surname: "SELIMI".to_owned(),
        given_names: "DRITON".to_owned(),
        personal_number: Some(other_number.to_owned()),
        date_of_birth: chrono::NaiveDate::from_ymd_opt(1975, 6, 25),
    };
    // The customer's document under a name the record does not have yet.
    let married = DocumentHolder {
        surname: "BERISHAJ KASTRATI".to_owned(),
        ..holder_of(&record)
    };
    let batch = [
        kiosk.change(&verification(
            &record.customer_id,
            MatchVerdict::Pending,
            Some(someone_else),
        )),
        kiosk.change(&verification(
            &record.customer_id,
            MatchVerdict::Pending,
            Some(married),
        )),
    ];
    let body: Value = kiosk.push(&batch).json().unwrap();
    assert_eq!(statuses(&body), ["rejected", "rejected"], "{body}");
    assert_eq!(body["applied_through_seq"], 2);
    let mismatch = &body["results"][0]["outcome"];
    assert_eq!(mismatch["code"], codes::IDENTITY_MISMATCH);
    let message = mismatch["message"].as_str().unwrap();
    assert!(message.contains("personal number"), "{message}");
    assert!(
        !message.contains("SELIMI") && !message.contains(other_number),
        "{message}"
    );
    let partial = &body["results"][1]["outcome"];
    assert_eq!(partial["code"], codes::IDENTITY_NEEDS_REVIEW);
    assert!(
        partial["message"].as_str().unwrap().contains("surname"),
        "{partial}"
    );
    assert_eq!(
        server.count("SELECT COUNT(*) FROM identity_verifications", []),
        0
    );

    // Both are on the review list, without the holder's data.
    for (m, code) in batch
        .iter()
        .zip([codes::IDENTITY_MISMATCH, codes::IDENTITY_NEEDS_REVIEW])
    {
        let (kept_code, mutation_json): (String, String) = server
            .db()
            .query_row(
                "SELECT code, mutation_json FROM review_items WHERE mutation_id = ?1",
                [m.mutation_id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(kept_code, code);
        let kept: Value = serde_json::from_str(&mutation_json).unwrap();
        assert_eq!(kept["payload"]["verdict"], "pending");
        assert!(kept["payload"].get("holder").is_none(), "{mutation_json}");
        for personal in ["SELIMI", "DRITON", other_number, "BERISHAJ"] {
            assert!(!mutation_json.contains(personal), "{mutation_json}");
        }
    }
    assert_eq!(server.metric("central_api_mutations_rejected_total"), 2);
}

#[test]
fn holder_data_travels_only_with_a_pending_verdict() {
    let server = TestServer::start(NAME);
    let mut kiosk = server.enroll();
    let listed = server.individual();
    let record = record_of(&kiosk, listed.personal_number.as_deref().unwrap());
    let holder = holder_of(&record);
    for verdict in [MatchVerdict::Match, MatchVerdict::Partial] {
        let (status, code) = push_one(
            &mut kiosk,
            &verification(&record.customer_id, verdict, Some(holder.clone())),
        );
        assert_eq!(
            (status.as_str(), code.as_str()),
            ("rejected", codes::INVALID_PAYLOAD)
        );
    }
    let (status, code) = push_one(
        &mut kiosk,
        &verification(&record.customer_id, MatchVerdict::Pending, None),
    );
    assert_eq!(
        (status.as_str(), code.as_str()),
        ("rejected", codes::INVALID_PAYLOAD)
    );
    assert_eq!(
        server.count("SELECT COUNT(*) FROM identity_verifications", []),
        0
    );
    // A completed verification without holder data is applied as before.
    let (status, _) = push_one(
        &mut kiosk,
        &verification(&record.customer_id, MatchVerdict::Match, None),
    );
    assert_eq!(status, "applied");
}

#[test]
fn offline_only_the_customer_or_an_authorised_person_on_record_can_be_verified() {
    let server = TestServer::start(NAME);
    let mut kiosk = server.enroll();
    let listed = server.individual();
    let record = record_of(&kiosk, listed.personal_number.as_deref().unwrap());
    assert!(record
        .representatives
        .iter()
        .all(|r| r.capacity != ActingCapacity::AuthorisedPerson));
    let acting_as = |capacity| {
        let MutationPayload::IdentityVerified(mut p) = verification(
            &record.customer_id,
            MatchVerdict::Pending,
            Some(holder_of(&record)),
        ) else {
            unreachable!()
        };
        p.acting = Actor {
            capacity,
            name: Some("VALBONA MORINA".to_owned()),
            personal_number: None,
            authorisation_reference: Some("Authorisation form 2026/44".to_owned()),
        };
        MutationPayload::IdentityVerified(p)
    };
    // The record names no authorised person: nobody can be matched.
    let (status, code) = push_one(&mut kiosk, &acting_as(ActingCapacity::AuthorisedPerson));
    assert_eq!(
        (status.as_str(), code.as_str()),
        ("rejected", codes::IDENTITY_MISMATCH)
    );
    // A guardian's or a representative's checks need the record at the counter.
    for capacity in [
        ActingCapacity::Guardian,
        ActingCapacity::BusinessRepresentative,
    ] {
        let (status, code) = push_one(&mut kiosk, &acting_as(capacity));
        assert_eq!(
            (status.as_str(), code.as_str()),
            ("rejected", codes::INVALID_PAYLOAD)
        );
    }
    assert_eq!(
        server.count("SELECT COUNT(*) FROM identity_verifications", []),
        0
    );
}

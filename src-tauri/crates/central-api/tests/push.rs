//! The push contract against a real server: dedup, lost answers, sequence gaps, conflicts,
//! rejections and admission control.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use central_api::Faults;
use common::*;
use protocol::mutation::{CorrectableField, MutationPayload};
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

#[test]
fn a_lost_response_followed_by_a_retry_applies_once() {
    let server = TestServer::start(NAME);
    let mut kiosk = server.enroll();
    let customer = server.individual();
    let m = kiosk.change(&rights_request(&customer.customer_id, RightKind::Erasure));
    let MutationPayload::RightsRequestSubmitted(request) = m.decode().unwrap() else {
        unreachable!()
    };

    server
        .faults()
        .set(Faults {
            drop_response_rate: 1.0,
            ..Faults::none()
        })
        .unwrap();
    let lost = kiosk.push_with(&client(), std::slice::from_ref(&m));
    assert!(
        lost.is_err(),
        "the answer should have been dropped: {lost:?}"
    );

    // The server applied and committed before dropping the answer.
    assert_eq!(
        server.count(
            "SELECT COUNT(*) FROM requests WHERE reference = ?1",
            [&request.reference]
        ),
        1
    );

    server.faults().clear();
    let retry = kiosk.push(std::slice::from_ref(&m));
    assert_eq!(retry.status(), 200);
    let retry: Value = retry.json().unwrap();
    assert_eq!(statuses(&retry), ["duplicate"]);
    assert_eq!(retry["applied_through_seq"], 1);
    assert_eq!(
        server.count(
            "SELECT COUNT(*) FROM requests WHERE reference = ?1",
            [&request.reference]
        ),
        1
    );
    assert_eq!(server.metric("central_api_mutations_applied_total"), 1);
    assert_eq!(server.metric("central_api_mutations_duplicate_total"), 1);
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

    // A settled seq reused by a different change is rejected, not applied.
    kiosk.next_seq = 7;
    let reused = kiosk.change(&audit(7));
    let body: Value = kiosk.push(&[reused]).json().unwrap();
    assert_eq!(body["results"][0]["outcome"]["code"], "seq_reused");
    assert_eq!(body["applied_through_seq"], 8);
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

//! The kiosk's read calls against the reference central API with its demo data.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{runtime, start_server, Kiosk};
use kiosk_core::central;
use kiosk_core::sync::FailureKind;
use protocol::api::CustomerQuery;

#[test]
fn staff_customers_reports_and_requests_come_from_the_central_api() {
    let dir = tempfile::tempdir().unwrap();
    let rt = runtime();
    let server = start_server(
        &dir.path().join("central.sqlite3"),
        "127.0.0.1:0".parse().unwrap(),
        8,
    );
    let kiosk = Kiosk::enrol(&rt, &dir.path().join("kiosk"), &server.url(), 1);
    let client = kiosk_core::sync::http_client(&Default::default()).unwrap();
    let mut store = kiosk.store.lock().unwrap();
    let enrolment = central::enrolled(&store).unwrap();

    // The staff list lands in the cache, so that sign-in works offline from now on.
    let staff = rt
        .block_on(central::refresh_staff(&client, &mut store))
        .unwrap();
    assert_eq!(staff, store.staff().unwrap().len());
    assert!(store.staff_member("PR-0101").unwrap().is_some());

    // The record as the report has it, then found again by each of the three keys a clerk types.
    let customer = rt
        .block_on(central::fetch_data_report(&client, &enrolment, "C-000002"))
        .unwrap()
        .customer;
    let msisdn = customer.msisdns.first().unwrap().clone();
    for query in [
        CustomerQuery {
            customer_no: Some(format!(" {} ", customer.customer_no)),
            ..CustomerQuery::default()
        },
        CustomerQuery {
            personal_number: customer.personal_number.clone(),
            ..CustomerQuery::default()
        },
        CustomerQuery {
            msisdn: Some(msisdn),
            ..CustomerQuery::default()
        },
    ] {
        let found = rt
            .block_on(central::lookup_customer(&client, &enrolment, &query))
            .unwrap();
        assert_eq!(found.customers, vec![customer.clone()], "{query:?}");
    }

    let two_keys = rt
        .block_on(central::lookup_customer(
            &client,
            &enrolment,
            &CustomerQuery {
                customer_no: Some("C-000002".into()),
                msisdn: Some("044123456".into()),
                ..CustomerQuery::default()
            },
        ))
        .unwrap_err();
    assert_eq!(two_keys.kind, FailureKind::Local);

    let report = rt
        .block_on(central::fetch_data_report(&client, &enrolment, "C-000001"))
        .unwrap();
    assert_eq!(report.customer.customer_id, "C-000001");
    assert!(report.traffic.len() >= 20_000, "{}", report.traffic.len());
    assert!(report.demo);

    let unknown = rt
        .block_on(central::fetch_data_report(&client, &enrolment, "C-999999"))
        .unwrap_err();
    assert_eq!(
        (unknown.kind, unknown.status),
        (FailureKind::Refused, Some(404))
    );
    let escape = rt
        .block_on(central::fetch_data_report(&client, &enrolment, "../staff"))
        .unwrap_err();
    assert_eq!(escape.kind, FailureKind::Local);

    let missing = rt
        .block_on(central::request_status(
            &client,
            &enrolment,
            "DEMO-NO-SUCH-REQUEST",
        ))
        .unwrap_err();
    assert_eq!(missing.status, Some(404));

    // Offline reads fail as offline, like the sync worker's.
    drop(store);
    server.shutdown().unwrap();
    let offline = rt
        .block_on(central::fetch_staff(&client, &enrolment))
        .unwrap_err();
    assert_eq!(offline.kind, FailureKind::Offline);
}

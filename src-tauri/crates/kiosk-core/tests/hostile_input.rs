//! Hostile text in every field a clerk or customer types, outside the capture forms (whose fields
//! `tests/capture.rs` covers): the sign-in, the scanner's zone, the typed document, the customer
//! search, the settings, the enrolment and a print job's id. Each value is a 10 MB paste, a control
//! character, a right-to-left override, SQL, or HTML. Every one is refused with a clear code or kept
//! as plain words, nothing is written half, nothing panics, and the database does not grow by the
//! paste.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use kiosk_core::config::Config;
use kiosk_core::counter::Counter;
use kiosk_core::idcheck::manual::{check_manual, ManualEntry};
use kiosk_core::idcheck::mrz::parse_mrz_with;
use kiosk_core::idcheck::IdCheckConfig;
use kiosk_core::signin::SignInPolicy;
use kiosk_core::Store;
use protocol::api::{CustomerQuery, DocumentType};

const SQL: &str = "PR-0101' OR '1'='1'; DROP TABLE outbox;--";
const HTML: &str = "<img src=x onerror=alert(1)><b>PR-0101</b>";

fn hostile() -> Vec<(&'static str, String)> {
    vec![
        ("a 10 MB paste", "A".repeat(10 * 1024 * 1024)),
        ("a control character", "PR-01\u{0007}01".to_owned()),
        ("a right-to-left override", "PR-\u{202E}1010".to_owned()),
        ("SQL", SQL.to_owned()),
        ("HTML", HTML.to_owned()),
    ]
}

/// The database's files together, in bytes.
fn store_bytes(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("kiosk.sqlite3"))
        .map(|e| e.metadata().unwrap().len())
        .sum()
}

#[test]
fn hostile_text_in_every_typed_field_is_refused_or_kept_as_plain_words() {
    let tmp = tempfile::tempdir().unwrap();
    let rt = runtime();
    let server = start_server(
        &tmp.path().join("central.sqlite3"),
        "127.0.0.1:0".parse().unwrap(),
        8,
    );
    let kiosk = Kiosk::enrol(&rt, &tmp.path().join("kiosk"), &server.url(), 1);
    let client = kiosk_core::sync::http_client(&Default::default()).unwrap();
    let mut store = kiosk.store.lock().unwrap();
    rt.block_on(kiosk_core::central::refresh_staff(&client, &mut store))
        .unwrap();
    let enrolment = kiosk_core::central::enrolled(&store).unwrap();
    let now = kiosk_core::time::now();
    let today = kiosk_core::time::today();
    let before = store_bytes(&kiosk.dir);

    // Sign-in: as the staff id, and as the PIN of a real staff id (a different one, so that its
    // five failures pause it and not the clerk who signs in at the end).
    let mut counter = Counter::new(SignInPolicy::default(), chrono::Duration::minutes(10));
    for (what, value) in hostile() {
        let code = counter
            .sign_in(&mut store, &value, "1111", now)
            .err()
            .map(|e| e.code());
        assert!(
            matches!(code, Some("invalid_input" | "sign_in_rejected")),
            "staff id with {what}: {code:?}"
        );
        let code = counter
            .sign_in(&mut store, "PR-0102", &value, now)
            .err()
            .map(|e| e.code());
        assert!(
            matches!(
                code,
                Some("invalid_input" | "sign_in_rejected" | "sign_in_locked")
            ),
            "PIN with {what}: {code:?}"
        );
    }
    // SQL was a string, never a statement: the outbox is there, and the clerk signs in.
    counter.sign_in(&mut store, "PR-0101", "1111", now).unwrap();
    assert!(store.pending_count().is_ok());

    // The scanner's zone and a typed document.
    for (what, value) in hostile() {
        let zone = parse_mrz_with(&value, today, &IdCheckConfig::default());
        assert!(
            zone.as_ref().is_ok_and(|r| !r.valid) || zone.is_err(),
            "a zone of {what} was accepted"
        );
        let entry = ManualEntry {
            document_type: DocumentType::IdCard,
            issuing_state: value.clone(),
            document_number: value.clone(),
            expires_on: Some(today + chrono::Duration::days(400)),
            issued_on: None,
            personal_number: Some(value.clone()),
            surname: value.clone(),
            given_names: value.clone(),
            date_of_birth: Some(today - chrono::Duration::days(30 * 365)),
            nationality: Some(value.clone()),
        };
        let checked = check_manual(&entry, today, &IdCheckConfig::default());
        assert!(
            !checked.is_acceptable(),
            "a document of {what} was accepted"
        );
    }

    // The customer search: refused here when it could not be a key (nothing sent), otherwise
    // no customer or a bad request from the central API (which binds it as a value).
    for (what, value) in hostile() {
        for query in [
            CustomerQuery {
                personal_number: Some(value.clone()),
                customer_no: None,
                msisdn: None,
            },
            CustomerQuery {
                personal_number: None,
                customer_no: Some(value.clone()),
                msisdn: None,
            },
            CustomerQuery {
                personal_number: None,
                customer_no: None,
                msisdn: Some(value.clone()),
            },
        ] {
            match rt.block_on(kiosk_core::central::lookup_customer(
                &client, &enrolment, &query,
            )) {
                Ok(found) => assert!(found.customers.is_empty(), "{what} found someone"),
                // Refused here, or by the central API as a bad request: never a 5xx.
                Err(e) => assert!(
                    matches!(e.code.as_str(), "invalid_input" | "invalid_request")
                        && e.status.is_none_or(|s| s < 500),
                    "{what}: {e:?}"
                ),
            }
        }
    }
    for value in ["A".repeat(10 * 1024 * 1024), "C-0001\u{202E}".to_owned()] {
        let err = rt
            .block_on(kiosk_core::central::lookup_customer(
                &client,
                &enrolment,
                &CustomerQuery {
                    personal_number: None,
                    customer_no: Some(value),
                    msisdn: None,
                },
            ))
            .unwrap_err();
        assert_eq!(err.code, "invalid_input");
        assert!(err.message.contains("at most 64 characters"), "{err:?}");
    }

    // Settings: the printer and the store code.
    let config_file = tmp.path().join("kiosk.toml");
    for (what, value) in hostile() {
        for config in [
            Config {
                printer: Some(value.clone()),
                ..Config::default()
            },
            Config {
                store_code: Some(value.clone()).filter(|_| what != "SQL" && what != "HTML"),
                ..Config::default()
            },
        ] {
            if config == Config::default() {
                continue;
            }
            let err = config.save(&config_file).unwrap_err();
            assert_eq!(err.code(), "invalid_input", "{what}");
            assert!(!config_file.exists(), "{what}: a settings file was written");
        }
    }

    // A print job's id, as the screen polls it: refused before CUPS is asked.
    for (what, value) in hostile() {
        let err = kiosk_core::print::job_state(&value).unwrap_err();
        assert_eq!(err.code(), "invalid_job_id", "{what}");
        assert!(
            err.to_string().len() < 400,
            "{what}: the whole id in the message"
        );
    }
    assert_eq!(
        kiosk_core::print::job_state("-h evil.example:631-5")
            .unwrap_err()
            .code(),
        "invalid_job_id"
    );

    // None of it was written: the database grew by audit entries, not by a 10 MB paste.
    let grown = store_bytes(&kiosk.dir).saturating_sub(before);
    assert!(grown < 1024 * 1024, "the database grew by {grown} bytes");
    drop(store);

    // Enrolling a fresh kiosk with hostile words: refused before the central API is asked (the
    // address is a closed port, so asking would fail otherwise), and nothing is saved.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    let mut fresh = Store::open_in(&tmp.path().join("fresh")).unwrap();
    for (what, value) in hostile()
        .into_iter()
        .filter(|(w, _)| *w != "SQL" && *w != "HTML")
    {
        for (store_code, secret, name) in [
            (value.as_str(), "s", "Counter"),
            ("DEMO-PRISHTINA", value.as_str(), "Counter"),
            ("DEMO-PRISHTINA", "s", value.as_str()),
        ] {
            let err = rt
                .block_on(kiosk_core::enrol::enrol(
                    &mut fresh, &closed, store_code, secret, name,
                ))
                .unwrap_err();
            assert_eq!(err.code(), "invalid_input", "{what}: {err}");
        }
    }
    assert!(fresh.enrolment().unwrap().is_none());
}

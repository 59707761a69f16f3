//! Clerk sign-in against the cached staff list: offline, paused after repeated wrong PINs (also
//! across a restart), audited.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHasher};
use chrono::{Duration, Utc};
use kiosk_core::signin::{self, SignInPolicy};
use kiosk_core::Store;
use protocol::api::{StaffList, StaffMember, StaffRole};

fn verifier(pin: &str, salt: &[u8]) -> String {
    let salt = SaltString::encode_b64(salt).unwrap();
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .unwrap()
        .to_string()
}

fn member(id: &str, pin: &str, role: StaffRole, active: bool) -> StaffMember {
    StaffMember {
        staff_id: id.into(),
        display_name: format!("Fictional {id}"),
        role,
        pin_verifier: verifier(pin, format!("fictional-salt-{id}").as_bytes()),
        active,
    }
}

fn store_with_staff(dir: &std::path::Path) -> Store {
    let mut store = Store::open_in(dir).unwrap();
    store
        .replace_staff(&StaffList {
            store_code: "DEMO-PRISHTINA".into(),
            staff: vec![
                member("PR-0101", "1111", StaffRole::Clerk, true),
                member("PR-0901", "9999", StaffRole::Supervisor, true),
                member("PR-0199", "1234", StaffRole::Clerk, false),
            ],
        })
        .unwrap();
    store
}

fn actions(store: &Store) -> Vec<(Option<String>, String)> {
    let mut entries = store.recent_audit(1000).unwrap();
    entries.reverse();
    entries
        .into_iter()
        .map(|e| (e.staff_id, e.action))
        .collect()
}

#[test]
fn the_right_pin_signs_in_offline_and_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_staff(dir.path());
    let now = Utc::now();
    let who = signin::sign_in(
        &mut store,
        &SignInPolicy::default(),
        " pr-0901 ",
        "9999",
        now,
    )
    .unwrap();
    assert_eq!(who.staff_id, "PR-0901");
    assert_eq!(who.role, StaffRole::Supervisor);
    assert_eq!(
        actions(&store),
        [(Some("PR-0901".into()), "staff.signed_in".into())]
    );
}

#[test]
fn wrong_pins_pause_sign_in_growing_and_the_pause_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_staff(dir.path());
    let policy = SignInPolicy::default();
    let t0 = Utc::now();
    for left in [4, 3, 2, 1] {
        let err = signin::sign_in(&mut store, &policy, "PR-0101", "0000", t0).unwrap_err();
        assert_eq!(err.code(), "sign_in_rejected");
        assert!(
            err.to_string().contains(&format!("{left} attempt(s) left")),
            "{err}"
        );
    }
    let err = signin::sign_in(&mut store, &policy, "PR-0101", "0000", t0).unwrap_err();
    assert_eq!(err.code(), "sign_in_locked");
    match &err {
        kiosk_core::Error::SignInLocked { until, .. } => {
            assert_eq!(*until, t0 + Duration::seconds(30))
        }
        other => panic!("{other:?}"),
    }

    // The right PIN during the pause is refused too, and a restart does not lift the pause.
    drop(store);
    let mut store = Store::open_in(dir.path()).unwrap();
    let during = t0 + Duration::seconds(29);
    let err = signin::sign_in(&mut store, &policy, "PR-0101", "1111", during).unwrap_err();
    assert_eq!(err.code(), "sign_in_locked");

    // After the pause one more wrong PIN pauses twice as long.
    let after = t0 + Duration::seconds(31);
    match signin::sign_in(&mut store, &policy, "PR-0101", "0000", after).unwrap_err() {
        kiosk_core::Error::SignInLocked { until, .. } => {
            assert_eq!(until, after + Duration::seconds(60))
        }
        other => panic!("{other:?}"),
    }
    // Another staff member is not affected.
    signin::sign_in(&mut store, &policy, "PR-0901", "9999", after).unwrap();

    // The right PIN after the pause signs in and forgets the failures.
    let later = after + Duration::seconds(61);
    signin::sign_in(&mut store, &policy, "PR-0101", "1111", later).unwrap();
    assert_eq!(store.sign_in_failures("PR-0101").unwrap(), None);
    let failed = actions(&store)
        .iter()
        .filter(|(who, a)| who.as_deref() == Some("PR-0101") && a == "staff.sign_in_failed")
        .count();
    assert_eq!(failed, 6);
}

#[test]
fn unknown_and_inactive_staff_get_the_same_answer_as_a_wrong_pin() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_staff(dir.path());
    let policy = SignInPolicy::default();
    let now = Utc::now();
    let wrong = signin::sign_in(&mut store, &policy, "PR-0101", "0000", now).unwrap_err();
    let unknown = signin::sign_in(&mut store, &policy, "PR-7777", "1111", now).unwrap_err();
    let inactive = signin::sign_in(&mut store, &policy, "PR-0199", "1234", now).unwrap_err();
    for err in [&unknown, &inactive] {
        assert_eq!(err.code(), wrong.code());
        assert_eq!(err.to_string(), wrong.to_string());
    }
    // An id nobody has is audited without a staff id.
    assert!(actions(&store).contains(&(None, "staff.sign_in_failed".into())));
}

#[test]
fn sign_in_needs_a_staff_list_and_both_fields() {
    let dir = tempfile::tempdir().unwrap();
    let mut empty = Store::open_in(&dir.path().join("empty")).unwrap();
    let policy = SignInPolicy::default();
    let err = signin::sign_in(&mut empty, &policy, "PR-0101", "1111", Utc::now()).unwrap_err();
    assert_eq!(err.code(), "staff_list_missing");

    let mut store = store_with_staff(dir.path());
    for (id, pin) in [("", "1111"), ("PR-0101", ""), (" ", "1")] {
        let err = signin::sign_in(&mut store, &policy, id, pin, Utc::now()).unwrap_err();
        assert_eq!(err.code(), "invalid_input");
    }
    assert!(actions(&store).is_empty());
}

#[test]
fn signing_out_waits_for_the_queue_unless_exported() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_staff(dir.path());
    let who = signin::sign_in(
        &mut store,
        &SignInPolicy::default(),
        "PR-0101",
        "1111",
        Utc::now(),
    )
    .unwrap();
    // The sign-in's own audit entry waits for the central API.
    let err = signin::sign_out(&mut store, &who, false).unwrap_err();
    assert_eq!(err.code(), "changes_pending");
    assert!(err.to_string().contains("signing out"), "{err}");
    signin::sign_out(&mut store, &who, true).unwrap();
    assert_eq!(
        actions(&store).last().unwrap(),
        &(Some("PR-0101".into()), "staff.signed_out".into())
    );
}

#[test]
fn pauses_double_from_the_fifth_failure_up_to_the_cap() {
    let policy = SignInPolicy::default();
    let secs = |n| policy.pause_after(n).map(|d| d.num_seconds());
    assert_eq!(secs(4), None);
    assert_eq!(secs(5), Some(30));
    assert_eq!(secs(6), Some(60));
    assert_eq!(secs(9), Some(480));
    assert_eq!(secs(10), Some(900));
    assert_eq!(secs(u32::MAX), Some(900));
}

// The counter session on top of sign-in: idle lock, roles, the customer being served.

use kiosk_core::counter::{Counter, CounterView, LockReason};
use protocol::api::{CustomerKind, CustomerSummary};

fn customer(id: &str) -> CustomerSummary {
    CustomerSummary {
        customer_id: id.into(),
        customer_no: "100200300".into(),
        kind: CustomerKind::Individual,
        first_name: "Drita".into(),
        last_name: "Gashi-Fiktive".into(),
        personal_number: Some("1234567890".into()),
        date_of_birth: None,
        nationality: Some("RKS".into()),
        identity_document: None,
        business_name: None,
        business_number: None,
        address: "Rruga Fiktive 1, Prishtinë".into(),
        email: None,
        msisdns: vec![],
        contact_number: None,
        representatives: vec![],
        record_version: 1,
        demo: true,
    }
}

fn counter() -> Counter {
    Counter::new(SignInPolicy::default(), Duration::minutes(3))
}

#[test]
fn the_idle_lock_clears_the_customer_and_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_staff(dir.path());
    let mut counter = counter();
    let t0 = Utc::now();
    counter.sign_in(&mut store, "PR-0101", "1111", t0).unwrap();
    counter
        .start_customer(&mut store, customer("C-000007"), t0)
        .unwrap();

    // Activity keeps it open: two minutes, then two more.
    let t1 = t0 + Duration::minutes(2);
    counter.clerk(&mut store, t1).unwrap();
    assert!(!counter
        .lock_if_idle(&mut store, t1 + Duration::minutes(2))
        .unwrap());
    match counter.view() {
        CounterView::SignedIn {
            customer, locks_at, ..
        } => {
            assert_eq!(customer.unwrap().customer.customer_id, "C-000007");
            assert_eq!(locks_at, t1 + Duration::minutes(3));
        }
        other => panic!("{other:?}"),
    }

    // Three idle minutes lock it; the customer is gone from the session.
    assert!(counter
        .lock_if_idle(&mut store, t1 + Duration::minutes(3))
        .unwrap());
    assert!(matches!(counter.view(), CounterView::Locked { .. }));
    let err = counter
        .clerk(&mut store, t1 + Duration::minutes(4))
        .unwrap_err();
    assert_eq!(err.code(), "locked");
    let locked = store.recent_audit(1).unwrap().remove(0);
    assert_eq!(locked.action, "session.locked");
    assert_eq!(locked.customer_id.as_deref(), Some("C-000007"));
    assert!(locked.detail.contains("idle"));

    // Unlocking is signing in again, with nobody on screen.
    counter
        .sign_in(&mut store, "PR-0101", "1111", t1 + Duration::minutes(5))
        .unwrap();
    match counter.view() {
        CounterView::SignedIn { customer, .. } => assert_eq!(customer, None),
        other => panic!("{other:?}"),
    }
}

#[test]
fn roles_and_the_customer_in_service_are_enforced() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_staff(dir.path());
    let mut counter = counter();
    let now = Utc::now();
    assert_eq!(
        counter.clerk(&mut store, now).unwrap_err().code(),
        "not_signed_in"
    );
    counter.sign_in(&mut store, "PR-0101", "1111", now).unwrap();
    assert_eq!(
        counter
            .sign_in(&mut store, "PR-0901", "9999", now)
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert_eq!(
        counter.supervisor(&mut store, now).unwrap_err().code(),
        "supervisor_only"
    );
    counter
        .start_customer(&mut store, customer("C-000007"), now)
        .unwrap();
    assert!(counter.customer(&mut store, "C-000007", now).is_ok());
    assert_eq!(
        counter
            .customer(&mut store, "C-000008", now)
            .unwrap_err()
            .code(),
        "no_customer_session"
    );
    counter.end_customer();
    assert!(counter.customer(&mut store, "C-000007", now).is_err());

    // A supervisor takes over after the clerk locks the screen.
    counter.lock(&mut store, LockReason::ByClerk).unwrap();
    let who = counter.sign_in(&mut store, "PR-0901", "9999", now).unwrap();
    assert_eq!(counter.supervisor(&mut store, now).unwrap(), who);
}

// Identifying the person at the counter: the held document, the clerk's confirmation, the record.

use kiosk_core::counter::IdentityConfirmation;
use kiosk_core::idcheck::record::{ActingFor, ClerkJudgement};
use kiosk_core::idcheck::{CheckedDocument, DocumentData, IdCheckConfig};
use protocol::api::DocumentType;
use protocol::mutation::{MatchVerdict, VerificationMethod};

fn drita_card() -> CheckedDocument {
    CheckedDocument {
        data: DocumentData {
            document_type: DocumentType::IdCard,
            issuing_state: "RKS".into(),
            document_number: "P01234567".into(),
            expires_on: None,
            personal_number: Some("1234567890".into()),
            surname: "GASHI FIKTIVE".into(),
            given_names: "DRITA".into(),
            date_of_birth: None,
            nationality: Some("RKS".into()),
            method: VerificationMethod::Scanned,
        },
        errors: vec![],
        warnings: vec![],
    }
}

fn confirmation(photo_confirmed: bool, acting: ActingFor) -> IdentityConfirmation {
    IdentityConfirmation {
        customer_id: "C-000007".into(),
        acting,
        photo_confirmed,
        judgement: ClerkJudgement::NotGiven,
        store_code: "DEMO-PRISHTINA".into(),
        today: Utc::now().date_naive(),
        config: IdCheckConfig::default(),
    }
}

#[test]
fn the_held_document_identifies_the_customer_once_the_clerk_confirms_the_photo() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_staff(dir.path());
    let mut counter = counter();
    let now = Utc::now();
    counter.sign_in(&mut store, "PR-0101", "1111", now).unwrap();

    // Nothing held yet.
    let err = counter
        .confirm_identity(&mut store, confirmation(true, ActingFor::Themself), now)
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");

    counter
        .hold_document(&mut store, drita_card(), now)
        .unwrap();
    // Only a record the counter found can be confirmed.
    let err = counter
        .confirm_identity(&mut store, confirmation(true, ActingFor::Themself), now)
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    counter.remember_candidates(vec![customer("C-000007")]);
    let err = counter
        .confirm_identity(&mut store, confirmation(false, ActingFor::Themself), now)
        .unwrap_err();
    assert_eq!(err.code(), "photo_not_confirmed");

    // Nobody acts for this customer on record: a "guardian" is refused.
    let guardian = ActingFor::Guardian {
        authorisation_reference: "Court decision 12/2026".into(),
    };
    let err = counter
        .confirm_identity(&mut store, confirmation(true, guardian), now)
        .unwrap_err();
    assert_eq!(err.code(), "not_on_record");

    let pending_before = store.pending_count().unwrap();
    let verified = counter
        .confirm_identity(&mut store, confirmation(true, ActingFor::Themself), now)
        .unwrap();
    assert_eq!(verified.verdict, MatchVerdict::Match);
    assert_eq!(verified.document_number_last4, "4567");
    // The change and its audit entry's copy are queued; the document is no longer held.
    assert_eq!(store.pending_count().unwrap(), pending_before + 2);
    assert!(counter.held_document().is_none());
    match counter.view() {
        CounterView::SignedIn {
            customer: Some(session),
            ..
        } => assert_eq!(session.verification, Some(verified)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_document_with_errors_is_not_held_and_locking_forgets_the_held_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_staff(dir.path());
    let mut counter = counter();
    let now = Utc::now();
    counter.sign_in(&mut store, "PR-0101", "1111", now).unwrap();
    let mut expired = drita_card();
    expired
        .errors
        .push(kiosk_core::idcheck::IdCheckError::DocumentExpired {
            expired_on: chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
        });
    assert_eq!(
        counter
            .hold_document(&mut store, expired, now)
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert!(counter.held_document().is_none());

    counter
        .hold_document(&mut store, drita_card(), now)
        .unwrap();
    assert!(counter.held_document().is_some());
    counter.lock(&mut store, LockReason::ByClerk).unwrap();
    counter.sign_in(&mut store, "PR-0101", "1111", now).unwrap();
    assert!(counter.held_document().is_none());
}

/// The customer's window is offered something only while a customer is served, and the offer
/// leaves with the customer: "Done" and the lock take it off the customer's screen.
#[test]
fn the_offer_to_the_customers_window_leaves_with_the_customer() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_staff(dir.path());
    let mut counter = counter();
    let t0 = Utc::now();
    let offer =
        serde_json::json!({"kind": "sign", "lang": "sq", "title": "Korrigjim", "lines": []});
    counter.sign_in(&mut store, "PR-0101", "1111", t0).unwrap();
    assert_eq!(
        counter
            .offer(&mut store, offer.clone(), t0)
            .unwrap_err()
            .code(),
        "no_customer_session"
    );
    counter
        .start_customer(&mut store, customer("C-000007"), t0)
        .unwrap();
    let first = counter.offer(&mut store, offer.clone(), t0).unwrap();
    assert_eq!(counter.current_offer().map(|o| o.offer_id), Some(first));
    // A new offer replaces the earlier one; the customer's window cannot report on the old one.
    let second = counter.offer(&mut store, offer.clone(), t0).unwrap();
    let stale = counter
        .current_offer_mut()
        .unwrap()
        .progress(first, kiosk_core::handoff::HandoffStep::Signing);
    assert_eq!(stale.unwrap_err().code(), "offer_gone");
    counter.end_customer();
    assert!(counter.current_offer().is_none());
    assert_eq!(
        counter.current_offer_mut().unwrap_err().code(),
        "offer_gone"
    );

    counter
        .start_customer(&mut store, customer("C-000008"), t0)
        .unwrap();
    counter.offer(&mut store, offer, t0).unwrap();
    assert_ne!(counter.current_offer().map(|o| o.offer_id), Some(second));
    counter.lock(&mut store, LockReason::ByClerk).unwrap();
    assert!(counter.current_offer().is_none());
}

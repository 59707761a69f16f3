//! The real `kioskctl` binary on a temporary data folder, as support staff run it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{kioskctl, stderr, stdout};

use std::path::Path;
use std::process::{Command, Output};

use kiosk_core::Store;

fn assert_no_panic(o: &Output) {
    assert!(!stderr(o).contains("panicked"), "{}", stderr(o));
}

/// A store with `n` audit entries, each queued for the central API.
fn store_with_entries(dir: &Path, n: usize) -> Store {
    let mut store = Store::open_in(dir).unwrap();
    for i in 0..n {
        store
            .append_audit(
                Some("PR-0107"),
                "report.printed",
                Some(&format!("C-{i}")),
                "{}",
            )
            .unwrap();
    }
    store
}

#[test]
fn every_subcommand_has_help() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["--help"],
        vec!["enroll", "--help"],
        vec!["queue", "--help"],
        vec!["queue", "status", "--help"],
        vec!["queue", "list", "--help"],
        vec!["queue", "rejected", "--help"],
        vec!["queue", "export", "--help"],
        vec!["queue", "retry", "--help"],
        vec!["remove-data", "--help"],
        vec!["sync", "--help"],
        vec!["capture-demo", "--help"],
        vec!["audit", "--help"],
        vec!["audit", "verify", "--help"],
        vec!["report", "--help"],
        vec!["report", "render", "--help"],
        vec!["receipt", "--help"],
        vec!["receipt", "consent", "--help"],
        vec!["receipt", "correction", "--help"],
        vec!["receipt", "request", "--help"],
        vec!["print", "--help"],
        vec!["printers", "--help"],
    ] {
        let o = kioskctl(dir.path(), &args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).contains("Usage: kioskctl"), "{args:?}");
        assert!(stdout(&o).contains("--data-dir <DIR>"), "{args:?}");
    }
}

#[test]
fn queue_status_json_on_an_empty_store() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open_in(dir.path()).unwrap());
    let o = kioskctl(dir.path(), &["queue", "status", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "pending": 0,
            "oldest_pending_captured_at": null,
            "oldest_pending_age_seconds": null,
            "rejected": 0,
            "conflict": 0,
            "acknowledged": 0,
            "last_acknowledged_at": null,
            "age_warning": false,
            "age_warning_after_seconds": 86400,
        })
    );
}

#[test]
fn queue_status_counts_what_waits_and_reads_the_data_dir_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    drop(store_with_entries(dir.path(), 3));
    let o = Command::new(env!("CARGO_BIN_EXE_kioskctl"))
        .args(["queue", "status", "--json"])
        .env("KIOSK_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(json["pending"], 3);
    assert!(json["oldest_pending_captured_at"].is_string());
    assert!(json["oldest_pending_age_seconds"].as_i64().unwrap() >= 0);

    let o = kioskctl(dir.path(), &["queue", "status"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.contains("Waiting to be sent: 3 changes"), "{text}");
    assert!(text.contains("Rejected by the central API: 0."), "{text}");
    assert!(text.contains("not enrolled"), "{text}");
}

#[test]
fn a_missing_store_is_reported_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let nowhere = dir.path().join("typo");
    for args in [vec!["queue", "status"], vec!["audit", "verify"]] {
        let o = kioskctl(&nowhere, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).contains("No kiosk database at"),
            "{}",
            stderr(&o)
        );
        assert_no_panic(&o);
    }
    assert!(!nowhere.exists());
}

#[test]
fn audit_verify_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    drop(store_with_entries(dir.path(), 4));

    let o = kioskctl(dir.path(), &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.starts_with("Audit chain intact: 4 entries"), "{text}");

    let conn = Store::raw_connection(&kiosk_core::paths::db_path(dir.path())).unwrap();
    conn.execute_batch(
        "DROP TRIGGER audit_chain_append_only_update;
         UPDATE audit_chain SET customer_id = 'C-999' WHERE entry_seq = 2;",
    )
    .unwrap();
    drop(conn);
    let o = kioskctl(dir.path(), &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert!(text.contains("BROKEN at entry 2"), "{text}");
    assert!(text.contains("changed after it was written"), "{text}");

    let o = kioskctl(dir.path(), &["audit", "verify", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(json["first_break"]["entry_seq"], 2);
    assert_eq!(json["first_break"]["problem"]["kind"], "edited");
    assert_eq!(json["intact_entries"], 1);
}

#[test]
fn audit_verify_on_an_unreadable_store_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        kiosk_core::paths::db_path(dir.path()),
        b"not a database, just text",
    )
    .unwrap();
    let o = kioskctl(dir.path(), &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(2));
    // Not a plain database, so taken for an encrypted one whose key is missing: says where it looked.
    assert!(stderr(&o).contains("cannot be read"), "{}", stderr(&o));
    assert!(stderr(&o).contains("kiosk.key"), "{}", stderr(&o));
    assert_no_panic(&o);
}

#[test]
fn status_says_where_the_key_is_and_never_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open_in(dir.path()).unwrap());
    let key = std::fs::read_to_string(dir.path().join("kiosk.key")).unwrap();
    let o = kioskctl(dir.path(), &["status", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["key"]["kind"], "file");
    assert!(json["key"]["path"].as_str().unwrap().ends_with("kiosk.key"));
    assert!(json["device"].is_null());
    assert!(!out.contains(key.trim()), "the key was printed");
    let o = kioskctl(dir.path(), &["status"]);
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(text.contains("encrypted"), "{text}");
    assert!(text.contains("not enrolled"), "{text}");
    assert!(!text.contains(key.trim()), "the key was printed");
}

#[test]
fn bad_command_lines_fail_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["queue", "status", "--bogus"],
        vec!["queue"],
        vec!["enroll", "--url", "http://127.0.0.1:1"],
        vec!["nonsense"],
    ] {
        let o = kioskctl(dir.path(), &args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_no_panic(&o);
    }
    let o = kioskctl(
        dir.path(),
        &[
            "enroll",
            "--url",
            "not a url",
            "--store",
            "S",
            "--secret",
            "x",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("not a usable central API address"),
        "{}",
        stderr(&o)
    );
    assert_no_panic(&o);
}

#[test]
fn enroll_reports_an_unreachable_central_api() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let o = kioskctl(
        dir.path(),
        &[
            "enroll",
            "--url",
            &url,
            "--store",
            "DEMO-PRISHTINA",
            "--secret",
            "x",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot be reached"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("x\n"), "the secret must not be echoed");
}

#[test]
fn enroll_refuses_while_changes_are_pending() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_entries(dir.path(), 0);
    store
        .save_enrolment(
            "http://127.0.0.1:1",
            "Counter 1",
            &protocol::api::EnrollResponse {
                device_id: uuid::Uuid::now_v7(),
                token: "t".into(),
                token_expires_at: None,
                store_code: "DEMO-PRISHTINA".into(),
                store_name: "Demo".into(),
                applied_through_seq: 0,
            },
        )
        .unwrap();
    store
        .append_audit(Some("PR-0107"), "report.printed", None, "{}")
        .unwrap();
    drop(store);
    // The URL points nowhere: the refusal must come before any network call.
    let o = kioskctl(
        dir.path(),
        &[
            "enroll",
            "--url",
            "http://127.0.0.1:1",
            "--store",
            "DEMO-PRISHTINA",
            "--secret",
            "x",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("2 change(s) captured at this kiosk have not reached the central API"),
        "{err}"
    );
}

/// A store whose first change, a signed correction, the central API found in conflict (the
/// record is at version 4 now); the correction's audit copy was applied.
fn store_with_a_conflicting_correction(dir: &Path) -> Store {
    use protocol::api::ActingCapacity;
    use protocol::mutation::{
        Actor, ConflictCurrent, CorrectableField, CorrectionRequested, MutationPayload,
        PushItemResult, PushOutcome, PushResponse, Signature, SignaturePoint,
    };
    let mut store = Store::open_in(dir).unwrap();
    let signature = Signature {
        width: 600,
        height: 240,
        strokes: vec![(0..20)
            .map(|i| SignaturePoint {
                x: 100 + i * 10,
                y: 1000,
                t: i * 8,
                pressure: None,
            })
            .collect()],
    };
    let correction = MutationPayload::CorrectionRequested(CorrectionRequested {
        reference: "DEMO-COR-0001".into(),
        customer_id: "C-000007".into(),
        field: CorrectableField::Email,
        old_value: "saw@example.invalid".into(),
        new_value: "new@example.invalid".into(),
        reason: "The customer changed e-mail address (test).".into(),
        base_record_version: 1,
        expressed_by: Actor {
            capacity: ActingCapacity::Themself,
            name: None,
            personal_number: None,
            authorisation_reference: None,
        },
        store_code: "DEMO-PRISHTINA".into(),
        signature_sha256: signature.sha256(),
        signature,
    });
    store.capture("PR-0107", &correction).unwrap();
    let batch = store.pending_batch(10, usize::MAX).unwrap();
    let outcomes = [
        PushOutcome::Conflict {
            current: ConflictCurrent {
                record_version: 4,
                field: Some(CorrectableField::Email),
                value: Some("now@example.invalid".into()),
            },
        },
        PushOutcome::Applied,
    ];
    store
        .apply_push_response(&PushResponse {
            applied_through_seq: 2,
            results: batch
                .iter()
                .zip(outcomes)
                .map(|(m, outcome)| PushItemResult {
                    seq: m.seq,
                    mutation_id: m.mutation_id,
                    outcome,
                })
                .collect(),
        })
        .unwrap();
    store
}

fn status_json(dir: &Path) -> serde_json::Value {
    let o = kioskctl(dir, &["queue", "status", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(stdout(&o).trim()).unwrap()
}

#[test]
fn queue_retry_of_a_conflict_needs_rebase_and_then_leaves_the_review_list() {
    let dir = tempfile::tempdir().unwrap();
    drop(store_with_a_conflicting_correction(dir.path()));
    assert_eq!(status_json(dir.path())["conflict"], 1);

    // Without --rebase: refused, saying why and what to do; nothing is queued.
    let o = kioskctl(dir.path(), &["queue", "retry", "1", "--staff", "PR-0901"]);
    assert_no_panic(&o);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stderr(&o).contains(
            "The record changed since the customer signed; check the current value with the customer. To send it anyway on the current record, retry with --rebase."
        ),
        "{}",
        stderr(&o)
    );
    let status = status_json(dir.path());
    assert_eq!(
        (&status["pending"], &status["conflict"]),
        (&0.into(), &1.into())
    );

    // With --rebase: queued again as change 3 (its audit copy is 4), and no longer to review.
    let o = kioskctl(
        dir.path(),
        &["queue", "retry", "1", "--rebase", "--staff", "PR-0901"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("queued again as change 3"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("rebased"), "{}", stdout(&o));
    let status = status_json(dir.path());
    assert_eq!(
        (&status["pending"], &status["conflict"]),
        (&2.into(), &0.into())
    );
    let o = kioskctl(dir.path(), &["queue", "rejected"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("retried as #3"), "{}", stdout(&o));
    // The old row's personal data is gone; the queued copy holds it.
    let store = Store::open_in(dir.path()).unwrap();
    let export = store.export_queue().unwrap();
    assert!(export.review.is_empty());
    assert_eq!(export.pending.len(), 2);
}

#[test]
fn remove_data_refuses_while_changes_wait_and_exports_them_first_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kiosk");
    drop(store_with_entries(&data, 2));
    let db = kiosk_core::paths::db_path(&data);

    // Without --yes nothing is removed, and the refusal says why and what to do.
    let check = kioskctl(&data, &["remove-data"]);
    assert_no_panic(&check);
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("have not reached the central API"),
        "{}",
        stderr(&check)
    );
    let refused = kioskctl(&data, &["remove-data", "--yes"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(db.exists());

    let export = dir.path().join("handover.json");
    let export_text = export.to_str().unwrap();
    let dry = kioskctl(&data, &["remove-data", "--export-first", export_text]);
    assert_eq!(dry.status.code(), Some(0), "{}", stderr(&dry));
    assert!(db.exists() && !export.exists());

    let done = kioskctl(
        &data,
        &["remove-data", "--yes", "--export-first", export_text],
    );
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    assert!(!db.exists() && !data.exists(), "{}", stdout(&done));
    let exported: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&export).unwrap()).unwrap();
    assert_eq!(exported["pending"].as_array().unwrap().len(), 2);

    let missing = kioskctl(&data, &["remove-data", "--yes"]);
    assert_eq!(missing.status.code(), Some(2), "{}", stderr(&missing));
}

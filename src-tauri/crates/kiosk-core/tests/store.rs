//! The local store as the desktop app and the sync worker use it, with tampering done the way an
//! intruder would: raw SQL on the file.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use chrono::Utc;
use kiosk_core::store::{AuditProblem, ChangeState, GENESIS_HASH};
use kiosk_core::Store;
use protocol::api::{
    ActingCapacity, ConsentNotice, EnrollResponse, StaffList, StaffMember, StaffRole,
};
use protocol::mutation::{
    sha256_hex, Actor, ConflictCurrent, ConsentChoice, ConsentRecorded, CorrectableField,
    CorrectionRequested, Mutation, MutationKind, MutationPayload, PushItemResult, PushOutcome,
    PushRequest, PushResponse, Signature, SignaturePoint,
};
use protocol::policy::{Channel, ConsentPurpose, ConsentState};
use protocol::Lang;
use rusqlite::Connection;
use uuid::Uuid;

fn db(dir: &tempfile::TempDir) -> PathBuf {
    kiosk_core::paths::db_path(dir.path())
}

fn raw(path: &Path) -> Connection {
    Store::raw_connection(path).unwrap()
}

fn consent(customer: &str) -> MutationPayload {
    let strokes = vec![(0..40)
        .map(|i| SignaturePoint {
            x: 101 + i * 3,
            y: 2000 - i * 7,
            t: i * 8,
            pressure: Some(100 + (i % 7) as u16 * 111),
        })
        .collect()];
    let signature = Signature {
        width: 600,
        height: 240,
        strokes,
    };
    MutationPayload::ConsentRecorded(ConsentRecorded {
        record_id: Uuid::now_v7(),
        customer_id: customer.into(),
        notice_id: "consent-notice".into(),
        notice_version: 3,
        notice_sha256: "ab".repeat(32),
        lang: Lang::Sq,
        choices: vec![ConsentChoice {
            purpose: ConsentPurpose::CurrentOffers,
            channel: Some(Channel::SmsMms),
            state: ConsentState::Given,
        }],
        collection_method: "in store, clerk assisted, signed".into(),
        jurisdiction: "XK".into(),
        controller: "IPKO Telecommunications LLC".into(),
        expressed_by: Actor {
            capacity: ActingCapacity::Themself,
            name: None,
            personal_number: None,
            authorisation_reference: None,
        },
        store_code: "DEMO-PRISHTINA".into(),
        identity_verification_id: None,
        signature_sha256: signature.sha256(),
        signature,
    })
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

fn outbox_seqs(conn: &Connection) -> Vec<i64> {
    let mut stmt = conn.prepare("SELECT seq FROM outbox ORDER BY seq").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn enrolment_answer(device_id: Uuid, applied_through_seq: u64) -> EnrollResponse {
    EnrollResponse {
        device_id,
        token: "secret-token".into(),
        token_expires_at: None,
        store_code: "DEMO-PRISHTINA".into(),
        store_name: "IPKO Prishtinë (demo)".into(),
        applied_through_seq,
    }
}

#[test]
fn a_store_can_move_to_the_sync_worker_thread() {
    fn assert_send<T: Send>() {}
    assert_send::<Store>();
}

#[test]
fn a_capture_queues_the_change_its_audit_entry_and_the_entry_copy() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    let queued = store.capture("PR-0107", &consent("C-000001")).unwrap();
    assert_eq!(queued.seq, 1);
    assert_eq!(queued.kind, MutationKind::ConsentRecorded);
    assert_eq!(queued.audit_entry_seq, 1);

    let batch = store.pending_batch(100, usize::MAX).unwrap();
    assert_eq!(batch.len(), 2);
    assert_eq!(batch[0].mutation_id, queued.mutation_id);
    assert_eq!(batch[0].payload_sha256, queued.payload_sha256);
    assert_eq!(batch[1].kind, MutationKind::AuditEvent);
    let entry = store.recent_audit(1).unwrap().remove(0);
    assert_eq!(entry.action, "capture.consent_recorded");
    assert_eq!(entry.staff_id.as_deref(), Some("PR-0107"));
    assert_eq!(entry.customer_id.as_deref(), Some("C-000001"));
    assert!(entry.detail.contains(&queued.mutation_id.to_string()));
    assert_eq!(entry.prev_hash, GENESIS_HASH);
    // The queued copy is the chain entry itself, hash included.
    assert_eq!(
        batch[1].decode().unwrap(),
        MutationPayload::AuditEvent(entry.to_event())
    );
    assert_eq!(kiosk_core::store::entry_hash(&entry.to_event()), entry.hash);
}

#[test]
fn a_failing_insert_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    let mut store = Store::open(&path).unwrap();
    let conn = raw(&path);

    // The audit entry fails after the change's outbox row was written.
    conn.execute_batch(
        "CREATE TRIGGER fail_audit BEFORE INSERT ON audit_chain
         BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END;",
    )
    .unwrap();
    assert!(store.capture("PR-0107", &consent("C-000001")).is_err());
    assert_eq!(count(&conn, "SELECT count(*) FROM outbox"), 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM audit_chain"), 0);
    conn.execute_batch("DROP TRIGGER fail_audit").unwrap();

    // The audit entry's own outbox row fails, after the change and the entry were written.
    conn.execute_batch(
        "CREATE TRIGGER fail_copy BEFORE INSERT ON outbox WHEN NEW.kind = 'audit_event'
         BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END;",
    )
    .unwrap();
    assert!(store.capture("PR-0107", &consent("C-000001")).is_err());
    assert!(store
        .append_audit(Some("PR-0107"), "report.printed", Some("C-000001"), "{}")
        .is_err());
    assert_eq!(count(&conn, "SELECT count(*) FROM outbox"), 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM audit_chain"), 0);
    conn.execute_batch("DROP TRIGGER fail_copy").unwrap();

    // Nothing half-written blocks the next capture, and numbering starts at 1.
    assert_eq!(
        store.capture("PR-0107", &consent("C-000001")).unwrap().seq,
        1
    );
    assert_eq!(outbox_seqs(&conn), vec![1, 2]);
}

#[test]
fn seq_is_contiguous_across_captures_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    let mut ids = Vec::new();
    {
        let mut store = Store::open(&path).unwrap();
        for i in 0..3 {
            ids.push(
                store
                    .capture("PR-0107", &consent(&format!("C-{i}")))
                    .unwrap()
                    .mutation_id,
            );
        }
    }
    let mut store = Store::open(&path).unwrap();
    for i in 3..5 {
        ids.push(
            store
                .capture("PR-0107", &consent(&format!("C-{i}")))
                .unwrap()
                .mutation_id,
        );
    }
    store
        .append_audit(Some("PR-0107"), "staff.signed_out", None, "{}")
        .unwrap();

    let conn = raw(&path);
    assert_eq!(outbox_seqs(&conn), (1..=11).collect::<Vec<_>>());
    let batch = store.pending_batch(500, usize::MAX).unwrap();
    assert_eq!(
        batch.iter().map(|m| m.seq).collect::<Vec<_>>(),
        (1..=11).collect::<Vec<_>>()
    );
    let captured: Vec<_> = batch
        .iter()
        .filter(|m| m.kind == MutationKind::ConsentRecorded)
        .map(|m| m.mutation_id)
        .collect();
    assert_eq!(captured, ids);
    assert_eq!(
        count(&conn, "SELECT count(DISTINCT mutation_id) FROM outbox"),
        11
    );
    assert!(store.verify_audit().unwrap().is_intact());
    assert_eq!(store.verify_audit().unwrap().intact_entries, 6);

    // A row slipped in with a gap is refused by the schema itself.
    let gap = conn.execute(
        "INSERT INTO outbox (seq, mutation_id, kind, captured_at, clerk_id, payload, payload_sha256, payload_bytes)
         VALUES (14, 'x', 'audit_event', '2026-01-01T00:00:00.000000Z', 'x', '{}', 'x', 2)",
        [],
    );
    assert!(gap.is_err());
}

#[test]
fn the_store_is_durable_wal_with_full_sync() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    let queued = {
        let mut store = Store::open(&path).unwrap();
        store.capture("PR-0107", &consent("C-000001")).unwrap()
    };
    let conn = raw(&path);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let store = Store::open_existing(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap() as usize,
        kiosk_core::store::schema::SCHEMA_VERSION
    );
    let batch = store.pending_batch(10, usize::MAX).unwrap();
    assert_eq!(batch[0].mutation_id, queued.mutation_id);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "the database must be private to its owner");
    }
}

#[test]
fn a_missing_or_foreign_file_is_not_opened_as_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere").join("kiosk.sqlite3");
    let err = Store::open_existing(&missing).unwrap_err();
    assert_eq!(err.code(), "store_missing");
    assert!(!missing.exists(), "checking must not create the file");

    let newer = dir.path().join("newer.sqlite3");
    drop(Store::open(&newer).unwrap());
    raw(&newer)
        .execute_batch("PRAGMA user_version = 99")
        .unwrap();
    let err = Store::open_existing(&newer).unwrap_err();
    assert_eq!(err.code(), "store_migration_failed");
    assert!(err.to_string().contains("newer version"), "{err}");

    let garbage = dir.path().join("garbage.sqlite3");
    std::fs::write(&garbage, vec![b'x'; 4096]).unwrap();
    let err = Store::open_existing(&garbage).unwrap_err();
    // The folder has a key (the stores above), and the garbage does not open with it.
    assert_eq!(err.code(), "store_key_wrong");
    assert!(err.is_store_unavailable());
    assert!(err.to_string().contains("garbage.sqlite3"), "{err}");
}

#[test]
fn what_is_queued_is_what_the_server_hashes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    for i in 0..20 {
        store
            .capture("PR-0107", &consent(&format!("C-{i}")))
            .unwrap();
    }
    let batch = store.pending_batch(500, usize::MAX).unwrap();
    // As the central API sees it: the request body as text, parsed, and each payload re-hashed.
    let body = serde_json::to_string(&PushRequest { mutations: batch }).unwrap();
    let received: PushRequest = serde_json::from_str(&body).unwrap();
    for m in &received.mutations {
        m.decode().unwrap_or_else(|e| panic!("seq {}: {e}", m.seq));
    }
    assert_eq!(received.mutations.len(), 40);
}

#[test]
fn batches_respect_item_and_byte_caps() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    for i in 0..5 {
        store
            .capture("PR-0107", &consent(&format!("C-{i}")))
            .unwrap();
    }
    assert_eq!(store.pending_batch(3, usize::MAX).unwrap().len(), 3);
    // One change always goes, however small the cap, or a large change would block the queue.
    assert_eq!(store.pending_batch(100, 0).unwrap().len(), 1);
    let all = store.pending_batch(100, usize::MAX).unwrap();
    let first_two: usize = all[..2]
        .iter()
        .map(|m| serde_json::to_string(m).unwrap().len())
        .sum();
    let capped = store.pending_batch(100, first_two + 400).unwrap();
    assert!(
        !capped.is_empty() && capped.len() < all.len(),
        "{}",
        capped.len()
    );
    let body = serde_json::to_string(&PushRequest { mutations: capped }).unwrap();
    assert!(body.len() <= first_two + 400);
}

#[test]
fn queue_status_counts_states_and_ages_and_acknowledged_changes_are_scrubbed() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    let mut store = Store::open(&path).unwrap();
    let empty = store.queue_status().unwrap();
    assert_eq!(empty.pending, 0);
    assert_eq!(empty.oldest_pending_captured_at, None);
    assert_eq!(empty.oldest_pending_age_seconds, None);

    let first = store.capture("PR-0107", &consent("C-1")).unwrap();
    store.capture("PR-0107", &consent("C-2")).unwrap();
    let status = store
        .queue_status_at(first.captured_at + chrono::Duration::seconds(3600))
        .unwrap();
    assert_eq!(status.pending, 4);
    assert_eq!(status.oldest_pending_captured_at, Some(first.captured_at));
    assert_eq!(status.oldest_pending_age_seconds, Some(3600));

    let batch = store.pending_batch(10, usize::MAX).unwrap();
    store.note_push_attempt(&batch).unwrap();
    let outcomes = [
        PushOutcome::Applied,
        PushOutcome::Rejected {
            code: "unknown_customer".into(),
            message: "No customer C-2.".into(),
        },
        PushOutcome::Conflict {
            current: ConflictCurrent {
                record_version: 9,
                field: None,
                value: None,
            },
        },
        PushOutcome::Duplicate,
    ];
    let response = PushResponse {
        applied_through_seq: 4,
        results: batch
            .iter()
            .zip(outcomes)
            .map(|(m, outcome)| PushItemResult {
                seq: m.seq,
                mutation_id: m.mutation_id,
                outcome,
            })
            .collect(),
    };
    let settled = store.apply_push_response(&response).unwrap();
    assert_eq!(
        (settled.acknowledged, settled.rejected, settled.conflict),
        (2, 1, 1)
    );
    // The same answer again changes nothing.
    let again = store.apply_push_response(&response).unwrap();
    assert_eq!(again.already_settled, 4);

    let status = store.queue_status().unwrap();
    assert_eq!(
        (
            status.pending,
            status.acknowledged,
            status.rejected,
            status.conflict
        ),
        (0, 2, 1, 1)
    );
    assert!(status.last_acknowledged_at.is_some());
    assert!(store.pending_batch(10, usize::MAX).unwrap().is_empty());

    let conn = raw(&path);
    // Acknowledged: personal data gone, the hash kept. Rejected: kept for review.
    let (payload, sha): (Option<String>, String) = conn
        .query_row(
            "SELECT payload, payload_sha256 FROM outbox WHERE seq = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(payload, None);
    assert_eq!(sha, first.payload_sha256);
    assert_eq!(
        count(&conn, "SELECT count(*) FROM outbox WHERE state = 'rejected' AND payload IS NOT NULL AND result_code = 'unknown_customer'"),
        1
    );
    assert_eq!(count(&conn, "SELECT max(attempts) FROM outbox"), 1);
    assert_eq!(
        serde_json::to_value(ChangeState::Acknowledged).unwrap(),
        "acknowledged"
    );
    let json = serde_json::to_value(&status).unwrap();
    for key in [
        "pending",
        "oldest_pending_captured_at",
        "oldest_pending_age_seconds",
        "rejected",
        "conflict",
        "acknowledged",
        "last_acknowledged_at",
    ] {
        assert!(json.get(key).is_some(), "{key}");
    }
}

/// A store with a chain of `n` entries (one capture each, plus nothing else).
fn chain(n: usize) -> (tempfile::TempDir, PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    let mut store = Store::open(&path).unwrap();
    for i in 0..n {
        if i % 2 == 0 {
            store
                .capture("PR-0107", &consent(&format!("C-{i}")))
                .unwrap();
        } else {
            store
                .append_audit(
                    Some("PR-0107"),
                    "report.printed",
                    Some(&format!("C-{i}")),
                    "{\"pages\":3}",
                )
                .unwrap();
        }
    }
    (dir, path, store)
}

/// Raw access as an intruder has it: the append-only triggers dropped first.
fn tamper(path: &Path, sql: &str) {
    let conn = raw(path);
    conn.execute_batch(
        "DROP TRIGGER IF EXISTS audit_chain_append_only_update;
         DROP TRIGGER IF EXISTS audit_chain_append_only_delete;",
    )
    .unwrap();
    conn.execute_batch(sql).unwrap();
}

#[test]
fn an_intact_chain_verifies() {
    let (_dir, _path, store) = chain(6);
    let v = store.verify_audit().unwrap();
    assert!(v.is_intact(), "{v:?}");
    assert_eq!(v.intact_entries, 6);
    assert_eq!(v.last_entry_seq, Some(6));
    assert_eq!(
        v.last_hash,
        Some(store.recent_audit(1).unwrap()[0].hash.clone())
    );

    let empty_dir = tempfile::tempdir().unwrap();
    let empty = Store::open(&db(&empty_dir)).unwrap();
    assert!(empty.verify_audit().unwrap().is_intact());
}

#[test]
fn the_append_only_rule_is_enforced_by_the_schema() {
    let (_dir, path, _store) = chain(3);
    let conn = raw(&path);
    assert!(conn
        .execute(
            "UPDATE audit_chain SET detail = 'x' WHERE entry_seq = 2",
            []
        )
        .is_err());
    assert!(conn
        .execute("DELETE FROM audit_chain WHERE entry_seq = 2", [])
        .is_err());
    assert!(conn
        .execute("DELETE FROM outbox WHERE seq = 1", [])
        .is_err());
}

#[test]
fn an_edited_entry_is_named() {
    let (_dir, path, store) = chain(5);
    tamper(
        &path,
        "UPDATE audit_chain SET detail = '{\"pages\":1}' WHERE entry_seq = 4",
    );
    let v = store.verify_audit().unwrap();
    let broken = v.first_break.clone().expect("edit not detected");
    assert_eq!(broken.entry_seq, 4);
    assert_eq!(broken.problem, AuditProblem::Edited);
    assert_eq!(v.intact_entries, 3);
    assert!(broken.message.contains("entry 4"), "{}", broken.message);
}

#[test]
fn an_edited_and_rehashed_entry_breaks_the_link_to_the_next() {
    let (_dir, path, store) = chain(5);
    let mut event = store
        .recent_audit(5)
        .unwrap()
        .into_iter()
        .find(|e| e.entry_seq == 2)
        .unwrap()
        .to_event();
    event.detail = "{\"pages\":1}".into();
    let forged = kiosk_core::store::entry_hash(&event);
    tamper(
        &path,
        &format!(
            "UPDATE audit_chain SET detail = '{{\"pages\":1}}', hash = '{forged}' WHERE entry_seq = 2"
        ),
    );
    let broken = store.verify_audit().unwrap().first_break.unwrap();
    assert_eq!(broken.entry_seq, 3);
    assert_eq!(broken.problem, AuditProblem::Unlinked);
}

#[test]
fn a_deleted_middle_entry_is_named() {
    let (_dir, path, store) = chain(5);
    tamper(&path, "DELETE FROM audit_chain WHERE entry_seq = 3");
    let broken = store.verify_audit().unwrap().first_break.unwrap();
    assert_eq!(broken.entry_seq, 3);
    assert_eq!(
        broken.problem,
        AuditProblem::Missing {
            next_present: Some(4)
        }
    );
}

#[test]
fn swapped_entries_are_named() {
    let (_dir, path, store) = chain(5);
    tamper(
        &path,
        "UPDATE audit_chain SET entry_seq = 1000 WHERE entry_seq = 2;
         UPDATE audit_chain SET entry_seq = 2 WHERE entry_seq = 3;
         UPDATE audit_chain SET entry_seq = 3 WHERE entry_seq = 1000;",
    );
    let broken = store.verify_audit().unwrap().first_break.unwrap();
    assert_eq!(broken.entry_seq, 2);
    assert_eq!(broken.problem, AuditProblem::Reordered { follows_entry: 3 });

    // Swapping the contents while keeping the numbers is caught the same way.
    let (_dir2, path2, store2) = chain(5);
    tamper(
        &path2,
        "CREATE TEMP TABLE a AS SELECT * FROM audit_chain WHERE entry_seq IN (3, 4);
         DELETE FROM audit_chain WHERE entry_seq IN (3, 4);
         INSERT INTO audit_chain SELECT 7 - entry_seq, at, staff_id, action, customer_id, detail, prev_hash, hash FROM a;",
    );
    let broken = store2.verify_audit().unwrap().first_break.unwrap();
    assert_eq!(broken.entry_seq, 3);
    assert_eq!(broken.problem, AuditProblem::Reordered { follows_entry: 4 });
}

#[test]
fn a_cut_off_tail_is_named() {
    let (_dir, path, store) = chain(5);
    tamper(&path, "DELETE FROM audit_chain WHERE entry_seq >= 4");
    let broken = store.verify_audit().unwrap().first_break.unwrap();
    assert_eq!(broken.entry_seq, 4);
    assert_eq!(broken.problem, AuditProblem::Truncated { recorded_last: 5 });
}

#[test]
fn an_unreadable_entry_is_named() {
    let (_dir, path, store) = chain(3);
    tamper(
        &path,
        "UPDATE audit_chain SET at = 'last tuesday' WHERE entry_seq = 2",
    );
    let broken = store.verify_audit().unwrap().first_break.unwrap();
    assert_eq!(broken.entry_seq, 2);
    assert!(matches!(broken.problem, AuditProblem::Unreadable { .. }));
}

#[test]
fn audit_input_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    assert_eq!(
        store
            .append_audit(None, "Printed report for Arbër Krasniqi", None, "")
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert!(store
        .append_audit(None, "x", None, &"x".repeat(5000))
        .is_err());
    let copy = store
        .append_audit(None, "device.checked", None, "{}")
        .unwrap()
        .to_event();
    assert_eq!(
        store
            .capture("PR-0107", &MutationPayload::AuditEvent(copy))
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert_eq!(
        store.capture("  ", &consent("C-1")).unwrap_err().code(),
        "invalid_input"
    );
    // An entry without staff goes out under the system clerk id.
    let batch = store.pending_batch(10, usize::MAX).unwrap();
    assert_eq!(batch.len(), 1);
    assert_eq!(batch[0].clerk_id, kiosk_core::store::SYSTEM_CLERK_ID);
}

fn notice(text: &str, version: u32) -> ConsentNotice {
    ConsentNotice {
        notice_id: "consent-notice".into(),
        version,
        lang: Lang::Sq,
        title: "Pëlqimi".into(),
        text: text.into(),
        text_sha256: sha256_hex(text.as_bytes()),
        published_at: Utc::now(),
    }
}

#[test]
fn the_notice_cache_refuses_a_text_that_does_not_match_its_hash() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    let mut store = Store::open(&path).unwrap();

    let mut forged = notice("Zgjidhni të informoheni …", 1);
    forged.text.push_str(" dhe të tjera");
    let err = store.cache_notice(&forged).unwrap_err();
    assert_eq!(err.code(), "notice_hash_mismatch");
    assert_eq!(store.notice(Lang::Sq).unwrap(), None);

    let v1 = notice("Zgjidhni të informoheni …", 1);
    store.cache_notice(&v1).unwrap();
    store.cache_notice(&v1).unwrap();
    assert_eq!(
        store.notice(Lang::Sq).unwrap().map(|n| n.text),
        Some(v1.text.clone())
    );
    assert_eq!(store.notice(Lang::En).unwrap(), None);

    // Same version, new text: refused; a new version is the way.
    let changed = notice("Tekst tjetër", 1);
    assert_eq!(
        store.cache_notice(&changed).unwrap_err().code(),
        "notice_changed"
    );
    let v2 = notice("Tekst tjetër", 2);
    store.cache_notice(&v2).unwrap();
    assert_eq!(store.notice(Lang::Sq).unwrap().map(|n| n.version), Some(2));
    assert_eq!(
        store
            .notice_version("consent-notice", 1, Lang::Sq)
            .unwrap()
            .map(|n| n.text),
        Some(v1.text)
    );

    // A text edited in the file is not handed out.
    raw(&path)
        .execute("UPDATE notices SET text = 'x' WHERE version = 2", [])
        .unwrap();
    assert_eq!(
        store.notice(Lang::Sq).unwrap_err().code(),
        "notice_hash_mismatch"
    );
}

fn member(id: &str) -> StaffMember {
    StaffMember {
        staff_id: id.into(),
        display_name: format!("Staff {id}"),
        role: StaffRole::Clerk,
        pin_verifier: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        active: true,
    }
}

#[test]
fn the_staff_cache_is_replaced_whole_and_tied_to_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    store
        .replace_staff(&StaffList {
            store_code: "DEMO-PRISHTINA".into(),
            staff: vec![member("PR-0107"), member("PR-0108")],
        })
        .unwrap();
    assert_eq!(store.staff().unwrap().len(), 2);
    store
        .replace_staff(&StaffList {
            store_code: "DEMO-PRISHTINA".into(),
            staff: vec![member("PR-0108")],
        })
        .unwrap();
    assert_eq!(store.staff_member("PR-0107").unwrap(), None);
    assert_eq!(
        store.staff_member("PR-0108").unwrap(),
        Some(member("PR-0108"))
    );
    assert!(store.staff_fetched_at().unwrap().is_some());

    store
        .save_enrolment(
            "http://127.0.0.1:1",
            "Counter 1",
            &enrolment_answer(Uuid::now_v7(), 0),
        )
        .unwrap();
    let err = store
        .replace_staff(&StaffList {
            store_code: "DEMO-PEJA".into(),
            staff: vec![],
        })
        .unwrap_err();
    assert_eq!(err.code(), "staff_store_mismatch");
    assert_eq!(store.staff().unwrap().len(), 1);
}

#[test]
fn enrolment_numbers_the_wire_seq_and_refuses_to_strand_pending_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    assert!(store.enrolment().unwrap().is_none());
    let first = Uuid::now_v7();
    let e = store
        .save_enrolment(
            "http://127.0.0.1:1/",
            "Counter 1",
            &enrolment_answer(first, 0),
        )
        .unwrap();
    assert_eq!(e.central_url, "http://127.0.0.1:1");
    assert!(!format!("{e:?}").contains("secret-token"));
    assert!(!serde_json::to_string(&e).unwrap().contains("secret-token"));
    assert_eq!(store.enrolment().unwrap().unwrap().token, "secret-token");

    // The enrolment itself is audited and queued.
    let batch = store.pending_batch(10, usize::MAX).unwrap();
    assert_eq!(batch.len(), 1);
    assert_eq!(batch[0].seq, 1);
    assert_eq!(store.recent_audit(1).unwrap()[0].action, "device.enrolled");

    store.capture("PR-0107", &consent("C-1")).unwrap();
    assert_eq!(
        store.ensure_can_enrol().unwrap_err().code(),
        "changes_pending"
    );
    let err = store
        .save_enrolment(
            "http://127.0.0.1:1",
            "Counter 1",
            &enrolment_answer(Uuid::now_v7(), 0),
        )
        .unwrap_err();
    assert_eq!(err.code(), "changes_pending");
    assert_eq!(store.enrolment().unwrap().unwrap().device_id, first);

    // Once everything is settled, enrolling as a new device restarts the wire numbering at 1.
    let batch = store.pending_batch(10, usize::MAX).unwrap();
    let response = PushResponse {
        applied_through_seq: batch.last().unwrap().seq,
        results: batch
            .iter()
            .map(|m| PushItemResult {
                seq: m.seq,
                mutation_id: m.mutation_id,
                outcome: PushOutcome::Applied,
            })
            .collect(),
    };
    store.apply_push_response(&response).unwrap();
    assert_eq!(store.enrolment().unwrap().unwrap().applied_through_seq, 3);
    store.ensure_can_enrol().unwrap();
    let second = Uuid::now_v7();
    let e2 = store
        .save_enrolment(
            "http://127.0.0.1:1",
            "Counter 1",
            &enrolment_answer(second, 0),
        )
        .unwrap();
    assert_eq!(e2.device_id, second);
    assert_eq!(e2.seq_base, 3);
    store.capture("PR-0107", &consent("C-2")).unwrap();
    let batch = store.pending_batch(10, usize::MAX).unwrap();
    assert_eq!(
        batch.iter().map(|m| m.seq).collect::<Vec<_>>(),
        vec![1, 2, 3]
    );
    assert_eq!(e2.wire_seq(4), Some(1));
}

#[test]
fn push_results_that_do_not_fit_a_change_are_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    store.capture("PR-0107", &consent("C-1")).unwrap();
    let batch: Vec<Mutation> = store.pending_batch(10, usize::MAX).unwrap();
    let response = PushResponse {
        applied_through_seq: 0,
        results: vec![
            PushItemResult {
                seq: 2,
                mutation_id: batch[0].mutation_id,
                outcome: PushOutcome::Applied,
            },
            PushItemResult {
                seq: 1,
                mutation_id: Uuid::now_v7(),
                outcome: PushOutcome::Applied,
            },
        ],
    };
    let settled = store.apply_push_response(&response).unwrap();
    assert_eq!(settled.unmatched, 2);
    assert_eq!(store.queue_status().unwrap().pending, 2);
    // The fitting answer settles the change once; repeated, it changes nothing.
    let fitting = PushResponse {
        applied_through_seq: 1,
        results: vec![PushItemResult {
            seq: 1,
            mutation_id: batch[0].mutation_id,
            outcome: PushOutcome::Applied,
        }],
    };
    assert_eq!(store.apply_push_response(&fitting).unwrap().acknowledged, 1);
    assert_eq!(
        store.apply_push_response(&fitting).unwrap().already_settled,
        1
    );
    assert_eq!(store.queue_status().unwrap().pending, 1);
}

#[test]
fn settings_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    assert_eq!(store.setting("printer").unwrap(), None);
    store.set_setting("printer", "Counter-1").unwrap();
    store.set_setting("printer", "Counter-2").unwrap();
    assert_eq!(
        store.setting("printer").unwrap().as_deref(),
        Some("Counter-2")
    );
    assert!(store.remove_setting("printer").unwrap());
    assert!(!store.remove_setting("printer").unwrap());
}

#[test]
fn the_push_body_spliced_from_stored_text_is_the_batch_itself() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    for i in 0..4 {
        store
            .capture("PR-0107", &consent(&format!("C-00000{i}")))
            .unwrap();
    }
    let batch = store.pending_batch(5, usize::MAX).unwrap();
    let (body, items) = store.pending_push_body(5, usize::MAX).unwrap();
    let parsed: PushRequest = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        parsed,
        PushRequest {
            mutations: batch.clone()
        }
    );
    assert_eq!(items.len(), 5);
    assert_eq!(
        items[0],
        (batch[0].seq, batch[0].mutation_id, batch[0].kind)
    );
    // Each payload still hashes to its claimed hash once the server has parsed it.
    for m in &parsed.mutations {
        assert!(m.decode().is_ok());
    }
    // The byte cap cuts the same way, and the first change always goes.
    let (_, one) = store.pending_push_body(5, 10).unwrap();
    assert_eq!(one.len(), 1);
    let (_, none) = {
        let conn = raw(&db(&dir));
        conn.execute(
            "UPDATE outbox SET state = 'acknowledged', payload = NULL",
            [],
        )
        .unwrap();
        store.pending_push_body(5, usize::MAX).unwrap()
    };
    assert!(none.is_empty());

    // Attempts are counted over the batch's range.
    let mut store2 = Store::open(&db(&tempfile::tempdir().unwrap())).unwrap();
    store2.capture("PR-0107", &consent("C-000001")).unwrap();
    store2.note_push_attempt_range(1, 2).unwrap();
    store2.note_push_attempt_range(1, 1).unwrap();
    let rows = store2.pending_rows(10).unwrap();
    assert_eq!(rows[0].attempts, 2);
    assert_eq!(rows[1].attempts, 1);
}

fn correction(customer: &str, old_value: &str, new_value: &str) -> MutationPayload {
    let MutationPayload::ConsentRecorded(c) = consent(customer) else {
        unreachable!()
    };
    MutationPayload::CorrectionRequested(CorrectionRequested {
        reference: "DEMO-COR-0001".into(),
        customer_id: customer.into(),
        field: CorrectableField::Email,
        old_value: old_value.into(),
        new_value: new_value.into(),
        reason: "The customer changed e-mail address (test).".into(),
        base_record_version: 1,
        expressed_by: c.expressed_by,
        store_code: c.store_code,
        signature_sha256: c.signature_sha256,
        signature: c.signature,
    })
}

/// A store with a conflicting correction at seq 1 (the server's record is at version 4 with
/// `now@example.invalid`) and a rejected consent at seq 3; their audit copies are acknowledged.
fn store_with_a_conflict_and_a_rejection(path: &Path) -> Store {
    let mut store = Store::open(path).unwrap();
    store
        .capture(
            "PR-0107",
            &correction("C-7", "saw@example.invalid", "new@example.invalid"),
        )
        .unwrap();
    store.capture("PR-0107", &consent("C-8")).unwrap();
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
        PushOutcome::Rejected {
            code: "unknown_customer".into(),
            message: "No customer C-8.".into(),
        },
        PushOutcome::Applied,
    ];
    let response = PushResponse {
        applied_through_seq: 4,
        results: batch
            .iter()
            .zip(outcomes)
            .map(|(m, outcome)| PushItemResult {
                seq: m.seq,
                mutation_id: m.mutation_id,
                outcome,
            })
            .collect(),
    };
    store.apply_push_response(&response).unwrap();
    assert_eq!(store.pending_count().unwrap(), 0);
    store
}

#[test]
fn a_conflicting_correction_is_sent_again_only_when_a_rebase_is_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_a_conflict_and_a_rejection(&db(&dir));

    // By default: refused, with what to do, and nothing queued or marked.
    let err = store.retry_change(1, Some("PR-0901"), false).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(
        err.to_string().contains(
            "The record changed since the customer signed; check the current value with the customer. To send it anyway on the current record, retry with --rebase."
        ),
        "{err}"
    );
    assert_eq!(store.pending_count().unwrap(), 0);
    assert_eq!(store.outbox_row(1).unwrap().unwrap().retried_as_seq, None);
    assert_eq!(
        store.recent_audit(1).unwrap()[0].action,
        "capture.consent_recorded"
    );
    // A rejected change has nothing to rebase.
    assert!(store
        .retry_change(3, None, true)
        .unwrap_err()
        .to_string()
        .contains("without --rebase"));

    // Asked for: based on the server's current record; the customer's request is unchanged.
    let retried = store.retry_change(1, Some("PR-0901"), true).unwrap();
    assert!(retried.rebased);
    let batch = store.pending_batch(10, usize::MAX).unwrap();
    let sent = batch
        .iter()
        .find(|m| m.mutation_id == retried.queued.mutation_id)
        .unwrap();
    let Ok(MutationPayload::CorrectionRequested(c)) =
        MutationPayload::from_value(sent.kind, sent.payload.clone())
    else {
        panic!("not a correction: {sent:?}");
    };
    assert_eq!(c.base_record_version, 4);
    assert_eq!(c.old_value, "now@example.invalid");
    assert_eq!(c.new_value, "new@example.invalid");
    assert_eq!(c.field, CorrectableField::Email);

    // The audit entry records the rebase, with ids and versions only.
    let entry = &store.recent_audit(1).unwrap()[0];
    assert_eq!(entry.action, "queue.retried");
    assert_eq!(entry.staff_id.as_deref(), Some("PR-0901"));
    let detail: serde_json::Value = serde_json::from_str(&entry.detail).unwrap();
    assert_eq!(detail["rebased"], true);
    assert_eq!(detail["retry_of_seq"], 1);
    assert_eq!(detail["rebased_from_record_version"], 1);
    assert_eq!(detail["rebased_onto_record_version"], 4);
    assert!(
        !entry.detail.contains("example.invalid"),
        "{}",
        entry.detail
    );
}

#[test]
fn a_retried_change_loses_its_payload_and_leaves_the_review_counts() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    let mut store = store_with_a_conflict_and_a_rejection(&path);
    let status = store.queue_status().unwrap();
    assert_eq!((status.rejected, status.conflict), (1, 1));
    assert_eq!(store.export_queue().unwrap().review.len(), 2);

    let conflict = store.retry_change(1, Some("PR-0901"), true).unwrap();
    let rejected = store.retry_change(3, Some("PR-0901"), false).unwrap();

    // The copies hold the payloads; the old rows keep only their hash.
    let conn = raw(&path);
    for (old, new) in [(1, conflict.queued.seq), (3, rejected.queued.seq)] {
        let new = i64::try_from(new).unwrap();
        let (payload, sha): (Option<String>, String) = conn
            .query_row(
                "SELECT payload, payload_sha256 FROM outbox WHERE seq = ?1",
                [old],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(payload, None, "change {old} keeps its personal data");
        assert_eq!(sha.len(), 64);
        let copy: Option<String> = conn
            .query_row("SELECT payload FROM outbox WHERE seq = ?1", [new], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(copy.is_some_and(|p| p.contains("\"signature\"")));
    }

    // Nothing is left to review: not counted, not exported, listed as retried.
    let status = store.queue_status().unwrap();
    assert_eq!((status.rejected, status.conflict), (0, 0));
    assert!(store.export_queue().unwrap().review.is_empty());
    let review = store.review_rows().unwrap();
    assert_eq!(
        review
            .iter()
            .map(|r| (r.seq, r.retried_as_seq))
            .collect::<Vec<_>>(),
        vec![
            (1, Some(conflict.queued.seq)),
            (3, Some(rejected.queued.seq))
        ]
    );
}

#[test]
fn enrolling_again_with_changes_queued_is_refused_even_for_the_same_device_id() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&db(&dir)).unwrap();
    let device = Uuid::now_v7();
    store
        .save_enrolment(
            "http://127.0.0.1:1",
            "Counter 1",
            &enrolment_answer(device, 0),
        )
        .unwrap();
    store.capture("PR-0107", &consent("C-1")).unwrap();
    let expected = store
        .ensure_queue_empty(kiosk_core::store::GuardedAction::ReEnrolment)
        .unwrap_err()
        .to_string();
    assert_eq!(store.ensure_can_enrol().unwrap_err().to_string(), expected);
    let err = store
        .save_enrolment(
            "http://127.0.0.1:1",
            "Counter 1",
            &enrolment_answer(device, 0),
        )
        .unwrap_err();
    assert_eq!(err.code(), "changes_pending");
    assert_eq!(err.to_string(), expected);
    assert_eq!(
        store.recent_audit(1).unwrap()[0].action,
        "capture.consent_recorded"
    );
}

/// Settles every pending change of `store` with `outcome`.
fn settle_all(store: &mut Store, outcome: &PushOutcome) {
    let batch = store.pending_batch(100, usize::MAX).unwrap();
    store.note_push_attempt(&batch).unwrap();
    let response = PushResponse {
        applied_through_seq: batch.last().map_or(0, |m| m.seq),
        results: batch
            .iter()
            .map(|m| PushItemResult {
                seq: m.seq,
                mutation_id: m.mutation_id,
                outcome: outcome.clone(),
            })
            .collect(),
    };
    store.apply_push_response(&response).unwrap();
}

#[test]
fn removing_the_data_refuses_while_a_change_exists_only_here() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kiosk");
    let mut store = Store::open_in(&data).unwrap();
    store.capture("PR-0107", &consent("C-1")).unwrap();

    let refused = kiosk_core::store::remove_data(&data, false).unwrap_err();
    assert_eq!(refused.code(), "changes_pending");
    assert!(refused.to_string().contains("uninstalling"), "{refused}");
    assert!(kiosk_core::paths::db_path(&data).exists());

    // Rejected changes reached the server but were never applied: still refused.
    settle_all(
        &mut store,
        &PushOutcome::Rejected {
            code: "unknown_customer".into(),
            message: "No customer C-1.".into(),
        },
    );
    let refused = kiosk_core::store::remove_data(&data, false).unwrap_err();
    assert_eq!(refused.code(), "review_outstanding");
    assert!(
        refused.to_string().contains("kioskctl queue export"),
        "{refused}"
    );
    drop(store);

    // Another file in the folder is not the kiosk's: it stays, and so does the folder.
    std::fs::write(data.join("notes.txt"), "store IT").unwrap();
    let removed = kiosk_core::store::remove_data(&data, true).unwrap();
    assert!(!kiosk_core::paths::db_path(&data).exists());
    assert!(!removed.folder_removed);
    assert!(data.join("notes.txt").exists());
    assert!(removed.files.iter().all(|f| !f.exists()));
    assert_eq!(
        kiosk_core::store::remove_data(&data, false)
            .unwrap_err()
            .code(),
        "store_missing"
    );
}

#[test]
fn a_fully_synced_kiosk_can_be_removed_and_its_folder_goes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("kiosk");
    let mut store = Store::open_in(&data).unwrap();
    store.capture("PR-0107", &consent("C-1")).unwrap();
    settle_all(&mut store, &PushOutcome::Applied);
    drop(store);
    let removed = kiosk_core::store::remove_data(&data, false).unwrap();
    assert!(removed.folder_removed);
    assert!(!data.exists());
    assert!(removed.files.contains(&kiosk_core::paths::db_path(&data)));
}

fn is_plain(path: &Path) -> bool {
    std::fs::read(path)
        .unwrap()
        .starts_with(b"SQLite format 3\0")
}

#[test]
fn the_database_opens_only_with_its_own_key_and_a_wrong_one_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    let mut store = Store::open(&path).unwrap();
    store.capture("PR-0107", &consent("C-000123")).unwrap();
    drop(store);
    assert!(!is_plain(&path), "the database file is not encrypted");
    let key_file = dir.path().join(kiosk_core::store::key::KEY_FILE_NAME);
    assert!(
        key_file.exists(),
        "tests keep the key in a file (KIOSK_KEY_STORE=file)"
    );

    // The file copied to a folder without its key: refused, saying where the key was looked for.
    let other = tempfile::tempdir().unwrap();
    let copy = db(&other);
    std::fs::copy(&path, &copy).unwrap();
    let before = std::fs::read(&copy).unwrap();
    let err = Store::open_existing(&copy).unwrap_err();
    assert_eq!(err.code(), "store_key_missing");
    assert!(err.is_store_unavailable());
    assert!(err.to_string().contains("kiosk.key"), "{err}");

    // With another database's key: refused as the wrong key, and the file is left as it was.
    std::fs::write(
        other.path().join(kiosk_core::store::key::KEY_FILE_NAME),
        format!("{}\n", "ab".repeat(32)),
    )
    .unwrap();
    let err = Store::open_existing(&copy).unwrap_err();
    assert_eq!(err.code(), "store_key_wrong");
    assert!(
        err.to_string().contains("cannot be read with the key"),
        "{err}"
    );
    assert_eq!(std::fs::read(&copy).unwrap(), before);
    assert!(Store::raw_connection(&copy).is_ok_and(|c| c
        .query_row("SELECT count(*) FROM outbox", [], |r| r.get::<_, i64>(0))
        .is_err()));

    // With its own key back, everything is there.
    std::fs::copy(
        &key_file,
        other.path().join(kiosk_core::store::key::KEY_FILE_NAME),
    )
    .unwrap();
    let store = Store::open_existing(&copy).unwrap();
    assert_eq!(store.pending_count().unwrap(), 2);
}

#[test]
fn a_plain_database_of_an_earlier_version_is_encrypted_on_first_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = db(&dir);
    let mut store = Store::open(&path).unwrap();
    store.capture("PR-0107", &consent("C-000777")).unwrap();
    let version = store.schema_version().unwrap();
    let entries = store.verify_audit().unwrap().intact_entries;
    drop(store);

    // What a kiosk before encryption at rest left: the same tables in a plain file, no key.
    let old = tempfile::tempdir().unwrap();
    let plain = db(&old);
    raw(&path)
        .execute_batch(&format!(
            "ATTACH DATABASE '{}' AS plain KEY '';
             SELECT sqlcipher_export('plain');
             PRAGMA plain.user_version = {version};
             DETACH DATABASE plain;",
            plain.display()
        ))
        .unwrap();
    assert!(is_plain(&plain));
    // A power cut during an earlier attempt left half an encrypted copy beside it.
    std::fs::write(old.path().join("kiosk.sqlite3.encrypting"), b"half a file").unwrap();
    assert!(std::fs::read(&plain)
        .unwrap()
        .windows(9)
        .any(|w| w == b"C-000777\""));

    let store = Store::open_existing(&plain).unwrap();
    assert!(!is_plain(&plain), "still plain after opening");
    assert_eq!(store.schema_version().unwrap(), version);
    assert_eq!(store.pending_count().unwrap(), 2);
    let audit = store.verify_audit().unwrap();
    assert_eq!(audit.intact_entries, entries);
    assert!(audit.first_break.is_none());
    drop(store);
    let left: Vec<_> = std::fs::read_dir(old.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("encrypting"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert!(!std::fs::read(&plain)
        .unwrap()
        .windows(8)
        .any(|w| w == b"C-000777"));
}

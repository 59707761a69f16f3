//! The outbox: every change captured at the kiosk, in `seq` order, until the central API has settled
//! it, and a hash-only stub after that.

use chrono::{DateTime, Utc};
use protocol::mutation::{
    canonical_json, sha256_hex, Mutation, MutationKind, MutationPayload, PushOutcome, PushResponse,
    MAX_BATCH_ITEMS,
};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::time;

use super::audit::{self, AuditEntry};
use super::{enum_from_text, enum_to_text, to_i64, to_u64, Store};

/// The `clerk_id` of changes no signed-in person made (an enrolment's audit entry, for example).
pub const SYSTEM_CLERK_ID: &str = "system";

/// What a push body spends on one change besides its payload (ids, times, hash, JSON punctuation);
/// generous, so that a batch cut at `max_bytes` stays under it.
const ENVELOPE_BYTES: usize = 320;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeState {
    /// Waiting to be pushed, or pushed without an answer yet.
    Pending,
    /// Applied by the central API (or found applied before); the payload is scrubbed.
    Acknowledged,
    /// Refused by the central API; kept for review with its reason.
    Rejected,
    /// Based on a record version the central API no longer has; kept for review.
    Conflict,
}

/// A change in a push body: (wire seq, mutation id, kind).
pub type BatchItem = (u64, Uuid, MutationKind);

/// What [`Store::ensure_queue_empty`] guards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GuardedAction {
    SignOut,
    ReEnrolment,
    Uninstall,
}

impl GuardedAction {
    /// The action as the refusal message names it ("… signing out would strand them").
    pub fn describe(self) -> &'static str {
        match self {
            GuardedAction::SignOut => "signing out",
            GuardedAction::ReEnrolment => "enrolling this kiosk again",
            GuardedAction::Uninstall => "uninstalling the kiosk or removing its data",
        }
    }
}

/// A change safely queued: what the caller may show as "saved".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueuedChange {
    /// The kiosk's outbox number of the change.
    pub seq: u64,
    pub mutation_id: Uuid,
    pub kind: MutationKind,
    pub captured_at: DateTime<Utc>,
    /// SHA-256 of the payload's canonical JSON, as the central API will compute it.
    pub payload_sha256: String,
    /// The audit chain entry that records the capture.
    pub audit_entry_seq: u64,
}

/// The queue at a glance, for the status bar, `kioskctl queue status` and monitoring.
/// Field names are a contract (`--json`): add fields, never rename one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueStatus {
    pub pending: u64,
    pub oldest_pending_captured_at: Option<DateTime<Utc>>,
    pub oldest_pending_age_seconds: Option<i64>,
    /// Rejected changes still to be reviewed (one sent again with `queue retry` is not counted).
    pub rejected: u64,
    /// Conflicting changes still to be reviewed (one sent again with `queue retry` is not counted).
    pub conflict: u64,
    pub acknowledged: u64,
    pub last_acknowledged_at: Option<DateTime<Utc>>,
    /// The oldest pending change is older than `age_warning_after_seconds`: the kiosk has not
    /// reached the central API for too long and someone should look (the status bar turns amber).
    pub age_warning: bool,
    /// The threshold of `age_warning`: the setting [`QUEUE_AGE_WARNING_SETTING`], 24 hours unless set.
    pub age_warning_after_seconds: i64,
}

/// The setting (seconds, a whole number) after which pending changes raise the queue-age warning.
pub const QUEUE_AGE_WARNING_SETTING: &str = "sync.queue_age_warning_seconds";
/// The default of [`QUEUE_AGE_WARNING_SETTING`]: 24 hours.
pub const DEFAULT_QUEUE_AGE_WARNING_SECONDS: i64 = 24 * 3600;

/// What [`Store::apply_push_response`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PushSettlement {
    pub acknowledged: u64,
    pub rejected: u64,
    pub conflict: u64,
    /// Results for changes that were settled already (a repeated answer): left as they were.
    pub already_settled: u64,
    /// Results that match no queued change (unknown id, or a `seq` that does not fit the id).
    pub unmatched: u64,
}

/// The text stored and hashed for a payload: its canonical JSON, written directly from the typed
/// payload (see `canonical.rs`), which gives the same bytes as the tree path below at a fraction of
/// its cost. Debug builds (and so every test) check each one against the tree path; anything the
/// direct writer does not handle (a float that is not finite) takes the tree path, which refuses it.
pub(super) fn canonical_payload(payload: &MutationPayload) -> Result<(String, String)> {
    if let Ok(bytes) = protocol::canonical::to_canonical(payload) {
        if let Ok(text) = String::from_utf8(bytes) {
            if cfg!(debug_assertions) {
                let checked = checked_canonical_payload(payload)?;
                if checked.0 != text {
                    return Err(Error::InvalidInput(format!(
                        "the {} change cannot be queued: its canonical form is ambiguous",
                        enum_to_text(&payload.kind())
                    )));
                }
            }
            let sha = sha256_hex(text.as_bytes());
            return Ok((text, sha));
        }
    }
    checked_canonical_payload(payload)
}

/// The text stored and hashed for a payload: its canonical JSON, made stable under a JSON round trip.
///
/// The central API hashes `canonical_json` of the payload *as it parsed it*. A float written and
/// parsed back can come out one unit in the last place different when the parser is not exact
/// (serde_json's default), and then the hashes would differ and the change be refused. So the stored
/// text is re-parsed until it reproduces itself, and the typed payload read back from it must equal
/// the captured one: what is queued is then exactly what the server will read.
fn checked_canonical_payload(payload: &MutationPayload) -> Result<(String, String)> {
    let unusable = || {
        Error::InvalidInput(format!(
            "the {} change cannot be queued: its data does not read back as captured (a number that is not finite, or text that JSON cannot carry)",
            enum_to_text(&payload.kind())
        ))
    };
    let mut text =
        String::from_utf8(canonical_json(&payload.to_value())).map_err(|_| unusable())?;
    // The parsed value of the fixed point is kept for the typed check: parsing a signature's
    // hundreds of floats is the dearest step of a capture, so it is done once in the usual case.
    let mut stable = None;
    for _ in 0..4 {
        let reparsed: serde_json::Value = serde_json::from_str(&text).map_err(|_| unusable())?;
        let again = String::from_utf8(canonical_json(&reparsed)).map_err(|_| unusable())?;
        if again == text {
            stable = Some(reparsed);
            break;
        }
        text = again;
    }
    let Some(value) = stable else {
        return Err(unusable());
    };
    match MutationPayload::from_value(payload.kind(), value) {
        Ok(read_back) if read_back == *payload => {}
        _ => return Err(unusable()),
    }
    let sha = sha256_hex(text.as_bytes());
    Ok((text, sha))
}

pub(super) struct NewRow<'a> {
    pub(super) mutation_id: Uuid,
    pub(super) kind: MutationKind,
    pub(super) captured_at: DateTime<Utc>,
    pub(super) clerk_id: &'a str,
    pub(super) customer_id: Option<&'a str>,
    pub(super) payload: &'a str,
    pub(super) payload_sha256: &'a str,
    pub(super) audit_entry_seq: Option<u64>,
}

/// Inserts a change at the next `seq` inside the caller's (immediate) transaction.
pub(super) fn insert(tx: &Connection, row: &NewRow<'_>) -> Result<u64> {
    // Cached statements: preparing an insert into a table with triggers costs as much as the rest of
    // a capture's work.
    let seq: i64 = tx
        .prepare_cached("SELECT coalesce(max(seq), 0) + 1 FROM outbox")?
        .query_row([], |r| r.get(0))?;
    tx.prepare_cached(
        "INSERT INTO outbox (seq, mutation_id, kind, captured_at, clerk_id, customer_id, payload,
                             payload_sha256, payload_bytes, audit_entry_seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        seq,
        row.mutation_id.to_string(),
        enum_to_text(&row.kind),
        time::to_db(row.captured_at),
        row.clerk_id,
        row.customer_id,
        row.payload,
        row.payload_sha256,
        to_i64(row.payload.len() as u64)?,
        row.audit_entry_seq.map(to_i64).transpose()?,
    ])?;
    Ok(to_u64(seq))
}

/// Queues the central API's copy of an audit entry inside the caller's transaction.
pub(super) fn insert_audit_copy(tx: &Connection, entry: &AuditEntry) -> Result<u64> {
    let payload = MutationPayload::AuditEvent(entry.to_event());
    let (text, sha) = canonical_payload(&payload)?;
    insert(
        tx,
        &NewRow {
            mutation_id: Uuid::now_v7(),
            kind: MutationKind::AuditEvent,
            captured_at: entry.at,
            clerk_id: entry.staff_id.as_deref().unwrap_or(SYSTEM_CLERK_ID),
            customer_id: entry.customer_id.as_deref(),
            payload: &text,
            payload_sha256: &sha,
            audit_entry_seq: Some(entry.entry_seq),
        },
    )
}

fn check_clerk(clerk_id: &str) -> Result<()> {
    if clerk_id.trim().is_empty() || clerk_id.len() > 100 {
        return Err(Error::InvalidInput(
            "a change needs the id of the clerk who captured it".into(),
        ));
    }
    Ok(())
}

/// The local seq minus the wire seq of the current enrolment (0 before any).
pub(super) fn seq_base(conn: &Connection) -> Result<i64> {
    Ok(conn
        .query_row("SELECT seq_base FROM enrolment WHERE id = 1", [], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or(0))
}

pub(super) fn pending_count(conn: &Connection) -> Result<u64> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM outbox WHERE state = 'pending'",
        [],
        |r| r.get(0),
    )?;
    Ok(to_u64(n))
}

/// The one "changes pending" refusal, inside any connection or transaction (see
/// [`Store::ensure_queue_empty`]).
pub(super) fn ensure_queue_empty(conn: &Connection, action: GuardedAction) -> Result<()> {
    let pending = pending_count(conn)?;
    if pending > 0 {
        return Err(Error::ChangesPending {
            pending,
            action: action.describe().to_owned(),
        });
    }
    Ok(())
}

/// Settles one change by its id, if it is still pending. Returns whether it was.
fn settle(
    tx: &Connection,
    mutation_id: Uuid,
    outcome: &PushOutcome,
    at: DateTime<Utc>,
) -> Result<bool> {
    let at = time::to_db(at);
    let id = mutation_id.to_string();
    let changed = match outcome {
        PushOutcome::Applied | PushOutcome::Duplicate => {
            let code = if matches!(outcome, PushOutcome::Applied) {
                "applied"
            } else {
                "duplicate"
            };
            // The scrub: the central API has the change now, so the counter PC keeps only the stub.
            tx.execute(
                "UPDATE outbox SET state = 'acknowledged', payload = NULL, result_code = ?2,
                        result_message = NULL, settled_at = ?3
                 WHERE mutation_id = ?1 AND state = 'pending'",
                params![id, code, at],
            )?
        }
        PushOutcome::Rejected { code, message } => tx.execute(
            "UPDATE outbox SET state = 'rejected', result_code = ?2, result_message = ?3,
                    settled_at = ?4
             WHERE mutation_id = ?1 AND state = 'pending'",
            params![id, code, message, at],
        )?,
        PushOutcome::Conflict { current } => {
            let current = serde_json::to_string(current)
                .map_err(|e| Error::InvalidInput(format!("unusable conflict answer: {e}")))?;
            tx.execute(
                "UPDATE outbox SET state = 'conflict', result_code = 'conflict',
                        result_message = ?2, settled_at = ?3
                 WHERE mutation_id = ?1 AND state = 'pending'",
                params![id, current, at],
            )?
        }
    };
    Ok(changed == 1)
}

impl Store {
    /// Queues a signed change captured at the counter. In one transaction: the change's outbox row,
    /// an audit entry `capture.<kind>` naming it, and that audit entry's own outbox row. When this
    /// returns `Ok`, all three are on disk; when it returns `Err`, none is.
    ///
    /// Audit events are not captured this way: use [`Store::append_audit`].
    pub fn capture(&mut self, clerk_id: &str, payload: &MutationPayload) -> Result<QueuedChange> {
        if matches!(payload, MutationPayload::AuditEvent(_)) {
            return Err(Error::InvalidInput(
                "audit events are recorded with append_audit, not captured as changes".into(),
            ));
        }
        check_clerk(clerk_id)?;
        // Hashing and the read-back check happen before the write lock is taken.
        let (text, sha) = canonical_payload(payload)?;
        let kind = payload.kind();
        let mutation_id = Uuid::now_v7();
        let captured_at = time::now();

        let tx = self.write_tx()?;
        let seq = insert(
            &tx,
            &NewRow {
                mutation_id,
                kind,
                captured_at,
                clerk_id,
                customer_id: payload.customer_id(),
                payload: &text,
                payload_sha256: &sha,
                audit_entry_seq: None,
            },
        )?;
        let detail = serde_json::json!({
            "kind": kind,
            "mutation_id": mutation_id,
            "seq": seq,
        });
        let detail = String::from_utf8(canonical_json(&detail))
            .map_err(|e| Error::InvalidInput(e.to_string()))?;
        let entry = audit::append(
            &tx,
            captured_at,
            Some(clerk_id),
            &format!("capture.{}", enum_to_text(&kind)),
            payload.customer_id(),
            &detail,
        )?;
        insert_audit_copy(&tx, &entry)?;
        tx.commit()?;
        tracing::debug!(seq, %mutation_id, kind = ?kind, "change queued");
        Ok(QueuedChange {
            seq,
            mutation_id,
            kind,
            captured_at,
            payload_sha256: sha,
            audit_entry_seq: entry.entry_seq,
        })
    }

    /// The oldest pending changes, in `seq` order, as they go on the wire: at most `max_items`
    /// (and never more than the protocol allows), and no more than `max_bytes` of push body except
    /// that the first change is always included so that one large change cannot block the queue.
    pub fn pending_batch(&self, max_items: usize, max_bytes: usize) -> Result<Vec<Mutation>> {
        let limit = max_items.clamp(1, MAX_BATCH_ITEMS);
        let base = seq_base(&self.conn)?;
        let mut stmt = self.conn.prepare(
            "SELECT seq, mutation_id, kind, captured_at, clerk_id, payload, payload_sha256
             FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?1",
        )?;
        let mut rows = stmt.query([to_i64(limit as u64)?])?;
        let mut batch = Vec::new();
        let mut bytes = 0usize;
        while let Some(row) = rows.next()? {
            let seq: i64 = row.get(0)?;
            let payload: Option<String> = row.get(5)?;
            let payload = payload.ok_or_else(|| {
                Error::corrupt(format!("pending change {seq}"), "its payload is missing")
            })?;
            let size = payload.len() + ENVELOPE_BYTES;
            if !batch.is_empty() && bytes + size > max_bytes {
                break;
            }
            bytes += size;
            let what = || format!("change {seq}");
            let wire_seq = u64::try_from(seq - base)
                .ok()
                .filter(|s| *s >= 1)
                .ok_or_else(|| Error::corrupt(what(), "it precedes this device's enrolment"))?;
            let mutation_id: String = row.get(1)?;
            let kind: String = row.get(2)?;
            let captured_at: String = row.get(3)?;
            batch.push(Mutation {
                seq: wire_seq,
                mutation_id: Uuid::parse_str(&mutation_id)
                    .map_err(|e| Error::corrupt(what(), e))?,
                kind: enum_from_text("change kind", &kind)?,
                captured_at: time::from_db(&captured_at)?,
                clerk_id: row.get(4)?,
                payload: serde_json::from_str(&payload).map_err(|e| Error::corrupt(what(), e))?,
                payload_sha256: row.get(6)?,
            });
        }
        Ok(batch)
    }

    /// [`Store::pending_batch`] as the push body itself: the stored payload text is already the
    /// canonical JSON the hash was taken over, so it is spliced in as it is rather than parsed into
    /// a tree and written out again (for a batch of signed changes that is most of the kiosk's
    /// work). Returns the body and the changes' (wire seq, mutation id, kind), in order.
    pub fn pending_push_body(
        &self,
        max_items: usize,
        max_bytes: usize,
    ) -> Result<(Vec<u8>, Vec<BatchItem>)> {
        let limit = max_items.clamp(1, MAX_BATCH_ITEMS);
        let base = seq_base(&self.conn)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, mutation_id, kind, captured_at, clerk_id, payload, payload_sha256
             FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?1",
        )?;
        let mut rows = stmt.query([to_i64(limit as u64)?])?;
        let mut body = Vec::with_capacity(64 * 1024);
        body.extend_from_slice(b"{\"mutations\":[");
        let mut items = Vec::new();
        let mut bytes = 0usize;
        let json = |e: serde_json::Error| Error::InvalidInput(format!("unwritable push: {e}"));
        while let Some(row) = rows.next()? {
            let seq: i64 = row.get(0)?;
            let payload: Option<String> = row.get(5)?;
            let payload = payload.ok_or_else(|| {
                Error::corrupt(format!("pending change {seq}"), "its payload is missing")
            })?;
            let size = payload.len() + ENVELOPE_BYTES;
            if !items.is_empty() && bytes + size > max_bytes {
                break;
            }
            bytes += size;
            let what = || format!("change {seq}");
            let wire_seq = u64::try_from(seq - base)
                .ok()
                .filter(|s| *s >= 1)
                .ok_or_else(|| Error::corrupt(what(), "it precedes this device's enrolment"))?;
            let mutation_id: String = row.get(1)?;
            let mutation_id =
                Uuid::parse_str(&mutation_id).map_err(|e| Error::corrupt(what(), e))?;
            let kind: String = row.get(2)?;
            let kind: MutationKind = enum_from_text("change kind", &kind)?;
            let captured_at: String = row.get(3)?;
            let captured_at = time::from_db(&captured_at)?;
            let clerk_id: String = row.get(4)?;
            let sha: String = row.get(6)?;
            // A stored payload is canonical JSON by construction; a damaged one must not be sent
            // as if it were JSON (it would break the whole body).
            if !payload.starts_with('{') || !payload.ends_with('}') {
                return Err(Error::corrupt(what(), "its payload is not a JSON object"));
            }
            if !items.is_empty() {
                body.push(b',');
            }
            body.extend_from_slice(b"{\"seq\":");
            body.extend_from_slice(wire_seq.to_string().as_bytes());
            body.extend_from_slice(b",\"mutation_id\":");
            serde_json::to_writer(&mut body, &mutation_id).map_err(json)?;
            body.extend_from_slice(b",\"kind\":");
            serde_json::to_writer(&mut body, &kind).map_err(json)?;
            body.extend_from_slice(b",\"captured_at\":");
            serde_json::to_writer(&mut body, &captured_at).map_err(json)?;
            body.extend_from_slice(b",\"clerk_id\":");
            serde_json::to_writer(&mut body, &clerk_id).map_err(json)?;
            body.extend_from_slice(b",\"payload\":");
            body.extend_from_slice(payload.as_bytes());
            body.extend_from_slice(b",\"payload_sha256\":");
            serde_json::to_writer(&mut body, &sha).map_err(json)?;
            body.push(b'}');
            items.push((wire_seq, mutation_id, kind));
        }
        body.extend_from_slice(b"]}");
        Ok((body, items))
    }

    /// Counts one more push attempt for the pending changes between two wire seqs (a batch from
    /// [`Store::pending_push_body`]), in one statement.
    pub fn note_push_attempt_range(
        &mut self,
        first_wire_seq: u64,
        last_wire_seq: u64,
    ) -> Result<()> {
        let base = seq_base(&self.conn)?;
        self.conn.execute(
            "UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ?3
             WHERE state = 'pending' AND seq BETWEEN ?1 AND ?2",
            params![
                to_i64(first_wire_seq)? + base,
                to_i64(last_wire_seq)? + base,
                time::to_db(time::now())
            ],
        )?;
        Ok(())
    }

    /// Counts one more push attempt for each of these changes (for support: a change tried many
    /// times points at a problem).
    pub fn note_push_attempt(&mut self, batch: &[Mutation]) -> Result<()> {
        let at = time::to_db(time::now());
        let tx = self.write_tx()?;
        {
            let mut stmt = tx.prepare(
                "UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ?2
                 WHERE mutation_id = ?1 AND state = 'pending'",
            )?;
            for m in batch {
                stmt.execute(params![m.mutation_id.to_string(), at])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Records the central API's answer to a push, in one transaction: applied and duplicate changes
    /// become acknowledged and lose their payload (the scrub); rejected and conflicting ones keep it
    /// for review with the server's reason; the device's `applied_through_seq` advances. A result
    /// whose id and `seq` do not match a queued change is counted and ignored, and a repeated answer
    /// changes nothing.
    pub fn apply_push_response(&mut self, response: &PushResponse) -> Result<PushSettlement> {
        let at = time::now();
        let tx = self.write_tx()?;
        let base = seq_base(&tx)?;
        let mut settlement = PushSettlement::default();
        for item in &response.results {
            let row: Option<(i64, String)> = tx
                .query_row(
                    "SELECT seq, state FROM outbox WHERE mutation_id = ?1",
                    [item.mutation_id.to_string()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((seq, state)) = row else {
                tracing::warn!(mutation_id = %item.mutation_id, "push result for an unknown change");
                settlement.unmatched += 1;
                continue;
            };
            if i64::try_from(item.seq).ok() != Some(seq - base) {
                tracing::warn!(mutation_id = %item.mutation_id, wire_seq = item.seq, local_seq = seq, "push result with a seq that does not fit its change");
                settlement.unmatched += 1;
                continue;
            }
            if state != "pending" || !settle(&tx, item.mutation_id, &item.outcome, at)? {
                settlement.already_settled += 1;
                continue;
            }
            match item.outcome {
                PushOutcome::Applied | PushOutcome::Duplicate => settlement.acknowledged += 1,
                PushOutcome::Rejected { .. } => settlement.rejected += 1,
                PushOutcome::Conflict { .. } => settlement.conflict += 1,
            }
        }
        tx.execute(
            "UPDATE enrolment SET applied_through_seq = max(applied_through_seq, ?1) WHERE id = 1",
            [to_i64(response.applied_through_seq)?],
        )?;
        tx.commit()?;
        Ok(settlement)
    }

    /// The newest change's number (0 for none): a caller that sees it grow knows a change was
    /// queued (the desktop app then wakes the sync worker). The primary key makes it one lookup.
    pub fn last_seq(&self) -> Result<u64> {
        let seq: i64 = self
            .conn
            .prepare_cached("SELECT coalesce(max(seq), 0) FROM outbox")?
            .query_row([], |r| r.get(0))?;
        Ok(to_u64(seq))
    }

    /// How many changes wait for the central API.
    pub fn pending_count(&self) -> Result<u64> {
        pending_count(&self.conn)
    }

    pub fn queue_status(&self) -> Result<QueueStatus> {
        self.queue_status_at(time::now())
    }

    /// [`Store::queue_status`] with ages measured at `now`.
    pub fn queue_status_at(&self, now: DateTime<Utc>) -> Result<QueueStatus> {
        let (pending, oldest, rejected, conflict, acknowledged, last_ack): (
            i64,
            Option<String>,
            i64,
            i64,
            i64,
            Option<String>,
        ) = self.conn.query_row(
            "SELECT count(*) FILTER (WHERE state = 'pending'),
                    min(captured_at) FILTER (WHERE state = 'pending'),
                    count(*) FILTER (WHERE state = 'rejected' AND retried_as_seq IS NULL),
                    count(*) FILTER (WHERE state = 'conflict' AND retried_as_seq IS NULL),
                    count(*) FILTER (WHERE state = 'acknowledged'),
                    max(settled_at) FILTER (WHERE state = 'acknowledged')
             FROM outbox",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )?;
        let oldest = oldest.as_deref().map(time::from_db).transpose()?;
        let warn_after = self.queue_age_warning_after()?;
        let age = oldest.map(|t| (now - t).num_seconds().max(0));
        Ok(QueueStatus {
            pending: to_u64(pending),
            oldest_pending_captured_at: oldest,
            oldest_pending_age_seconds: age,
            rejected: to_u64(rejected),
            conflict: to_u64(conflict),
            acknowledged: to_u64(acknowledged),
            last_acknowledged_at: last_ack.as_deref().map(time::from_db).transpose()?,
            age_warning: age.is_some_and(|a| a > warn_after),
            age_warning_after_seconds: warn_after,
        })
    }

    /// The queue-age warning threshold in seconds ([`QUEUE_AGE_WARNING_SETTING`], else 24 hours).
    /// An unreadable setting falls back to the default rather than hiding the warning.
    pub fn queue_age_warning_after(&self) -> Result<i64> {
        Ok(self
            .setting(QUEUE_AGE_WARNING_SETTING)?
            .and_then(|v| v.trim().parse::<i64>().ok())
            .filter(|v| *v > 0)
            .unwrap_or(DEFAULT_QUEUE_AGE_WARNING_SECONDS))
    }

    /// Refuses, with a message a clerk can act on, while changes wait for the central API. Sign-out
    /// (of the last clerk), uninstalling and removing the kiosk's data call it first; so does
    /// re-enrolment ([`Store::ensure_can_enrol`] and [`Store::save_enrolment`]). A supervisor may
    /// export the queue (`kioskctl queue export`) before forcing anything.
    pub fn ensure_queue_empty(&self, action: GuardedAction) -> Result<()> {
        ensure_queue_empty(&self.conn, action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_text_is_canonical_and_hashed_as_the_protocol_hashes() {
        let payload = MutationPayload::AuditEvent(protocol::mutation::AuditEvent {
            entry_seq: 1,
            at: time::now(),
            staff_id: None,
            action: "x".into(),
            customer_id: None,
            detail: "ë".into(),
            prev_hash: audit::GENESIS_HASH.into(),
            hash: "0".repeat(64),
        });
        let (text, sha) = canonical_payload(&payload).unwrap_or_default();
        let m = Mutation::new(1, Uuid::now_v7(), time::now(), "PR-1", &payload);
        assert_eq!(sha, m.payload_sha256);
        assert_eq!(text.as_bytes(), canonical_json(&m.payload).as_slice());
    }
}

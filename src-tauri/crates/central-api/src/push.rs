//! Applying a device's batch of changes: the heart of the contract.
//!
//! A batch is applied in `seq` order inside ONE transaction. The server keeps, per device, the
//! `applied_through_seq` up to which every change is settled, and every change it has seen, keyed
//! by (device, mutation_id), forever:
//!
//! - an item whose `mutation_id` is known, with the same payload, is not applied again: it answers
//!   `duplicate` if it was applied, and its original `rejected` or `conflict` outcome otherwise, so
//!   that a kiosk whose answer was lost learns the truth on retry;
//! - an item whose `mutation_id` is known with ANOTHER payload is `rejected{mutation_id_reused}`
//!   (answering `duplicate` would let the kiosk scrub a change the server never received);
//! - an item with an already settled `seq` but an unknown `mutation_id` is `rejected{seq_reused}`;
//! - the first unsettled `seq` must be exactly `applied_through_seq + 1`, else the whole batch is
//!   refused with 409 `seq_gap` and nothing changes;
//! - every new item is checked and applied, or rejected, or (a stale correction) answered
//!   `conflict`; all three advance the sequence;
//! - every rejected or conflicting item, whatever the reason, is kept on the review list.
//!
//! A change's `captured_at` must lie within [`MAX_CAPTURE_AGE`] before and [`MAX_CLOCK_AHEAD`]
//! after the server's clock (`captured_at_out_of_range`), and a request's deadlines count from
//! `min(captured_at, now)`, so that a kiosk's wrong clock cannot move them.
//!
//! Audit events are the kiosk's audit chain, copied: they are kept whether or not the customer
//! they name is known and whatever their `captured_at`, so that the server's copy has no holes,
//! and refused (`audit_chain_broken`) only when an event does not match its own hash or does not
//! follow the device's previous accepted event. A device's FIRST audit event may follow any
//! entry: a kiosk re-enrolled as a new device continues its existing chain, whose earlier entries
//! the server holds under the old device id.
//!
//! An identity verification the kiosk recorded offline has the verdict `pending` and carries the
//! document holder's data; the server completes the match here with the kiosk's own rule
//! ([`protocol::identity::matching`]) against the customer's record (or the authorised persons on
//! record): a match is applied and kept as `match`; a partial match is rejected
//! (`identity_needs_review`) and a mismatch too (`identity_mismatch`), onto the review list. The
//! holder's data is never stored: not in the verification's row, not in the review list (whose copy
//! of such a change has no `holder`, so its `payload_sha256` no longer fits the payload kept).

use std::borrow::Cow;

use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};
use protocol::api::{ActingCapacity, CustomerSummary, RequestStatus};
use protocol::codes;
use protocol::identity::{self, DocumentFacts, MatchResult};
use protocol::mutation::{
    canonical_json, sha256_hex, AuditEvent, ConflictCurrent, ConsentRecorded, CorrectionRequested,
    IdentityVerified, MatchVerdict, Mutation, MutationKind, MutationPayload, PushItemResult,
    PushOutcome, PushRequest, PushResponse, RightsRequestSubmitted, Signature, MAX_BATCH_ITEMS,
};
use protocol::policy::{RequestState, RightKind};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde_json::json;
use uuid::Uuid;

use crate::db::devices::DeviceIdentity;
use crate::db::requests::Origin;
use crate::db::{customers, enum_text, parse_json, requests, store, to_i64, to_json, ts};
use crate::error::HttpError;
use crate::metrics::BatchCounts;

/// The longest reference a request may carry.
const MAX_REFERENCE_LEN: usize = 100;
/// The oldest `captured_at` the server believes: a kiosk may stay offline for long, but not for
/// over a year.
pub const MAX_CAPTURE_AGE: TimeDelta = TimeDelta::days(400);
/// How far ahead of the server's clock a kiosk's clock may run.
pub const MAX_CLOCK_AHEAD: TimeDelta = TimeDelta::minutes(5);

pub struct BatchResult {
    pub response: PushResponse,
    pub counts: BatchCounts,
}

/// Refusals of the batch as a whole that need no database: too many items, or items out of order.
fn check_shape(batch: &PushRequest) -> Result<(), HttpError> {
    if batch.mutations.len() > MAX_BATCH_ITEMS {
        return Err(HttpError::new(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            codes::BATCH_TOO_LARGE,
            format!(
                "The batch has {} changes; at most {MAX_BATCH_ITEMS} are accepted at once.",
                batch.mutations.len()
            ),
        ));
    }
    for m in &batch.mutations {
        if m.seq == 0 || to_i64(m.seq).is_err() {
            return Err(HttpError::invalid(format!(
                "seq {} is out of range: a device numbers its changes from 1.",
                m.seq
            )));
        }
    }
    for pair in batch.mutations.windows(2) {
        let (a, b) = (pair[0].seq, pair[1].seq);
        if b <= a {
            return Err(HttpError::new(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                codes::SEQ_ORDER,
                format!("The batch is not in seq order: {b} follows {a}."),
            ));
        }
        if b != a + 1 {
            return Err(HttpError::new(
                axum::http::StatusCode::CONFLICT,
                codes::SEQ_GAP,
                format!(
                    "The batch skips from seq {a} to {b}: changes {} to {} are missing.",
                    a + 1,
                    b - 1
                ),
            ));
        }
    }
    Ok(())
}

/// Applies a batch, after refusing as a whole a batch of the wrong shape (too many items, a `seq` out
/// of range, out of order or with a gap) or one that does not start where the device's settled
/// sequence ends.
pub fn apply_batch(
    conn: &mut Connection,
    device: &DeviceIdentity,
    batch: &PushRequest,
    now: DateTime<Utc>,
) -> Result<BatchResult, HttpError> {
    check_shape(batch)?;
    let mut tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let Some(settled) = crate::db::devices::applied_through_seq(&tx, device.device_id)? else {
        return Err(HttpError::internal("an authenticated device has no row"));
    };
    if let Some(first) = batch.mutations.first() {
        if first.seq > settled + 1 {
            return Err(HttpError::new(
                axum::http::StatusCode::CONFLICT,
                codes::SEQ_GAP,
                format!(
                    "The batch starts at seq {} but the server expects {}: changes {} to {} are missing.",
                    first.seq,
                    settled + 1,
                    settled + 1,
                    first.seq - 1
                ),
            ));
        }
    }

    let mut counts = BatchCounts::default();
    let mut results = Vec::with_capacity(batch.mutations.len());
    let mut through = settled;
    for m in &batch.mutations {
        let known = known_change(&tx, device.device_id, m.mutation_id)?;
        let outcome = match known {
            Some(known) if known.is_resent_by(m) => {
                counts.duplicate += 1;
                known.replay()
            }
            Some(_) => {
                counts.rejected += 1;
                tracing::warn!(
                    seq = m.seq,
                    "a known mutation id was pushed with another payload"
                );
                let outcome = rejected(
                    codes::MUTATION_ID_REUSED,
                    format!(
                        "Mutation id {} was already used by another change of this device, with \
                         another payload; a mutation id names one change for ever.",
                        m.mutation_id
                    ),
                );
                add_review_item(&tx, device.device_id, m, &outcome, now)?;
                outcome
            }
            None if m.seq <= settled => {
                counts.rejected += 1;
                tracing::warn!(
                    seq = m.seq,
                    "a settled seq was pushed with a new mutation id"
                );
                let outcome = rejected(
                    codes::SEQ_REUSED,
                    format!(
                        "seq {} was already used by another change of this device; a change keeps \
                         its seq and mutation id for ever.",
                        m.seq
                    ),
                );
                add_review_item(&tx, device.device_id, m, &outcome, now)?;
                outcome
            }
            None => {
                // A savepoint per change: whatever a change wrote is undone if it ends rejected.
                let sp = tx.savepoint()?;
                let outcome = evaluate(&sp, device, m, now)?;
                if matches!(outcome, PushOutcome::Applied) {
                    sp.commit()?;
                } else {
                    drop(sp);
                }
                record(&tx, device.device_id, m, &outcome, now)?;
                match &outcome {
                    PushOutcome::Applied => counts.applied += 1,
                    PushOutcome::Rejected { code, .. } => {
                        counts.rejected += 1;
                        tracing::info!(seq = m.seq, %code, "change rejected");
                    }
                    PushOutcome::Conflict { .. } => {
                        counts.conflict += 1;
                        tracing::info!(seq = m.seq, "change conflicts with the record");
                    }
                    PushOutcome::Duplicate => counts.duplicate += 1,
                }
                outcome
            }
        };
        through = through.max(m.seq);
        results.push(PushItemResult {
            seq: m.seq,
            mutation_id: m.mutation_id,
            outcome,
        });
    }
    tx.execute(
        "UPDATE devices SET applied_through_seq = ?2 WHERE device_id = ?1",
        params![device.device_id.to_string(), to_i64(through)?],
    )?;
    tx.commit()?;
    Ok(BatchResult {
        response: PushResponse {
            applied_through_seq: through,
            results,
        },
        counts,
    })
}

fn rejected(code: &str, message: impl Into<String>) -> PushOutcome {
    PushOutcome::Rejected {
        code: code.to_owned(),
        message: message.into(),
    }
}

/// A change the server has already seen: what it came to, and the payload hash it claimed.
struct KnownChange {
    original: PushOutcome,
    payload_sha256: String,
}

impl KnownChange {
    /// Whether `m` is this change sent again, rather than another change under its mutation id.
    fn is_resent_by(&self, m: &Mutation) -> bool {
        if !self.payload_sha256.eq_ignore_ascii_case(&m.payload_sha256) {
            return false;
        }
        // An applied change's payload hashed to its claim, so a payload that does not is another
        // one. A change first refused because its payload did not match its claim may be sent
        // again exactly as it was.
        let first_hash_was_wrong = matches!(
            &self.original,
            PushOutcome::Rejected { code, .. } if code == codes::PAYLOAD_HASH_MISMATCH
        );
        first_hash_was_wrong
            || sha256_hex(&canonical_json(&m.payload)).eq_ignore_ascii_case(&self.payload_sha256)
    }

    /// What a replay answers.
    fn replay(self) -> PushOutcome {
        match self.original {
            PushOutcome::Applied => PushOutcome::Duplicate,
            other => other,
        }
    }
}

fn known_change(
    conn: &Connection,
    device_id: Uuid,
    mutation_id: Uuid,
) -> rusqlite::Result<Option<KnownChange>> {
    let stored: Option<(String, String)> = conn
        .query_row(
            "SELECT outcome_json, payload_sha256 FROM mutations
             WHERE device_id = ?1 AND mutation_id = ?2",
            params![device_id.to_string(), mutation_id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    stored
        .map(|(json, payload_sha256)| {
            Ok(KnownChange {
                original: parse_json(&json)?,
                payload_sha256,
            })
        })
        .transpose()
}

/// The outcome's `status`, as the `mutations` and `review_items` tables keep it.
fn outcome_status(outcome: &PushOutcome) -> &'static str {
    match outcome {
        PushOutcome::Applied => "applied",
        PushOutcome::Duplicate => "duplicate",
        PushOutcome::Rejected { .. } => "rejected",
        PushOutcome::Conflict { .. } => "conflict",
    }
}

/// Keeps the change for dedup, and for review when it was not applied.
fn record(
    conn: &Connection,
    device_id: Uuid,
    m: &Mutation,
    outcome: &PushOutcome,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let status = outcome_status(outcome);
    conn.execute(
        "INSERT INTO mutations (device_id, mutation_id, seq, kind, outcome, outcome_json,
                                payload_sha256, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            device_id.to_string(),
            m.mutation_id.to_string(),
            to_i64(m.seq)?,
            enum_text(&m.kind),
            status,
            to_json(outcome)?,
            m.payload_sha256,
            ts(now)
        ],
    )?;
    add_review_item(conn, device_id, m, outcome, now)
}

/// Puts a rejected or conflicting change on the review list, once: a refusal that is not kept in
/// `mutations` (a reused seq or mutation id) is listed again only if something in it differs.
fn add_review_item(
    conn: &Connection,
    device_id: Uuid,
    m: &Mutation,
    outcome: &PushOutcome,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let (code, message, current) = match outcome {
        PushOutcome::Rejected { code, message } => (code.clone(), message.clone(), None),
        PushOutcome::Conflict { current } => (
            codes::CONFLICT.to_owned(),
            "The record changed since the version the correction was based on.".to_owned(),
            Some(to_json(current)?),
        ),
        PushOutcome::Applied | PushOutcome::Duplicate => return Ok(()),
    };
    conn.execute(
        "INSERT INTO review_items (device_id, seq, mutation_id, kind, outcome, code, message,
                                   current_json, mutation_json, received_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10
         WHERE NOT EXISTS (
             SELECT 1 FROM review_items
             WHERE device_id = ?1 AND mutation_id = ?3 AND seq = ?2 AND code = ?6
               AND mutation_json = ?9)",
        params![
            device_id.to_string(),
            to_i64(m.seq)?,
            m.mutation_id.to_string(),
            enum_text(&m.kind),
            outcome_status(outcome),
            code,
            message,
            current,
            to_json(&for_review(m))?,
            ts(now)
        ],
    )?;
    Ok(())
}

/// The change as the review list keeps it: an identity verification without the document holder's
/// data (the review needs the verdict and which fields differed, which the outcome's message
/// says, not the person's names, number and birth date).
fn for_review(m: &Mutation) -> Cow<'_, Mutation> {
    let has_holder = m.kind == MutationKind::IdentityVerified
        && m.payload
            .as_object()
            .is_some_and(|o| o.contains_key("holder"));
    if !has_holder {
        return Cow::Borrowed(m);
    }
    let mut kept = m.clone();
    if let Some(object) = kept.payload.as_object_mut() {
        object.remove("holder");
    }
    Cow::Owned(kept)
}

/// Checks one new change and applies it. Database failures abort the whole batch; everything the
/// change itself gets wrong is a rejection.
fn evaluate(
    conn: &Connection,
    device: &DeviceIdentity,
    m: &Mutation,
    now: DateTime<Utc>,
) -> rusqlite::Result<PushOutcome> {
    let payload = match m.decode() {
        Ok(p) => p,
        Err(e) => return Ok(rejected(e.code(), e.to_string())),
    };
    if m.clerk_id.trim().is_empty() {
        return Ok(rejected(
            codes::INVALID_PAYLOAD,
            "The change names no clerk.",
        ));
    }
    // An audit event records what happened at the kiosk, right or wrong: it is checked against the
    // device's chain only (see the module's documentation), so that the server's copy has no holes.
    let checked = match &payload {
        MutationPayload::AuditEvent(_) => None,
        _ => check_capture(conn, device, &payload, m.captured_at, now)?,
    };
    if let Some(outcome) = checked {
        return Ok(outcome);
    }
    let origin = Origin {
        device_id: device.device_id,
        mutation_id: m.mutation_id,
    };
    match &payload {
        MutationPayload::ConsentRecorded(p) => consent(conn, p, m, origin),
        MutationPayload::CorrectionRequested(p) => correction(conn, p, m, origin, now),
        MutationPayload::RightsRequestSubmitted(p) => rights_request(conn, p, m, origin, now),
        MutationPayload::IdentityVerified(p) => identity_verified(conn, p, m, origin),
        MutationPayload::AuditEvent(p) => audit_event(conn, p, m, origin, now),
    }
}

/// The checks of a change captured for a customer at a store: when, whom, where.
fn check_capture(
    conn: &Connection,
    device: &DeviceIdentity,
    payload: &MutationPayload,
    captured_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> rusqlite::Result<Option<PushOutcome>> {
    if let Some(outcome) = check_captured_at(captured_at, now) {
        return Ok(Some(outcome));
    }
    if let Some(customer_id) = payload.customer_id() {
        if !customers::exists(conn, customer_id)? {
            return Ok(Some(rejected(
                codes::UNKNOWN_CUSTOMER,
                format!("There is no customer {customer_id}."),
            )));
        }
    }
    if let Some(store_code) = payload_store(payload) {
        if store_code != device.store_code {
            return Ok(Some(rejected(
                codes::WRONG_STORE,
                format!(
                    "The change was captured for store {store_code}, but this device belongs to {}.",
                    device.store_code
                ),
            )));
        }
    }
    Ok(None)
}

fn payload_store(payload: &MutationPayload) -> Option<&str> {
    match payload {
        MutationPayload::ConsentRecorded(p) => Some(&p.store_code),
        MutationPayload::CorrectionRequested(p) => Some(&p.store_code),
        MutationPayload::RightsRequestSubmitted(p) => Some(&p.store_code),
        MutationPayload::IdentityVerified(p) => Some(&p.store_code),
        MutationPayload::AuditEvent(_) => None,
    }
}

/// Refuses a change whose capture time cannot be believed: deadlines are counted from it.
fn check_captured_at(captured_at: DateTime<Utc>, now: DateTime<Utc>) -> Option<PushOutcome> {
    let shown = captured_at.to_rfc3339_opts(SecondsFormat::Secs, true);
    if captured_at < now - MAX_CAPTURE_AGE {
        return Some(rejected(
            codes::CAPTURED_AT_OUT_OF_RANGE,
            format!(
                "The change says it was captured at {shown}, more than {} days ago; the kiosk's \
                 clock may be wrong.",
                MAX_CAPTURE_AGE.num_days()
            ),
        ));
    }
    if captured_at > now + MAX_CLOCK_AHEAD {
        return Some(rejected(
            codes::CAPTURED_AT_OUT_OF_RANGE,
            format!(
                "The change says it was captured at {shown}, more than {} minutes after the \
                 server's time; the kiosk's clock is ahead.",
                MAX_CLOCK_AHEAD.num_minutes()
            ),
        ));
    }
    None
}

/// Keeps a copy of an entry of the device's audit chain, if it matches its hash and follows the
/// device's previous accepted entry (any entry, for the device's first).
fn audit_event(
    conn: &Connection,
    p: &AuditEvent,
    m: &Mutation,
    origin: Origin,
    now: DateTime<Utc>,
) -> rusqlite::Result<PushOutcome> {
    if p.computed_hash() != p.hash {
        return Ok(rejected(
            codes::AUDIT_CHAIN_BROKEN,
            format!(
                "Audit entry {} does not match its hash: it was changed after it was written.",
                p.entry_seq
            ),
        ));
    }
    let previous: Option<(Option<i64>, Option<String>)> = conn
        .query_row(
            "SELECT entry_seq, hash FROM audit_events WHERE device_id = ?1
             ORDER BY id DESC LIMIT 1",
            [origin.device_id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((previous_seq, previous_hash)) = previous {
        if previous_hash.as_deref() != Some(p.prev_hash.as_str()) {
            let previous = previous_seq.map_or_else(|| "?".to_owned(), |n| n.to_string());
            return Ok(rejected(
                codes::AUDIT_CHAIN_BROKEN,
                format!(
                    "Audit entry {} does not follow entry {previous}, the last one received from \
                     this device: an entry was changed, removed or inserted in between.",
                    p.entry_seq
                ),
            ));
        }
    }
    conn.execute(
        "INSERT INTO audit_events (device_id, mutation_id, at, action, payload_json, received_at,
                                   entry_seq, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            origin.device_id.to_string(),
            origin.mutation_id.to_string(),
            ts(p.at),
            p.action,
            m.payload.to_string(),
            ts(now),
            to_i64(p.entry_seq)?,
            p.prev_hash,
            p.hash
        ],
    )?;
    Ok(PushOutcome::Applied)
}

fn check_signature(signature: &Signature, claimed_sha256: &str) -> Option<PushOutcome> {
    if let Some(problem) = signature.problem() {
        return Some(rejected(codes::INVALID_PAYLOAD, problem));
    }
    if !signature.sha256().eq_ignore_ascii_case(claimed_sha256) {
        return Some(rejected(
            codes::INVALID_PAYLOAD,
            "signature_sha256 is not the SHA-256 of the signature.",
        ));
    }
    None
}

fn check_reference(conn: &Connection, reference: &str) -> rusqlite::Result<Option<PushOutcome>> {
    if reference.trim().is_empty() || reference.len() > MAX_REFERENCE_LEN {
        return Ok(Some(rejected(
            codes::INVALID_PAYLOAD,
            format!("A reference must have 1 to {MAX_REFERENCE_LEN} characters."),
        )));
    }
    if requests::reference_exists(conn, reference)? {
        return Ok(Some(rejected(
            codes::DUPLICATE_REFERENCE,
            format!("Reference {reference} is already used by another request."),
        )));
    }
    Ok(None)
}

fn consent(
    conn: &Connection,
    p: &ConsentRecorded,
    m: &Mutation,
    origin: Origin,
) -> rusqlite::Result<PushOutcome> {
    if p.choices.is_empty() {
        return Ok(rejected(
            codes::INVALID_PAYLOAD,
            "The consent record has no choices.",
        ));
    }
    for choice in &p.choices {
        if !choice.purpose.accepts_channel(choice.channel) {
            let channel = choice
                .channel
                .map(|c| enum_text(&c))
                .unwrap_or_else(|| "none".to_owned());
            return Ok(rejected(
                codes::INVALID_PAYLOAD,
                format!(
                    "Purpose {} is not chosen through channel {channel}.",
                    enum_text(&choice.purpose)
                ),
            ));
        }
    }
    if let Some(outcome) = check_signature(&p.signature, &p.signature_sha256) {
        return Ok(outcome);
    }
    match store::notice_sha256(conn, &p.notice_id, p.notice_version, p.lang)? {
        None => {
            return Ok(rejected(
                codes::INVALID_PAYLOAD,
                format!(
                    "There is no notice {} version {} in {}.",
                    p.notice_id, p.notice_version, p.lang
                ),
            ))
        }
        Some(sha) if !sha.eq_ignore_ascii_case(&p.notice_sha256) => {
            return Ok(rejected(
                codes::INVALID_PAYLOAD,
                "notice_sha256 is not the hash of the notice the customer was shown.",
            ))
        }
        Some(_) => {}
    }
    let record_id = p.record_id.to_string();
    let used: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM consents WHERE record_id = ?1)",
        [&record_id],
        |r| r.get(0),
    )?;
    if used {
        return Ok(rejected(
            codes::DUPLICATE_REFERENCE,
            format!("Consent record {record_id} was already received in another change."),
        ));
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO consents (customer_id, record_id, purpose, channel, state, recorded_at,
                               method, store_code, notice_version, device_id, mutation_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for choice in &p.choices {
        stmt.execute(params![
            p.customer_id,
            record_id,
            enum_text(&choice.purpose),
            choice.channel.as_ref().map(enum_text),
            enum_text(&choice.state),
            ts(m.captured_at),
            p.collection_method,
            p.store_code,
            p.notice_version,
            origin.device_id.to_string(),
            origin.mutation_id.to_string()
        ])?;
    }
    Ok(PushOutcome::Applied)
}

fn correction(
    conn: &Connection,
    p: &CorrectionRequested,
    m: &Mutation,
    origin: Origin,
    now: DateTime<Utc>,
) -> rusqlite::Result<PushOutcome> {
    if p.new_value.trim().is_empty() {
        return Ok(rejected(
            codes::INVALID_PAYLOAD,
            "The corrected value is empty; removing data is an erasure request.",
        ));
    }
    if let Some(outcome) = check_signature(&p.signature, &p.signature_sha256) {
        return Ok(outcome);
    }
    if let Some(outcome) = check_reference(conn, &p.reference)? {
        return Ok(outcome);
    }
    let Some((version, current)) = customers::field_and_version(conn, &p.customer_id, p.field)?
    else {
        return Ok(rejected(
            codes::UNKNOWN_CUSTOMER,
            format!("There is no customer {}.", p.customer_id),
        ));
    };
    if version != p.base_record_version {
        return Ok(PushOutcome::Conflict {
            current: ConflictCurrent {
                record_version: version,
                field: Some(p.field),
                value: current,
            },
        });
    }
    customers::apply_correction(
        conn,
        &p.customer_id,
        p.field,
        current.as_deref(),
        &p.new_value,
        now,
    )?;
    let request = submitted_request(
        SubmittedRequest {
            reference: &p.reference,
            kind: RightKind::Rectification,
            customer_id: &p.customer_id,
            store_code: &p.store_code,
            // The reference server corrects the record at once, so the request is settled.
            state: RequestState::Completed,
        },
        m,
        now,
    );
    let details = json!({
        "field": p.field,
        "old_value": p.old_value,
        "new_value": p.new_value,
        "reason": p.reason,
        "base_record_version": p.base_record_version,
        "expressed_by": p.expressed_by,
        "signature_sha256": p.signature_sha256,
    });
    requests::insert(conn, &request, Some(&details), Some(origin))?;
    Ok(PushOutcome::Applied)
}

fn rights_request(
    conn: &Connection,
    p: &RightsRequestSubmitted,
    m: &Mutation,
    origin: Origin,
    now: DateTime<Utc>,
) -> rusqlite::Result<PushOutcome> {
    match p.kind {
        RightKind::Rectification => return Ok(rejected(
            codes::INVALID_PAYLOAD,
            "A correction is its own kind of change (correction_requested), not a rights request.",
        )),
        RightKind::Objection if p.objection_purpose.is_none() => {
            return Ok(rejected(
                codes::INVALID_PAYLOAD,
                "An objection must name the legitimate-interest purpose objected to.",
            ))
        }
        kind if kind != RightKind::Objection && p.objection_purpose.is_some() => {
            return Ok(rejected(
                codes::INVALID_PAYLOAD,
                "Only an objection names an objection purpose.",
            ))
        }
        kind if p.particulars.as_ref().is_some_and(|f| f.kind() != kind) => {
            return Ok(rejected(
                codes::INVALID_PAYLOAD,
                format!(
                    "The request's particulars are for another kind of request than {}.",
                    kind.label().en.to_lowercase()
                ),
            ))
        }
        kind if kind.business_only() && !customers::is_business(conn, &p.customer_id)? => {
            return Ok(rejected(
                codes::INVALID_PAYLOAD,
                format!(
                    "Only business customers can request {}.",
                    kind.label().en.to_lowercase()
                ),
            ))
        }
        _ => {}
    }
    if let Some(outcome) = check_signature(&p.signature, &p.signature_sha256) {
        return Ok(outcome);
    }
    if let Some(outcome) = check_reference(conn, &p.reference)? {
        return Ok(outcome);
    }
    let request = submitted_request(
        SubmittedRequest {
            reference: &p.reference,
            kind: p.kind,
            customer_id: &p.customer_id,
            store_code: &p.store_code,
            state: RequestState::Received,
        },
        m,
        now,
    );
    let details = json!({
        "details": p.details,
        "objection_purpose": p.objection_purpose,
        "particulars": p.particulars,
        "expressed_by": p.expressed_by,
        "signature_sha256": p.signature_sha256,
    });
    requests::insert(conn, &request, Some(&details), Some(origin))?;
    Ok(PushOutcome::Applied)
}

/// What a change says about the request it submits.
struct SubmittedRequest<'a> {
    reference: &'a str,
    kind: RightKind,
    customer_id: &'a str,
    store_code: &'a str,
    state: RequestState,
}

/// The request a change submits, with its deadlines. They count from when the change was captured,
/// but never from later than the server's clock: a kiosk clock that runs ahead (within
/// [`MAX_CLOCK_AHEAD`]) must not give IPKO more time.
fn submitted_request(r: SubmittedRequest<'_>, m: &Mutation, now: DateTime<Utc>) -> RequestStatus {
    let submitted_at = m.captured_at.min(now);
    let due = r.kind.deadline().due_dates(submitted_at);
    RequestStatus {
        reference: r.reference.to_owned(),
        kind: r.kind,
        customer_id: r.customer_id.to_owned(),
        submitted_at,
        due_at: due.due_at,
        latest_due_at: due.latest_at,
        state: r.state,
        store_code: Some(r.store_code.to_owned()),
    }
}

fn identity_verified(
    conn: &Connection,
    p: &IdentityVerified,
    m: &Mutation,
    origin: Origin,
) -> rusqlite::Result<PushOutcome> {
    if let Err(e) = p.check_holder() {
        return Ok(rejected(
            codes::INVALID_PAYLOAD,
            format!("The identity verification is malformed: {e}."),
        ));
    }
    let id = p.verification_id.to_string();
    let used: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM identity_verifications WHERE verification_id = ?1)",
        [&id],
        |r| r.get(0),
    )?;
    if used {
        return Ok(rejected(
            codes::DUPLICATE_REFERENCE,
            format!("Identity verification {id} was already received in another change."),
        ));
    }
    let payload_json = if p.verdict == MatchVerdict::Pending {
        let verdict = match complete_pending(conn, p)? {
            Ok(verdict) => verdict,
            Err(outcome) => return Ok(outcome),
        };
        // Only the verdict is kept: the holder's data served the match and goes no further.
        let completed = IdentityVerified {
            verdict,
            holder: None,
            ..p.clone()
        };
        let mut value = serde_json::to_value(&completed)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        value["matched_on_sync"] = json!(true);
        value.to_string()
    } else {
        m.payload.to_string()
    };
    conn.execute(
        "INSERT INTO identity_verifications (verification_id, customer_id, device_id, mutation_id,
                                             verified_at, payload_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id,
            p.customer_id,
            origin.device_id.to_string(),
            origin.mutation_id.to_string(),
            ts(m.captured_at),
            payload_json
        ],
    )?;
    Ok(PushOutcome::Applied)
}

/// Completes a verification the kiosk recorded offline: the document holder against the record,
/// with the kiosk's rule. `Ok(verdict)` to apply (always `match`), or the rejection.
fn complete_pending(
    conn: &Connection,
    p: &IdentityVerified,
) -> rusqlite::Result<Result<MatchVerdict, PushOutcome>> {
    let Some(document) = DocumentFacts::of_pending(p) else {
        return Ok(Err(rejected(
            codes::INVALID_PAYLOAD,
            "A pending identity verification must carry the document holder's data.",
        )));
    };
    let Some(customer) = customers::summary(conn, &p.customer_id)? else {
        return Ok(Err(rejected(
            codes::UNKNOWN_CUSTOMER,
            format!("There is no customer {}.", p.customer_id),
        )));
    };
    let customer_id = &customer.customer_id;
    if identity::is_specimen_code(&p.issuing_state) && !customer.demo {
        return Ok(Err(rejected(
            codes::IDENTITY_MISMATCH,
            format!(
                "The identity of customer {customer_id} was checked offline with a specimen                  document ({}), which identifies only fictional demo customers: it is not proof                  of identity. Review what was done at the counter on its strength.",
                p.issuing_state
            ),
        )));
    }
    let (result, whose) = match p.acting.capacity {
        ActingCapacity::Themself => (identity::match_customer(&document, &customer), "the record"),
        ActingCapacity::AuthorisedPerson => {
            match authorised_person_match(&document, &customer) {
                Some(result) => (result, "the authorised persons on record"),
                None => {
                    return Ok(Err(rejected(
                        codes::IDENTITY_MISMATCH,
                        format!(
                            "The identity of a person acting for customer {customer_id} was                              checked offline, but the record names no authorised person: it is                              not proof of identity. Review what was done at the counter on its                              strength."
                        ),
                    )))
                }
            }
        }
        ActingCapacity::Guardian | ActingCapacity::BusinessRepresentative => {
            return Ok(Err(rejected(
                codes::INVALID_PAYLOAD,
                "A guardian or a business representative cannot be verified offline: the                  customer's age or business number must be checked against the record at the                  counter.",
            )))
        }
    };
    Ok(match result.verdict {
        MatchVerdict::Match => Ok(MatchVerdict::Match),
        MatchVerdict::Partial => Err(rejected(
            codes::IDENTITY_NEEDS_REVIEW,
            format!(
                "The identity of customer {customer_id} was checked offline; on sync the document                  matches {whose} only in part ({}). A person must judge whether it was the                  customer, and review what was done at the counter on its strength.",
                result.differing()
            ),
        )),
        MatchVerdict::Mismatch | MatchVerdict::Pending => Err(rejected(
            codes::IDENTITY_MISMATCH,
            format!(
                "The identity of customer {customer_id} was checked offline; on sync the document                  does not match {whose} ({}): it is not proof of identity. Review what was done                  at the counter on its strength.",
                result.differing()
            ),
        )),
    })
}

/// The best match of the document among the customer's authorised persons, `None` if there are
/// none.
fn authorised_person_match(
    document: &DocumentFacts<'_>,
    customer: &CustomerSummary,
) -> Option<MatchResult> {
    MatchResult::best(
        customer
            .representatives
            .iter()
            .filter(|r| r.capacity == ActingCapacity::AuthorisedPerson)
            .map(|r| identity::match_representative(document, r)),
    )
}

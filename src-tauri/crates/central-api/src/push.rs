//! Applying a device's batch of changes: the heart of the contract.
//!
//! A batch is applied in `seq` order inside ONE transaction. The server keeps, per device, the
//! `applied_through_seq` up to which every change is settled, and every change it has seen, keyed
//! by (device, mutation_id), forever:
//!
//! - an item whose `mutation_id` is known is not applied again: it answers `duplicate` if it was
//!   applied, and its original `rejected` or `conflict` outcome otherwise, so that a kiosk whose
//!   answer was lost learns the truth on retry;
//! - an item with an already settled `seq` but an unknown `mutation_id` is `rejected{seq_reused}`;
//! - the first unsettled `seq` must be exactly `applied_through_seq + 1`, else the whole batch is
//!   refused with 409 `seq_gap` and nothing changes;
//! - every new item is checked and applied, or rejected, or (a stale correction) answered
//!   `conflict`; all three advance the sequence, and rejected and conflicting ones are kept for
//!   review.

use chrono::{DateTime, Utc};
use protocol::api::RequestStatus;
use protocol::codes;
use protocol::mutation::{
    ConflictCurrent, ConsentRecorded, CorrectionRequested, IdentityVerified, Mutation,
    MutationPayload, PushItemResult, PushOutcome, PushRequest, PushResponse,
    RightsRequestSubmitted, Signature, MAX_BATCH_ITEMS,
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

pub struct BatchResult {
    pub response: PushResponse,
    pub counts: BatchCounts,
}

/// Refusals of the batch as a whole that need no database: too many items, or items out of order.
pub fn check_shape(batch: &PushRequest) -> Result<(), HttpError> {
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

/// Applies a batch whose shape [`check_shape`] accepted.
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
        let known = known_outcome(&tx, device.device_id, m.mutation_id)?;
        let outcome = match known {
            Some(original) => {
                counts.duplicate += 1;
                original
            }
            None if m.seq <= settled => {
                counts.rejected += 1;
                tracing::warn!(
                    seq = m.seq,
                    "a settled seq was pushed with a new mutation id"
                );
                rejected(
                    codes::SEQ_REUSED,
                    format!(
                        "seq {} was already used by another change of this device; a change keeps \
                         its seq and mutation id for ever.",
                        m.seq
                    ),
                )
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

/// What a change already seen came to, as a replay answers it.
fn known_outcome(
    conn: &Connection,
    device_id: Uuid,
    mutation_id: Uuid,
) -> rusqlite::Result<Option<PushOutcome>> {
    let stored: Option<String> = conn
        .query_row(
            "SELECT outcome_json FROM mutations WHERE device_id = ?1 AND mutation_id = ?2",
            params![device_id.to_string(), mutation_id.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    stored
        .map(|json| {
            let original: PushOutcome = parse_json(&json)?;
            Ok(match original {
                PushOutcome::Applied => PushOutcome::Duplicate,
                other => other,
            })
        })
        .transpose()
}

/// Keeps the change for dedup, and for review when it was not applied.
fn record(
    conn: &Connection,
    device_id: Uuid,
    m: &Mutation,
    outcome: &PushOutcome,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let status = match outcome {
        PushOutcome::Applied => "applied",
        PushOutcome::Duplicate => "duplicate",
        PushOutcome::Rejected { .. } => "rejected",
        PushOutcome::Conflict { .. } => "conflict",
    };
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
    let (code, message, current) = match outcome {
        PushOutcome::Rejected { code, message } => (code.clone(), message.clone(), None),
        PushOutcome::Conflict { current } => (
            "conflict".to_owned(),
            "The record changed since the version the correction was based on.".to_owned(),
            Some(to_json(current)?),
        ),
        PushOutcome::Applied | PushOutcome::Duplicate => return Ok(()),
    };
    conn.execute(
        "INSERT INTO review_items (device_id, seq, mutation_id, kind, outcome, code, message,
                                   current_json, mutation_json, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            device_id.to_string(),
            to_i64(m.seq)?,
            m.mutation_id.to_string(),
            enum_text(&m.kind),
            status,
            code,
            message,
            current,
            to_json(m)?,
            ts(now)
        ],
    )?;
    Ok(())
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
    if let Some(customer_id) = payload.customer_id() {
        if !customers::exists(conn, customer_id)? {
            return Ok(rejected(
                codes::UNKNOWN_CUSTOMER,
                format!("There is no customer {customer_id}."),
            ));
        }
    }
    if let Some(store_code) = payload_store(&payload) {
        if store_code != device.store_code {
            return Ok(rejected(
                codes::WRONG_STORE,
                format!(
                    "The change was captured for store {store_code}, but this device belongs to {}.",
                    device.store_code
                ),
            ));
        }
    }
    let origin = Origin {
        device_id: device.device_id,
        mutation_id: m.mutation_id,
    };
    match &payload {
        MutationPayload::ConsentRecorded(p) => consent(conn, p, m, origin),
        MutationPayload::CorrectionRequested(p) => correction(conn, p, m, origin, now),
        MutationPayload::RightsRequestSubmitted(p) => rights_request(conn, p, m, origin),
        MutationPayload::IdentityVerified(p) => identity_verified(conn, p, m, origin),
        MutationPayload::AuditEvent(p) => {
            conn.execute(
                "INSERT INTO audit_events (device_id, mutation_id, at, action, payload_json,
                                           received_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    origin.device_id.to_string(),
                    origin.mutation_id.to_string(),
                    ts(p.at),
                    p.action,
                    m.payload.to_string(),
                    ts(now)
                ],
            )?;
            Ok(PushOutcome::Applied)
        }
    }
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

fn check_signature(signature: &Signature, claimed_sha256: &str) -> Option<PushOutcome> {
    if signature.point_count() == 0 {
        return Some(rejected(codes::INVALID_PAYLOAD, "The signature is empty."));
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
    let kind = RightKind::Rectification;
    let due = kind.deadline().due_dates(m.captured_at);
    let request = RequestStatus {
        reference: p.reference.clone(),
        kind,
        customer_id: p.customer_id.clone(),
        submitted_at: m.captured_at,
        due_at: due.due_at,
        latest_due_at: due.latest_at,
        // The reference server corrects the record at once, so the request is settled.
        state: RequestState::Completed,
        store_code: Some(p.store_code.clone()),
    };
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
    let due = p.kind.deadline().due_dates(m.captured_at);
    let request = RequestStatus {
        reference: p.reference.clone(),
        kind: p.kind,
        customer_id: p.customer_id.clone(),
        submitted_at: m.captured_at,
        due_at: due.due_at,
        latest_due_at: due.latest_at,
        state: RequestState::Received,
        store_code: Some(p.store_code.clone()),
    };
    let details = json!({
        "details": p.details,
        "objection_purpose": p.objection_purpose,
        "expressed_by": p.expressed_by,
        "signature_sha256": p.signature_sha256,
    });
    requests::insert(conn, &request, Some(&details), Some(origin))?;
    Ok(PushOutcome::Applied)
}

fn identity_verified(
    conn: &Connection,
    p: &IdentityVerified,
    m: &Mutation,
    origin: Origin,
) -> rusqlite::Result<PushOutcome> {
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
            m.payload.to_string()
        ],
    )?;
    Ok(PushOutcome::Applied)
}

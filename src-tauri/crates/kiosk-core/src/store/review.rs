//! The queue as support sees it: the pending and the review lists, an export for a supervisor, and
//! sending a rejected or conflicting change again.
//!
//! ## Retrying a change
//!
//! The central API settles every `seq` once: a rejected or conflicting change advanced the device's
//! sequence, and the server answers that same outcome again for that `mutation_id` forever. So a
//! retry can neither reuse the old row nor its id. [`Store::retry_change`] queues a NEW change at
//! the next `seq` with a new `mutation_id` and a copy of the payload, keeping the original
//! `captured_at` (legal deadlines run from when the customer signed) and the original clerk. The old
//! row stays as the server settled it, with `retried_as_seq` pointing at the new one (which points
//! back with `retry_of_seq`), and may not be retried twice; its payload (names, signature) is
//! scrubbed, since the copy lives in the new row. A retried row no longer counts as waiting for
//! review. The retry is recorded in the audit chain under the person who asked for it.
//!
//! A conflicting change is NOT sent again by default: the customer's record changed after the
//! customer signed, and the signed correction states an `old_value` and a record version the
//! customer saw. Rebasing it silently would make the last writer win and have the customer's signed
//! request name an `old_value` they never saw, so a supervisor must first check the current value
//! with the customer. Only when asked explicitly (`rebase`, `kioskctl queue retry ID --rebase`) is a
//! conflicting correction rebased: its `base_record_version` and `old_value` become what the server
//! reported as current (sending the stale version again would only conflict again). The field and
//! new value are unchanged, and the audit entry records the rebase.

use chrono::{DateTime, Utc};
use protocol::mutation::{ConflictCurrent, MutationKind, MutationPayload};
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::time;

use super::outbox::{canonical_payload, insert, insert_audit_copy, seq_base, NewRow, QueuedChange};
use super::{audit, enum_from_text, enum_to_text, to_i64, to_u64, ChangeState, Store};

/// One outbox row without its payload: what `kioskctl queue list` and `queue rejected` show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxRow {
    /// The kiosk's own number of the change.
    pub seq: u64,
    /// The number the central API knows it by (`seq` minus the enrolment's base), when enrolled.
    pub wire_seq: Option<u64>,
    pub mutation_id: Uuid,
    pub kind: MutationKind,
    pub state: ChangeState,
    pub captured_at: DateTime<Utc>,
    pub clerk_id: String,
    pub customer_id: Option<String>,
    pub payload_sha256: String,
    pub payload_bytes: u64,
    pub attempts: u64,
    pub last_attempt_at: Option<DateTime<Utc>>,
    pub settled_at: Option<DateTime<Utc>>,
    /// `applied`, `duplicate`, `conflict` or the server's rejection code.
    pub result_code: Option<String>,
    /// The server's reason for a rejection; for a conflict, the record as it is now (JSON).
    pub result_message: Option<String>,
    pub retried_as_seq: Option<u64>,
    pub retry_of_seq: Option<u64>,
}

/// A change in an export: the row and, while the kiosk still holds it, its payload.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportedChange {
    #[serde(flatten)]
    pub row: OutboxRow,
    pub payload: Option<serde_json::Value>,
}

/// `kioskctl queue export`: everything a supervisor needs to take over changes that cannot reach
/// the central API from this kiosk. Holds personal data: write it to a private file only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueueExport {
    pub exported_at: DateTime<Utc>,
    pub device_id: Option<Uuid>,
    pub store_code: Option<String>,
    pub central_url: Option<String>,
    pub pending: Vec<ExportedChange>,
    /// Rejected and conflicting changes, with the server's reasons.
    pub review: Vec<ExportedChange>,
}

/// What [`Store::retry_change`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetriedChange {
    pub retried_seq: u64,
    pub queued: QueuedChange,
    /// A conflicting correction was based on the server's current record version (only when the
    /// caller asked for it).
    pub rebased: bool,
}

/// state, kind, payload, result_message, retried_as_seq, captured_at, clerk_id.
type RetrySource = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<i64>,
    String,
    String,
);

const ROW_COLUMNS: &str = "seq, mutation_id, kind, state, captured_at, clerk_id, customer_id,
    payload_sha256, payload_bytes, attempts, last_attempt_at, settled_at, result_code,
    result_message, retried_as_seq, retry_of_seq, payload";

fn opt_time(text: Option<String>) -> Result<Option<DateTime<Utc>>> {
    text.as_deref().map(time::from_db).transpose()
}

fn read_row(r: &Row<'_>, base: i64) -> Result<(OutboxRow, Option<String>)> {
    let seq: i64 = r.get(0)?;
    let what = || format!("change {seq}");
    let mutation_id: String = r.get(1)?;
    let kind: String = r.get(2)?;
    let state: String = r.get(3)?;
    let captured_at: String = r.get(4)?;
    let row = OutboxRow {
        seq: to_u64(seq),
        wire_seq: u64::try_from(seq - base).ok().filter(|s| *s >= 1),
        mutation_id: Uuid::parse_str(&mutation_id).map_err(|e| Error::corrupt(what(), e))?,
        kind: enum_from_text("change kind", &kind)?,
        state: enum_from_text("change state", &state)?,
        captured_at: time::from_db(&captured_at)?,
        clerk_id: r.get(5)?,
        customer_id: r.get(6)?,
        payload_sha256: r.get(7)?,
        payload_bytes: to_u64(r.get(8)?),
        attempts: to_u64(r.get(9)?),
        last_attempt_at: opt_time(r.get(10)?)?,
        settled_at: opt_time(r.get(11)?)?,
        result_code: r.get(12)?,
        result_message: r.get(13)?,
        retried_as_seq: r.get::<_, Option<i64>>(14)?.map(to_u64),
        retry_of_seq: r.get::<_, Option<i64>>(15)?.map(to_u64),
    };
    Ok((row, r.get(16)?))
}

impl Store {
    fn rows_where(&self, condition: &str, limit: u64) -> Result<Vec<(OutboxRow, Option<String>)>> {
        let base = seq_base(&self.conn)?;
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ROW_COLUMNS} FROM outbox WHERE {condition} ORDER BY seq LIMIT ?1"
        ))?;
        let mut rows = stmt.query([to_i64(limit)?])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(read_row(r, base)?);
        }
        Ok(out)
    }

    /// The oldest `limit` pending changes, in `seq` order, without payloads.
    pub fn pending_rows(&self, limit: u64) -> Result<Vec<OutboxRow>> {
        Ok(self
            .rows_where("state = 'pending'", limit)?
            .into_iter()
            .map(|(r, _)| r)
            .collect())
    }

    /// Every change the kiosk still holds a row of, settled ones included, in `seq` order.
    pub fn all_rows(&self, limit: u64) -> Result<Vec<OutboxRow>> {
        Ok(self
            .rows_where("1 = 1", limit)?
            .into_iter()
            .map(|(r, _)| r)
            .collect())
    }

    /// The review list: every rejected and conflicting change, in `seq` order, with the server's
    /// reason, retried ones included (they name their replacement in `retried_as_seq` and need no
    /// more review; [`Store::queue_status`] does not count them).
    pub fn review_rows(&self) -> Result<Vec<OutboxRow>> {
        Ok(self
            .rows_where("state IN ('rejected', 'conflict')", u64::MAX >> 1)?
            .into_iter()
            .map(|(r, _)| r)
            .collect())
    }

    /// One change by its local `seq`.
    pub fn outbox_row(&self, seq: u64) -> Result<Option<OutboxRow>> {
        Ok(self
            .rows_where(&format!("seq = {}", to_i64(seq)?), 1)?
            .into_iter()
            .next()
            .map(|(r, _)| r))
    }

    /// The pending and review lists with payloads, for `kioskctl queue export`.
    pub fn export_queue(&self) -> Result<QueueExport> {
        let enrolment = self.enrolment()?;
        let with_payload = |rows: Vec<(OutboxRow, Option<String>)>| -> Result<Vec<ExportedChange>> {
            rows.into_iter()
                .map(|(row, payload)| {
                    let payload = payload
                        .map(|p| {
                            serde_json::from_str(&p)
                                .map_err(|e| Error::corrupt(format!("change {}", row.seq), e))
                        })
                        .transpose()?;
                    Ok(ExportedChange { row, payload })
                })
                .collect()
        };
        Ok(QueueExport {
            exported_at: time::now(),
            device_id: enrolment.as_ref().map(|e| e.device_id),
            store_code: enrolment.as_ref().map(|e| e.store_code.clone()),
            central_url: enrolment.as_ref().map(|e| e.central_url.clone()),
            pending: with_payload(self.rows_where("state = 'pending'", u64::MAX >> 1)?)?,
            // Retried changes are settled: their copy is pending (or settled) as a new change.
            review: with_payload(self.rows_where(
                "state IN ('rejected', 'conflict') AND retried_as_seq IS NULL",
                u64::MAX >> 1,
            )?)?,
        })
    }

    /// Queues a rejected or conflicting change again as a new change (see the module
    /// documentation). `staff_id` is who asked for the retry, for the audit chain. A conflicting
    /// change is refused unless `rebase` is true; `rebase` applies to conflicting changes only.
    pub fn retry_change(
        &mut self,
        seq: u64,
        staff_id: Option<&str>,
        rebase: bool,
    ) -> Result<RetriedChange> {
        let tx = self.write_tx()?;
        let found: Option<RetrySource> = tx
            .query_row(
                "SELECT state, kind, payload, result_message, retried_as_seq, captured_at, clerk_id
                 FROM outbox WHERE seq = ?1",
                [to_i64(seq)?],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                    ))
                },
            )
            .optional()?;
        let Some((state, kind, payload, current, retried_as, captured_at, clerk_id)) = found else {
            return Err(Error::InvalidInput(format!(
                "there is no change number {seq} in this kiosk's queue"
            )));
        };
        let state: ChangeState = enum_from_text("change state", &state)?;
        if !matches!(state, ChangeState::Rejected | ChangeState::Conflict) {
            return Err(Error::InvalidInput(format!(
                "change {seq} is {}: only rejected or conflicting changes can be sent again",
                enum_to_text(&state)
            )));
        }
        if let Some(new_seq) = retried_as {
            return Err(Error::InvalidInput(format!(
                "change {seq} was already sent again as change {new_seq}"
            )));
        }
        match state {
            ChangeState::Conflict if !rebase => {
                return Err(Error::InvalidInput(format!(
                    "Change {seq} was not sent again. The record changed since the customer signed; check the current value with the customer. To send it anyway on the current record, retry with --rebase."
                )));
            }
            ChangeState::Rejected if rebase => {
                return Err(Error::InvalidInput(format!(
                    "change {seq} was rejected, not in conflict: there is nothing to rebase; retry it without --rebase"
                )));
            }
            _ => {}
        }
        let kind: MutationKind = enum_from_text("change kind", &kind)?;
        let what = || format!("change {seq}");
        let payload = payload.ok_or_else(|| Error::corrupt(what(), "its payload is missing"))?;
        let value: serde_json::Value =
            serde_json::from_str(&payload).map_err(|e| Error::corrupt(what(), e))?;
        let mut payload =
            MutationPayload::from_value(kind, value).map_err(|e| Error::corrupt(what(), e))?;
        // (record version the customer saw, the server's current one) of a rebased correction.
        let mut rebased_versions = None;
        if let (ChangeState::Conflict, MutationPayload::CorrectionRequested(c)) =
            (state, &mut payload)
        {
            // `rebase` is true here (checked above).
            let current: ConflictCurrent = current
                .as_deref()
                .and_then(|c| serde_json::from_str(c).ok())
                .ok_or_else(|| {
                    Error::corrupt(what(), "the central API's current record is unreadable")
                })?;
            rebased_versions = Some((c.base_record_version, current.record_version));
            c.base_record_version = current.record_version;
            c.old_value = current.value.unwrap_or_default();
        }
        let rebased = rebased_versions.is_some();
        let (text, sha) = canonical_payload(&payload)?;
        let captured_at = time::from_db(&captured_at)?;
        let mutation_id = Uuid::now_v7();
        let new_seq = insert(
            &tx,
            &NewRow {
                mutation_id,
                kind,
                captured_at,
                clerk_id: &clerk_id,
                customer_id: payload.customer_id(),
                payload: &text,
                payload_sha256: &sha,
                audit_entry_seq: None,
            },
        )?;
        tx.execute(
            "UPDATE outbox SET retry_of_seq = ?2 WHERE seq = ?1",
            params![to_i64(new_seq)?, to_i64(seq)?],
        )?;
        // The old row is settled for good and its copy lives in the new one: its personal data
        // goes (the schema allows a NULL payload for every state but pending; the hash stays).
        tx.execute(
            "UPDATE outbox SET retried_as_seq = ?2, payload = NULL WHERE seq = ?1",
            params![to_i64(seq)?, to_i64(new_seq)?],
        )?;
        // Ids and numbers only: never the old or new value.
        let mut detail = serde_json::json!({
            "kind": kind,
            "mutation_id": mutation_id,
            "seq": new_seq,
            "retry_of_seq": seq,
            "rebased": rebased,
        });
        if let (Some((from, onto)), Some(map)) = (rebased_versions, detail.as_object_mut()) {
            map.insert("rebased_from_record_version".into(), from.into());
            map.insert("rebased_onto_record_version".into(), onto.into());
        }
        let detail = String::from_utf8(protocol::mutation::canonical_json(&detail))
            .map_err(|e| Error::InvalidInput(e.to_string()))?;
        let entry = audit::append(
            &tx,
            time::now(),
            staff_id,
            "queue.retried",
            payload.customer_id(),
            &detail,
        )?;
        insert_audit_copy(&tx, &entry)?;
        tx.commit()?;
        tracing::info!(retried_seq = seq, new_seq, %mutation_id, rebased, "change queued again");
        Ok(RetriedChange {
            retried_seq: seq,
            queued: QueuedChange {
                seq: new_seq,
                mutation_id,
                kind,
                captured_at,
                payload_sha256: sha,
                audit_entry_seq: entry.entry_seq,
            },
            rebased,
        })
    }
}

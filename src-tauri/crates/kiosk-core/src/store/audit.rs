//! The audit chain: an append-only list of what was done at this kiosk, each entry sealed with the
//! hash of the one before, so that an edited, removed, inserted or moved entry shows.
//!
//! The hash of an entry is
//!
//! ```text
//! hash = hex(SHA-256( prev_hash ‖ canonical_json({action, at, customer_id, detail, entry_seq, staff_id}) ))
//! ```
//!
//! as [`protocol::mutation::audit_entry_hash`] defines it, where `prev_hash` is the previous entry's
//! `hash` (64 zeros for the first entry). Every entry also travels to the central API as an
//! `audit_event` change, which carries `prev_hash` and `hash`, and the server checks the same chain
//! with the same function.

use chrono::{DateTime, Utc};
use protocol::mutation::{audit_entry_hash, AuditEntryFields, AuditEvent};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::time;

use super::{to_i64, to_u64, Store};

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = protocol::mutation::AUDIT_GENESIS_HASH;

/// Keeps `detail` to the ids and codes it is meant for.
const MAX_DETAIL_BYTES: usize = 2048;

/// One entry of the chain. `detail` holds ids and codes only, never personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub entry_seq: u64,
    pub at: DateTime<Utc>,
    pub staff_id: Option<String>,
    pub action: String,
    pub customer_id: Option<String>,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash an audit event should carry, recomputed from its fields and `prev_hash` (its own `hash`
/// is ignored). Equal to `event.hash` for an untouched entry.
pub fn entry_hash(event: &AuditEvent) -> String {
    event.computed_hash()
}

impl AuditEntry {
    /// The copy of this entry that goes to the central API.
    pub fn to_event(&self) -> AuditEvent {
        AuditEvent {
            entry_seq: self.entry_seq,
            at: self.at,
            staff_id: self.staff_id.clone(),
            action: self.action.clone(),
            customer_id: self.customer_id.clone(),
            detail: self.detail.clone(),
            prev_hash: self.prev_hash.clone(),
            hash: self.hash.clone(),
        }
    }

    fn recomputed_hash(&self) -> String {
        audit_entry_hash(
            &self.prev_hash,
            &AuditEntryFields {
                entry_seq: self.entry_seq,
                at: self.at,
                staff_id: self.staff_id.as_deref(),
                action: &self.action,
                customer_id: self.customer_id.as_deref(),
                detail: &self.detail,
            },
        )
    }
}

/// Actions are codes such as `capture.consent_recorded` or `report.printed`: lower-case ASCII,
/// digits, `.`, `_` and `-`.
fn check_action(action: &str) -> Result<()> {
    let ok = !action.is_empty()
        && action.len() <= 100
        && action
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidInput(format!(
            "{action:?} is not an audit action: use a code of lower-case letters, digits, '.', '_' and '-'"
        )))
    }
}

fn check_id(what: &str, id: Option<&str>) -> Result<()> {
    match id {
        Some(id) if id.trim().is_empty() || id.len() > 100 => Err(Error::InvalidInput(format!(
            "the {what} of an audit entry must be a non-empty id of at most 100 characters"
        ))),
        _ => Ok(()),
    }
}

/// Appends an entry inside the caller's transaction.
pub(super) fn append(
    tx: &Connection,
    at: DateTime<Utc>,
    staff_id: Option<&str>,
    action: &str,
    customer_id: Option<&str>,
    detail: &str,
) -> Result<AuditEntry> {
    check_action(action)?;
    check_id("staff id", staff_id)?;
    check_id("customer id", customer_id)?;
    if detail.len() > MAX_DETAIL_BYTES {
        return Err(Error::InvalidInput(format!(
            "an audit entry's detail holds ids and codes only, at most {MAX_DETAIL_BYTES} bytes"
        )));
    }
    let last: Option<(i64, String)> = tx
        .prepare_cached("SELECT entry_seq, hash FROM audit_chain ORDER BY entry_seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (entry_seq, prev_hash) = match last {
        Some((seq, hash)) => (to_u64(seq) + 1, hash),
        None => (1, GENESIS_HASH.to_owned()),
    };
    let mut entry = AuditEntry {
        entry_seq,
        at,
        staff_id: staff_id.map(str::to_owned),
        action: action.to_owned(),
        customer_id: customer_id.map(str::to_owned),
        detail: detail.to_owned(),
        prev_hash,
        hash: String::new(),
    };
    entry.hash = entry.recomputed_hash();
    tx.prepare_cached(
        "INSERT INTO audit_chain (entry_seq, at, staff_id, action, customer_id, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
            to_i64(entry.entry_seq)?,
            time::to_db(entry.at),
            entry.staff_id,
            entry.action,
            entry.customer_id,
            entry.detail,
            entry.prev_hash,
            entry.hash,
        ],
    )?;
    Ok(entry)
}

/// What is wrong with the first broken entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AuditProblem {
    /// No entry has this number: it was removed (`next_present` is the next number that exists).
    Missing { next_present: Option<u64> },
    /// The entry's fields do not hash to its stored hash: it was edited.
    Edited,
    /// The entry names as its predecessor an entry that is stored under another number: entries
    /// were moved.
    Reordered { follows_entry: u64 },
    /// The entry's `prev_hash` is not the previous entry's hash, nor any entry's: the previous entry
    /// was replaced, or entries were removed or inserted.
    Unlinked,
    /// The entry cannot be read (a malformed time, a negative number …).
    Unreadable { reason: String },
    /// The chain ends before entries the outbox recorded: its newest entries were cut off.
    Truncated { recorded_last: u64 },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditBreak {
    /// The first entry that is not as it was written.
    pub entry_seq: u64,
    pub problem: AuditProblem,
    /// The same, for people.
    pub message: String,
}

impl AuditBreak {
    fn new(entry_seq: u64, problem: AuditProblem) -> AuditBreak {
        let message = match &problem {
            AuditProblem::Missing {
                next_present: Some(next),
            } => format!(
                "entry {entry_seq} is missing: the chain jumps from entry {} to entry {next} (an entry was removed)",
                entry_seq.saturating_sub(1)
            ),
            AuditProblem::Missing { next_present: None } => {
                format!("entry {entry_seq} is missing (an entry was removed)")
            }
            AuditProblem::Edited => format!(
                "entry {entry_seq} was changed after it was written: its contents do not match its hash"
            ),
            AuditProblem::Reordered { follows_entry } => format!(
                "entry {entry_seq} is out of order: it was written right after the entry now numbered {follows_entry}"
            ),
            AuditProblem::Unlinked => format!(
                "entry {entry_seq} does not follow entry {}: its link to the previous entry is broken (an entry was replaced, removed or inserted)",
                entry_seq.saturating_sub(1)
            ),
            AuditProblem::Unreadable { reason } => {
                format!("entry {entry_seq} cannot be read: {reason}")
            }
            AuditProblem::Truncated { recorded_last } => format!(
                "entries {entry_seq} to {recorded_last} are missing from the end of the chain (they were written, then cut off)"
            ),
        };
        AuditBreak {
            entry_seq,
            problem,
            message,
        }
    }
}

/// The outcome of [`Store::verify_audit`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditVerification {
    /// Entries checked and found sound, from entry 1.
    pub intact_entries: u64,
    /// The newest sound entry and its hash (the chain's head when nothing is broken).
    pub last_entry_seq: Option<u64>,
    pub last_hash: Option<String>,
    /// The first broken entry, if any.
    pub first_break: Option<AuditBreak>,
}

impl AuditVerification {
    pub fn is_intact(&self) -> bool {
        self.first_break.is_none()
    }
}

struct RawEntry {
    entry_seq: i64,
    at: String,
    staff_id: Option<String>,
    action: String,
    customer_id: Option<String>,
    detail: String,
    prev_hash: String,
    hash: String,
}

impl Store {
    /// Appends an audit entry for something done at the kiosk (`action` is a code such as
    /// `report.printed` or `staff.signed_in`; `detail` holds ids and codes only) and queues its copy
    /// for the central API, in one transaction.
    pub fn append_audit(
        &mut self,
        staff_id: Option<&str>,
        action: &str,
        customer_id: Option<&str>,
        detail: &str,
    ) -> Result<AuditEntry> {
        let at = time::now();
        let tx = self.write_tx()?;
        let entry = append(&tx, at, staff_id, action, customer_id, detail)?;
        super::outbox::insert_audit_copy(&tx, &entry)?;
        tx.commit()?;
        Ok(entry)
    }

    /// The newest `limit` entries, newest first.
    pub fn recent_audit(&self, limit: u32) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT entry_seq, at, staff_id, action, customer_id, detail, prev_hash, hash
             FROM audit_chain ORDER BY entry_seq DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], read_raw)?;
        rows.map(|r| {
            let raw = r?;
            Ok(AuditEntry {
                entry_seq: to_u64(raw.entry_seq),
                at: time::from_db(&raw.at)?,
                staff_id: raw.staff_id,
                action: raw.action,
                customer_id: raw.customer_id,
                detail: raw.detail,
                prev_hash: raw.prev_hash,
                hash: raw.hash,
            })
        })
        .collect()
    }

    /// Walks the whole chain from entry 1 and reports the first entry that is not as written:
    /// removed (a gap), edited (hash mismatch), moved (linked to an entry stored elsewhere), unlinked,
    /// unreadable, or cut off at the end (the outbox copied later entries than the chain holds).
    pub fn verify_audit(&self) -> Result<AuditVerification> {
        // One read transaction, so that entries appended meanwhile cannot look like a break.
        let tx = self.conn.unchecked_transaction()?;
        let mut verification = AuditVerification {
            intact_entries: 0,
            last_entry_seq: None,
            last_hash: None,
            first_break: None,
        };
        let mut expected: u64 = 1;
        let mut prev_hash = GENESIS_HASH.to_owned();
        {
            let mut stmt = tx.prepare(
                "SELECT entry_seq, at, staff_id, action, customer_id, detail, prev_hash, hash
                 FROM audit_chain ORDER BY entry_seq",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let raw = read_raw(row)?;
                if let Some(problem) = check_entry(&tx, &raw, expected, &prev_hash)? {
                    verification.first_break = Some(AuditBreak::new(expected, problem));
                    break;
                }
                verification.intact_entries += 1;
                verification.last_entry_seq = Some(expected);
                verification.last_hash = Some(raw.hash.clone());
                prev_hash = raw.hash;
                expected += 1;
            }
        }
        if verification.first_break.is_none() {
            let recorded_last: Option<i64> =
                tx.query_row("SELECT max(audit_entry_seq) FROM outbox", [], |r| r.get(0))?;
            let recorded_last = recorded_last.map(to_u64).unwrap_or(0);
            if recorded_last >= expected {
                verification.first_break = Some(AuditBreak::new(
                    expected,
                    AuditProblem::Truncated { recorded_last },
                ));
            }
        }
        tx.finish()?;
        Ok(verification)
    }
}

fn read_raw(row: &rusqlite::Row<'_>) -> rusqlite::Result<RawEntry> {
    Ok(RawEntry {
        entry_seq: row.get(0)?,
        at: row.get(1)?,
        staff_id: row.get(2)?,
        action: row.get(3)?,
        customer_id: row.get(4)?,
        detail: row.get(5)?,
        prev_hash: row.get(6)?,
        hash: row.get(7)?,
    })
}

/// The problem of one entry, checked in the order that names the cause rather than a symptom: a gap
/// before a broken link, a moved entry before a content mismatch (a moved entry also fails its hash,
/// since its number is hashed).
fn check_entry(
    tx: &Connection,
    raw: &RawEntry,
    expected: u64,
    prev_hash: &str,
) -> Result<Option<AuditProblem>> {
    let entry_seq = u64::try_from(raw.entry_seq).unwrap_or(0);
    if entry_seq != expected {
        return Ok(Some(if entry_seq > expected {
            AuditProblem::Missing {
                next_present: Some(entry_seq),
            }
        } else {
            AuditProblem::Unreadable {
                reason: format!("it is numbered {}", raw.entry_seq),
            }
        }));
    }
    let at = match time::from_db(&raw.at) {
        Ok(at) => at,
        Err(_) => {
            return Ok(Some(AuditProblem::Unreadable {
                reason: format!("its time {:?} is not a time", raw.at),
            }))
        }
    };
    if raw.prev_hash != prev_hash {
        let owner: Option<i64> = tx
            .query_row(
                "SELECT entry_seq FROM audit_chain WHERE hash = ?1",
                [&raw.prev_hash],
                |r| r.get(0),
            )
            .optional()?;
        return Ok(Some(match owner.map(to_u64) {
            Some(follows_entry) if follows_entry != expected.saturating_sub(1) => {
                AuditProblem::Reordered { follows_entry }
            }
            _ => AuditProblem::Unlinked,
        }));
    }
    let entry = AuditEntry {
        entry_seq,
        at,
        staff_id: raw.staff_id.clone(),
        action: raw.action.clone(),
        customer_id: raw.customer_id.clone(),
        detail: raw.detail.clone(),
        prev_hash: raw.prev_hash.clone(),
        hash: raw.hash.clone(),
    };
    if entry.recomputed_hash() != raw.hash {
        return Ok(Some(AuditProblem::Edited));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::mutation::sha256_hex;

    fn event() -> AuditEvent {
        AuditEvent {
            entry_seq: 1,
            at: DateTime::<Utc>::UNIX_EPOCH,
            staff_id: Some("PR-0107".into()),
            action: "report.printed".into(),
            customer_id: None,
            detail: "{}".into(),
            prev_hash: GENESIS_HASH.into(),
            hash: String::new(),
        }
    }

    #[test]
    fn the_hash_follows_the_documented_formula() {
        let e = event();
        let mut bytes = GENESIS_HASH.as_bytes().to_vec();
        bytes.extend_from_slice(
            br#"{"action":"report.printed","at":"1970-01-01T00:00:00Z","customer_id":null,"detail":"{}","entry_seq":1,"staff_id":"PR-0107"}"#,
        );
        assert_eq!(entry_hash(&e), sha256_hex(&bytes));
    }

    #[test]
    fn every_hashed_field_changes_the_hash() {
        let base = entry_hash(&event());
        let mut variants = Vec::new();
        let mut e = event();
        e.entry_seq = 2;
        variants.push(e);
        let mut e = event();
        e.at += chrono::Duration::microseconds(1);
        variants.push(e);
        let mut e = event();
        e.staff_id = None;
        variants.push(e);
        let mut e = event();
        e.action = "report.printed2".into();
        variants.push(e);
        let mut e = event();
        e.customer_id = Some("C-1".into());
        variants.push(e);
        let mut e = event();
        e.detail = "{ }".into();
        variants.push(e);
        let mut e = event();
        e.prev_hash = "1".repeat(64);
        variants.push(e);
        for v in variants {
            assert_ne!(entry_hash(&v), base, "{v:?}");
        }
    }

    #[test]
    fn actions_are_codes() {
        assert!(check_action("capture.consent_recorded").is_ok());
        assert!(check_action("staff.signed-in").is_ok());
        assert!(check_action("").is_err());
        assert!(check_action("Printed report for Arbër").is_err());
    }
}

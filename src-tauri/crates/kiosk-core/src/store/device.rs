//! The device's enrolment with the central API.

use chrono::{DateTime, Utc};
use protocol::api::EnrollResponse;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::time;

use super::outbox::{ensure_queue_empty, insert_audit_copy, GuardedAction};
use super::{audit, to_i64, to_u64, Store};

/// Who this kiosk is to the central API.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct Enrolment {
    pub device_id: Uuid,
    pub device_name: String,
    pub store_code: String,
    pub store_name: String,
    /// Base URL of the central API, without a trailing slash and without `/v1`.
    pub central_url: String,
    /// The bearer token. Never printed, logged or serialised.
    #[serde(skip)]
    pub token: String,
    pub token_expires_at: Option<DateTime<Utc>>,
    pub enrolled_at: DateTime<Utc>,
    /// The local outbox `seq` minus the wire `seq` for this device.
    pub seq_base: i64,
    /// The last wire `seq` the central API has settled for this device.
    pub applied_through_seq: u64,
}

impl std::fmt::Debug for Enrolment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Enrolment")
            .field("device_id", &self.device_id)
            .field("device_name", &self.device_name)
            .field("store_code", &self.store_code)
            .field("store_name", &self.store_name)
            .field("central_url", &self.central_url)
            .field("token", &"<redacted>")
            .field("token_expires_at", &self.token_expires_at)
            .field("enrolled_at", &self.enrolled_at)
            .field("seq_base", &self.seq_base)
            .field("applied_through_seq", &self.applied_through_seq)
            .finish()
    }
}

impl Enrolment {
    /// The wire `seq` of a local outbox `seq`.
    pub fn wire_seq(&self, local_seq: u64) -> Option<u64> {
        i64::try_from(local_seq)
            .ok()
            .and_then(|s| u64::try_from(s - self.seq_base).ok())
    }
}

fn read_enrolment(conn: &rusqlite::Connection) -> Result<Option<Enrolment>> {
    type Row = (
        String,
        String,
        String,
        String,
        String,
        String,
        Option<String>,
        String,
        i64,
        i64,
    );
    let row: Option<Row> = conn
        .query_row(
            "SELECT device_id, device_name, store_code, store_name, central_url, token,
                    token_expires_at, enrolled_at, seq_base, applied_through_seq
             FROM enrolment WHERE id = 1",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                ))
            },
        )
        .optional()?;
    let Some((
        device_id,
        device_name,
        store_code,
        store_name,
        central_url,
        token,
        expires,
        at,
        base,
        applied,
    )) = row
    else {
        return Ok(None);
    };
    Ok(Some(Enrolment {
        device_id: Uuid::parse_str(&device_id).map_err(|e| Error::corrupt("device id", e))?,
        device_name,
        store_code,
        store_name,
        central_url,
        token,
        token_expires_at: expires.as_deref().map(time::from_db).transpose()?,
        enrolled_at: time::from_db(&at)?,
        seq_base: base,
        applied_through_seq: to_u64(applied),
    }))
}

impl Store {
    pub fn enrolment(&self) -> Result<Option<Enrolment>> {
        read_enrolment(&self.conn)
    }

    /// Refuses when enrolling again would strand changes queued for the current device. Call it
    /// before asking the central API, so that a one-time enrolment secret is not spent in vain.
    pub fn ensure_can_enrol(&self) -> Result<()> {
        if read_enrolment(&self.conn)?.is_some() {
            ensure_queue_empty(&self.conn, GuardedAction::ReEnrolment)?;
        }
        Ok(())
    }

    /// Points the enrolment at another address of the same central API (it moved, or the demo
    /// server came back on another port). The device, its token and its numbering stay; audited.
    pub fn set_central_url(&mut self, central_url: &str) -> Result<Enrolment> {
        let central_url = crate::enrol::normalise_central_url(central_url)?;
        let at = time::now();
        let tx = self.write_tx()?;
        let previous = read_enrolment(&tx)?.ok_or(Error::NotEnrolled)?;
        if previous.central_url == central_url {
            return Ok(previous);
        }
        tx.execute(
            "UPDATE enrolment SET central_url = ?1 WHERE id = 1",
            [&central_url],
        )?;
        let detail = serde_json::json!({ "from": previous.central_url, "to": central_url });
        let detail = String::from_utf8(protocol::mutation::canonical_json(&detail))
            .map_err(|e| Error::InvalidInput(e.to_string()))?;
        let entry = audit::append(&tx, at, None, "device.central_url_changed", None, &detail)?;
        insert_audit_copy(&tx, &entry)?;
        let saved = read_enrolment(&tx)?.ok_or(Error::NotEnrolled)?;
        tx.commit()?;
        Ok(saved)
    }

    /// Stores the central API's answer to an enrolment and records it in the audit chain, in one
    /// transaction. The next change gets wire `seq` `applied_through_seq + 1` of the new device.
    /// Changes captured before any enrolment are pushed under this first one.
    pub fn save_enrolment(
        &mut self,
        central_url: &str,
        device_name: &str,
        response: &EnrollResponse,
    ) -> Result<Enrolment> {
        let central_url = central_url.trim_end_matches('/').to_owned();
        let at = time::now();
        let tx = self.write_tx()?;
        let previous = read_enrolment(&tx)?;
        // The central API issues a new device id for every enrolment, so enrolling again always
        // starts a new device's numbering: changes still queued for the old one would be stranded.
        if previous.is_some() {
            ensure_queue_empty(&tx, GuardedAction::ReEnrolment)?;
        }
        let first_pending: Option<i64> = tx.query_row(
            "SELECT min(seq) FROM outbox WHERE state = 'pending'",
            [],
            |r| r.get(0),
        )?;
        let last_settled = match first_pending {
            Some(first) => first - 1,
            None => tx.query_row("SELECT coalesce(max(seq), 0) FROM outbox", [], |r| r.get(0))?,
        };
        let seq_base = last_settled - to_i64(response.applied_through_seq)?;
        let applied_through_seq = response.applied_through_seq;
        tx.execute(
            "INSERT OR REPLACE INTO enrolment (id, device_id, device_name, store_code, store_name,
                 central_url, token, token_expires_at, enrolled_at, seq_base, applied_through_seq)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                response.device_id.to_string(),
                device_name,
                response.store_code,
                response.store_name,
                central_url,
                response.token,
                response.token_expires_at.map(time::to_db),
                time::to_db(at),
                seq_base,
                to_i64(applied_through_seq)?,
            ],
        )?;
        let detail = serde_json::json!({
            "device_id": response.device_id,
            "previous_device_id": previous.as_ref().map(|p| p.device_id),
            "store_code": response.store_code,
        });
        let detail = String::from_utf8(protocol::mutation::canonical_json(&detail))
            .map_err(|e| Error::InvalidInput(e.to_string()))?;
        let entry = audit::append(&tx, at, None, "device.enrolled", None, &detail)?;
        insert_audit_copy(&tx, &entry)?;
        let saved = read_enrolment(&tx)?.ok_or(Error::NotEnrolled)?;
        tx.commit()?;
        tracing::info!(device_id = %saved.device_id, store = %saved.store_code, "kiosk enrolled");
        Ok(saved)
    }
}

//! Failed sign-ins as the store keeps them (see [`crate::signin`] for the rule).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

use super::Store;
use crate::error::Result;
use crate::time;

/// How a staff id stands after failed sign-ins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FailureRecord {
    pub failures: u32,
    pub locked_until: Option<DateTime<Utc>>,
}

impl Store {
    /// The failures recorded for `staff_id` since its last successful sign-in.
    pub fn sign_in_failures(&self, staff_id: &str) -> Result<Option<FailureRecord>> {
        let row: Option<(i64, Option<String>)> = self
            .conn
            .query_row(
                "SELECT failures, locked_until FROM sign_in_failures WHERE staff_id = ?1",
                [staff_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(failures, locked)| {
            Ok(FailureRecord {
                failures: u32::try_from(failures).unwrap_or(u32::MAX),
                locked_until: locked.as_deref().map(time::from_db).transpose()?,
            })
        })
        .transpose()
    }

    /// Records one more failure and the lock `lock_for` decides from the new count, with the audit
    /// entry `action`/`detail`, in one transaction; prunes failures older than a day.
    pub(crate) fn record_sign_in_failure(
        &mut self,
        staff_id: &str,
        known_staff: bool,
        at: DateTime<Utc>,
        lock_for: impl Fn(u32) -> Option<chrono::Duration>,
        action: &str,
        detail: &str,
    ) -> Result<FailureRecord> {
        let tx = self.write_tx()?;
        tx.execute(
            "DELETE FROM sign_in_failures WHERE last_failure_at < ?1",
            [time::to_db(at - chrono::Duration::days(1))],
        )?;
        let failures: i64 = tx.query_row(
            "INSERT INTO sign_in_failures (staff_id, failures, last_failure_at) VALUES (?1, 1, ?2)
             ON CONFLICT (staff_id) DO UPDATE SET failures = failures + 1, last_failure_at = ?2
             RETURNING failures",
            params![staff_id, time::to_db(at)],
            |r| r.get(0),
        )?;
        let failures = u32::try_from(failures).unwrap_or(u32::MAX);
        let locked_until = lock_for(failures).map(|d| at + d);
        tx.execute(
            "UPDATE sign_in_failures SET locked_until = ?2 WHERE staff_id = ?1",
            params![staff_id, locked_until.map(time::to_db)],
        )?;
        // Failures of an id that is not on the staff list are audited without a staff id: the
        // typed text is in the detail.
        let entry = super::audit::append(
            &tx,
            at,
            known_staff.then_some(staff_id),
            action,
            None,
            detail,
        )?;
        super::outbox::insert_audit_copy(&tx, &entry)?;
        tx.commit()?;
        Ok(FailureRecord {
            failures,
            locked_until,
        })
    }

    /// Forgets the failures of `staff_id` and audits the sign-in, in one transaction.
    pub(crate) fn record_sign_in(&mut self, staff_id: &str, at: DateTime<Utc>) -> Result<()> {
        let tx = self.write_tx()?;
        tx.execute(
            "DELETE FROM sign_in_failures WHERE staff_id = ?1",
            [staff_id],
        )?;
        let entry = super::audit::append(&tx, at, Some(staff_id), "staff.signed_in", None, "{}")?;
        super::outbox::insert_audit_copy(&tx, &entry)?;
        tx.commit()?;
        Ok(())
    }
}

//! The database schema, versioned with `rusqlite_migration` (`PRAGMA user_version`). Never edit a
//! migration that has shipped: add the next one.

use rusqlite_migration::{Migrations, M};

/// Version 1. Times are RFC 3339 UTC text with six decimals (see `crate::time`), so text order is
/// time order. Triggers make the rules that must hold even against a buggy caller: the outbox
/// numbers changes without gaps and never loses one, the audit chain is append-only. (Someone with
/// the file can drop a trigger; the audit chain's hashes are what reveal that.)
const V1: &str = r#"
CREATE TABLE outbox (
    -- The kiosk's own numbering, from 1, without gaps, never reused. The wire `seq` of a device is
    -- `seq - enrolment.seq_base`.
    seq             INTEGER PRIMARY KEY CHECK (seq >= 1),
    mutation_id     TEXT    NOT NULL UNIQUE,
    kind            TEXT    NOT NULL,
    captured_at     TEXT    NOT NULL,
    clerk_id        TEXT    NOT NULL,
    customer_id     TEXT,
    -- The canonical JSON of the payload; NULL once the central API has acknowledged the change, so
    -- that personal data does not stay on the counter PC. The hash stays as proof of what was sent.
    payload         TEXT,
    payload_sha256  TEXT    NOT NULL,
    payload_bytes   INTEGER NOT NULL,
    -- For an audit_event change: the audit chain entry it copies (lets verification notice a chain
    -- whose newest entries were cut off).
    audit_entry_seq INTEGER,
    state           TEXT    NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'acknowledged', 'rejected', 'conflict')),
    result_code     TEXT,
    result_message  TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_attempt_at TEXT,
    settled_at      TEXT,
    CHECK (state <> 'pending' OR payload IS NOT NULL)
);
CREATE INDEX outbox_by_state ON outbox (state, seq);

CREATE TRIGGER outbox_seq_without_gaps BEFORE INSERT ON outbox
WHEN NEW.seq IS NOT (SELECT coalesce(max(seq), 0) + 1 FROM outbox)
BEGIN
    SELECT RAISE(ABORT, 'outbox seq must follow the last one without a gap');
END;

CREATE TRIGGER outbox_keeps_every_change BEFORE DELETE ON outbox
BEGIN
    SELECT RAISE(ABORT, 'outbox rows are never deleted; acknowledged ones are scrubbed instead');
END;

CREATE TRIGGER outbox_identity_is_fixed BEFORE UPDATE OF seq, mutation_id, kind, captured_at,
    clerk_id, customer_id, payload_sha256 ON outbox
BEGIN
    SELECT RAISE(ABORT, 'a queued change keeps its identity and hash');
END;

CREATE TABLE audit_chain (
    entry_seq   INTEGER PRIMARY KEY CHECK (entry_seq >= 1),
    at          TEXT    NOT NULL,
    staff_id    TEXT,
    action      TEXT    NOT NULL,
    customer_id TEXT,
    -- Ids and codes only, never names, numbers or other personal data.
    detail      TEXT    NOT NULL,
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL UNIQUE
);

CREATE TRIGGER audit_chain_append_only_update BEFORE UPDATE ON audit_chain
BEGIN
    SELECT RAISE(ABORT, 'the audit chain is append-only');
END;

CREATE TRIGGER audit_chain_append_only_delete BEFORE DELETE ON audit_chain
BEGIN
    SELECT RAISE(ABORT, 'the audit chain is append-only');
END;

-- The store's staff as last fetched, so that sign-in works offline.
CREATE TABLE staff (
    staff_id     TEXT    PRIMARY KEY,
    display_name TEXT    NOT NULL,
    role         TEXT    NOT NULL,
    pin_verifier TEXT    NOT NULL,
    active       INTEGER NOT NULL CHECK (active IN (0, 1)),
    fetched_at   TEXT    NOT NULL
);

-- Every consent notice version seen, per language: a consent record names the version it was given
-- under, and its receipt must be able to quote that text even after a newer one arrives.
CREATE TABLE notices (
    notice_id    TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    lang         TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    text         TEXT    NOT NULL,
    text_sha256  TEXT    NOT NULL,
    published_at TEXT    NOT NULL,
    fetched_at   TEXT    NOT NULL,
    PRIMARY KEY (notice_id, version, lang)
);

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- At most one row: the device this kiosk is enrolled as.
CREATE TABLE enrolment (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    device_id           TEXT    NOT NULL,
    device_name         TEXT    NOT NULL,
    store_code          TEXT    NOT NULL,
    store_name          TEXT    NOT NULL,
    central_url         TEXT    NOT NULL,
    token               TEXT    NOT NULL,
    token_expires_at    TEXT,
    enrolled_at         TEXT    NOT NULL,
    -- Local outbox seq minus wire seq: 0 for the first enrolment; after a re-enrolment as a new
    -- device, the new device's seq 1 is the next local seq.
    seq_base            INTEGER NOT NULL,
    -- The last wire seq the central API has settled for this device.
    applied_through_seq INTEGER NOT NULL CHECK (applied_through_seq >= 0)
);
"#;

/// Version 2: a rejected or conflicting change can be sent again as a new change (`queue retry`).
/// The old row stays as it was, pointing at its replacement; the replacement points back. Both are
/// local seqs.
const V2: &str = r#"
ALTER TABLE outbox ADD COLUMN retried_as_seq INTEGER;
ALTER TABLE outbox ADD COLUMN retry_of_seq INTEGER;
"#;

/// Version 3: failed sign-ins, per staff id as typed (unknown ids too), so that a lockout survives
/// a restart of the app. Rows of failures older than a day are pruned as new failures come.
const V3: &str = r#"
CREATE TABLE sign_in_failures (
    staff_id        TEXT PRIMARY KEY,
    failures        INTEGER NOT NULL CHECK (failures >= 1),
    last_failure_at TEXT    NOT NULL,
    locked_until    TEXT
);
"#;

pub(crate) fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(V1), M::up(V2), M::up(V3)])
}

/// The newest schema version this build knows.
pub const SCHEMA_VERSION: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_counted() {
        assert!(migrations().validate().is_ok());
        let mut conn = rusqlite::Connection::open_in_memory().ok();
        let applied = conn.as_mut().map(|c| migrations().to_latest(c).is_ok());
        assert_eq!(applied, Some(true));
        let version: Option<i64> = conn
            .as_ref()
            .and_then(|c| c.query_row("PRAGMA user_version", [], |r| r.get(0)).ok());
        assert_eq!(version, i64::try_from(SCHEMA_VERSION).ok());
    }
}

//! The schema, as `rusqlite_migration` steps. Append new steps; never edit a released one.

use rusqlite_migration::{Migrations, M};

const V1: &str = r#"
CREATE TABLE stores (
    store_code  TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    demo        INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL
) STRICT;

-- Only the SHA-256 of a secret is kept. One-time secrets are consumed by the enrolment that uses
-- them; the demo store's secret is reusable.
CREATE TABLE enrolment_secrets (
    id              INTEGER PRIMARY KEY,
    store_code      TEXT NOT NULL REFERENCES stores(store_code),
    secret_sha256   TEXT NOT NULL,
    reusable        INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    consumed_at     TEXT,
    consumed_by     TEXT,
    UNIQUE (store_code, secret_sha256)
) STRICT;

CREATE TABLE devices (
    device_id            TEXT PRIMARY KEY,
    store_code           TEXT NOT NULL REFERENCES stores(store_code),
    name                 TEXT NOT NULL,
    enrolled_at          TEXT NOT NULL,
    -- Every change of the device up to this seq is settled.
    applied_through_seq  INTEGER NOT NULL DEFAULT 0
) STRICT;

-- Tokens are 256 random bits; only their SHA-256 is kept.
CREATE TABLE device_tokens (
    token_sha256  TEXT PRIMARY KEY,
    device_id     TEXT NOT NULL REFERENCES devices(device_id),
    issued_at     TEXT NOT NULL,
    expires_at    TEXT,
    revoked_at    TEXT
) STRICT;
CREATE INDEX device_tokens_by_device ON device_tokens(device_id);

CREATE TABLE staff (
    store_code    TEXT NOT NULL REFERENCES stores(store_code),
    staff_id      TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL,
    pin_verifier  TEXT NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (store_code, staff_id)
) STRICT;

CREATE TABLE notices (
    notice_id     TEXT NOT NULL,
    version       INTEGER NOT NULL,
    lang          TEXT NOT NULL,
    title         TEXT NOT NULL,
    text          TEXT NOT NULL,
    text_sha256   TEXT NOT NULL,
    published_at  TEXT NOT NULL,
    PRIMARY KEY (notice_id, version, lang)
) STRICT;

-- The correctable fields have their own columns (they change); the rest of the summary is kept
-- as JSON as it was loaded.
CREATE TABLE customers (
    customer_id      TEXT PRIMARY KEY,
    customer_no      TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL,
    personal_number  TEXT,
    first_name       TEXT NOT NULL,
    last_name        TEXT NOT NULL,
    address          TEXT NOT NULL,
    email            TEXT,
    contact_number   TEXT,
    summary_json     TEXT NOT NULL,
    record_version   INTEGER NOT NULL DEFAULT 1,
    demo             INTEGER NOT NULL DEFAULT 0,
    demo_case        TEXT,
    home_store       TEXT,
    updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX customers_by_personal_number ON customers(personal_number);

-- Numbers in digits-only international form (38344123456).
CREATE TABLE customer_msisdns (
    msisdn       TEXT NOT NULL,
    customer_id  TEXT NOT NULL REFERENCES customers(customer_id),
    PRIMARY KEY (msisdn, customer_id)
) STRICT;

CREATE TABLE data_records (
    id           INTEGER PRIMARY KEY,
    customer_id  TEXT NOT NULL REFERENCES customers(customer_id),
    category     TEXT NOT NULL,
    record_json  TEXT NOT NULL
) STRICT;
CREATE INDEX data_records_by_customer ON data_records(customer_id);

CREATE TABLE traffic (
    id                INTEGER PRIMARY KEY,
    customer_id       TEXT NOT NULL REFERENCES customers(customer_id),
    started_at        TEXT NOT NULL,
    kind              TEXT NOT NULL,
    msisdn            TEXT NOT NULL,
    counterpart       TEXT,
    duration_seconds  INTEGER,
    volume_kb         INTEGER,
    cell_location     TEXT
) STRICT;
CREATE INDEX traffic_by_customer_and_time ON traffic(customer_id, started_at);

-- One row per choice, oldest first; the latest row of a purpose and channel is the one in force.
CREATE TABLE consents (
    id              INTEGER PRIMARY KEY,
    customer_id     TEXT NOT NULL REFERENCES customers(customer_id),
    -- The consent record (one signed form) the choice belongs to; NULL for loaded history.
    record_id       TEXT,
    purpose         TEXT NOT NULL,
    channel         TEXT,
    state           TEXT NOT NULL,
    recorded_at     TEXT NOT NULL,
    method          TEXT NOT NULL,
    store_code      TEXT,
    notice_version  INTEGER,
    device_id       TEXT,
    mutation_id     TEXT
) STRICT;
CREATE INDEX consents_by_customer ON consents(customer_id, recorded_at);
CREATE INDEX consents_by_record ON consents(record_id);

CREATE TABLE requests (
    reference      TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    customer_id    TEXT NOT NULL REFERENCES customers(customer_id),
    submitted_at   TEXT NOT NULL,
    due_at         TEXT NOT NULL,
    latest_due_at  TEXT NOT NULL,
    state          TEXT NOT NULL,
    store_code     TEXT,
    details_json   TEXT,
    device_id      TEXT,
    mutation_id    TEXT
) STRICT;
CREATE INDEX requests_by_customer ON requests(customer_id);

CREATE TABLE identity_verifications (
    verification_id  TEXT PRIMARY KEY,
    customer_id      TEXT NOT NULL REFERENCES customers(customer_id),
    device_id        TEXT NOT NULL,
    mutation_id      TEXT NOT NULL,
    verified_at      TEXT NOT NULL,
    payload_json     TEXT NOT NULL
) STRICT;

CREATE TABLE audit_events (
    id           INTEGER PRIMARY KEY,
    device_id    TEXT NOT NULL,
    mutation_id  TEXT NOT NULL,
    at           TEXT NOT NULL,
    action       TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    received_at  TEXT NOT NULL
) STRICT;
CREATE INDEX audit_events_by_device ON audit_events(device_id);

-- Every change a device has pushed, forever: the dedup key is (device_id, mutation_id).
CREATE TABLE mutations (
    device_id       TEXT NOT NULL REFERENCES devices(device_id),
    mutation_id     TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    outcome_json    TEXT NOT NULL,
    payload_sha256  TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    PRIMARY KEY (device_id, mutation_id),
    UNIQUE (device_id, seq)
) STRICT;

-- Rejected and conflicting changes, for IPKO's staff to look at.
CREATE TABLE review_items (
    id             INTEGER PRIMARY KEY,
    device_id      TEXT NOT NULL,
    seq            INTEGER NOT NULL,
    mutation_id    TEXT NOT NULL,
    kind           TEXT NOT NULL,
    outcome        TEXT NOT NULL,
    code           TEXT NOT NULL,
    message        TEXT NOT NULL,
    current_json   TEXT,
    mutation_json  TEXT NOT NULL,
    received_at    TEXT NOT NULL
) STRICT;
"#;

/// Audit events keep their number and hashes in columns, so that the server can check each
/// device's chain as events arrive; review rows are looked up by change, so that a refusal pushed
/// again (a reused seq is not kept in `mutations`) is listed once.
const V2: &str = r#"
ALTER TABLE audit_events ADD COLUMN entry_seq INTEGER;
ALTER TABLE audit_events ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_events ADD COLUMN hash TEXT;
UPDATE audit_events SET
    entry_seq = json_extract(payload_json, '$.entry_seq'),
    prev_hash = json_extract(payload_json, '$.prev_hash'),
    hash      = json_extract(payload_json, '$.hash');
CREATE INDEX review_items_by_mutation ON review_items(device_id, mutation_id);
"#;

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(V1), M::up(V2)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(migrations().validate().is_ok());
    }
}

//! Stores, enrolment secrets, devices and their bearer tokens.

use chrono::{DateTime, Utc};
use protocol::api::EnrollResponse;
use protocol::mutation::sha256_hex;
use rand::rngs::OsRng;
use rand::RngCore;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use uuid::Uuid;

use super::{parse_opt_ts, to_u64, ts};

/// The device a request was authenticated as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceIdentity {
    pub device_id: Uuid,
    pub store_code: String,
}

/// What a presented token turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenCheck {
    Valid(DeviceIdentity),
    Unknown,
    Revoked,
    Expired(DateTime<Utc>),
}

/// 256 random bits from the operating system, as lower-case hex.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn store_exists(conn: &Connection, store_code: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM stores WHERE store_code = ?1)",
        [store_code],
        |r| r.get(0),
    )
}

/// Creates the store unless it exists.
pub fn ensure_store(
    conn: &Connection,
    store_code: &str,
    name: &str,
    demo: bool,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO stores (store_code, name, demo, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (store_code) DO NOTHING",
        params![store_code, name, demo, ts(now)],
    )?;
    Ok(())
}

/// Records a secret (its hash) that enrols devices in a store; a one-time secret is consumed by
/// the first enrolment that uses it.
pub fn add_enrolment_secret(
    conn: &Connection,
    store_code: &str,
    secret: &str,
    reusable: bool,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO enrolment_secrets (store_code, secret_sha256, reusable, created_at)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (store_code, secret_sha256) DO NOTHING",
        params![store_code, sha256_hex(secret.as_bytes()), reusable, ts(now)],
    )?;
    Ok(())
}

/// Enrols a device, or `None` when the store is unknown or the secret is wrong or used up (the
/// caller cannot tell which: that would help someone guessing).
pub fn enroll(
    conn: &mut Connection,
    store_code: &str,
    secret: &str,
    device_name: &str,
    now: DateTime<Utc>,
    token_lifetime: Option<chrono::Duration>,
) -> rusqlite::Result<Option<EnrollResponse>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let store_name: Option<String> = tx
        .query_row(
            "SELECT name FROM stores WHERE store_code = ?1",
            [store_code],
            |r| r.get(0),
        )
        .optional()?;
    let Some(store_name) = store_name else {
        return Ok(None);
    };
    let secret_row: Option<(i64, bool)> = tx
        .query_row(
            "SELECT id, reusable FROM enrolment_secrets
             WHERE store_code = ?1 AND secret_sha256 = ?2 AND (reusable = 1 OR consumed_at IS NULL)",
            params![store_code, sha256_hex(secret.as_bytes())],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((secret_id, reusable)) = secret_row else {
        return Ok(None);
    };

    let device_id = Uuid::now_v7();
    if !reusable {
        tx.execute(
            "UPDATE enrolment_secrets SET consumed_at = ?2, consumed_by = ?3 WHERE id = ?1",
            params![secret_id, ts(now), device_id.to_string()],
        )?;
    }
    tx.execute(
        "INSERT INTO devices (device_id, store_code, name, enrolled_at) VALUES (?1, ?2, ?3, ?4)",
        params![device_id.to_string(), store_code, device_name, ts(now)],
    )?;
    let token = new_secret();
    let expires_at = token_lifetime.and_then(|l| now.checked_add_signed(l));
    tx.execute(
        "INSERT INTO device_tokens (token_sha256, device_id, issued_at, expires_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            sha256_hex(token.as_bytes()),
            device_id.to_string(),
            ts(now),
            expires_at.map(ts)
        ],
    )?;
    tx.commit()?;
    Ok(Some(EnrollResponse {
        device_id,
        token,
        token_expires_at: expires_at,
        store_code: store_code.to_owned(),
        store_name,
        applied_through_seq: 0,
    }))
}

/// Checks a bearer token.
pub fn authenticate(
    conn: &Connection,
    token: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<TokenCheck> {
    let row: Option<(String, String, Option<String>, Option<String>)> = conn
        .query_row(
            "SELECT t.device_id, d.store_code, t.expires_at, t.revoked_at
             FROM device_tokens t JOIN devices d ON d.device_id = t.device_id
             WHERE t.token_sha256 = ?1",
            [sha256_hex(token.as_bytes())],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((device_id, store_code, expires_at, revoked_at)) = row else {
        return Ok(TokenCheck::Unknown);
    };
    if revoked_at.is_some() {
        return Ok(TokenCheck::Revoked);
    }
    if let Some(expires_at) = parse_opt_ts(expires_at)? {
        if expires_at <= now {
            return Ok(TokenCheck::Expired(expires_at));
        }
    }
    let device_id = Uuid::parse_str(&device_id).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(TokenCheck::Valid(DeviceIdentity {
        device_id,
        store_code,
    }))
}

/// Revokes every token of a device; returns how many were still valid.
pub fn revoke_device_tokens(
    conn: &Connection,
    device_id: Uuid,
    now: DateTime<Utc>,
) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE device_tokens SET revoked_at = ?2 WHERE device_id = ?1 AND revoked_at IS NULL",
        params![device_id.to_string(), ts(now)],
    )
}

pub fn applied_through_seq(conn: &Connection, device_id: Uuid) -> rusqlite::Result<Option<u64>> {
    conn.query_row(
        "SELECT applied_through_seq FROM devices WHERE device_id = ?1",
        [device_id.to_string()],
        |r| r.get::<_, i64>(0),
    )
    .optional()?
    .map(to_u64)
    .transpose()
}

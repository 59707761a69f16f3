//! Seeding the fictional demo store, and listing its customers (`central-api demo list`).

use argon2::password_hash::{PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{DateTime, Utc};
use protocol::api::{CustomerKind, CustomerSummary};
use protocol::mutation::sha256_hex;
use protocol::policy::DataCategory;
use rand::rngs::OsRng;
use rand::RngCore;
use rusqlite::{params, Connection, TransactionBehavior};
use serde::{Deserialize, Serialize};

use super::customers::normalize_msisdn;
use super::devices::{add_enrolment_secret, ensure_store, store_exists};
use super::report::traffic_cutoff;
use super::requests;
use super::store::CONSENT_NOTICE_ID;
use super::{enum_text, to_i64, to_json, ts};
use crate::demo::{self, DemoCustomer, DemoDataset};
use crate::error::ServerError;

/// Argon2id with OWASP's smallest recommended memory (19 MiB, two passes): the kiosk verifies a PIN
/// in a fraction of a second, and seeding the demo stays fast.
pub fn pin_verifier(pin: &str) -> Result<String, ServerError> {
    let params =
        Params::new(19_456, 2, 1, None).map_err(|e| ServerError::PinHash(e.to_string()))?;
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut salt = [0u8; 16];
    OsRng.fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| ServerError::PinHash(e.to_string()))?;
    argon2
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ServerError::PinHash(e.to_string()))
}

/// Seeds the demo store unless the database has it. Returns whether it seeded.
pub fn seed_demo(conn: &mut Connection, now: DateTime<Utc>) -> Result<bool, ServerError> {
    if store_exists(conn, demo::DEMO_STORE_CODE)? {
        return Ok(false);
    }
    let as_of = demo::as_of_day(now);
    let data = demo::dataset(as_of);
    // Hashing is the slow part; done before taking the write lock.
    let verifiers = data
        .staff
        .iter()
        .map(|s| pin_verifier(&s.pin))
        .collect::<Result<Vec<_>, _>>()?;

    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have seeded while the PINs were hashed.
    if store_exists(&tx, demo::DEMO_STORE_CODE)? {
        return Ok(false);
    }
    insert_dataset(&tx, &data, &verifiers, as_of, now)?;
    tx.commit()?;
    let traffic: usize = data.customers.iter().map(|c| c.traffic.len()).sum();
    tracing::info!(
        customers = data.customers.len(),
        staff = data.staff.len(),
        traffic_rows = traffic,
        "seeded the demo store {}",
        demo::DEMO_STORE_CODE
    );
    Ok(true)
}

fn insert_dataset(
    conn: &Connection,
    data: &DemoDataset,
    verifiers: &[String],
    as_of: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    let store = demo::DEMO_STORE_CODE;
    ensure_store(conn, store, demo::DEMO_STORE_NAME, true, now)?;
    add_enrolment_secret(conn, store, demo::DEMO_ENROLMENT_SECRET, true, now)?;

    for (member, verifier) in data.staff.iter().zip(verifiers) {
        conn.execute(
            "INSERT INTO staff (store_code, staff_id, display_name, role, pin_verifier, active)
             VALUES (?1, ?2, ?3, ?4, ?5, 1)",
            params![
                store,
                member.staff_id,
                member.display_name,
                enum_text(&member.role),
                verifier
            ],
        )?;
    }

    for notice in &data.notices {
        conn.execute(
            "INSERT INTO notices (notice_id, version, lang, title, text, text_sha256, published_at)
             VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (notice_id, version, lang) DO NOTHING",
            params![
                CONSENT_NOTICE_ID,
                enum_text(&notice.lang),
                notice.title,
                notice.text,
                sha256_hex(notice.text.as_bytes()),
                ts(as_of)
            ],
        )?;
    }

    for customer in &data.customers {
        insert_customer(conn, customer, now)?;
    }
    Ok(())
}

/// The contact number on record: the first of the identity record's, else the first phone number.
fn contact_number(customer: &DemoCustomer) -> Option<String> {
    customer
        .records
        .iter()
        .filter(|(c, r)| *c == DataCategory::IdentityContact && r.record_type == "identity")
        .flat_map(|(_, r)| r.fields.iter())
        .find(|f| f.key == "contact_numbers")
        .and_then(|f| f.value.split(',').next())
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .or_else(|| customer.summary.msisdns.first().cloned())
}

fn insert_customer(
    conn: &Connection,
    customer: &DemoCustomer,
    now: DateTime<Utc>,
) -> Result<(), ServerError> {
    let s = &customer.summary;
    let id = &s.customer_id;
    conn.execute(
        "INSERT INTO customers (customer_id, customer_no, kind, personal_number, first_name,
            last_name, address, email, contact_number, summary_json, record_version, demo,
            demo_case, home_store, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            id,
            s.customer_no,
            enum_text(&s.kind),
            s.personal_number,
            s.first_name,
            s.last_name,
            s.address,
            s.email,
            contact_number(customer),
            to_json(s)?,
            to_i64(s.record_version.max(1))?,
            true,
            customer.case,
            demo::DEMO_STORE_CODE,
            ts(now)
        ],
    )?;
    for msisdn in &s.msisdns {
        if let Some(n) = normalize_msisdn(msisdn) {
            conn.execute(
                "INSERT OR IGNORE INTO customer_msisdns (msisdn, customer_id) VALUES (?1, ?2)",
                params![n, id],
            )?;
        }
    }
    let mut record_stmt = conn.prepare_cached(
        "INSERT INTO data_records (customer_id, category, record_json) VALUES (?1, ?2, ?3)",
    )?;
    for (category, record) in &customer.records {
        record_stmt.execute(params![id, enum_text(category), to_json(record)?])?;
    }
    // One prepared statement for the (many) traffic rows, all inside the seeding transaction.
    let mut traffic_stmt = conn.prepare_cached(
        "INSERT INTO traffic (customer_id, started_at, kind, msisdn, counterpart, duration_seconds,
                              volume_kb, cell_location)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for t in &customer.traffic {
        traffic_stmt.execute(params![
            id,
            ts(t.started_at),
            enum_text(&t.kind),
            t.msisdn,
            t.counterpart,
            t.duration_seconds,
            t.volume_kb.map(to_i64).transpose()?,
            t.cell_location
        ])?;
    }
    let mut consent_stmt = conn.prepare_cached(
        "INSERT INTO consents (customer_id, purpose, channel, state, recorded_at, method,
                               store_code, notice_version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for c in &customer.consents {
        consent_stmt.execute(params![
            id,
            enum_text(&c.purpose),
            c.channel.as_ref().map(enum_text),
            enum_text(&c.state),
            ts(c.recorded_at),
            c.method,
            c.store_code,
            c.notice_version
        ])?;
    }
    for r in &customer.requests {
        requests::insert(conn, r, None, None)?;
    }
    Ok(())
}

/// One line of `central-api demo list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoCustomerListing {
    pub customer_id: String,
    pub customer_no: String,
    pub kind: CustomerKind,
    pub personal_number: Option<String>,
    pub name: String,
    pub msisdn: Option<String>,
    /// Which case of the demo this customer shows.
    pub case: String,
    /// Traffic rows within the retention period, as the data report shows them.
    pub traffic_rows: u64,
    pub record_version: u64,
}

/// The demo store's customers, by id.
pub fn demo_customers(
    conn: &Connection,
    now: DateTime<Utc>,
) -> Result<Vec<DemoCustomerListing>, ServerError> {
    let mut stmt = conn.prepare(
        "SELECT c.customer_id, c.demo_case,
                (SELECT COUNT(*) FROM traffic t WHERE t.customer_id = c.customer_id
                                                  AND t.started_at >= ?1)
         FROM customers c WHERE c.demo = 1 ORDER BY c.customer_id",
    )?;
    let rows: Vec<(String, Option<String>, i64)> = stmt
        .query_map([ts(traffic_cutoff(now))], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, case, traffic_rows) in rows {
        let Some(s) = super::customers::summary(conn, &id)? else {
            continue;
        };
        out.push(DemoCustomerListing {
            name: display_name(&s),
            customer_id: s.customer_id,
            customer_no: s.customer_no,
            kind: s.kind,
            personal_number: s.personal_number,
            msisdn: s.msisdns.first().cloned(),
            case: case.unwrap_or_default(),
            traffic_rows: u64::try_from(traffic_rows).unwrap_or(0),
            record_version: s.record_version,
        });
    }
    Ok(out)
}

fn display_name(s: &CustomerSummary) -> String {
    match (&s.kind, &s.business_name) {
        (CustomerKind::Business, Some(name)) => name.clone(),
        _ => format!("{} {}", s.first_name, s.last_name)
            .trim()
            .to_owned(),
    }
}

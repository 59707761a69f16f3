//! Requests of data subjects (corrections and the other rights) and where they stand.

use protocol::api::RequestStatus;
use rusqlite::{params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use super::{enum_text, parse_enum, parse_ts, ts};

/// Where a request came from, when a kiosk pushed it.
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    pub device_id: Uuid,
    pub mutation_id: Uuid,
}

pub fn reference_exists(conn: &Connection, reference: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM requests WHERE reference = ?1)",
        [reference],
        |r| r.get(0),
    )
}

pub fn insert(
    conn: &Connection,
    request: &RequestStatus,
    details: Option<&serde_json::Value>,
    origin: Option<Origin>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO requests (reference, kind, customer_id, submitted_at, due_at, latest_due_at,
                               state, store_code, details_json, device_id, mutation_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            request.reference,
            enum_text(&request.kind),
            request.customer_id,
            ts(request.submitted_at),
            ts(request.due_at),
            ts(request.latest_due_at),
            enum_text(&request.state),
            request.store_code,
            details.map(|d| d.to_string()),
            origin.map(|o| o.device_id.to_string()),
            origin.map(|o| o.mutation_id.to_string()),
        ],
    )?;
    Ok(())
}

const COLUMNS: &str =
    "reference, kind, customer_id, submitted_at, due_at, latest_due_at, state, store_code";

fn from_row(r: &Row<'_>) -> rusqlite::Result<RequestStatus> {
    Ok(RequestStatus {
        reference: r.get(0)?,
        kind: parse_enum(&r.get::<_, String>(1)?)?,
        customer_id: r.get(2)?,
        submitted_at: parse_ts(&r.get::<_, String>(3)?)?,
        due_at: parse_ts(&r.get::<_, String>(4)?)?,
        latest_due_at: parse_ts(&r.get::<_, String>(5)?)?,
        state: parse_enum(&r.get::<_, String>(6)?)?,
        store_code: r.get(7)?,
    })
}

pub fn get(conn: &Connection, reference: &str) -> rusqlite::Result<Option<RequestStatus>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM requests WHERE reference = ?1"),
        [reference],
        from_row,
    )
    .optional()
}

/// The customer's requests that are not settled yet, oldest first.
pub fn open_for_customer(
    conn: &Connection,
    customer_id: &str,
) -> rusqlite::Result<Vec<RequestStatus>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM requests
         WHERE customer_id = ?1 AND state IN ('received', 'in_progress')
         ORDER BY submitted_at, reference"
    ))?;
    let rows = stmt.query_map([customer_id], from_row)?;
    rows.collect()
}

/// Every request of the customer, oldest first (for objections in force).
pub fn all_for_customer(
    conn: &Connection,
    customer_id: &str,
) -> rusqlite::Result<Vec<(RequestStatus, Option<serde_json::Value>)>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS}, details_json FROM requests WHERE customer_id = ?1
         ORDER BY submitted_at, reference"
    ))?;
    let rows = stmt.query_map([customer_id], |r| {
        let details: Option<String> = r.get(8)?;
        Ok((
            from_row(r)?,
            details.and_then(|d| serde_json::from_str(&d).ok()),
        ))
    })?;
    rows.collect()
}

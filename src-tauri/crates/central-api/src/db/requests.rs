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

/// The customer's requests that are not settled yet ([`protocol::policy::RequestState::is_open`]),
/// oldest first.
pub fn open_for_customer(
    conn: &Connection,
    customer_id: &str,
) -> rusqlite::Result<Vec<RequestStatus>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM requests WHERE customer_id = ?1 ORDER BY submitted_at, reference"
    ))?;
    let rows = stmt.query_map([customer_id], from_row)?;
    let mut open = Vec::new();
    for row in rows {
        let request = row?;
        if request.state.is_open() {
            open.push(request);
        }
    }
    Ok(open)
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, Utc};
    use protocol::policy::{RequestState, RightKind};

    #[test]
    fn open_requests_are_the_ones_whose_state_is_open() {
        let mut conn = Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        crate::db::schema::migrations()
            .to_latest(&mut conn)
            .unwrap_or_else(|e| panic!("{e}"));
        conn.execute(
            "INSERT INTO customers (customer_id, customer_no, kind, first_name, last_name,
                                    address, summary_json, updated_at)
             VALUES ('C-000001', '1', 'individual', 'A', 'B', 'C', '{}', '2026-01-01T00:00:00Z')",
            [],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let now = Utc::now();
        let states = [
            RequestState::Received,
            RequestState::InProgress,
            RequestState::Completed,
            RequestState::Refused,
        ];
        for (i, state) in states.into_iter().enumerate() {
            let at = now + Duration::minutes(i as i64);
            let request = RequestStatus {
                reference: format!("R-{i}"),
                kind: RightKind::Access,
                customer_id: "C-000001".into(),
                submitted_at: at,
                due_at: at,
                latest_due_at: at,
                state,
                store_code: None,
            };
            insert(&conn, &request, None, None).unwrap_or_else(|e| panic!("{e}"));
        }
        let open = open_for_customer(&conn, "C-000001").unwrap_or_else(|e| panic!("{e}"));
        let open: Vec<RequestState> = open.iter().map(|r| r.state).collect();
        let expected: Vec<RequestState> = states.into_iter().filter(|s| s.is_open()).collect();
        assert_eq!(open, expected);
        assert_eq!(open, [RequestState::Received, RequestState::InProgress]);
        assert!(open_for_customer(&conn, "C-000002")
            .unwrap_or_else(|e| panic!("{e}"))
            .is_empty());
    }
}

//! Customers: lookup, their summary, and the correctable fields of their record.

use chrono::{DateTime, Utc};
use protocol::api::{CustomerKind, CustomerSummary, DataRecord, RecordField};
use protocol::mutation::CorrectableField;
use protocol::policy::DataCategory;
use rusqlite::{params, Connection, OptionalExtension};

use super::{enum_text, parse_json, to_json, to_u64, ts};

/// A phone number in digits-only international form (`38344123456`), from the forms people type:
/// `+383 44 123 456`, `00383…`, or the Kosovo national form `044 123 456`. `None` when it is not a
/// phone number.
pub fn normalize_msisdn(input: &str) -> Option<String> {
    let compact: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.' | '/' | '\u{a0}'))
        .collect();
    let international = if let Some(rest) = compact.strip_prefix('+') {
        rest.to_owned()
    } else if let Some(rest) = compact.strip_prefix("00") {
        rest.to_owned()
    } else if let Some(rest) = compact.strip_prefix('0') {
        format!("383{rest}")
    } else {
        compact
    };
    let plausible = (8..=15).contains(&international.len())
        && international.chars().all(|c| c.is_ascii_digit())
        && !international.starts_with('0');
    plausible.then_some(international)
}

/// How the customer is looked up: the one key the query gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupKey {
    PersonalNumber(String),
    CustomerNo(String),
    /// Already normalised.
    Msisdn(String),
}

pub fn lookup(conn: &Connection, key: &LookupKey) -> rusqlite::Result<Vec<CustomerSummary>> {
    let ids: Vec<String> = match key {
        LookupKey::PersonalNumber(n) => ids(
            conn,
            "SELECT customer_id FROM customers WHERE personal_number = ?1 ORDER BY customer_id",
            n,
        )?,
        LookupKey::CustomerNo(n) => ids(
            conn,
            "SELECT customer_id FROM customers WHERE customer_no = ?1 ORDER BY customer_id",
            n,
        )?,
        LookupKey::Msisdn(n) => ids(
            conn,
            "SELECT customer_id FROM customer_msisdns WHERE msisdn = ?1 ORDER BY customer_id",
            n,
        )?,
    };
    let mut found = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(summary) = summary(conn, &id)? {
            found.push(summary);
        }
    }
    Ok(found)
}

fn ids(conn: &Connection, sql: &str, value: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([value], |r| r.get(0))?;
    rows.collect()
}

pub fn exists(conn: &Connection, customer_id: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM customers WHERE customer_id = ?1)",
        [customer_id],
        |r| r.get(0),
    )
}

/// The customer's summary as it is now: the stored summary with the corrected fields and the
/// current record version.
pub fn summary(conn: &Connection, customer_id: &str) -> rusqlite::Result<Option<CustomerSummary>> {
    type Row = (
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        i64,
    );
    let row: Option<Row> = conn
        .query_row(
            "SELECT summary_json, first_name, last_name, address, email, contact_number,
                    record_version
             FROM customers WHERE customer_id = ?1",
            [customer_id],
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
    let Some((json, first_name, last_name, address, email, contact_number, version)) = row else {
        return Ok(None);
    };
    let mut summary: CustomerSummary = parse_json(&json)?;
    summary.first_name = first_name;
    summary.last_name = last_name;
    summary.address = address;
    summary.email = email;
    summary.contact_number = contact_number;
    summary.record_version = to_u64(version)?;
    Ok(Some(summary))
}

/// Whether the customer is a business (for rights only businesses have).
pub fn is_business(conn: &Connection, customer_id: &str) -> rusqlite::Result<bool> {
    let kind: Option<String> = conn
        .query_row(
            "SELECT kind FROM customers WHERE customer_id = ?1",
            [customer_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(kind.as_deref() == Some(enum_text(&CustomerKind::Business).as_str()))
}

fn field_column(field: CorrectableField) -> &'static str {
    match field {
        CorrectableField::FirstName => "first_name",
        CorrectableField::LastName => "last_name",
        CorrectableField::Address => "address",
        CorrectableField::Email => "email",
        CorrectableField::ContactNumber => "contact_number",
    }
}

/// The record version and the field's current value.
pub fn field_and_version(
    conn: &Connection,
    customer_id: &str,
    field: CorrectableField,
) -> rusqlite::Result<Option<(u64, Option<String>)>> {
    // The column name comes from the closed list above, never from input.
    let sql = format!(
        "SELECT record_version, {} FROM customers WHERE customer_id = ?1",
        field_column(field)
    );
    conn.query_row(&sql, [customer_id], |r| {
        Ok((to_u64(r.get(0)?)?, r.get::<_, Option<String>>(1)?))
    })
    .optional()
}

/// Sets a corrected field, bumps the record version and keeps the customer's `identity` record
/// (under identity and contact) in step. Returns the new version.
pub fn apply_correction(
    conn: &Connection,
    customer_id: &str,
    field: CorrectableField,
    previous: Option<&str>,
    new_value: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<u64> {
    let sql = format!(
        "UPDATE customers SET {} = ?2, record_version = record_version + 1, updated_at = ?3
         WHERE customer_id = ?1 RETURNING record_version",
        field_column(field)
    );
    let version: i64 =
        conn.query_row(&sql, params![customer_id, new_value, ts(now)], |r| r.get(0))?;

    let mut stmt = conn.prepare(
        "SELECT id, record_json FROM data_records WHERE customer_id = ?1 AND category = ?2",
    )?;
    let records: Vec<(i64, String)> = stmt
        .query_map(
            params![customer_id, enum_text(&DataCategory::IdentityContact)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .collect::<rusqlite::Result<_>>()?;
    for (id, json) in records {
        let mut record: DataRecord = parse_json(&json)?;
        // Representatives' records have names too; only the customer's own identity changes.
        if record.record_type != IDENTITY_RECORD {
            continue;
        }
        correct_identity_record(&mut record, field, previous, new_value);
        conn.execute(
            "UPDATE data_records SET record_json = ?2 WHERE id = ?1",
            params![id, to_json(&record)?],
        )?;
    }
    to_u64(version)
}

/// The record type of the customer's own identity and contact data in the demo's records.
const IDENTITY_RECORD: &str = "identity";

fn correct_identity_record(
    record: &mut DataRecord,
    field: CorrectableField,
    previous: Option<&str>,
    new_value: &str,
) {
    if field == CorrectableField::ContactNumber {
        // The record lists every contact number, comma separated: the corrected one is replaced,
        // or added when the record did not have it.
        let key = "contact_numbers";
        match record.fields.iter_mut().find(|f| f.key == key) {
            Some(f) => {
                let mut numbers: Vec<String> =
                    f.value.split(',').map(|n| n.trim().to_owned()).collect();
                match numbers.iter_mut().find(|n| Some(n.as_str()) == previous) {
                    Some(n) => *n = new_value.to_owned(),
                    None => numbers.push(new_value.to_owned()),
                }
                f.value = numbers.join(", ");
            }
            None => record.fields.push(RecordField {
                key: key.to_owned(),
                value: new_value.to_owned(),
            }),
        }
        return;
    }
    let key = enum_text(&field);
    match record.fields.iter_mut().find(|f| f.key == key) {
        Some(f) => f.value = new_value.to_owned(),
        None => record.fields.push(RecordField {
            key,
            value: new_value.to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_in_every_usual_form_are_the_same_number() {
        for input in [
            "+38344123456",
            "+383 44 123 456",
            "0038344123456",
            "044123456",
            "044-123-456",
            "38344123456",
        ] {
            assert_eq!(
                normalize_msisdn(input).as_deref(),
                Some("38344123456"),
                "{input}"
            );
        }
        for bad in ["", "abc", "+", "0", "12", "+38344x23456"] {
            assert_eq!(normalize_msisdn(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_business_is_recognised_by_its_stored_kind() {
        let mut conn = Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        crate::db::schema::migrations()
            .to_latest(&mut conn)
            .unwrap_or_else(|e| panic!("{e}"));
        for (id, kind) in [
            ("C-B", CustomerKind::Business),
            ("C-I", CustomerKind::Individual),
        ] {
            conn.execute(
                "INSERT INTO customers (customer_id, customer_no, kind, first_name, last_name,
                                        address, summary_json, updated_at)
                 VALUES (?1, ?1, ?2, 'A', 'B', 'C', '{}', '2026-01-01T00:00:00Z')",
                params![id, enum_text(&kind)],
            )
            .unwrap_or_else(|e| panic!("{e}"));
        }
        let is = |id: &str| is_business(&conn, id).unwrap_or_else(|e| panic!("{e}"));
        assert!(is("C-B"));
        assert!(!is("C-I"));
        assert!(!is("C-NONE"));
    }

    fn identity(fields: &[(&str, &str)]) -> DataRecord {
        DataRecord {
            record_type: IDENTITY_RECORD.to_owned(),
            recorded_at: None,
            fields: fields
                .iter()
                .map(|(k, v)| RecordField {
                    key: (*k).to_owned(),
                    value: (*v).to_owned(),
                })
                .collect(),
        }
    }

    #[test]
    fn a_correction_changes_the_identity_record_field_it_names() {
        let mut r = identity(&[
            ("first_name", "Arta"),
            ("contact_numbers", "+38344000001, +38345000002"),
        ]);
        correct_identity_record(&mut r, CorrectableField::FirstName, Some("Arta"), "Artë");
        correct_identity_record(
            &mut r,
            CorrectableField::ContactNumber,
            Some("+38345000002"),
            "+38349000003",
        );
        correct_identity_record(&mut r, CorrectableField::Email, None, "a@example.com");
        assert_eq!(
            r,
            identity(&[
                ("first_name", "Artë"),
                ("contact_numbers", "+38344000001, +38349000003"),
                ("email", "a@example.com")
            ])
        );
    }
}

//! The server's SQLite database: one connection behind a mutex, used from blocking tasks.
//!
//! One connection is enough for a reference server and makes every push batch trivially
//! serialisable; the work runs in `spawn_blocking` so the async workers keep accepting.

pub mod customers;
pub mod devices;
pub mod report;
pub mod requests;
pub mod schema;
pub mod seed;
pub mod store;

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::types::Type;
use rusqlite::Connection;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::ServerError;

#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

impl Db {
    pub fn new(conn: Connection) -> Db {
        Db {
            conn: Arc::new(Mutex::new(conn)),
        }
    }

    /// Runs `f` with the connection on a blocking thread.
    pub async fn call<R, E, F>(&self, f: F) -> Result<R, E>
    where
        F: FnOnce(&mut Connection) -> Result<R, E> + Send + 'static,
        R: Send + 'static,
        E: From<ServerError> + Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        let joined = tokio::task::spawn_blocking(move || {
            // A panic inside `f` rolled its transaction back when the transaction was dropped,
            // so the connection is still usable after a poisoned lock.
            let mut guard = conn.lock().unwrap_or_else(PoisonError::into_inner);
            f(&mut guard)
        })
        .await;
        match joined {
            Ok(result) => result,
            Err(e) => Err(ServerError::Task(e.to_string()).into()),
        }
    }
}

/// Opens (creating if needed) and migrates the database.
pub fn open_connection(path: &Path) -> Result<Connection, ServerError> {
    let mut conn = Connection::open(path)?;
    conn.busy_timeout(Duration::from_secs(10))?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!(%mode, "the database is not in WAL mode");
    }
    // An acknowledged push must survive a power cut: the kiosk scrubs its copy once answered.
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    schema::migrations().to_latest(&mut conn)?;
    Ok(conn)
}

/// Timestamps are stored as RFC 3339 in UTC with microseconds, so that text order is time order.
pub fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn parse_ts(s: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, Type::Text, Box::new(e)))
}

pub fn parse_opt_ts(s: Option<String>) -> rusqlite::Result<Option<DateTime<Utc>>> {
    s.as_deref().map(parse_ts).transpose()
}

/// A protocol enum as the snake_case text it has on the wire.
pub fn enum_text<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

pub fn parse_enum<T: DeserializeOwned>(s: &str) -> rusqlite::Result<T> {
    serde_json::from_value(serde_json::Value::String(s.to_owned()))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, Type::Text, Box::new(e)))
}

pub fn to_json<T: Serialize>(value: &T) -> rusqlite::Result<String> {
    serde_json::to_string(value).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

pub fn parse_json<T: DeserializeOwned>(s: &str) -> rusqlite::Result<T> {
    serde_json::from_str(s)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, Type::Text, Box::new(e)))
}

/// SQLite integers are signed; the protocol's counters are not.
pub fn to_i64(value: u64) -> rusqlite::Result<i64> {
    i64::try_from(value).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

pub fn to_u64(value: i64) -> rusqlite::Result<u64> {
    u64::try_from(value)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, Type::Integer, Box::new(e)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::policy::ConsentPurpose;

    #[test]
    fn timestamps_sort_as_text_and_round_trip() {
        let a = DateTime::<Utc>::UNIX_EPOCH + chrono::Duration::milliseconds(1500);
        let b = a + chrono::Duration::microseconds(1);
        assert!(ts(a) < ts(b));
        assert_eq!(parse_ts(&ts(a)).ok(), Some(a));
    }

    #[test]
    fn enums_are_stored_as_their_wire_names() {
        assert_eq!(
            enum_text(&ConsentPurpose::OffersJustForMe),
            "offers_just_for_me"
        );
        assert_eq!(
            parse_enum::<ConsentPurpose>("help_us_be_better").ok(),
            Some(ConsentPurpose::HelpUsBeBetter)
        );
        assert!(parse_enum::<ConsentPurpose>("nonsense").is_err());
    }
}

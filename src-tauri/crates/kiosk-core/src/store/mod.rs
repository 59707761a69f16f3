//! The kiosk's local store: one SQLite file holding the outbox of changes waiting for the central API,
//! the append-only audit chain, the staff and notice caches, settings and the device's enrolment.
//!
//! Durability rule: [`Store::capture`] and [`Store::append_audit`] return only after the change, its
//! audit entry and the audit entry's own outbox row are committed together (WAL, `synchronous=FULL`),
//! so a clerk told "saved" can pull the plug without losing it.
//!
//! A `Store` is one connection. Writers take `&mut self`; the desktop app keeps one behind a mutex
//! and the sync worker may open its own: writes start with `BEGIN IMMEDIATE` and wait out the other
//! connection's write for up to [`BUSY_TIMEOUT`].

mod audit;
mod cache;
mod device;
mod outbox;
mod removal;
mod review;
pub mod schema;
mod settings;
mod sign_in;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

pub use audit::{
    entry_hash, AuditBreak, AuditEntry, AuditProblem, AuditVerification, GENESIS_HASH,
};
pub use device::Enrolment;
pub use outbox::{
    BatchItem, ChangeState, GuardedAction, PushSettlement, QueueStatus, QueuedChange,
    DEFAULT_QUEUE_AGE_WARNING_SECONDS, QUEUE_AGE_WARNING_SETTING, SYSTEM_CLERK_ID,
};
pub use removal::{remove_data, RemovedData};
pub use review::{OutboxRow, QueueExport, RetriedChange};
pub use sign_in::FailureRecord;

/// How long a write waits for another connection's write to finish before failing.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens the store at `path`, creating the file (and its folder) when missing, and brings its
    /// schema up to date. The desktop app and `kioskctl enroll` use this.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_private_dir(dir).map_err(|e| Error::StoreUnavailable {
                path: path.to_path_buf(),
                reason: format!("its folder cannot be created: {e}"),
            })?;
        }
        Store::open_with(path, OpenFlags::default())
    }

    /// Opens an existing store and refuses a missing one: support commands must not report "nothing
    /// pending" for a mistyped folder while the real queue sits elsewhere.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(Error::StoreMissing {
                path: path.to_path_buf(),
            });
        }
        Store::open_with(path, OpenFlags::default() - OpenFlags::SQLITE_OPEN_CREATE)
    }

    /// [`Store::open`] on the database file of a data folder.
    pub fn open_in(data_dir: &Path) -> Result<Store> {
        Store::open(&crate::paths::db_path(data_dir))
    }

    fn open_with(path: &Path, flags: OpenFlags) -> Result<Store> {
        let unavailable = |e: rusqlite::Error| Error::StoreUnavailable {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        let mut conn = Connection::open_with_flags(path, flags).map_err(unavailable)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(unavailable)?;
        // A file that is not a SQLite database fails here, at the first read.
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(unavailable)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(Error::StoreUnavailable {
                path: path.to_path_buf(),
                reason: format!(
                    "its file system does not allow write-ahead logging (journal mode stayed {mode})"
                ),
            });
        }
        conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")
            .map_err(unavailable)?;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(unavailable)?;
        if usize::try_from(version).is_ok_and(|v| v > schema::SCHEMA_VERSION) {
            return Err(Error::StoreMigration {
                path: path.to_path_buf(),
                reason: format!(
                    "a newer version of the kiosk software wrote it (schema {version}; this program knows up to {}): update this program",
                    schema::SCHEMA_VERSION
                ),
            });
        }
        schema::migrations()
            .to_latest(&mut conn)
            .map_err(|e| Error::StoreMigration {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
        restrict_file(path);
        tracing::debug!(path = %path.display(), "store opened");
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<u32> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// A write transaction that holds SQLite's write lock from its start, so that the next `seq`
    /// read inside it cannot be taken by another connection before the insert.
    fn write_tx(&mut self) -> Result<Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

/// The data folder holds personal data and the device token: only its owner may enter it.
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// SQLite gives the `-wal` and `-shm` files the database file's permissions, so restricting the
/// database file restricts all three.
fn restrict_file(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.permissions().mode() & 0o077 != 0 {
                let mut perms = meta.permissions();
                perms.set_mode(0o600);
                if let Err(e) = std::fs::set_permissions(path, perms) {
                    tracing::warn!(path = %path.display(), error = %e, "cannot restrict the database file to its owner");
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Reads a column of serde-named enum text (`"pending"`, `"consent_recorded"`) back into the enum.
fn enum_from_text<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|e| Error::corrupt(format!("{what} {text:?}"), e))
}

/// The serde name of a unit enum variant, as stored in text columns.
fn enum_to_text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => format!("{other:?}"),
    }
}

fn to_u64(v: i64) -> u64 {
    u64::try_from(v).unwrap_or(0)
}

fn to_i64(v: u64) -> Result<i64> {
    i64::try_from(v).map_err(|_| Error::InvalidInput(format!("{v} is too large for the store")))
}

//! The kiosk's local store: one SQLite file holding the outbox of changes waiting for the central API,
//! the append-only audit chain, the staff and notice caches, settings and the device's enrolment.
//!
//! Durability rule: [`Store::capture`] and [`Store::append_audit`] return only after the change, its
//! audit entry and the audit entry's own outbox row are committed together (WAL, `synchronous=FULL`),
//! so a clerk told "saved" can pull the plug without losing it.
//!
//! Encryption at rest: every file is a SQLCipher database under a random 256-bit key kept outside
//! it ([`key`]); a plain file left by an older version is encrypted in place when first opened.
//!
//! A `Store` is one connection. Writers take `&mut self`; the desktop app keeps one behind a mutex
//! and the sync worker may open its own: writes start with `BEGIN IMMEDIATE` and wait out the other
//! connection's write for up to [`BUSY_TIMEOUT`].

mod audit;
mod cache;
mod device;
pub mod key;
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
pub use key::{DatabaseKey, DatabaseKeys, KeyPlace, KeyStoreChoice};
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
    key_place: KeyPlace,
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
        let (mut conn, place) = open_encrypted(path, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(unavailable)?;
        // A wrong key, or a file that is not a database, fails here, at the first read.
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => Error::StoreKeyWrong {
                    path: path.to_path_buf(),
                    place: place.clone(),
                },
                _ => unavailable(e),
            })?;
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
        tracing::debug!(path = %path.display(), key = %place, "store opened");
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            key_place: place,
        })
    }

    /// A bare connection to an existing kiosk database, its key given: beneath every rule of the
    /// store, for tests and forensic support that must look at (or tamper with) the raw tables.
    pub fn raw_connection(path: &Path) -> Result<Connection> {
        if !path.exists() {
            return Err(Error::StoreMissing {
                path: path.to_path_buf(),
            });
        }
        let (conn, _) = open_encrypted(path, OpenFlags::default())?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        Ok(conn)
    }

    /// Where the database's key is kept (for support; never the key).
    pub fn key_place(&self) -> &KeyPlace {
        &self.key_place
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

/// SQLite's header of a plain (unencrypted) database file; an encrypted file starts with random bytes.
const PLAIN_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Whether `path` holds a plain SQLite database (so, one written before encryption at rest).
fn is_plain_database(path: &Path) -> std::io::Result<bool> {
    use std::io::Read;
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path)?;
    let mut read = 0;
    while read < header.len() {
        match file.read(&mut header[read..])? {
            0 => break,
            n => read += n,
        }
    }
    Ok(read == header.len() && &header == PLAIN_HEADER)
}

/// A connection to `path` with its key given: the folder's key when there is one, a new one for a
/// new file; a plain file is encrypted first. The key's place goes into messages and the log.
fn open_encrypted(path: &Path, flags: OpenFlags) -> Result<(Connection, KeyPlace)> {
    let unavailable = |reason: String| Error::StoreUnavailable {
        path: path.to_path_buf(),
        reason,
    };
    let keys = DatabaseKeys::for_database(path)?;
    // An empty file is what SQLite itself treats as a new database.
    let existing = std::fs::metadata(path).is_ok_and(|m| m.len() > 0);
    let (key, place) = if !existing {
        keys.find_or_create()?
    } else if is_plain_database(path).map_err(|e| unavailable(e.to_string()))? {
        let (key, place) = keys.find_or_create()?;
        encrypt_plain_database(path, &key)?;
        tracing::info!(path = %path.display(), key = %place, "encrypted a plain kiosk database");
        (key, place)
    } else {
        keys.find()?.ok_or_else(|| Error::StoreKeyMissing {
            path: path.to_path_buf(),
            looked: keys.describe_places(),
        })?
    };
    let conn = Connection::open_with_flags(path, flags).map_err(|e| unavailable(e.to_string()))?;
    key.apply(&conn).map_err(|e| unavailable(e.to_string()))?;
    Ok((conn, place))
}

/// Rewrites a plain database as an encrypted one beside it (`sqlcipher_export`), then swaps the
/// two: a power cut leaves either the plain file or the encrypted one, never half of each.
fn encrypt_plain_database(path: &Path, key: &DatabaseKey) -> Result<()> {
    let failed = |e: rusqlite::Error| Error::StoreMigration {
        path: path.to_path_buf(),
        reason: format!("encrypting the plain database failed: {e}"),
    };
    let io_failed = |e: std::io::Error| Error::StoreMigration {
        path: path.to_path_buf(),
        reason: format!("encrypting the plain database failed: {e}"),
    };
    let mut encrypted = path.as_os_str().to_owned();
    encrypted.push(".encrypting");
    let encrypted = PathBuf::from(encrypted);
    match std::fs::remove_file(&encrypted) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io_failed(e)),
        _ => {}
    }
    {
        let plain = Connection::open(path).map_err(failed)?;
        plain.busy_timeout(BUSY_TIMEOUT).map_err(failed)?;
        let version: i64 = plain
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(failed)?;
        let target = encrypted.to_string_lossy().into_owned();
        plain
            .execute(
                "ATTACH DATABASE ?1 AS encrypted KEY ?2",
                rusqlite::params![target, key.sql_literal().as_str()],
            )
            .map_err(failed)?;
        plain
            .query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))
            .map_err(failed)?;
        plain
            .execute_batch(&format!(
                "PRAGMA encrypted.user_version = {version}; DETACH DATABASE encrypted;"
            ))
            .map_err(failed)?;
        // Closing the last connection folds the write-ahead log into the plain file and removes it.
    }
    restrict_file(&encrypted);
    std::fs::File::open(&encrypted)
        .and_then(|f| f.sync_all())
        .map_err(io_failed)?;
    std::fs::rename(&encrypted, path).map_err(io_failed)?;
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Ok(dir) = std::fs::File::open(dir) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
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

//! Removing a kiosk's data (uninstalling it, or handing the counter PC over): the last path out of
//! the store, so it refuses while anything in it exists nowhere else.
//!
//! Changes still pending exist only here; rejected and conflicting changes wait for a supervisor's
//! review and were never applied. Both must reach IPKO (by sync, or by a supervisor's export handed
//! to support) before the database goes. Everything else in the store is either a copy of the
//! central API's data (caches, staff) or already on the server (acknowledged stubs, the audit
//! chain, whose every entry travels as a change).

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::outbox::{ensure_queue_empty, GuardedAction};
use super::Store;
use crate::error::{Error, Result};

/// What [`remove_data`] removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RemovedData {
    pub files: Vec<PathBuf>,
    /// Where the database's key was removed from (a key file, the credential store).
    pub keys: Vec<super::KeyPlace>,
    /// The data folder itself went too (it held nothing else).
    pub folder_removed: bool,
}

impl Store {
    /// Refuses, with what to do instead, while removing the store would lose a change: pending ones
    /// ([`Error::ChangesPending`]) first, then those awaiting review ([`Error::ReviewOutstanding`]).
    pub fn ensure_removable(&self) -> Result<()> {
        ensure_queue_empty(&self.conn, GuardedAction::Uninstall)?;
        let status = self.queue_status()?;
        let count = status.rejected + status.conflict;
        if count > 0 {
            return Err(Error::ReviewOutstanding {
                count,
                action: GuardedAction::Uninstall.describe().to_owned(),
            });
        }
        Ok(())
    }
}

/// Removes the kiosk database of `data_dir` (with its WAL and shared-memory files, and its key) and the folder
/// when nothing else is in it. Unless `exported` says a supervisor has exported the queue, it
/// refuses while [`Store::ensure_removable`] does. Only the kiosk's own files are touched: the
/// folder may be one an administrator chose (`KIOSK_DATA_DIR`).
///
/// The desktop app must be closed first: a database deleted under a running app would take the
/// app's next changes with it.
pub fn remove_data(data_dir: &Path, exported: bool) -> Result<RemovedData> {
    let db = crate::paths::db_path(data_dir);
    {
        // Opening also proves it is a kiosk database, not some file of the same name.
        let store = Store::open_existing(&db)?;
        if !exported {
            store.ensure_removable()?;
        }
    }
    let mut files = Vec::new();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = db.clone().into_os_string();
        name.push(suffix);
        let path = PathBuf::from(name);
        match std::fs::remove_file(&path) {
            Ok(()) => files.push(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(Error::StoreUnavailable {
                    path,
                    reason: format!("it cannot be removed: {e}"),
                })
            }
        }
    }
    // The key goes last: a failure above leaves a database that can still be opened.
    let keys = super::DatabaseKeys::for_database(&db)?.forget()?;
    // remove_dir only removes an empty folder: anything else in it stays, and so does the folder.
    let folder_removed = std::fs::remove_dir(data_dir).is_ok();
    tracing::info!(files = files.len(), folder_removed, "kiosk data removed");
    Ok(RemovedData {
        files,
        keys,
        folder_removed,
    })
}

//! Where the kiosk keeps its data. The desktop app and `kioskctl` both resolve the folder here, so
//! that support staff looking at a counter PC see the very database the app writes.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The Tauri app's identifier (`tauri.conf.json`); Tauri's `app_data_dir()` is
/// `<platform data dir>/<identifier>`, and so is ours.
pub const APP_IDENTIFIER: &str = "com.ipko.privacykiosk";

/// The environment variable that overrides the data folder (tests, demo set-ups, support).
pub const DATA_DIR_ENV: &str = "KIOSK_DATA_DIR";

/// The SQLite file inside the data folder.
pub const DB_FILE_NAME: &str = "kiosk.sqlite3";

/// The folder the desktop app uses when nothing overrides it: `$XDG_DATA_HOME/com.ipko.privacykiosk`
/// on Linux (usually `~/.local/share/…`), `%APPDATA%\com.ipko.privacykiosk` on Windows.
pub fn default_data_dir() -> Result<PathBuf> {
    dirs::data_dir()
        .map(|d| d.join(APP_IDENTIFIER))
        .ok_or(Error::DataDirUnknown)
}

/// The data folder: `explicit` (a `--data-dir` option) wins, then `KIOSK_DATA_DIR`, then the
/// default. An empty value counts as not given, so `KIOSK_DATA_DIR=` cannot point at the current
/// directory by accident.
pub fn resolve_data_dir(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = explicit.filter(|d| !d.as_os_str().is_empty()) {
        return Ok(dir.to_path_buf());
    }
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => default_data_dir(),
    }
}

/// The database file of a data folder.
pub fn db_path(data_dir: &Path) -> PathBuf {
    data_dir.join(DB_FILE_NAME)
}

/// Writes `bytes` to a file only its owner can read, replacing it; the permissions are set before
/// anything is written (exports hold personal data).
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    #[cfg(unix)]
    {
        // An existing file keeps its mode through open(): restrict it.
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    file.write_all(bytes)?;
    file.sync_all()
}

pub(crate) use crate::store::create_private_dir;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicit_folder_wins_and_empty_counts_as_absent() {
        let dir = Path::new("/tmp/kiosk-a");
        assert_eq!(resolve_data_dir(Some(dir)).ok(), Some(dir.to_path_buf()));
        // Whatever the environment says, an empty explicit value must not become "".
        let resolved = resolve_data_dir(Some(Path::new(""))).ok();
        assert_ne!(resolved, Some(PathBuf::new()));
        assert_eq!(db_path(dir), Path::new("/tmp/kiosk-a/kiosk.sqlite3"));
    }

    #[test]
    fn the_default_ends_with_the_app_identifier() {
        if let Ok(dir) = default_data_dir() {
            assert!(dir.ends_with(APP_IDENTIFIER));
        }
    }
}

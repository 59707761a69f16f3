//! The key that encrypts the kiosk's database at rest (SQLCipher), and where it is kept.
//!
//! A random 256-bit raw key — no passphrase, so no key derivation on every open — kept in the
//! operating system's credential store where there is one (Windows Credential Manager, macOS
//! Keychain, the Secret Service of a Linux desktop), otherwise in a key file in the data folder that
//! only the kiosk's user can read. `KIOSK_KEY_STORE` chooses: `auto` (the default), `os` or `file`.
//!
//! Lookup order: the key file when there is one (a kiosk set up with it keeps it), then the
//! credential store. A new key goes to the credential store in `auto` mode when it accepts it *and*
//! gives it back (some Linux sessions accept a write they never return), otherwise to the file.

use std::io::Write;
use std::path::{Path, PathBuf};

use rand::RngCore;
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// The environment variable that chooses where the key is kept.
pub const KEY_STORE_ENV: &str = "KIOSK_KEY_STORE";

/// The key file inside the data folder, when the key is kept in a file.
pub const KEY_FILE_NAME: &str = "kiosk.key";

/// The credential store's service name for the kiosk's entries.
pub const CREDENTIAL_SERVICE: &str = crate::paths::APP_IDENTIFIER;

/// Where the key may be kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyStoreChoice {
    /// The credential store when it works, the key file otherwise.
    Auto,
    /// The operating system's credential store only; its failure stops the kiosk.
    CredentialStore,
    /// The key file only.
    File,
}

impl KeyStoreChoice {
    /// `KIOSK_KEY_STORE`: `auto` (or unset, or empty), `os`, `file`.
    pub fn from_env() -> Result<KeyStoreChoice> {
        let value = std::env::var(KEY_STORE_ENV).unwrap_or_default();
        match value.trim().to_ascii_lowercase().as_str() {
            "" | "auto" => Ok(KeyStoreChoice::Auto),
            "os" | "credential-store" => Ok(KeyStoreChoice::CredentialStore),
            "file" => Ok(KeyStoreChoice::File),
            _ => Err(Error::InvalidInput(format!(
                "{KEY_STORE_ENV}={value:?} is not a place for the database key: use auto, os or file."
            ))),
        }
    }
}

/// Where a key was found or put; shown to support staff, never the key itself.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum KeyPlace {
    CredentialStore { service: String, account: String },
    File { path: PathBuf },
}

impl std::fmt::Display for KeyPlace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyPlace::CredentialStore { service, account } => write!(
                f,
                "the operating system's credential store (service {service}, account {account:?})"
            ),
            KeyPlace::File { path } => write!(f, "the key file {}", path.display()),
        }
    }
}

/// A database key. Its bytes are wiped from memory when it is dropped and never printed.
#[derive(Clone)]
pub struct DatabaseKey(Zeroizing<[u8; 32]>);

impl std::fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseKey(<redacted>)")
    }
}

impl DatabaseKey {
    /// 256 bits from the operating system's random source.
    pub fn generate() -> DatabaseKey {
        let mut bytes = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(bytes.as_mut());
        DatabaseKey(bytes)
    }

    fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(hex::encode(self.0.as_ref()))
    }

    fn from_hex(text: &str) -> std::result::Result<DatabaseKey, String> {
        let mut bytes = Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(text.trim(), bytes.as_mut())
            .map_err(|_| "it is not 64 hexadecimal digits".to_owned())?;
        Ok(DatabaseKey(bytes))
    }

    /// SQLCipher's raw-key form, `x'…'`: used as is, with no key derivation.
    pub(crate) fn sql_literal(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", self.to_hex().as_str()))
    }

    /// Gives `conn` this key. It must be the first statement on a fresh connection; a wrong key
    /// shows at the first read ("file is not a database").
    pub fn apply(&self, conn: &rusqlite::Connection) -> rusqlite::Result<()> {
        // SQLCipher would also print its own line on stderr for a wrong key; the kiosk's error
        // says it better, and in the kiosk's log.
        conn.execute_batch("PRAGMA cipher_log_level = NONE")?;
        conn.pragma_update(None, "key", self.sql_literal().as_str())
    }
}

/// The key of the databases in one data folder, and where it lives.
#[derive(Clone, Debug)]
pub struct DatabaseKeys {
    folder: PathBuf,
    choice: KeyStoreChoice,
}

impl DatabaseKeys {
    /// The keys of the folder holding `db_path`, kept where `KIOSK_KEY_STORE` says.
    pub fn for_database(db_path: &Path) -> Result<DatabaseKeys> {
        Ok(DatabaseKeys::with_choice(
            db_path,
            KeyStoreChoice::from_env()?,
        ))
    }

    pub fn with_choice(db_path: &Path, choice: KeyStoreChoice) -> DatabaseKeys {
        let folder = db_path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        // The credential store's entry is named after the folder, so it must not depend on the
        // current directory: the app and `kioskctl` started elsewhere find the same entry.
        let folder = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
        DatabaseKeys { folder, choice }
    }

    /// The key file, whether or not it exists.
    pub fn key_file(&self) -> PathBuf {
        self.folder.join(KEY_FILE_NAME)
    }

    /// The credential store's account of this folder's key.
    fn account(&self) -> String {
        format!("database key {}", self.folder.display())
    }

    fn credential_place(&self) -> KeyPlace {
        KeyPlace::CredentialStore {
            service: CREDENTIAL_SERVICE.to_owned(),
            account: self.account(),
        }
    }

    fn entry(&self) -> std::result::Result<keyring::Entry, keyring::Error> {
        keyring::Entry::new(CREDENTIAL_SERVICE, &self.account())
    }

    /// Every place this folder's key is looked for, for messages; a credential store that cannot
    /// be reached says why (a locked keyring, no Secret Service in this session …).
    pub fn describe_places(&self) -> String {
        let file = KeyPlace::File {
            path: self.key_file(),
        }
        .to_string();
        let credential = || {
            let place = self.credential_place().to_string();
            match self.entry().and_then(|e| e.get_password().map(drop)) {
                Ok(()) | Err(keyring::Error::NoEntry) => place,
                Err(e) => format!("{place}, which cannot be reached: {e}"),
            }
        };
        match self.choice {
            KeyStoreChoice::Auto => format!("{file}; {}", credential()),
            KeyStoreChoice::CredentialStore => credential(),
            KeyStoreChoice::File => file,
        }
    }

    /// The existing key and where it was, or `None` when there is none yet.
    pub fn find(&self) -> Result<Option<(DatabaseKey, KeyPlace)>> {
        if self.choice != KeyStoreChoice::CredentialStore {
            if let Some(found) = self.read_key_file()? {
                return Ok(Some(found));
            }
        }
        if self.choice == KeyStoreChoice::File {
            return Ok(None);
        }
        let place = self.credential_place();
        let got = self.entry().and_then(|e| e.get_password());
        match got {
            Ok(text) => {
                let text = Zeroizing::new(text);
                let key = DatabaseKey::from_hex(&text).map_err(|reason| Error::KeyStore {
                    place: place.clone(),
                    reason: format!("the key found there is unusable: {reason}"),
                })?;
                Ok(Some((key, place)))
            }
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) if self.choice == KeyStoreChoice::Auto => {
                tracing::debug!(error = %e, "no credential store to look in for the database key");
                Ok(None)
            }
            Err(e) => Err(Error::KeyStore {
                place,
                reason: e.to_string(),
            }),
        }
    }

    /// Makes a new key and keeps it; refuses when one already exists (replacing it would lock
    /// the database away for good).
    pub fn create(&self) -> Result<(DatabaseKey, KeyPlace)> {
        if let Some((_, place)) = self.find()? {
            return Err(Error::KeyStore {
                place,
                reason: "a database key is already kept there; it is not replaced".to_owned(),
            });
        }
        let key = DatabaseKey::generate();
        if self.choice != KeyStoreChoice::File {
            match self.store_in_credential_store(&key) {
                Ok(place) => return Ok((key, place)),
                Err(reason) if self.choice == KeyStoreChoice::Auto => {
                    tracing::info!(%reason, "no usable credential store: the database key goes to a key file");
                }
                Err(reason) => {
                    return Err(Error::KeyStore {
                        place: self.credential_place(),
                        reason,
                    })
                }
            }
        }
        let place = self.write_key_file(&key)?;
        Ok((key, place))
    }

    /// The existing key, or a new one kept for good.
    pub fn find_or_create(&self) -> Result<(DatabaseKey, KeyPlace)> {
        match self.find()? {
            Some(found) => Ok(found),
            None => self.create(),
        }
    }

    /// Forgets the key (when the database it opened is removed): the key file and the credential
    /// store's entry. Returns where a key was removed from.
    pub fn forget(&self) -> Result<Vec<KeyPlace>> {
        let mut removed = Vec::new();
        if self.choice != KeyStoreChoice::CredentialStore {
            let path = self.key_file();
            match std::fs::remove_file(&path) {
                Ok(()) => removed.push(KeyPlace::File { path }),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(Error::KeyStore {
                        place: KeyPlace::File { path },
                        reason: format!("it cannot be removed: {e}"),
                    })
                }
            }
        }
        if self.choice != KeyStoreChoice::File {
            match self.entry().and_then(|e| e.delete_credential()) {
                Ok(()) => removed.push(self.credential_place()),
                Err(keyring::Error::NoEntry) => {}
                Err(e) if self.choice == KeyStoreChoice::Auto => {
                    tracing::debug!(error = %e, "no credential store to remove a database key from");
                }
                Err(e) => {
                    return Err(Error::KeyStore {
                        place: self.credential_place(),
                        reason: e.to_string(),
                    })
                }
            }
        }
        Ok(removed)
    }

    fn store_in_credential_store(
        &self,
        key: &DatabaseKey,
    ) -> std::result::Result<KeyPlace, String> {
        let entry = self.entry().map_err(|e| e.to_string())?;
        entry
            .set_password(&key.to_hex())
            .map_err(|e| e.to_string())?;
        // Read it back: a store that accepts the key but cannot return it would lose the database.
        match entry.get_password().map(Zeroizing::new) {
            Ok(back) if back.as_str() == key.to_hex().as_str() => Ok(self.credential_place()),
            Ok(_) => Err("it returned another key than the one stored".to_owned()),
            Err(e) => Err(format!("it accepted the key but cannot return it: {e}")),
        }
    }

    fn read_key_file(&self) -> Result<Option<(DatabaseKey, KeyPlace)>> {
        let path = self.key_file();
        let place = KeyPlace::File { path: path.clone() };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => Zeroizing::new(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(Error::KeyStore {
                    place,
                    reason: e.to_string(),
                })
            }
        };
        restrict_key_file(&path);
        let key = DatabaseKey::from_hex(&text).map_err(|reason| Error::KeyStore {
            place: place.clone(),
            reason: format!("the file is not a kiosk database key: {reason}"),
        })?;
        Ok(Some((key, place)))
    }

    fn write_key_file(&self, key: &DatabaseKey) -> Result<KeyPlace> {
        let path = self.key_file();
        let place = KeyPlace::File { path: path.clone() };
        let failed = |e: std::io::Error| Error::KeyStore {
            place: place.clone(),
            reason: e.to_string(),
        };
        super::create_private_dir(&self.folder).map_err(failed)?;
        let mut options = std::fs::OpenOptions::new();
        // create_new: two programs setting up the same folder at once must not overwrite each
        // other's key after one of them has encrypted with it.
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&path).map_err(failed)?;
        file.write_all(key.to_hex().as_bytes()).map_err(failed)?;
        file.write_all(b"\n").map_err(failed)?;
        file.sync_all().map_err(failed)?;
        // The key must outlive a power cut that the database it encrypts survives.
        if let Ok(dir) = std::fs::File::open(&self.folder) {
            let _ = dir.sync_all();
        }
        Ok(place)
    }
}

/// A key file others can read is tightened, and said so: it may have been copied meanwhile.
fn restrict_key_file(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            if meta.permissions().mode() & 0o077 != 0 {
                tracing::warn!(path = %path.display(), "the database key file was readable by others; restricted to the kiosk's user");
                let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_file_is_private_random_and_never_replaced() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let db = dir.path().join("kiosk.sqlite3");
        let keys = DatabaseKeys::with_choice(&db, KeyStoreChoice::File);
        assert!(keys.find().unwrap_or_else(|e| panic!("{e}")).is_none());
        let (key, place) = keys.create().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            place,
            KeyPlace::File {
                path: keys.key_file()
            }
        );
        let text = std::fs::read_to_string(keys.key_file()).unwrap_or_default();
        assert_eq!(text.trim().len(), 64);
        assert_eq!(text.trim(), key.to_hex().as_str());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(keys.key_file())
                .map(|m| m.permissions().mode() & 0o777)
                .unwrap_or(0);
            assert_eq!(mode, 0o600);
        }
        let (again, _) = keys
            .find()
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("the key is gone"));
        assert_eq!(again.to_hex(), key.to_hex());
        let err = keys.create().err().unwrap_or_else(|| panic!("replaced"));
        assert_eq!(err.code(), "key_store_failed");
        assert_ne!(
            DatabaseKey::generate().to_hex(),
            key.to_hex(),
            "two keys alike"
        );
        assert_eq!(format!("{key:?}"), "DatabaseKey(<redacted>)");
    }

    #[test]
    fn a_damaged_key_file_is_named_not_replaced() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let keys =
            DatabaseKeys::with_choice(&dir.path().join("kiosk.sqlite3"), KeyStoreChoice::Auto);
        std::fs::write(keys.key_file(), "not a key").unwrap_or_else(|e| panic!("{e}"));
        let err = keys.find().err().unwrap_or_else(|| panic!("accepted"));
        assert!(err.to_string().contains("kiosk.key"), "{err}");
        assert!(
            err.to_string().contains("not a kiosk database key"),
            "{err}"
        );
    }
}

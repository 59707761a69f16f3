//! The one error type of kiosk-core. Every variant has a stable `code()` for programs (the desktop
//! app branches on it, `kioskctl` picks exit codes by it) and a message for people (its `Display`).
//! Messages name ids, paths and URLs but never a customer's personal data.

use std::path::PathBuf;

use serde::ser::SerializeStruct;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(
        "No kiosk database at {path}: this kiosk has not been set up in that folder (check --data-dir or KIOSK_DATA_DIR)."
    )]
    StoreMissing { path: PathBuf },

    #[error("The kiosk database at {path} cannot be opened: {reason}")]
    StoreUnavailable { path: PathBuf, reason: String },

    #[error("The kiosk database at {path} could not be brought up to date: {reason}")]
    StoreMigration { path: PathBuf, reason: String },

    #[error(
        "The kiosk database at {path} is encrypted (or is not a database at all), and its key is in none of these places: {looked}. Restore the key there (README, \"The database key\"); without it the database cannot be read, and only setting the kiosk up again helps (changes not yet sent would be lost)."
    )]
    StoreKeyMissing { path: PathBuf, looked: String },

    #[error(
        "The kiosk database at {path} cannot be read with the key from {place}: the key belongs to another database, or the file is damaged or is not a kiosk database."
    )]
    StoreKeyWrong {
        path: PathBuf,
        place: crate::store::KeyPlace,
    },

    #[error("The database key could not be kept in or read from {place}: {reason}")]
    KeyStore {
        place: crate::store::KeyPlace,
        reason: String,
    },

    #[error("The kiosk database failed: {0}")]
    Database(#[from] rusqlite::Error),

    #[error("The kiosk database holds an unreadable {what}: {reason}")]
    StoredDataCorrupt { what: String, reason: String },

    #[error(
        "This computer has no folder for application data; give one with --data-dir or KIOSK_DATA_DIR."
    )]
    DataDirUnknown,

    #[error("{0}")]
    InvalidInput(String),

    #[error(
        "The {lang} consent notice {notice_id} version {version} does not match its SHA-256: the text hashes to {actual}, not {claimed}. It was not stored."
    )]
    NoticeHashMismatch {
        notice_id: String,
        version: u32,
        lang: String,
        claimed: String,
        actual: String,
    },

    #[error(
        "The {lang} consent notice {notice_id} version {version} arrived with a different text than the one stored for that version; a changed notice needs a new version. It was not stored."
    )]
    NoticeChanged {
        notice_id: String,
        version: u32,
        lang: String,
    },

    #[error("The staff list is for store {got}, but this kiosk is enrolled in store {expected}.")]
    StaffStoreMismatch { expected: String, got: String },

    #[error("This kiosk is not enrolled yet: enrol it with `kioskctl enroll` first.")]
    NotEnrolled,

    #[error(
        "{pending} change(s) captured at this kiosk have not reached the central API yet; {action} would strand them. Let the kiosk sync first, or have a supervisor export the queue."
    )]
    ChangesPending { pending: u64, action: String },

    #[error(
        "{count} rejected or conflicting change(s) still wait for a supervisor's review; {action} would lose them. Have a supervisor export them (`kioskctl queue export --out FILE`) and hand the file to IPKO support first."
    )]
    ReviewOutstanding { count: u64, action: String },

    #[error(
        "No staff list on this kiosk yet: connect it to the central API once so that it can fetch the store's staff."
    )]
    StaffListMissing,

    #[error("That staff id and PIN do not match. {attempts_left} attempt(s) left before sign-in is paused.")]
    SignInRejected { attempts_left: u32 },

    #[error("Too many wrong PINs: sign-in for this staff id is paused until {until_local}. A supervisor can help meanwhile.")]
    SignInLocked {
        until: chrono::DateTime<chrono::Utc>,
        until_local: String,
    },

    #[error("{}", if *locked { "The screen is locked: sign in again to go on." } else { "Nobody is signed in at this counter: sign in first." })]
    NotSignedIn { locked: bool },

    #[error("Only a supervisor may do this: ask a supervisor to sign in.")]
    SupervisorOnly,

    #[error(
        "That customer is not the one being served at this counter: identify the customer first."
    )]
    NoSuchCustomerSession,

    #[error("{0} is not a usable central API address: give a full http:// or https:// URL.")]
    InvalidUrl(String),

    #[error(
        "{0} would carry the device's token and customers' data unencrypted: the central API is reached over https:// (plain http:// only on this computer, for tests and the demo)."
    )]
    InsecureUrl(String),

    #[error(
        "The pinned CA of the central API, {path}, cannot be used: {reason}. Put IPKO's CA certificate there in PEM form, or remove the file to trust the public roots."
    )]
    PinnedCaUnusable { path: PathBuf, reason: String },

    #[error("The central API refused the enrolment: {message}")]
    EnrolmentRefused { code: String, message: String },

    #[error("The central API at {url} cannot be reached: {reason}")]
    CentralUnreachable { url: String, reason: String },

    #[error("The central API answered with an error (HTTP {status}): {message}")]
    CentralError {
        status: u16,
        code: String,
        message: String,
    },

    /// A printout (data report or receipt) could not be made; its own code says why.
    #[error(transparent)]
    Report(#[from] crate::report::ReportError),

    /// A printout could not be printed; its own code says why (no printer, CUPS down, …).
    #[error(transparent)]
    Print(#[from] crate::print::PrintError),

    /// A capture the clerk can put right (a bad e-mail address, a signature too short …): its own
    /// code says which, for the screen to word; the message says it for people.
    #[error("{message}")]
    Refused { code: &'static str, message: String },
}

impl Error {
    /// A stable snake_case code. Never change one: the desktop app and support scripts match on them.
    pub fn code(&self) -> &'static str {
        match self {
            Error::StoreMissing { .. } => "store_missing",
            Error::StoreUnavailable { .. } => "store_unavailable",
            Error::StoreMigration { .. } => "store_migration_failed",
            Error::StoreKeyMissing { .. } => "store_key_missing",
            Error::StoreKeyWrong { .. } => "store_key_wrong",
            Error::KeyStore { .. } => "key_store_failed",
            Error::Database(_) => "database",
            Error::StoredDataCorrupt { .. } => "stored_data_corrupt",
            Error::DataDirUnknown => "data_dir_unknown",
            Error::InvalidInput(_) => "invalid_input",
            Error::NoticeHashMismatch { .. } => "notice_hash_mismatch",
            Error::NoticeChanged { .. } => "notice_changed",
            Error::StaffStoreMismatch { .. } => "staff_store_mismatch",
            Error::NotEnrolled => "not_enrolled",
            Error::ChangesPending { .. } => "changes_pending",
            Error::ReviewOutstanding { .. } => "review_outstanding",
            Error::StaffListMissing => "staff_list_missing",
            Error::SignInRejected { .. } => "sign_in_rejected",
            Error::SignInLocked { .. } => "sign_in_locked",
            Error::NotSignedIn { locked: true } => "locked",
            Error::NotSignedIn { locked: false } => "not_signed_in",
            Error::SupervisorOnly => "supervisor_only",
            Error::NoSuchCustomerSession => "no_customer_session",
            Error::InvalidUrl(_) => "invalid_url",
            Error::InsecureUrl(_) => "insecure_url",
            Error::PinnedCaUnusable { .. } => "central_ca_unusable",
            Error::EnrolmentRefused { .. } => "enrolment_refused",
            Error::CentralUnreachable { .. } => "central_unreachable",
            Error::CentralError { .. } => "central_error",
            Error::Report(e) => e.code(),
            Error::Print(e) => e.code(),
            Error::Refused { code, .. } => code,
        }
    }

    /// Whether the local database itself could not be opened or prepared, as opposed to an
    /// operation on an open store failing. `kioskctl` gives these their own exit code.
    pub fn is_store_unavailable(&self) -> bool {
        matches!(
            self,
            Error::StoreMissing { .. }
                | Error::StoreUnavailable { .. }
                | Error::StoreMigration { .. }
                | Error::StoreKeyMissing { .. }
                | Error::StoreKeyWrong { .. }
                | Error::KeyStore { .. }
                | Error::DataDirUnknown
        )
    }

    pub(crate) fn corrupt(what: impl Into<String>, reason: impl ToString) -> Error {
        Error::StoredDataCorrupt {
            what: what.into(),
            reason: reason.to_string(),
        }
    }
}

/// Errors cross to the UI (and into `--json` output) as `{ "code": "...", "message": "..." }`, the
/// same shape as the central API's error body.
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_code_message(serializer, self.code(), &self.to_string())
    }
}

/// The one `{ "code", "message" }` shape of every error of this crate that crosses to the UI.
pub(crate) fn serialize_code_message<S: serde::Serializer>(
    serializer: S,
    code: &str,
    message: &str,
) -> Result<S::Ok, S::Error> {
    let mut s = serializer.serialize_struct("Error", 2)?;
    s.serialize_field("code", code)?;
    s.serialize_field("message", message)?;
    s.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_serialise_as_code_and_message_only() {
        let err = Error::ChangesPending {
            pending: 3,
            action: "enrolling again".into(),
        };
        let json = serde_json::to_value(&err).unwrap_or_default();
        let keys: Vec<_> = json
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        assert_eq!(keys, vec!["code".to_string(), "message".to_string()]);
        assert_eq!(json["code"], "changes_pending");
        assert!(json["message"]
            .as_str()
            .unwrap_or_default()
            .starts_with("3 change(s) captured"));
    }
}

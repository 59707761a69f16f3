//! How a command fails: one plain sentence on stderr and an exit code that scripts can rely on.

use std::process::ExitCode;

/// The command ran and failed, or found a problem (a broken audit chain).
pub const EXIT_FAILED: u8 = 1;
/// The kiosk database cannot be opened (missing, unreadable, not a kiosk database).
pub const EXIT_STORE_UNAVAILABLE: u8 = 2;

#[derive(Debug)]
pub struct Failure {
    pub exit: u8,
    pub message: String,
}

impl Failure {
    /// Prints the message and gives the exit code.
    pub fn report(self) -> ExitCode {
        eprintln!("{}", self.message);
        ExitCode::from(self.exit)
    }
}

impl From<kiosk_core::Error> for Failure {
    fn from(e: kiosk_core::Error) -> Failure {
        let exit = if e.is_store_unavailable() {
            EXIT_STORE_UNAVAILABLE
        } else {
            EXIT_FAILED
        };
        Failure {
            exit,
            message: e.to_string(),
        }
    }
}

/// Writes a value as one line of JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string(value).map_err(|e| Failure {
        exit: EXIT_FAILED,
        message: format!("The answer cannot be written as JSON: {e}"),
    })?;
    println!("{text}");
    Ok(())
}

impl From<kiosk_core::sync::SyncFailure> for Failure {
    fn from(f: kiosk_core::sync::SyncFailure) -> Failure {
        Failure {
            exit: EXIT_FAILED,
            message: f.message,
        }
    }
}

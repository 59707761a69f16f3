//! The network runtime of the commands that talk to the central API.

use crate::failure::{Failure, EXIT_FAILED};

/// A tokio runtime for one command (current thread: `kioskctl` does one thing at a time; store
/// calls go to tokio's blocking pool).
pub fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure {
            exit: EXIT_FAILED,
            message: format!("kioskctl cannot start its network runtime: {e}"),
        })
}

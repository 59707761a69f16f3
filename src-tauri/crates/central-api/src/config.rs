//! How a server is set up: its database, whether it seeds the demo store, admission control and
//! fault injection.

use std::path::PathBuf;

use crate::error::ServerError;
use crate::faults::Faults;

/// Pushes the server handles at once unless told otherwise; more are answered 429.
pub const DEFAULT_MAX_CONCURRENT_PUSHES: usize = 64;

/// Everything [`crate::Server::bind`] needs.
#[derive(Debug, Clone, PartialEq)]
pub struct ServerConfig {
    /// The server's SQLite file; created when missing. WAL mode, so `-wal` and `-shm` files appear
    /// beside it.
    pub db_path: PathBuf,
    /// Seed the fictional demo store `DEMO-PRISHTINA` when the database lacks it.
    pub demo_data: bool,
    /// Admission control: pushes in flight above this number are refused with 429 and `Retry-After`.
    pub max_concurrent_pushes: usize,
    /// Faults injected from the start (off by default); change them later with
    /// [`crate::Server::faults_handle`].
    pub faults: Faults,
    /// How long a device token is valid; `None`: until revoked. Kiosks are enrolled once, so the
    /// reference server does not expire tokens unless asked to.
    pub token_lifetime: Option<chrono::Duration>,
    /// Serve HTTPS with this certificate chain and key instead of plain HTTP.
    pub tls: Option<TlsFiles>,
}

/// A PEM certificate chain (the server's certificate first) and its PEM private key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    pub cert_chain: PathBuf,
    pub private_key: PathBuf,
}

impl ServerConfig {
    /// A server on `db_path` with the defaults: no demo data, 64 concurrent pushes, no faults,
    /// tokens valid until revoked.
    pub fn new(db_path: impl Into<PathBuf>) -> ServerConfig {
        ServerConfig {
            db_path: db_path.into(),
            demo_data: false,
            max_concurrent_pushes: DEFAULT_MAX_CONCURRENT_PUSHES,
            faults: Faults::default(),
            token_lifetime: None,
            tls: None,
        }
    }

    /// The same with the demo store seeded.
    pub fn demo(db_path: impl Into<PathBuf>) -> ServerConfig {
        ServerConfig {
            demo_data: true,
            ..ServerConfig::new(db_path)
        }
    }

    pub fn validate(&self) -> Result<(), ServerError> {
        if self.max_concurrent_pushes == 0 {
            return Err(ServerError::Config(
                "max_concurrent_pushes must be at least 1".into(),
            ));
        }
        if let Some(lifetime) = self.token_lifetime {
            if lifetime <= chrono::Duration::zero() {
                return Err(ServerError::Config(
                    "token_lifetime must be positive".into(),
                ));
            }
        }
        self.faults.validate()
    }
}

//! The reference implementation of IPKO's central privacy API (DESIGN.md §3 and §6): an axum server
//! with its own SQLite database, used for the desktop app's demo mode, for development and tests,
//! and as the contract's executable specification.
//!
//! - [`Server::bind`] + [`Server::run_until`] run it on the caller's tokio runtime;
//!   [`spawn_background`] runs it on a thread and runtime of its own (tests, the desktop app's demo
//!   mode) and stops it on [`BackgroundServer::shutdown`] or drop.
//! - [`FaultsHandle`] changes the injected faults of a running server (see [`Faults`]; health,
//!   `/v1/openapi.json` and `/metrics` are never faulted).
//! - [`admin`] works on a server's database file directly: one-time enrolment secrets, revoking a
//!   device, listing the demo customers.
//!
//! The push semantics (dedup, sequence, per-item outcomes) are described in the `push` module.
//!
//! Embedding it:
//!
//! ```no_run
//! use central_api::{spawn_background, ServerConfig};
//!
//! # fn main() -> Result<(), central_api::ServerError> {
//! let server = spawn_background(
//!     ServerConfig::demo("/tmp/central-api.sqlite3"),
//!     "127.0.0.1:0".parse().map_err(|_| central_api::ServerError::Config("addr".into()))?,
//! )?;
//! println!("{}", server.url());
//! server.shutdown()?;
//! # Ok(())
//! # }
//! ```

pub mod admin;
mod admission;
mod auth;
mod config;
mod db;
pub mod demo;
mod error;
mod extract;
mod faults;
mod metrics;
mod push;
mod routes;
mod serve;
mod state;

pub use config::{ServerConfig, TlsFiles, DEFAULT_MAX_CONCURRENT_PUSHES};
pub use error::ServerError;
pub use faults::{Faults, FaultsHandle};
pub use serve::{spawn_background, BackgroundServer, Server};

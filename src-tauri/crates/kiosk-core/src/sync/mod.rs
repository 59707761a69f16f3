//! Sync: getting every queued change to the central API exactly once, through outages, crashes and
//! crowds of kiosks coming back at once.
//!
//! - [`sync_once`] pushes one batch (the oldest pending changes in `seq` order, within
//!   [`SyncConfig::max_batch_items`] and [`SyncConfig::max_batch_bytes`]) and records the per-item
//!   answer through the store: `applied`/`duplicate` rows are acknowledged and scrubbed,
//!   `rejected`/`conflict` rows go to the review list. [`drain`] repeats it until nothing is pending.
//! - Exactly once: a change keeps its `seq` and `mutation_id` until the server settles it, and the
//!   server dedups on `(device, mutation_id)` forever. A push whose answer is lost (timeout, reset,
//!   a crash of the kiosk) leaves its rows pending; they go out again with the same ids and come
//!   back `duplicate`, never applied twice.
//! - [`spawn`] runs the worker (see [`worker`]): triggers, backoff ([`backoff`]), connectivity
//!   ([`SyncStatus`]).
//! - [`classify`] decides what a failure means: offline (no answer, 5xx, timeouts), throttled (429),
//!   refused (other 4xx), local.

pub mod backoff;
pub mod classify;
pub(crate) mod push;
pub mod status;
pub mod worker;

use std::time::Duration;

pub use crate::central::fetch_consent_notice;
pub use classify::{FailureKind, SyncFailure};
pub use push::{
    drain, probe_health, sync_once, with_store, ItemResult, RoundResult, SharedStore,
    MAX_ANSWER_BYTES,
};
pub use status::{Connectivity, SyncStatus};
pub use worker::{spawn, SyncHandle};

/// How the worker behaves. [`SyncConfig::default`] is for a store's counter; tests shrink the times.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncConfig {
    /// Changes per push, at most `protocol::mutation::MAX_BATCH_ITEMS`.
    pub max_batch_items: usize,
    /// Push body size to stay under (a single larger change still goes alone).
    pub max_batch_bytes: usize,
    /// Waiting for a TCP (and TLS) connection.
    pub connect_timeout: Duration,
    /// A whole request, answer included.
    pub request_timeout: Duration,
    /// The first backoff ceiling; it doubles per failure in a row…
    pub backoff_base: Duration,
    /// …up to this.
    pub backoff_cap: Duration,
    /// The timer: how often an idle worker looks (health probe, pending changes).
    pub poll_interval: Duration,
    /// The random delay before the first push after connectivity returns is between 0 and this.
    pub reconnect_delay_max: Duration,
    /// Which TLS certificates are trusted for the central API (a pinned CA or the public roots).
    pub trust: crate::trust::CentralTrust,
}

impl Default for SyncConfig {
    fn default() -> Self {
        SyncConfig {
            max_batch_items: 200,
            max_batch_bytes: 2 * 1024 * 1024,
            connect_timeout: crate::enrol::CONNECT_TIMEOUT,
            request_timeout: crate::enrol::REQUEST_TIMEOUT,
            backoff_base: Duration::from_secs(2),
            backoff_cap: Duration::from_secs(5 * 60),
            poll_interval: Duration::from_secs(60),
            reconnect_delay_max: Duration::from_secs(30),
            trust: crate::trust::CentralTrust::public_roots(),
        }
    }
}

impl SyncConfig {
    /// Short times for tests and demos: 100 ms backoff base, 2 s cap, 1 s timer, 200 ms reconnect
    /// spread, 5 s request timeout.
    pub fn fast() -> SyncConfig {
        SyncConfig {
            connect_timeout: Duration::from_secs(2),
            request_timeout: Duration::from_secs(5),
            backoff_base: Duration::from_millis(100),
            backoff_cap: Duration::from_secs(2),
            poll_interval: Duration::from_secs(1),
            reconnect_delay_max: Duration::from_millis(200),
            ..SyncConfig::default()
        }
    }
}

/// The HTTP client for the central API: rustls with the configured trust (a pinned CA or the
/// public roots), the configured timeouts, the kiosk's user agent, and a small idle pool (one
/// central API).
pub fn http_client(config: &SyncConfig) -> crate::Result<reqwest::Client> {
    config
        .trust
        .apply(reqwest::Client::builder())
        .connect_timeout(config.connect_timeout)
        .timeout(config.request_timeout)
        .use_rustls_tls()
        .pool_max_idle_per_host(2)
        .user_agent(concat!("ipko-kiosk/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| crate::Error::CentralUnreachable {
            url: String::new(),
            reason: format!("the HTTP client cannot start: {e}"),
        })
}

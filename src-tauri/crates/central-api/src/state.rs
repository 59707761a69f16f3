//! What every handler shares.

use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::db::Db;
use crate::faults::FaultsHandle;
use crate::metrics::Metrics;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub metrics: Arc<Metrics>,
    pub faults: FaultsHandle,
    /// One permit per push that may be in flight.
    pub push_slots: Arc<Semaphore>,
    pub token_lifetime: Option<chrono::Duration>,
}

//! What the UI's status bar and `kioskctl` show about sync: online, or offline since when and why,
//! and the queue. Serialised as JSON for the UI; field names are a contract (add, never rename).

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::store::QueueStatus;

use super::classify::SyncFailure;

/// Whether the central API can be reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Connectivity {
    /// Not tried yet since the worker started.
    Unknown,
    /// The last contact worked.
    Online { since: DateTime<Utc> },
    /// No usable answer since `since` (a server that answers with failures counts as offline).
    Offline {
        since: DateTime<Utc>,
        /// The latest reason, for support; never personal data.
        reason: String,
    },
}

impl Connectivity {
    pub fn is_online(&self) -> bool {
        matches!(self, Connectivity::Online { .. })
    }

    /// "Online", "Offline since 14:03 (…)": the status bar's words, in the stores' time zone.
    pub fn describe(&self) -> String {
        match self {
            Connectivity::Unknown => "Not connected yet".to_owned(),
            Connectivity::Online { .. } => "Online".to_owned(),
            Connectivity::Offline { since, reason } => format!(
                "Offline since {} ({reason})",
                since
                    .with_timezone(&crate::time::DISPLAY_TZ)
                    .format("%H:%M")
            ),
        }
    }
}

/// The sync worker's state, published on a `watch` channel after every step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SyncStatus {
    pub connectivity: Connectivity,
    /// The queue as of the last step (`None` until first read).
    pub queue: Option<QueueStatus>,
    /// A push is in progress.
    pub pushing: bool,
    /// Failures in a row; 0 after a success.
    pub consecutive_failures: u32,
    /// The latest failure, kept until a success.
    pub last_failure: Option<SyncFailure>,
    pub last_success_at: Option<DateTime<Utc>>,
    /// When the worker tries next (it also wakes on a new change while online).
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// Changes sent and settled since the worker started.
    pub settled_since_start: u64,
}

impl Default for SyncStatus {
    fn default() -> Self {
        SyncStatus {
            connectivity: Connectivity::Unknown,
            queue: None,
            pushing: false,
            consecutive_failures: 0,
            last_failure: None,
            last_success_at: None,
            next_attempt_at: None,
            settled_since_start: 0,
        }
    }
}

impl SyncStatus {
    /// Records a failure: offline failures move to (or keep) offline, keeping the first time.
    pub(crate) fn failed(&mut self, failure: &SyncFailure, now: DateTime<Utc>) {
        self.consecutive_failures = self.consecutive_failures.saturating_add(1);
        if failure.is_offline() {
            let since = match &self.connectivity {
                Connectivity::Offline { since, .. } => *since,
                _ => now,
            };
            self.connectivity = Connectivity::Offline {
                since,
                reason: failure.to_string(),
            };
        }
        self.last_failure = Some(failure.clone());
    }

    /// Records a working contact: online, keeping the time it came online.
    pub(crate) fn succeeded(&mut self, now: DateTime<Utc>) {
        if !self.connectivity.is_online() {
            self.connectivity = Connectivity::Online { since: now };
        }
        self.consecutive_failures = 0;
        self.last_failure = None;
        self.last_success_at = Some(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offline_keeps_its_first_time_and_online_reads_as_json() {
        let t0 = crate::time::now();
        let t1 = t0 + chrono::Duration::minutes(5);
        let mut s = SyncStatus::default();
        let down = SyncFailure::offline("unreachable", "no connection");
        s.failed(&down, t0);
        s.failed(&down, t1);
        assert_eq!(s.consecutive_failures, 2);
        assert!(matches!(s.connectivity, Connectivity::Offline { since, .. } if since == t0));
        assert!(s.connectivity.describe().starts_with("Offline since "));
        let json = serde_json::to_value(&s).unwrap_or_default();
        assert_eq!(json["connectivity"]["state"], "offline");
        assert_eq!(json["last_failure"]["code"], "unreachable");

        // A refusal (4xx) is a problem, but the server is reachable: no change of connectivity.
        s.succeeded(t1);
        let refused = SyncFailure::http(401, "unauthorized".into(), "token revoked".into(), None);
        s.failed(&refused, t1);
        assert!(s.connectivity.is_online());
        s.succeeded(t1);
        assert_eq!(s.consecutive_failures, 0);
        assert_eq!(
            serde_json::to_value(&s).unwrap_or_default()["connectivity"],
            serde_json::json!({"state": "online", "since": t1})
        );
    }
}

//! What a failed push means for the worker: is the central API out of reach (offline), busy
//! (throttled), refusing this kiosk (needs a person), or is the kiosk's own store failing?

use std::time::Duration;

use serde::Serialize;

/// The worker's view of a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureKind {
    /// No answer (connection refused or reset, timeout, answer cut off) or an answer that is a
    /// server failure (5xx, 408, an unreadable body): the central API counts as offline.
    Offline,
    /// 429: the central API is up but busy (admission control); wait as told.
    Throttled,
    /// Any other 4xx: the central API refuses this kiosk's push as a whole (revoked token, sequence
    /// gap, …). Retrying helps only after a person acts, so the worker retries slowly.
    Refused,
    /// The kiosk's own database or setup failed (not enrolled, store unreadable).
    Local,
}

/// A push or probe that did not work, with what the worker and the UI need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncFailure {
    pub kind: FailureKind,
    /// The HTTP status, when the server answered.
    pub status: Option<u16>,
    /// The server's error code (`unavailable`, `seq_gap`, …), or one of ours (`unreachable`,
    /// `timeout`, `invalid_response`, `store`, `not_enrolled`).
    pub code: String,
    /// For people: never personal data.
    pub message: String,
    #[serde(skip)]
    pub retry_after: Option<Duration>,
}

impl std::fmt::Display for SyncFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.status {
            Some(status) => write!(f, "HTTP {status} {}: {}", self.code, self.message),
            None => write!(f, "{}: {}", self.code, self.message),
        }
    }
}

/// The kind of failure an HTTP status other than 2xx is.
pub fn classify_status(status: u16) -> FailureKind {
    match status {
        429 => FailureKind::Throttled,
        408 | 500..=599 => FailureKind::Offline,
        _ => FailureKind::Refused,
    }
}

impl SyncFailure {
    pub fn offline(code: &str, message: impl Into<String>) -> SyncFailure {
        SyncFailure {
            kind: FailureKind::Offline,
            status: None,
            code: code.to_owned(),
            message: message.into(),
            retry_after: None,
        }
    }

    pub fn local(code: &str, message: impl Into<String>) -> SyncFailure {
        SyncFailure {
            kind: FailureKind::Local,
            status: None,
            code: code.to_owned(),
            message: message.into(),
            retry_after: None,
        }
    }

    /// An answer with a non-success status.
    pub fn http(
        status: u16,
        code: String,
        message: String,
        retry_after: Option<Duration>,
    ) -> SyncFailure {
        SyncFailure {
            kind: classify_status(status),
            status: Some(status),
            code,
            message,
            retry_after,
        }
    }

    /// A transport failure: nothing usable came back.
    pub fn transport(e: &reqwest::Error) -> SyncFailure {
        let (code, message) = if e.is_timeout() {
            (
                "timeout",
                "the central API did not answer in time".to_owned(),
            )
        } else if e.is_connect() {
            (
                "unreachable",
                "no connection to the central API could be made".to_owned(),
            )
        } else if e.is_body() || e.is_decode() {
            (
                "answer_lost",
                "the central API's answer was cut off".to_owned(),
            )
        } else {
            (
                "unreachable",
                format!("the request to the central API failed: {}", root_cause(e)),
            )
        };
        SyncFailure::offline(code, message)
    }

    /// The central API must be treated as out of reach for now.
    pub fn is_offline(&self) -> bool {
        self.kind == FailureKind::Offline
    }
}

impl From<crate::Error> for SyncFailure {
    fn from(e: crate::Error) -> SyncFailure {
        let code = match e {
            crate::Error::NotEnrolled => "not_enrolled",
            _ => "store",
        };
        SyncFailure::local(code, e.to_string())
    }
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        cause = s.to_string();
        source = s.source();
    }
    cause
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_classified_as_the_worker_needs() {
        assert_eq!(classify_status(429), FailureKind::Throttled);
        for s in [500, 502, 503, 504, 408] {
            assert_eq!(classify_status(s), FailureKind::Offline, "{s}");
        }
        for s in [400, 401, 403, 404, 409, 413, 422] {
            assert_eq!(classify_status(s), FailureKind::Refused, "{s}");
        }
    }

    #[test]
    fn a_failure_reads_without_its_retry_hint() {
        let f = SyncFailure::http(
            503,
            "unavailable".into(),
            "later".into(),
            Some(Duration::from_secs(1)),
        );
        assert!(f.is_offline());
        assert_eq!(f.to_string(), "HTTP 503 unavailable: later");
        let json = serde_json::to_value(&f).unwrap_or_default();
        assert_eq!(json["kind"], "offline");
        assert!(json.get("retry_after").is_none());
        let local = SyncFailure::from(crate::Error::NotEnrolled);
        assert_eq!(local.kind, FailureKind::Local);
        assert_eq!(local.code, "not_enrolled");
    }
}

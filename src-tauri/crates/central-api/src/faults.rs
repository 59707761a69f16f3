//! Fault injection, for testing how kiosks cope with a central API that fails. Off by default.
//!
//! Every endpoint of the contract can be faulted except `GET /v1/health`, `GET /v1/openapi.json`
//! and `GET /metrics`: a test harness must be able to tell that the server is up, read its contract
//! and read its counters while the server misbehaves, and unknown paths (404/405) are never faulted.
//!
//! For each request, in this order: with `reset_rate` the connection is closed without an answer
//! (an RST); with `error_rate` the answer is an error (alternately 503 `unavailable` with
//! `Retry-After: 1` and 500 `internal`); `latency_ms` is added; the request is handled; then with
//! `drop_response_rate` the connection is closed instead of answering, after the handler has
//! committed its work. That last one is what makes retries dangerous: the kiosk cannot tell a lost
//! answer from a lost request.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use protocol::codes;
use rand::Rng;
use tokio::sync::Notify;

use crate::error::{HttpError, ServerError};
use crate::state::AppState;

/// The faults to inject. Rates are probabilities per request, from 0.0 (never) to 1.0 (always).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Faults {
    /// Answer 503 `unavailable` (with `Retry-After: 1`) or 500 `internal` without handling.
    pub error_rate: f64,
    /// Added before handling each request.
    pub latency_ms: u64,
    /// Close the connection without an answer, before handling.
    pub reset_rate: f64,
    /// Handle the request (a push is applied and committed), then close the connection without an
    /// answer.
    pub drop_response_rate: f64,
}

impl Faults {
    /// No faults.
    pub fn none() -> Faults {
        Faults::default()
    }

    pub fn is_none(&self) -> bool {
        *self == Faults::none()
    }

    pub fn validate(&self) -> Result<(), ServerError> {
        for (name, rate) in [
            ("error rate", self.error_rate),
            ("reset rate", self.reset_rate),
            ("drop-response rate", self.drop_response_rate),
        ] {
            if !(0.0..=1.0).contains(&rate) {
                return Err(ServerError::Config(format!(
                    "the fault {name} must be between 0 and 1, not {rate}"
                )));
            }
        }
        Ok(())
    }
}

/// Changes a running server's faults; clones share the settings.
#[derive(Debug, Clone, Default)]
pub struct FaultsHandle {
    inner: Arc<Mutex<Faults>>,
}

impl FaultsHandle {
    pub fn new(faults: Faults) -> FaultsHandle {
        FaultsHandle {
            inner: Arc::new(Mutex::new(faults)),
        }
    }

    /// Replaces the faults; takes effect for the next request. Invalid rates are refused.
    pub fn set(&self, faults: Faults) -> Result<(), ServerError> {
        faults.validate()?;
        *self.inner.lock().unwrap_or_else(PoisonError::into_inner) = faults;
        Ok(())
    }

    /// Turns every fault off.
    pub fn clear(&self) {
        *self.inner.lock().unwrap_or_else(PoisonError::into_inner) = Faults::none();
    }

    pub fn get(&self) -> Faults {
        *self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Put into every request's extensions by the accept loop: firing it makes the connection's task
/// drop the socket (with an RST) without answering.
#[derive(Debug, Clone, Default)]
pub struct ConnectionKill {
    notify: Arc<Notify>,
}

impl ConnectionKill {
    pub fn fire(&self) {
        // `notify_one` keeps a permit when nobody waits yet, so the kill is never lost.
        self.notify.notify_one();
    }

    pub async fn fired(&self) {
        self.notify.notified().await
    }
}

/// Counts the faults injected, for `/metrics`.
#[derive(Debug, Default)]
pub struct FaultCounters {
    pub errors: AtomicU64,
    pub resets: AtomicU64,
    pub dropped_responses: AtomicU64,
    pub delayed: AtomicU64,
}

fn roll(rate: f64) -> bool {
    rate > 0.0 && (rate >= 1.0 || rand::thread_rng().gen_bool(rate))
}

/// Closes the connection without an answer. The returned future never completes once the kill was
/// fired: the connection task drops this request with its connection. Should the request not have
/// come through our accept loop (no kill in its extensions), a 500 stands in.
async fn kill_connection(req_kill: Option<ConnectionKill>) -> Response {
    match req_kill {
        Some(kill) => {
            kill.fire();
            std::future::pending::<Response>().await
        }
        None => HttpError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            codes::INTERNAL,
            "Injected fault: connection reset.",
        )
        .into_response(),
    }
}

/// The middleware that injects the faults (see the module documentation).
pub async fn inject(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let faults = state.faults.get();
    if faults.is_none() {
        return next.run(req).await;
    }
    let kill = req.extensions().get::<ConnectionKill>().cloned();
    let counters = &state.metrics.faults;

    if roll(faults.reset_rate) {
        counters.resets.fetch_add(1, Ordering::Relaxed);
        tracing::info!("fault: resetting the connection before handling");
        return kill_connection(kill).await;
    }
    if roll(faults.error_rate) {
        let n = counters.errors.fetch_add(1, Ordering::Relaxed);
        tracing::info!("fault: answering an error without handling");
        // Alternating exercises both "come back later" and "the server broke" in the client.
        return if n % 2 == 0 {
            HttpError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                codes::UNAVAILABLE,
                "Injected fault: the central API is unavailable; try again in a second.",
            )
            .with_retry_after(1)
            .into_response()
        } else {
            HttpError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                codes::INTERNAL,
                "Injected fault: the central API failed; nothing was changed.",
            )
            .into_response()
        };
    }
    if faults.latency_ms > 0 {
        counters.delayed.fetch_add(1, Ordering::Relaxed);
        tokio::time::sleep(Duration::from_millis(faults.latency_ms)).await;
    }

    let response = next.run(req).await;

    // Read again: a test may have changed the faults while the request was handled.
    if roll(state.faults.get().drop_response_rate) {
        counters.dropped_responses.fetch_add(1, Ordering::Relaxed);
        tracing::info!(
            status = response.status().as_u16(),
            "fault: dropping the answer after handling"
        );
        return kill_connection(kill).await;
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_outside_zero_to_one_are_refused() {
        let bad = Faults {
            error_rate: 1.5,
            ..Faults::none()
        };
        assert!(bad.validate().is_err());
        let nan = Faults {
            reset_rate: f64::NAN,
            ..Faults::none()
        };
        assert!(nan.validate().is_err());
        let handle = FaultsHandle::default();
        assert!(handle.set(bad).is_err());
        assert!(handle.get().is_none());
        let good = Faults {
            drop_response_rate: 1.0,
            latency_ms: 5,
            ..Faults::none()
        };
        assert!(handle.set(good).is_ok());
        assert_eq!(handle.get(), good);
        handle.clear();
        assert!(handle.get().is_none());
    }

    #[test]
    fn certain_and_impossible_rolls_do_not_depend_on_chance() {
        for _ in 0..100 {
            assert!(roll(1.0));
            assert!(!roll(0.0));
        }
    }
}

//! The sync worker: a tokio task that keeps the outbox flowing to the central API.
//!
//! It wakes on a new change ([`SyncHandle::nudge`]), on its timer, and when a backoff ends. While
//! the central API is unreachable it only probes `GET /v1/health` (cheap, never faulted); when the
//! probe works again it waits a random [`SyncConfig::reconnect_delay_max`] before its first push,
//! so that a city's kiosks do not return in lockstep. Every step publishes a [`SyncStatus`].

use std::time::Duration;

use rand::rngs::StdRng;
use rand::SeedableRng;
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;
use tokio::time::Instant;

use crate::time;

use super::backoff::{reconnect_delay, retry_delay};
use super::classify::{FailureKind, SyncFailure};
use super::push::{drain, probe_health, with_store, SharedStore};
use super::status::SyncStatus;
use super::{http_client, SyncConfig};

/// The running worker. Dropping the handle does not stop it; call [`SyncHandle::shutdown`].
pub struct SyncHandle {
    status: watch::Receiver<SyncStatus>,
    nudge: std::sync::Arc<Notify>,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl SyncHandle {
    /// A change was queued: push soon (at once while online; offline, the backoff still rules).
    pub fn nudge(&self) {
        self.nudge.notify_one();
    }

    /// The latest status.
    pub fn status(&self) -> SyncStatus {
        self.status.borrow().clone()
    }

    /// A receiver that sees every new status (for the UI's status bar).
    pub fn subscribe(&self) -> watch::Receiver<SyncStatus> {
        self.status.clone()
    }

    /// Stops the worker after its current step (a push in flight finishes or times out).
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }
}

/// Starts the worker on the current tokio runtime.
pub fn spawn(store: SharedStore, config: SyncConfig) -> crate::Result<SyncHandle> {
    let client = http_client(&config)?;
    let (status_tx, status_rx) = watch::channel(SyncStatus::default());
    let nudge = std::sync::Arc::new(Notify::new());
    let (stop_tx, stop_rx) = watch::channel(false);
    let worker = Worker {
        store,
        client,
        config,
        status: status_tx,
        nudge: nudge.clone(),
        stop: stop_rx,
        rng: StdRng::from_entropy(),
    };
    let task = tokio::spawn(worker.run());
    Ok(SyncHandle {
        status: status_rx,
        nudge,
        stop: stop_tx,
        task,
    })
}

struct Worker {
    store: SharedStore,
    client: reqwest::Client,
    config: SyncConfig,
    status: watch::Sender<SyncStatus>,
    nudge: std::sync::Arc<Notify>,
    stop: watch::Receiver<bool>,
    rng: StdRng,
}

enum Wake {
    Stop,
    Due,
}

impl Worker {
    async fn run(mut self) {
        let mut wake_at = Instant::now();
        // While backing off, a new change does not cut the wait short.
        let mut nudge_ok = false;
        loop {
            match self.wait(wake_at, nudge_ok).await {
                Wake::Stop => break,
                Wake::Due => {}
            }
            let outcome = self.step().await;
            let now = time::now();
            let delay = match outcome {
                Ok(()) => {
                    nudge_ok = true;
                    self.config.poll_interval
                }
                Err(failure) => {
                    nudge_ok = false;
                    let failures = self.status.borrow().consecutive_failures;
                    let delay = retry_delay(
                        failures,
                        failure.retry_after,
                        self.config.backoff_base,
                        self.config.backoff_cap,
                        &mut self.rng,
                    );
                    tracing::info!(
                        kind = ?failure.kind,
                        code = %failure.code,
                        failures,
                        delay_ms = delay.as_millis() as u64,
                        "sync failed; backing off"
                    );
                    delay
                }
            };
            wake_at = Instant::now() + delay;
            let next = now + chrono::Duration::from_std(delay).unwrap_or_default();
            self.status.send_modify(|s| s.next_attempt_at = Some(next));
        }
        tracing::debug!("sync worker stopped");
    }

    async fn wait(&mut self, until: Instant, nudge_ok: bool) -> Wake {
        if *self.stop.borrow() {
            return Wake::Stop;
        }
        tokio::select! {
            _ = self.stop.changed() => Wake::Stop,
            _ = tokio::time::sleep_until(until) => Wake::Due,
            _ = self.nudge.notified(), if nudge_ok => Wake::Due,
        }
    }

    /// Sleeps, unless told to stop. Returns false when stopping.
    async fn pause(&mut self, delay: Duration) -> bool {
        if delay.is_zero() {
            return !*self.stop.borrow();
        }
        tokio::select! {
            _ = self.stop.changed() => false,
            _ = tokio::time::sleep(delay) => !*self.stop.borrow(),
        }
    }

    async fn refresh_queue(&mut self) {
        match with_store(&self.store, |s| s.queue_status()).await {
            Ok(q) => self.status.send_modify(|s| s.queue = Some(q)),
            Err(e) => tracing::warn!(error = %e, "cannot read the queue status"),
        }
    }

    fn record(&mut self, outcome: &Result<(), SyncFailure>) {
        let now = time::now();
        self.status.send_modify(|s| {
            s.pushing = false;
            match outcome {
                Ok(()) => s.succeeded(now),
                Err(f) => s.failed(f, now),
            }
        });
    }

    /// One wake-up: probe if not known online, wait the reconnect delay after an outage, then
    /// push until the queue is empty.
    async fn step(&mut self) -> Result<(), SyncFailure> {
        self.refresh_queue().await;
        let central_url = match with_store(&self.store, |s| s.enrolment()).await {
            Ok(Some(e)) => e.central_url,
            Ok(None) => {
                let outcome = Err(SyncFailure::from(crate::Error::NotEnrolled));
                self.record(&outcome);
                return outcome;
            }
            Err(e) => {
                let outcome = Err(e);
                self.record(&outcome);
                return outcome;
            }
        };
        let pending = self.status.borrow().queue.as_ref().map_or(0, |q| q.pending);
        let online = self.status.borrow().connectivity.is_online();
        if !online || pending == 0 {
            let probe = probe_health(&self.client, &central_url).await;
            // At start, reachable counts as online at once: the status bar must not say "not
            // connected yet" through the random delay below. After failures it does not: a
            // server whose health check answers while its pushes fail stays offline until a push
            // gets through.
            let first_contact = matches!(
                self.status.borrow().connectivity,
                super::Connectivity::Unknown
            );
            if probe.is_err() || pending == 0 || first_contact {
                self.record(&probe);
            }
            if probe.is_err() || pending == 0 {
                return probe;
            }
            // Back after an outage (or just started): spread the crowd out.
            let delay = reconnect_delay(self.config.reconnect_delay_max, &mut self.rng);
            tracing::info!(
                delay_ms = delay.as_millis() as u64,
                "central API reachable; pushing after a random delay"
            );
            if !self.pause(delay).await {
                return Ok(());
            }
        }
        self.status.send_modify(|s| s.pushing = true);
        let status = self.status.clone();
        let outcome = drain(&self.store, &self.client, &self.config, |round| {
            let settled = round.settlement.acknowledged
                + round.settlement.rejected
                + round.settlement.conflict;
            status.send_modify(|s| {
                s.settled_since_start += settled;
                // A round that got an answer is a working contact.
                s.succeeded(time::now());
            });
        })
        .await
        .map(|_| ());
        self.record(&outcome);
        self.refresh_queue().await;
        if let Err(f) = &outcome {
            if f.kind == FailureKind::Refused {
                tracing::warn!(code = %f.code, "the central API refuses this kiosk's pushes");
            }
        }
        outcome
    }
}

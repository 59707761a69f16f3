//! Counters of the server in the Prometheus text format (`GET /metrics`). The five mutation and
//! throttling counters are part of the contract (DESIGN.md §6); the rest helps when testing.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::faults::FaultCounters;

#[derive(Debug, Default)]
pub struct Metrics {
    pub mutations_applied: AtomicU64,
    pub mutations_duplicate: AtomicU64,
    pub mutations_rejected: AtomicU64,
    pub mutations_conflict: AtomicU64,
    pub push_throttled: AtomicU64,
    /// Pushes answered 200, and pushes refused as a whole (seq gap, bad body …).
    pub pushes_ok: AtomicU64,
    pub pushes_refused: AtomicU64,
    pub push_in_flight: AtomicU64,
    pub push_in_flight_peak: AtomicU64,
    pub enrolments: AtomicU64,
    pub enrolments_refused: AtomicU64,
    pub faults: FaultCounters,
}

/// The outcomes of one committed batch, added to the counters only after the commit.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct BatchCounts {
    pub applied: u64,
    pub duplicate: u64,
    pub rejected: u64,
    pub conflict: u64,
}

impl Metrics {
    pub fn record_batch(&self, counts: BatchCounts) {
        self.mutations_applied
            .fetch_add(counts.applied, Ordering::Relaxed);
        self.mutations_duplicate
            .fetch_add(counts.duplicate, Ordering::Relaxed);
        self.mutations_rejected
            .fetch_add(counts.rejected, Ordering::Relaxed);
        self.mutations_conflict
            .fetch_add(counts.conflict, Ordering::Relaxed);
        self.pushes_ok.fetch_add(1, Ordering::Relaxed);
    }

    /// Marks a push as started; the guard marks it finished when dropped.
    pub fn push_started(&self) -> InFlightGuard<'_> {
        let now = self.push_in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.push_in_flight_peak.fetch_max(now, Ordering::SeqCst);
        InFlightGuard { metrics: self }
    }

    pub fn render(&self) -> String {
        let load = |c: &AtomicU64| c.load(Ordering::Relaxed);
        let mut out = String::new();
        let mut metric = |name: &str, kind: &str, help: &str, value: u64| {
            // Writing to a String cannot fail.
            let _ = writeln!(out, "# HELP {name} {help}");
            let _ = writeln!(out, "# TYPE {name} {kind}");
            let _ = writeln!(out, "{name} {value}");
        };
        metric(
            "central_api_mutations_applied_total",
            "counter",
            "Pushed changes applied.",
            load(&self.mutations_applied),
        );
        metric(
            "central_api_mutations_duplicate_total",
            "counter",
            "Pushed changes already seen (same device and mutation id), not applied again.",
            load(&self.mutations_duplicate),
        );
        metric(
            "central_api_mutations_rejected_total",
            "counter",
            "Pushed changes rejected; they advance the sequence and go to the review list.",
            load(&self.mutations_rejected),
        );
        metric(
            "central_api_mutations_conflict_total",
            "counter",
            "Pushed corrections based on a stale record version.",
            load(&self.mutations_conflict),
        );
        metric(
            "central_api_push_throttled_total",
            "counter",
            "Pushes refused with 429 because too many were in flight.",
            load(&self.push_throttled),
        );
        metric(
            "central_api_pushes_ok_total",
            "counter",
            "Pushes answered with per-item results.",
            load(&self.pushes_ok),
        );
        metric(
            "central_api_pushes_refused_total",
            "counter",
            "Pushes refused as a whole (sequence gap, bad body, wrong device …); nothing changed.",
            load(&self.pushes_refused),
        );
        metric(
            "central_api_push_in_flight",
            "gauge",
            "Pushes being handled now.",
            load(&self.push_in_flight),
        );
        metric(
            "central_api_push_in_flight_peak",
            "gauge",
            "The most pushes handled at once since the server started.",
            load(&self.push_in_flight_peak),
        );
        metric(
            "central_api_enrolments_total",
            "counter",
            "Devices enrolled.",
            load(&self.enrolments),
        );
        metric(
            "central_api_enrolments_refused_total",
            "counter",
            "Enrolments refused (unknown store or wrong secret).",
            load(&self.enrolments_refused),
        );
        metric(
            "central_api_fault_errors_total",
            "counter",
            "Injected error answers.",
            load(&self.faults.errors),
        );
        metric(
            "central_api_fault_resets_total",
            "counter",
            "Injected connection resets before handling.",
            load(&self.faults.resets),
        );
        metric(
            "central_api_fault_dropped_responses_total",
            "counter",
            "Injected answers dropped after handling.",
            load(&self.faults.dropped_responses),
        );
        metric(
            "central_api_fault_delayed_total",
            "counter",
            "Requests delayed by injected latency.",
            load(&self.faults.delayed),
        );
        out
    }
}

pub struct InFlightGuard<'a> {
    metrics: &'a Metrics,
}

impl Drop for InFlightGuard<'_> {
    fn drop(&mut self) {
        self.metrics.push_in_flight.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contract_counters_are_rendered_and_the_peak_is_kept() {
        let m = Metrics::default();
        m.record_batch(BatchCounts {
            applied: 3,
            duplicate: 1,
            rejected: 0,
            conflict: 2,
        });
        {
            let _a = m.push_started();
            let _b = m.push_started();
        }
        let _c = m.push_started();
        let text = m.render();
        for line in [
            "central_api_mutations_applied_total 3",
            "central_api_mutations_duplicate_total 1",
            "central_api_mutations_rejected_total 0",
            "central_api_mutations_conflict_total 2",
            "central_api_push_throttled_total 0",
            "central_api_push_in_flight 1",
            "central_api_push_in_flight_peak 2",
        ] {
            assert!(text.lines().any(|l| l == line), "{line} missing in\n{text}");
        }
    }
}

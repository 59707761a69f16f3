//! Reconnect storm: 200 kiosks, each with 50 changes queued during an outage, come back at once
//! against one reference server with admission control on. All drain, nothing is lost, nothing is
//! applied twice; the time to drain and the peak of concurrent pushes are printed
//! (`cargo test --release -p kiosk-core --test storm -- --ignored --nocapture`; the test command
//! runs it so from `tests/system/storm.sh`: a debug build spends two minutes hashing signatures).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use common::*;
use kiosk_core::sync::{self, SyncConfig};

const KIOSKS: usize = 200;
const CHANGES_EACH: usize = 50;
const MAX_CONCURRENT_PUSHES: usize = 8;

#[test]
#[ignore = "slow in a debug build: tests/system/storm.sh runs it in release"]
fn two_hundred_kiosks_come_back_at_once() {
    // The kiosks' stores on tmpfs when there is one: filling 10,000 captures with synchronous=FULL
    // on a real disk only slows the set-up; what is tested is the return.
    let shm = std::path::Path::new("/dev/shm");
    let tmp = if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    };
    let rt = runtime();
    let server_db = tmp.path().join("central.sqlite3");
    let server = start_server(
        &server_db,
        "127.0.0.1:0".parse().unwrap(),
        MAX_CONCURRENT_PUSHES,
    );
    let addr = server.local_addr();
    let url = server.url();
    let setup = Instant::now();
    let mut kiosks: Vec<Kiosk> = (0..KIOSKS)
        .map(|i| Kiosk::enrol(&rt, &tmp.path().join(format!("kiosk-{i}")), &url, i as u64))
        .collect();
    // The outage: the server goes away, the counters keep working.
    server.shutdown().unwrap();
    for k in &mut kiosks {
        k.capture(CHANGES_EACH);
    }
    let rows_each = 2 * CHANGES_EACH as u64 + 1;
    assert!(kiosks.iter().all(|k| k.pending() == rows_each));
    let config = SyncConfig {
        backoff_base: Duration::from_millis(200),
        backoff_cap: Duration::from_secs(2),
        reconnect_delay_max: Duration::from_secs(2),
        poll_interval: Duration::from_secs(2),
        ..SyncConfig::default()
    };
    let handles: Vec<_> = rt.block_on(async {
        kiosks
            .iter()
            .map(|k| sync::spawn(k.store.clone(), config.clone()).unwrap())
            .collect()
    });
    wait_until(
        "every kiosk to see the outage",
        Duration::from_secs(60),
        || {
            handles.iter().all(|h| {
                !h.status().connectivity.is_online() && h.status().consecutive_failures > 0
            })
        },
    );
    eprintln!(
        "storm: {KIOSKS} kiosks × {CHANGES_EACH} changes ({rows_each} queued rows each) set up in {:.1} s",
        setup.elapsed().as_secs_f64()
    );

    // The server comes back: every kiosk's next health probe finds it.
    let back = Instant::now();
    let server = start_server(&server_db, addr, MAX_CONCURRENT_PUSHES);
    wait_until("every queue to drain", Duration::from_secs(120), || {
        kiosks.iter().all(|k| k.pending() == 0)
    });
    let drained_in = back.elapsed();
    let metrics = metrics(addr);
    let peak = metric_in(&metrics, "central_api_push_in_flight_peak");
    let throttled = metric_in(&metrics, "central_api_push_throttled_total");
    let pushes = metric_in(&metrics, "central_api_pushes_ok_total");
    rt.block_on(async {
        for h in handles {
            h.shutdown().await;
        }
    });
    let refs: Vec<&Kiosk> = kiosks.iter().collect();
    let totals = assert_exactly_once(&server_db, &refs);
    let settled: u64 = totals.values().sum();
    assert_eq!(settled, KIOSKS as u64 * rows_each, "zero lost");
    assert!(
        peak <= MAX_CONCURRENT_PUSHES as u64,
        "admission control held"
    );
    println!(
        "reconnect storm: {KIOSKS} kiosks, {settled} changes drained in {:.2} s after the server returned; \
         peak concurrent pushes {peak} (limit {MAX_CONCURRENT_PUSHES}); {pushes} pushes answered, \
         {throttled} throttled with 429; outcomes {totals:?}; zero lost, zero duplicated",
        drained_in.as_secs_f64()
    );
    drop(server);
}

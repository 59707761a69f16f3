//! Benchmarks of the outbox and sync, printed as figures (not a timed test):
//!
//! - enqueue: a durable capture (change + audit entry + audit copy in one transaction, WAL,
//!   `synchronous=FULL`) against a bare SQLite `INSERT` + `COMMIT` of a row of the same size with
//!   the same settings, in the same folder (the physical floor: one WAL fsync per commit), and the
//!   same bare insert into a SQLCipher database under a raw 256-bit key, as the kiosk's database is
//!   (the cost of encryption at rest);
//! - drain: the same queue pushed to the reference server on loopback in batches and one change
//!   per request.
//!
//! `cargo run --release -p kiosk-core --example sync_bench [-- CAPTURES DRAIN_ROWS]`
//! (defaults 2000 and 10000). Runs in a temporary folder under the current directory, so that
//! the figures are for the disk the kiosk would use (set BENCH_DIR to choose another). Its
//! databases' keys are kept in key files (KIOSK_KEY_STORE=file is set for it).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use central_api::demo::{DEMO_ENROLMENT_SECRET, DEMO_STORE_CODE};
use central_api::{spawn_background, ServerConfig};
use kiosk_core::demo::{self, DemoContext};
use kiosk_core::sync::{self, SyncConfig};
use kiosk_core::Store;
use protocol::Lang;
use rand::rngs::StdRng;
use rand::SeedableRng;

fn main() {
    // Throw-away databases: their keys go to files beside them, not to the user's credential store.
    std::env::set_var(kiosk_core::store::key::KEY_STORE_ENV, "file");
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let captures = args.first().copied().unwrap_or(2000);
    let drain_rows = args.get(1).copied().unwrap_or(10_000);
    let base = std::env::var("BENCH_DIR").unwrap_or_else(|_| ".".into());
    let tmp = tempfile::tempdir_in(base).unwrap();
    println!(
        "sync_bench: build {}, folder {}",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
        tmp.path().display()
    );
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let server = spawn_background(
        ServerConfig::demo(tmp.path().join("central.sqlite3")),
        "127.0.0.1:0".parse().unwrap(),
    )
    .unwrap();
    let url = server.url();
    let notice = {
        // A throwaway enrolment, for the notice the demo changes cite.
        let mut s = Store::open_in(&tmp.path().join("notice")).unwrap();
        rt.block_on(async {
            let e = kiosk_core::enrol::enrol(
                &mut s,
                &url,
                DEMO_STORE_CODE,
                DEMO_ENROLMENT_SECRET,
                "bench",
            )
            .await
            .unwrap();
            let client = sync::http_client(&SyncConfig::default()).unwrap();
            sync::fetch_consent_notice(&client, &e, Lang::Sq)
                .await
                .unwrap()
        })
    };
    let ctx = DemoContext {
        store_code: DEMO_STORE_CODE.into(),
        notice,
    };

    enqueue(tmp.path(), &ctx, captures);
    drain(&rt, tmp.path(), &url, &ctx, drain_rows);
    server.shutdown().unwrap();
}

fn enqueue(dir: &Path, ctx: &DemoContext, n: usize) {
    let mut rng = StdRng::seed_from_u64(42);
    let changes: Vec<_> = (0..n).map(|_| demo::change(ctx, &mut rng)).collect();
    let mean_payload = changes
        .iter()
        .map(|c| serde_json::to_string(&c.payload).unwrap().len())
        .sum::<usize>()
        / n.max(1);

    let mut store = Store::open_in(&dir.join("enqueue")).unwrap();
    let bare_table = |conn: &rusqlite::Connection| {
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .unwrap();
        conn.execute_batch(
            "PRAGMA synchronous = FULL;
             CREATE TABLE t (id INTEGER PRIMARY KEY, mutation_id TEXT NOT NULL UNIQUE, payload TEXT NOT NULL);",
        )
        .unwrap();
    };
    let bare = rusqlite::Connection::open(dir.join("bare.sqlite3")).unwrap();
    bare_table(&bare);
    let cipher = rusqlite::Connection::open(dir.join("cipher.sqlite3")).unwrap();
    kiosk_core::store::DatabaseKey::generate()
        .apply(&cipher)
        .unwrap();
    bare_table(&cipher);
    let insert = |conn: &rusqlite::Connection, text: &str| {
        let tx = conn.unchecked_transaction().unwrap();
        tx.execute(
            "INSERT INTO t (mutation_id, payload) VALUES (?1, ?2)",
            rusqlite::params![uuid::Uuid::now_v7().to_string(), text],
        )
        .unwrap();
        tx.commit().unwrap();
    };
    let texts: Vec<String> = changes
        .iter()
        .map(|c| serde_json::to_string(&c.payload).unwrap())
        .collect();

    // Interleaved blocks, so that both see the same disk weather.
    let (mut capture_time, mut bare_time, mut cipher_time) =
        (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let block = 50;
    let mut i = 0;
    while i < n {
        let end = (i + block).min(n);
        let t = Instant::now();
        for c in &changes[i..end] {
            store.capture(c.clerk_id, &c.payload).unwrap();
        }
        capture_time += t.elapsed();
        let t = Instant::now();
        for text in &texts[i..end] {
            insert(&bare, text);
        }
        bare_time += t.elapsed();
        let t = Instant::now();
        for text in &texts[i..end] {
            insert(&cipher, text);
        }
        cipher_time += t.elapsed();
        i = end;
    }
    let per = |d: Duration| d.as_secs_f64() * 1e6 / n as f64;
    println!(
        "enqueue: {n} changes (mean payload {mean_payload} bytes): durable capture {:.0} µs/change ({:.0}/s), \
         bare SQLite insert+commit {:.0} µs/row ({:.0}/s); ratio {:.2}× (target ≤ 1.5×)",
        per(capture_time),
        n as f64 / capture_time.as_secs_f64(),
        per(bare_time),
        n as f64 / bare_time.as_secs_f64(),
        capture_time.as_secs_f64() / bare_time.as_secs_f64()
    );
    println!(
        "encryption at rest: bare SQLCipher insert+commit {:.0} µs/row against plain SQLite {:.0} µs/row: ratio {:.2}×",
        per(cipher_time),
        per(bare_time),
        cipher_time.as_secs_f64() / bare_time.as_secs_f64()
    );
}

/// Fills one unenrolled store with `rows` queued rows, copies it, enrols each copy as its own
/// device (changes captured before an enrolment are pushed under it) and drains one in batches
/// and the other one change per request.
fn drain(rt: &tokio::runtime::Runtime, dir: &Path, url: &str, ctx: &DemoContext, rows: usize) {
    let template = dir.join("template");
    {
        let mut store = Store::open_in(&template).unwrap();
        let mut rng = StdRng::seed_from_u64(7);
        // Each capture queues two rows (the change and its audit entry's copy); the enrolment
        // adds one.
        while (store.pending_count().unwrap() as usize) + 1 < rows {
            let c = demo::change(ctx, &mut rng);
            store.capture(c.clerk_id, &c.payload).unwrap();
        }
    }
    let mut results = Vec::new();
    for (label, batch) in [
        ("batched (500 per push)", 500usize),
        ("one change per push", 1),
    ] {
        let kiosk = dir.join(format!("drain-{batch}"));
        std::fs::create_dir_all(&kiosk).unwrap();
        std::fs::copy(
            kiosk_core::paths::db_path(&template),
            kiosk_core::paths::db_path(&kiosk),
        )
        .unwrap();
        // The copy opens with the template's key (a key file: the bench keeps none elsewhere).
        let key = kiosk_core::store::key::KEY_FILE_NAME;
        std::fs::copy(template.join(key), kiosk.join(key)).unwrap();
        let mut store = Store::open_in(&kiosk).unwrap();
        rt.block_on(kiosk_core::enrol::enrol(
            &mut store,
            url,
            DEMO_STORE_CODE,
            DEMO_ENROLMENT_SECRET,
            &format!("bench {batch}"),
        ))
        .unwrap();
        let queued = store.pending_count().unwrap();
        let store = Arc::new(Mutex::new(store));
        let config = SyncConfig {
            max_batch_items: batch,
            max_batch_bytes: protocol::mutation::MAX_PUSH_BODY_BYTES / 2,
            ..SyncConfig::default()
        };
        let client = sync::http_client(&config).unwrap();
        let t = Instant::now();
        let rounds = rt
            .block_on(sync::drain(&store, &client, &config, |_| {}))
            .unwrap();
        let took = t.elapsed();
        assert_eq!(store.lock().unwrap().pending_count().unwrap(), 0);
        let rate = queued as f64 / took.as_secs_f64();
        println!(
            "drain {label}: {queued} changes in {rounds} pushes, {:.2} s, {rate:.0} changes/s",
            took.as_secs_f64()
        );
        results.push(rate);
    }
    println!(
        "drain: batched is {:.1}× one-per-request (target ≥ 10×); batched {:.0} changes/s (target ≥ 5000/s in release)",
        results[0] / results[1],
        results[0]
    );
}

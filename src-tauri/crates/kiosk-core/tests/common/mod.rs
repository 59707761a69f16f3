//! A kiosk store enrolled with an embedded reference server, and the checks that the server holds
//! every change exactly once.

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use central_api::demo::{DEMO_ENROLMENT_SECRET, DEMO_STORE_CODE};
use central_api::{spawn_background, BackgroundServer, Faults, ServerConfig};
use kiosk_core::demo::{self, DemoContext};
use kiosk_core::sync::SharedStore;
use kiosk_core::Store;
use protocol::Lang;
use rand::rngs::StdRng;
use rand::SeedableRng;
use rusqlite::Connection;

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

pub fn server_config(db: &Path, max_concurrent_pushes: usize) -> ServerConfig {
    ServerConfig {
        max_concurrent_pushes,
        ..ServerConfig::demo(db)
    }
}

pub fn start_server(db: &Path, addr: SocketAddr, max_concurrent_pushes: usize) -> BackgroundServer {
    // A restarted server may find its port in TIME_WAIT for a moment.
    let mut tries = 0;
    loop {
        match spawn_background(server_config(db, max_concurrent_pushes), addr) {
            Ok(s) => return s,
            Err(e) if tries < 50 => {
                tries += 1;
                eprintln!("server start failed ({e}); retrying");
                std::thread::sleep(Duration::from_millis(100));
            }
            Err(e) => panic!("{e}"),
        }
    }
}

/// One kiosk: its data folder, its store (shared with its worker) and the demo context.
pub struct Kiosk {
    pub dir: PathBuf,
    pub store: SharedStore,
    pub ctx: DemoContext,
    pub rng: StdRng,
}

impl Kiosk {
    /// Opens a store in `dir`, enrols it with the server at `url` and fetches the notice.
    pub fn enrol(rt: &tokio::runtime::Runtime, dir: &Path, url: &str, seed: u64) -> Kiosk {
        let mut store = Store::open_in(dir).unwrap();
        let (enrolment, notice) = rt.block_on(async {
            let enrolment = kiosk_core::enrol::enrol(
                &mut store,
                url,
                DEMO_STORE_CODE,
                DEMO_ENROLMENT_SECRET,
                "Test counter",
            )
            .await
            .unwrap();
            let client = kiosk_core::sync::http_client(&Default::default()).unwrap();
            let notice = kiosk_core::sync::fetch_consent_notice(&client, &enrolment, Lang::Sq)
                .await
                .unwrap();
            (enrolment, notice)
        });
        store.cache_notice(&notice).unwrap();
        Kiosk {
            dir: dir.to_path_buf(),
            store: Arc::new(Mutex::new(store)),
            ctx: DemoContext {
                store_code: enrolment.store_code,
                notice,
            },
            rng: StdRng::seed_from_u64(seed),
        }
    }

    /// Captures `n` demo changes (each also queues its audit entry's copy: 2n rows).
    pub fn capture(&mut self, n: usize) {
        let mut store = self.store.lock().unwrap();
        for _ in 0..n {
            let c = demo::change(&self.ctx, &mut self.rng);
            store.capture(c.clerk_id, &c.payload).unwrap();
        }
    }

    pub fn pending(&self) -> u64 {
        self.store.lock().unwrap().pending_count().unwrap()
    }

    pub fn device_id(&self) -> String {
        self.store
            .lock()
            .unwrap()
            .enrolment()
            .unwrap()
            .unwrap()
            .device_id
            .to_string()
    }

    /// (mutation_id → state) of every row of the current enrolment.
    pub fn local_rows(&self) -> HashMap<String, String> {
        let store = self.store.lock().unwrap();
        let base = store.enrolment().unwrap().unwrap().seq_base;
        drop(store);
        let conn =
            kiosk_core::Store::raw_connection(&kiosk_core::paths::db_path(&self.dir)).unwrap();
        let mut stmt = conn
            .prepare("SELECT mutation_id, state FROM outbox WHERE seq > ?1")
            .unwrap();
        stmt.query_map([base], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }
}

pub fn wait_until(what: &str, timeout: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < timeout,
            "timed out after {timeout:?} waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(25));
    }
}

/// `GET /metrics` of a server, as text (plain HTTP/1.0 over a socket: the test needs no client).
pub fn metrics(addr: SocketAddr) -> String {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.write_all(b"GET /metrics HTTP/1.0\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    text
}

pub fn metric(addr: SocketAddr, name: &str) -> u64 {
    metric_in(&metrics(addr), name)
}

pub fn metric_in(text: &str, name: &str) -> u64 {
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.trim().parse().ok())
        .unwrap_or_else(|| panic!("no metric {name} in\n{text}"))
}

/// What the server holds for a device, checked against the kiosk: every change once, the same
/// outcome on both sides, every effect once, and nothing pending. Returns the server's counts per
/// outcome.
pub fn assert_exactly_once(server_db: &Path, kiosks: &[&Kiosk]) -> HashMap<String, u64> {
    let conn = Connection::open(server_db).unwrap();
    let mut totals: HashMap<String, u64> = HashMap::new();
    for kiosk in kiosks {
        assert_eq!(kiosk.pending(), 0, "the kiosk's queue must be empty");
        let device = kiosk.device_id();
        let local = kiosk.local_rows();
        let mut stmt = conn
            .prepare("SELECT mutation_id, outcome FROM mutations WHERE device_id = ?1")
            .unwrap();
        let server: Vec<(String, String)> = stmt
            .query_map([&device], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            server.len(),
            local.len(),
            "the server must hold each of the kiosk's changes once"
        );
        for (id, outcome) in &server {
            let state = local
                .get(id)
                .unwrap_or_else(|| panic!("the server has {id}, the kiosk does not"));
            let expected = match outcome.as_str() {
                "applied" => "acknowledged",
                other => other,
            };
            assert_eq!(
                state, expected,
                "change {id}: server {outcome}, kiosk {state}"
            );
            *totals.entry(outcome.clone()).or_default() += 1;
        }
        // Every effect exactly once: one effect (set of rows) per applied change, none for others.
        for (table, key, twice) in [
            ("consents", "record_id", "count(DISTINCT mutation_id) > 1"),
            ("requests", "reference", "count(DISTINCT mutation_id) > 1"),
            ("identity_verifications", "verification_id", "count(*) > 1"),
            ("audit_events", "mutation_id", "count(*) > 1"),
        ] {
            let twice: i64 = conn
                .query_row(
                    &format!(
                        "SELECT count(*) FROM (SELECT {key} FROM {table} WHERE device_id = ?1
                         GROUP BY {key} HAVING {twice})"
                    ),
                    [&device],
                    |r| r.get(0),
                )
                .unwrap_or_else(|e| panic!("{table}: {e}"));
            assert_eq!(twice, 0, "an effect in {table} was applied by two changes");
        }
        let effects: i64 = [
            "consents",
            "requests",
            "identity_verifications",
            "audit_events",
        ]
        .iter()
        .map(|t| {
            conn.query_row(
                &format!("SELECT count(DISTINCT mutation_id) FROM {t} WHERE device_id = ?1"),
                [&device],
                |r| r.get::<_, i64>(0),
            )
            .unwrap()
        })
        .sum();
        let applied = server.iter().filter(|(_, o)| o == "applied").count();
        assert_eq!(
            effects as usize, applied,
            "every applied change has its effect, and only those"
        );
    }
    totals
}

/// Faults with nothing on.
pub fn no_faults() -> Faults {
    Faults::none()
}

//! `kioskctl capture-demo`: queue realistic signed changes for the demo store's customers, as a
//! counter would, for demos, benchmarks and the sync fault and crash tests.

use std::path::Path;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Args;
use kiosk_core::demo::{self, DemoContext};
use kiosk_core::sync::{self, SyncConfig};
use kiosk_core::Store;
use protocol::Lang;
use rand::rngs::StdRng;
use rand::SeedableRng;
use serde::Serialize;

use crate::failure::{print_json, Failure, EXIT_FAILED};
use crate::runtime::runtime;

#[derive(Debug, Args)]
#[command(
    long_about = "Queue N realistic signed changes for the fictional demo customers C-000001 to \
        C-000060: consent records with signature strokes, corrections, rights requests and identity \
        checks. Needs an enrolled kiosk; the consent notice comes from the kiosk's cache, or is \
        fetched from the central API once.\n\n\
        Each change is printed on its own line once it is committed to the kiosk's database \
        (`saved SEQ MUTATION_ID KIND CUSTOMER`): a printed change is safe even if the process is \
        killed the next instant.\n\n\
        With --sync the sync worker runs in the same process, is nudged after every change, and \
        the command waits (up to --wait-secs) for the queue to empty before it exits."
)]
pub struct CaptureDemoArgs {
    /// How many changes to capture.
    #[arg(long, value_name = "N")]
    count: u64,
    /// Run the sync worker alongside and wait for the queue to drain.
    #[arg(long)]
    sync: bool,
    /// With --sync: how long to wait for the queue to drain at the end.
    #[arg(long, value_name = "SECONDS", default_value_t = 60, requires = "sync")]
    wait_secs: u64,
    /// Pause between changes, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    interval_ms: u64,
    /// Random seed (the default is random).
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
    /// One JSON object a line instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Serialize)]
struct Saved<'a> {
    seq: u64,
    mutation_id: uuid::Uuid,
    kind: protocol::mutation::MutationKind,
    customer_id: Option<&'a str>,
    clerk_id: &'a str,
}

pub fn run(data_dir: &Path, args: CaptureDemoArgs) -> Result<ExitCode, Failure> {
    let mut store = Store::open_existing(&kiosk_core::paths::db_path(data_dir))?;
    let enrolment = store.enrolment()?.ok_or(kiosk_core::Error::NotEnrolled)?;
    let rt = runtime()?;
    let notice = match store.notice(Lang::Sq)? {
        Some(n) => n,
        None => {
            let client = sync::http_client(&SyncConfig {
                trust: kiosk_core::trust::CentralTrust::for_data_dir(data_dir)?,
                ..SyncConfig::default()
            })?;
            let notice = rt
                .block_on(sync::fetch_consent_notice(&client, &enrolment, Lang::Sq))
                .map_err(|f| Failure {
                    exit: EXIT_FAILED,
                    message: format!(
                        "No consent notice is cached on this kiosk and the central API did not give one ({f})."
                    ),
                })?;
            store.cache_notice(&notice)?;
            notice
        }
    };
    let ctx = DemoContext {
        store_code: enrolment.store_code.clone(),
        notice,
    };
    let mut rng = match args.seed {
        Some(seed) => StdRng::seed_from_u64(seed),
        None => StdRng::from_entropy(),
    };
    let store = Arc::new(Mutex::new(store));
    rt.block_on(async {
        let config = SyncConfig {
            reconnect_delay_max: Duration::from_millis(500),
            backoff_base: Duration::from_millis(200),
            backoff_cap: Duration::from_secs(5),
            trust: kiosk_core::trust::CentralTrust::for_data_dir(data_dir)?,
            ..SyncConfig::default()
        };
        let worker = if args.sync {
            Some(sync::spawn(Arc::clone(&store), config)?)
        } else {
            None
        };
        for _ in 0..args.count {
            let change = demo::change(&ctx, &mut rng);
            let payload = change.payload.clone();
            let clerk = change.clerk_id;
            let queued = sync::with_store(&store, move |s| s.capture(clerk, &payload))
                .await
                .map_err(|f| Failure {
                    exit: EXIT_FAILED,
                    message: format!("The change could not be saved: {}", f.message),
                })?;
            let customer_id = change.payload.customer_id();
            if args.json {
                print_json(&Saved {
                    seq: queued.seq,
                    mutation_id: queued.mutation_id,
                    kind: queued.kind,
                    customer_id,
                    clerk_id: clerk,
                })?;
            } else {
                println!(
                    "saved {} {} {} {}",
                    queued.seq,
                    queued.mutation_id,
                    serde_json::to_value(queued.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    customer_id.unwrap_or("-")
                );
            }
            if let Some(w) = &worker {
                w.nudge();
            }
            if args.interval_ms > 0 {
                tokio::time::sleep(Duration::from_millis(args.interval_ms)).await;
            }
        }
        let Some(worker) = worker else {
            return Ok(ExitCode::SUCCESS);
        };
        worker.nudge();
        let deadline = tokio::time::Instant::now() + Duration::from_secs(args.wait_secs);
        let mut status = worker.subscribe();
        let drained = loop {
            let pending = sync::with_store(&store, |s| s.pending_count())
                .await
                .map_err(|f| Failure {
                    exit: EXIT_FAILED,
                    message: f.message,
                })?;
            if pending == 0 {
                break true;
            }
            let timeout = tokio::time::sleep_until(deadline);
            tokio::select! {
                _ = timeout => break false,
                _ = status.changed() => {}
                _ = tokio::time::sleep(Duration::from_millis(200)) => {}
            }
        };
        let last = worker.status();
        worker.shutdown().await;
        if drained {
            Ok(ExitCode::SUCCESS)
        } else {
            Err(Failure {
                exit: EXIT_FAILED,
                message: format!(
                    "Changes are still waiting after {} seconds ({}); they stay queued.",
                    args.wait_secs,
                    last.connectivity.describe()
                ),
            })
        }
    })
}

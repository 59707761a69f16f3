//! `kioskctl sync`: push the queue to the central API now (`--once`), or run the sync worker in the
//! foreground and print how connectivity changes.

use std::path::Path;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

use clap::Args;
use kiosk_core::sync::{self, ItemResult, SyncConfig, SyncFailure};
use kiosk_core::Store;
use protocol::mutation::PushOutcome;
use serde::Serialize;

use crate::failure::{print_json, Failure, EXIT_FAILED};
use crate::runtime::runtime;

#[derive(Debug, Args)]
#[command(
    long_about = "Send the changes waiting in this kiosk's queue to the central API.\n\n\
        With --once: push now, batch after batch, until nothing is pending or a push fails, and \
        print what became of every change (applied, duplicate, rejected, conflict). Exit 0 when the \
        queue was emptied, 1 when a push failed (the changes stay queued and keep their ids).\n\n\
        Without --once: run the sync worker in the foreground (as the desktop app does) and print \
        each change of connectivity, until interrupted."
)]
pub struct SyncArgs {
    /// Push now and exit.
    #[arg(long)]
    once: bool,
    /// With --once: print one JSON object (rounds, results, totals, pending, failure).
    #[arg(long, requires = "once")]
    json: bool,
    /// Changes per push (1 to 500).
    #[arg(long, value_name = "N", default_value_t = SyncConfig::default().max_batch_items)]
    batch_size: usize,
}

#[derive(Debug, Default, Serialize)]
struct OnceReport {
    rounds: usize,
    results: Vec<ItemResult>,
    acknowledged: u64,
    rejected: u64,
    conflict: u64,
    pending: u64,
    failure: Option<SyncFailure>,
}

pub fn run(data_dir: &Path, args: SyncArgs) -> Result<ExitCode, Failure> {
    let store = Store::open_existing(&kiosk_core::paths::db_path(data_dir))?;
    if store.enrolment()?.is_none() {
        return Err(kiosk_core::Error::NotEnrolled.into());
    }
    let config = SyncConfig {
        max_batch_items: args
            .batch_size
            .clamp(1, protocol::mutation::MAX_BATCH_ITEMS),
        trust: kiosk_core::trust::CentralTrust::for_data_dir(data_dir)?,
        ..SyncConfig::default()
    };
    let store = Arc::new(Mutex::new(store));
    if args.once {
        once(&store, &config, args.json)
    } else {
        watch(store, config)
    }
}

fn once(store: &sync::SharedStore, config: &SyncConfig, json: bool) -> Result<ExitCode, Failure> {
    let client = sync::http_client(config)?;
    let mut report = OnceReport::default();
    let rt = runtime()?;
    let outcome = rt.block_on(sync::drain(store, &client, config, |round| {
        report.rounds += 1;
        report.acknowledged += round.settlement.acknowledged;
        report.rejected += round.settlement.rejected;
        report.conflict += round.settlement.conflict;
        if !json {
            for item in &round.results {
                println!("{}", describe_item(item));
            }
        }
        report.results.extend(round.results.iter().cloned());
    }));
    report.failure = outcome.err();
    report.pending = rt.block_on(sync::with_store(store, |s| s.pending_count()))?;
    if json {
        print_json(&report)?;
    } else {
        println!(
            "{} push{}: {} acknowledged, {} rejected, {} in conflict; {} still waiting.",
            report.rounds,
            if report.rounds == 1 { "" } else { "es" },
            report.acknowledged,
            report.rejected,
            report.conflict,
            report.pending
        );
    }
    match report.failure {
        None => Ok(ExitCode::SUCCESS),
        Some(f) => Err(Failure {
            exit: EXIT_FAILED,
            message: format!(
                "The push failed ({f}); the {} waiting change(s) stay queued and will be sent again with the same ids.",
                report.pending
            ),
        }),
    }
}

/// One line per change: `seq 12 (wire 12) 0193… consent_recorded: applied`.
fn describe_item(item: &ItemResult) -> String {
    let outcome = match &item.outcome {
        PushOutcome::Applied => "applied".to_owned(),
        PushOutcome::Duplicate => "duplicate (applied before; not applied again)".to_owned(),
        PushOutcome::Rejected { code, message } => format!("rejected {code}: {message}"),
        PushOutcome::Conflict { current } => format!(
            "conflict: the record is at version {} now (see `kioskctl queue rejected`)",
            current.record_version
        ),
    };
    let kind = serde_json::to_value(item.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    format!(
        "{} {} {} {kind}: {outcome}",
        item.seq, item.wire_seq, item.mutation_id
    )
}

fn watch(store: sync::SharedStore, config: SyncConfig) -> Result<ExitCode, Failure> {
    let rt = runtime()?;
    rt.block_on(async move {
        let handle = sync::spawn(store, config)?;
        let mut status = handle.subscribe();
        let mut last = String::new();
        loop {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => break,
                changed = status.changed() => {
                    if changed.is_err() {
                        break;
                    }
                    let s = status.borrow_and_update().clone();
                    let line = format!(
                        "{}; waiting: {}",
                        s.connectivity.describe(),
                        s.queue.as_ref().map_or(0, |q| q.pending)
                    );
                    if line != last {
                        println!("{} {line}", kiosk_core::time::format_local(kiosk_core::time::now()));
                        last = line;
                    }
                }
            }
        }
        handle.shutdown().await;
        Ok::<_, Failure>(ExitCode::SUCCESS)
    })
}

//! `kioskctl queue …`: the outbox of changes waiting for the central API.

use std::path::Path;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use kiosk_core::store::QueueStatus;
use kiosk_core::time::{describe_duration, format_local};
use kiosk_core::Store;

use crate::failure::{print_json, Failure};

#[derive(Debug, Subcommand)]
pub enum QueueCommand {
    /// How many changes wait to be sent, how old the oldest is, and how many were rejected.
    Status(StatusArgs),
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Print one JSON object with stable keys (pending, oldest_pending_captured_at,
    /// oldest_pending_age_seconds, rejected, conflict, acknowledged, last_acknowledged_at).
    #[arg(long)]
    json: bool,
}

pub fn run(data_dir: &Path, command: QueueCommand) -> Result<ExitCode, Failure> {
    match command {
        QueueCommand::Status(args) => status(data_dir, &args),
    }
}

fn status(data_dir: &Path, args: &StatusArgs) -> Result<ExitCode, Failure> {
    let store = Store::open_existing(&kiosk_core::paths::db_path(data_dir))?;
    let status = store.queue_status()?;
    if args.json {
        print_json(&status)?;
    } else {
        let enrolment = store.enrolment()?;
        for line in describe(&status) {
            println!("{line}");
        }
        match enrolment {
            Some(e) => println!(
                "Enrolled as device {} of store {}; the central API has settled changes up to number {}.",
                e.device_id, e.store_code, e.applied_through_seq
            ),
            None => println!("This kiosk is not enrolled yet, so nothing can be sent."),
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn describe(s: &QueueStatus) -> Vec<String> {
    let mut lines = Vec::new();
    lines.push(
        match (
            s.pending,
            s.oldest_pending_captured_at,
            s.oldest_pending_age_seconds,
        ) {
            (0, _, _) => "Waiting to be sent: none.".to_owned(),
            (n, Some(at), Some(age)) => format!(
                "Waiting to be sent: {n} change{}; the oldest was captured {} ago ({}).",
                plural(n),
                describe_duration(age),
                format_local(at)
            ),
            (n, _, _) => format!("Waiting to be sent: {n} change{}.", plural(n)),
        },
    );
    lines.push(format!(
        "Rejected by the central API: {}{}.",
        s.rejected,
        if s.rejected > 0 {
            " (a supervisor must review them)"
        } else {
            ""
        }
    ));
    lines.push(format!(
        "In conflict with newer data: {}{}.",
        s.conflict,
        if s.conflict > 0 {
            " (a supervisor must review them)"
        } else {
            ""
        }
    ));
    lines.push(match s.last_acknowledged_at {
        Some(at) => format!(
            "Sent and acknowledged: {} (the last at {}).",
            s.acknowledged,
            format_local(at)
        ),
        None => format!("Sent and acknowledged: {}.", s.acknowledged),
    });
    lines
}

fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

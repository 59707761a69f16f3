//! `kioskctl queue …`: the outbox of changes waiting for the central API.

use std::path::Path;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use kiosk_core::store::{ChangeState, QueueStatus};
use kiosk_core::time::{describe_duration, format_local};
use kiosk_core::Store;
use protocol::mutation::ConflictCurrent;

use crate::failure::{print_json, Failure, EXIT_FAILED};

#[derive(Debug, Subcommand)]
pub enum QueueCommand {
    /// How many changes wait to be sent, how old the oldest is, and how many were rejected.
    Status(StatusArgs),
    /// The changes waiting to be sent, oldest first (ids, kinds and times; no personal data);
    /// with --all, every change the kiosk holds, with its state.
    List(ListArgs),
    /// The review list: changes the central API rejected or found in conflict, with its reasons
    /// (ones already sent again are shown as "retried as #N").
    Rejected(JsonArgs),
    /// Write the pending and review lists, payloads included, to a private JSON file for support.
    Export(ExportArgs),
    /// Send a rejected or conflicting change again, as a new change.
    Retry(RetryArgs),
}

#[derive(Debug, Args)]
pub struct JsonArgs {
    /// One JSON object per line instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// One JSON object per line instead of text.
    #[arg(long)]
    json: bool,
    /// Show at most this many.
    #[arg(long, value_name = "N", default_value_t = 100)]
    limit: u64,
    /// Every change the kiosk still holds (sent, rejected, in conflict), not only waiting ones.
    #[arg(long)]
    all: bool,
}

#[derive(Debug, Args)]
#[command(
    long_about = "Write the pending and review lists, payloads included, to a JSON file for support:         a supervisor can hand over changes that cannot reach the central API from this kiosk before         it is re-enrolled or replaced.\n\n\
        The file holds customers' personal data and signatures: it is created readable by its owner         only (0600). Keep it private and delete it once used."
)]
pub struct ExportArgs {
    /// The file to write (replaced if it exists).
    #[arg(long, value_name = "FILE")]
    out: std::path::PathBuf,
}

#[derive(Debug, Args)]
#[command(long_about = "Send a rejected or conflicting change again.\n\n\
        The central API settles every sequence number once and answers the same outcome for a \
        change id forever, so the change is queued again as a NEW change: the next sequence number, \
        a new id, a copy of the payload, the original capture time and clerk. The old change stays \
        in the review list marked as retried (it cannot be retried twice, and no longer counts as \
        waiting for review); its payload is removed, since the copy holds it. The retry is \
        recorded in the audit chain.\n\n\
        A conflicting change is refused unless --rebase is given: the customer's record changed \
        after the customer signed, so check the current value with the customer first. With \
        --rebase, a conflicting correction is based on the record version and value the central \
        API reported, and the audit chain records the rebase.")]
pub struct RetryArgs {
    /// The change's number, as `queue rejected` shows it (`seq`).
    #[arg(value_name = "ID")]
    seq: u64,
    /// Who asks for the retry (a supervisor's staff id), for the audit chain.
    #[arg(long, value_name = "STAFF_ID")]
    staff: Option<String>,
    /// Send a conflicting change anyway, on the record as the central API has it now (check the
    /// current value with the customer first).
    #[arg(long)]
    rebase: bool,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Print one JSON object with stable keys (pending, oldest_pending_captured_at,
    /// oldest_pending_age_seconds, rejected, conflict, acknowledged, last_acknowledged_at, age_warning,
    /// age_warning_after_seconds).
    #[arg(long)]
    json: bool,
}

pub fn run(data_dir: &Path, command: QueueCommand) -> Result<ExitCode, Failure> {
    match command {
        QueueCommand::Status(args) => status(data_dir, &args),
        QueueCommand::List(args) => list(data_dir, &args),
        QueueCommand::Rejected(args) => rejected(data_dir, &args),
        QueueCommand::Export(args) => export(data_dir, &args),
        QueueCommand::Retry(args) => retry(data_dir, &args),
    }
}

fn open(data_dir: &Path) -> Result<Store, Failure> {
    Ok(Store::open_existing(&kiosk_core::paths::db_path(data_dir))?)
}

fn kind_text<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn list(data_dir: &Path, args: &ListArgs) -> Result<ExitCode, Failure> {
    let store = open(data_dir)?;
    let rows = if args.all {
        store.all_rows(args.limit)?
    } else {
        store.pending_rows(args.limit)?
    };
    if args.json {
        for row in &rows {
            print_json(row)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        println!(
            "{}",
            if args.all {
                "This kiosk holds no changes."
            } else {
                "Nothing is waiting to be sent."
            }
        );
        return Ok(ExitCode::SUCCESS);
    }
    let state_header = if args.all { "state\t" } else { "" };
    println!("seq\twire\tcaptured\t{state_header}kind\tcustomer\tclerk\tattempts\tmutation_id");
    for r in &rows {
        let state = if args.all {
            format!("{}\t", kind_text(&r.state))
        } else {
            String::new()
        };
        println!(
            "{}\t{}\t{}\t{state}{}\t{}\t{}\t{}\t{}",
            r.seq,
            r.wire_seq.map_or("-".to_owned(), |w| w.to_string()),
            format_local(r.captured_at),
            kind_text(&r.kind),
            r.customer_id.as_deref().unwrap_or("-"),
            r.clerk_id,
            r.attempts,
            r.mutation_id
        );
    }
    let total = if args.all {
        store.all_rows(u64::MAX >> 1)?.len() as u64
    } else {
        store.pending_count()?
    };
    if total > rows.len() as u64 {
        println!("… and {} more.", total - rows.len() as u64);
    }
    Ok(ExitCode::SUCCESS)
}

fn rejected(data_dir: &Path, args: &JsonArgs) -> Result<ExitCode, Failure> {
    let store = open(data_dir)?;
    let rows = store.review_rows()?;
    if args.json {
        for row in &rows {
            print_json(row)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        println!("The central API has rejected nothing from this kiosk.");
        return Ok(ExitCode::SUCCESS);
    }
    for r in &rows {
        let reason = match (r.state, r.result_code.as_deref()) {
            (ChangeState::Conflict, _) => {
                let current: Option<ConflictCurrent> = r
                    .result_message
                    .as_deref()
                    .and_then(|m| serde_json::from_str(m).ok());
                match current {
                    Some(c) => format!(
                        "conflict: the customer's record is at version {} now",
                        c.record_version
                    ),
                    None => "conflict with newer data".to_owned(),
                }
            }
            (_, code) => format!(
                "rejected {}: {}",
                code.unwrap_or("-"),
                r.result_message.as_deref().unwrap_or("")
            ),
        };
        let retried = r
            .retried_as_seq
            .map(|n| format!(" [retried as #{n}: nothing to review]"))
            .unwrap_or_default();
        println!(
            "{} {} {} {} captured {} by {}: {reason}{retried}",
            r.seq,
            r.mutation_id,
            kind_text(&r.kind),
            r.customer_id.as_deref().unwrap_or("-"),
            format_local(r.captured_at),
            r.clerk_id
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn export(data_dir: &Path, args: &ExportArgs) -> Result<ExitCode, Failure> {
    let store = open(data_dir)?;
    write_export(&store, &args.out)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the queue export of `store` to `out` (private to its owner) and says what it holds.
pub(crate) fn write_export(store: &Store, out: &Path) -> Result<(), Failure> {
    let export = store.export_queue()?;
    let text = serde_json::to_vec_pretty(&export).map_err(|e| Failure {
        exit: EXIT_FAILED,
        message: format!("The export cannot be written as JSON: {e}"),
    })?;
    kiosk_core::paths::write_private(out, &text).map_err(|e| Failure {
        exit: EXIT_FAILED,
        message: format!("{} cannot be written: {e}", out.display()),
    })?;
    println!(
        "Exported {} waiting and {} rejected or conflicting change(s) to {}. It holds personal data: keep it private and delete it once used.",
        export.pending.len(),
        export.review.len(),
        out.display()
    );
    Ok(())
}

fn retry(data_dir: &Path, args: &RetryArgs) -> Result<ExitCode, Failure> {
    let mut store = open(data_dir)?;
    let done = store.retry_change(args.seq, args.staff.as_deref(), args.rebase)?;
    println!(
        "Change {} is queued again as change {} ({}){}; it will be sent with the next sync.",
        done.retried_seq,
        done.queued.seq,
        done.queued.mutation_id,
        if done.rebased {
            ", rebased on the record version and value the central API reported"
        } else {
            ""
        }
    );
    Ok(ExitCode::SUCCESS)
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
    if s.age_warning {
        lines.push(format!(
            "WARNING: changes have waited longer than {}; check this kiosk's connection to the central API.",
            describe_duration(s.age_warning_after_seconds)
        ));
    }
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

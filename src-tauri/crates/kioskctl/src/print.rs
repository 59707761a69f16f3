//! `kioskctl print FILE.pdf` and `kioskctl printers`: store IT's check that the counter's printer
//! works, with the kiosk's own printing code (CUPS on Linux).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Args;
use kiosk_core::print::{self, JobState, JobStatus, PrintError, PrinterState};

use crate::failure::{print_json, Failure, EXIT_FAILED};

/// A report of twelve months of traffic is a few megabytes; anything far larger is not a printout.
const MAX_PDF_BYTES: u64 = 256 * 1024 * 1024;
/// How often `--wait` asks CUPS.
const POLL: Duration = Duration::from_millis(250);

#[derive(Debug, Args)]
#[command(
    long_about = "Print a PDF on a printer of this computer, as the kiosk prints.\n\n\
        The file is checked to be a PDF and handed to CUPS (lp) from memory; the job id is printed. \
        With --wait, the job is followed until it is printed, cancelled or failed.\n\n\
        Exit code 0 when the job was accepted (with --wait: printed), 1 when it was not, or \
        failed, or --wait ran out of time."
)]
pub struct PrintArgs {
    /// The PDF to print.
    file: PathBuf,
    /// The printer (CUPS queue) [default: the computer's default printer].
    #[arg(long, value_name = "NAME")]
    printer: Option<String>,
    /// The job's name in the print queue (visible to every user of the computer: no personal data).
    #[arg(long, value_name = "TITLE", default_value = "IPKO privacy kiosk")]
    title: String,
    /// Follow the job until it is printed, cancelled or failed, showing its progress.
    #[arg(long)]
    wait: bool,
    /// With --wait: give up after this many seconds (the job stays queued).
    #[arg(long, value_name = "SECS", default_value_t = 300)]
    wait_secs: u64,
    /// The outcome as one JSON object on stdout (job id, printer, and with --wait the final state).
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct PrintersArgs {
    /// One JSON object per printer per line instead of text.
    #[arg(long)]
    json: bool,
}

impl From<PrintError> for Failure {
    fn from(e: PrintError) -> Failure {
        Failure {
            exit: EXIT_FAILED,
            message: e.to_string(),
        }
    }
}

pub fn print(args: PrintArgs) -> Result<ExitCode, Failure> {
    let bytes = read_pdf(&args.file)?;
    let job = print::print_pdf(&bytes, args.printer.as_deref(), &args.title)?;
    if !args.wait {
        if args.json {
            print_json(&job)?;
        } else {
            println!("Sent to printer {} as job {}.", job.printer, job.job_id);
        }
        return Ok(ExitCode::SUCCESS);
    }
    if !args.json {
        println!("Sent to printer {} as job {}.", job.printer, job.job_id);
    }

    let deadline = Instant::now() + Duration::from_secs(args.wait_secs);
    let mut last: Option<(JobState, Option<String>)> = None;
    let status = loop {
        let status = match print::job_state(&job.job_id) {
            Ok(status) => status,
            // Just submitted, so an unknown job has already left the queue.
            Err(PrintError::UnknownJob { .. }) => {
                return Err(Failure {
                    exit: EXIT_FAILED,
                    message: format!(
                        "Job {} left the queue, but the print service kept no record of how it ended (its job history is off): check the printer.",
                        job.job_id
                    ),
                })
            }
            Err(e) => return Err(e.into()),
        };
        let now = (status.state, status.message.clone());
        if last.as_ref() != Some(&now) && !args.json {
            progress(&status);
        }
        last = Some(now);
        if status.state.is_final() {
            break status;
        }
        if Instant::now() >= deadline {
            return Err(Failure {
                exit: EXIT_FAILED,
                message: format!(
                    "Job {} is still {} after {} s; it stays in the queue (cancel {} removes it).{}",
                    job.job_id,
                    status.state.describe(),
                    args.wait_secs,
                    job.job_id,
                    status
                        .message
                        .map(|m| format!(" The print service says: {m}"))
                        .unwrap_or_default()
                ),
            });
        }
        std::thread::sleep(POLL);
    };
    if args.json {
        print_json(&status)?;
    }
    if status.state == JobState::Completed {
        Ok(ExitCode::SUCCESS)
    } else {
        Err(Failure {
            exit: EXIT_FAILED,
            message: format!(
                "Job {} {}{}.",
                status.job_id,
                if status.state == JobState::Canceled {
                    "was cancelled"
                } else {
                    "failed"
                },
                status
                    .message
                    .as_deref()
                    .map(|m| format!(": {m}"))
                    .unwrap_or_default()
            ),
        })
    }
}

fn progress(status: &JobStatus) {
    match &status.message {
        Some(m) if !status.state.is_final() => {
            println!("{}: {} ({m})", status.job_id, status.state.describe())
        }
        _ => println!("{}: {}", status.job_id, status.state.describe()),
    }
}

/// The file, whole, if it is a PDF: refusing anything else here keeps a printer from spewing
/// pages of PostScript or binary.
fn read_pdf(path: &Path) -> Result<Vec<u8>, Failure> {
    let fail = |message: String| Failure {
        exit: EXIT_FAILED,
        message,
    };
    let file = std::fs::File::open(path)
        .map_err(|e| fail(format!("{} cannot be opened: {e}", path.display())))?;
    let mut bytes = Vec::new();
    file.take(MAX_PDF_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(format!("{} cannot be read: {e}", path.display())))?;
    if bytes.len() as u64 > MAX_PDF_BYTES {
        return Err(fail(format!(
            "{} is larger than {} MB: that is not a kiosk printout, so it was not printed.",
            path.display(),
            MAX_PDF_BYTES / (1024 * 1024)
        )));
    }
    if !bytes.starts_with(b"%PDF-") {
        return Err(fail(format!(
            "{} is not a PDF (it does not start with %PDF-), so it was not printed.",
            path.display()
        )));
    }
    Ok(bytes)
}

pub fn printers(args: PrintersArgs) -> Result<ExitCode, Failure> {
    let printers = print::list_printers()?;
    if args.json {
        for p in &printers {
            print_json(p)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    if printers.is_empty() {
        println!("No printers are set up on this computer (store IT: lpadmin, or the CUPS web page at http://localhost:631).");
        return Ok(ExitCode::SUCCESS);
    }
    for p in &printers {
        let state = match p.state {
            PrinterState::Idle => "idle",
            PrinterState::Printing => "printing",
            PrinterState::Stopped => "stopped",
        };
        println!(
            "{}{}: {state}, {}{}",
            p.name,
            if p.is_default { " (default)" } else { "" },
            if p.accepting {
                "accepting jobs"
            } else {
                "not accepting jobs"
            },
            p.message
                .as_deref()
                .map(|m| format!(" — {m}"))
                .unwrap_or_default()
        );
    }
    Ok(ExitCode::SUCCESS)
}

//! `kioskctl`: the admin and support command line of the IPKO privacy kiosk, over kiosk-core.
//! One module per subcommand group; each returns `Result<ExitCode, Failure>`, and `main` prints a
//! failure as one plain sentence on stderr.

mod audit;
mod capture_demo;
mod enroll;
mod failure;
mod mrz;
mod print;
mod queue;
mod receipt;
mod remove_data;
mod report;
mod runtime;
mod status;
mod sync;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use failure::Failure;

#[derive(Debug, Parser)]
#[command(
    name = "kioskctl",
    version,
    about = "Administer and support an IPKO privacy kiosk from the command line.",
    long_about = "Administer and support an IPKO privacy kiosk from the command line.\n\n\
        Works on the kiosk's local database, the same one the desktop app uses.\n\n\
        Exit codes: 0 success; 1 the command ran and failed (or found a problem); \
        2 the kiosk database cannot be opened, or the command line is wrong."
)]
struct Cli {
    /// The kiosk's data folder [default: the desktop app's data folder,
    /// <XDG data dir>/com.ipko.privacykiosk].
    #[arg(long, global = true, value_name = "DIR", env = kiosk_core::paths::DATA_DIR_ENV)]
    data_dir: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Which device this is, where its database and the database's key are, how its queue stands.
    Status(status::StatusArgs),
    /// Enrol this kiosk with IPKO's central API as a device of a store.
    Enroll(enroll::EnrollArgs),
    /// Look at the queue of changes waiting for the central API.
    #[command(subcommand)]
    Queue(queue::QueueCommand),
    /// Check the kiosk's audit chain.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Send the queue to the central API (now with --once, or as a foreground worker).
    Sync(sync::SyncArgs),
    /// Queue realistic signed changes for the demo customers (demos, benchmarks, tests).
    CaptureDemo(capture_demo::CaptureDemoArgs),
    /// Remove this kiosk's database (uninstall), refused while changes exist only here.
    RemoveData(remove_data::RemoveDataArgs),
    /// Read a machine-readable zone of an identity document (stdin → JSON).
    #[command(subcommand)]
    Mrz(mrz::MrzCommand),
    /// Print a customer's data report to PDF.
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Print the receipt of a signed consent, correction or rights request to PDF.
    #[command(subcommand)]
    Receipt(receipt::ReceiptCommand),
    /// Print a PDF on a printer of this computer (CUPS), as the kiosk prints.
    Print(print::PrintArgs),
    /// List the printers of this computer: default, state, whether they accept jobs.
    Printers(print::PrintersArgs),
}

fn main() -> ExitCode {
    init_tracing();
    let cli = Cli::parse();
    let data_dir = match kiosk_core::paths::resolve_data_dir(cli.data_dir.as_deref()) {
        Ok(dir) => dir,
        Err(e) => return Failure::from(e).report(),
    };
    let outcome = match cli.command {
        Command::Status(args) => status::run(&data_dir, &args),
        Command::Enroll(args) => enroll::run(&data_dir, args),
        Command::Queue(cmd) => queue::run(&data_dir, cmd),
        Command::Audit(cmd) => audit::run(&data_dir, cmd),
        Command::Sync(args) => sync::run(&data_dir, args),
        Command::CaptureDemo(args) => capture_demo::run(&data_dir, args),
        Command::Mrz(cmd) => mrz::run(cmd),
        Command::Report(cmd) => report::run(&data_dir, cmd),
        Command::Receipt(cmd) => receipt::run(cmd),
        Command::Print(args) => print::print(args),
        Command::Printers(args) => print::printers(args),
        Command::RemoveData(args) => remove_data::run(&data_dir, &args),
    };
    outcome.unwrap_or_else(Failure::report)
}

/// Diagnostics go to stderr, quiet unless `KIOSK_LOG` asks (e.g. `KIOSK_LOG=debug`), so that stdout
/// stays the command's answer.
fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("KIOSK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }
}

//! `kioskctl audit …`: the kiosk's tamper-evident audit chain.

use std::path::Path;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use kiosk_core::Store;

use crate::failure::{print_json, Failure, EXIT_FAILED};

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check every entry of the audit chain against its hash and its predecessor.
    #[command(
        long_about = "Check every entry of the audit chain against its hash and its predecessor.\n\n\
            Exit code 0 and a one-line summary when the chain is intact; 1 naming the first broken \
            entry and why (edited, missing, out of order, unlinked, unreadable, cut off); 2 when the \
            kiosk database cannot be opened."
    )]
    Verify(VerifyArgs),
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Print the verification as one JSON object (intact_entries, last_entry_seq, last_hash,
    /// first_break) instead of a sentence.
    #[arg(long)]
    json: bool,
}

pub fn run(data_dir: &Path, command: AuditCommand) -> Result<ExitCode, Failure> {
    match command {
        AuditCommand::Verify(args) => verify(data_dir, &args),
    }
}

fn verify(data_dir: &Path, args: &VerifyArgs) -> Result<ExitCode, Failure> {
    let store = Store::open_existing(&kiosk_core::paths::db_path(data_dir))?;
    let v = store.verify_audit()?;
    if args.json {
        print_json(&v)?;
    } else {
        match (&v.first_break, v.last_entry_seq, &v.last_hash) {
            (None, None, _) => println!("Audit chain intact: no entries yet."),
            (None, Some(last), hash) => println!(
                "Audit chain intact: {} entries, the newest is entry {last} (hash {}).",
                v.intact_entries,
                hash.as_deref().unwrap_or("")
            ),
            (Some(b), _, _) => println!(
                "Audit chain BROKEN at entry {}: {}. The {} entries before it are intact.",
                b.entry_seq, b.message, v.intact_entries
            ),
        }
    }
    Ok(if v.is_intact() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FAILED)
    })
}

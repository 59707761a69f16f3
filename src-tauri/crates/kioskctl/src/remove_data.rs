//! `kioskctl remove-data`: the uninstall path of a kiosk's data.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use kiosk_core::Store;

use crate::failure::{Failure, EXIT_FAILED};

#[derive(Debug, Args)]
#[command(
    long_about = "Remove this kiosk's database (uninstalling it, or handing the PC over).\n\n\
        Refused while changes wait for the central API or for a supervisor's review: they exist \
        nowhere else. Let the kiosk sync first (`kioskctl sync --once`). When it cannot reach the \
        central API any more, a supervisor may give --export-first FILE: the waiting and review \
        lists are written to FILE (private to its owner; hand it to IPKO support) and only then is \
        the database removed.\n\n\
        Close the desktop app first. Only the kiosk's own files are removed, and the data folder \
        only when nothing else is in it."
)]
pub struct RemoveDataArgs {
    /// Really remove it (without this, nothing is removed; a check runs and says what would happen).
    #[arg(long)]
    yes: bool,
    /// Export waiting and rejected changes to this file first, then remove the data even though
    /// they have not reached the central API.
    #[arg(long, value_name = "FILE")]
    export_first: Option<PathBuf>,
}

pub fn run(data_dir: &Path, args: &RemoveDataArgs) -> Result<ExitCode, Failure> {
    let db = kiosk_core::paths::db_path(data_dir);
    let exported = match &args.export_first {
        Some(out) if args.yes => {
            let store = Store::open_existing(&db)?;
            crate::queue::write_export(&store, out)?;
            true
        }
        _ => false,
    };
    if !args.yes {
        let store = Store::open_existing(&db)?;
        match store.ensure_removable() {
            Ok(()) => println!(
                "Every change of this kiosk has reached the central API: its data at {} can be removed. Run again with --yes to remove it.",
                db.display()
            ),
            Err(e) if args.export_first.is_some() => println!(
                "{e}\nWith --yes, the changes would be exported to the file first and then the data removed."
            ),
            Err(e) => return Err(e.into()),
        }
        return Ok(ExitCode::SUCCESS);
    }
    let removed = kiosk_core::store::remove_data(data_dir, exported)?;
    for file in &removed.files {
        println!("removed {}", file.display());
    }
    for place in &removed.keys {
        println!("removed the database key from {place}");
    }
    if removed.folder_removed {
        println!("removed {}", data_dir.display());
    } else {
        println!("{} holds other files and was kept.", data_dir.display());
    }
    if removed.files.is_empty() {
        return Err(Failure {
            exit: EXIT_FAILED,
            message: "Nothing was removed.".into(),
        });
    }
    Ok(ExitCode::SUCCESS)
}

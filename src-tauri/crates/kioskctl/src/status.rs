//! `kioskctl status`: what store IT asks first about a counter PC — which device it is, where its
//! database and the database's key are, and how its queue stands. No personal data, no secrets.

use std::path::Path;
use std::process::ExitCode;

use clap::Args;
use kiosk_core::store::{KeyPlace, QueueStatus};
use kiosk_core::time::format_local;
use kiosk_core::Store;
use serde::Serialize;

use crate::failure::{print_json, Failure};

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Print one JSON object (database, schema_version, key, device, queue) instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Status<'a> {
    database: &'a Path,
    schema_version: u32,
    /// Where the database's key is kept; the key itself is never shown.
    key: &'a KeyPlace,
    device: Option<kiosk_core::store::Enrolment>,
    queue: QueueStatus,
}

pub fn run(data_dir: &Path, args: &StatusArgs) -> Result<ExitCode, Failure> {
    let store = Store::open_existing(&kiosk_core::paths::db_path(data_dir))?;
    let status = Status {
        database: store.path(),
        schema_version: store.schema_version()?,
        key: store.key_place(),
        device: store.enrolment()?,
        queue: store.queue_status()?,
    };
    if args.json {
        print_json(&status)?;
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "Database: {} (encrypted, schema {})",
        status.database.display(),
        status.schema_version
    );
    println!("Key: {}", status.key);
    match &status.device {
        Some(d) => {
            println!(
                "Device: {} ({}), store {} {}",
                d.device_name, d.device_id, d.store_code, d.store_name
            );
            println!("Central API: {}", d.central_url);
            println!("Enrolled: {}", format_local(d.enrolled_at));
            if let Some(expires) = d.token_expires_at {
                println!("Token expires: {}", format_local(expires));
            }
        }
        None => println!("Device: not enrolled (kioskctl enroll)"),
    }
    println!(
        "Queue: {} waiting, {} rejected, {} in conflict, {} sent",
        status.queue.pending,
        status.queue.rejected,
        status.queue.conflict,
        status.queue.acknowledged
    );
    Ok(ExitCode::SUCCESS)
}

//! `kioskctl enroll`.

use std::path::Path;
use std::process::ExitCode;

use clap::Args;
use kiosk_core::Store;

use crate::failure::{Failure, EXIT_FAILED};

#[derive(Debug, Args)]
#[command(
    long_about = "Enrol this kiosk with IPKO's central API as a device of a store.\n\n\
        Refuses while changes captured under an earlier enrolment are still waiting to be sent: \
        they would be stranded. The one-time enrolment secret is not spent in that case."
)]
pub struct EnrollArgs {
    /// Base URL of the central API, e.g. https://privacy.ipko.example (without /v1).
    #[arg(long, value_name = "URL")]
    url: String,
    /// The store's code, e.g. DEMO-PRISHTINA.
    #[arg(long = "store", value_name = "CODE")]
    store_code: String,
    /// The one-time enrolment secret IPKO's IT issued for the store (or set KIOSK_ENROLMENT_SECRET
    /// to keep it out of the shell history).
    #[arg(
        long,
        value_name = "SECRET",
        env = "KIOSK_ENROLMENT_SECRET",
        hide_env_values = true
    )]
    secret: String,
    /// A name for this device in the central API's lists [default: "Kiosk <host name>"].
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
}

pub fn run(data_dir: &Path, args: EnrollArgs) -> Result<ExitCode, Failure> {
    let mut store = Store::open_in(data_dir)?;
    let name = args
        .name
        .unwrap_or_else(kiosk_core::enrol::default_device_name);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure {
            exit: EXIT_FAILED,
            message: format!("kioskctl cannot start its network runtime: {e}"),
        })?;
    let enrolment = runtime.block_on(kiosk_core::enrol::enrol(
        &mut store,
        &args.url,
        &args.store_code,
        &args.secret,
        &name,
    ))?;
    println!(
        "Enrolled this kiosk as device {} (\"{}\") of store {} ({}), central API {}.",
        enrolment.device_id,
        enrolment.device_name,
        enrolment.store_code,
        enrolment.store_name,
        enrolment.central_url
    );
    Ok(ExitCode::SUCCESS)
}

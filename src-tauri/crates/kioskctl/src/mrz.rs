//! `kioskctl mrz parse`: a machine-readable zone on stdin (as a keyboard-wedge scanner types it, or
//! pasted) → one JSON object on stdout with the format, every field, every check digit and its
//! result, warnings and errors. Exit 0 when the zone is valid, 1 when it fails a check (expired,
//! check digit, unknown code …), 2 when the input is not a zone at all. Nothing is stored.

use std::io::Read;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use kiosk_core::idcheck::{parse_mrz, IdCheckError};

use crate::failure::{print_json, Failure, EXIT_FAILED};

/// Exit code of input that is not a machine-readable zone.
const EXIT_UNUSABLE: u8 = 2;
/// More than any zone plus generous white space; anything longer is not a scan.
const MAX_INPUT_BYTES: u64 = 64 * 1024;

#[derive(Debug, Subcommand)]
pub enum MrzCommand {
    /// Read a machine-readable zone from stdin and print what it says as one JSON object.
    #[command(
        long_about = "Read a machine-readable zone (ICAO 9303 TD1, TD2 or TD3) from stdin and print \
            one JSON object: format, fields, each check digit and its result, warnings and errors.\n\n\
            Exit code 0 when the zone is valid, 1 when it fails a check (a check digit, expiry, an \
            unknown code …), 2 when the input is not a zone at all."
    )]
    Parse(ParseArgs),
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// The day to check expiry against (YYYY-MM-DD) [default: today in the stores' time zone].
    #[arg(long, value_name = "DATE")]
    today: Option<NaiveDate>,
}

pub fn run(command: MrzCommand) -> Result<ExitCode, Failure> {
    match command {
        MrzCommand::Parse(args) => parse(&args),
    }
}

fn parse(args: &ParseArgs) -> Result<ExitCode, Failure> {
    let today = args.today.unwrap_or_else(kiosk_core::time::today);
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure {
            exit: EXIT_FAILED,
            message: format!("stdin cannot be read: {e}"),
        })?;
    let input = if bytes.len() as u64 > MAX_INPUT_BYTES {
        Err(IdCheckError::UnrecognisedLayout {
            found: format!("more than {MAX_INPUT_BYTES} bytes"),
        })
    } else {
        String::from_utf8(bytes).map_err(|_| IdCheckError::UnrecognisedLayout {
            found: "text that is not UTF-8".to_owned(),
        })
    };
    match input.and_then(|text| parse_mrz(&text, today)) {
        Ok(report) => {
            print_json(&report)?;
            Ok(ExitCode::from(if report.valid { 0 } else { EXIT_FAILED }))
        }
        Err(error) => {
            print_json(&serde_json::json!({
                "valid": false,
                "usable": false,
                "errors": [error],
            }))?;
            eprintln!("{error}");
            Ok(ExitCode::from(EXIT_UNUSABLE))
        }
    }
}

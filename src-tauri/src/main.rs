// Without this a release build on Windows opens a console window behind the kiosk.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

fn main() -> ExitCode {
    match ipko_kiosk_lib::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ipko-kiosk: {error}");
            ExitCode::FAILURE
        }
    }
}

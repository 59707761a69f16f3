//! The real `kioskctl` binary as the tests run it: on a given data folder, with nothing from the
//! environment that would point it elsewhere.

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// `kioskctl --data-dir DATA_DIR …`, not yet run: a test may add environment.
pub fn command(data_dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kioskctl"));
    cmd.arg("--data-dir")
        .arg(data_dir)
        .env_remove("KIOSK_DATA_DIR")
        .env_remove("KIOSK_ENROLMENT_SECRET");
    cmd
}

/// Runs `kioskctl --data-dir DATA_DIR ARGS…`.
pub fn kioskctl(data_dir: &Path, args: &[&str]) -> Output {
    command(data_dir).args(args).output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

//! `kioskctl print` and `kioskctl printers` as store IT runs them. CUPS's `lp` and `lpstat` are
//! stand-ins on `PATH` that answer what CUPS 2.4 prints; tests/system/print.sh prints for real.

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{stderr, stdout};

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Mutex, MutexGuard};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

/// One test at a time: a script written while another thread forks can be briefly held open by
/// the fork, and running it then fails with "Text file busy".
fn serial() -> MutexGuard<'static, ()> {
    static SERIAL: Mutex<()> = Mutex::new(());
    SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn kioskctl(bin_dir: &Path, args: &[&str]) -> Output {
    let data = tempfile::tempdir().unwrap();
    common::command(data.path())
        .args(args)
        // Only the stand-ins and the shell they need.
        .env("PATH", format!("{}:/usr/bin:/bin", bin_dir.display()))
        .env_remove("CUPS_SERVER")
        .output()
        .unwrap()
}

/// `lpstat` and `lp` stand-ins. `lpstat -l -W WHICH -o Q` prints `jobs-WHICH.out`; the other
/// questions get a kiosk with one default PDF queue, `KioskPDF`.
fn fake_cups(jobs_not_completed: &str, jobs_completed: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let lpstat = r#"#!/bin/sh
d=$(dirname "$0")
case "$1" in
  -r) echo "scheduler is running" ;;
  -d) echo "system default destination: KioskPDF" ;;
  -p) echo "printer KioskPDF is idle.  enabled since Sun Nov 22 06:05:21 2026" ;;
  -a) echo "KioskPDF accepting requests since Sun Nov 22 06:05:21 2026" ;;
  -l) cat "$d/jobs-$3.out" ;;
esac
"#;
    let lp = r#"#!/bin/sh
d=$(dirname "$0")
cat >"$d/lp.stdin"
echo "request id is KioskPDF-7 (0 file(s))"
"#;
    for (name, text) in [("lpstat", lpstat), ("lp", lp)] {
        std::fs::write(d.join(name), text).unwrap();
        std::fs::set_permissions(d.join(name), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::write(d.join("jobs-not-completed.out"), jobs_not_completed).unwrap();
    std::fs::write(d.join("jobs-completed.out"), jobs_completed).unwrap();
    dir
}

fn pdf_file(dir: &Path, bytes: &[u8]) -> String {
    let path = dir.join("printout.pdf");
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

const COMPLETED: &str = "KioskPDF-7              root              3072   Sun Nov 22 06:03:36 2026\n\tStatus: \n\tAlerts: processing-to-stop-point\n\tqueued for KioskPDF\n";
const STOPPED_WITH_ERRORS: &str = "KioskPDF-7              root              1024   Sun Nov 22 06:05:21 2026\n\tStatus: loadFilename failed: unable to find trailer dictionary\n\tAlerts: job-completed-with-errors\n\tqueued for KioskPDF\n";

#[test]
fn help_for_both_commands() {
    let _serial = serial();
    let cups = fake_cups("", "");
    for args in [vec!["print", "--help"], vec!["printers", "--help"]] {
        let o = kioskctl(cups.path(), &args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(stdout(&o).contains("Usage: kioskctl"), "{args:?}");
    }
}

#[test]
fn print_hands_the_file_to_cups_and_prints_the_job_id() {
    let _serial = serial();
    let cups = fake_cups("", COMPLETED);
    let file = pdf_file(cups.path(), PDF);
    let o = kioskctl(cups.path(), &["print", &file]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "Sent to printer KioskPDF as job KioskPDF-7.\n");
    assert_eq!(std::fs::read(cups.path().join("lp.stdin")).unwrap(), PDF);

    let o = kioskctl(cups.path(), &["print", &file, "--json"]);
    let json: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"job_id": "KioskPDF-7", "printer": "KioskPDF"})
    );
}

#[test]
fn wait_follows_the_job_to_its_outcome() {
    let _serial = serial();
    let cups = fake_cups("", COMPLETED);
    let file = pdf_file(cups.path(), PDF);
    let o = kioskctl(cups.path(), &["print", &file, "--wait"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "Sent to printer KioskPDF as job KioskPDF-7.\nKioskPDF-7: printed\n"
    );

    let cups = fake_cups(STOPPED_WITH_ERRORS, "");
    let file = pdf_file(cups.path(), PDF);
    let o = kioskctl(cups.path(), &["print", &file, "--wait"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("KioskPDF-7: failed"), "{}", stdout(&o));
    assert_eq!(
        stderr(&o),
        "Job KioskPDF-7 failed: loadFilename failed: unable to find trailer dictionary.\n"
    );

    // Still queued when the time is up: exit 1, and the job is left alone.
    let queued = "KioskPDF-7              root              3072   Sun Nov 22 06:03:36 2026\n\tStatus: Waiting for printer to become available.\n\tAlerts: none\n\tqueued for KioskPDF\n";
    let cups = fake_cups(queued, "");
    let file = pdf_file(cups.path(), PDF);
    let o = kioskctl(cups.path(), &["print", &file, "--wait", "--wait-secs", "0"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains(
            "KioskPDF-7: waiting in the queue (Waiting for printer to become available.)"
        ),
        "{}",
        stdout(&o)
    );
    assert!(
        stderr(&o).starts_with("Job KioskPDF-7 is still waiting in the queue after 0 s"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn what_is_not_a_pdf_is_not_printed() {
    let _serial = serial();
    let cups = fake_cups("", "");
    let file = pdf_file(cups.path(), b"%!PS-Adobe-3.0\nshowpage\n");
    let o = kioskctl(cups.path(), &["print", &file]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .ends_with("is not a PDF (it does not start with %PDF-), so it was not printed.\n"),
        "{}",
        stderr(&o)
    );
    assert!(!cups.path().join("lp.stdin").exists(), "lp was run");

    let o = kioskctl(cups.path(), &["print", "/nonexistent/report.pdf"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("/nonexistent/report.pdf cannot be opened"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn without_cups_both_commands_say_what_to_install() {
    let _serial = serial();
    let nothing = tempfile::tempdir().unwrap();
    let file = pdf_file(nothing.path(), PDF);
    // No lp or lpstat on a PATH of only an empty folder.
    for args in [vec!["print", file.as_str()], vec!["printers"]] {
        let o = Command::new(env!("CARGO_BIN_EXE_kioskctl"))
            .args(&args)
            .env("PATH", nothing.path())
            .env("KIOSK_DATA_DIR", nothing.path())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert_eq!(
            stderr(&o),
            "Printing is not set up on this computer: the CUPS command `lpstat` was not found. Store IT: install CUPS (apt-get install cups).\n"
        );
    }
}

#[test]
fn printers_lists_the_queues() {
    let _serial = serial();
    let cups = fake_cups("", "");
    let o = kioskctl(cups.path(), &["printers"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "KioskPDF (default): idle, accepting jobs\n");
    let o = kioskctl(cups.path(), &["printers", "--json"]);
    let json: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"name": "KioskPDF", "is_default": true, "accepting": true, "state": "idle", "message": null})
    );
}

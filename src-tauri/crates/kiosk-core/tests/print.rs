//! `print` against stand-ins for CUPS's `lp` and `lpstat` that answer with what CUPS 2.4 prints
//! in each situation (a real scheduler and PDF printer are in tests/system/print.sh). These pin
//! which error a clerk gets for which state of the print system, that the PDF reaches `lp` on
//! stdin byte for byte, and that a hung CUPS cannot hold the kiosk.

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use kiosk_core::print::{Cups, JobState, PrintError, PrinterState};

const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

/// One test at a time: a script written while another thread forks can be briefly held open by
/// the fork, and running it then fails with "Text file busy".
fn serial() -> MutexGuard<'static, ()> {
    static SERIAL: Mutex<()> = Mutex::new(());
    SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A folder with an `lpstat` that prints the files `<flag>.out` / `<flag>.err` / `<flag>.rc` of
/// its folder for its first argument (`-r`, `-d`, `-p`, `-a`, `-l`), and an `lp` that keeps its
/// arguments and stdin and prints `lp.out` / `lp.err` / `lp.rc`.
struct FakeCups {
    dir: tempfile::TempDir,
}

impl FakeCups {
    fn new() -> FakeCups {
        let dir = tempfile::tempdir().unwrap();
        let lpstat = r#"#!/bin/sh
d=$(dirname "$0")
echo "$*" >>"$d/lpstat.calls"
f=$(printf %s "$1" | tr -d -)
[ -f "$d/$f.sleep" ] && sleep "$(cat "$d/$f.sleep")"
[ -f "$d/$f.out" ] && cat "$d/$f.out"
[ -f "$d/$f.err" ] && cat "$d/$f.err" >&2
exit "$(cat "$d/$f.rc" 2>/dev/null || echo 0)"
"#;
        let lp = r#"#!/bin/sh
d=$(dirname "$0")
printf '%s\n' "$@" >"$d/lp.args"
cat >"$d/lp.stdin"
[ -f "$d/lp.out" ] && cat "$d/lp.out"
[ -f "$d/lp.err" ] && cat "$d/lp.err" >&2
exit "$(cat "$d/lp.rc" 2>/dev/null || echo 0)"
"#;
        for (name, text) in [("lpstat", lpstat), ("lp", lp)] {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let fake = FakeCups { dir };
        // A healthy CUPS with the real output of a Debian 12 kiosk: a default PDF queue, a second
        // queue that rejects jobs, a third that is stopped.
        fake.answer("r", "scheduler is running\n", "", 0);
        fake.answer("d", "system default destination: KioskPDF\n", "", 0);
        fake.answer(
            "p",
            "printer Counter-2 disabled since Sun Nov 22 06:05:35 2026 -\n\tPaper jam\n\
             printer KioskPDF is idle.  enabled since Sun Nov 22 06:05:21 2026\n\
             printer Office now printing Office-3.  enabled since Sun Nov 22 06:04:30 2026\n",
            "",
            0,
        );
        fake.answer(
            "a",
            "Counter-2 accepting requests since Sun Nov 22 06:05:35 2026\n\
             KioskPDF accepting requests since Sun Nov 22 06:05:21 2026\n\
             Office not accepting requests since Sun Nov 22 06:04:30 2026 -\n\tMoving store\n",
            "",
            0,
        );
        fake.lp("request id is KioskPDF-7 (0 file(s))\n", "", 0);
        fake
    }

    fn answer(&self, flag: &str, out: &str, err: &str, rc: i32) {
        let d = self.dir.path();
        std::fs::write(d.join(format!("{flag}.out")), out).unwrap();
        std::fs::write(d.join(format!("{flag}.err")), err).unwrap();
        std::fs::write(d.join(format!("{flag}.rc")), rc.to_string()).unwrap();
    }

    fn lp(&self, out: &str, err: &str, rc: i32) {
        self.answer("lp", out, err, rc);
    }

    fn cups(&self) -> Cups {
        Cups::default().with_bin_dir(self.dir.path())
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn lp_ran(&self) -> bool {
        self.path().join("lp.args").exists()
    }
}

#[test]
fn the_pdf_goes_to_lp_on_stdin_with_printer_and_title() {
    let _serial = serial();
    let cups = FakeCups::new();
    let job = cups
        .cups()
        .print_pdf(PDF, Some("KioskPDF"), "Raporti i të dhënave")
        .unwrap();
    assert_eq!(job.job_id, "KioskPDF-7");
    assert_eq!(job.printer, "KioskPDF");
    assert_eq!(std::fs::read(cups.path().join("lp.stdin")).unwrap(), PDF);
    assert_eq!(
        std::fs::read_to_string(cups.path().join("lp.args")).unwrap(),
        "-d\nKioskPDF\n-t\nRaporti i të dhënave\n"
    );
}

#[test]
fn without_a_printer_the_default_one_is_named_to_lp() {
    let _serial = serial();
    let cups = FakeCups::new();
    let job = cups.cups().print_pdf(PDF, None, "t").unwrap();
    assert_eq!(job.printer, "KioskPDF");
    let job = cups.cups().print_pdf(PDF, Some(" "), "t").unwrap();
    assert_eq!(job.printer, "KioskPDF");
    assert!(std::fs::read_to_string(cups.path().join("lp.args"))
        .unwrap()
        .starts_with("-d\nKioskPDF\n"));
}

#[test]
fn each_state_of_the_print_system_has_its_own_error() {
    let _serial = serial();
    // Scheduler down: lpstat -d then claims there is no default, which must not be what the
    // clerk hears.
    let cups = FakeCups::new();
    cups.answer("r", "scheduler is not running\n", "", 0);
    cups.answer("d", "no system default destination\n", "", 0);
    let err = cups.cups().print_pdf(PDF, None, "t").unwrap_err();
    assert_eq!(err, PrintError::SchedulerNotRunning);
    assert_eq!(err.code(), "cups_not_running");

    let cups = FakeCups::new();
    cups.answer("d", "no system default destination\n", "", 0);
    let err = cups.cups().print_pdf(PDF, None, "t").unwrap_err();
    assert_eq!(err.code(), "no_default_printer");
    assert!(
        err.to_string()
            .contains("Printers here: Counter-2, KioskPDF, Office."),
        "{err}"
    );

    let cups = FakeCups::new();
    let err = cups.cups().print_pdf(PDF, Some("Kiosk"), "t").unwrap_err();
    assert_eq!(
        err,
        PrintError::UnknownPrinter {
            name: "Kiosk".into(),
            available: vec!["KioskPDF".into(), "Counter-2".into(), "Office".into()],
        }
    );

    let cups = FakeCups::new();
    let err = cups
        .cups()
        .print_pdf(PDF, Some("Counter-2"), "t")
        .unwrap_err();
    assert_eq!(
        err,
        PrintError::PrinterStopped {
            name: "Counter-2".into(),
            reason: Some("Paper jam".into()),
        }
    );

    let cups = FakeCups::new();
    let err = cups.cups().print_pdf(PDF, Some("Office"), "t").unwrap_err();
    assert_eq!(
        err,
        PrintError::PrinterNotAccepting {
            name: "Office".into(),
            reason: Some("Moving store".into()),
        }
    );
    assert!(!cups.lp_ran(), "lp ran for a printer that rejects jobs");

    // No printers at all.
    let cups = FakeCups::new();
    cups.answer("d", "no system default destination\n", "", 0);
    cups.answer("p", "", "lpstat: No destinations added.\n", 1);
    cups.answer("a", "", "lpstat: No destinations added.\n", 1);
    assert!(cups.cups().list_printers().unwrap().is_empty());
    let err = cups.cups().print_pdf(PDF, None, "t").unwrap_err();
    assert!(
        err.to_string()
            .contains("This computer has no printers set up."),
        "{err}"
    );
}

#[test]
fn lp_refusing_after_the_checks_is_quoted_or_mapped() {
    let _serial = serial();
    let cups = FakeCups::new();
    cups.lp("", "lp: Error - Forbidden\n", 1);
    let err = cups
        .cups()
        .print_pdf(PDF, Some("KioskPDF"), "t")
        .unwrap_err();
    assert_eq!(
        err,
        PrintError::Refused {
            message: "Forbidden".into()
        }
    );

    // The queue was deleted between the check and lp.
    let cups = FakeCups::new();
    cups.lp("", "lp: Error - The printer or class does not exist.\n", 1);
    let err = cups
        .cups()
        .print_pdf(PDF, Some("KioskPDF"), "t")
        .unwrap_err();
    assert_eq!(err.code(), "unknown_printer");

    // lp says "does not exist" when the scheduler died in between: asked again, it is down.
    let cups = FakeCups::new();
    cups.lp("", "lp: Error - The printer or class does not exist.\n", 1);
    std::fs::write(
        cups.path().join("lp"),
        "#!/bin/sh\nd=$(dirname \"$0\")\ncat >/dev/null\necho 'scheduler is not running' >\"$d/r.out\"\necho 'lp: Error - The printer or class does not exist.' >&2\nexit 1\n",
    )
    .unwrap();
    let err = cups
        .cups()
        .print_pdf(PDF, Some("KioskPDF"), "t")
        .unwrap_err();
    assert_eq!(err, PrintError::SchedulerNotRunning);

    // An answer lp never gives.
    let cups = FakeCups::new();
    cups.lp("queued\n", "", 0);
    let err = cups
        .cups()
        .print_pdf(PDF, Some("KioskPDF"), "t")
        .unwrap_err();
    assert_eq!(err.code(), "cups_unexpected_answer");
}

#[test]
fn a_hung_cups_gives_a_timeout_not_a_frozen_kiosk() {
    let _serial = serial();
    let cups = FakeCups::new();
    std::fs::write(cups.path().join("r.sleep"), "30").unwrap();
    let started = Instant::now();
    let err = cups
        .cups()
        .with_timeout(Duration::from_millis(300))
        .print_pdf(PDF, Some("KioskPDF"), "t")
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(err.code(), "cups_timeout");
    assert!(err.to_string().contains("lpstat -r"), "{err}");
}

#[test]
fn a_missing_cups_says_so() {
    let _serial = serial();
    let empty = tempfile::tempdir().unwrap();
    let cups = Cups::default().with_bin_dir(empty.path());
    let err = cups.print_pdf(PDF, None, "t").unwrap_err();
    assert_eq!(err.code(), "cups_missing");
    assert!(err.to_string().contains("apt-get install cups"), "{err}");
    assert_eq!(cups.list_printers().unwrap_err().code(), "cups_missing");
}

#[test]
fn printers_for_the_settings_screen() {
    let _serial = serial();
    let cups = FakeCups::new();
    let printers = cups.cups().list_printers().unwrap();
    let got: Vec<_> = printers
        .iter()
        .map(|p| {
            (
                p.name.as_str(),
                p.is_default,
                p.accepting,
                p.state,
                p.message.as_deref(),
                p.ready(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("KioskPDF", true, true, PrinterState::Idle, None, true),
            (
                "Counter-2",
                false,
                true,
                PrinterState::Stopped,
                Some("Paper jam"),
                false
            ),
            (
                "Office",
                false,
                false,
                PrinterState::Printing,
                Some("Moving store"),
                false
            ),
        ]
    );
}

#[test]
fn job_state_follows_a_job_to_its_outcome() {
    let _serial = serial();
    let cups = FakeCups::new();
    let queued = "KioskPDF-7              root              3072   Sun Nov 22 06:03:36 2026\n\tAlerts: job-printing\n\tqueued for KioskPDF\n";
    cups.answer("l", queued, "", 0);
    let status = cups.cups().job_state("KioskPDF-7").unwrap();
    assert_eq!(status.state, JobState::Processing);
    assert_eq!(status.printer, "KioskPDF");
    assert!(!status.state.is_final());
    assert_eq!(
        std::fs::read_to_string(cups.path().join("lpstat.calls")).unwrap(),
        "-l -W not-completed -o KioskPDF\n"
    );

    // Not among the unfinished jobs: looked up among the finished ones (the same fake answers
    // both, so an empty list means neither has it).
    let cups = FakeCups::new();
    cups.answer("l", "", "", 0);
    let err = cups.cups().job_state("KioskPDF-7").unwrap_err();
    assert_eq!(err.code(), "unknown_print_job");
    let calls = std::fs::read_to_string(cups.path().join("lpstat.calls")).unwrap();
    assert_eq!(
        calls,
        "-l -W not-completed -o KioskPDF\n-l -W completed -o KioskPDF\n-r\n"
    );

    let cups = FakeCups::new();
    cups.answer("l", "", "", 0);
    cups.answer("r", "scheduler is not running\n", "", 0);
    assert_eq!(
        cups.cups().job_state("KioskPDF-7").unwrap_err(),
        PrintError::SchedulerNotRunning
    );

    let cups = FakeCups::new();
    assert_eq!(
        cups.cups().job_state("no id").unwrap_err().code(),
        "invalid_job_id"
    );
}

// Showing and printing a customer's report are disclosures, each with its audit entry.

mod common;

use kiosk_core::disclosure;
use kiosk_core::report::ReportContext;
use kiosk_core::signin::SignedIn;
use protocol::api::StaffRole;
use protocol::Lang;

#[test]
fn every_disclosure_is_audited_with_the_printouts_hash_and_a_refused_print_is_not() {
    let _serial = serial();
    let dir = tempfile::tempdir().unwrap();
    let rt = common::runtime();
    let server = common::start_server(
        &dir.path().join("central.sqlite3"),
        "127.0.0.1:0".parse().unwrap(),
        8,
    );
    let kiosk = common::Kiosk::enrol(&rt, &dir.path().join("kiosk"), &server.url(), 3);
    let mut store = kiosk.store.lock().unwrap();
    let enrolment = kiosk_core::central::enrolled(&store).unwrap();
    let client = kiosk_core::sync::http_client(&Default::default()).unwrap();
    let report = rt
        .block_on(kiosk_core::central::fetch_data_report(
            &client, &enrolment, "C-000002",
        ))
        .unwrap();
    let who = SignedIn {
        staff_id: "PR-0101".into(),
        display_name: "Fictional clerk".into(),
        role: StaffRole::Clerk,
        signed_in_at: kiosk_core::time::now(),
    };
    let ctx = ReportContext {
        lang: Lang::Sq,
        store_code: enrolment.store_code.clone(),
        clerk_id: who.staff_id.clone(),
        printed_at: kiosk_core::time::now(),
        request_reference: "DEMO-PRISHTINA-2026-TEST01".into(),
        full_counterpart_numbers: false,
    };
    let last = |store: &kiosk_core::Store| store.recent_audit(1).unwrap().remove(0);

    // Why: the right of access, exercised in person, and the identity check that established who.
    let why = disclosure::DisclosureGround {
        right: protocol::policy::RightKind::Access,
        identity_verification_id: Some(uuid::Uuid::now_v7()),
        acting: Some(protocol::api::ActingCapacity::Guardian),
    };
    disclosure::record_shown(&mut store, &who, &report, &why).unwrap();
    let shown = last(&store);
    assert_eq!(shown.action, "report.shown");
    assert_eq!(shown.customer_id.as_deref(), Some("C-000002"));
    let detail: serde_json::Value = serde_json::from_str(&shown.detail).unwrap();
    assert_eq!(detail["why"]["right"], "access");
    assert_eq!(detail["why"]["acting"], "guardian");
    assert_eq!(
        detail["why"]["identity_verification_id"],
        why.identity_verification_id.unwrap().to_string()
    );

    let preview = kiosk_core::report::render_data_report(&report, &ctx).unwrap();
    disclosure::record_previewed(&mut store, &who, &report, &ctx, &preview, &why).unwrap();
    let previewed = last(&store);
    assert_eq!(previewed.action, "report.previewed");
    assert!(previewed.detail.contains(&preview.sha256));

    // Printed: the PDF reached lp, and the entry names the job and the document's hash.
    let cups = FakeCups::new();
    let (printed, job) =
        disclosure::print_report(&cups.cups(), &report, &ctx, Some("KioskPDF")).unwrap();
    disclosure::record_printed(&mut store, &who, &report, &ctx, &printed, &job, &why).unwrap();
    assert_eq!(job.job_id, "KioskPDF-7");
    assert_eq!(
        std::fs::read(cups.path().join("lp.stdin")).unwrap(),
        printed.bytes
    );
    let entry = last(&store);
    assert_eq!(entry.action, "report.printed");
    let detail: serde_json::Value = serde_json::from_str(&entry.detail).unwrap();
    assert_eq!(detail["job_id"], "KioskPDF-7");
    assert_eq!(detail["why"]["right"], "access");
    assert_eq!(detail["sha256"], printed.sha256.as_str());
    assert_eq!(
        detail["verification_code"],
        printed.verification_code.as_str()
    );
    // The audit holds ids and hashes, never the customer's data.
    for entry in store.recent_audit(10).unwrap() {
        assert!(
            !entry.detail.contains(&report.customer.last_name),
            "{}",
            entry.action
        );
    }

    // A printer that does not exist: an error, no job, so no "printed" entry.
    let before = last(&store).entry_seq;
    let err =
        disclosure::print_report(&cups.cups(), &report, &ctx, Some("NoSuchPrinter")).unwrap_err();
    assert_eq!(err.code(), "unknown_printer");
    assert_eq!(last(&store).entry_seq, before);
    drop(store);
    server.shutdown().unwrap();
}

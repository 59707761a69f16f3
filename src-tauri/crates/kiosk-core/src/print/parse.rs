//! Reading what CUPS's `lp` and `lpstat` print (CUPS 2.x, C locale). The formats are CUPS's own
//! `lpstat.c` / `lp.c` strings; the tests hold real output of CUPS 2.4 on Debian 12.

use super::{JobState, PrinterState};

/// `request id is KioskPDF-12 (0 file(s))` → `KioskPDF-12`.
pub(crate) fn request_id(lp_stdout: &str) -> Option<String> {
    lp_stdout.lines().find_map(|line| {
        let rest = line.trim().strip_prefix("request id is ")?;
        let id = rest.split_whitespace().next()?;
        split_job_id(id).map(|_| id.to_owned())
    })
}

/// `KioskPDF-12` → (`KioskPDF`, 12). Printer names may contain `-`; the number is after the last.
pub(crate) fn split_job_id(job_id: &str) -> Option<(&str, u32)> {
    let (printer, number) = job_id.rsplit_once('-')?;
    if !super::is_printer_name(printer) || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((printer, number.parse().ok()?))
}

/// `lpstat -r`: whether the scheduler answers (`None` when the answer is something else).
pub(crate) fn scheduler_running(lpstat_r: &str) -> Option<bool> {
    match lpstat_r.trim() {
        "scheduler is running" => Some(true),
        "scheduler is not running" => Some(false),
        _ => None,
    }
}

/// `lpstat -d`: the default destination (without a `/instance` of the user's lpoptions).
/// `Err` when the answer is neither form.
pub(crate) fn default_destination(lpstat_d: &str) -> Result<Option<String>, ()> {
    for line in lpstat_d.lines() {
        let line = line.trim();
        if line == "no system default destination" {
            return Ok(None);
        }
        if let Some(name) = line.strip_prefix("system default destination: ") {
            let name = name.split('/').next().unwrap_or(name).trim();
            if !name.is_empty() {
                return Ok(Some(name.to_owned()));
            }
        }
    }
    Err(())
}

/// One printer of `lpstat -p`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PrinterLine {
    pub name: String,
    pub state: PrinterState,
    pub message: Option<String>,
}

/// `lpstat -p`: `printer NAME is idle.  enabled since …`, `printer NAME now printing JOB.  …`,
/// `printer NAME disabled since … -`, `printer NAME is holding new jobs.  …`, each optionally
/// followed by a tab-indented message.
pub(crate) fn printers(lpstat_p: &str) -> Vec<PrinterLine> {
    let mut out: Vec<PrinterLine> = Vec::new();
    for line in lpstat_p.lines() {
        if let Some(message) = line.strip_prefix('\t') {
            if let Some(last) = out.last_mut() {
                last.message = message_text(message);
            }
            continue;
        }
        let Some(rest) = line.strip_prefix("printer ") else {
            continue;
        };
        let Some((name, status)) = rest.split_once(' ') else {
            continue;
        };
        let (state, message) = if status.starts_with("is idle.") {
            (PrinterState::Idle, None)
        } else if status.starts_with("now printing ") {
            (PrinterState::Printing, None)
        } else if status.starts_with("disabled since ") {
            (PrinterState::Stopped, None)
        } else if status.starts_with("is holding new jobs.") {
            // New jobs wait until someone releases them: for a counter, as good as stopped.
            (PrinterState::Stopped, Some("holding new jobs".to_owned()))
        } else {
            continue;
        };
        out.push(PrinterLine {
            name: name.to_owned(),
            state,
            message,
        });
    }
    out
}

/// `lpstat -a`: `NAME accepting requests since …` or `NAME not accepting requests since … -`
/// followed by a tab-indented reason. → (name, accepting, reason).
pub(crate) fn accepting(lpstat_a: &str) -> Vec<(String, bool, Option<String>)> {
    let mut out: Vec<(String, bool, Option<String>)> = Vec::new();
    for line in lpstat_a.lines() {
        if let Some(message) = line.strip_prefix('\t') {
            if let Some(last) = out.last_mut() {
                last.2 = message_text(message);
            }
            continue;
        }
        let Some((name, rest)) = line.split_once(' ') else {
            continue;
        };
        if rest.starts_with("accepting requests since") {
            out.push((name.to_owned(), true, None));
        } else if rest.starts_with("not accepting requests since") {
            out.push((name.to_owned(), false, None));
        }
    }
    out
}

/// One job of `lpstat -l -o`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JobLine {
    pub job_id: String,
    pub reasons: Vec<String>,
    pub message: Option<String>,
}

/// `lpstat -l -W … -o PRINTER`: a line per job (`ID USER SIZE DATE`), then tab-indented
/// `Status: MESSAGE`, `Alerts: REASON …` and `queued for PRINTER`.
pub(crate) fn jobs(lpstat_lo: &str) -> Vec<JobLine> {
    let mut out: Vec<JobLine> = Vec::new();
    for line in lpstat_lo.lines() {
        if let Some(detail) = line.strip_prefix('\t') {
            let Some(job) = out.last_mut() else { continue };
            if let Some(message) = detail.strip_prefix("Status: ") {
                job.message = message_text(message);
            } else if let Some(alerts) = detail.strip_prefix("Alerts: ") {
                job.reasons = alerts
                    .split_whitespace()
                    .filter(|r| *r != "none")
                    .map(str::to_owned)
                    .collect();
            }
            continue;
        }
        if let Some(id) = line.split_whitespace().next() {
            if split_job_id(id).is_some() {
                out.push(JobLine {
                    job_id: id.to_owned(),
                    reasons: Vec::new(),
                    message: None,
                });
            }
        }
    }
    out
}

/// A job's state from the list it is in (`-W not-completed` or `-W completed`) and its
/// `job-state-reasons`. `lpstat` does not print the IPP `job-state` itself, so an outcome that a
/// backend reports without a reason (cups-pdf failing to write, for one) reads as completed.
pub(crate) fn job_state(finished: bool, reasons: &[String]) -> JobState {
    let has = |pred: &dyn Fn(&str) -> bool| reasons.iter().any(|r| pred(r));
    let error = |r: &str| {
        r.ends_with("-error")
            || r == "job-completed-with-errors"
            || r == "aborted-by-system"
            || r.starts_with("job-aborted")
    };
    if finished {
        if has(&|r| r.starts_with("job-canceled")) {
            JobState::Canceled
        } else if has(&error) {
            JobState::Failed
        } else {
            JobState::Completed
        }
    } else if has(&error) {
        // A job stopped with errors stays in the queue until someone cancels it.
        JobState::Failed
    } else if has(&|r| {
        r == "job-hold-until-specified"
            || r.starts_with("job-held")
            || r == "cups-held-for-authentication"
    }) {
        JobState::Held
    } else if has(&|r| {
        matches!(
            r,
            "job-printing" | "job-transforming" | "processing-to-stop-point"
        )
    }) {
        JobState::Processing
    } else {
        JobState::Pending
    }
}

fn message_text(message: &str) -> Option<String> {
    let message = message.trim();
    (!message.is_empty() && message != "reason unknown").then(|| message.to_owned())
}

/// What a failed CUPS command said on stderr, for a message: its lines without the program name.
pub(crate) fn stderr_message(stderr: &str) -> String {
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            l.split_once(": ")
                .filter(|(program, _)| matches!(*program, "lp" | "lpstat"))
                .map_or(l, |(_, rest)| rest)
        })
        .map(|l| l.strip_prefix("Error - ").unwrap_or(l))
        .collect();
    if lines.is_empty() {
        "no reason given".to_owned()
    } else {
        lines.join(" ")
    }
}

/// What `lp` (or `lpstat`) refusing means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    NoScheduler,
    NoDefault,
    NoSuchPrinter,
    NotAccepting,
    NoDestinations,
    Other(String),
}

pub(crate) fn refusal(stderr: &str) -> Refusal {
    let text = stderr.to_ascii_lowercase();
    if text.contains("scheduler is not running")
        || text.contains("scheduler not responding")
        || text.contains("unable to connect to server")
        || text.contains("connection refused")
    {
        Refusal::NoScheduler
    } else if text.contains("no default destination") {
        Refusal::NoDefault
    } else if text.contains("does not exist") || text.contains("invalid destination name") {
        Refusal::NoSuchPrinter
    } else if text.contains("not accepting jobs") {
        Refusal::NotAccepting
    } else if text.contains("no destinations added") {
        Refusal::NoDestinations
    } else {
        Refusal::Other(stderr_message(stderr))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Real output of CUPS 2.4.2 (Debian 12), LC_ALL=C.
    const LPSTAT_P: &str = "printer Bad disabled since Sun Nov 22 06:05:35 2026 -\n\tPaper jam\nprinter Broken now printing Broken-2.  enabled since Sun Nov 22 06:04:30 2026\n\tThe printer may not exist or is unavailable at this time.\nprinter KioskPDF is idle.  enabled since Sun Nov 22 06:05:21 2026\nprinter Office-2nd-floor is holding new jobs.  enabled since Sun Nov 22 06:05:21 2026\nprinter Quiet disabled since Sun Nov 22 06:06:00 2026 -\n\treason unknown\n";
    const LPSTAT_A: &str = "Bad accepting requests since Sun Nov 22 06:05:35 2026\nBroken not accepting requests since Sun Nov 22 06:04:30 2026 -\n\tMoving store\nKioskPDF accepting requests since Sun Nov 22 06:05:21 2026\n";
    const LPSTAT_JOBS_NOT_COMPLETED: &str = "KioskPDF-4              root              1024   Sun Nov 22 06:05:21 2026\n\tStatus: loadFilename failed: /var/spool/cups/d00004-001: unable to find trailer dictionary while recovering damaged file\n\tAlerts: job-completed-with-errors\n\tqueued for KioskPDF\nKioskPDF-5              root              3072   Sun Nov 22 06:05:35 2026\n\tAlerts: none\n\tqueued for KioskPDF\nKioskPDF-6              root              3072   Sun Nov 22 06:05:36 2026\n\tStatus: The printer may not exist or is unavailable at this time.\n\tAlerts: job-printing\n\tqueued for KioskPDF\n";
    const LPSTAT_JOBS_COMPLETED: &str = "KioskPDF-1              root              3072   Sun Nov 22 06:03:36 2026\n\tStatus: \n\tAlerts: processing-to-stop-point\n\tqueued for KioskPDF\nKioskPDF-2              root              3072   Sun Nov 22 06:04:30 2026\n\tStatus: The printer may not exist or is unavailable at this time.\n\tAlerts: job-canceled-by-user\n\tqueued for KioskPDF\n";

    #[test]
    fn the_request_id_of_lp() {
        assert_eq!(
            request_id("request id is KioskPDF-1 (0 file(s))\n").as_deref(),
            Some("KioskPDF-1")
        );
        assert_eq!(
            request_id("request id is Office-2nd-floor-1234 (1 file(s))").as_deref(),
            Some("Office-2nd-floor-1234")
        );
        assert_eq!(request_id(""), None);
        assert_eq!(request_id("request id is nonsense (1 file(s))"), None);
        assert_eq!(
            split_job_id("Office-2nd-floor-1234"),
            Some(("Office-2nd-floor", 1234))
        );
        assert_eq!(split_job_id("-12"), None);
        assert_eq!(split_job_id("KioskPDF-"), None);
        assert_eq!(split_job_id("KioskPDF-1x"), None);
    }

    #[test]
    fn scheduler_and_default_destination() {
        assert_eq!(scheduler_running("scheduler is running\n"), Some(true));
        assert_eq!(scheduler_running("scheduler is not running\n"), Some(false));
        assert_eq!(scheduler_running("lpstat: Bad file descriptor"), None);
        assert_eq!(
            default_destination("system default destination: KioskPDF\n"),
            Ok(Some("KioskPDF".to_owned()))
        );
        assert_eq!(
            default_destination("system default destination: KioskPDF/draft\n"),
            Ok(Some("KioskPDF".to_owned()))
        );
        assert_eq!(
            default_destination("no system default destination\n"),
            Ok(None)
        );
        assert_eq!(default_destination("something else"), Err(()));
    }

    #[test]
    fn printers_with_their_state_and_messages() {
        let p = printers(LPSTAT_P);
        let got: Vec<(&str, PrinterState, Option<&str>)> = p
            .iter()
            .map(|l| (l.name.as_str(), l.state, l.message.as_deref()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Bad", PrinterState::Stopped, Some("Paper jam")),
                (
                    "Broken",
                    PrinterState::Printing,
                    Some("The printer may not exist or is unavailable at this time.")
                ),
                ("KioskPDF", PrinterState::Idle, None),
                (
                    "Office-2nd-floor",
                    PrinterState::Stopped,
                    Some("holding new jobs")
                ),
                ("Quiet", PrinterState::Stopped, None),
            ]
        );
        assert_eq!(printers(""), vec![]);
    }

    #[test]
    fn accepting_or_not_with_the_reason() {
        assert_eq!(
            accepting(LPSTAT_A),
            vec![
                ("Bad".to_owned(), true, None),
                ("Broken".to_owned(), false, Some("Moving store".to_owned())),
                ("KioskPDF".to_owned(), true, None),
            ]
        );
    }

    #[test]
    fn jobs_with_reasons_and_messages() {
        let j = jobs(LPSTAT_JOBS_NOT_COMPLETED);
        assert_eq!(j.len(), 3);
        assert_eq!(j[0].job_id, "KioskPDF-4");
        assert_eq!(j[0].reasons, vec!["job-completed-with-errors"]);
        assert!(j[0]
            .message
            .as_deref()
            .is_some_and(|m| m.starts_with("loadFilename failed")));
        assert_eq!(j[1].job_id, "KioskPDF-5");
        assert!(j[1].reasons.is_empty());
        assert_eq!(j[1].message, None);
        assert_eq!(j[2].reasons, vec!["job-printing"]);

        let c = jobs(LPSTAT_JOBS_COMPLETED);
        assert_eq!(c[0].message, None);
        assert_eq!(c[0].reasons, vec!["processing-to-stop-point"]);
        assert_eq!(c[1].reasons, vec!["job-canceled-by-user"]);
    }

    #[test]
    fn job_states_from_list_and_reasons() {
        let r = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(job_state(false, &r(&[])), JobState::Pending);
        assert_eq!(
            job_state(false, &r(&["job-printing"])),
            JobState::Processing
        );
        assert_eq!(
            job_state(false, &r(&["job-hold-until-specified"])),
            JobState::Held
        );
        assert_eq!(
            job_state(false, &r(&["job-completed-with-errors"])),
            JobState::Failed
        );
        assert_eq!(
            job_state(false, &r(&["document-format-error"])),
            JobState::Failed
        );
        assert_eq!(
            job_state(true, &r(&["processing-to-stop-point"])),
            JobState::Completed
        );
        assert_eq!(
            job_state(true, &r(&["job-completed-successfully"])),
            JobState::Completed
        );
        assert_eq!(
            job_state(true, &r(&["job-canceled-by-user"])),
            JobState::Canceled
        );
        assert_eq!(
            job_state(true, &r(&["aborted-by-system"])),
            JobState::Failed
        );
    }

    #[test]
    fn what_a_refusal_means() {
        assert_eq!(
            refusal("lp: Error - The printer or class does not exist.\n"),
            Refusal::NoSuchPrinter
        );
        assert_eq!(
            refusal("lpstat: Invalid destination name in list \"Nope\".\n"),
            Refusal::NoSuchPrinter
        );
        assert_eq!(
            refusal("lp: Error - No default destination.\n"),
            Refusal::NoDefault
        );
        assert_eq!(
            refusal("lp: Destination \"Broken\" is not accepting jobs.\n"),
            Refusal::NotAccepting
        );
        assert_eq!(
            refusal("lpstat: Scheduler is not running.\n"),
            Refusal::NoScheduler
        );
        assert_eq!(
            refusal("lpstat: No destinations added.\n"),
            Refusal::NoDestinations
        );
        assert_eq!(
            refusal("lp: Error - Forbidden\n"),
            Refusal::Other("Forbidden".to_owned())
        );
        assert_eq!(stderr_message(""), "no reason given");
    }
}

//! CUPS through its command-line client: `lp` to spool, `lpstat` to look. Each command runs in the
//! C locale with a time limit; the PDF goes to `lp` on stdin.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::parse::{self, Refusal};
use super::{JobStatus, PrintError, PrintJob, PrinterInfo};

/// How long one CUPS command may take. Spooling a large report to a local scheduler takes well
/// under a second; this is for a hung scheduler or a print server that does not answer.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);

/// IPP's limit for a job name.
const MAX_TITLE_BYTES: usize = 255;

/// How to reach CUPS: where its commands are and how long to wait for them.
#[derive(Debug, Clone)]
pub struct Cups {
    bin_dir: Option<PathBuf>,
    timeout: Duration,
}

impl Default for Cups {
    /// The commands from `PATH`, [`DEFAULT_TIMEOUT`].
    fn default() -> Self {
        Cups {
            bin_dir: None,
            timeout: DEFAULT_TIMEOUT,
        }
    }
}

/// What a command left behind.
struct Ran {
    status: ExitStatus,
    stdout: String,
    stderr: String,
    /// Set when the input could not be written whole.
    stdin_error: Option<std::io::Error>,
}

impl Cups {
    /// Run `lp` and `lpstat` from this folder instead of from `PATH` (a kiosk image that installs
    /// CUPS's client elsewhere; tests).
    pub fn with_bin_dir(mut self, dir: impl Into<PathBuf>) -> Cups {
        self.bin_dir = Some(dir.into());
        self
    }

    pub fn with_timeout(mut self, timeout: Duration) -> Cups {
        self.timeout = timeout;
        self
    }

    /// Prints a PDF held in memory on `printer`, or on the computer's default printer when `None`
    /// (or empty).
    ///
    /// Refuses bytes that are not a PDF, and checks before spooling that the scheduler runs and
    /// that the printer exists, is not stopped and accepts jobs, so that each of these has its own
    /// error. `title` is the job's name in CUPS (shown by `lpstat`, logged): no personal data.
    pub fn print_pdf(
        &self,
        bytes: &[u8],
        printer: Option<&str>,
        title: &str,
    ) -> Result<PrintJob, PrintError> {
        supported()?;
        if !bytes.starts_with(b"%PDF-") {
            return Err(PrintError::NotPdf);
        }
        // A settings screen may keep "no printer chosen" as an empty name.
        let printer = printer.map(str::trim).filter(|p| !p.is_empty());
        self.require_scheduler()?;
        let printers = self.printers()?;
        let available = || printers.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
        let name = match printer {
            Some(name) => name.to_owned(),
            None => match printers.iter().find(|p| p.is_default) {
                Some(p) => p.name.clone(),
                None => {
                    return Err(PrintError::NoDefaultPrinter {
                        available: available(),
                    })
                }
            },
        };
        let Some(info) = printers.iter().find(|p| p.name == name) else {
            return Err(PrintError::UnknownPrinter {
                name,
                available: available(),
            });
        };
        if info.state == super::PrinterState::Stopped {
            return Err(PrintError::PrinterStopped {
                name,
                reason: info.message.clone(),
            });
        }
        if !info.accepting {
            return Err(PrintError::PrinterNotAccepting {
                name,
                reason: info.message.clone(),
            });
        }

        let title = job_title(title);
        // No file operand: lp reads the document from stdin, so it never exists as a file here.
        let ran = self.run("lp", &["-d", &name, "-t", &title], Some(bytes))?;
        if !ran.status.success() {
            return Err(self.lp_refused(&name, &ran.stderr, available()));
        }
        if let Some(e) = ran.stdin_error {
            return Err(PrintError::CommandFailed {
                command: "lp".into(),
                reason: format!("the printout could not be handed over whole: {e}"),
            });
        }
        match parse::request_id(&ran.stdout) {
            Some(job_id) => {
                tracing::info!(%job_id, printer = %name, bytes = bytes.len(), "printout spooled");
                Ok(PrintJob {
                    job_id,
                    printer: name,
                })
            }
            None => Err(PrintError::UnexpectedAnswer {
                command: "lp".into(),
                output: ran.stdout.trim().to_owned(),
            }),
        }
    }

    /// The printers (CUPS queues) of this computer, the default first, then by name.
    pub fn list_printers(&self) -> Result<Vec<PrinterInfo>, PrintError> {
        supported()?;
        self.require_scheduler()?;
        self.printers()
    }

    fn printers(&self) -> Result<Vec<PrinterInfo>, PrintError> {
        let default = {
            let ran = self.run("lpstat", &["-d"], None)?;
            parse::default_destination(&ran.stdout).map_err(|()| PrintError::UnexpectedAnswer {
                command: "lpstat -d".into(),
                output: ran.stdout.trim().to_owned(),
            })?
        };
        let Some(p) = self.lpstat_list("-p")? else {
            return Ok(Vec::new());
        };
        let accepting = self
            .lpstat_list("-a")?
            .map_or_else(Vec::new, |a| parse::accepting(&a));
        let mut printers: Vec<PrinterInfo> = parse::printers(&p)
            .into_iter()
            .map(|line| {
                let acc = accepting.iter().find(|(name, ..)| *name == line.name);
                PrinterInfo {
                    is_default: default.as_deref() == Some(line.name.as_str()),
                    // A queue `lpstat -a` does not list cannot be relied on to take jobs.
                    accepting: acc.is_some_and(|(_, yes, _)| *yes),
                    // The reason it rejects jobs matters more than its last status message.
                    message: acc
                        .and_then(|(_, _, reason)| reason.clone())
                        .or(line.message),
                    name: line.name,
                    state: line.state,
                }
            })
            .collect();
        printers.sort_by(|a, b| b.is_default.cmp(&a.is_default).then(a.name.cmp(&b.name)));
        Ok(printers)
    }

    /// Where a job stands: queued, printing, or its outcome. A finished job stays in CUPS's
    /// history (by default up to a day, `PreserveJobHistory`); after that it is
    /// [`PrintError::UnknownJob`].
    pub fn job_state(&self, job_id: &str) -> Result<JobStatus, PrintError> {
        supported()?;
        let Some((printer, _)) = parse::split_job_id(job_id) else {
            // At most a line of it in the message: the id may be anything a caller passed.
            return Err(PrintError::InvalidJobId(job_id.chars().take(80).collect()));
        };
        for (which, finished) in [("not-completed", false), ("completed", true)] {
            let ran = self.run("lpstat", &["-l", "-W", which, "-o", printer], None)?;
            if !ran.status.success() {
                return Err(match parse::refusal(&ran.stderr) {
                    Refusal::NoScheduler => PrintError::SchedulerNotRunning,
                    Refusal::NoSuchPrinter | Refusal::NoDestinations => PrintError::UnknownJob {
                        job_id: job_id.to_owned(),
                    },
                    _ => PrintError::UnexpectedAnswer {
                        command: format!("lpstat -W {which} -o {printer}"),
                        output: parse::stderr_message(&ran.stderr),
                    },
                });
            }
            if let Some(job) = parse::jobs(&ran.stdout)
                .into_iter()
                .find(|j| j.job_id == job_id)
            {
                return Ok(JobStatus {
                    job_id: job.job_id,
                    printer: printer.to_owned(),
                    state: parse::job_state(finished, &job.reasons),
                    reasons: job.reasons,
                    message: job.message,
                });
            }
        }
        // lpstat lists nothing, not even an error, when the scheduler is down.
        self.require_scheduler()?;
        Err(PrintError::UnknownJob {
            job_id: job_id.to_owned(),
        })
    }

    fn require_scheduler(&self) -> Result<(), PrintError> {
        let ran = self.run("lpstat", &["-r"], None)?;
        match parse::scheduler_running(&ran.stdout) {
            Some(true) => Ok(()),
            Some(false) => Err(PrintError::SchedulerNotRunning),
            None => Err(PrintError::UnexpectedAnswer {
                command: "lpstat -r".into(),
                output: format!("{} {}", ran.stdout.trim(), ran.stderr.trim())
                    .trim()
                    .to_owned(),
            }),
        }
    }

    /// `lpstat -p` or `-a` over every printer; `None` when there are none.
    fn lpstat_list(&self, flag: &str) -> Result<Option<String>, PrintError> {
        let ran = self.run("lpstat", &[flag], None)?;
        if ran.status.success() {
            return Ok(Some(ran.stdout));
        }
        match parse::refusal(&ran.stderr) {
            Refusal::NoDestinations => Ok(None),
            Refusal::NoScheduler => Err(PrintError::SchedulerNotRunning),
            _ => Err(PrintError::UnexpectedAnswer {
                command: format!("lpstat {flag}"),
                output: parse::stderr_message(&ran.stderr),
            }),
        }
    }

    /// `lp` failed although the checks before passed: the printer changed in between, or CUPS
    /// refused for a reason of its own (quota, authorisation, …).
    fn lp_refused(&self, name: &str, stderr: &str, available: Vec<String>) -> PrintError {
        match parse::refusal(stderr) {
            Refusal::NoScheduler => PrintError::SchedulerNotRunning,
            // lp says the printer does not exist when it cannot reach the scheduler to ask.
            Refusal::NoSuchPrinter | Refusal::NoDefault => match self.require_scheduler() {
                Err(e) => e,
                Ok(()) => PrintError::UnknownPrinter {
                    name: name.to_owned(),
                    available,
                },
            },
            Refusal::NotAccepting => PrintError::PrinterNotAccepting {
                name: name.to_owned(),
                reason: None,
            },
            Refusal::NoDestinations => PrintError::UnknownPrinter {
                name: name.to_owned(),
                available: Vec::new(),
            },
            Refusal::Other(message) => PrintError::Refused { message },
        }
    }

    /// Runs one CUPS command in the C locale, feeding `stdin`, and gives up after the timeout
    /// (the command is killed).
    fn run(&self, program: &str, args: &[&str], stdin: Option<&[u8]>) -> Result<Ran, PrintError> {
        let path = match &self.bin_dir {
            Some(dir) => dir.join(program),
            None => PathBuf::from(program),
        };
        let shown = || format!("{program} {}", args.join(" "));
        let mut child = Command::new(&path)
            .args(args)
            .env("LC_ALL", "C")
            .env("LANG", "C")
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => PrintError::CupsMissing {
                    command: program.to_owned(),
                },
                _ => PrintError::CommandFailed {
                    command: shown(),
                    reason: e.to_string(),
                },
            })?;

        // Own threads, not scoped ones: if the command hangs, nothing here waits for them.
        let (tx, rx) = mpsc::channel::<(u8, std::io::Result<Vec<u8>>)>();
        let writer = match (child.stdin.take(), stdin) {
            (Some(mut pipe), Some(bytes)) => {
                let bytes = bytes.to_vec();
                Some(std::thread::spawn(move || {
                    let result = pipe.write_all(&bytes);
                    drop(pipe);
                    result
                }))
            }
            _ => None,
        };
        for (tag, pipe) in [
            (
                1u8,
                child
                    .stdout
                    .take()
                    .map(|p| Box::new(p) as Box<dyn Read + Send>),
            ),
            (
                2u8,
                child
                    .stderr
                    .take()
                    .map(|p| Box::new(p) as Box<dyn Read + Send>),
            ),
        ] {
            if let Some(mut pipe) = pipe {
                let tx = tx.clone();
                std::thread::spawn(move || {
                    let mut buf = Vec::new();
                    let result = pipe.read_to_end(&mut buf).map(|_| buf);
                    let _ = tx.send((tag, result));
                });
            }
        }
        drop(tx);

        let deadline = Instant::now() + self.timeout;
        let timed_out = || PrintError::Timeout {
            command: shown(),
            timeout: self.timeout,
        };
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if Instant::now() >= deadline => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err(timed_out());
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(e) => {
                    let _ = child.kill();
                    return Err(PrintError::CommandFailed {
                        command: shown(),
                        reason: e.to_string(),
                    });
                }
            }
        };
        let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
        for _ in 0..2 {
            let left = deadline.saturating_duration_since(Instant::now());
            // A child of the command could hold the pipes open after it exits.
            let (tag, result) = rx
                .recv_timeout(left.max(Duration::from_millis(100)))
                .map_err(|_| timed_out())?;
            let bytes = result.map_err(|e| PrintError::CommandFailed {
                command: shown(),
                reason: e.to_string(),
            })?;
            if tag == 1 {
                stdout = bytes;
            } else {
                stderr = bytes;
            }
        }
        let stdin_error = writer.and_then(|w| match w.join() {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e),
            Err(_) => Some(std::io::Error::other("the writing thread failed")),
        });
        Ok(Ran {
            status,
            stdout: String::from_utf8_lossy(&stdout).into_owned(),
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
            stdin_error,
        })
    }
}

#[cfg(target_os = "linux")]
fn supported() -> Result<(), PrintError> {
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn supported() -> Result<(), PrintError> {
    Err(PrintError::Unsupported)
}

/// A job name IPP accepts: one line, at most 255 bytes, never empty.
fn job_title(title: &str) -> String {
    let mut clean: String = title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned();
    if clean.is_empty() {
        clean = "IPKO privacy kiosk".to_owned();
    }
    if clean.len() > MAX_TITLE_BYTES {
        let mut end = MAX_TITLE_BYTES;
        while !clean.is_char_boundary(end) {
            end -= 1;
        }
        clean.truncate(end);
    }
    clean
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_titles_are_one_bounded_line() {
        assert_eq!(job_title("Raporti\ni të dhënave"), "Raporti i të dhënave");
        assert_eq!(job_title("  \t "), "IPKO privacy kiosk");
        let long = "ë".repeat(200);
        let t = job_title(&long);
        assert!(t.len() <= MAX_TITLE_BYTES && t.chars().all(|c| c == 'ë'));
    }

    #[test]
    fn bytes_that_are_not_a_pdf_are_refused_before_cups_is_asked() {
        // A folder with no lp in it: asking CUPS would fail with cups_missing instead.
        let empty = std::env::temp_dir().join("kiosk-print-test-no-such-dir");
        let cups = Cups::default().with_bin_dir(&empty);
        for bytes in [&b""[..], b"%!PS-Adobe-3.0\n", b" %PDF-1.7"] {
            assert_eq!(
                cups.print_pdf(bytes, Some("KioskPDF"), "t"),
                Err(PrintError::NotPdf)
            );
        }
        assert_eq!(
            cups.print_pdf(b"%PDF-1.7\n", Some("KioskPDF"), "t"),
            Err(PrintError::CupsMissing {
                command: "lpstat".into()
            })
        );
    }
}

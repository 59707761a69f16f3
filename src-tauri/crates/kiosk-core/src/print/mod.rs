//! Printing a PDF (the data access report, a receipt) on the counter's printer.
//!
//! **Linux** (the kiosk's platform today): through CUPS's command-line client. [`print_pdf`] pipes
//! the PDF to `lp` on its standard input, so the printout never touches the kiosk's disk: there is
//! no temporary file to remove. CUPS itself spools the job in `/var/spool/cups` and, with its
//! default `PreserveJobFiles 86400`, keeps the document there for a day after printing: a kiosk's
//! `cupsd.conf` should say `PreserveJobFiles No` (see the README's printing section). Before
//! spooling, the printer is checked (scheduler running, printer known, not stopped, accepting), so
//! that the clerk hears what is wrong instead of a job waiting forever in a queue. [`list_printers`]
//! is for the settings screen, [`job_state`] for following a job to its end.
//!
//! Every CUPS command runs in the C locale (CUPS translates its messages, and these are parsed)
//! and with a time limit ([`DEFAULT_TIMEOUT`]): a hung scheduler or an unreachable print server
//! (`CUPS_SERVER`, which `lp` and `lpstat` honour) gives [`PrintError::Timeout`] instead of a
//! frozen counter. The job title is shown by `lpstat` to every user of the computer and written to
//! CUPS's logs: it must never hold personal data.
//!
//! **Windows: not built yet.** The Windows build would print through the Windows spooler: the
//! Win32 print API with a PDF rasteriser (PDFium renders each page to the printer's device context
//! from `StartDocW`/`StartPage`), or a bundled SumatraPDF run as
//! `SumatraPDF.exe -print-to "NAME" -silent FILE` (`-print-to-default` for the default printer),
//! whose job id would come from the spooler (`EnumJobsW`). Both need a file or an in-memory
//! rasteriser and neither is written or tested; until one is, every function here answers
//! [`PrintError::Unsupported`] on any system but Linux.
//!
//! [`Cups`] holds the settings (where the commands are, the time limit); the free functions use
//! the defaults.

mod cups;
mod error;
mod parse;

use serde::Serialize;

pub use cups::{Cups, DEFAULT_TIMEOUT};
pub use error::PrintError;

/// A job CUPS accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrintJob {
    /// CUPS's request id, `PRINTER-N` (e.g. `KioskPDF-12`).
    pub job_id: String,
    /// The printer (queue) it went to.
    pub printer: String,
}

/// A printer (a CUPS queue) as the settings screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrinterInfo {
    pub name: String,
    /// The computer's default printer: used when the kiosk has none chosen.
    pub is_default: bool,
    /// Whether the queue takes new jobs (`cupsaccept` / `cupsreject`).
    pub accepting: bool,
    pub state: PrinterState,
    /// What CUPS says about the printer: why it is stopped or not accepting, the last error
    /// ("Paper jam", "The printer is not responding."), or nothing.
    pub message: Option<String>,
}

impl PrinterInfo {
    /// Whether a job sent now would be printed without someone acting first.
    pub fn ready(&self) -> bool {
        self.accepting && self.state != PrinterState::Stopped
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PrinterState {
    Idle,
    Printing,
    /// Disabled (`cupsdisable`, or by CUPS after an error): jobs wait until it is enabled again.
    Stopped,
}

/// Where a job stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Waiting in the queue (behind other jobs, or for a stopped printer).
    Pending,
    /// Held: it prints only once someone releases it.
    Held,
    /// Being converted or sent to the printer.
    Processing,
    /// Done: the printer (or the PDF writer) took the whole job.
    Completed,
    /// Cancelled by a person (`cancel`, the printer's panel).
    Canceled,
    /// Stopped or aborted with an error (unprintable document, a filter or the printer failed).
    Failed,
}

impl JobState {
    /// No further change is coming without a person.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            JobState::Completed | JobState::Canceled | JobState::Failed
        )
    }

    /// A short phrase for progress lines.
    pub fn describe(self) -> &'static str {
        match self {
            JobState::Pending => "waiting in the queue",
            JobState::Held => "held in the queue",
            JobState::Processing => "printing",
            JobState::Completed => "printed",
            JobState::Canceled => "cancelled",
            JobState::Failed => "failed",
        }
    }
}

/// A job's state with CUPS's reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobStatus {
    pub job_id: String,
    pub printer: String,
    pub state: JobState,
    /// CUPS's `job-state-reasons` keywords (`job-printing`, `job-canceled-by-user`, …).
    pub reasons: Vec<String>,
    /// CUPS's last message about the job ("loadFilename failed: …"), if any.
    pub message: Option<String>,
}

/// Prints a PDF on the named printer, or on the computer's default printer. See [`Cups::print_pdf`].
pub fn print_pdf(bytes: &[u8], printer: Option<&str>, title: &str) -> Result<PrintJob, PrintError> {
    Cups::default().print_pdf(bytes, printer, title)
}

/// The printers of this computer, the default first. See [`Cups::list_printers`].
pub fn list_printers() -> Result<Vec<PrinterInfo>, PrintError> {
    Cups::default().list_printers()
}

/// Where a job stands. See [`Cups::job_state`].
/// CUPS's rule for a printer's name: 1 to 127 printable characters, no space, tab, "/" or "#";
/// and not starting with "-", so that a name can never read as an option of `lp` or `lpstat`.
pub fn is_printer_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= 127
        && !name.starts_with('-')
        && name
            .chars()
            .all(|c| !c.is_control() && !c.is_whitespace() && c != '/' && c != '#')
        && !crate::capture::values::holds_hidden_characters(name)
}

pub fn job_state(job_id: &str) -> Result<JobStatus, PrintError> {
    Cups::default().job_state(job_id)
}

//! Why a printout did not reach the printer, for the clerk (first sentence) and store IT (the
//! command that fixes it). Codes are stable: the desktop app and support scripts match on them.

use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PrintError {
    #[error(
        "Printing is not supported on this system yet: the kiosk prints through CUPS on Linux; the Windows print path is not built."
    )]
    Unsupported,

    #[error("This is not a PDF document (it does not start with %PDF-), so it was not printed.")]
    NotPdf,

    #[error(
        "Printing is not set up on this computer: the CUPS command `{command}` was not found. Store IT: install CUPS (apt-get install cups)."
    )]
    CupsMissing { command: String },

    #[error(
        "The print service (CUPS) is not running, so nothing can be printed. Store IT: start it (systemctl start cups), or check CUPS_SERVER if printing goes through a print server."
    )]
    SchedulerNotRunning,

    #[error(
        "No printer was chosen and this computer has no default printer. Choose a printer in the kiosk's settings, or store IT: make one the default (lpadmin -d NAME).{}",
        available_list(.available)
    )]
    NoDefaultPrinter { available: Vec<String> },

    #[error(
        "There is no printer named \"{name}\" on this computer.{} Choose another in the kiosk's settings.",
        available_list(.available)
    )]
    UnknownPrinter {
        name: String,
        available: Vec<String>,
    },

    #[error(
        "The printer \"{name}\" is stopped{}: nothing prints until it is started again. Check the printer (paper, toner, cable), then store IT: cupsenable {name}.",
        reason_suffix(.reason)
    )]
    PrinterStopped {
        name: String,
        reason: Option<String>,
    },

    #[error(
        "The printer \"{name}\" is not accepting jobs{}. Store IT: cupsaccept {name}, or choose another printer.",
        reason_suffix(.reason)
    )]
    PrinterNotAccepting {
        name: String,
        reason: Option<String>,
    },

    #[error("The print service refused the printout: {message}")]
    Refused { message: String },

    #[error(
        "The print service did not answer within {} s ({command}); it may be hung or its print server unreachable. Try again; if it persists, store IT: restart CUPS.",
        .timeout.as_secs()
    )]
    Timeout { command: String, timeout: Duration },

    #[error(
        "The print service answered in a way the kiosk does not understand ({command}): {output}"
    )]
    UnexpectedAnswer { command: String, output: String },

    #[error("The CUPS command `{command}` could not be run: {reason}")]
    CommandFailed { command: String, reason: String },

    #[error("\"{0}\" is not a print job id (CUPS's ids look like PRINTER-12).")]
    InvalidJobId(String),

    #[error(
        "The print service has no job {job_id}: it may have finished and been removed from its history."
    )]
    UnknownJob { job_id: String },
}

impl PrintError {
    /// A stable snake_case code. Never change one.
    pub fn code(&self) -> &'static str {
        match self {
            PrintError::Unsupported => "print_unsupported_platform",
            PrintError::NotPdf => "not_a_pdf",
            PrintError::CupsMissing { .. } => "cups_missing",
            PrintError::SchedulerNotRunning => "cups_not_running",
            PrintError::NoDefaultPrinter { .. } => "no_default_printer",
            PrintError::UnknownPrinter { .. } => "unknown_printer",
            PrintError::PrinterStopped { .. } => "printer_stopped",
            PrintError::PrinterNotAccepting { .. } => "printer_not_accepting",
            PrintError::Refused { .. } => "print_refused",
            PrintError::Timeout { .. } => "cups_timeout",
            PrintError::UnexpectedAnswer { .. } => "cups_unexpected_answer",
            PrintError::CommandFailed { .. } => "cups_command_failed",
            PrintError::InvalidJobId(_) => "invalid_job_id",
            PrintError::UnknownJob { .. } => "unknown_print_job",
        }
    }
}

fn available_list(available: &[String]) -> String {
    if available.is_empty() {
        " This computer has no printers set up.".to_owned()
    } else {
        format!(" Printers here: {}.", available.join(", "))
    }
}

fn reason_suffix(reason: &Option<String>) -> String {
    match reason {
        Some(r) => format!(" ({r})"),
        None => String::new(),
    }
}

/// The same `{ "code", "message" }` shape as every other error that crosses to the UI.
impl serde::Serialize for PrintError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::error::serialize_code_message(serializer, self.code(), &self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_serialise_as_code_and_message() {
        let err = PrintError::PrinterStopped {
            name: "Counter-1".into(),
            reason: Some("Paper jam".into()),
        };
        let json = serde_json::to_value(&err).unwrap_or_default();
        assert_eq!(json["code"], "printer_stopped");
        assert_eq!(
            json["message"],
            "The printer \"Counter-1\" is stopped (Paper jam): nothing prints until it is started again. Check the printer (paper, toner, cable), then store IT: cupsenable Counter-1."
        );
        assert_eq!(json.as_object().map(|o| o.len()), Some(2));
    }

    #[test]
    fn an_unknown_printer_names_the_ones_there_are() {
        let err = PrintError::UnknownPrinter {
            name: "Kiosk".into(),
            available: vec!["Counter-1".into(), "Office".into()],
        };
        assert_eq!(
            err.to_string(),
            "There is no printer named \"Kiosk\" on this computer. Printers here: Counter-1, Office. Choose another in the kiosk's settings."
        );
        let none = PrintError::NoDefaultPrinter { available: vec![] };
        assert!(none
            .to_string()
            .ends_with("This computer has no printers set up."));
    }
}

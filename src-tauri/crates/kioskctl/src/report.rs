//! `kioskctl report render`: a data report saved as JSON (the central API's
//! `GET /v1/customers/{id}/data-report` answer) printed to PDF, as the counter prints it. Also the
//! reading of JSON input files and the writing of PDFs that `kioskctl receipt` shares.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Subcommand};
use kiosk_core::report::{render_data_report, RenderedPdf, ReportContext, ReportError};
use kiosk_core::Store;
use protocol::api::DataReport;
use protocol::Lang;
use serde::de::DeserializeOwned;

use crate::failure::{Failure, EXIT_FAILED};

/// An input file that is missing or unusable: the command line named the wrong thing.
pub(crate) const EXIT_BAD_INPUT: u8 = 2;
/// A longer render says so on stderr, so that nobody thinks it hangs.
const PROGRESS_AFTER: Duration = Duration::from_secs(2);
/// What the footer says when the command line names no store or clerk.
const NOT_GIVEN: &str = "—";

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Print a customer's data report (JSON) to a PDF, as the counter prints it.
    #[command(
        long_about = "Print a customer's data report to a PDF, as the counter prints it: every \
            category of IPKO's privacy policy with the customer's records, the traffic of the \
            retention period, consents, open requests, rights and how to complain.\n\n\
            FILE.json is the central API's answer to GET /v1/customers/{id}/data-report. The \
            other parties' numbers lose their last three digits unless --full-numbers says the \
            customer explicitly asked for them.\n\n\
            Prints the PDF's page count, size and verification code. Exit code 0 when the PDF is \
            written, 1 when it cannot be made or written, 2 when the data file is missing or is not \
            a data report."
    )]
    Render(RenderArgs),
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The data report, as JSON.
    #[arg(long, value_name = "FILE.json")]
    data: PathBuf,
    /// The language of the printout: sq (Albanian), en or sr (Serbian).
    #[arg(long, value_name = "LANG", default_value = "sq", value_parser = parse_lang)]
    lang: Lang,
    /// Where to write the PDF.
    #[arg(long, value_name = "FILE.pdf")]
    out: PathBuf,
    /// The access request's reference, printed on every page [default: the report's id].
    #[arg(long, value_name = "REF")]
    reference: Option<String>,
    /// The store printed on every page [default: the store this kiosk is enrolled in].
    #[arg(long, value_name = "CODE")]
    store: Option<String>,
    /// The staff id of the clerk printing it.
    #[arg(long, value_name = "STAFF_ID")]
    clerk: Option<String>,
    /// The customer explicitly asked for the other parties' full numbers.
    #[arg(long)]
    full_numbers: bool,
}

pub(crate) fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::from_code(s)
        .ok_or_else(|| format!("{s:?} is not a language of the kiosk: use sq, en or sr"))
}

pub fn run(data_dir: &Path, command: ReportCommand) -> Result<ExitCode, Failure> {
    match command {
        ReportCommand::Render(args) => render(data_dir, args),
    }
}

fn render(data_dir: &Path, args: RenderArgs) -> Result<ExitCode, Failure> {
    let report: DataReport = read_json(&args.data, "data report")?;
    let store_code = match args.store {
        Some(s) => s,
        None => enrolled_store(data_dir).unwrap_or_else(|| NOT_GIVEN.to_owned()),
    };
    let ctx = ReportContext {
        lang: args.lang,
        store_code,
        clerk_id: args.clerk.unwrap_or_else(|| NOT_GIVEN.to_owned()),
        printed_at: kiosk_core::time::now(),
        request_reference: args
            .reference
            .unwrap_or_else(|| report.report_id.to_string()),
        full_counterpart_numbers: args.full_numbers,
    };
    let what = format!("the data report ({} traffic rows)", report.traffic.len());
    let pdf = with_progress(&what, || render_data_report(&report, &ctx))?;
    write_pdf(&args.out, &pdf)
}

/// The store this kiosk is enrolled in, if its database exists and holds an enrolment.
fn enrolled_store(data_dir: &Path) -> Option<String> {
    let path = kiosk_core::paths::db_path(data_dir);
    if !path.exists() {
        return None;
    }
    let store = Store::open_existing(&path).ok()?;
    store.enrolment().ok().flatten().map(|e| e.store_code)
}

/// Runs `work`, saying on stderr that it is still going if it takes long.
pub(crate) fn with_progress<T>(
    what: &str,
    work: impl FnOnce() -> Result<T, ReportError> + Send,
) -> Result<T, Failure>
where
    T: Send,
{
    let (done, wait) = std::sync::mpsc::channel::<()>();
    let result = std::thread::scope(|scope| {
        scope.spawn(move || {
            if wait.recv_timeout(PROGRESS_AFTER).is_err() {
                eprintln!("Still printing {what} …");
            }
        });
        let result = work();
        let _ = done.send(());
        result
    });
    result.map_err(|e| Failure {
        exit: match e {
            ReportError::InvalidInput { .. } => EXIT_BAD_INPUT,
            _ => EXIT_FAILED,
        },
        message: e.to_string(),
    })
}

/// Reads a JSON file as `T`, naming the file, the field and the problem when it is not one.
pub(crate) fn read_json<T: DeserializeOwned>(path: &Path, what: &str) -> Result<T, Failure> {
    let bytes = read_file(path, what)?;
    parse_json(&bytes, path, what)
}

pub(crate) fn read_file(path: &Path, what: &str) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure {
        exit: EXIT_BAD_INPUT,
        message: format!("The {what} file {} cannot be read: {e}", path.display()),
    })
}

pub(crate) fn parse_json<T: DeserializeOwned>(
    bytes: &[u8],
    path: &Path,
    what: &str,
) -> Result<T, Failure> {
    let bad = |message: String| Failure {
        exit: EXIT_BAD_INPUT,
        message,
    };
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.inner();
        bad(if inner.is_syntax() || inner.is_eof() || inner.is_io() {
            format!("{} is not JSON: {inner}", path.display())
        } else if e.path().iter().next().is_none() {
            format!("{} is not a {what}: {inner}", path.display())
        } else {
            format!(
                "{} is not a {what}: field `{}`: {inner}",
                path.display(),
                e.path()
            )
        })
    })?;
    de.end()
        .map_err(|e| bad(format!("{} is not JSON: {e}", path.display())))?;
    Ok(value)
}

/// Writes the PDF whole or not at all (through a temporary file beside it), and says what it holds.
pub(crate) fn write_pdf(out: &Path, pdf: &RenderedPdf) -> Result<ExitCode, Failure> {
    let failed = |e: std::io::Error| Failure {
        exit: EXIT_FAILED,
        message: format!("{} cannot be written: {e}", out.display()),
    };
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.part", std::process::id()));
    std::fs::write(&tmp, &pdf.bytes).map_err(failed)?;
    if let Err(e) = std::fs::rename(&tmp, out) {
        let _ = std::fs::remove_file(&tmp);
        return Err(failed(e));
    }
    println!(
        "Wrote {}: {} page(s), {} bytes, verification code {}.",
        out.display(),
        pdf.pages,
        pdf.bytes.len(),
        pdf.verification_code
    );
    Ok(ExitCode::SUCCESS)
}

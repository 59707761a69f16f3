//! Showing and printing a customer's data is a disclosure, and IPKO's data-protection office must be
//! able to prove each one: who showed or printed what, for which customer, when, and exactly which
//! document (its hash and verification code, the same as on the printout and in its QR code). Each
//! step writes its audit entry, which travels to the central API like every change.
//!
//! Nothing here keeps the report: the data arrives from the central API, is shown or printed from
//! memory, and only the audit entry (ids, hashes, counts; no personal data) stays.

use protocol::api::DataReport;
use serde_json::json;

use crate::error::Result;
use crate::print::{Cups, PrintJob};
use crate::report::{render_data_report, RenderedPdf, ReportContext};
use crate::signin::SignedIn;
use crate::store::{AuditEntry, Store};

/// The job title CUPS shows to every user of the computer and logs: never personal data.
pub const PRINT_JOB_TITLE: &str = "IPKO privacy report";

/// Records that `who` showed the customer's data report on screen.
pub fn record_shown(store: &mut Store, who: &SignedIn, report: &DataReport) -> Result<AuditEntry> {
    let detail = json!({
        "report_id": report.report_id,
        "categories": report.categories.len(),
        "traffic_rows": report.traffic.len(),
    });
    store.append_audit(
        Some(&who.staff_id),
        "report.shown",
        Some(&report.customer.customer_id),
        &detail.to_string(),
    )
}

fn printout_detail(
    report: &DataReport,
    ctx: &ReportContext,
    pdf: &RenderedPdf,
) -> serde_json::Value {
    json!({
        "report_id": report.report_id,
        "request_reference": ctx.request_reference,
        "sha256": pdf.sha256,
        "verification_code": pdf.verification_code,
        "pages": pdf.pages,
        "lang": ctx.lang,
        "full_counterpart_numbers": ctx.full_counterpart_numbers,
    })
}

/// Renders the printout for the preview on screen, and records it.
pub fn render_for_preview(
    store: &mut Store,
    who: &SignedIn,
    report: &DataReport,
    ctx: &ReportContext,
) -> Result<RenderedPdf> {
    let pdf = render_data_report(report, ctx)?;
    store.append_audit(
        Some(&who.staff_id),
        "report.previewed",
        Some(&report.customer.customer_id),
        &printout_detail(report, ctx, &pdf).to_string(),
    )?;
    Ok(pdf)
}

/// Renders and prints the printout on `printer` (the default one when `None`), and records the
/// print with the job. A print that CUPS refuses discloses nothing and records nothing.
pub fn print_report(
    store: &mut Store,
    cups: &Cups,
    who: &SignedIn,
    report: &DataReport,
    ctx: &ReportContext,
    printer: Option<&str>,
) -> Result<(RenderedPdf, PrintJob)> {
    let pdf = render_data_report(report, ctx)?;
    let job = cups.print_pdf(&pdf.bytes, printer, PRINT_JOB_TITLE)?;
    let mut detail = printout_detail(report, ctx, &pdf);
    detail["printer"] = json!(job.printer);
    detail["job_id"] = json!(job.job_id);
    store.append_audit(
        Some(&who.staff_id),
        "report.printed",
        Some(&report.customer.customer_id),
        &detail.to_string(),
    )?;
    Ok((pdf, job))
}

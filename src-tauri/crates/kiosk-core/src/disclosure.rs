//! Showing and printing a customer's data is a disclosure, and IPKO's data-protection office must be
//! able to prove each one: who showed or printed what, for which customer, when, and exactly which
//! document (its hash and verification code, the same as on the printout and in its QR code). Each
//! step writes its audit entry, which travels to the central API like every change.
//!
//! Nothing here keeps the report: the data arrives from the central API, is shown or printed from
//! memory, and only the audit entry (ids, hashes, counts; no personal data) stays.

use chrono::NaiveDate;
use protocol::api::{DataReport, TrafficRecord};
use serde::Serialize;
use serde_json::json;

use crate::counter::CustomerSession;
use crate::error::Result;
use crate::print::{Cups, PrintJob};
use crate::report::{mask_counterpart, render_data_report, RenderedPdf, ReportContext};
use crate::signin::SignedIn;
use crate::store::{AuditEntry, Store};
use protocol::policy::RightKind;

/// The job title CUPS shows to every user of the computer and logs: never personal data.
pub const PRINT_JOB_TITLE: &str = "IPKO privacy report";

/// Why a customer's data is disclosed, kept in each disclosure's audit entry: the policy's right of
/// access, exercised in person by the one the identity check established (the customer, a
/// guardian, an authorised person or a business's representative), and that check's id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DisclosureGround {
    pub right: RightKind,
    pub identity_verification_id: Option<uuid::Uuid>,
    /// In which capacity they asked; never who they are (the audit holds ids and codes only, and
    /// the identity check names the person).
    pub acting: Option<protocol::api::ActingCapacity>,
}

impl DisclosureGround {
    /// The ground of a disclosure to the person served in `session`.
    pub fn of(session: &CustomerSession) -> DisclosureGround {
        DisclosureGround {
            right: RightKind::Access,
            identity_verification_id: session.verification.as_ref().map(|v| v.verification_id),
            acting: session.verification.as_ref().map(|v| v.acting.capacity),
        }
    }
}

/// Records that `who` showed the customer's data report on screen, and why.
pub fn record_shown(
    store: &mut Store,
    who: &SignedIn,
    report: &DataReport,
    why: &DisclosureGround,
) -> Result<AuditEntry> {
    let detail = json!({
        "report_id": report.report_id,
        "categories": report.categories.len(),
        "traffic_rows": report.traffic.len(),
        "why": why,
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
    why: &DisclosureGround,
) -> serde_json::Value {
    json!({
        "why": why,
        "report_id": report.report_id,
        "request_reference": ctx.request_reference,
        "sha256": pdf.sha256,
        "verification_code": pdf.verification_code,
        "pages": pdf.pages,
        "lang": ctx.lang,
        "full_counterpart_numbers": ctx.full_counterpart_numbers,
    })
}

/// Records that `who` previewed the printout `pdf` (rendered with [`render_data_report`]) on
/// screen. Rendering is apart, so that the caller can do it without holding the store.
pub fn record_previewed(
    store: &mut Store,
    who: &SignedIn,
    report: &DataReport,
    ctx: &ReportContext,
    pdf: &RenderedPdf,
    why: &DisclosureGround,
) -> Result<AuditEntry> {
    store.append_audit(
        Some(&who.staff_id),
        "report.previewed",
        Some(&report.customer.customer_id),
        &printout_detail(report, ctx, pdf, why).to_string(),
    )
}

/// Renders the printout and prints it on `printer` (the default one when `None`). It touches no
/// store: CUPS may take seconds (its commands have a time limit), and the sync worker must not wait
/// for it. A print that CUPS refuses discloses nothing: the caller records only a job.
pub fn print_report(
    cups: &Cups,
    report: &DataReport,
    ctx: &ReportContext,
    printer: Option<&str>,
) -> Result<(RenderedPdf, PrintJob)> {
    let pdf = render_data_report(report, ctx)?;
    let job = cups.print_pdf(&pdf.bytes, printer, PRINT_JOB_TITLE)?;
    Ok((pdf, job))
}

/// Records that `who` printed the printout `pdf` as `job`.
pub fn record_printed(
    store: &mut Store,
    who: &SignedIn,
    report: &DataReport,
    ctx: &ReportContext,
    pdf: &RenderedPdf,
    job: &PrintJob,
    why: &DisclosureGround,
) -> Result<AuditEntry> {
    let mut detail = printout_detail(report, ctx, pdf, why);
    detail["printer"] = json!(job.printer);
    detail["job_id"] = json!(job.job_id);
    store.append_audit(
        Some(&who.staff_id),
        "report.printed",
        Some(&report.customer.customer_id),
        &detail.to_string(),
    )
}

/// A page of the traffic table as the screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrafficPage {
    /// Rows on the chosen days, in all.
    pub matching: usize,
    pub offset: usize,
    pub rows: Vec<TrafficRecord>,
}

/// The most rows one page carries.
pub const MAX_PAGE_ROWS: usize = 500;

/// The traffic rows on the days `from`..=`to` (the stores' calendar), `limit` of them (1 to
/// [`MAX_PAGE_ROWS`]) from `offset`; the other party's number loses its last three digits, as on
/// the printout, unless the customer asked for it in full.
pub fn traffic_page(
    traffic: &[TrafficRecord],
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    offset: usize,
    limit: usize,
    full_numbers: bool,
) -> TrafficPage {
    let on_days: Vec<&TrafficRecord> = traffic
        .iter()
        .filter(|r| {
            let day = crate::time::local_date(r.started_at);
            from.is_none_or(|f| day >= f) && to.is_none_or(|t| day <= t)
        })
        .collect();
    let rows = on_days
        .iter()
        .skip(offset)
        .take(limit.clamp(1, MAX_PAGE_ROWS))
        .map(|r| {
            let mut r = (*r).clone();
            if !full_numbers {
                r.counterpart = r.counterpart.as_deref().map(mask_counterpart);
            }
            r
        })
        .collect();
    TrafficPage {
        matching: on_days.len(),
        offset,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, TimeZone, Utc};
    use protocol::api::TrafficKind;

    fn call(at: DateTime<Utc>, counterpart: &str) -> TrafficRecord {
        TrafficRecord {
            started_at: at,
            kind: TrafficKind::CallOut,
            msisdn: "+38344000001".into(),
            counterpart: Some(counterpart.into()),
            duration_seconds: Some(60),
            volume_kb: None,
            cell_location: None,
        }
    }

    #[test]
    fn traffic_pages_by_kosovo_day_and_masks_unless_asked() {
        let at = |d, h, m| Utc.with_ymd_and_hms(2026, 3, d, h, m, 0).single();
        let (Some(a), Some(b), Some(c)) = (at(1, 10, 0), at(1, 23, 30), at(3, 9, 0)) else {
            panic!("dates")
        };
        // 23:30 UTC on 1 March is 00:30 on 2 March in Prishtina.
        let rows = vec![
            call(a, "+38349123456"),
            call(b, "+38349123457"),
            call(c, "+38349123458"),
        ];
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d);
        let page = traffic_page(&rows, day(2), day(2), 0, 50, false);
        assert_eq!(page.matching, 1);
        assert_eq!(page.rows[0].counterpart.as_deref(), Some("+38349123•••"));
        let all = traffic_page(&rows, None, None, 1, 1, true);
        assert_eq!((all.matching, all.rows.len()), (3, 1));
        assert_eq!(all.rows[0].counterpart.as_deref(), Some("+38349123457"));
        // A page is never empty by request, nor larger than the cap.
        assert_eq!(traffic_page(&rows, None, None, 0, 0, false).rows.len(), 1);
    }
}

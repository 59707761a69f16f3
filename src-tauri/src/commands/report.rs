//! The customer's data on screen, its printout previewed and printed (kiosk_core::disclosure: each
//! is audited). The report stays in memory while the customer is served; traffic is paged.

use std::sync::Arc;

use chrono::NaiveDate;
use kiosk_core::print::{Cups, PrintJob};
use kiosk_core::report::{mask_counterpart, ReportContext};
use kiosk_core::signin::SignedIn;
use protocol::api::{
    AutomatedProcessing, CategoryReport, ConsentOnRecord, CustomerSummary, DataReport,
    RequestStatus, TrafficRecord,
};
use protocol::Lang;
use serde::Serialize;
use tauri::State;

use crate::error::CommandError;
use crate::kiosk::Kiosk;

/// The report without its traffic rows (thousands of them: the screen pages them).
#[derive(Debug, Clone, Serialize)]
pub struct ReportOverview {
    pub report_id: uuid::Uuid,
    pub generated_at: chrono::DateTime<chrono::Utc>,
    pub customer: CustomerSummary,
    pub categories: Vec<CategoryReport>,
    pub automated_processing: Vec<AutomatedProcessing>,
    pub consents: Vec<ConsentOnRecord>,
    pub open_requests: Vec<RequestStatus>,
    pub traffic_rows: usize,
    pub demo: bool,
}

fn overview(r: &DataReport) -> ReportOverview {
    ReportOverview {
        report_id: r.report_id,
        generated_at: r.generated_at,
        customer: r.customer.clone(),
        categories: r.categories.clone(),
        automated_processing: r.automated_processing.clone(),
        consents: r.consents.clone(),
        open_requests: r.open_requests.clone(),
        traffic_rows: r.traffic.len(),
        demo: r.demo,
    }
}

/// Fetches the data of the customer being served from the central API and shows it (audited).
#[tauri::command]
pub async fn show_report(kiosk: State<'_, Kiosk>) -> Result<ReportOverview, CommandError> {
    let now = kiosk_core::time::now();
    let (customer_id, enrolment) = kiosk.with_counter(|store, counter| {
        counter.clerk(store, now)?;
        let session = counter.serving().ok_or_else(|| {
            CommandError::new("no_customer_session", "Identify the customer first.")
        })?;
        Ok((
            session.customer.customer_id.clone(),
            kiosk_core::central::enrolled(store)?,
        ))
    })?;
    let report =
        kiosk_core::central::fetch_data_report(&kiosk.client, &enrolment, &customer_id).await?;
    kiosk.with_counter(|store, counter| {
        let kept = counter.keep_report(store, report, now)?;
        let who = counter.clerk(store, now)?;
        kiosk_core::disclosure::record_shown(store, &who, &kept)?;
        Ok(overview(&kept))
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct TrafficPage {
    /// Rows on the chosen days, in all.
    pub matching: usize,
    pub offset: usize,
    pub rows: Vec<TrafficRecord>,
}

/// The most rows one page carries.
const MAX_PAGE_ROWS: usize = 500;

/// Traffic rows of the shown report on the days `from`..=`to` (Kosovo's calendar), a page at a
/// time; the other party's number loses its last three digits unless the customer asked for it.
#[tauri::command]
pub fn traffic_page(
    kiosk: State<'_, Kiosk>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    offset: usize,
    limit: usize,
    full_numbers: bool,
) -> Result<TrafficPage, CommandError> {
    let now = kiosk_core::time::now();
    let (_, report) = kiosk.with_counter(|store, counter| Ok(counter.report(store, now)?))?;
    Ok(page_of(
        &report.traffic,
        from,
        to,
        offset,
        limit,
        full_numbers,
    ))
}

fn page_of(
    traffic: &[TrafficRecord],
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    offset: usize,
    limit: usize,
    full_numbers: bool,
) -> TrafficPage {
    let day = |r: &TrafficRecord| {
        r.started_at
            .with_timezone(&kiosk_core::time::DISPLAY_TZ)
            .date_naive()
    };
    let on_days: Vec<&TrafficRecord> = traffic
        .iter()
        .filter(|r| from.is_none_or(|f| day(r) >= f) && to.is_none_or(|t| day(r) <= t))
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

fn context(
    store_code: String,
    clerk_id: String,
    report: &DataReport,
    lang: Lang,
    full_numbers: bool,
) -> ReportContext {
    ReportContext {
        lang,
        store_code,
        clerk_id,
        printed_at: kiosk_core::time::now(),
        // The printout answers the customer's access request; until the request screens exist its
        // reference is the report's own id, as `kioskctl report render` does.
        request_reference: report.report_id.to_string(),
        full_counterpart_numbers: full_numbers,
    }
}

/// The report kept for the served customer and the context of its printout, for the clerk
/// signed in.
fn printout(
    store: &mut kiosk_core::Store,
    counter: &mut kiosk_core::counter::Counter,
    lang: Lang,
    full_numbers: bool,
) -> Result<(SignedIn, Arc<DataReport>, ReportContext), CommandError> {
    let (who, report) = counter.report(store, kiosk_core::time::now())?;
    let store_code = kiosk_core::central::enrolled(store)?.store_code;
    let ctx = context(
        store_code,
        who.staff_id.clone(),
        &report,
        lang,
        full_numbers,
    );
    Ok((who, report, ctx))
}

/// The printout as PDF bytes for the preview (PDF.js), audited; not written anywhere.
#[tauri::command]
pub async fn preview_report(
    kiosk: State<'_, Kiosk>,
    lang: Lang,
    full_numbers: bool,
) -> Result<tauri::ipc::Response, CommandError> {
    kiosk.with_counter(|store, counter| {
        let (who, report, ctx) = printout(store, counter, lang, full_numbers)?;
        let pdf = kiosk_core::disclosure::render_for_preview(store, &who, &report, &ctx)?;
        Ok(tauri::ipc::Response::new(pdf.bytes))
    })
}

/// Prints the printout on the kiosk's printer (the settings' one, or the default), audited.
#[tauri::command]
pub async fn print_report(
    kiosk: State<'_, Kiosk>,
    lang: Lang,
    full_numbers: bool,
) -> Result<PrintJob, CommandError> {
    kiosk.with_counter(|store, counter| {
        let (who, report, ctx) = printout(store, counter, lang, full_numbers)?;
        let (_, job) = kiosk_core::disclosure::print_report(
            store,
            &Cups::default(),
            &who,
            &report,
            &ctx,
            kiosk.printer.as_deref(),
        )?;
        Ok(job)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use protocol::api::TrafficKind;

    fn call(at: chrono::DateTime<Utc>, counterpart: &str) -> TrafficRecord {
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
        // 23:30 UTC on 1 March is 00:30 on 2 March in Prishtina.
        let rows = vec![
            call(
                Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap(),
                "+38349123456",
            ),
            call(
                Utc.with_ymd_and_hms(2026, 3, 1, 23, 30, 0).unwrap(),
                "+38349123457",
            ),
            call(
                Utc.with_ymd_and_hms(2026, 3, 3, 9, 0, 0).unwrap(),
                "+38349123458",
            ),
        ];
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d);
        let page = page_of(&rows, day(2), day(2), 0, 50, false);
        assert_eq!(page.matching, 1);
        assert_eq!(page.rows[0].counterpart.as_deref(), Some("+38349123•••"));
        let all = page_of(&rows, None, None, 1, 1, true);
        assert_eq!((all.matching, all.rows.len()), (3, 1));
        assert_eq!(all.rows[0].counterpart.as_deref(), Some("+38349123457"));
        // A page is never empty by request, nor larger than the cap.
        assert_eq!(page_of(&rows, None, None, 0, 0, false).rows.len(), 1);
    }
}

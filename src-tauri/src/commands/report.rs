//! The customer's data on screen, its printout previewed and printed (kiosk_core::disclosure: each
//! is audited). The report stays in memory while the customer is served; traffic is paged.

use std::sync::Arc;

use chrono::NaiveDate;
use kiosk_core::disclosure::{self, TrafficPage};
use kiosk_core::print::{Cups, JobStatus, PrintJob};
use kiosk_core::report::ReportContext;
use kiosk_core::signin::SignedIn;
use protocol::api::{
    AutomatedProcessing, CategoryReport, ConsentOnRecord, CustomerSummary, DataReport,
    RequestStatus,
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
        let why = counter.disclosure_ground()?;
        disclosure::record_shown(store, &who, &kept, &why)?;
        Ok(overview(&kept))
    })
}

/// Traffic rows of the shown report on the days `from`..=`to` (Kosovo's calendar), a page at a
/// time (kiosk_core::disclosure::traffic_page).
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
    Ok(disclosure::traffic_page(
        &report.traffic,
        from,
        to,
        offset,
        limit,
        full_numbers,
    ))
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
type Printout = (
    SignedIn,
    Arc<DataReport>,
    ReportContext,
    disclosure::DisclosureGround,
);

fn printout(
    store: &mut kiosk_core::Store,
    counter: &mut kiosk_core::counter::Counter,
    lang: Lang,
    full_numbers: bool,
) -> Result<Printout, CommandError> {
    let (who, report) = counter.report(store, kiosk_core::time::now())?;
    let why = counter.disclosure_ground()?;
    let store_code = kiosk_core::central::enrolled(store)?.store_code;
    let ctx = context(
        store_code,
        who.staff_id.clone(),
        &report,
        lang,
        full_numbers,
    );
    Ok((who, report, ctx, why))
}

/// Rendering (and printing) can take seconds: it runs on the blocking pool, and without the
/// store, so that the screen and the sync worker go on meanwhile.
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, CommandError> + Send + 'static,
) -> Result<T, CommandError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| CommandError::new("internal", format!("the printout was interrupted: {e}")))?
}

/// The printout as PDF bytes for the preview (PDF.js), audited; not written anywhere.
#[tauri::command]
pub async fn preview_report(
    kiosk: State<'_, Kiosk>,
    lang: Lang,
    full_numbers: bool,
) -> Result<tauri::ipc::Response, CommandError> {
    let (who, report, ctx, why) =
        kiosk.with_counter(|store, counter| printout(store, counter, lang, full_numbers))?;
    let (report, ctx, pdf) = blocking(move || {
        let pdf = kiosk_core::report::render_data_report(&report, &ctx)
            .map_err(kiosk_core::Error::from)?;
        Ok((report, ctx, pdf))
    })
    .await?;
    kiosk.with_counter(|store, _| {
        disclosure::record_previewed(store, &who, &report, &ctx, &pdf, &why)?;
        Ok(())
    })?;
    Ok(tauri::ipc::Response::new(pdf.bytes))
}

/// Prints the printout on the kiosk's printer (the settings' one, or the default), audited.
#[tauri::command]
pub async fn print_report(
    kiosk: State<'_, Kiosk>,
    lang: Lang,
    full_numbers: bool,
) -> Result<PrintJob, CommandError> {
    let (who, report, ctx, why) =
        kiosk.with_counter(|store, counter| printout(store, counter, lang, full_numbers))?;
    let printer = kiosk.settings().printer;
    let (report, ctx, pdf, job) = blocking(move || {
        let (pdf, job) =
            disclosure::print_report(&Cups::default(), &report, &ctx, printer.as_deref())?;
        Ok((report, ctx, pdf, job))
    })
    .await?;
    kiosk.with_counter(|store, _| {
        disclosure::record_printed(store, &who, &report, &ctx, &pdf, &job, &why)?;
        Ok(())
    })?;
    Ok(job)
}

/// Where a printout's job is now, for the progress the screen shows after `print_report`.
#[tauri::command]
pub async fn print_job_state(job_id: String) -> Result<JobStatus, CommandError> {
    blocking(move || Ok(Cups::default().job_state(&job_id)?)).await
}

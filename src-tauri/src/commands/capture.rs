//! The signed captures of the customer being served: consent choices, corrections and rights
//! requests (kiosk_core::capture), and their receipts. Saving writes the local queue only, so it
//! works the same offline; the sync worker is woken to send it.

use kiosk_core::capture::consent::{self, ConsentDraft};
use kiosk_core::capture::correction::{self, CheckedCorrection, CorrectionDraft};
use kiosk_core::capture::request::{self, CheckedRequest, RequestDraft};
use kiosk_core::capture::{self, CaptureSession, SavedChange};
use kiosk_core::print::{Cups, PrintJob};
use kiosk_core::sync::Connectivity;
use protocol::api::{ActingCapacity, ConsentNotice, ConsentOnRecord, CustomerKind};
use protocol::mutation::{CorrectableField, Signature};
use protocol::policy::{controller, RightKind};
use protocol::Lang;
use serde::Serialize;
use tauri::State;

use crate::error::CommandError;
use crate::kiosk::Kiosk;

/// Who is expressing the choices or making the request, as the identity check recorded.
#[derive(Debug, Clone, Serialize)]
pub struct ExpressedBy {
    pub capacity: ActingCapacity,
    pub name: Option<String>,
}

fn expressed_by(session: &CaptureSession) -> ExpressedBy {
    ExpressedBy {
        capacity: session.verification.acting.capacity,
        name: session.verification.acting.name.clone(),
    }
}

/// The capture session of the customer being served, and their kept data report.
fn session(
    kiosk: &Kiosk,
) -> Result<
    (
        CaptureSession,
        Option<std::sync::Arc<protocol::api::DataReport>>,
    ),
    CommandError,
> {
    let now = kiosk_core::time::now();
    kiosk.with_counter(|store, counter| {
        let store_code = kiosk_core::central::enrolled(store)?.store_code;
        Ok(counter.capture_session(store, &store_code, now)?)
    })
}

/// Saves a capture under the counter's lock and keeps it for its receipt.
fn save(
    kiosk: &Kiosk,
    capture: impl FnOnce(
        &mut kiosk_core::Store,
        &CaptureSession,
        Option<&protocol::api::DataReport>,
    ) -> kiosk_core::Result<capture::Captured>,
) -> Result<SavedChange, CommandError> {
    let now = kiosk_core::time::now();
    kiosk.with_counter(|store, counter| {
        let store_code = kiosk_core::central::enrolled(store)?.store_code;
        let (session, report) = counter.capture_session(store, &store_code, now)?;
        let captured = capture(store, &session, report.as_deref())?;
        let saved = captured.saved.clone();
        counter.keep_captured(captured);
        Ok(saved)
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct ConsentForm {
    pub customer_id: String,
    pub customer_kind: CustomerKind,
    pub notice: ConsentNotice,
    pub expressed_by: ExpressedBy,
    /// The customer's current choice per purpose and channel; `None` when their data was not
    /// loaded (then nobody knows them at the counter).
    pub current: Option<Vec<ConsentOnRecord>>,
}

/// The consent form: the current notice in `lang` (fetched when the central API answers, from the
/// kiosk's cache otherwise) and the customer's current choices.
#[tauri::command]
pub async fn consent_form(
    kiosk: State<'_, Kiosk>,
    lang: Lang,
) -> Result<ConsentForm, CommandError> {
    let (session, report) = session(&kiosk)?;
    refresh_notice(&kiosk, lang).await;
    let notice = kiosk
        .with_counter(|store, _| Ok(store.notice(lang)?))?
        .ok_or_else(|| {
            CommandError::new(
                "notice_unavailable",
                format!("This kiosk has no consent notice in {lang} yet: it is fetched from the central API when the kiosk is online."),
            )
        })?;
    Ok(ConsentForm {
        customer_id: session.customer.customer_id.clone(),
        customer_kind: session.customer.kind,
        expressed_by: expressed_by(&session),
        current: report.map(|r| consent::current_choices(&r.consents)),
        notice,
    })
}

/// Caches the central API's current notice when the kiosk is online; offline, or when the
/// fetch fails, the cached one stands (consent works the same offline).
async fn refresh_notice(kiosk: &Kiosk, lang: Lang) {
    let online = kiosk
        .sync_status()
        .is_some_and(|s| matches!(s.connectivity, Connectivity::Online { .. }));
    if !online {
        return;
    }
    let Ok(enrolment) = kiosk.with_counter(|store, _| Ok(kiosk_core::central::enrolled(store)?))
    else {
        return;
    };
    match kiosk_core::central::fetch_consent_notice(&kiosk.client, &enrolment, lang).await {
        Ok(notice) => {
            if let Err(e) = kiosk.with_counter(|store, _| Ok(store.cache_notice(&notice)?)) {
                tracing::warn!(code = %e.code, "the current consent notice could not be cached");
            }
        }
        Err(e) => tracing::info!(code = %e.code, "the consent notice was not refreshed"),
    }
}

#[tauri::command]
pub fn save_consent(
    kiosk: State<'_, Kiosk>,
    draft: ConsentDraft,
) -> Result<SavedChange, CommandError> {
    save(&kiosk, |store, session, report| {
        consent::record(store, session, report, draft)
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct CorrectionField {
    pub field: CorrectableField,
    pub current: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CorrectionForm {
    pub customer_id: String,
    pub record_version: u64,
    pub fields: Vec<CorrectionField>,
    pub expressed_by: ExpressedBy,
}

#[tauri::command]
pub fn correction_form(kiosk: State<'_, Kiosk>) -> Result<CorrectionForm, CommandError> {
    let (session, _) = session(&kiosk)?;
    Ok(CorrectionForm {
        customer_id: session.customer.customer_id.clone(),
        record_version: session.customer.record_version,
        fields: CorrectableField::ALL
            .iter()
            .map(|&field| CorrectionField {
                field,
                current: correction::current_value(&session.customer, field),
            })
            .collect(),
        expressed_by: expressed_by(&session),
    })
}

#[tauri::command]
pub fn check_correction(
    kiosk: State<'_, Kiosk>,
    field: CorrectableField,
    new_value: String,
    reason: String,
) -> Result<CheckedCorrection, CommandError> {
    let (session, _) = session(&kiosk)?;
    let draft = CorrectionDraft {
        field,
        new_value,
        reason,
    };
    Ok(correction::check(&session.customer, &draft)?)
}

#[tauri::command]
pub fn save_correction(
    kiosk: State<'_, Kiosk>,
    field: CorrectableField,
    new_value: String,
    reason: String,
    signature: Signature,
) -> Result<SavedChange, CommandError> {
    let draft = CorrectionDraft {
        field,
        new_value,
        reason,
    };
    save(&kiosk, |store, session, _| {
        correction::record(store, session, &draft, signature)
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct RequestKindOffer {
    pub kind: RightKind,
    pub available: bool,
    /// Why not, when not available.
    pub unavailable: Option<&'static str>,
    /// As if submitted now.
    pub due_at: chrono::DateTime<chrono::Utc>,
    pub latest_due_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RightsRequestForm {
    pub customer_id: String,
    pub customer_kind: CustomerKind,
    pub kinds: Vec<RequestKindOffer>,
    pub supervisory_authority: &'static str,
    pub complaints_email: &'static str,
    pub expressed_by: ExpressedBy,
}

#[tauri::command]
pub fn rights_request_form(kiosk: State<'_, Kiosk>) -> Result<RightsRequestForm, CommandError> {
    let (session, _) = session(&kiosk)?;
    let kinds = request::REQUESTABLE
        .iter()
        .map(|&kind| {
            let unavailable = request::unavailable_reason(kind, session.customer.kind);
            let due = kind.deadline().due_dates(session.now);
            RequestKindOffer {
                kind,
                available: unavailable.is_none(),
                unavailable,
                due_at: due.due_at,
                latest_due_at: due.latest_at,
            }
        })
        .collect();
    Ok(RightsRequestForm {
        customer_id: session.customer.customer_id.clone(),
        customer_kind: session.customer.kind,
        kinds,
        supervisory_authority: controller::SUPERVISORY_AUTHORITY,
        complaints_email: controller::COMPLAINTS_EMAIL,
        expressed_by: expressed_by(&session),
    })
}

#[tauri::command]
pub fn check_rights_request(
    kiosk: State<'_, Kiosk>,
    draft: RequestDraft,
) -> Result<CheckedRequest, CommandError> {
    let (session, _) = session(&kiosk)?;
    Ok(request::check(&draft, session.customer.kind, session.now)?)
}

#[tauri::command]
pub fn save_rights_request(
    kiosk: State<'_, Kiosk>,
    draft: RequestDraft,
    signature: Signature,
) -> Result<SavedChange, CommandError> {
    save(&kiosk, |store, session, _| {
        request::record(store, session, &draft, signature)
    })
}

/// A captured change's receipt as PDF bytes for the preview, audited.
#[tauri::command]
pub async fn preview_receipt(
    kiosk: State<'_, Kiosk>,
    mutation_id: uuid::Uuid,
    lang: Lang,
) -> Result<tauri::ipc::Response, CommandError> {
    let now = kiosk_core::time::now();
    let (who, captured) =
        kiosk.with_counter(|store, counter| Ok(counter.captured(store, mutation_id, now)?))?;
    let demo = kiosk.is_demo() || captured.customer.demo;
    let (captured, pdf) = super::report::blocking(move || {
        let pdf = capture::render_receipt(&captured, lang, demo)?;
        Ok((captured, pdf))
    })
    .await?;
    kiosk.with_counter(|store, _| {
        capture::record_receipt(store, &who, &captured, &pdf, None)?;
        Ok(())
    })?;
    Ok(tauri::ipc::Response::new(pdf.bytes))
}

/// Prints a captured change's receipt on the kiosk's printer, audited.
#[tauri::command]
pub async fn print_receipt(
    kiosk: State<'_, Kiosk>,
    mutation_id: uuid::Uuid,
    lang: Lang,
) -> Result<PrintJob, CommandError> {
    let now = kiosk_core::time::now();
    let (who, captured) =
        kiosk.with_counter(|store, counter| Ok(counter.captured(store, mutation_id, now)?))?;
    let demo = kiosk.is_demo() || captured.customer.demo;
    let printer = kiosk.settings().printer;
    let (captured, pdf, job) = super::report::blocking(move || {
        let (pdf, job) =
            capture::print_receipt(&Cups::default(), &captured, lang, demo, printer.as_deref())?;
        Ok((captured, pdf, job))
    })
    .await?;
    kiosk.with_counter(|store, _| {
        capture::record_receipt(store, &who, &captured, &pdf, Some(&job))?;
        Ok(())
    })?;
    Ok(job)
}

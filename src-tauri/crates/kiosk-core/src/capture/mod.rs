//! The signed captures of the counter: consent choices, corrections and rights requests. Each is
//! checked here (one place for every rule the screens, the customer's window and the receipt rely
//! on), written with its outbox row and audit entry in one transaction ([`Store::capture`]), kept
//! in memory for its receipt while the customer is served, and works the same offline: saving
//! never waits for the network.

pub mod consent;
pub mod correction;
pub mod request;
pub mod signature;
pub mod values;

use chrono::{DateTime, Datelike, Utc};
use protocol::api::CustomerSummary;
use protocol::mutation::{IdentityVerified, MutationKind, MutationPayload};
use rand::Rng;
use serde::Serialize;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::print::{Cups, PrintJob};
use crate::report::{
    render_consent_receipt, render_correction_receipt, render_rights_request_receipt,
    ReceiptContext, RenderedPdf,
};
use crate::signin::SignedIn;
use crate::store::Store;

/// A capture refused for a reason the clerk can fix: its own code, a message for people.
pub(crate) fn refused(code: &'static str, message: impl Into<String>) -> Error {
    Error::Refused {
        code,
        message: message.into(),
    }
}

/// Who captures, for whom, on the strength of which identity check.
#[derive(Debug, Clone)]
pub struct CaptureSession {
    pub clerk: SignedIn,
    pub customer: CustomerSummary,
    /// The session's recorded identity check: who is at the counter, in which capacity.
    pub verification: IdentityVerified,
    pub store_code: String,
    pub now: DateTime<Utc>,
}

/// What the clerk is told once a capture is saved (on disk, queued for the central API).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SavedChange {
    pub mutation_id: Uuid,
    pub seq: u64,
    pub kind: MutationKind,
    pub captured_at: DateTime<Utc>,
    /// The request's reference; a consent record's id.
    pub reference: String,
    /// The short form of the change's hash, printed on its receipt.
    pub verification_code: String,
    pub due_at: Option<DateTime<Utc>>,
    pub latest_due_at: Option<DateTime<Utc>>,
}

/// A change captured while this customer is served, kept (in memory only) for its receipt.
#[derive(Debug, Clone, PartialEq)]
pub struct Captured {
    pub saved: SavedChange,
    pub payload: MutationPayload,
    pub clerk_id: String,
    pub customer: CustomerSummary,
    pub verification: IdentityVerified,
}

/// A request's reference: the store, the year and eight random characters of Crockford's base 32
/// (no I, L, O, U: nothing to misread on a receipt or over the phone), e.g.
/// `DEMO-PRISHTINA-2026-7K3QZ9AB`. The central API refuses a reference used before.
pub fn new_reference(store_code: &str, at: DateTime<Utc>) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut rng = rand::thread_rng();
    let tail: String = (0..8)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect();
    format!("{store_code}-{}-{tail}", crate::time::local_date(at).year())
}

/// Writes a checked capture with its outbox row and audit entry, in one transaction.
pub(crate) fn save(
    store: &mut Store,
    session: &CaptureSession,
    payload: MutationPayload,
    reference: String,
    deadline: Option<protocol::policy::Deadline>,
) -> Result<Captured> {
    let queued = store.capture(&session.clerk.staff_id, &payload)?;
    // The same moment as the receipt's and the central API's: when the change was captured.
    let due = deadline.map(|d| d.due_dates(queued.captured_at));
    let saved = SavedChange {
        mutation_id: queued.mutation_id,
        seq: queued.seq,
        kind: queued.kind,
        captured_at: queued.captured_at,
        reference,
        verification_code: crate::report::verification_code(&queued.payload_sha256),
        due_at: due.map(|d| d.due_at),
        latest_due_at: due.map(|d| d.latest_at),
    };
    Ok(Captured {
        saved,
        payload,
        clerk_id: session.clerk.staff_id.clone(),
        customer: session.customer.clone(),
        verification: session.verification.clone(),
    })
}

/// The receipt of a captured change, in `lang`.
pub fn render_receipt(
    captured: &Captured,
    lang: protocol::Lang,
    demo: bool,
) -> Result<RenderedPdf> {
    let ctx = ReceiptContext {
        lang,
        clerk_id: captured.clerk_id.clone(),
        signed_at: captured.saved.captured_at,
        printed_at: crate::time::now(),
        customer: Some(captured.customer.clone()),
        identity: Some(captured.verification.clone()),
        demo,
    };
    let pdf = match &captured.payload {
        MutationPayload::ConsentRecorded(p) => render_consent_receipt(p, &ctx)?,
        MutationPayload::CorrectionRequested(p) => render_correction_receipt(p, &ctx)?,
        MutationPayload::RightsRequestSubmitted(p) => render_rights_request_receipt(p, &ctx)?,
        other => {
            return Err(Error::InvalidInput(format!(
                "A {:?} change has no receipt.",
                other.kind()
            )))
        }
    };
    Ok(pdf)
}

/// The title of a receipt's print job (no personal data: it shows in the printer's queue).
pub const RECEIPT_JOB_TITLE: &str = "IPKO receipt";

/// Prints a captured change's receipt.
pub fn print_receipt(
    cups: &Cups,
    captured: &Captured,
    lang: protocol::Lang,
    demo: bool,
    printer: Option<&str>,
) -> Result<(RenderedPdf, PrintJob)> {
    let pdf = render_receipt(captured, lang, demo)?;
    let job = cups.print_pdf(&pdf.bytes, printer, RECEIPT_JOB_TITLE)?;
    Ok((pdf, job))
}

/// Records that `who` previewed or printed the receipt of `captured` (`job`: printed as it).
pub fn record_receipt(
    store: &mut Store,
    who: &SignedIn,
    captured: &Captured,
    pdf: &RenderedPdf,
    job: Option<&PrintJob>,
) -> Result<crate::store::AuditEntry> {
    let mut detail = serde_json::json!({
        "mutation_id": captured.saved.mutation_id,
        "reference": captured.saved.reference,
        "pages": pdf.pages,
        "content_sha256": pdf.sha256,
    });
    let action = match job {
        Some(job) => {
            detail["printer"] = serde_json::json!(job.printer);
            detail["job_id"] = serde_json::json!(job.job_id);
            "receipt.printed"
        }
        None => "receipt.previewed",
    };
    store.append_audit(
        Some(&who.staff_id),
        action,
        Some(&captured.customer.customer_id),
        &detail.to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_name_the_store_and_year_and_avoid_misreadable_letters() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-12-31T23:30:00Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default();
        let a = new_reference("DEMO-PRISHTINA", at);
        // 23:30 UTC on New Year's Eve is already 2027 in Kosovo.
        assert!(a.starts_with("DEMO-PRISHTINA-2027-"), "{a}");
        let tail = a.rsplit('-').next().unwrap_or_default();
        assert_eq!(tail.len(), 8);
        assert!(tail
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()));
        assert!(!tail.contains(['I', 'L', 'O', 'U']));
        assert_ne!(a, new_reference("DEMO-PRISHTINA", at));
    }
}

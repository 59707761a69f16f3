//! The printouts a customer takes home, as PDF: the data access report (the right of access) and the
//! signed receipts of consents, corrections and rights requests. Albanian by default, English and
//! Serbian (Cyrillic) on request, in an embedded DejaVu Sans subset to the glyphs used.
//!
//! Every page carries a header, "page X of Y", the print time in local time, the store and the
//! clerk's staff id, and a verification code: the short form of the SHA-256 of what was printed (see
//! [`verify`]'s rules), with a QR code holding the reference and the whole hash. Demo data prints
//! with a "DEMO — fictional data" banner on every page.
//!
//! Modules: `layout` (text measuring, wrapping, tables that repeat their heading across pages),
//! `pdf` (header, footer and writing), `data_report` and `receipt` (the documents), `labels` (the
//! printouts' own words), `mask`, `verify`, `qr`, `fonts`.

mod data_report;
mod error;
mod fonts;
pub(crate) mod labels;
mod layout;
mod mask;
mod pdf;
mod qr;
mod receipt;
mod verify;

use chrono::{DateTime, Utc};
use protocol::Lang;

pub use data_report::render_data_report;
pub use error::ReportError;
pub use mask::{mask_counterpart, mask_personal_number, MASK};
pub use receipt::{
    render_consent_receipt, render_correction_receipt, render_rights_request_receipt,
    ReceiptContext,
};
pub use verify::verification_code;

/// Who prints a data report, where and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportContext {
    pub lang: Lang,
    pub store_code: String,
    pub clerk_id: String,
    pub printed_at: DateTime<Utc>,
    /// The reference of the customer's access request; printed on every page and in the QR code.
    pub request_reference: String,
    /// The customer explicitly asked for the other parties' numbers in full (the clerk ticked it);
    /// otherwise their last three digits are hidden.
    pub full_counterpart_numbers: bool,
}

/// A finished printout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedPdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Lower-case hex SHA-256 of the canonical JSON of the printed data (the data report, or the
    /// signed change's payload), not of the PDF's bytes.
    pub sha256: String,
    /// The short form printed on every page, `XXXX-XXXX-XXXX`.
    pub verification_code: String,
}

/// The footer line naming the print time, the store and the clerk.
fn printed_line(lang: Lang, at: DateTime<Utc>, store: &str, clerk: &str) -> String {
    format!(
        "{} {} · {} {} · {} {}",
        labels::PRINTED.get(lang),
        crate::time::format_local(at),
        labels::STORE.get(lang),
        store,
        labels::CLERK.get(lang),
        clerk
    )
}

/// The footer line with the verification code and the reference it belongs to.
fn code_line(lang: Lang, code: &str, reference: &str) -> String {
    format!(
        "{} {} · {} {}",
        labels::VERIFICATION_CODE.get(lang),
        code,
        labels::REFERENCE.get(lang),
        reference
    )
}

//! A signed correction of the customer's record: "The correction of data, when users believe that
//! their personal data, processed by IPKO is incorrect". The new value is checked and put in one
//! form before the customer signs; the record version the clerk saw goes with it, so that the
//! central API detects a record changed meanwhile (a conflict for a supervisor's review).

use protocol::api::CustomerSummary;
use protocol::mutation::{CorrectableField, CorrectionRequested, MutationPayload, Signature};
use protocol::policy::RightKind;
use serde::Serialize;

use super::{new_reference, refused, save, signature, values, CaptureSession, Captured};
use crate::error::Result;
use crate::store::Store;

/// The longest reason the receipt and the request carry.
const MAX_REASON_CHARS: usize = 500;

/// What the screen hands in before the customer signs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectionDraft {
    pub field: CorrectableField,
    pub new_value: String,
    pub reason: String,
}

/// The correction as it will be signed: the value on record and the new one, in one form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckedCorrection {
    pub field: CorrectableField,
    pub old_value: Option<String>,
    pub new_value: String,
    pub reason: String,
}

/// The value of `field` in the customer's record, as the central API sent it.
pub fn current_value(customer: &CustomerSummary, field: CorrectableField) -> Option<String> {
    let value = match field {
        CorrectableField::FirstName => Some(customer.first_name.clone()),
        CorrectableField::LastName => Some(customer.last_name.clone()),
        CorrectableField::Address => Some(customer.address.clone()),
        CorrectableField::Email => customer.email.clone(),
        CorrectableField::ContactNumber => customer.contact_number.clone(),
    };
    value.filter(|v| !v.trim().is_empty())
}

/// Checks the new value (in the field's own way), that it changes something, and the reason.
pub fn check(customer: &CustomerSummary, draft: &CorrectionDraft) -> Result<CheckedCorrection> {
    let new_value = match draft.field {
        CorrectableField::FirstName | CorrectableField::LastName => values::name(&draft.new_value)?,
        CorrectableField::Address => values::address(&draft.new_value)?,
        CorrectableField::Email => values::email(&draft.new_value)?,
        CorrectableField::ContactNumber => values::phone(&draft.new_value)?,
    };
    let old_value = current_value(customer, draft.field);
    let same = old_value.as_deref().is_some_and(|old| match draft.field {
        CorrectableField::Email => old.eq_ignore_ascii_case(&new_value),
        CorrectableField::ContactNumber => values::phone(old).is_ok_and(|o| o == new_value),
        _ => values::tidy(old) == new_value,
    });
    if same {
        return Err(refused(
            "unchanged_value",
            "The new value is the one IPKO holds already: there is nothing to correct.",
        ));
    }
    let reason = values::free_text(&draft.reason, MAX_REASON_CHARS, "invalid_input", "reason")?;
    if reason.is_empty() {
        return Err(refused(
            "reason_required",
            "Write why the customer asks for the correction (e.g. \"moved house\", \"misspelt\").",
        ));
    }
    Ok(CheckedCorrection {
        field: draft.field,
        old_value,
        new_value,
        reason,
    })
}

/// Checks the draft and the signature, then saves the signed correction based on the record
/// version the clerk saw.
pub fn record(
    store: &mut Store,
    session: &CaptureSession,
    draft: &CorrectionDraft,
    signature: Signature,
) -> Result<Captured> {
    let checked = check(&session.customer, draft)?;
    signature::check(&signature)?;
    let reference = new_reference(&session.store_code, session.now);
    let payload = CorrectionRequested {
        reference: reference.clone(),
        customer_id: session.customer.customer_id.clone(),
        field: checked.field,
        old_value: checked.old_value.unwrap_or_default(),
        new_value: checked.new_value,
        reason: checked.reason,
        base_record_version: session.customer.record_version,
        expressed_by: session.verification.acting.clone(),
        store_code: session.store_code.clone(),
        signature_sha256: signature.sha256(),
        signature,
    };
    save(
        store,
        session,
        MutationPayload::CorrectionRequested(payload),
        reference,
        Some(RightKind::Rectification.deadline()),
    )
}

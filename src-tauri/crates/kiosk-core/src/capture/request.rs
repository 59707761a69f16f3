//! A signed rights request other than a correction: access beyond the printout, erasure or
//! restriction, objection, portability, complaint, and a business's suspension of direct marketing.
//! Each has its own fields ([`RequestParticulars`]) and the policy's deadline.

use chrono::{DateTime, NaiveDate, Utc};
use protocol::api::CustomerKind;
use protocol::mutation::{MutationPayload, RequestParticulars, RightsRequestSubmitted, Signature};
use protocol::policy::{LegitimateInterestPurpose, RightKind};
use serde::{Deserialize, Serialize};

use super::{new_reference, refused, save, signature, values, CaptureSession, Captured};
use crate::error::Result;
use crate::store::Store;

/// The longest text a request carries in the customer's words.
const MAX_DETAILS_CHARS: usize = 2000;

/// The rights requested at the counter as requests (a correction is its own capture).
pub const REQUESTABLE: [RightKind; 7] = [
    RightKind::Access,
    RightKind::Erasure,
    RightKind::Restriction,
    RightKind::Objection,
    RightKind::Portability,
    RightKind::Complaint,
    RightKind::MarketingSuspension,
];

/// What the screen hands in before the customer signs.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestDraft {
    pub kind: RightKind,
    #[serde(default)]
    pub details: String,
    #[serde(default)]
    pub objection_purpose: Option<LegitimateInterestPurpose>,
    pub particulars: RequestParticulars,
}

/// The request as it will be signed, with the policy's dates for an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckedRequest {
    pub kind: RightKind,
    pub due_at: DateTime<Utc>,
    pub latest_due_at: DateTime<Utc>,
}

/// Whether the customer may make a request of `kind` at the counter, and if not, why.
pub fn unavailable_reason(kind: RightKind, customer: CustomerKind) -> Option<&'static str> {
    match kind {
        RightKind::Rectification => {
            Some("A correction is made with the correction form, not as a request.")
        }
        k if k.business_only() && customer != CustomerKind::Business => {
            Some("Only a business customer can suspend direct marketing this way; a person withdraws their consent instead.")
        }
        _ => None,
    }
}

/// Checks the request's own fields, in the stores' calendar of `today`.
pub fn check(
    draft: &RequestDraft,
    customer: CustomerKind,
    now: DateTime<Utc>,
) -> Result<CheckedRequest> {
    let invalid = |m: &str| refused("invalid_input", m.to_owned());
    if let Some(why) = unavailable_reason(draft.kind, customer) {
        let code = if draft.kind.business_only() {
            "business_only"
        } else {
            "invalid_input"
        };
        return Err(refused(code, why));
    }
    if draft.particulars.kind() != draft.kind {
        return Err(invalid(
            "The request's fields belong to another kind of request.",
        ));
    }
    match (draft.kind, draft.objection_purpose) {
        (RightKind::Objection, None) => {
            return Err(invalid(
                "Choose the purpose of IPKO's legitimate interest the customer objects to.",
            ))
        }
        (k, Some(_)) if k != RightKind::Objection => {
            return Err(invalid("Only an objection names a purpose objected to."))
        }
        _ => {}
    }
    let details = values::free_text(&draft.details, MAX_DETAILS_CHARS, "invalid_input", "text")?;
    let today = crate::time::local_date(now);
    match &draft.particulars {
        RequestParticulars::Access { items, from, to } => {
            if items.is_empty() {
                return Err(invalid("Tick what the customer asks to receive."));
            }
            check_period(*from, *to, today)?;
        }
        RequestParticulars::Erasure { categories }
        | RequestParticulars::Restriction { categories } => {
            if categories.is_empty() {
                return Err(invalid("Tick the data the request concerns."));
            }
            if details.is_empty() {
                return Err(invalid(
                    "Write why the customer asks for it, in their words.",
                ));
            }
        }
        RequestParticulars::Objection => {
            if details.is_empty() {
                return Err(invalid(
                    "Write the customer's grounds for the objection, in their words.",
                ));
            }
        }
        RequestParticulars::Portability { formats } => {
            if formats.is_empty() {
                return Err(invalid("Tick the file format(s) the customer wants."));
            }
        }
        RequestParticulars::Complaint { .. } => {
            if details.is_empty() {
                return Err(invalid(
                    "Write what the complaint is about, in the customer's words.",
                ));
            }
        }
        RequestParticulars::MarketingSuspension { until } => {
            if until.is_some_and(|d| d <= today) {
                return Err(invalid(
                    "A temporary suspension ends after today; leave the date empty for a permanent one.",
                ));
            }
        }
    }
    let due = draft.kind.deadline().due_dates(now);
    Ok(CheckedRequest {
        kind: draft.kind,
        due_at: due.due_at,
        latest_due_at: due.latest_at,
    })
}

fn check_period(from: Option<NaiveDate>, to: Option<NaiveDate>, today: NaiveDate) -> Result<()> {
    let invalid = |m: &str| refused("invalid_input", m.to_owned());
    if from.is_some_and(|f| f > today) || to.is_some_and(|t| t > today) {
        return Err(invalid("The period cannot end after today."));
    }
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(invalid("The period's first day is after its last day."));
        }
    }
    Ok(())
}

/// Checks the draft and the signature, then saves the signed request with a new reference.
pub fn record(
    store: &mut Store,
    session: &CaptureSession,
    draft: &RequestDraft,
    signature: Signature,
) -> Result<Captured> {
    check(draft, session.customer.kind, session.now)?;
    signature::check(&signature)?;
    let reference = new_reference(&session.store_code, session.now);
    let particulars = match &draft.particulars {
        // One category ticked twice is one category.
        RequestParticulars::Erasure { categories } => RequestParticulars::Erasure {
            categories: dedup(categories),
        },
        RequestParticulars::Restriction { categories } => RequestParticulars::Restriction {
            categories: dedup(categories),
        },
        other => other.clone(),
    };
    let payload = RightsRequestSubmitted {
        reference: reference.clone(),
        customer_id: session.customer.customer_id.clone(),
        kind: draft.kind,
        objection_purpose: draft.objection_purpose,
        details: values::tidy(&draft.details),
        particulars: Some(particulars),
        expressed_by: session.verification.acting.clone(),
        store_code: session.store_code.clone(),
        signature_sha256: signature.sha256(),
        signature,
    };
    save(
        store,
        session,
        MutationPayload::RightsRequestSubmitted(payload),
        reference,
        Some(draft.kind.deadline()),
    )
}

fn dedup<T: Copy + Ord>(items: &[T]) -> Vec<T> {
    let mut v = items.to_vec();
    v.sort();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use protocol::mutation::{AccessItem, PortableFormat};
    use protocol::policy::DataCategory;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 22, 10, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn draft(kind: RightKind, details: &str, particulars: RequestParticulars) -> RequestDraft {
        RequestDraft {
            kind,
            details: details.into(),
            objection_purpose: (kind == RightKind::Objection)
                .then_some(LegitimateInterestPurpose::FraudPrevention),
            particulars,
        }
    }

    fn code(d: &RequestDraft, customer: CustomerKind) -> &'static str {
        check(d, customer, now()).err().map_or("ok", |e| e.code())
    }

    #[test]
    fn each_request_has_its_own_fields_and_the_policy_deadline() -> Result<()> {
        let person = CustomerKind::Individual;
        let access = draft(
            RightKind::Access,
            "",
            RequestParticulars::Access {
                items: vec![AccessItem::FullTrafficData],
                from: NaiveDate::from_ymd_opt(2026, 1, 1),
                to: None,
            },
        );
        let checked = check(&access, person, now())?;
        assert_eq!(checked.due_at.to_rfc3339(), "2026-12-22T10:00:00+00:00");
        assert_eq!(
            checked.latest_due_at.to_rfc3339(),
            "2027-02-22T10:00:00+00:00"
        );
        let no_items = draft(
            RightKind::Access,
            "",
            RequestParticulars::Access {
                items: vec![],
                from: None,
                to: None,
            },
        );
        assert_eq!(code(&no_items, person), "invalid_input");
        let future = draft(
            RightKind::Access,
            "",
            RequestParticulars::Access {
                items: vec![AccessItem::MachineReadableCopy],
                from: None,
                to: NaiveDate::from_ymd_opt(2026, 12, 1),
            },
        );
        assert_eq!(code(&future, person), "invalid_input");

        let erasure = |details: &str, categories: Vec<DataCategory>| {
            draft(
                RightKind::Erasure,
                details,
                RequestParticulars::Erasure { categories },
            )
        };
        assert_eq!(
            code(
                &erasure(
                    "No longer a customer of TV.",
                    vec![DataCategory::Television]
                ),
                person
            ),
            "ok"
        );
        assert_eq!(
            code(&erasure("", vec![DataCategory::Television]), person),
            "invalid_input"
        );
        assert_eq!(code(&erasure("Why", vec![]), person), "invalid_input");

        let objection = draft(
            RightKind::Objection,
            "I am not a fraud risk.",
            RequestParticulars::Objection,
        );
        assert_eq!(code(&objection, person), "ok");
        let mut no_purpose = objection.clone();
        no_purpose.objection_purpose = None;
        assert_eq!(code(&no_purpose, person), "invalid_input");

        let portability = draft(
            RightKind::Portability,
            "",
            RequestParticulars::Portability {
                formats: vec![PortableFormat::Json, PortableFormat::Csv],
            },
        );
        assert_eq!(code(&portability, person), "ok");
        // Fields of one kind under another.
        let mismatched = draft(
            RightKind::Complaint,
            "Called after withdrawing.",
            RequestParticulars::Portability {
                formats: vec![PortableFormat::Csv],
            },
        );
        assert_eq!(code(&mismatched, person), "invalid_input");

        let suspension = |until| {
            draft(
                RightKind::MarketingSuspension,
                "",
                RequestParticulars::MarketingSuspension { until },
            )
        };
        assert_eq!(code(&suspension(None), person), "business_only");
        assert_eq!(code(&suspension(None), CustomerKind::Business), "ok");
        assert_eq!(
            code(
                &suspension(NaiveDate::from_ymd_opt(2026, 11, 22)),
                CustomerKind::Business
            ),
            "invalid_input"
        );
        let checked = check(
            &suspension(NaiveDate::from_ymd_opt(2027, 6, 30)),
            CustomerKind::Business,
            now(),
        )?;
        assert_eq!(checked.due_at.to_rfc3339(), "2026-12-07T10:00:00+00:00");
        assert_eq!(checked.latest_due_at, checked.due_at);
        Ok(())
    }
}

//! The customer's own window (on a second display): the clerk offers what the customer is to read,
//! choose and sign; the customer's window reports how far the customer got, never the pad's points,
//! until the customer submits. The offer lives with the customer being served and goes with them
//! ("Done", the lock).

use protocol::mutation::{ConsentChoice, Signature};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::capture::refused;
use crate::capture::{consent, signature};
use crate::error::Result;

/// The largest offer the customer's window is handed (a notice and its choices are a few KB).
pub const MAX_OFFER_BYTES: usize = 256 * 1024;

/// How far the customer got with an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandoffStep {
    Reading,
    Choosing,
    Signing,
    Submitted,
    Withdrawn,
}

/// What the customer hands in: the choices (for a consent) and the signature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    #[serde(default)]
    pub choices: Option<Vec<ConsentChoice>>,
    pub signature: Signature,
}

/// One offer to the customer's window.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub offer_id: Uuid,
    /// What the customer's window shows (the notice and choices, or the lines to sign), as the
    /// clerk's screen built it; what is saved is checked again when the clerk saves.
    pub content: serde_json::Value,
    pub step: HandoffStep,
    pub submission: Option<Submission>,
}

impl Offer {
    /// A new offer; refused when it is not a JSON object or too large.
    pub fn new(content: serde_json::Value) -> Result<Offer> {
        if !content.is_object() {
            return Err(refused(
                "invalid_input",
                "An offer to the customer is a JSON object.",
            ));
        }
        let size = serde_json::to_vec(&content).map_or(usize::MAX, |v| v.len());
        if size > MAX_OFFER_BYTES {
            return Err(refused(
                "invalid_input",
                format!("The offer to the customer is {size} bytes; at most {MAX_OFFER_BYTES}."),
            ));
        }
        Ok(Offer {
            offer_id: Uuid::now_v7(),
            content,
            step: HandoffStep::Reading,
            submission: None,
        })
    }

    fn check_id(&self, offer_id: Uuid) -> Result<()> {
        if offer_id != self.offer_id {
            return Err(refused(
                "offer_gone",
                "The clerk has replaced or withdrawn this offer.",
            ));
        }
        Ok(())
    }

    /// The customer's window reports a step (reading, choosing, signing). A step back is taken
    /// (the customer may read again); nothing after the submission.
    pub fn progress(&mut self, offer_id: Uuid, step: HandoffStep) -> Result<()> {
        self.check_id(offer_id)?;
        if !matches!(
            step,
            HandoffStep::Reading | HandoffStep::Choosing | HandoffStep::Signing
        ) {
            return Err(refused(
                "invalid_input",
                "The customer's window reports reading, choosing or signing.",
            ));
        }
        if self.submission.is_some() {
            return Err(refused(
                "offer_submitted",
                "The customer has submitted already.",
            ));
        }
        self.step = step;
        Ok(())
    }

    /// The customer submits: the signature must stand for a hand (the same rule as every capture)
    /// and consent choices must follow the policy; the clerk's save checks the rest.
    pub fn submit(&mut self, offer_id: Uuid, submission: Submission) -> Result<()> {
        self.check_id(offer_id)?;
        if self.submission.is_some() {
            return Err(refused(
                "offer_submitted",
                "The customer has submitted already.",
            ));
        }
        if let Some(choices) = &submission.choices {
            consent::check_choices(choices, None)?;
        }
        signature::check(&submission.signature)?;
        self.submission = Some(submission);
        self.step = HandoffStep::Submitted;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::mutation::SignaturePoint;
    use protocol::policy::{Channel, ConsentPurpose, ConsentState};

    fn signature(points: u32) -> Signature {
        Signature {
            width: 600,
            height: 200,
            strokes: vec![(0..points)
                .map(|i| SignaturePoint {
                    x: 100 + i * 50,
                    y: 900 + (i % 7) * 40,
                    t: i * 16,
                    pressure: None,
                })
                .collect()],
        }
    }

    #[test]
    fn the_customer_reports_steps_then_submits_once_with_a_real_signature() -> Result<()> {
        let mut offer = Offer::new(serde_json::json!({"kind": "sign", "lines": ["…"]}))?;
        let id = offer.offer_id;
        assert!(Offer::new(serde_json::json!(["not", "an", "object"])).is_err());
        assert_eq!(
            offer
                .progress(Uuid::now_v7(), HandoffStep::Signing)
                .err()
                .map(|e| e.code()),
            Some("offer_gone")
        );
        offer.progress(id, HandoffStep::Signing)?;
        assert_eq!(
            offer
                .progress(id, HandoffStep::Submitted)
                .err()
                .map(|e| e.code()),
            Some("invalid_input")
        );
        let short = Submission {
            choices: None,
            signature: signature(5),
        };
        assert_eq!(
            offer.submit(id, short).err().map(|e| e.code()),
            Some("signature_too_short")
        );
        let bad_choice = Submission {
            choices: Some(vec![ConsentChoice {
                purpose: ConsentPurpose::HelpUsBeBetter,
                channel: Some(Channel::Email),
                state: ConsentState::Given,
            }]),
            signature: signature(60),
        };
        assert_eq!(
            offer.submit(id, bad_choice).err().map(|e| e.code()),
            Some("invalid_input")
        );
        assert!(offer.submission.is_none());
        offer.submit(
            id,
            Submission {
                choices: None,
                signature: signature(60),
            },
        )?;
        assert_eq!(offer.step, HandoffStep::Submitted);
        let again = Submission {
            choices: None,
            signature: signature(60),
        };
        assert_eq!(
            offer.submit(id, again).err().map(|e| e.code()),
            Some("offer_submitted")
        );
        assert_eq!(
            offer
                .progress(id, HandoffStep::Reading)
                .err()
                .map(|e| e.code()),
            Some("offer_submitted")
        );
        Ok(())
    }
}

//! From a checked document to the record it belongs to: the kiosk looks the customer up by the
//! personal number the document carries (the clerk searches by customer or phone number when it
//! carries none, as foreign passports do), and compares the document with the customer and with
//! each person on record as acting for them (guardian, authorised person, business
//! representative), best match first. The clerk then confirms the photo and the verification is
//! recorded (`idcheck::record`).

use std::cmp::Reverse;

use protocol::api::{ActingCapacity, CustomerQuery, CustomerSummary};
use serde::Serialize;

use crate::idcheck::matching::{match_customer, match_representative, MatchResult};
use crate::idcheck::DocumentData;
use crate::store::Enrolment;
use crate::sync::SyncFailure;

/// Whom the document was compared with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Subject {
    /// The customer, acting in person.
    Customer,
    /// The `index`-th person on record as acting for the customer.
    Representative {
        index: usize,
        capacity: ActingCapacity,
    },
}

/// One comparison of the document with a person on the customer's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    pub subject: Subject,
    pub result: MatchResult,
}

/// A customer the document may belong to, with every comparison, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub customer: CustomerSummary,
    pub comparisons: Vec<Comparison>,
}

impl Candidate {
    pub fn best(&self) -> Option<&Comparison> {
        self.comparisons.first()
    }
}

/// The document against the customer and against everyone on record as acting for them.
pub fn compare(doc: &DocumentData, customer: CustomerSummary) -> Candidate {
    let mut comparisons = vec![Comparison {
        subject: Subject::Customer,
        result: match_customer(doc, &customer),
    }];
    comparisons.extend(
        customer
            .representatives
            .iter()
            .enumerate()
            .map(|(index, rep)| Comparison {
                subject: Subject::Representative {
                    index,
                    capacity: rep.capacity,
                },
                result: match_representative(doc, rep),
            }),
    );
    // Stable: on a tie the customer in person comes first.
    comparisons.sort_by_key(|c| Reverse(c.result.rank()));
    Candidate {
        customer,
        comparisons,
    }
}

/// The records the document may belong to, found by its personal number; best candidate first.
/// A document without a personal number finds nothing here: the clerk searches by customer or phone
/// number and calls [`compare`].
pub async fn candidates(
    client: &reqwest::Client,
    enrolment: &Enrolment,
    doc: &DocumentData,
) -> Result<Vec<Candidate>, SyncFailure> {
    let Some(personal_number) = doc.personal_number.clone() else {
        return Ok(Vec::new());
    };
    let query = CustomerQuery {
        personal_number: Some(personal_number),
        ..CustomerQuery::default()
    };
    let found = crate::central::lookup_customer(client, enrolment, &query).await?;
    let mut candidates: Vec<Candidate> = found
        .customers
        .into_iter()
        .map(|c| compare(doc, c))
        .collect();
    best_first(&mut candidates);
    Ok(candidates)
}

/// The records that match best first (a stable sort: equals keep the central API's order).
pub fn best_first(candidates: &mut [Candidate]) {
    candidates.sort_by_key(|c| Reverse(c.best().map_or(0, |b| b.result.rank())));
}

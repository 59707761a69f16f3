//! Recording a verification: the `identity verified` change (who acted, for whom, which document
//! type, issuing state, the last four characters of the document number, scanned or typed, the
//! verdict, the clerk's photo confirmation) written with [`Store::capture`], which adds the audit
//! entry in the same transaction. No image and no full document number is stored anywhere.
//!
//! Who acts: the customer in person, a guardian of a minor (under
//! [`IdCheckConfig::minor_age_threshold`], 16 unless configured), a person the subscriber
//! authorised, or a business customer's representative (business number + authorisation document).
//! For anyone but the customer, the checked document is the acting person's own, and it is matched
//! with the representative on record ([`super::match_representative`]).
//!
//! Offline ([`OfflineVerification`], [`record_offline_verification`]): the record cannot be read,
//! so the document's checks and the photo confirmation are all the kiosk can do. The change is
//! recorded with the verdict `pending` and the holder's data ([`DocumentHolder`]: names,
//! personal number, date of birth; never the document number), and the central API completes the
//! match on sync with the same rule. Only the customer in person and an authorised person can be
//! verified offline: a guardian's customer must be a minor and a business representative's
//! business number must be the customer's, which only the record can tell.

use chrono::NaiveDate;
use protocol::api::{ActingCapacity, CustomerKind, CustomerSummary};
use protocol::mutation::{Actor, DocumentHolder, IdentityVerified, MatchVerdict, MutationPayload};
use serde::Deserialize;
use uuid::Uuid;

use super::countries::{self, CodeKind};
use super::{capacity_label, dates, CheckedDocument, IdCheckConfig, IdCheckError, MatchResult};
use crate::store::{QueuedChange, Store};

/// How the person at the counter acts.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "capacity", rename_all = "snake_case")]
pub enum ActingFor {
    Themself,
    Guardian {
        authorisation_reference: String,
    },
    AuthorisedPerson {
        authorisation_reference: String,
    },
    BusinessRepresentative {
        business_number: String,
        authorisation_reference: String,
    },
}

impl ActingFor {
    pub fn capacity(&self) -> ActingCapacity {
        match self {
            ActingFor::Themself => ActingCapacity::Themself,
            ActingFor::Guardian { .. } => ActingCapacity::Guardian,
            ActingFor::AuthorisedPerson { .. } => ActingCapacity::AuthorisedPerson,
            ActingFor::BusinessRepresentative { .. } => ActingCapacity::BusinessRepresentative,
        }
    }
}

/// The clerk's decision on a partial match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClerkJudgement {
    /// The clerk has not decided (a full match needs no decision).
    NotGiven,
    /// The clerk judged that the person is the customer (or their representative).
    Accepted,
}

/// Everything a verification is recorded from.
#[derive(Debug, Clone)]
pub struct Verification<'a> {
    pub customer: &'a CustomerSummary,
    pub document: &'a CheckedDocument,
    pub match_result: &'a MatchResult,
    pub photo_confirmed: bool,
    pub judgement: ClerkJudgement,
    pub acting: ActingFor,
    pub store_code: &'a str,
    pub today: NaiveDate,
    pub config: IdCheckConfig,
}

/// Why a verification was not recorded.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    #[error(transparent)]
    Check(#[from] IdCheckError),
    #[error(transparent)]
    Store(#[from] crate::Error),
}

impl RecordError {
    pub fn code(&self) -> &'static str {
        match self {
            RecordError::Check(e) => e.code(),
            RecordError::Store(e) => e.code(),
        }
    }
}

impl serde::Serialize for RecordError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            RecordError::Check(e) => e.serialize(serializer),
            RecordError::Store(e) => e.serialize(serializer),
        }
    }
}

fn reference(capacity: ActingCapacity, r: &str) -> Result<String, IdCheckError> {
    let r = r.trim();
    if r.is_empty() {
        return Err(IdCheckError::AuthorisationMissing {
            capacity: capacity_label(capacity).to_owned(),
        });
    }
    Ok(r.to_owned())
}

fn tidy_business_number(n: &str) -> String {
    n.chars().filter(char::is_ascii_alphanumeric).collect()
}

impl Verification<'_> {
    /// Checks that the verification may be recorded and builds its payload.
    pub fn payload(&self) -> Result<IdentityVerified, IdCheckError> {
        let doc = &self.document.data;
        if !self.document.is_acceptable() {
            return Err(IdCheckError::DocumentNotAccepted {
                count: self.document.errors.len(),
            });
        }
        if countries::classify(&doc.issuing_state) == Some(CodeKind::Specimen)
            && !self.customer.demo
        {
            return Err(IdCheckError::SpecimenDocument {
                code: doc.issuing_state.clone(),
            });
        }
        if !self.photo_confirmed {
            return Err(IdCheckError::PhotoNotConfirmed);
        }
        match self.match_result.verdict {
            MatchVerdict::Mismatch => {
                return Err(IdCheckError::IdentityMismatch {
                    differing: self.match_result.differing(),
                })
            }
            MatchVerdict::Partial if self.judgement != ClerkJudgement::Accepted => {
                return Err(IdCheckError::ClerkJudgementNeeded {
                    differing: self.match_result.differing(),
                })
            }
            _ => {}
        }
        let capacity = self.acting.capacity();
        let authorisation_reference = match &self.acting {
            ActingFor::Themself => None,
            ActingFor::Guardian {
                authorisation_reference,
            } => {
                let born = self
                    .customer
                    .date_of_birth
                    .ok_or(IdCheckError::AgeUnknown)?;
                let age = dates::age_on(born, self.today);
                let threshold = self.config.minor_age_threshold;
                if age >= threshold {
                    return Err(IdCheckError::NotAMinor { age, threshold });
                }
                Some(reference(capacity, authorisation_reference)?)
            }
            ActingFor::AuthorisedPerson {
                authorisation_reference,
            } => Some(reference(capacity, authorisation_reference)?),
            ActingFor::BusinessRepresentative {
                business_number,
                authorisation_reference,
            } => {
                if self.customer.kind != CustomerKind::Business {
                    return Err(IdCheckError::NotABusiness);
                }
                let given = tidy_business_number(business_number);
                let on_record = self
                    .customer
                    .business_number
                    .as_deref()
                    .map(tidy_business_number);
                if given.is_empty() || on_record.as_deref() != Some(given.as_str()) {
                    return Err(IdCheckError::BusinessNumberMismatch { given });
                }
                let r = reference(capacity, authorisation_reference)?;
                Some(format!("{r} (business number {given})"))
            }
        };
        let verdict = self.match_result.verdict;
        build_payload(
            &self.customer.customer_id,
            self.document,
            actor(self.document, capacity, authorisation_reference),
            verdict,
            // A pending verdict (which the matching rule itself never gives) always carries the
            // holder, so that the server can complete it.
            (verdict == MatchVerdict::Pending).then(|| doc.holder()),
            self.store_code,
        )
    }
}

/// Who acted, as the change records it: nothing more for the customer in person; for anyone else,
/// their name and personal number from their own document, and the authorisation.
fn actor(
    document: &CheckedDocument,
    capacity: ActingCapacity,
    authorisation_reference: Option<String>,
) -> Actor {
    if capacity == ActingCapacity::Themself {
        Actor {
            capacity,
            name: None,
            personal_number: None,
            authorisation_reference: None,
        }
    } else {
        Actor {
            capacity,
            name: Some(document.data.full_name()),
            personal_number: document.data.personal_number.clone(),
            authorisation_reference,
        }
    }
}

fn build_payload(
    customer_id: &str,
    document: &CheckedDocument,
    acting: Actor,
    verdict: MatchVerdict,
    holder: Option<DocumentHolder>,
    store_code: &str,
) -> Result<IdentityVerified, IdCheckError> {
    let doc = &document.data;
    let payload = IdentityVerified {
        verification_id: Uuid::now_v7(),
        customer_id: customer_id.to_owned(),
        document_type: doc.document_type,
        issuing_state: doc.issuing_state.clone(),
        document_number_last4: doc.number_last4(),
        document_expires_on: doc.expires_on,
        method: doc.method,
        verdict,
        photo_confirmed: true,
        acting,
        store_code: store_code.to_owned(),
        holder,
    };
    payload
        .check_holder()
        .map_err(|e| IdCheckError::InvalidVerification {
            reason: e.to_string(),
        })?;
    Ok(payload)
}

/// Everything a verification is recorded from when IPKO's record cannot be reached (the kiosk is
/// offline): the match is left `pending` for the central API.
#[derive(Debug, Clone)]
pub struct OfflineVerification<'a> {
    /// The customer the person says they are (or acts for), as the kiosk knows them without the
    /// record: the server matches the document with this customer's record on sync.
    pub customer_id: &'a str,
    pub document: &'a CheckedDocument,
    pub photo_confirmed: bool,
    pub acting: ActingFor,
    pub store_code: &'a str,
}

impl OfflineVerification<'_> {
    /// Checks that the verification may be recorded offline and builds its `pending` payload,
    /// with the holder's data for the server to match.
    pub fn payload(&self) -> Result<IdentityVerified, IdCheckError> {
        if !self.document.is_acceptable() {
            return Err(IdCheckError::DocumentNotAccepted {
                count: self.document.errors.len(),
            });
        }
        if !self.photo_confirmed {
            return Err(IdCheckError::PhotoNotConfirmed);
        }
        if self.customer_id.trim().is_empty() {
            return Err(IdCheckError::InvalidVerification {
                reason: "no customer was chosen".to_owned(),
            });
        }
        let capacity = self.acting.capacity();
        let authorisation_reference = match &self.acting {
            ActingFor::Themself => None,
            ActingFor::AuthorisedPerson {
                authorisation_reference,
            } => Some(reference(capacity, authorisation_reference)?),
            ActingFor::Guardian { .. } | ActingFor::BusinessRepresentative { .. } => {
                return Err(IdCheckError::RecordNeeded {
                    capacity: capacity_label(capacity).to_owned(),
                })
            }
        };
        // Specimen documents are refused by the server for a real customer: offline, the kiosk
        // cannot tell a demo customer from a real one.
        build_payload(
            self.customer_id,
            self.document,
            actor(self.document, capacity, authorisation_reference),
            MatchVerdict::Pending,
            Some(self.document.data.holder()),
            self.store_code,
        )
    }
}

/// Records the verification as an `identity verified` change and its audit entry, in one
/// transaction. Returns the payload (its `verification_id` goes on the consents and requests that
/// follow) and the queued change.
pub fn record_verification(
    store: &mut Store,
    clerk_id: &str,
    verification: &Verification<'_>,
) -> Result<(IdentityVerified, QueuedChange), RecordError> {
    let payload = verification.payload()?;
    let queued = store.capture(
        clerk_id,
        &MutationPayload::IdentityVerified(payload.clone()),
    )?;
    tracing::info!(seq = queued.seq, verdict = ?payload.verdict, "identity verification recorded");
    Ok((payload, queued))
}

/// Records a verification made while the record cannot be reached: the `identity verified` change
/// with the verdict `pending` and the holder's data, and its audit entry, in one transaction. The
/// server completes the match on sync; a mismatch comes back as a rejected change for review.
pub fn record_offline_verification(
    store: &mut Store,
    clerk_id: &str,
    verification: &OfflineVerification<'_>,
) -> Result<(IdentityVerified, QueuedChange), RecordError> {
    let payload = verification.payload()?;
    let queued = store.capture(
        clerk_id,
        &MutationPayload::IdentityVerified(payload.clone()),
    )?;
    tracing::info!(
        seq = queued.seq,
        "identity verification recorded offline, match pending"
    );
    Ok((payload, queued))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::idcheck::{match_customer, match_representative, DocumentData};
    use protocol::api::{DocumentType, Representative};
    use protocol::mutation::{MutationKind, VerificationMethod};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn today() -> NaiveDate {
        d(2026, 11, 22)
    }

    fn customer() -> CustomerSummary {
        CustomerSummary {
            customer_id: "C-000001".into(),
            customer_no: "DEMO-100001".into(),
            kind: CustomerKind::Individual,
            first_name: "Arbër".into(),
            last_name: "Zeqiri".into(),
            personal_number: Some("1234567892".into()),
            date_of_birth: Some(d(1988, 9, 3)),
            nationality: Some("RKS".into()),
            identity_document: None,
            business_name: None,
            business_number: None,
            address: "Rruga e Burimit 7, 10000 Prishtinë".into(),
            email: None,
            msisdns: vec![],
            contact_number: None,
            representatives: vec![],
            record_version: 1,
            demo: true,
        }
    }

    fn document(surname: &str, given: &str, pn: &str) -> CheckedDocument {
        CheckedDocument {
            data: DocumentData {
                document_type: DocumentType::IdCard,
                issuing_state: "RKS".into(),
                document_number: "P01234567".into(),
                expires_on: Some(d(2031, 1, 1)),
                personal_number: Some(pn.into()),
                surname: surname.into(),
                given_names: given.into(),
                date_of_birth: Some(d(1988, 9, 3)),
                nationality: Some("RKS".into()),
                method: VerificationMethod::Scanned,
            },
            errors: vec![],
            warnings: vec![],
        }
    }

    fn verification<'a>(
        customer: &'a CustomerSummary,
        doc: &'a CheckedDocument,
        m: &'a MatchResult,
        acting: ActingFor,
    ) -> Verification<'a> {
        Verification {
            customer,
            document: doc,
            match_result: m,
            photo_confirmed: true,
            judgement: ClerkJudgement::NotGiven,
            acting,
            store_code: "DEMO-PRISHTINA",
            today: today(),
            config: IdCheckConfig::default(),
        }
    }

    fn code(v: &Verification<'_>) -> Option<&'static str> {
        v.payload().err().map(|e| e.code())
    }

    #[test]
    fn a_verification_is_captured_with_its_audit_entry_and_no_full_document_number() {
        let dir = match tempfile::tempdir() {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        };
        let mut store = match Store::open_in(dir.path()) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        let c = customer();
        let doc = document("ZEQIRI", "ARBER", "1234567892");
        let m = match_customer(&doc.data, &c);
        let v = verification(&c, &doc, &m, ActingFor::Themself);
        let (payload, queued) = match record_verification(&mut store, "PR-0107", &v) {
            Ok(x) => x,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(queued.kind, MutationKind::IdentityVerified);
        assert_eq!(payload.document_number_last4, "4567");
        assert_eq!(payload.verdict, MatchVerdict::Match);
        assert_eq!(payload.method, VerificationMethod::Scanned);
        assert_eq!(payload.issuing_state, "RKS");
        assert!(payload.photo_confirmed);
        assert_eq!(payload.acting.capacity, ActingCapacity::Themself);

        let batch = store.pending_batch(10, 1 << 20).unwrap_or_default();
        let change = batch
            .iter()
            .find(|m| m.kind == MutationKind::IdentityVerified);
        let Some(change) = change else {
            panic!("{batch:?}");
        };
        assert_eq!(change.clerk_id, "PR-0107");
        assert_eq!(
            change.decode().ok(),
            Some(MutationPayload::IdentityVerified(payload.clone()))
        );
        let text = change.payload.to_string();
        assert!(!text.contains("P01234567"), "{text}");
        let audit = store.recent_audit(5).unwrap_or_default();
        assert!(
            audit.iter().any(|e| e.action == "capture.identity_verified"
                && e.entry_seq == queued.audit_entry_seq),
            "{audit:?}"
        );
        // Not in the database file either (nor its write-ahead log).
        drop(store);
        for suffix in ["", "-wal"] {
            let path = format!("{}{suffix}", crate::paths::db_path(dir.path()).display());
            let bytes = std::fs::read(&path).unwrap_or_default();
            assert!(
                !bytes.windows(9).any(|w| w == b"P01234567"),
                "full number found in {path}"
            );
        }
    }

    #[test]
    fn a_verification_that_should_not_be_recorded_says_why() {
        let c = customer();
        let good = document("ZEQIRI", "ARBER", "1234567892");
        let m = match_customer(&good.data, &c);

        let mut v = verification(&c, &good, &m, ActingFor::Themself);
        v.photo_confirmed = false;
        assert_eq!(code(&v), Some("photo_not_confirmed"));

        let mut failed = good.clone();
        failed.errors.push(IdCheckError::DocumentExpired {
            expired_on: d(2020, 1, 1),
        });
        let v = verification(&c, &failed, &m, ActingFor::Themself);
        assert_eq!(code(&v), Some("document_not_accepted"));

        let other = document("SELIMI", "DRITON", "1000000008");
        let mm = match_customer(&other.data, &c);
        let v = verification(&c, &other, &mm, ActingFor::Themself);
        assert_eq!(code(&v), Some("identity_mismatch"));

        let married = document("BERISHA", "ARBER", "1234567892");
        let pm = match_customer(&married.data, &c);
        assert_eq!(pm.verdict, MatchVerdict::Partial);
        let mut v = verification(&c, &married, &pm, ActingFor::Themself);
        assert_eq!(code(&v), Some("clerk_judgement_needed"));
        v.judgement = ClerkJudgement::Accepted;
        assert_eq!(
            v.payload().map(|p| p.verdict).ok(),
            Some(MatchVerdict::Partial)
        );

        let mut specimen = good.clone();
        specimen.data.issuing_state = "UTO".into();
        let real = CustomerSummary {
            demo: false,
            ..customer()
        };
        let v = verification(&real, &specimen, &m, ActingFor::Themself);
        assert_eq!(code(&v), Some("specimen_document"));
        let v = verification(&c, &specimen, &m, ActingFor::Themself);
        assert_eq!(
            code(&v),
            None,
            "a demo customer may be verified with a specimen"
        );
    }

    fn offline<'a>(doc: &'a CheckedDocument, acting: ActingFor) -> OfflineVerification<'a> {
        OfflineVerification {
            customer_id: "C-000001",
            document: doc,
            photo_confirmed: true,
            acting,
            store_code: "DEMO-PRISHTINA",
        }
    }

    #[test]
    fn offline_the_match_is_pending_and_the_holder_travels_without_the_document_number() {
        let dir = match tempfile::tempdir() {
            Ok(d) => d,
            Err(e) => panic!("{e}"),
        };
        let mut store = match Store::open_in(dir.path()) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        };
        let doc = document("ZEQIRI", "ARBER", "1234567892");
        let v = offline(&doc, ActingFor::Themself);
        let (payload, queued) = match record_offline_verification(&mut store, "PR-0107", &v) {
            Ok(x) => x,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(payload.verdict, MatchVerdict::Pending);
        assert_eq!(payload.customer_id, "C-000001");
        assert_eq!(payload.document_number_last4, "4567");
        assert_eq!(
            payload.holder,
            Some(DocumentHolder {
                surname: "ZEQIRI".into(),
                given_names: "ARBER".into(),
                personal_number: Some("1234567892".into()),
                date_of_birth: Some(d(1988, 9, 3)),
            })
        );
        assert_eq!(payload.check_holder(), Ok(()));

        let batch = store.pending_batch(10, 1 << 20).unwrap_or_default();
        let Some(change) = batch.iter().find(|m| m.seq == queued.seq) else {
            panic!("{batch:?}");
        };
        assert_eq!(change.kind, MutationKind::IdentityVerified);
        assert_eq!(change.payload["verdict"], "pending");
        assert_eq!(change.payload["holder"]["surname"], "ZEQIRI");
        assert!(!change.payload.to_string().contains("P01234567"));
        assert_eq!(
            change.decode().ok(),
            Some(MutationPayload::IdentityVerified(payload.clone()))
        );

        // What the server will do with it on sync: the shared rule, on the holder and the last
        // four characters, reaches the verdict the kiosk reaches online with the document in hand.
        let facts = protocol::identity::DocumentFacts::of_pending(&payload);
        let server = facts.map(|f| protocol::identity::match_customer(&f, &customer()).verdict);
        assert_eq!(server, Some(MatchVerdict::Match));
        assert_eq!(
            match_customer(&doc.data, &customer()).verdict,
            MatchVerdict::Match
        );
    }

    #[test]
    fn offline_the_document_checks_still_run_and_only_record_free_capacities_are_allowed() {
        let good = document("ZEQIRI", "ARBER", "1234567892");
        let offline_code = |v: &OfflineVerification<'_>| v.payload().err().map(|e| e.code());

        let mut expired = good.clone();
        expired.errors.push(IdCheckError::DocumentExpired {
            expired_on: d(2020, 1, 1),
        });
        assert_eq!(
            offline_code(&offline(&expired, ActingFor::Themself)),
            Some("document_not_accepted")
        );
        let mut v = offline(&good, ActingFor::Themself);
        v.photo_confirmed = false;
        assert_eq!(offline_code(&v), Some("photo_not_confirmed"));
        let mut v = offline(&good, ActingFor::Themself);
        v.customer_id = " ";
        assert_eq!(offline_code(&v), Some("invalid_verification"));

        let guardian = ActingFor::Guardian {
            authorisation_reference: "Birth certificate 1187/2011".into(),
        };
        assert_eq!(
            offline_code(&offline(&good, guardian)),
            Some("record_needed")
        );
        let business = ActingFor::BusinessRepresentative {
            business_number: "810000001".into(),
            authorisation_reference: "PoA".into(),
        };
        assert_eq!(
            offline_code(&offline(&good, business)),
            Some("record_needed")
        );
        let no_reference = ActingFor::AuthorisedPerson {
            authorisation_reference: "".into(),
        };
        assert_eq!(
            offline_code(&offline(&good, no_reference)),
            Some("authorisation_missing")
        );
        let authorised = ActingFor::AuthorisedPerson {
            authorisation_reference: "Authorisation form 2026/44".into(),
        };
        let payload = offline(&good, authorised).payload();
        let Ok(payload) = payload else {
            panic!("{payload:?}");
        };
        assert_eq!(payload.verdict, MatchVerdict::Pending);
        assert_eq!(payload.acting.capacity, ActingCapacity::AuthorisedPerson);
        assert_eq!(payload.acting.name.as_deref(), Some("ARBER ZEQIRI"));
        assert!(payload.holder.is_some());
    }

    #[test]
    fn online_the_payload_carries_no_holder() {
        let c = customer();
        let doc = document("ZEQIRI", "ARBER", "1234567892");
        let m = match_customer(&doc.data, &c);
        let payload = verification(&c, &doc, &m, ActingFor::Themself).payload();
        assert_eq!(payload.map(|p| p.holder).ok(), Some(None));
    }

    #[test]
    fn a_guardian_acts_only_for_a_minor_under_the_configured_age() {
        let guardian = Representative {
            capacity: ActingCapacity::Guardian,
            first_name: "Valbona".into(),
            last_name: "Morina".into(),
            personal_number: Some("1234567892".into()),
            authorisation_reference: Some("Birth certificate 1187/2011".into()),
        };
        let minor = CustomerSummary {
            first_name: "Rina".into(),
            last_name: "Morina".into(),
            date_of_birth: Some(d(2011, 6, 25)),
            representatives: vec![guardian.clone()],
            ..customer()
        };
        let doc = document("MORINA", "VALBONA", "1234567892");
        let m = match_representative(&doc.data, &guardian);
        let acting = ActingFor::Guardian {
            authorisation_reference: "Birth certificate 1187/2011".into(),
        };
        let v = verification(&minor, &doc, &m, acting.clone());
        let payload = v.payload();
        let Ok(payload) = payload else {
            panic!("{payload:?}");
        };
        assert_eq!(payload.customer_id, "C-000001");
        assert_eq!(payload.acting.capacity, ActingCapacity::Guardian);
        assert_eq!(payload.acting.name.as_deref(), Some("VALBONA MORINA"));
        assert_eq!(
            payload.acting.personal_number.as_deref(),
            Some("1234567892")
        );
        assert_eq!(
            payload.acting.authorisation_reference.as_deref(),
            Some("Birth certificate 1187/2011")
        );

        // 15 is a minor at the default threshold of 16, not at a threshold of 15.
        let mut v = verification(&minor, &doc, &m, acting.clone());
        v.config.minor_age_threshold = 15;
        assert_eq!(code(&v), Some("not_a_minor"));
        let adult = CustomerSummary {
            date_of_birth: Some(d(2010, 11, 22)),
            ..minor.clone()
        };
        let v = verification(&adult, &doc, &m, acting.clone());
        assert_eq!(code(&v), Some("not_a_minor"));
        let unknown = CustomerSummary {
            date_of_birth: None,
            ..minor.clone()
        };
        assert_eq!(
            code(&verification(&unknown, &doc, &m, acting)),
            Some("age_unknown")
        );
        let no_reference = ActingFor::Guardian {
            authorisation_reference: "  ".into(),
        };
        assert_eq!(
            code(&verification(&minor, &doc, &m, no_reference)),
            Some("authorisation_missing")
        );
    }

    #[test]
    fn a_business_representative_needs_the_business_number_and_an_authorisation() {
        let business = CustomerSummary {
            kind: CustomerKind::Business,
            business_name: Some("Lumi Logjistikë SH.P.K.".into()),
            business_number: Some("810000001".into()),
            personal_number: None,
            date_of_birth: None,
            ..customer()
        };
        let rep = Representative {
            capacity: ActingCapacity::BusinessRepresentative,
            first_name: "Drenusha".into(),
            last_name: "Rexhepi".into(),
            personal_number: Some("1234567892".into()),
            authorisation_reference: Some("Power of attorney 117/2024".into()),
        };
        let doc = document("REXHEPI", "DRENUSHA", "1234567892");
        let m = match_representative(&doc.data, &rep);
        let acting = |bn: &str, r: &str| ActingFor::BusinessRepresentative {
            business_number: bn.into(),
            authorisation_reference: r.into(),
        };
        let v = verification(
            &business,
            &doc,
            &m,
            acting("810 000 001", "Power of attorney 117/2024"),
        );
        let payload = v.payload().ok();
        assert_eq!(
            payload.and_then(|p| p.acting.authorisation_reference),
            Some("Power of attorney 117/2024 (business number 810000001)".into())
        );
        let v = verification(&business, &doc, &m, acting("810000002", "PoA"));
        assert_eq!(code(&v), Some("business_number_mismatch"));
        let v = verification(&business, &doc, &m, acting("810000001", ""));
        assert_eq!(code(&v), Some("authorisation_missing"));
        let person = customer();
        let v = verification(&person, &doc, &m, acting("810000001", "PoA"));
        assert_eq!(code(&v), Some("not_a_business"));
        let v = verification(
            &person,
            &doc,
            &m,
            ActingFor::AuthorisedPerson {
                authorisation_reference: "Authorisation form 2026/44".into(),
            },
        );
        assert_eq!(
            v.payload().map(|p| p.acting.capacity).ok(),
            Some(ActingCapacity::AuthorisedPerson)
        );
    }
}

//! Changes captured at the counter and pushed to the central API in `seq` order:
//! `POST /v1/devices/{device_id}/push`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::{ActingCapacity, DocumentType};
use crate::lang::Lang;
use crate::policy::{
    Channel, ConsentPurpose, ConsentState, DataCategory, LegitimateInterestPurpose, RightKind,
};

/// The most changes one push may carry.
pub const MAX_BATCH_ITEMS: usize = 500;
/// The largest push body the server reads, in bytes.
pub const MAX_PUSH_BODY_BYTES: usize = 8 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MutationKind {
    ConsentRecorded,
    CorrectionRequested,
    RightsRequestSubmitted,
    IdentityVerified,
    AuditEvent,
}

/// One queued change as it travels. `payload` is the JSON of the kind's payload type;
/// `payload_sha256` is the SHA-256 of its canonical JSON (see [`canonical_json`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Mutation {
    /// The device's sequence number, from 1, without gaps.
    pub seq: u64,
    /// UUIDv7 made by the kiosk when the change was captured; the server never applies one twice.
    pub mutation_id: Uuid,
    pub kind: MutationKind,
    pub captured_at: DateTime<Utc>,
    pub clerk_id: String,
    #[schema(value_type = Object)]
    pub payload: serde_json::Value,
    pub payload_sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    pub mutations: Vec<Mutation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PushResponse {
    /// Every change up to and including this `seq` is settled on the server (applied, duplicate,
    /// rejected or conflicting); the next push starts after it.
    pub applied_through_seq: u64,
    pub results: Vec<PushItemResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct PushItemResult {
    pub seq: u64,
    pub mutation_id: Uuid,
    pub outcome: PushOutcome,
}

/// What became of one change. Rejected and conflicting changes still advance the sequence (they never
/// block the queue) and go to a review list on both sides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum PushOutcome {
    Applied,
    /// Applied before, by an earlier push of the same `mutation_id` with the same payload (the same
    /// `mutation_id` with another payload is `rejected` with `mutation_id_reused`).
    Duplicate,
    Rejected {
        code: String,
        message: String,
    },
    /// The record changed since the version the change was based on.
    Conflict {
        current: ConflictCurrent,
    },
}

/// The record as it is now, for a clerk or supervisor to judge a conflicting correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ConflictCurrent {
    pub record_version: u64,
    pub field: Option<CorrectableField>,
    pub value: Option<String>,
}

/// Pad positions are counted in tenths of a pad pixel: enough for the finest pointer events, and
/// whole numbers, so a signature's hash never depends on how a float is printed.
pub const SIGNATURE_SUBPIXELS: u32 = 10;
/// Pressure is counted in thousandths of the pad's full pressure.
pub const SIGNATURE_FULL_PRESSURE: u16 = 1000;

/// A point of a signature as the pad drew it: position in tenths of a pad pixel
/// ([`SIGNATURE_SUBPIXELS`]), time in milliseconds since the stroke began, pressure in thousandths
/// ([`SIGNATURE_FULL_PRESSURE`]) where the pad knows it.
///
/// On the wire a point is the array `[x, y, t]` or `[x, y, t, pressure]`. Signatures are most of a
/// signed change's bytes, and every byte is written to the queue, pushed and stored: as objects with
/// named fields and floats a point took about 55 bytes, as an array of whole numbers about 18.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignaturePoint {
    pub x: u32,
    pub y: u32,
    pub t: u32,
    pub pressure: Option<u16>,
}

impl Serialize for SignaturePoint {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(3 + usize::from(self.pressure.is_some())))?;
        seq.serialize_element(&self.x)?;
        seq.serialize_element(&self.y)?;
        seq.serialize_element(&self.t)?;
        if let Some(p) = self.pressure {
            seq.serialize_element(&p)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for SignaturePoint {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PointVisitor;
        impl<'de> serde::de::Visitor<'de> for PointVisitor {
            type Value = SignaturePoint;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a signature point [x, y, t] or [x, y, t, pressure] of whole numbers")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                use serde::de::Error;
                let x = seq
                    .next_element()?
                    .ok_or_else(|| A::Error::invalid_length(0, &self))?;
                let y = seq
                    .next_element()?
                    .ok_or_else(|| A::Error::invalid_length(1, &self))?;
                let t = seq
                    .next_element()?
                    .ok_or_else(|| A::Error::invalid_length(2, &self))?;
                let pressure = seq.next_element()?;
                if seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    return Err(A::Error::invalid_length(5, &self));
                }
                Ok(SignaturePoint { x, y, t, pressure })
            }
        }
        deserializer.deserialize_seq(PointVisitor)
    }
}

impl utoipa::PartialSchema for SignaturePoint {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
        ArrayBuilder::new()
            .items(
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .minimum(Some(0))
                    .maximum(Some(u32::MAX)),
            )
            .min_items(Some(3))
            .max_items(Some(4))
            .description(Some(
                "[x, y, t] or [x, y, t, pressure]: position in tenths of a pad pixel, milliseconds \
                 since the stroke began, pressure in thousandths (0 to 1000) where the pad knows it.",
            ))
            .into()
    }
}

impl ToSchema for SignaturePoint {}

/// A handwritten signature as vector strokes, every point kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    pub width: u32,
    pub height: u32,
    pub strokes: Vec<Vec<SignaturePoint>>,
}

impl Signature {
    pub fn point_count(&self) -> usize {
        self.strokes.iter().map(Vec::len).sum()
    }

    /// SHA-256 of the canonical JSON of the strokes, printed on receipts.
    pub fn sha256(&self) -> String {
        let canonical = crate::canonical::to_canonical(self).unwrap_or_else(|_| {
            // Whole numbers always serialise; the tree path is the same writer's fallback.
            canonical_json(&serde_json::to_value(self).unwrap_or(serde_json::Value::Null))
        });
        sha256_hex(&canonical)
    }

    /// Why the signature cannot stand for a customer's hand, if it cannot: no pad size, no point,
    /// a point off the pad or a pressure above full.
    pub fn problem(&self) -> Option<String> {
        if self.width == 0 || self.height == 0 {
            return Some("The signature pad has no size.".into());
        }
        if self.point_count() == 0 {
            return Some("The signature is empty.".into());
        }
        let (max_x, max_y) = (
            u64::from(self.width) * u64::from(SIGNATURE_SUBPIXELS),
            u64::from(self.height) * u64::from(SIGNATURE_SUBPIXELS),
        );
        let off_pad = self
            .strokes
            .iter()
            .flatten()
            .any(|p| u64::from(p.x) > max_x || u64::from(p.y) > max_y);
        if off_pad {
            return Some(format!(
                "A signature point lies outside the {}×{} pad (positions are in tenths of a pixel).",
                self.width, self.height
            ));
        }
        if self
            .strokes
            .iter()
            .flatten()
            .any(|p| p.pressure.is_some_and(|v| v > SIGNATURE_FULL_PRESSURE))
        {
            return Some(format!(
                "A signature point's pressure is above full ({SIGNATURE_FULL_PRESSURE})."
            ));
        }
        None
    }
}

/// Who expressed a choice or made a request, and for whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub capacity: ActingCapacity,
    /// The acting person's name, when it is not the customer.
    pub name: Option<String>,
    pub personal_number: Option<String>,
    pub authorisation_reference: Option<String>,
}

/// One choice of a consent record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentChoice {
    pub purpose: ConsentPurpose,
    pub channel: Option<Channel>,
    pub state: ConsentState,
}

/// A signed consent record (fields of ISO/IEC TS 27560 / Kantara consent receipt 1.1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentRecorded {
    pub record_id: Uuid,
    pub customer_id: String,
    pub notice_id: String,
    pub notice_version: u32,
    pub notice_sha256: String,
    pub lang: Lang,
    pub choices: Vec<ConsentChoice>,
    /// "in store, clerk assisted, signed".
    pub collection_method: String,
    pub jurisdiction: String,
    pub controller: String,
    pub expressed_by: Actor,
    pub store_code: String,
    pub identity_verification_id: Option<Uuid>,
    pub signature: Signature,
    pub signature_sha256: String,
}

/// A field of the customer's record that the customer may ask to correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CorrectableField {
    FirstName,
    LastName,
    Address,
    Email,
    ContactNumber,
}

impl CorrectableField {
    pub const ALL: [CorrectableField; 5] = [
        CorrectableField::FirstName,
        CorrectableField::LastName,
        CorrectableField::Address,
        CorrectableField::Email,
        CorrectableField::ContactNumber,
    ];

    pub fn label(self) -> crate::lang::Label {
        use crate::lang::Label;
        match self {
            CorrectableField::FirstName => Label::new("Emri", "First name", "Име"),
            CorrectableField::LastName => Label::new("Mbiemri", "Surname", "Презиме"),
            CorrectableField::Address => Label::new("Adresa", "Address", "Адреса"),
            CorrectableField::Email => Label::new("E-mail", "E-mail", "Е-пошта"),
            CorrectableField::ContactNumber => {
                Label::new("Numri kontaktues", "Contact number", "Контакт телефон")
            }
        }
    }
}

/// A signed correction of the customer's record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CorrectionRequested {
    pub reference: String,
    pub customer_id: String,
    pub field: CorrectableField,
    pub old_value: String,
    pub new_value: String,
    pub reason: String,
    /// The record version the clerk saw; a different version on the server is a conflict.
    pub base_record_version: u64,
    pub expressed_by: Actor,
    pub store_code: String,
    pub signature: Signature,
    pub signature_sha256: String,
}

/// A signed rights request other than a correction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RightsRequestSubmitted {
    pub reference: String,
    pub customer_id: String,
    pub kind: RightKind,
    /// For an objection: the legitimate-interest purpose objected to.
    pub objection_purpose: Option<LegitimateInterestPurpose>,
    /// What the customer asks for, in their words (which data, why, in which format …).
    pub details: String,
    /// The request's own fields, by kind (which data, which copies, which formats, until when).
    /// Left out by kiosks older than these fields; then `details` says it all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub particulars: Option<RequestParticulars>,
    pub expressed_by: Actor,
    pub store_code: String,
    pub signature: Signature,
    pub signature_sha256: String,
}

/// What a customer asks to receive beyond the printout handed over at the counter.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum AccessItem {
    /// Every traffic record of the period, not only the printout's pages.
    FullTrafficData,
    /// The data in a machine-readable file.
    MachineReadableCopy,
}

/// A file format of a portability request: "their right to transfer of personal data, which they
/// submitted to IPKO".
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PortableFormat {
    Json,
    Csv,
}

/// The fields of a rights request that belong to its kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum RequestParticulars {
    Access {
        items: Vec<AccessItem>,
        /// The period asked for, in the stores' calendar; open ends mean "all IPKO still holds".
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
    Erasure {
        categories: Vec<DataCategory>,
    },
    Restriction {
        categories: Vec<DataCategory>,
    },
    /// The purpose objected to is the request's `objection_purpose`.
    Objection,
    Portability {
        formats: Vec<PortableFormat>,
    },
    Complaint {
        /// The clerk told the customer of their right to complain to the supervisory authority.
        supervisory_authority_explained: bool,
    },
    MarketingSuspension {
        /// The last day of a temporary suspension; `None`: permanent.
        until: Option<NaiveDate>,
    },
}

impl AccessItem {
    pub const ALL: [AccessItem; 2] = [AccessItem::FullTrafficData, AccessItem::MachineReadableCopy];

    pub fn label(self) -> crate::lang::Label {
        use crate::lang::Label;
        match self {
            AccessItem::FullTrafficData => Label::new(
                "Të gjitha të dhënat e trafikut",
                "All traffic data",
                "Сви подаци о саобраћају",
            ),
            AccessItem::MachineReadableCopy => Label::new(
                "Kopje e lexueshme nga kompjuteri",
                "Machine-readable copy",
                "Машински читљива копија",
            ),
        }
    }
}

impl PortableFormat {
    pub const ALL: [PortableFormat; 2] = [PortableFormat::Json, PortableFormat::Csv];

    pub fn label(self) -> crate::lang::Label {
        use crate::lang::Label;
        match self {
            PortableFormat::Json => Label::new("JSON", "JSON", "JSON"),
            PortableFormat::Csv => Label::new("CSV", "CSV", "CSV"),
        }
    }
}

impl RequestParticulars {
    /// The right these fields belong to.
    pub fn kind(&self) -> RightKind {
        match self {
            RequestParticulars::Access { .. } => RightKind::Access,
            RequestParticulars::Erasure { .. } => RightKind::Erasure,
            RequestParticulars::Restriction { .. } => RightKind::Restriction,
            RequestParticulars::Objection => RightKind::Objection,
            RequestParticulars::Portability { .. } => RightKind::Portability,
            RequestParticulars::Complaint { .. } => RightKind::Complaint,
            RequestParticulars::MarketingSuspension { .. } => RightKind::MarketingSuspension,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VerificationMethod {
    /// The machine-readable zone was scanned.
    Scanned,
    /// The clerk typed the document's data.
    Typed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MatchVerdict {
    Match,
    /// Some fields differ: the clerk judged.
    Partial,
    Mismatch,
    /// The kiosk had no access to the record (offline): the document's checks passed and the clerk
    /// confirmed the photo, but the match with the record is left to the central API, which
    /// applies the same rule ([`crate::identity::matching`]) on sync. The change then carries the
    /// [`DocumentHolder`]. A match is applied (and kept as `match`); a partial match or a mismatch
    /// is rejected (`identity_needs_review`, `identity_mismatch`) onto the review list.
    Pending,
}

/// Whom the document names: the minimum the central API needs to complete a `pending` match
/// (names in ICAO form, personal number, date of birth). The document's type and issuing state are
/// the change's own fields; its number never travels, beyond its last four characters. Sent only
/// with a `pending` verdict, and not kept by the server once it has matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentHolder {
    /// As in the machine-readable zone: upper case A–Z and single spaces (`DERMAKU CITAKU`).
    pub surname: String,
    pub given_names: String,
    /// The Kosovo personal number, when the document carries one.
    pub personal_number: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
}

impl DocumentHolder {
    /// "GIVEN NAMES SURNAME".
    pub fn full_name(&self) -> String {
        [self.given_names.trim(), self.surname.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A customer's identity was checked against a document. No image and no full document number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IdentityVerified {
    pub verification_id: Uuid,
    pub customer_id: String,
    pub document_type: DocumentType,
    pub issuing_state: String,
    pub document_number_last4: String,
    pub document_expires_on: Option<NaiveDate>,
    pub method: VerificationMethod,
    pub verdict: MatchVerdict,
    pub photo_confirmed: bool,
    pub acting: Actor,
    pub store_code: String,
    /// Whom the document names: present exactly when `verdict` is `pending`, left out otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<DocumentHolder>,
}

/// Why an `identity verified` change's holder data does not fit its verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HolderError {
    #[error(
        "a pending verification must carry the document holder's data for the server to match"
    )]
    PendingWithoutHolder,
    #[error(
        "only a pending verification carries the document holder's data; a completed one must not"
    )]
    HolderWithoutPending,
    #[error(
        "the document holder's surname and given names are both empty: there is nothing to match"
    )]
    EmptyHolderName,
}

impl IdentityVerified {
    /// The holder is present exactly when the verdict is pending, and then names someone. Both the
    /// kiosk (before queuing) and the server (before matching) check this.
    pub fn check_holder(&self) -> Result<(), HolderError> {
        match (&self.holder, self.verdict) {
            (None, MatchVerdict::Pending) => Err(HolderError::PendingWithoutHolder),
            (Some(_), v) if v != MatchVerdict::Pending => Err(HolderError::HolderWithoutPending),
            (Some(h), _) if h.surname.trim().is_empty() && h.given_names.trim().is_empty() => {
                Err(HolderError::EmptyHolderName)
            }
            _ => Ok(()),
        }
    }
}

/// An entry of the kiosk's audit chain, copied to the central API. `hash` is
/// hex(SHA-256(`prev_hash` ‖ canonical JSON of {action, at, customer_id, detail, entry_seq,
/// staff_id})) and `prev_hash` is the previous entry's `hash` (64 zeros for the first entry); the
/// server refuses an event that breaks the chain (`audit_chain_broken`). `customer_id` is
/// informational: an event naming a customer the server does not know is still kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AuditEvent {
    pub entry_seq: u64,
    pub at: DateTime<Utc>,
    pub staff_id: Option<String>,
    pub action: String,
    pub customer_id: Option<String>,
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The `prev_hash` of the first entry of an audit chain.
pub const AUDIT_GENESIS_HASH: &str =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields of an audit entry that its hash seals (everything but `prev_hash` and `hash`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AuditEntryFields<'a> {
    pub entry_seq: u64,
    pub at: DateTime<Utc>,
    pub staff_id: Option<&'a str>,
    pub action: &'a str,
    pub customer_id: Option<&'a str>,
    pub detail: &'a str,
}

/// The hash of an audit entry, the one formula the kiosk and the server share:
///
/// ```text
/// hash = hex(SHA-256( prev_hash ‖ canonical_json({action, at, customer_id, detail, entry_seq, staff_id}) ))
/// ```
///
/// where `prev_hash` is the previous entry's `hash` as 64 lower-case hex characters
/// ([`AUDIT_GENESIS_HASH`] for the first entry), `canonical_json` is [`canonical_json`], `at` is
/// serialised as serde/chrono serialise a `DateTime<Utc>`, and absent ids are `null`.
pub fn audit_entry_hash(prev_hash: &str, fields: &AuditEntryFields<'_>) -> String {
    let mut bytes = prev_hash.as_bytes().to_vec();
    let value = serde_json::to_value(fields).unwrap_or(serde_json::Value::Null);
    bytes.extend_from_slice(&canonical_json(&value));
    sha256_hex(&bytes)
}

impl AuditEvent {
    /// The fields the hash seals.
    pub fn fields(&self) -> AuditEntryFields<'_> {
        AuditEntryFields {
            entry_seq: self.entry_seq,
            at: self.at,
            staff_id: self.staff_id.as_deref(),
            action: &self.action,
            customer_id: self.customer_id.as_deref(),
            detail: &self.detail,
        }
    }

    /// The hash this event should carry, recomputed from its fields and `prev_hash` (its own
    /// `hash` is ignored). Equal to `hash` for an untouched entry.
    pub fn computed_hash(&self) -> String {
        audit_entry_hash(&self.prev_hash, &self.fields())
    }
}

/// A change's payload, typed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum MutationPayload {
    ConsentRecorded(ConsentRecorded),
    CorrectionRequested(CorrectionRequested),
    RightsRequestSubmitted(RightsRequestSubmitted),
    IdentityVerified(IdentityVerified),
    AuditEvent(AuditEvent),
}

/// Why a change's payload cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PayloadError {
    #[error("the payload's SHA-256 is {actual}, not the {claimed} the change claims")]
    HashMismatch { claimed: String, actual: String },
    #[error("the payload is not a valid {kind:?}: {reason}")]
    Malformed { kind: MutationKind, reason: String },
}

impl PayloadError {
    pub fn code(&self) -> &'static str {
        match self {
            PayloadError::HashMismatch { .. } => crate::codes::PAYLOAD_HASH_MISMATCH,
            PayloadError::Malformed { .. } => crate::codes::INVALID_PAYLOAD,
        }
    }
}

impl MutationPayload {
    pub fn kind(&self) -> MutationKind {
        match self {
            MutationPayload::ConsentRecorded(_) => MutationKind::ConsentRecorded,
            MutationPayload::CorrectionRequested(_) => MutationKind::CorrectionRequested,
            MutationPayload::RightsRequestSubmitted(_) => MutationKind::RightsRequestSubmitted,
            MutationPayload::IdentityVerified(_) => MutationKind::IdentityVerified,
            MutationPayload::AuditEvent(_) => MutationKind::AuditEvent,
        }
    }

    /// The customer the change concerns, if any.
    pub fn customer_id(&self) -> Option<&str> {
        match self {
            MutationPayload::ConsentRecorded(p) => Some(&p.customer_id),
            MutationPayload::CorrectionRequested(p) => Some(&p.customer_id),
            MutationPayload::RightsRequestSubmitted(p) => Some(&p.customer_id),
            MutationPayload::IdentityVerified(p) => Some(&p.customer_id),
            MutationPayload::AuditEvent(p) => p.customer_id.as_deref(),
        }
    }

    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// Reads a payload of `kind` from JSON.
    pub fn from_value(
        kind: MutationKind,
        value: serde_json::Value,
    ) -> Result<MutationPayload, PayloadError> {
        MutationPayload::from_json(kind, &value)
    }

    /// Reads a payload of `kind` from borrowed JSON, without copying the tree.
    pub fn from_json(
        kind: MutationKind,
        value: &serde_json::Value,
    ) -> Result<MutationPayload, PayloadError> {
        fn parse<T: DeserializeOwned>(
            kind: MutationKind,
            value: &serde_json::Value,
        ) -> Result<T, PayloadError> {
            T::deserialize(value).map_err(|e| PayloadError::Malformed {
                kind,
                reason: e.to_string(),
            })
        }
        Ok(match kind {
            MutationKind::ConsentRecorded => MutationPayload::ConsentRecorded(parse(kind, value)?),
            MutationKind::CorrectionRequested => {
                MutationPayload::CorrectionRequested(parse(kind, value)?)
            }
            MutationKind::RightsRequestSubmitted => {
                MutationPayload::RightsRequestSubmitted(parse(kind, value)?)
            }
            MutationKind::IdentityVerified => {
                MutationPayload::IdentityVerified(parse(kind, value)?)
            }
            MutationKind::AuditEvent => MutationPayload::AuditEvent(parse(kind, value)?),
        })
    }
}

impl Mutation {
    /// Wraps a payload for the wire, with its hash.
    pub fn new(
        seq: u64,
        mutation_id: Uuid,
        captured_at: DateTime<Utc>,
        clerk_id: impl Into<String>,
        payload: &MutationPayload,
    ) -> Mutation {
        let value = payload.to_value();
        let payload_sha256 = sha256_hex(&canonical_json(&value));
        Mutation {
            seq,
            mutation_id,
            kind: payload.kind(),
            captured_at,
            clerk_id: clerk_id.into(),
            payload: value,
            payload_sha256,
        }
    }

    /// Checks the hash and reads the typed payload.
    pub fn decode(&self) -> Result<MutationPayload, PayloadError> {
        let actual = sha256_hex(&canonical_json(&self.payload));
        if !actual.eq_ignore_ascii_case(&self.payload_sha256) {
            return Err(PayloadError::HashMismatch {
                claimed: self.payload_sha256.clone(),
                actual,
            });
        }
        MutationPayload::from_json(self.kind, &self.payload)
    }
}

/// JSON with object keys sorted at every depth and no insignificant white space, so that the kiosk
/// and the server hash the same bytes whatever map order their serde_json build keeps.
pub fn canonical_json(value: &serde_json::Value) -> Vec<u8> {
    fn write(value: &serde_json::Value, out: &mut Vec<u8>) {
        match value {
            serde_json::Value::Object(map) => {
                let mut entries: Vec<_> = map.iter().collect();
                entries.sort_by(|a, b| a.0.cmp(b.0));
                out.push(b'{');
                for (i, (key, value)) in entries.into_iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    write_scalar(key.as_str(), out);
                    out.push(b':');
                    write(value, out);
                }
                out.push(b'}');
            }
            serde_json::Value::Array(items) => {
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    write(item, out);
                }
                out.push(b']');
            }
            scalar => write_scalar(scalar, out),
        }
    }
    // Scalars serialise the same way with or without map-order features; writing them in place
    // spares an allocation per number (a signature has hundreds of points).
    fn write_scalar<T: Serialize + ?Sized>(scalar: &T, out: &mut Vec<u8>) {
        // Writing a string or number to a Vec cannot fail: serde_json refuses only maps with
        // non-string keys and I/O errors.
        let _ = serde_json::to_writer(&mut *out, scalar);
    }
    let mut out = Vec::with_capacity(1024);
    write(value, &mut out);
    out
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn audit(detail: &str) -> MutationPayload {
        MutationPayload::AuditEvent(AuditEvent {
            entry_seq: 3,
            at: DateTime::<Utc>::UNIX_EPOCH,
            staff_id: Some("PR-0107".into()),
            action: "report.printed".into(),
            customer_id: Some("C-000001".into()),
            detail: detail.into(),
            prev_hash: "00".repeat(32),
            hash: "11".repeat(32),
        })
    }

    #[test]
    fn canonical_json_ignores_key_order_and_white_space() {
        let a: serde_json::Value =
            serde_json::from_str(r#"{ "b": 1, "a": {"y": [1, 2], "x": "ë"} }"#).unwrap_or_default();
        let b = json!({"a": {"x": "ë", "y": [1, 2]}, "b": 1});
        assert_eq!(canonical_json(&a), canonical_json(&b));
        assert_eq!(
            String::from_utf8(canonical_json(&a)).unwrap_or_default(),
            r#"{"a":{"x":"ë","y":[1,2]},"b":1}"#
        );
    }

    #[test]
    fn a_payload_round_trips_and_a_tampered_one_is_refused() {
        let m = Mutation::new(1, Uuid::now_v7(), Utc::now(), "PR-0107", &audit("ok"));
        assert_eq!(m.kind, MutationKind::AuditEvent);
        assert_eq!(m.decode(), Ok(audit("ok")));

        let mut tampered = m.clone();
        tampered.payload["detail"] = json!("edited");
        assert!(matches!(
            tampered.decode(),
            Err(PayloadError::HashMismatch { .. })
        ));

        let mut wrong_kind = m;
        wrong_kind.kind = MutationKind::ConsentRecorded;
        let err = wrong_kind.decode().err();
        assert_eq!(
            err.as_ref().map(PayloadError::code),
            Some(crate::codes::INVALID_PAYLOAD)
        );
    }

    /// A change travels as JSON text; the server re-hashes what it parsed, so what it parses must be
    /// what was hashed.
    #[test]
    fn signed_payloads_survive_the_trip_through_json_text() {
        let strokes: Vec<Vec<SignaturePoint>> = (0..40)
            .map(|s| {
                (0..50)
                    .map(|i| SignaturePoint {
                        x: s * 50 + i * 3,
                        y: i * 37,
                        t: i * 16,
                        pressure: (i % 4 != 0).then_some((500 + i * 9) as u16),
                    })
                    .collect()
            })
            .collect();
        let signature = Signature {
            width: 600,
            height: 200,
            strokes,
        };
        let payload = MutationPayload::RightsRequestSubmitted(RightsRequestSubmitted {
            reference: "DEMO-1".into(),
            customer_id: "C-000001".into(),
            kind: RightKind::Access,
            objection_purpose: None,
            details: "Full traffic data".into(),
            particulars: None,
            expressed_by: Actor {
                capacity: ActingCapacity::Themself,
                name: None,
                personal_number: None,
                authorisation_reference: None,
            },
            store_code: "DEMO-PRISHTINA".into(),
            signature_sha256: signature.sha256(),
            signature,
        });
        let sent = Mutation::new(7, Uuid::now_v7(), Utc::now(), "PR-0101", &payload);
        let text = serde_json::to_string(&sent).unwrap_or_default();
        let received: Mutation = match serde_json::from_str(&text) {
            Ok(m) => m,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(received.decode(), Ok(payload));
    }

    #[test]
    fn signature_points_travel_as_short_arrays_and_odd_ones_are_refused() {
        let with = SignaturePoint {
            x: 1234,
            y: 56,
            t: 8,
            pressure: Some(731),
        };
        let without = SignaturePoint {
            pressure: None,
            ..with
        };
        assert_eq!(
            serde_json::to_string(&with).ok().as_deref(),
            Some("[1234,56,8,731]")
        );
        assert_eq!(
            serde_json::to_string(&without).ok().as_deref(),
            Some("[1234,56,8]")
        );
        assert_eq!(
            serde_json::from_str::<SignaturePoint>("[1234,56,8,731]").ok(),
            Some(with)
        );
        assert_eq!(
            serde_json::from_str::<SignaturePoint>("[1234,56,8]").ok(),
            Some(without)
        );
        for bad in [
            "[1,2]",
            "[1,2,3,4,5]",
            "[1.5,2,3]",
            "[-1,2,3]",
            "[1,2,3,70000]",
            "{\"x\":1}",
        ] {
            assert!(
                serde_json::from_str::<SignaturePoint>(bad).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_signature_off_the_pad_or_over_full_pressure_has_a_problem() {
        let point = |x, y, pressure| SignaturePoint {
            x,
            y,
            t: 0,
            pressure,
        };
        let pad = |strokes| Signature {
            width: 64,
            height: 24,
            strokes,
        };
        assert_eq!(pad(vec![vec![point(640, 240, Some(1000))]]).problem(), None);
        assert!(pad(vec![]).problem().is_some());
        assert!(pad(vec![vec![]]).problem().is_some());
        assert!(pad(vec![vec![point(641, 0, None)]]).problem().is_some());
        assert!(pad(vec![vec![point(0, 241, None)]]).problem().is_some());
        assert!(pad(vec![vec![point(0, 0, Some(1001))]]).problem().is_some());
        let mut no_size = pad(vec![vec![point(0, 0, None)]]);
        no_size.width = 0;
        assert!(no_size.problem().is_some());
    }

    #[test]
    fn the_audit_hash_follows_the_documented_formula() {
        let event = AuditEvent {
            entry_seq: 1,
            at: DateTime::<Utc>::UNIX_EPOCH,
            staff_id: Some("PR-0107".into()),
            action: "report.printed".into(),
            customer_id: None,
            detail: "{}".into(),
            prev_hash: AUDIT_GENESIS_HASH.into(),
            hash: String::new(),
        };
        let mut bytes = AUDIT_GENESIS_HASH.as_bytes().to_vec();
        bytes.extend_from_slice(
            br#"{"action":"report.printed","at":"1970-01-01T00:00:00Z","customer_id":null,"detail":"{}","entry_seq":1,"staff_id":"PR-0107"}"#,
        );
        assert_eq!(event.computed_hash(), sha256_hex(&bytes));
        assert_eq!(AUDIT_GENESIS_HASH, "0".repeat(64));

        // Every sealed field, and the link, changes the hash.
        let base = event.computed_hash();
        let edits: [fn(&mut AuditEvent); 7] = [
            |e| e.entry_seq = 2,
            |e| e.at += chrono::Duration::microseconds(1),
            |e| e.staff_id = None,
            |e| e.action = "report.printed2".into(),
            |e| e.customer_id = Some("C-1".into()),
            |e| e.detail = "{ }".into(),
            |e| e.prev_hash = "1".repeat(64),
        ];
        for edit in edits {
            let mut edited = event.clone();
            edit(&mut edited);
            assert_ne!(edited.computed_hash(), base, "{edited:?}");
        }
    }

    fn verification(verdict: MatchVerdict, holder: Option<DocumentHolder>) -> IdentityVerified {
        IdentityVerified {
            verification_id: Uuid::now_v7(),
            customer_id: "C-000001".into(),
            document_type: crate::api::DocumentType::IdCard,
            issuing_state: "RKS".into(),
            document_number_last4: "4567".into(),
            document_expires_on: None,
            method: VerificationMethod::Scanned,
            verdict,
            photo_confirmed: true,
            acting: Actor {
                capacity: ActingCapacity::Themself,
                name: None,
                personal_number: None,
                authorisation_reference: None,
            },
            store_code: "DEMO-PRISHTINA".into(),
            holder,
        }
    }

    #[test]
    fn the_holder_travels_with_a_pending_verdict_only() {
        let holder = DocumentHolder {
            surname: "ZEQIRI".into(),
            given_names: "ARBER".into(),
            personal_number: Some("1234567892".into()),
            date_of_birth: NaiveDate::from_ymd_opt(1988, 9, 3),
        };
        let pending = verification(MatchVerdict::Pending, Some(holder.clone()));
        assert_eq!(pending.check_holder(), Ok(()));
        assert_eq!(
            verification(MatchVerdict::Pending, None).check_holder(),
            Err(HolderError::PendingWithoutHolder)
        );
        for verdict in [
            MatchVerdict::Match,
            MatchVerdict::Partial,
            MatchVerdict::Mismatch,
        ] {
            assert_eq!(verification(verdict, None).check_holder(), Ok(()));
            assert_eq!(
                verification(verdict, Some(holder.clone())).check_holder(),
                Err(HolderError::HolderWithoutPending)
            );
        }
        let nameless = DocumentHolder {
            surname: " ".into(),
            given_names: String::new(),
            ..holder
        };
        assert_eq!(
            verification(MatchVerdict::Pending, Some(nameless)).check_holder(),
            Err(HolderError::EmptyHolderName)
        );

        // A completed verification's JSON has no `holder` key (and so the hash of a change made
        // before the field existed is unchanged); a pending one reads back whole.
        let done = MutationPayload::IdentityVerified(verification(MatchVerdict::Match, None));
        assert!(done.to_value().get("holder").is_none());
        assert_eq!(
            MutationPayload::from_value(MutationKind::IdentityVerified, done.to_value()),
            Ok(done)
        );
        let value = MutationPayload::IdentityVerified(pending.clone()).to_value();
        assert_eq!(value["verdict"], "pending");
        assert_eq!(value["holder"]["surname"], "ZEQIRI");
        assert_eq!(
            MutationPayload::from_value(MutationKind::IdentityVerified, value),
            Ok(MutationPayload::IdentityVerified(pending))
        );
    }

    #[test]
    fn unknown_payload_fields_are_refused() {
        let mut value = audit("x").to_value();
        value["smuggled"] = json!(true);
        assert!(MutationPayload::from_value(MutationKind::AuditEvent, value).is_err());
    }
}

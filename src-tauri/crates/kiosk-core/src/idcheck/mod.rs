//! Identity checks at the counter: ICAO 9303 machine-readable zones (TD1 ID cards, TD2, TD3
//! passports) as a keyboard-wedge scanner types them or a clerk keys them in, the manual entry path
//! when no zone can be read, the comparison of a document with IPKO's record, and the
//! `identity verified` change that records the outcome.
//!
//! Every failed check is an [`IdCheckError`] with a stable `code()` and a message that names the
//! field and says what to do next; doubts that never refuse a document are [`Warning`]s. Nothing in
//! this module logs or stores an image or a full document number: the recorded change keeps the last
//! four characters only.
//!
//! Issuing and nationality codes: every ISO 3166-1 alpha-3 code, Kosovo's `RKS`, the UNMIK codes
//! `XXK` and `UNK`, and ICAO's special codes (`D` for Germany, `GBD` …, `XXA` …) are accepted. The
//! specimen codes `UTO` (ICAO's "Utopia") and `ZZZ` parse, with a `specimen_document` warning, so
//! that the published specimens can be checked; [`record`] refuses them for a real customer and
//! accepts them only for a fictional demo customer.

pub mod countries;
pub mod dates;
pub mod manual;
pub mod matching;
pub mod mrz;
pub mod normalise;
pub mod personal_number;
#[cfg(test)]
mod props;
pub mod record;
pub mod transliterate;

use std::fmt;

use chrono::NaiveDate;
use protocol::api::{ActingCapacity, DocumentType};
use protocol::mutation::VerificationMethod;
use serde::ser::SerializeMap;
use serde::Serialize;

pub use manual::{check_manual, ManualEntry};
pub use matching::{match_customer, match_representative, FieldOutcome, MatchField, MatchResult};
pub use mrz::{check_digit, parse_mrz, parse_mrz_with, MrzDocument, MrzFormat, MrzReport};
pub use record::{
    record_offline_verification, record_verification, ActingFor, ClerkJudgement,
    OfflineVerification, RecordError, Verification,
};

/// Settings of the identity checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct IdCheckConfig {
    /// Below this age (in whole years) a customer is a minor and a guardian may act for them.
    pub minor_age_threshold: u32,
    /// An expiry date further ahead than this many years cannot belong to a document issued by
    /// today: it is a misread (or a document that is not valid yet).
    pub max_validity_years: u32,
}

impl Default for IdCheckConfig {
    fn default() -> Self {
        IdCheckConfig {
            minor_age_threshold: 16,
            max_validity_years: 11,
        }
    }
}

/// A field of a document, as messages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    DocumentCode,
    DocumentType,
    IssuingState,
    DocumentNumber,
    OptionalData,
    DateOfBirth,
    Sex,
    ExpiryDate,
    IssueDate,
    Nationality,
    PersonalNumber,
    Surname,
    GivenNames,
    Composite,
}

impl Field {
    /// The field as a person says it.
    pub fn label(self) -> &'static str {
        match self {
            Field::DocumentCode => "document code",
            Field::DocumentType => "document type",
            Field::IssuingState => "issuing state",
            Field::DocumentNumber => "document number",
            Field::OptionalData => "optional data (personal number)",
            Field::DateOfBirth => "date of birth",
            Field::Sex => "sex",
            Field::ExpiryDate => "expiry date",
            Field::IssueDate => "issue date",
            Field::Nationality => "nationality",
            Field::PersonalNumber => "personal number",
            Field::Surname => "surname",
            Field::GivenNames => "given names",
            Field::Composite => "whole zone (composite check)",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A character's place in a machine-readable zone, both counted from 1 as a person counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, character {}", self.line, self.column)
    }
}

const RESCAN: &str = "scan the document again; if it fails again, type the data by hand from the printed page, or ask for another document";

/// A failed identity check. The message names the field and says what to do next; `code()` is for
/// programs and never changes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IdCheckError {
    #[error(
        "Nothing was read from the scanner: scan the document again or type its data by hand."
    )]
    EmptyInput,

    #[error(
        "The scanned text is not a machine-readable zone ({found}); an ID card has 3 lines of 30 characters, a passport 2 of 44, other documents 2 of 36: scan the document again, or type its data by hand."
    )]
    UnrecognisedLayout { found: String },

    #[error(
        "The character {found:?} at {position} cannot appear in a machine-readable zone: scan the document again, or type its data by hand."
    )]
    InvalidCharacter { position: Position, found: char },

    #[error(
        "The {field} has {found:?} at {position}, which is probably a misread {probably:?}: {rescan}.", rescan = RESCAN)]
    LikelyMisread {
        field: Field,
        position: Position,
        found: char,
        probably: char,
    },

    #[error(
        "The check digit of the {field} ({position}) is {found:?} but the {field} gives {expected:?}: the zone was misread or altered. {rescan_cap}.", rescan_cap = RESCAN_CAP)]
    CheckDigitFailed {
        field: Field,
        position: Position,
        expected: char,
        found: char,
    },

    #[error(
        "The final check digit over the whole zone ({position}) is {found:?} but the zone gives {expected:?}: part of the zone was misread or altered. {rescan_cap}.", rescan_cap = RESCAN_CAP)]
    CompositeCheckFailed {
        position: Position,
        expected: char,
        found: char,
    },

    #[error("The {field} {value:?} is not a date: {rescan}.", rescan = RESCAN)]
    InvalidDate { field: Field, value: String },

    #[error(
        "The document expired on {expired_on}: it cannot be used to identify the customer. Ask for another, valid document."
    )]
    DocumentExpired { expired_on: NaiveDate },

    #[error(
        "The document is valid only from {valid_from}: it cannot be used yet. Check the typed issue date, or ask for another document."
    )]
    DocumentNotYetValid { valid_from: NaiveDate },

    #[error(
        "The expiry date {expires_on} is more than {max_years} years ahead, longer than any document is valid: the date was misread or mistyped. {rescan_cap}.", rescan_cap = RESCAN_CAP)]
    ExpiryImplausible {
        expires_on: NaiveDate,
        max_years: u32,
    },

    #[error("The date of birth {born_on} lies in the future: check the typed date of birth.")]
    BirthDateInFuture { born_on: NaiveDate },

    #[error(
        "The sex {found:?} at {position} is none of M, F, X or <: {rescan}.", rescan = RESCAN)]
    InvalidSex { position: Position, found: char },

    #[error(
        "The {field} code {code:?} is not a country or organisation code of ICAO 9303: {rescan}.", rescan = RESCAN)]
    UnknownCountryCode { field: Field, code: String },

    #[error(
        "The document code {code:?} is not an ID card, passport or residence permit (visas and other documents do not identify a customer): ask for an ID card, passport or residence permit."
    )]
    UnsupportedDocument { code: String },

    #[error("The {field} is missing: type it from the document.")]
    MissingField { field: Field },

    #[error("The document number {reason}: type it again exactly as printed on the document.")]
    InvalidDocumentNumber { reason: String },

    #[error(
        "The personal number {reason}: a Kosovo personal number has exactly 10 digits. Type it again from the document."
    )]
    InvalidPersonalNumber { reason: String },

    #[error("The {field} {reason}: type it again as printed on the document.")]
    InvalidName { field: Field, reason: String },

    #[error(
        "The clerk has not confirmed that the photo on the document shows the person at the counter: compare the photo, then confirm, or ask for another document."
    )]
    PhotoNotConfirmed,

    #[error(
        "The document failed {count} check(s): it cannot be used to identify the customer until they pass. Scan it again, type it by hand, or ask for another document."
    )]
    DocumentNotAccepted { count: usize },

    #[error(
        "The document does not match IPKO's record ({differing}): do not continue with this document. Ask for another document, or look up the right customer."
    )]
    IdentityMismatch { differing: String },

    #[error(
        "The document matches IPKO's record only in part ({differing}): the clerk must decide whether the person is the customer before the verification is recorded."
    )]
    ClerkJudgementNeeded { differing: String },

    #[error(
        "The customer is {age} years old, not under {threshold}: a guardian acts only for a minor. Serve the customer in person."
    )]
    NotAMinor { age: u32, threshold: u32 },

    #[error(
        "The customer's date of birth is not on record, so it cannot be checked that they are a minor: ask the customer's own document, or have the record corrected."
    )]
    AgeUnknown,

    #[error(
        "A {capacity} needs the reference of the document that authorises them (a birth certificate, court decision, power of attorney or business register extract): type its reference."
    )]
    AuthorisationMissing { capacity: String },

    #[error(
        "The customer is not a business customer: a business representative acts only for a business. Choose how the person acts again."
    )]
    NotABusiness,

    #[error(
        "The business number given ({given}) is not the customer's business number: check it against the business register extract."
    )]
    BusinessNumberMismatch { given: String },

    #[error(
        "The document carries the specimen code {code}: specimen documents identify only fictional demo customers. Ask for the customer's real document."
    )]
    SpecimenDocument { code: String },

    #[error(
        "A {capacity} can be verified only against the customer's record (the customer's age or business number is checked there), and the record cannot be reached now: try again when the kiosk is back online."
    )]
    RecordNeeded { capacity: String },

    #[error(
        "Nobody is on the customer's record as {capacity}: check the customer, or have the customer (or someone on the record) come in person."
    )]
    NotOnRecord { capacity: String },

    #[error(
        "The verification cannot be recorded: {reason}. This is a fault of the kiosk, not of the document; report it to IT support."
    )]
    InvalidVerification { reason: String },
}

/// "Scan the document again; …", for the start of a sentence.
const RESCAN_CAP: &str = "Scan the document again; if it fails again, type the data by hand from the printed page, or ask for another document";

impl IdCheckError {
    /// A stable snake_case code. Never change one.
    pub fn code(&self) -> &'static str {
        match self {
            IdCheckError::EmptyInput => "mrz_empty",
            IdCheckError::UnrecognisedLayout { .. } => "mrz_layout",
            IdCheckError::InvalidCharacter { .. } => "mrz_invalid_character",
            IdCheckError::LikelyMisread { .. } => "likely_misread",
            IdCheckError::CheckDigitFailed { .. } => "check_digit_failed",
            IdCheckError::CompositeCheckFailed { .. } => "composite_check_failed",
            IdCheckError::InvalidDate { .. } => "invalid_date",
            IdCheckError::DocumentExpired { .. } => "document_expired",
            IdCheckError::DocumentNotYetValid { .. } => "document_not_yet_valid",
            IdCheckError::ExpiryImplausible { .. } => "expiry_implausible",
            IdCheckError::BirthDateInFuture { .. } => "birth_date_in_future",
            IdCheckError::InvalidSex { .. } => "invalid_sex",
            IdCheckError::UnknownCountryCode { .. } => "unknown_country_code",
            IdCheckError::UnsupportedDocument { .. } => "unsupported_document",
            IdCheckError::MissingField { .. } => "missing_field",
            IdCheckError::InvalidDocumentNumber { .. } => "invalid_document_number",
            IdCheckError::InvalidPersonalNumber { .. } => "invalid_personal_number",
            IdCheckError::InvalidName { .. } => "invalid_name",
            IdCheckError::PhotoNotConfirmed => "photo_not_confirmed",
            IdCheckError::DocumentNotAccepted { .. } => "document_not_accepted",
            IdCheckError::IdentityMismatch { .. } => "identity_mismatch",
            IdCheckError::ClerkJudgementNeeded { .. } => "clerk_judgement_needed",
            IdCheckError::NotAMinor { .. } => "not_a_minor",
            IdCheckError::AgeUnknown => "age_unknown",
            IdCheckError::AuthorisationMissing { .. } => "authorisation_missing",
            IdCheckError::NotABusiness => "not_a_business",
            IdCheckError::BusinessNumberMismatch { .. } => "business_number_mismatch",
            IdCheckError::SpecimenDocument { .. } => "specimen_document",
            IdCheckError::RecordNeeded { .. } => "record_needed",
            IdCheckError::NotOnRecord { .. } => "not_on_record",
            IdCheckError::InvalidVerification { .. } => "invalid_verification",
        }
    }

    /// Whether the input cannot be read as a zone at all (as opposed to a zone that fails checks):
    /// `kioskctl mrz parse` exits 2 on these.
    pub fn is_unusable_input(&self) -> bool {
        matches!(
            self,
            IdCheckError::EmptyInput
                | IdCheckError::UnrecognisedLayout { .. }
                | IdCheckError::InvalidCharacter { .. }
        )
    }

    /// The field the error is about, when it is about one.
    pub fn field(&self) -> Option<Field> {
        match self {
            IdCheckError::LikelyMisread { field, .. }
            | IdCheckError::CheckDigitFailed { field, .. }
            | IdCheckError::InvalidDate { field, .. }
            | IdCheckError::UnknownCountryCode { field, .. }
            | IdCheckError::MissingField { field }
            | IdCheckError::InvalidName { field, .. } => Some(*field),
            IdCheckError::CompositeCheckFailed { .. } => Some(Field::Composite),
            IdCheckError::DocumentExpired { .. }
            | IdCheckError::DocumentNotYetValid { .. }
            | IdCheckError::ExpiryImplausible { .. } => Some(Field::ExpiryDate),
            IdCheckError::BirthDateInFuture { .. } => Some(Field::DateOfBirth),
            IdCheckError::InvalidSex { .. } => Some(Field::Sex),
            IdCheckError::UnsupportedDocument { .. } => Some(Field::DocumentCode),
            IdCheckError::InvalidDocumentNumber { .. } => Some(Field::DocumentNumber),
            IdCheckError::InvalidPersonalNumber { .. } => Some(Field::PersonalNumber),
            _ => None,
        }
    }

    /// Where in the zone, when the error points at a character.
    pub fn position(&self) -> Option<Position> {
        match self {
            IdCheckError::InvalidCharacter { position, .. }
            | IdCheckError::LikelyMisread { position, .. }
            | IdCheckError::CheckDigitFailed { position, .. }
            | IdCheckError::CompositeCheckFailed { position, .. }
            | IdCheckError::InvalidSex { position, .. } => Some(*position),
            _ => None,
        }
    }
}

/// Errors cross to the UI and into JSON as `{code, message, field?, position?}`.
impl Serialize for IdCheckError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(None)?;
        m.serialize_entry("code", self.code())?;
        m.serialize_entry("message", &self.to_string())?;
        if let Some(field) = self.field() {
            m.serialize_entry("field", &field)?;
        }
        if let Some(position) = self.position() {
            m.serialize_entry("position", &position)?;
        }
        m.end()
    }
}

/// A doubt that never refuses a document on its own.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Warning {
    #[error(
        "The personal number's last digit does not follow the usual mod-11 rule. The rule is not confirmed by an official text, so this does not refuse the number: compare the number with the document and continue."
    )]
    PersonalNumberCheckDigit,

    #[error(
        "The {field} fills its whole space in the zone and may be cut short: compare it with the printed name."
    )]
    NameTruncated { field: Field },

    #[error(
        "The {field} code {code} is an ICAO specimen code: this is a specimen or test document, not a real one."
    )]
    SpecimenCode { field: Field, code: String },

    #[error(
        "The date of birth is only partly known on the document ({value}): compare it with the record by hand."
    )]
    PartialBirthDate { value: String },

    #[error("The scanner input was tidied before reading: {what}.")]
    InputNormalised { what: String },
}

impl Warning {
    pub fn code(&self) -> &'static str {
        match self {
            Warning::PersonalNumberCheckDigit => "personal_number_check_digit",
            Warning::NameTruncated { .. } => "name_truncated",
            Warning::SpecimenCode { .. } => "specimen_document",
            Warning::PartialBirthDate { .. } => "partial_birth_date",
            Warning::InputNormalised { .. } => "input_normalised",
        }
    }

    pub fn field(&self) -> Option<Field> {
        match self {
            Warning::PersonalNumberCheckDigit => Some(Field::PersonalNumber),
            Warning::NameTruncated { field } | Warning::SpecimenCode { field, .. } => Some(*field),
            Warning::PartialBirthDate { .. } => Some(Field::DateOfBirth),
            Warning::InputNormalised { .. } => None,
        }
    }
}

impl Serialize for Warning {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(None)?;
        m.serialize_entry("code", self.code())?;
        m.serialize_entry("message", &self.to_string())?;
        if let Some(field) = self.field() {
            m.serialize_entry("field", &field)?;
        }
        m.end()
    }
}

/// The data of an identity document, read from its zone or typed, in ICAO form (upper case A–Z,
/// names with single spaces). It is held in memory for the comparison only; what is recorded is
/// [`Verification`]'s payload, which keeps the last four characters of the number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentData {
    pub document_type: DocumentType,
    pub issuing_state: String,
    pub document_number: String,
    pub expires_on: Option<NaiveDate>,
    pub personal_number: Option<String>,
    pub surname: String,
    pub given_names: String,
    pub date_of_birth: Option<NaiveDate>,
    pub nationality: Option<String>,
    pub method: VerificationMethod,
}

impl DocumentData {
    /// The last four characters of the document number: all that is ever recorded of it.
    pub fn number_last4(&self) -> String {
        let chars: Vec<char> = self.document_number.chars().collect();
        chars[chars.len().saturating_sub(4)..].iter().collect()
    }

    /// "GIVEN NAMES SURNAME".
    pub fn full_name(&self) -> String {
        [self.given_names.as_str(), self.surname.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A document after its checks: usable for identification when `errors` is empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckedDocument {
    pub data: DocumentData,
    pub errors: Vec<IdCheckError>,
    pub warnings: Vec<Warning>,
}

impl CheckedDocument {
    pub fn is_acceptable(&self) -> bool {
        self.errors.is_empty()
    }
}

/// The acting capacity as a message names it.
pub(crate) fn capacity_label(capacity: ActingCapacity) -> &'static str {
    match capacity {
        ActingCapacity::Themself => "customer in person",
        ActingCapacity::Guardian => "guardian",
        ActingCapacity::AuthorisedPerson => "authorised person",
        ActingCapacity::BusinessRepresentative => "business representative",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_serialise_with_code_message_field_and_position() {
        let err = IdCheckError::CheckDigitFailed {
            field: Field::DocumentNumber,
            position: Position {
                line: 1,
                column: 15,
            },
            expected: '7',
            found: '3',
        };
        let json = serde_json::to_value(&err).unwrap_or_default();
        assert_eq!(json["code"], "check_digit_failed");
        assert_eq!(json["field"], "document_number");
        assert_eq!(json["position"]["line"], 1);
        assert_eq!(json["position"]["column"], 15);
        let message = json["message"].as_str().unwrap_or_default();
        assert!(message.contains("document number"), "{message}");
        assert!(message.contains("line 1, character 15"), "{message}");
        assert!(message.contains("Scan the document again"), "{message}");
    }

    #[test]
    fn the_last_four_characters_are_all_that_is_kept_of_a_number() {
        let doc = DocumentData {
            document_type: DocumentType::Passport,
            issuing_state: "UTO".into(),
            document_number: "L898902C3".into(),
            expires_on: None,
            personal_number: None,
            surname: "ERIKSSON".into(),
            given_names: "ANNA MARIA".into(),
            date_of_birth: None,
            nationality: None,
            method: VerificationMethod::Scanned,
        };
        assert_eq!(doc.number_last4(), "02C3");
        assert_eq!(doc.full_name(), "ANNA MARIA ERIKSSON");
        let short = DocumentData {
            document_number: "AB1".into(),
            ..doc
        };
        assert_eq!(short.number_last4(), "AB1");
    }
}

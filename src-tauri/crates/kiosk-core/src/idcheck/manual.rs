//! The manual entry path, when no zone can be read: the clerk types the document type, issuing
//! state, number, expiry, personal number, names and date of birth from the printed page, and the
//! same checks run (known codes, dates, expiry, the personal number's format and its warning).

use chrono::NaiveDate;
use protocol::api::DocumentType;
use protocol::mutation::VerificationMethod;
use serde::{Deserialize, Serialize};

use super::{
    countries, dates, personal_number, transliterate, CheckedDocument, DocumentData, Field,
    IdCheckConfig, IdCheckError, Warning,
};

/// What the clerk typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManualEntry {
    pub document_type: DocumentType,
    pub issuing_state: String,
    pub document_number: String,
    pub expires_on: Option<NaiveDate>,
    /// Zones carry no issue date; typed, it catches a document that is not valid yet.
    pub issued_on: Option<NaiveDate>,
    pub personal_number: Option<String>,
    pub surname: String,
    pub given_names: String,
    pub date_of_birth: Option<NaiveDate>,
    pub nationality: Option<String>,
}

/// Runs every check that applies to typed data.
pub fn check_manual(
    entry: &ManualEntry,
    today: NaiveDate,
    config: &IdCheckConfig,
) -> CheckedDocument {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();

    let code = |raw: &str| -> String {
        raw.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_uppercase)
            .collect()
    };
    let issuing_state = code(&entry.issuing_state);
    check_code(
        Field::IssuingState,
        &issuing_state,
        &mut errors,
        &mut warnings,
    );
    let nationality = entry
        .nationality
        .as_deref()
        .map(code)
        .filter(|n| !n.is_empty());
    if let Some(n) = &nationality {
        check_code(Field::Nationality, n, &mut errors, &mut warnings);
    }

    let document_number: String = entry
        .document_number
        .chars()
        .filter(|c| !(c.is_whitespace() || *c == '-'))
        .flat_map(char::to_uppercase)
        .collect();
    if document_number.is_empty() {
        errors.push(IdCheckError::MissingField {
            field: Field::DocumentNumber,
        });
    } else if let Some(c) = document_number.chars().find(|c| !c.is_ascii_alphanumeric()) {
        errors.push(IdCheckError::InvalidDocumentNumber {
            reason: format!("has {c:?}, but only letters A–Z and digits belong in it"),
        });
    } else if document_number.len() > 20 {
        errors.push(IdCheckError::InvalidDocumentNumber {
            reason: format!(
                "has {} characters, more than any document's",
                document_number.len()
            ),
        });
    }

    match entry.expires_on {
        None => errors.push(IdCheckError::MissingField {
            field: Field::ExpiryDate,
        }),
        Some(expiry) => {
            if let Err(e) = dates::check_expiry(expiry, today, config.max_validity_years) {
                errors.push(e);
            }
        }
    }
    if let Some(issued) = entry.issued_on {
        if let Err(e) = dates::check_issued(issued, today) {
            errors.push(e);
        }
    }
    match entry.date_of_birth {
        None => errors.push(IdCheckError::MissingField {
            field: Field::DateOfBirth,
        }),
        Some(born) => {
            if let Err(e) = dates::check_birth(born, today) {
                errors.push(e);
            }
        }
    }

    let personal = match entry
        .personal_number
        .as_deref()
        .filter(|p| !p.trim().is_empty())
    {
        None => None,
        Some(p) => match personal_number::check(p) {
            Ok((number, w)) => {
                warnings.extend(w);
                Some(number)
            }
            Err(e) => {
                errors.push(e);
                None
            }
        },
    };
    if personal.is_none() && issuing_state == "RKS" && entry.personal_number.is_none() {
        errors.push(IdCheckError::MissingField {
            field: Field::PersonalNumber,
        });
    }

    let surname = transliterate::to_icao(&entry.surname);
    if surname.is_empty() {
        errors.push(IdCheckError::MissingField {
            field: Field::Surname,
        });
    }
    for (field, raw) in [
        (Field::Surname, &entry.surname),
        (Field::GivenNames, &entry.given_names),
    ] {
        if let Some(c) = raw.chars().find(char::is_ascii_digit) {
            errors.push(IdCheckError::InvalidName {
                field,
                reason: format!("has the digit {c:?}"),
            });
        }
    }

    CheckedDocument {
        data: DocumentData {
            document_type: entry.document_type,
            issuing_state,
            document_number,
            expires_on: entry.expires_on,
            personal_number: personal,
            surname,
            given_names: transliterate::to_icao(&entry.given_names),
            date_of_birth: entry.date_of_birth,
            nationality,
            method: VerificationMethod::Typed,
        },
        errors,
        warnings,
    }
}

fn check_code(
    field: Field,
    code: &str,
    errors: &mut Vec<IdCheckError>,
    warnings: &mut Vec<Warning>,
) {
    if code.is_empty() {
        errors.push(IdCheckError::MissingField { field });
        return;
    }
    match countries::classify(code) {
        None => errors.push(IdCheckError::UnknownCountryCode {
            field,
            code: code.to_owned(),
        }),
        Some(countries::CodeKind::Specimen) => warnings.push(Warning::SpecimenCode {
            field,
            code: code.to_owned(),
        }),
        Some(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
    }

    fn entry() -> ManualEntry {
        ManualEntry {
            document_type: DocumentType::IdCard,
            issuing_state: "rks".into(),
            document_number: " p0123-4567 ".into(),
            expires_on: d(2031, 1, 1),
            issued_on: d(2021, 1, 1),
            personal_number: Some("1234567892".into()),
            surname: "Dërmaku-Çitaku".into(),
            given_names: "Qëndresa".into(),
            date_of_birth: d(1992, 2, 17),
            nationality: Some("RKS".into()),
        }
    }

    fn codes(c: &CheckedDocument) -> Vec<&'static str> {
        c.errors.iter().map(IdCheckError::code).collect()
    }

    #[test]
    fn a_typed_kosovo_id_card_passes_and_is_put_in_icao_form() {
        let c = check_manual(&entry(), today(), &IdCheckConfig::default());
        assert!(c.is_acceptable(), "{:?}", c.errors);
        assert!(c.warnings.is_empty());
        assert_eq!(c.data.issuing_state, "RKS");
        assert_eq!(c.data.document_number, "P01234567");
        assert_eq!(c.data.surname, "DERMAKU CITAKU");
        assert_eq!(c.data.given_names, "QENDRESA");
        assert_eq!(c.data.method, VerificationMethod::Typed);
    }

    #[test]
    fn typed_data_gets_the_same_checks_as_a_zone() {
        let config = IdCheckConfig::default();
        let expired = ManualEntry {
            expires_on: d(2026, 11, 21),
            ..entry()
        };
        assert_eq!(
            codes(&check_manual(&expired, today(), &config)),
            vec!["document_expired"]
        );
        let not_yet = ManualEntry {
            issued_on: d(2026, 12, 1),
            ..entry()
        };
        let c = check_manual(&not_yet, today(), &config);
        assert_eq!(codes(&c), vec!["document_not_yet_valid"]);
        assert!(c.errors[0]
            .to_string()
            .contains("valid only from 2026-12-01"));
        let unknown = ManualEntry {
            issuing_state: "KOS".into(),
            ..entry()
        };
        assert_eq!(
            codes(&check_manual(&unknown, today(), &config)),
            vec!["unknown_country_code"]
        );
        let unborn = ManualEntry {
            date_of_birth: d(2027, 1, 1),
            ..entry()
        };
        assert_eq!(
            codes(&check_manual(&unborn, today(), &config)),
            vec!["birth_date_in_future"]
        );
        let short = ManualEntry {
            personal_number: Some("12345".into()),
            ..entry()
        };
        assert_eq!(
            codes(&check_manual(&short, today(), &config)),
            vec!["invalid_personal_number"]
        );
        let warned = ManualEntry {
            personal_number: Some("1234567893".into()),
            ..entry()
        };
        let c = check_manual(&warned, today(), &config);
        assert!(c.is_acceptable());
        assert_eq!(c.warnings, vec![Warning::PersonalNumberCheckDigit]);
        let blank = ManualEntry {
            document_number: " ".into(),
            expires_on: None,
            date_of_birth: None,
            ..entry()
        };
        let c = check_manual(&blank, today(), &config);
        assert_eq!(codes(&c), vec!["missing_field"; 3]);
        assert_eq!(
            c.errors[0].to_string(),
            "The document number is missing: type it from the document."
        );
        let odd = ManualEntry {
            document_number: "P0123/4567".into(),
            ..entry()
        };
        assert_eq!(
            codes(&check_manual(&odd, today(), &config)),
            vec!["invalid_document_number"]
        );
    }
}

//! The document against IPKO's record: personal number, surname, given names, date of birth and,
//! for customers without a Kosovo personal number, the recorded document. Names compare in their
//! ICAO form (see [`super::transliterate`]), ignoring case, accents, hyphens and the order of given
//! names.
//!
//! The rule itself lives in [`protocol::identity::matching`], because the central API applies
//! it too when it completes a match the kiosk recorded offline (verdict `pending`); this module
//! applies it to a document in hand, whose whole number is known.
//!
//! Verdict rules:
//! - **mismatch**: the personal number differs; or no identifier (personal number, recorded
//!   document number) matched and the date of birth differs or neither name matches;
//! - **match**: nothing compared differs, both names matched, and the personal number, the recorded
//!   document or the date of birth matched;
//! - **partial** otherwise (a married name, a record without a date of birth, a renewed passport):
//!   the clerk judges.

use protocol::api::{CustomerSummary, Representative};
pub use protocol::identity::matching::{names_match, FieldOutcome, MatchField, MatchResult};
use protocol::identity::matching::{DocumentFacts, DocumentNumber};
use protocol::mutation::DocumentHolder;

use super::DocumentData;

impl DocumentData {
    /// Whom the document names: what a pending verification sends for the server to match.
    pub fn holder(&self) -> DocumentHolder {
        DocumentHolder {
            surname: self.surname.clone(),
            given_names: self.given_names.clone(),
            personal_number: self.personal_number.clone(),
            date_of_birth: self.date_of_birth,
        }
    }
}

fn with_facts<T>(doc: &DocumentData, f: impl FnOnce(&DocumentFacts<'_>) -> T) -> T {
    let holder = doc.holder();
    f(&DocumentFacts {
        document_type: doc.document_type,
        issuing_state: &doc.issuing_state,
        number: DocumentNumber::Full(&doc.document_number),
        holder: &holder,
    })
}

/// The document of a customer acting in person against their record.
pub fn match_customer(doc: &DocumentData, customer: &CustomerSummary) -> MatchResult {
    with_facts(doc, |facts| {
        protocol::identity::match_customer(facts, customer)
    })
}

/// The document of a person acting for the customer against the representative on record (no date
/// of birth is recorded for representatives: names and personal number only).
pub fn match_representative(doc: &DocumentData, rep: &Representative) -> MatchResult {
    with_facts(doc, |facts| {
        protocol::identity::match_representative(facts, rep)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use protocol::api::{ActingCapacity, CustomerKind, DocumentType, RecordedDocument};
    use protocol::mutation::{MatchVerdict, VerificationMethod};

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    /// A customer of the fictional demo data set's shape.
    pub(crate) fn customer(
        first: &str,
        last: &str,
        pn: Option<&str>,
        born: Option<NaiveDate>,
    ) -> CustomerSummary {
        CustomerSummary {
            customer_id: "C-000002".into(),
            customer_no: "DEMO-100002".into(),
            kind: CustomerKind::Individual,
            first_name: first.into(),
            last_name: last.into(),
            personal_number: pn.map(str::to_owned),
            date_of_birth: born,
            nationality: Some("RKS".into()),
            identity_document: None,
            business_name: None,
            business_number: None,
            address: "Rruga e Blirëve 22, 30000 Pejë".into(),
            email: None,
            msisdns: vec![],
            contact_number: None,
            representatives: vec![],
            record_version: 1,
            demo: true,
        }
    }

    pub(crate) fn document(
        surname: &str,
        given: &str,
        pn: Option<&str>,
        born: Option<NaiveDate>,
    ) -> DocumentData {
        DocumentData {
            document_type: DocumentType::IdCard,
            issuing_state: "RKS".into(),
            document_number: "P01234567".into(),
            expires_on: d(2031, 1, 1),
            personal_number: pn.map(str::to_owned),
            surname: surname.into(),
            given_names: given.into(),
            date_of_birth: born,
            nationality: Some("RKS".into()),
            method: VerificationMethod::Scanned,
        }
    }

    #[test]
    fn albanian_names_with_e_and_c_match_their_zone_spelling() {
        let c = customer(
            "Qëndresa",
            "Dërmaku-Çitaku",
            Some("1234567892"),
            d(1992, 2, 17),
        );
        let doc = document(
            "DERMAKU CITAKU",
            "QENDRESA",
            Some("1234567892"),
            d(1992, 2, 17),
        );
        let r = match_customer(&doc, &c);
        assert_eq!(r.verdict, MatchVerdict::Match, "{r:?}");
        assert!(r
            .fields
            .iter()
            .filter(|(f, _)| *f != MatchField::Document)
            .all(|(_, o)| *o == FieldOutcome::Matched));
        assert_eq!(r.outcome(MatchField::Document), FieldOutcome::Missing);
    }

    #[test]
    fn serbian_latin_and_cyrillic_records_match_the_zone() {
        let c = customer(
            "Snežana",
            "Đurčić-Šćepanović",
            Some("1234567892"),
            d(1979, 11, 30),
        );
        let doc = document(
            "DJURCIC SCEPANOVIC",
            "SNEZANA",
            Some("1234567892"),
            d(1979, 11, 30),
        );
        assert_eq!(match_customer(&doc, &c).verdict, MatchVerdict::Match);
        let c = customer("Љиљана", "Ђорђевић", Some("1234567892"), d(1983, 5, 8));
        let doc = document("DJORDJEVIC", "LJILJANA", Some("1234567892"), d(1983, 5, 8));
        assert_eq!(match_customer(&doc, &c).verdict, MatchVerdict::Match);
        // The ICAO table spelling of the same record also matches.
        let doc = document("DORDEVID", "LJILJANA", Some("1234567892"), d(1983, 5, 8));
        assert_eq!(match_customer(&doc, &c).verdict, MatchVerdict::Match);
    }

    #[test]
    fn the_order_of_given_names_and_case_are_ignored() {
        let c = customer("Anna Maria", "Eriksson", None, d(1974, 8, 12));
        let doc = document("ERIKSSON", "MARIA ANNA", None, d(1974, 8, 12));
        let r = match_customer(&doc, &c);
        assert_eq!(r.verdict, MatchVerdict::Match, "{r:?}");
        let c = customer("anna maria", "ERIKSSON", None, d(1974, 8, 12));
        assert_eq!(match_customer(&doc, &c).verdict, MatchVerdict::Match);
    }

    #[test]
    fn a_differing_surname_with_the_same_personal_number_needs_the_clerk() {
        let c = customer("Mimoza", "Kastrati", Some("1234567892"), d(1990, 12, 1));
        let doc = document("BERISHA", "MIMOZA", Some("1234567892"), d(1990, 12, 1));
        let r = match_customer(&doc, &c);
        assert_eq!(r.verdict, MatchVerdict::Partial);
        assert_eq!(r.outcome(MatchField::Surname), FieldOutcome::Differs);
        assert_eq!(r.differing(), "surname differ(s)");
        // No date of birth on record and no personal number: names alone are a partial match.
        let c = customer("Mimoza", "Kastrati", None, None);
        let doc = document("KASTRATI", "MIMOZA", None, d(1990, 12, 1));
        assert_eq!(match_customer(&doc, &c).verdict, MatchVerdict::Partial);
    }

    #[test]
    fn a_different_person_is_a_mismatch() {
        let c = customer("Fatos", "Haliti", Some("1234567892"), d(1969, 3, 14));
        let other_number = document("HALITI", "FATOS", Some("1000000008"), d(1969, 3, 14));
        assert_eq!(
            match_customer(&other_number, &c).verdict,
            MatchVerdict::Mismatch
        );
        let c = customer("Fatos", "Haliti", None, d(1969, 3, 14));
        let other_person = document("SELIMI", "DRITON", None, d(1975, 6, 25));
        let r = match_customer(&other_person, &c);
        assert_eq!(r.verdict, MatchVerdict::Mismatch);
        assert_eq!(
            r.differing(),
            "surname, given names, date of birth differ(s)"
        );
        let same_name_other_birthday = document("HALITI", "FATOS", None, d(1970, 3, 14));
        assert_eq!(
            match_customer(&same_name_other_birthday, &c).verdict,
            MatchVerdict::Mismatch
        );
    }

    #[test]
    fn a_foreign_customer_matches_on_the_recorded_passport() {
        let mut c = customer("Katharina", "Brenninger", None, d(1984, 7, 21));
        c.nationality = Some("DEU".into());
        c.identity_document = Some(RecordedDocument {
            document_type: DocumentType::Passport,
            issuing_state: "DEU".into(),
            number: "C4XJ7KLM2".into(),
        });
        let mut doc = document("BRENNINGER", "KATHARINA", None, d(1984, 7, 21));
        doc.document_type = DocumentType::Passport;
        doc.issuing_state = "D".into();
        doc.document_number = "C4XJ7KLM2".into();
        // A German passport reads "D", the record "DEU": not the same code, so not compared.
        assert_eq!(
            match_customer(&doc, &c).outcome(MatchField::Document),
            FieldOutcome::Missing
        );
        doc.issuing_state = "DEU".into();
        let r = match_customer(&doc, &c);
        assert_eq!(r.outcome(MatchField::Document), FieldOutcome::Matched);
        assert_eq!(r.verdict, MatchVerdict::Match);
        doc.document_number = "C9ZZ7KLM2".into();
        let r = match_customer(&doc, &c);
        assert_eq!(r.outcome(MatchField::Document), FieldOutcome::Differs);
        assert_eq!(
            r.verdict,
            MatchVerdict::Partial,
            "a renewed passport: the clerk judges"
        );
    }

    #[test]
    fn a_representative_matches_by_name_and_personal_number() {
        let rep = Representative {
            capacity: ActingCapacity::Guardian,
            first_name: "Valbona".into(),
            last_name: "Morina".into(),
            personal_number: Some("1234567892".into()),
            authorisation_reference: Some("Birth certificate 1187/2012".into()),
        };
        let doc = document("MORINA", "VALBONA", Some("1234567892"), d(1985, 1, 1));
        assert_eq!(
            match_representative(&doc, &rep).verdict,
            MatchVerdict::Match
        );
        let no_number = document("MORINA", "VALBONA", None, d(1985, 1, 1));
        assert_eq!(
            match_representative(&no_number, &rep).verdict,
            MatchVerdict::Partial
        );
        let other = document("HOXHA", "BESNIK", None, d(1985, 1, 1));
        assert_eq!(
            match_representative(&other, &rep).verdict,
            MatchVerdict::Mismatch
        );
    }
}

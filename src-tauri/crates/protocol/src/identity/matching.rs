//! The document against IPKO's record: personal number, surname, given names, date of birth and,
//! for customers without a Kosovo personal number, the recorded document. Names compare in their
//! ICAO form (see [`super::transliterate`]), ignoring case, accents, hyphens and the order of given
//! names.
//!
//! Verdict rules:
//! - **mismatch**: the personal number differs; or no identifier (personal number, recorded
//!   document number) matched and the date of birth differs or neither name matches;
//! - **match**: nothing compared differs, both names matched, and the personal number, the recorded
//!   document or the date of birth matched;
//! - **partial** otherwise (a married name, a record without a date of birth, a renewed passport):
//!   the clerk judges (online), or a reviewer does (a pending verification the server completed).
//!
//! The rule never answers `pending`: that is the kiosk saying it could not apply the rule.
//!
//! The recorded document is compared on its full number when the kiosk has the document in hand
//! ([`DocumentNumber::Full`]); the server, which only ever receives the last four characters
//! ([`DocumentNumber::Last4`]), can tell that a document is another one (the last four differ) but
//! never that it is the recorded one, so the last four alone never make an identifier.

use serde::Serialize;

use super::transliterate::{to_icao, to_icao_alternative};
use crate::api::{CustomerSummary, DocumentType, Representative};
use crate::mutation::{DocumentHolder, IdentityVerified, MatchVerdict};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchField {
    PersonalNumber,
    Surname,
    GivenNames,
    DateOfBirth,
    Document,
}

impl MatchField {
    pub fn label(self) -> &'static str {
        match self {
            MatchField::PersonalNumber => "personal number",
            MatchField::Surname => "surname",
            MatchField::GivenNames => "given names",
            MatchField::DateOfBirth => "date of birth",
            MatchField::Document => "recorded document",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldOutcome {
    Matched,
    Differs,
    /// On one side only (or on neither): not compared.
    Missing,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatchResult {
    pub fields: Vec<(MatchField, FieldOutcome)>,
    pub verdict: MatchVerdict,
}

impl MatchResult {
    pub fn outcome(&self, field: MatchField) -> FieldOutcome {
        self.fields
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(FieldOutcome::Missing, |(_, o)| *o)
    }

    /// "surname, date of birth": the fields that differ, for messages. Names fields only, never
    /// their values.
    pub fn differing(&self) -> String {
        let list: Vec<&str> = self
            .fields
            .iter()
            .filter(|(_, o)| *o == FieldOutcome::Differs)
            .map(|(f, _)| f.label())
            .collect();
        if list.is_empty() {
            "some fields could not be compared".to_owned()
        } else {
            format!("{} differ(s)", list.join(", "))
        }
    }

    /// How good a verdict is, for choosing the best of several candidates (representatives,
    /// customers found for a document): higher is better.
    pub fn rank(&self) -> u8 {
        match self.verdict {
            MatchVerdict::Match => 3,
            MatchVerdict::Partial => 2,
            MatchVerdict::Pending => 1,
            MatchVerdict::Mismatch => 0,
        }
    }

    /// The best of several results (the first of equals), `None` for none.
    pub fn best(results: impl IntoIterator<Item = MatchResult>) -> Option<MatchResult> {
        results.into_iter().fold(None, |best, r| match best {
            Some(b) if b.rank() >= r.rank() => Some(b),
            _ => Some(r),
        })
    }
}

/// What is known of the document's number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentNumber<'a> {
    /// The whole number, read or typed at the counter.
    Full(&'a str),
    /// Its last four characters: all the central API ever receives.
    Last4(&'a str),
}

/// A document as the rule compares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentFacts<'a> {
    pub document_type: DocumentType,
    /// As the zone has it (`D` for Germany, `RKS` …).
    pub issuing_state: &'a str,
    pub number: DocumentNumber<'a>,
    /// Names in ICAO form, personal number, date of birth.
    pub holder: &'a DocumentHolder,
}

impl<'a> DocumentFacts<'a> {
    /// The document of a pending verification, as the server compares it; `None` when the change
    /// carries no holder.
    pub fn of_pending(p: &'a IdentityVerified) -> Option<DocumentFacts<'a>> {
        p.holder.as_ref().map(|holder| DocumentFacts {
            document_type: p.document_type,
            issuing_state: &p.issuing_state,
            number: DocumentNumber::Last4(&p.document_number_last4),
            holder,
        })
    }

    /// "GIVEN NAMES SURNAME".
    pub fn full_name(&self) -> String {
        self.holder.full_name()
    }
}

fn compare<T: PartialEq>(a: Option<T>, b: Option<T>) -> FieldOutcome {
    match (a, b) {
        (Some(a), Some(b)) if a == b => FieldOutcome::Matched,
        (Some(_), Some(_)) => FieldOutcome::Differs,
        _ => FieldOutcome::Missing,
    }
}

fn sorted_words(s: &str) -> Vec<String> {
    let mut w: Vec<String> = s
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    w.sort_unstable();
    w
}

/// Whether a name on the document (already ICAO) and one on record (any script) are the same,
/// ignoring word order.
pub fn names_match(document: &str, record: &str) -> bool {
    let doc = sorted_words(&to_icao(document));
    if doc.is_empty() {
        return false;
    }
    [to_icao(record), to_icao_alternative(record)]
        .iter()
        .any(|r| sorted_words(r) == doc)
}

fn name_outcome(document: &str, record: &str) -> FieldOutcome {
    if document.trim().is_empty() || record.trim().is_empty() {
        FieldOutcome::Missing
    } else if names_match(document, record) {
        FieldOutcome::Matched
    } else {
        FieldOutcome::Differs
    }
}

/// Names compared as one: a surname and given names swapped, or split differently (a double
/// surname written partly as a given name), still match as a whole.
fn whole_name_matches(doc: &DocumentFacts<'_>, first: &str, last: &str) -> bool {
    names_match(&doc.full_name(), &format!("{first} {last}"))
}

fn verdict(fields: &[(MatchField, FieldOutcome)]) -> MatchVerdict {
    let get = |f: MatchField| {
        fields
            .iter()
            .find(|(x, _)| *x == f)
            .map_or(FieldOutcome::Missing, |(_, o)| *o)
    };
    use FieldOutcome::{Differs, Matched};
    let pn = get(MatchField::PersonalNumber);
    let document = get(MatchField::Document);
    let dob = get(MatchField::DateOfBirth);
    let surname = get(MatchField::Surname);
    let given = get(MatchField::GivenNames);
    let identifier = pn == Matched || document == Matched;
    if pn == Differs {
        return MatchVerdict::Mismatch;
    }
    if !identifier && (dob == Differs || (surname != Matched && given != Matched)) {
        return MatchVerdict::Mismatch;
    }
    let nothing_differs = fields.iter().all(|(_, o)| *o != Differs);
    if nothing_differs && surname == Matched && given == Matched && (identifier || dob == Matched) {
        MatchVerdict::Match
    } else {
        MatchVerdict::Partial
    }
}

fn normalise_number(n: &str) -> String {
    n.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn last4(n: &str) -> String {
    let chars: Vec<char> = n.chars().collect();
    chars[chars.len().saturating_sub(4)..].iter().collect()
}

fn document_outcome(doc: &DocumentFacts<'_>, customer: &CustomerSummary) -> FieldOutcome {
    let Some(recorded) = &customer.identity_document else {
        return FieldOutcome::Missing;
    };
    if recorded.issuing_state.trim_end_matches('<') != doc.issuing_state.trim_end_matches('<')
        || recorded.document_type != doc.document_type
    {
        return FieldOutcome::Missing;
    }
    let on_record = normalise_number(&recorded.number);
    match doc.number {
        DocumentNumber::Full(n) => compare(Some(on_record), Some(normalise_number(n))),
        DocumentNumber::Last4(tail) => {
            let tail = normalise_number(tail);
            if tail.is_empty() || on_record.is_empty() || last4(&on_record) == tail {
                // The same last four do not make the same document.
                FieldOutcome::Missing
            } else {
                FieldOutcome::Differs
            }
        }
    }
}

/// The document of a customer acting in person against their record.
pub fn match_customer(doc: &DocumentFacts<'_>, customer: &CustomerSummary) -> MatchResult {
    let holder = doc.holder;
    let personal_number = compare(
        holder.personal_number.as_deref(),
        customer.personal_number.as_deref(),
    );
    let date_of_birth = compare(holder.date_of_birth, customer.date_of_birth);
    let document = document_outcome(doc, customer);
    let mut surname = name_outcome(&holder.surname, &customer.last_name);
    let mut given = name_outcome(&holder.given_names, &customer.first_name);
    if (surname, given) != (FieldOutcome::Matched, FieldOutcome::Matched)
        && whole_name_matches(doc, &customer.first_name, &customer.last_name)
    {
        surname = FieldOutcome::Matched;
        given = FieldOutcome::Matched;
    }
    let fields = vec![
        (MatchField::PersonalNumber, personal_number),
        (MatchField::Surname, surname),
        (MatchField::GivenNames, given),
        (MatchField::DateOfBirth, date_of_birth),
        (MatchField::Document, document),
    ];
    MatchResult {
        verdict: verdict(&fields),
        fields,
    }
}

/// The document of a person acting for the customer against the representative on record (no date
/// of birth is recorded for representatives: names and personal number only).
pub fn match_representative(doc: &DocumentFacts<'_>, rep: &Representative) -> MatchResult {
    let holder = doc.holder;
    let personal_number = compare(
        holder.personal_number.as_deref(),
        rep.personal_number.as_deref(),
    );
    let mut surname = name_outcome(&holder.surname, &rep.last_name);
    let mut given = name_outcome(&holder.given_names, &rep.first_name);
    if whole_name_matches(doc, &rep.first_name, &rep.last_name) {
        surname = FieldOutcome::Matched;
        given = FieldOutcome::Matched;
    }
    let fields = vec![
        (MatchField::PersonalNumber, personal_number),
        (MatchField::Surname, surname),
        (MatchField::GivenNames, given),
    ];
    // Without a date of birth on record, only a personal number makes a full match.
    let verdict = match verdict(&fields) {
        MatchVerdict::Mismatch => MatchVerdict::Mismatch,
        _ if personal_number == FieldOutcome::Matched
            && surname == FieldOutcome::Matched
            && given == FieldOutcome::Matched =>
        {
            MatchVerdict::Match
        }
        _ if surname == FieldOutcome::Matched && given == FieldOutcome::Matched => {
            MatchVerdict::Partial
        }
        _ => MatchVerdict::Mismatch,
    };
    MatchResult { fields, verdict }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{CustomerKind, RecordedDocument};
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    fn customer(
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

    fn holder(
        surname: &str,
        given: &str,
        pn: Option<&str>,
        born: Option<NaiveDate>,
    ) -> DocumentHolder {
        DocumentHolder {
            surname: surname.into(),
            given_names: given.into(),
            personal_number: pn.map(str::to_owned),
            date_of_birth: born,
        }
    }

    fn facts<'a>(holder: &'a DocumentHolder, number: DocumentNumber<'a>) -> DocumentFacts<'a> {
        DocumentFacts {
            document_type: DocumentType::Passport,
            issuing_state: "DEU",
            number,
            holder,
        }
    }

    #[test]
    fn the_server_reaches_the_kiosks_verdict_from_the_holder_alone() {
        let c = customer(
            "Qëndresa",
            "Dërmaku-Çitaku",
            Some("1234567892"),
            d(1992, 2, 17),
        );
        let h = holder(
            "DERMAKU CITAKU",
            "QENDRESA",
            Some("1234567892"),
            d(1992, 2, 17),
        );
        for number in [
            DocumentNumber::Full("P01234567"),
            DocumentNumber::Last4("4567"),
        ] {
            assert_eq!(
                match_customer(&facts(&h, number), &c).verdict,
                MatchVerdict::Match
            );
        }
        let other = holder(
            "DERMAKU CITAKU",
            "QENDRESA",
            Some("1000000008"),
            d(1992, 2, 17),
        );
        let r = match_customer(&facts(&other, DocumentNumber::Last4("4567")), &c);
        assert_eq!(r.verdict, MatchVerdict::Mismatch);
        assert_eq!(r.differing(), "personal number differ(s)");
        let married = holder("BERISHA", "QENDRESA", Some("1234567892"), d(1992, 2, 17));
        let r = match_customer(&facts(&married, DocumentNumber::Last4("4567")), &c);
        assert_eq!(r.verdict, MatchVerdict::Partial);
    }

    #[test]
    fn the_last_four_characters_can_tell_another_document_but_never_identify_one() {
        let mut c = customer("Katharina", "Brenninger", None, d(1984, 7, 21));
        c.identity_document = Some(RecordedDocument {
            document_type: DocumentType::Passport,
            issuing_state: "DEU".into(),
            number: "C4XJ7KLM2".into(),
        });
        let h = holder("BRENNINGER", "KATHARINA", None, d(1984, 7, 21));
        let same_tail = match_customer(&facts(&h, DocumentNumber::Last4("KLM2")), &c);
        assert_eq!(
            same_tail.outcome(MatchField::Document),
            FieldOutcome::Missing
        );
        assert_eq!(
            same_tail.verdict,
            MatchVerdict::Match,
            "names and date of birth"
        );
        let other_tail = match_customer(&facts(&h, DocumentNumber::Last4("ZZ99")), &c);
        assert_eq!(
            other_tail.outcome(MatchField::Document),
            FieldOutcome::Differs
        );
        assert_eq!(
            other_tail.verdict,
            MatchVerdict::Partial,
            "a renewed passport"
        );
        let full = match_customer(&facts(&h, DocumentNumber::Full("C4XJ7KLM2")), &c);
        assert_eq!(full.outcome(MatchField::Document), FieldOutcome::Matched);
        // Without a date of birth on record, the last four cannot stand in for the number.
        c.date_of_birth = None;
        let r = match_customer(&facts(&h, DocumentNumber::Last4("KLM2")), &c);
        assert_eq!(r.verdict, MatchVerdict::Partial);
        let r = match_customer(&facts(&h, DocumentNumber::Full("C4XJ7KLM2")), &c);
        assert_eq!(r.verdict, MatchVerdict::Match);
    }

    #[test]
    fn the_best_candidate_wins() {
        let r = |verdict| MatchResult {
            fields: vec![],
            verdict,
        };
        let best = MatchResult::best([
            r(MatchVerdict::Mismatch),
            r(MatchVerdict::Match),
            r(MatchVerdict::Partial),
        ]);
        assert_eq!(best.map(|b| b.verdict), Some(MatchVerdict::Match));
        assert_eq!(MatchResult::best(Vec::new()), None);
    }
}

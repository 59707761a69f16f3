//! Rules of identity verification that the kiosk and the central API must apply identically.
//!
//! This crate is mostly wire types, but a rule whose result both sides compute belongs here too,
//! defined once: when a kiosk is offline it records an `identity verified` change with the verdict
//! `pending` and the document holder's data ([`crate::mutation::DocumentHolder`]), and the server
//! completes the match on sync. The kiosk (online) and the server (on sync) must reach the same
//! verdict for the same document and record, so both call [`matching::match_customer`] /
//! [`matching::match_representative`], which compare names after [`transliterate`].
//!
//! - [`transliterate`]: names in ICAO 9303 part 3 form, with the Kosovo / Serbian document
//!   spellings and the ICAO table spellings;
//! - [`matching`]: the document against the record, field by field, and the verdict rule.

pub mod matching;
pub mod transliterate;

pub use matching::{
    match_customer, match_representative, names_match, DocumentFacts, DocumentNumber, FieldOutcome,
    MatchField, MatchResult,
};
pub use transliterate::{to_icao, to_icao_alternative, words};

/// ICAO specimen and test codes (`UTO`, ICAO's "Utopia", and `ZZZ`): a document carrying one
/// identifies only a fictional demo customer.
pub const SPECIMEN_CODES: &[&str] = &["UTO", "ZZZ"];

/// Whether an issuing state or nationality code is a specimen code.
pub fn is_specimen_code(code: &str) -> bool {
    SPECIMEN_CODES.contains(&code.trim_end_matches('<'))
}

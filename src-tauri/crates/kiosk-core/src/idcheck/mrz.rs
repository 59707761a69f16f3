//! ICAO 9303 machine-readable zones: TD1 (ID cards, 3 lines of 30), TD2 (2 of 36) and TD3
//! (passports, 2 of 44). Every field, every check digit including the composite, document numbers
//! longer than nine characters (continued in the optional data, ICAO 9303 parts 5 and 6), dates with
//! the right century, sex, nationality and issuing state.
//!
//! [`parse_mrz`] refuses only input that is not a zone at all (`Err`, exit 2 of `kioskctl mrz
//! parse`); a zone that fails checks comes back as a report whose `errors` say which field failed,
//! where, and what to do next.

use chrono::NaiveDate;
use protocol::api::DocumentType;
use protocol::mutation::VerificationMethod;
use serde::Serialize;

use super::countries::{self, CodeKind};
use super::normalise::{self, digit_for_letter, letter_for_digit};
use super::{
    dates, personal_number, CheckedDocument, DocumentData, Field, IdCheckConfig, IdCheckError,
    Position, Warning,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MrzFormat {
    /// ID cards: 3 lines of 30 characters.
    Td1,
    /// 2 lines of 36 characters.
    Td2,
    /// Passports: 2 lines of 44 characters.
    Td3,
}

/// The fields of a zone, as read. Values that could not be read are `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MrzDocument {
    /// `P`, `I`, `ID`, `IR` … (fillers removed).
    pub document_code: String,
    pub document_type: Option<DocumentType>,
    pub issuing_state: String,
    pub document_number: String,
    /// The optional data fields, fillers removed, empty ones left out.
    pub optional_data: Vec<String>,
    /// The Kosovo personal number, from the optional data of an `RKS` document.
    pub personal_number: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    /// `M`, `F`, `X`, or `<` for unspecified.
    pub sex: Option<char>,
    pub expiry_date: Option<NaiveDate>,
    pub nationality: String,
    pub surname: String,
    pub given_names: String,
    /// The name fills its whole space and may be cut short.
    pub name_truncated: bool,
}

/// One check digit: which field, where, what the zone says and what the data gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckResult {
    pub field: Field,
    pub position: Position,
    pub expected: char,
    pub found: char,
    pub passed: bool,
}

/// What a zone says and which of its checks passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MrzReport {
    pub format: MrzFormat,
    pub valid: bool,
    pub document: MrzDocument,
    pub checks: Vec<CheckResult>,
    pub errors: Vec<IdCheckError>,
    pub warnings: Vec<Warning>,
}

impl MrzReport {
    /// The document data for matching and recording, with this report's errors and warnings.
    pub fn to_checked(&self) -> CheckedDocument {
        let d = &self.document;
        CheckedDocument {
            data: DocumentData {
                document_type: d.document_type.unwrap_or(DocumentType::IdCard),
                issuing_state: d.issuing_state.clone(),
                document_number: d.document_number.clone(),
                expires_on: d.expiry_date,
                personal_number: d.personal_number.clone(),
                surname: d.surname.clone(),
                given_names: d.given_names.clone(),
                date_of_birth: d.date_of_birth,
                nationality: Some(d.nationality.clone()).filter(|n| !n.is_empty()),
                method: VerificationMethod::Scanned,
            },
            errors: self.errors.clone(),
            warnings: self.warnings.clone(),
        }
    }
}

/// The ICAO 9303 check digit of `data`: weights 7, 3, 1 repeating; digits count as themselves,
/// `A`–`Z` as 10–35, `<` (and anything else) as 0.
pub fn check_digit(data: &str) -> char {
    let sum: u32 = data
        .chars()
        .zip([7u32, 3, 1].iter().cycle())
        .map(|(c, w)| value(c) * w)
        .sum();
    char::from(b'0' + (sum % 10) as u8)
}

fn value(c: char) -> u32 {
    match c {
        '0'..='9' => u32::from(c) - u32::from('0'),
        'A'..='Z' => u32::from(c) - u32::from('A') + 10,
        _ => 0,
    }
}

/// Parses scanner input with the default settings.
pub fn parse_mrz(input: &str, today: NaiveDate) -> Result<MrzReport, IdCheckError> {
    parse_mrz_with(input, today, &IdCheckConfig::default())
}

/// Parses scanner input; `Err` only when the input is not a zone at all.
pub fn parse_mrz_with(
    input: &str,
    today: NaiveDate,
    config: &IdCheckConfig,
) -> Result<MrzReport, IdCheckError> {
    let normalised = normalise::normalise(input)?;
    let lines: Vec<Vec<char>> = normalised
        .lines
        .iter()
        .map(|l| l.chars().collect())
        .collect();
    let format = match (lines.len(), lines.first().map(Vec::len)) {
        (3, Some(30)) => MrzFormat::Td1,
        (2, Some(36)) => MrzFormat::Td2,
        (2, Some(44)) => MrzFormat::Td3,
        _ => {
            return Err(IdCheckError::UnrecognisedLayout {
                found: format!("{} line(s)", lines.len()),
            })
        }
    };
    let mut p = Parser {
        lines,
        today,
        config: *config,
        errors: Vec::new(),
        warnings: normalised.warnings,
        checks: Vec::new(),
    };
    let document = match format {
        MrzFormat::Td1 => p.td1(),
        MrzFormat::Td2 | MrzFormat::Td3 => p.td2_td3(format),
    };
    Ok(MrzReport {
        format,
        valid: p.errors.is_empty(),
        document,
        checks: p.checks,
        errors: p.errors,
        warnings: p.warnings,
    })
}

struct Parser {
    lines: Vec<Vec<char>>,
    today: NaiveDate,
    config: IdCheckConfig,
    errors: Vec<IdCheckError>,
    warnings: Vec<Warning>,
    checks: Vec<CheckResult>,
}

fn pos(line: usize, col: usize) -> Position {
    Position {
        line: line + 1,
        column: col + 1,
    }
}

fn trim_fillers(s: &str) -> String {
    s.trim_end_matches('<').to_owned()
}

impl Parser {
    fn text(&self, line: usize, start: usize, len: usize) -> String {
        self.lines
            .get(line)
            .and_then(|l| l.get(start..start + len))
            .map(|cs| cs.iter().collect())
            .unwrap_or_default()
    }

    fn at(&self, line: usize, col: usize) -> char {
        self.lines
            .get(line)
            .and_then(|l| l.get(col))
            .copied()
            .unwrap_or('<')
    }

    /// Verifies the check digit at (`line`, `col`) over `data`.
    fn verify(&mut self, field: Field, data: &str, line: usize, col: usize) -> bool {
        let found = self.at(line, col);
        let expected = check_digit(data);
        let passed = found == expected || (found == '<' && expected == '0');
        let position = pos(line, col);
        self.checks.push(CheckResult {
            field,
            position,
            expected,
            found,
            passed,
        });
        if passed {
            return true;
        }
        let probably = digit_for_letter(found);
        self.errors.push(match probably {
            Some(probably) => IdCheckError::LikelyMisread {
                field,
                position,
                found,
                probably,
            },
            None if field == Field::Composite => IdCheckError::CompositeCheckFailed {
                position,
                expected,
                found,
            },
            None => IdCheckError::CheckDigitFailed {
                field,
                position,
                expected,
                found,
            },
        });
        false
    }

    /// Reports letters where only digits belong. Returns whether the field is all digits.
    fn digits_only(&mut self, field: Field, line: usize, start: usize, len: usize) -> bool {
        let mut ok = true;
        for col in start..start + len {
            let c = self.at(line, col);
            if c.is_ascii_digit() {
                continue;
            }
            ok = false;
            if let Some(probably) = digit_for_letter(c) {
                self.errors.push(IdCheckError::LikelyMisread {
                    field,
                    position: pos(line, col),
                    found: c,
                    probably,
                });
            }
        }
        ok
    }

    /// Reports digits where only letters (or fillers) belong. Returns whether there were none.
    fn letters_only(&mut self, field: Field, line: usize, start: usize, len: usize) -> bool {
        let mut ok = true;
        for col in start..start + len {
            let c = self.at(line, col);
            if c.is_ascii_digit() {
                ok = false;
                if let Some(probably) = letter_for_digit(c) {
                    self.errors.push(IdCheckError::LikelyMisread {
                        field,
                        position: pos(line, col),
                        found: c,
                        probably,
                    });
                } else if matches!(field, Field::Surname | Field::GivenNames) {
                    self.errors.push(IdCheckError::InvalidName {
                        field,
                        reason: format!("has the digit {c:?} at {}", pos(line, col)),
                    });
                } else {
                    self.errors.push(IdCheckError::UnknownCountryCode {
                        field,
                        code: self.text(line, start, len),
                    });
                }
            }
        }
        ok
    }

    fn document_code(&mut self) -> (String, Option<DocumentType>) {
        let raw = self.text(0, 0, 2);
        self.letters_only(Field::DocumentCode, 0, 0, 2);
        let code = trim_fillers(&raw);
        let mut chars = raw.chars();
        let first = chars.next().unwrap_or('<');
        let second = chars.next().unwrap_or('<');
        let kind = match (first, second) {
            ('P', _) => Some(DocumentType::Passport),
            ('I' | 'A' | 'C', 'R') => Some(DocumentType::ResidencePermit),
            ('I' | 'A' | 'C', _) => Some(DocumentType::IdCard),
            _ => None,
        };
        // A code that starts with a digit was reported by `letters_only`; any other unknown code,
        // a filler included ("<P", found by the fuzzer), names no document this kiosk accepts.
        if kind.is_none() && !first.is_ascii_digit() {
            self.errors
                .push(IdCheckError::UnsupportedDocument { code: code.clone() });
        }
        (code, kind)
    }

    fn country(&mut self, field: Field, line: usize, start: usize) -> String {
        let raw = self.text(line, start, 3);
        if !self.letters_only(field, line, start, 3) {
            return trim_fillers(&raw);
        }
        let code = trim_fillers(&raw);
        match countries::classify(&raw) {
            None => self.errors.push(IdCheckError::UnknownCountryCode {
                field,
                code: code.clone(),
            }),
            Some(CodeKind::Specimen) => self.warnings.push(Warning::SpecimenCode {
                field,
                code: code.clone(),
            }),
            Some(_) => {}
        }
        code
    }

    fn date(&mut self, field: Field, line: usize, start: usize) -> Option<NaiveDate> {
        let raw = self.text(line, start, 6);
        if field == Field::DateOfBirth
            && raw.contains('<')
            && raw.chars().all(|c| c.is_ascii_digit() || c == '<')
        {
            self.warnings.push(Warning::PartialBirthDate { value: raw });
            return None;
        }
        if !self.digits_only(field, line, start, 6) {
            if !self
                .errors
                .iter()
                .any(|e| matches!(e, IdCheckError::LikelyMisread { field: f, .. } if *f == field))
            {
                self.errors.push(dates::invalid(field, &raw));
            }
            return None;
        }
        let date = match field {
            Field::DateOfBirth => dates::birth_date(&raw, self.today),
            _ => dates::expiry_date(&raw, self.today),
        };
        if date.is_none() {
            self.errors.push(dates::invalid(field, &raw));
        }
        date
    }

    fn sex(&mut self, line: usize, col: usize) -> Option<char> {
        let c = self.at(line, col);
        if matches!(c, 'M' | 'F' | 'X' | '<') {
            Some(c)
        } else {
            self.errors.push(IdCheckError::InvalidSex {
                position: pos(line, col),
                found: c,
            });
            None
        }
    }

    fn name(&mut self, line: usize, start: usize, len: usize) -> (String, String, bool) {
        let raw = self.text(line, start, len);
        let (surname_raw, given_raw) = raw.split_once("<<").unwrap_or((raw.as_str(), ""));
        let surname_len = surname_raw.len();
        self.letters_only(Field::Surname, line, start, surname_len);
        self.letters_only(
            Field::GivenNames,
            line,
            start + surname_len,
            len - surname_len,
        );
        let words = |s: &str| {
            s.split('<')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let surname = words(surname_raw);
        let given = words(given_raw);
        let truncated = !raw.ends_with('<');
        if truncated {
            self.warnings.push(Warning::NameTruncated {
                field: if given.is_empty() {
                    Field::Surname
                } else {
                    Field::GivenNames
                },
            });
        }
        if surname.is_empty() {
            self.errors.push(IdCheckError::InvalidName {
                field: Field::Surname,
                reason: "is empty in the zone".into(),
            });
        }
        (surname, given, truncated)
    }

    /// The document number at `line`, `start` (9 characters) with its check digit at `start + 9`,
    /// continued in the optional data at `opt_start` (`opt_len` characters) when the check digit
    /// place holds `<`. Returns the number, the data its check covers, and the rest of the optional
    /// data.
    fn document_number(
        &mut self,
        line: usize,
        start: usize,
        opt_start: usize,
        opt_len: usize,
    ) -> (String, String) {
        let first_nine = self.text(line, start, 9);
        let optional = self.text(line, opt_start, opt_len);
        let long = self.at(line, start + 9) == '<' && !optional.starts_with('<');
        if !long {
            self.verify(Field::DocumentNumber, &first_nine, line, start + 9);
            return (trim_fillers(&first_nine), trim_fillers(&optional));
        }
        // The number goes on in the optional data; its last character before the first filler is
        // the check digit of the whole number.
        let end = optional.find('<').unwrap_or(optional.len());
        let rest = optional.get(..end.saturating_sub(1)).unwrap_or_default();
        let number = format!("{first_nine}{rest}");
        let check_col = opt_start + end.saturating_sub(1);
        self.verify(Field::DocumentNumber, &number, line, check_col);
        let remaining = optional.get(end..).unwrap_or_default();
        (number, trim_fillers(remaining.trim_start_matches('<')))
    }

    /// A zone whose number is all fillers passes its check digit (`<` counts as `0`) but names no
    /// document (found with the fuzz target's invariants).
    fn number_present(&mut self, number: &str) {
        if number.is_empty() {
            self.errors.push(IdCheckError::MissingField {
                field: Field::DocumentNumber,
            });
        }
    }

    fn expiry_checks(&mut self, expiry: Option<NaiveDate>) {
        if let Some(expiry) = expiry {
            if let Err(e) = dates::check_expiry(expiry, self.today, self.config.max_validity_years)
            {
                self.errors.push(e);
            }
        }
    }

    fn personal_number(&mut self, issuing_state: &str, optional: &[String]) -> Option<String> {
        if issuing_state != "RKS" {
            return None;
        }
        let candidate = optional
            .iter()
            .find(|o| o.len() == 10 && o.bytes().all(|b| b.is_ascii_digit()))?;
        match personal_number::check(candidate) {
            Ok((number, warnings)) => {
                self.warnings.extend(warnings);
                Some(number)
            }
            Err(e) => {
                self.errors.push(e);
                None
            }
        }
    }

    fn td1(&mut self) -> MrzDocument {
        let (document_code, document_type) = self.document_code();
        let issuing_state = self.country(Field::IssuingState, 0, 2);
        let (document_number, optional_1) = self.document_number(0, 5, 15, 15);
        self.number_present(&document_number);
        let date_of_birth = self.date(Field::DateOfBirth, 1, 0);
        let dob_data = self.text(1, 0, 6);
        self.verify(Field::DateOfBirth, &dob_data, 1, 6);
        let sex = self.sex(1, 7);
        let expiry_date = self.date(Field::ExpiryDate, 1, 8);
        let exp_data = self.text(1, 8, 6);
        self.verify(Field::ExpiryDate, &exp_data, 1, 14);
        let nationality = self.country(Field::Nationality, 1, 15);
        let optional_2 = trim_fillers(&self.text(1, 18, 11));
        let composite = format!(
            "{}{}{}{}",
            self.text(0, 5, 25),
            self.text(1, 0, 7),
            self.text(1, 8, 7),
            self.text(1, 18, 11)
        );
        self.verify(Field::Composite, &composite, 1, 29);
        let (surname, given_names, name_truncated) = self.name(2, 0, 30);
        self.expiry_checks(expiry_date);
        let optional_data: Vec<String> = [optional_1, optional_2]
            .into_iter()
            .filter(|o| !o.is_empty())
            .collect();
        let personal_number = self.personal_number(&issuing_state, &optional_data);
        MrzDocument {
            document_code,
            document_type,
            issuing_state,
            document_number,
            optional_data,
            personal_number,
            date_of_birth,
            sex,
            expiry_date,
            nationality,
            surname,
            given_names,
            name_truncated,
        }
    }

    fn td2_td3(&mut self, format: MrzFormat) -> MrzDocument {
        let width = if format == MrzFormat::Td3 { 44 } else { 36 };
        let (document_code, document_type) = self.document_code();
        let issuing_state = self.country(Field::IssuingState, 0, 2);
        let (surname, given_names, name_truncated) = self.name(0, 5, width - 5);
        let (document_number, optional) = if format == MrzFormat::Td3 {
            // TD3 numbers never run on: the check digit is always in place.
            let number = self.text(1, 0, 9);
            self.verify(Field::DocumentNumber, &number, 1, 9);
            let personal = self.text(1, 28, 14);
            self.verify(Field::OptionalData, &personal, 1, 42);
            (trim_fillers(&number), trim_fillers(&personal))
        } else {
            self.document_number(1, 0, 28, 7)
        };
        self.number_present(&document_number);
        let nationality = self.country(Field::Nationality, 1, 10);
        let date_of_birth = self.date(Field::DateOfBirth, 1, 13);
        let dob_data = self.text(1, 13, 6);
        self.verify(Field::DateOfBirth, &dob_data, 1, 19);
        let sex = self.sex(1, 20);
        let expiry_date = self.date(Field::ExpiryDate, 1, 21);
        let exp_data = self.text(1, 21, 6);
        self.verify(Field::ExpiryDate, &exp_data, 1, 27);
        let composite = format!(
            "{}{}{}",
            self.text(1, 0, 10),
            self.text(1, 13, 7),
            self.text(1, 21, width - 22)
        );
        self.verify(Field::Composite, &composite, 1, width - 1);
        self.expiry_checks(expiry_date);
        let optional_data: Vec<String> = [optional].into_iter().filter(|o| !o.is_empty()).collect();
        let personal_number = self.personal_number(&issuing_state, &optional_data);
        MrzDocument {
            document_code,
            document_type,
            issuing_state,
            document_number,
            optional_data,
            personal_number,
            date_of_birth,
            sex,
            expiry_date,
            nationality,
            surname,
            given_names,
            name_truncated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The specimens of ICAO Doc 9303 parts 4, 5 and 6 (Anna Maria Eriksson of Utopia).
    pub(crate) const TD1: [&str; 3] = [
        "I<UTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ];
    pub(crate) const TD2: [&str; 2] = [
        "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
        "D231458907UTO7408122F1204159<<<<<<<6",
    ];
    pub(crate) const TD3: [&str; 2] = [
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ];

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    /// A day on which the specimens (expiring 2012-04-15) are valid.
    fn then() -> NaiveDate {
        d(2010, 6, 1)
    }

    fn parse(lines: &[&str], today: NaiveDate) -> MrzReport {
        match parse_mrz(&lines.join("\n"), today) {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        }
    }

    fn codes(r: &MrzReport) -> Vec<&'static str> {
        r.errors.iter().map(IdCheckError::code).collect()
    }

    /// Replaces the character at (line, col) (0-based).
    fn with(lines: &[&str], line: usize, col: usize, c: char) -> Vec<String> {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                if i == line {
                    l.chars()
                        .enumerate()
                        .map(|(j, x)| if j == col { c } else { x })
                        .collect()
                } else {
                    (*l).to_owned()
                }
            })
            .collect()
    }

    fn refs(lines: &[String]) -> Vec<&str> {
        lines.iter().map(String::as_str).collect()
    }

    #[test]
    fn check_digits_follow_the_7_3_1_weights() {
        // ICAO 9303 part 3, the worked example: date 520727 → 3.
        assert_eq!(check_digit("520727"), '3');
        assert_eq!(check_digit("D23145890"), '7');
        assert_eq!(check_digit("L898902C3"), '6');
        assert_eq!(check_digit("740812"), '2');
        assert_eq!(check_digit("120415"), '9');
        assert_eq!(check_digit("ZE184226B<<<<<"), '1');
        assert_eq!(check_digit("<<<<<<<<<"), '0');
        // Composite of the TD3 specimen.
        assert_eq!(check_digit("L898902C3674081221204159ZE184226B<<<<<1"), '0');
    }

    #[test]
    fn the_td1_specimen_reads_with_every_field_and_check() {
        let r = parse(&TD1, then());
        assert!(r.valid, "{:?}", r.errors);
        assert_eq!(r.format, MrzFormat::Td1);
        let doc = &r.document;
        assert_eq!(doc.document_code, "I");
        assert_eq!(doc.document_type, Some(DocumentType::IdCard));
        assert_eq!(doc.issuing_state, "UTO");
        assert_eq!(doc.document_number, "D23145890");
        assert_eq!(doc.date_of_birth, Some(d(1974, 8, 12)));
        assert_eq!(doc.sex, Some('F'));
        assert_eq!(doc.expiry_date, Some(d(2012, 4, 15)));
        assert_eq!(doc.nationality, "UTO");
        assert_eq!(doc.surname, "ERIKSSON");
        assert_eq!(doc.given_names, "ANNA MARIA");
        assert!(!doc.name_truncated);
        assert!(doc.optional_data.is_empty());
        let fields: Vec<Field> = r.checks.iter().map(|c| c.field).collect();
        assert_eq!(
            fields,
            [
                Field::DocumentNumber,
                Field::DateOfBirth,
                Field::ExpiryDate,
                Field::Composite
            ]
        );
        assert!(r.checks.iter().all(|c| c.passed));
        assert_eq!(
            r.checks[3].position,
            Position {
                line: 2,
                column: 30
            }
        );
        // The specimen code reads, with its warning.
        assert!(r.warnings.iter().any(|w| w.code() == "specimen_document"));
    }

    #[test]
    fn the_td2_specimen_reads() {
        let r = parse(&TD2, then());
        assert!(r.valid, "{:?}", r.errors);
        assert_eq!(r.format, MrzFormat::Td2);
        assert_eq!(r.document.document_number, "D23145890");
        assert_eq!(r.document.surname, "ERIKSSON");
        assert_eq!(r.document.given_names, "ANNA MARIA");
        assert_eq!(r.document.date_of_birth, Some(d(1974, 8, 12)));
        assert_eq!(r.document.expiry_date, Some(d(2012, 4, 15)));
        assert_eq!(r.checks.len(), 4);
    }

    #[test]
    fn the_td3_specimen_reads() {
        let r = parse(&TD3, then());
        assert!(r.valid, "{:?}", r.errors);
        assert_eq!(r.format, MrzFormat::Td3);
        let doc = &r.document;
        assert_eq!(doc.document_type, Some(DocumentType::Passport));
        assert_eq!(doc.document_number, "L898902C3");
        assert_eq!(doc.optional_data, vec!["ZE184226B".to_owned()]);
        assert_eq!(
            doc.personal_number, None,
            "only RKS numbers are personal numbers"
        );
        assert_eq!(doc.sex, Some('F'));
        assert_eq!(r.checks.len(), 5);
        assert!(r.checks.iter().all(|c| c.passed));
    }

    #[test]
    fn each_check_digit_fails_on_its_own_naming_its_field() {
        // (lines, line, column of the check digit, field, composite's line/column)
        let cases: [(&[&str], usize, usize, Field); 9] = [
            (&TD1, 0, 14, Field::DocumentNumber),
            (&TD1, 1, 6, Field::DateOfBirth),
            (&TD1, 1, 14, Field::ExpiryDate),
            (&TD2, 1, 9, Field::DocumentNumber),
            (&TD2, 1, 19, Field::DateOfBirth),
            (&TD2, 1, 27, Field::ExpiryDate),
            (&TD3, 1, 9, Field::DocumentNumber),
            (&TD3, 1, 19, Field::DateOfBirth),
            (&TD3, 1, 42, Field::OptionalData),
        ];
        for (lines, line, col, field) in cases {
            let good = lines[line].chars().nth(col).unwrap_or('0');
            let bad = if good == '3' { '4' } else { '3' };
            let broken = with(lines, line, col, bad);
            // Repair the composite so that only the field's own check fails.
            // The composite is the last character of the second line in every format.
            let composite_line = 1;
            let composite_col = lines[1].len() - 1;
            let mut broken = broken;
            for digit in '0'..='9' {
                let attempt = with(&refs(&broken), composite_line, composite_col, digit);
                let r = parse(&refs(&attempt), then());
                if r.checks.last().is_some_and(|c| c.passed) {
                    broken = attempt;
                    break;
                }
            }
            let r = parse(&refs(&broken), then());
            assert_eq!(codes(&r), vec!["check_digit_failed"], "{field:?}");
            let IdCheckError::CheckDigitFailed {
                field: f,
                position,
                expected,
                found,
            } = &r.errors[0]
            else {
                panic!("{:?}", r.errors);
            };
            assert_eq!(*f, field);
            assert_eq!(*position, pos(line, col));
            assert_eq!((*expected, *found), (good, bad));
            let message = r.errors[0].to_string();
            assert!(message.contains(field.label()), "{message}");
            assert!(message.contains("Scan the document again"), "{message}");
            assert!(!r.valid);
        }
    }

    #[test]
    fn the_composite_check_fails_on_its_own() {
        for lines in [&TD1[..], &TD2[..], &TD3[..]] {
            let col = lines[1].len() - 1;
            let broken = with(lines, 1, col, '9');
            let r = parse(&refs(&broken), then());
            assert_eq!(codes(&r), vec!["composite_check_failed"]);
            assert!(r.errors[0].to_string().contains("whole zone"));
        }
        // A changed character that only the composite covers (TD1 optional data 2). ('A' there
        // would go unnoticed: it adds 10 at weight 1, which the modulus cannot see.)
        let altered = with(&TD1, 1, 20, 'B');
        let r = parse(&refs(&altered), then());
        assert_eq!(codes(&r), vec!["composite_check_failed"]);
    }

    #[test]
    fn td1_document_numbers_longer_than_nine_characters_continue_in_the_optional_data() {
        let number = "D23145890AB12";
        let check = check_digit(number);
        let optional = format!("AB12{check}<XYZ");
        let line1 = format!("I<UTOD23145890<{optional:<<15}");
        let line1 = line1.replace(' ', "<");
        let mut line2: String = TD1[1][..29].to_owned();
        let composite = check_digit(&format!(
            "{}{}{}{}",
            &line1[5..30],
            &line2[0..7],
            &line2[8..15],
            &line2[18..29]
        ));
        line2.push(composite);
        let lines = [line1.as_str(), line2.as_str(), TD1[2]];
        assert_eq!(line1.len(), 30);
        let r = parse(&lines, then());
        assert!(r.valid, "{:?}", r.errors);
        assert_eq!(r.document.document_number, number);
        assert_eq!(r.document.optional_data, vec!["XYZ".to_owned()]);
        assert_eq!(
            r.checks[0].position,
            Position {
                line: 1,
                column: 20
            }
        );

        // Its check digit fails on its own, named and placed.
        let bad = if check == '1' { '2' } else { '1' };
        let broken = with(&lines, 0, 19, bad);
        let r = parse(&refs(&broken), then());
        assert!(
            r.errors.iter().any(|e| matches!(
                e,
                IdCheckError::CheckDigitFailed { field: Field::DocumentNumber, position, .. }
                    if *position == Position { line: 1, column: 20 }
            )),
            "{:?}",
            r.errors
        );
    }

    #[test]
    fn expired_and_implausibly_far_expiries_are_refused_relative_to_today() {
        let r = parse(&TD3, d(2012, 4, 15));
        assert!(r.valid, "valid through its expiry day: {:?}", r.errors);
        let r = parse(&TD3, d(2012, 4, 16));
        assert_eq!(codes(&r), vec!["document_expired"]);
        assert!(r.errors[0].to_string().contains("expired on 2012-04-15"));
        assert!(r.errors[0].to_string().contains("Ask for another"));
        // Expiry in 2012 read in 2000: more than 11 years ahead, so not a document valid today.
        let r = parse(&TD3, d(2000, 1, 1));
        assert_eq!(codes(&r), vec!["expiry_implausible"]);
    }

    #[test]
    fn kosovo_and_unmik_codes_are_accepted_and_an_unknown_code_is_refused() {
        for code in ["RKS", "XXK", "UNK", "DEU", "D<<"] {
            let line1 = format!("I<{code}{}", &TD1[0][5..]);
            let lines = [line1.as_str(), TD1[1], TD1[2]];
            let r = parse(&lines, then());
            assert!(r.valid, "{code}: {:?}", r.errors);
            assert_eq!(r.document.issuing_state, code.trim_end_matches('<'));
            assert!(r.warnings.iter().all(|w| !matches!(
                w,
                Warning::SpecimenCode {
                    field: Field::IssuingState,
                    ..
                }
            )));
        }
        let line1 = format!("I<QQQ{}", &TD1[0][5..]);
        let r = parse(&[line1.as_str(), TD1[1], TD1[2]], then());
        assert_eq!(codes(&r), vec!["unknown_country_code"]);
        assert!(r.errors[0]
            .to_string()
            .contains("issuing state code \"QQQ\""));
        // Nationality too (covered by the composite, so repair it).
        let mut line2 = format!("{}XYZ{}", &TD1[1][..15], &TD1[1][18..29]);
        let composite = check_digit(&format!(
            "{}{}{}{}",
            &TD1[0][5..30],
            &line2[0..7],
            &line2[8..15],
            &line2[18..29]
        ));
        line2.push(composite);
        let r = parse(&[TD1[0], line2.as_str(), TD1[2]], then());
        assert_eq!(codes(&r), vec!["unknown_country_code"]);
        assert_eq!(r.errors[0].field(), Some(Field::Nationality));
    }

    #[test]
    fn confusable_characters_are_reported_as_likely_misreads_with_their_position() {
        // Date of birth "74O812": letter O at line 2, character 3.
        let broken = with(&TD1, 1, 2, 'O');
        let r = parse(&refs(&broken), then());
        let misread = r.errors.iter().find(|e| e.code() == "likely_misread");
        assert_eq!(
            misread,
            Some(&IdCheckError::LikelyMisread {
                field: Field::DateOfBirth,
                position: Position { line: 2, column: 3 },
                found: 'O',
                probably: '0'
            })
        );
        let message = misread.map(ToString::to_string).unwrap_or_default();
        assert!(message.contains("line 2, character 3"), "{message}");
        assert!(message.contains("misread '0'"), "{message}");
        // A check digit typed as S (5), B (8) and I (1).
        for (col, letter, digit) in [(14usize, 'S', '5'), (6, 'B', '8'), (29, 'I', '1')] {
            let broken = with(&TD1, 1, col, letter);
            let r = parse(&refs(&broken), then());
            assert!(
                r.errors.iter().any(|e| *e
                    == IdCheckError::LikelyMisread {
                        field: [Field::ExpiryDate, Field::DateOfBirth, Field::Composite]
                            [[14, 6, 29].iter().position(|c| *c == col).unwrap_or(0)],
                        position: pos(1, col),
                        found: letter,
                        probably: digit,
                    }),
                "{col}: {:?}",
                r.errors
            );
        }
        // A digit 0 in the nationality: probably the letter O.
        let broken = with(&TD3, 1, 12, '0');
        let r = parse(&refs(&broken), then());
        assert!(r.errors.iter().any(|e| matches!(
            e,
            IdCheckError::LikelyMisread {
                field: Field::Nationality,
                found: '0',
                probably: 'O',
                ..
            }
        )));
    }

    #[test]
    fn scanner_typed_input_with_lower_case_and_stray_spaces_parses() {
        let typed = format!(
            " {} \r\n{}\r\n",
            TD3[0].to_lowercase(),
            TD3[1].replace("UTO", "U TO ")
        );
        let r = match parse_mrz(&typed, then()) {
            Ok(r) => r,
            Err(e) => panic!("{e}"),
        };
        assert!(r.valid, "{:?}", r.errors);
        assert_eq!(r.document.surname, "ERIKSSON");
        assert!(r.warnings.iter().any(|w| w.code() == "input_normalised"));
    }

    #[test]
    fn unusable_input_is_an_error_not_a_report() {
        for input in ["", "hello", &TD3[0][..40], "P<UTO\nL898"] {
            let err = parse_mrz(input, then()).err();
            assert!(
                err.as_ref().is_some_and(IdCheckError::is_unusable_input),
                "{input}: {err:?}"
            );
        }
    }

    #[test]
    fn a_kosovo_id_card_carries_the_personal_number_and_its_warning() {
        // Fictional: Arbër Zeqiri of the demo data set, personal number passing the mod-11 rule.
        let build = |pn: &str| {
            let line1 = format!("IDRKS{}{}{pn}<<<<<", "P01234567", check_digit("P01234567"));
            let mut line2 = format!(
                "880903{}M{}{}RKS<<<<<<<<<<<",
                check_digit("880903"),
                "310101",
                check_digit("310101")
            );
            let composite = check_digit(&format!(
                "{}{}{}{}",
                &line1[5..30],
                &line2[0..7],
                &line2[8..15],
                &line2[18..29]
            ));
            line2.push(composite);
            let line3 = format!("{:<<30}", "ZEQIRI<<ARBER").replace(' ', "<");
            [line1, line2, line3]
        };
        let today = d(2026, 11, 22);
        let lines = build("1234567892");
        let r = parse(&refs(&lines), today);
        assert!(r.valid, "{:?}", r.errors);
        assert_eq!(r.document.personal_number.as_deref(), Some("1234567892"));
        assert_eq!(r.document.date_of_birth, Some(d(1988, 9, 3)));
        assert_eq!(r.document.expiry_date, Some(d(2031, 1, 1)));
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        // The mod-11 rule fails: a warning, still valid.
        let lines = build("1234567893");
        let r = parse(&refs(&lines), today);
        assert!(r.valid, "{:?}", r.errors);
        assert_eq!(
            r.warnings.iter().map(Warning::code).collect::<Vec<_>>(),
            vec!["personal_number_check_digit"]
        );
    }

    #[test]
    fn a_name_filling_its_space_is_flagged_as_possibly_truncated() {
        let name = "ABCDEFGHIJKLMNOPQRSTUVWXY<<ABC";
        let r = parse(&[TD1[0], TD1[1], name], then());
        assert!(r.valid);
        assert!(r.document.name_truncated);
        assert!(r.warnings.iter().any(|w| w.code() == "name_truncated"));
    }

    #[test]
    fn visas_are_not_identity_documents() {
        let line1 = format!("V<{}", &TD3[0][2..]);
        let r = parse(&[line1.as_str(), TD3[1]], then());
        assert_eq!(codes(&r), vec!["unsupported_document"]);
    }

    #[test]
    fn a_document_code_starting_with_a_filler_is_not_a_valid_document() {
        // Found by the fuzz target (fuzz/fuzz_targets/mrz_parse.rs): "<P" read as valid, with no
        // document type, which `to_checked` then took for an ID card.
        for code in ["<P", "<<", "<I"] {
            let line1 = format!("{code}{}", &TD3[0][2..]);
            let r = parse(&[line1.as_str(), TD3[1]], then());
            assert!(!r.valid, "{code}");
            assert_eq!(r.document.document_type, None);
            assert_eq!(codes(&r), vec!["unsupported_document"], "{code}");
        }
        // A digit there is reported once, as the misread or unknown code it is.
        let line1 = format!("3<{}", &TD3[0][2..]);
        let r = parse(&[line1.as_str(), TD3[1]], then());
        assert_eq!(codes(&r), vec!["unknown_country_code"]);
    }

    #[test]
    fn a_zone_whose_document_number_is_all_fillers_is_not_valid() {
        // Every check digit passes ('<' counts as '0', the composite is repaired), yet the zone
        // names no document: the fuzz target's "valid ⇒ a document number" invariant.
        let blank = |lines: &[&str], line: usize, cols: std::ops::Range<usize>| {
            let mut broken: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
            for col in cols {
                broken = with(&refs(&broken), line, col, '<');
            }
            let composite_col = broken[1].len() - 1;
            for digit in '0'..='9' {
                let attempt = with(&refs(&broken), 1, composite_col, digit);
                if parse(&refs(&attempt), then())
                    .checks
                    .last()
                    .is_some_and(|c| c.passed)
                {
                    return attempt;
                }
            }
            broken
        };
        for (lines, line) in [(&TD1[..], 0), (&TD2[..], 1), (&TD3[..], 1)] {
            let start = if line == 0 { 5 } else { 0 };
            let broken = blank(lines, line, start..start + 10);
            let r = parse(&refs(&broken), then());
            assert!(r.checks.iter().all(|c| c.passed), "{broken:?}");
            assert_eq!(r.document.document_number, "");
            assert_eq!(codes(&r), vec!["missing_field"], "{broken:?}");
            assert_eq!(r.errors[0].field(), Some(Field::DocumentNumber));
            assert!(!r.valid);
        }
    }

    #[test]
    fn the_report_serialises_for_the_command_line() {
        let r = parse(&TD3, d(2026, 11, 22));
        let json = serde_json::to_value(&r).unwrap_or_default();
        assert_eq!(json["format"], "td3");
        assert_eq!(json["valid"], false);
        assert_eq!(json["document"]["date_of_birth"], "1974-08-12");
        assert_eq!(json["errors"][0]["code"], "document_expired");
        assert_eq!(json["checks"][0]["field"], "document_number");
        assert_eq!(json["checks"][0]["passed"], true);
    }

    /// A valid zone of `format` built from fields, with every check digit computed.
    struct Fields {
        code: &'static str,
        state: &'static str,
        number: String,
        born: NaiveDate,
        sex: char,
        expires: NaiveDate,
        surname: String,
        given: String,
    }

    fn pad(s: &str, width: usize) -> String {
        format!("{s:<<width$}")
    }

    fn build(format: MrzFormat, f: &Fields) -> Vec<String> {
        let dob = f.born.format("%y%m%d").to_string();
        let exp = f.expires.format("%y%m%d").to_string();
        let dates = format!(
            "{dob}{}{}{exp}{}",
            check_digit(&dob),
            f.sex,
            check_digit(&exp)
        );
        let name = format!("{}<<{}", f.surname, f.given.replace(' ', "<"));
        match format {
            MrzFormat::Td1 => {
                let number = if f.number.len() <= 9 {
                    format!(
                        "{}{}{}",
                        pad(&f.number, 9),
                        check_digit(&pad(&f.number, 9)),
                        pad("", 15)
                    )
                } else {
                    let tail = format!("{}{}", &f.number[9..], check_digit(&f.number));
                    format!("{}<{}", &f.number[..9], pad(&tail, 15))
                };
                let line1 = format!("{}{}{number}", pad(f.code, 2), pad(f.state, 3));
                let mut line2 = format!("{dates}{}{}", pad(f.state, 3), pad("", 11));
                let composite = format!(
                    "{}{}{}{}",
                    &line1[5..30],
                    &line2[0..7],
                    &line2[8..15],
                    &line2[18..29]
                );
                line2.push(check_digit(&composite));
                vec![line1, line2, pad(&name, 30)]
            }
            MrzFormat::Td2 | MrzFormat::Td3 => {
                let width = if format == MrzFormat::Td3 { 44 } else { 36 };
                let line1 = format!(
                    "{}{}{}",
                    pad(f.code, 2),
                    pad(f.state, 3),
                    pad(&name, width - 5)
                );
                let number = pad(&f.number, 9);
                let optional = if format == MrzFormat::Td3 {
                    let o = pad("", 14);
                    format!("{o}{}", check_digit(&o))
                } else {
                    pad("", 7)
                };
                let mut line2 = format!(
                    "{number}{}{}{dates}{optional}",
                    check_digit(&number),
                    pad(f.state, 3)
                );
                let composite = format!(
                    "{}{}{}",
                    &line2[0..10],
                    &line2[13..20],
                    &line2[21..width - 1]
                );
                line2.push(check_digit(&composite));
                vec![line1, line2]
            }
        }
    }

    #[test]
    fn every_generated_valid_zone_parses_back_to_its_fields() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(9303);
        let today = d(2026, 11, 22);
        let alnum: Vec<char> = ('A'..='Z').chain('0'..='9').collect();
        let letters: Vec<char> = ('A'..='Z').collect();
        let word = |rng: &mut rand::rngs::StdRng, n: usize| -> String {
            (0..n)
                .map(|_| letters[rng.gen_range(0..letters.len())])
                .collect()
        };
        for i in 0..3000 {
            let format = [MrzFormat::Td1, MrzFormat::Td2, MrzFormat::Td3][i % 3];
            let max_number = if format == MrzFormat::Td1 { 14 } else { 9 };
            let len = rng.gen_range(5..=max_number);
            let number: String = (0..len)
                .map(|_| alnum[rng.gen_range(0..alnum.len())])
                .collect();
            let surname_len = rng.gen_range(2..=10);
            let given_len = rng.gen_range(2..=8);
            let fields = Fields {
                code: match format {
                    MrzFormat::Td3 => "P",
                    _ => ["I", "ID", "IR", "A", "C"][rng.gen_range(0..5)],
                },
                state: ["RKS", "XXK", "UNK", "DEU", "D", "ALB", "SRB", "GBD"][rng.gen_range(0..8)],
                number,
                born: today - chrono::Days::new(rng.gen_range(0..36_000)),
                sex: ['M', 'F', 'X', '<'][rng.gen_range(0..4)],
                expires: today + chrono::Days::new(rng.gen_range(0..3_650)),
                surname: word(&mut rng, surname_len),
                given: format!("{} {}", word(&mut rng, given_len), word(&mut rng, 3)),
            };
            let lines = build(format, &fields);
            let r = parse(&refs(&lines), today);
            assert!(r.valid, "{lines:?}: {:?}", r.errors);
            assert_eq!(r.format, format);
            let doc = &r.document;
            assert_eq!(doc.document_number, fields.number, "{lines:?}");
            assert_eq!(doc.issuing_state, fields.state);
            assert_eq!(doc.nationality, fields.state);
            assert_eq!(doc.date_of_birth, Some(fields.born), "{lines:?}");
            assert_eq!(doc.expiry_date, Some(fields.expires));
            assert_eq!(doc.sex, Some(fields.sex));
            assert_eq!(doc.surname, fields.surname);
            assert_eq!(doc.given_names, fields.given);
            assert!(r.checks.iter().all(|c| c.passed));
        }
    }

    #[test]
    fn random_and_corrupted_input_never_panics() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(42);
        let alphabet: Vec<char> = "ABCXYZ0123456789<<<<<< \n\r\tabcëÇЉ€\u{0}"
            .chars()
            .collect();
        let today = d(2026, 11, 22);
        for _ in 0..5000 {
            let len = rng.gen_range(0..140);
            let text: String = (0..len)
                .map(|_| alphabet[rng.gen_range(0..alphabet.len())])
                .collect();
            let _ = parse_mrz(&text, today);
        }
        // Every single-character corruption of every specimen, with every zone character, parses
        // without panicking; one at a check digit is always caught ('<' counts as '0').
        let zone_chars: Vec<char> = ('A'..='Z').chain('0'..='9').chain(['<']).collect();
        let check_places: [&[(usize, usize)]; 3] = [
            &[(0, 14), (1, 6), (1, 14), (1, 29)],
            &[(1, 9), (1, 19), (1, 27), (1, 35)],
            &[(1, 9), (1, 19), (1, 27), (1, 42), (1, 43)],
        ];
        let then = then();
        for (lines, places) in [&TD1[..], &TD2[..], &TD3[..]].into_iter().zip(check_places) {
            for (l, line) in lines.iter().enumerate() {
                for (col, original) in line.chars().enumerate() {
                    for c in zone_chars.iter().copied().filter(|c| *c != original) {
                        let broken = with(lines, l, col, c);
                        let r = parse(&refs(&broken), then);
                        if places.contains(&(l, col)) && !(c == '<' && original == '0') {
                            assert!(!r.valid, "{broken:?}");
                        }
                    }
                }
            }
        }
    }
}

//! Property tests of the zone parser (proptest, 256 cases each): no input makes it panic, every
//! valid zone it is given reads back to the fields it was built from, and a wrong check digit is
//! always reported at its place.
//!
//! The zones are built here from the layout of ICAO 9303 parts 4 to 6, independently of the
//! parser, with a check digit function of their own.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use proptest::sample::select;
use protocol::api::DocumentType;

use super::mrz::{parse_mrz, MrzFormat, MrzReport};
use super::{IdCheckError, Position};

/// ICAO 9303 part 3: weights 7, 3, 1; `0`–`9` as themselves, `A`–`Z` as 10–35, `<` as 0.
fn check(data: &str) -> char {
    let sum: u32 = data
        .chars()
        .zip([7, 3, 1].into_iter().cycle())
        .map(|(c, w)| {
            w * match c {
                '0'..='9' => c as u32 - '0' as u32,
                'A'..='Z' => c as u32 - 'A' as u32 + 10,
                _ => 0,
            }
        })
        .sum();
    char::from_digit(sum % 10, 10).unwrap_or('0')
}

fn pad(s: &str, width: usize) -> String {
    format!("{s:<<width$}")
}

/// A document, as its zone is built.
#[derive(Debug, Clone)]
struct Doc {
    format: MrzFormat,
    code: &'static str,
    state: &'static str,
    nationality: &'static str,
    number: String,
    /// TD1: after the number (or its run-on), TD2: the optional field, TD3: the personal number
    /// field. Letters and digits only.
    optional_1: String,
    /// TD1 only: the second optional field.
    optional_2: String,
    born: NaiveDate,
    sex: char,
    expires: NaiveDate,
    surname: Vec<String>,
    given: Vec<String>,
    today: NaiveDate,
}

/// A zone and the places of its check digits (0-based line, column).
struct Zone {
    lines: Vec<String>,
    checks: Vec<(usize, usize)>,
}

impl Doc {
    fn name(&self, width: usize) -> String {
        let name = format!("{}<<{}", self.surname.join("<"), self.given.join("<"));
        pad(&name, width)
    }

    fn zone(&self) -> Zone {
        let yymmdd = |d: NaiveDate| d.format("%y%m%d").to_string();
        let (dob, exp) = (yymmdd(self.born), yymmdd(self.expires));
        let dates = format!("{dob}{}{}{exp}{}", check(&dob), self.sex, check(&exp));
        match self.format {
            MrzFormat::Td1 => {
                let (number_field, number_check) = if self.number.len() <= 9 {
                    let n = pad(&self.number, 9);
                    let c = check(&n);
                    (format!("{n}{c}{}", pad(&self.optional_1, 15)), 14)
                } else {
                    // Parts 5: the number runs on in the optional data, its check digit after
                    // it, then a filler.
                    let tail = format!("{}{}", &self.number[9..], check(&self.number));
                    let at = 15 + tail.len() - 1;
                    let rest = if self.optional_1.is_empty() {
                        tail
                    } else {
                        format!("{tail}<{}", self.optional_1)
                    };
                    (format!("{}<{}", &self.number[..9], pad(&rest, 15)), at)
                };
                let line1 = format!("{}{}{number_field}", pad(self.code, 2), pad(self.state, 3));
                let mut line2 = format!(
                    "{dates}{}{}",
                    pad(self.nationality, 3),
                    pad(&self.optional_2, 11)
                );
                let composite = format!(
                    "{}{}{}{}",
                    &line1[5..30],
                    &line2[0..7],
                    &line2[8..15],
                    &line2[18..29]
                );
                line2.push(check(&composite));
                Zone {
                    lines: vec![line1, line2, self.name(30)],
                    checks: vec![(0, number_check), (1, 6), (1, 14), (1, 29)],
                }
            }
            MrzFormat::Td2 | MrzFormat::Td3 => {
                let td3 = self.format == MrzFormat::Td3;
                let width = if td3 { 44 } else { 36 };
                let line1 = format!(
                    "{}{}{}",
                    pad(self.code, 2),
                    pad(self.state, 3),
                    self.name(width - 5)
                );
                let number = pad(&self.number, 9);
                let optional = if td3 {
                    let o = pad(&self.optional_1, 14);
                    format!("{o}{}", check(&o))
                } else {
                    pad(&self.optional_1, 7)
                };
                let mut line2 = format!(
                    "{number}{}{}{dates}{optional}",
                    check(&number),
                    pad(self.nationality, 3)
                );
                let composite = format!(
                    "{}{}{}",
                    &line2[0..10],
                    &line2[13..20],
                    &line2[21..width - 1]
                );
                line2.push(check(&composite));
                let mut checks = vec![(1, 9), (1, 19), (1, 27), (1, width - 1)];
                if td3 {
                    checks.push((1, 42));
                }
                Zone {
                    lines: vec![line1, line2],
                    checks,
                }
            }
        }
    }

    fn document_type(&self) -> DocumentType {
        match self.code.as_bytes() {
            [b'P', ..] => DocumentType::Passport,
            [_, b'R'] => DocumentType::ResidencePermit,
            _ => DocumentType::IdCard,
        }
    }

    /// The optional data the parser should report: non-empty fields, fillers removed.
    fn optional_data(&self) -> Vec<String> {
        [self.optional_1.clone(), self.optional_2.clone()]
            .into_iter()
            .filter(|o| !o.is_empty())
            .collect()
    }
}

/// Strings matching a regular expression.
fn re(pattern: &str) -> BoxedStrategy<String> {
    proptest::string::string_regex(pattern)
        .unwrap_or_else(|e| panic!("{pattern}: {e}"))
        .boxed()
}

fn word(max: usize) -> BoxedStrategy<String> {
    re(&format!("[A-Z]{{1,{max}}}"))
}

fn alnum(min: usize, max: usize) -> BoxedStrategy<String> {
    re(&format!("[A-Z0-9]{{{min},{max}}}"))
}

/// Issuing and nationality codes: Kosovo's and UNMIK's, ISO codes, and ICAO's one- and
/// three-letter additions.
const CODES: &[&str] = &[
    "RKS", "XXK", "UNK", "ALB", "SRB", "MKD", "DEU", "D", "GBR", "GBD", "USA", "TUR", "CHE", "XXA",
    "UNO", "EUE",
];

fn date_between(from: NaiveDate, days: u64) -> impl Strategy<Value = NaiveDate> {
    (0..=days).prop_map(move |d| from + Days::new(d))
}

fn any_today() -> impl Strategy<Value = NaiveDate> {
    let start = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or_default();
    date_between(start, 365 * 70)
}

fn valid_doc() -> impl Strategy<Value = Doc> {
    let format = select(vec![MrzFormat::Td1, MrzFormat::Td2, MrzFormat::Td3]);
    (format, any_today()).prop_flat_map(|(format, today)| {
        let code = match format {
            MrzFormat::Td3 => select(vec!["P", "PO", "PD"]),
            _ => select(vec!["I", "ID", "IR", "A", "AC", "C", "CR"]),
        };
        // TD1 numbers run on into the optional data, up to 9 + 14 characters.
        let number = match format {
            MrzFormat::Td1 => alnum(1, 23),
            _ => alnum(1, 9),
        };
        let optional_width = match format {
            MrzFormat::Td1 => 15,
            MrzFormat::Td2 => 7,
            MrzFormat::Td3 => 14,
        };
        let optional_2 = if format == MrzFormat::Td1 {
            alnum(0, 11)
        } else {
            Just(String::new()).boxed()
        };
        // A 1-word or 2-word surname and given names, always shorter than the name field (30
        // characters in TD1, 31 in TD2, 39 in TD3).
        let surname = proptest::collection::vec(word(7), 1..=2);
        let most_given = if format == MrzFormat::Td3 { 3 } else { 2 };
        let given = proptest::collection::vec(word(5), 0..=most_given);
        (
            (Just(format), code, select(CODES), select(CODES), number),
            (alnum(0, optional_width), optional_2),
            (
                // Born up to 98 years ago, expiring within ten years.
                (0u64..36_000).prop_map(move |d| today - Days::new(d)),
                select(vec!['M', 'F', 'X', '<']),
                date_between(today, 3_650),
            ),
            (surname, given, Just(today)),
        )
            .prop_map(
                |(
                    (format, code, state, nationality, number),
                    (optional_1, optional_2),
                    (born, sex, expires),
                    (surname, given, today),
                )| {
                    // After a run-on number, what is left of the field (the number's tail, its
                    // check digit and a filler come first).
                    let room = if format == MrzFormat::Td1 && number.len() > 9 {
                        15usize.saturating_sub(number.len() - 9 + 2)
                    } else {
                        usize::MAX
                    };
                    let optional_1: String = optional_1.chars().take(room).collect();
                    Doc {
                        format,
                        code,
                        state,
                        nationality,
                        number,
                        optional_1,
                        optional_2,
                        born,
                        sex,
                        expires,
                        surname,
                        given,
                        today,
                    }
                },
            )
    })
}

fn parse_lines(lines: &[String], today: NaiveDate) -> Result<MrzReport, IdCheckError> {
    parse_mrz(&lines.join("\n"), today)
}

/// The zone's own characters, lower case and the spaces and line ends of a scanner, and anything.
fn scanner_text() -> impl Strategy<Value = String> {
    let zone_line = prop_oneof![
        re("[A-Z0-9<]{30}"),
        re("[A-Z0-9<]{36}"),
        re("[A-Z0-9<]{44}"),
        re("[A-Za-z0-9< ]{0,50}"),
    ];
    let zone_like = (
        proptest::collection::vec(zone_line, 0..=4),
        select(vec!["\n", "\r\n", "\r", " ", ""]),
    )
        .prop_map(|(lines, sep)| lines.join(sep));
    prop_oneof![any::<String>(), zone_like, "\\PC{0,140}"]
}

fn within(position: Position, lines: usize, width: usize) -> bool {
    (1..=lines).contains(&position.line) && (1..=width).contains(&position.column)
}

proptest! {
    #[test]
    fn random_input_never_panics_and_reports_consistently(
        text in scanner_text(),
        // Any day of years 1 to 9999: a kiosk's clock may be wrong.
        today in date_between(NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default(), 3_652_000),
    ) {
        match parse_mrz(&text, today) {
            Err(e) => prop_assert!(e.is_unusable_input(), "{e:?}"),
            Ok(report) => {
                prop_assert_eq!(report.valid, report.errors.is_empty());
                let (lines, width) = match report.format {
                    MrzFormat::Td1 => (3, 30),
                    MrzFormat::Td2 => (2, 36),
                    MrzFormat::Td3 => (2, 44),
                };
                for p in report.errors.iter().filter_map(IdCheckError::position) {
                    prop_assert!(within(p, lines, width), "{p:?}");
                }
                for c in &report.checks {
                    prop_assert!(within(c.position, lines, width), "{c:?}");
                }
                prop_assert!(serde_json::to_string(&report).is_ok());
                let _ = report.to_checked();
            }
        }
    }

    #[test]
    fn every_valid_zone_parses_back_to_its_fields(doc in valid_doc()) {
        let zone = doc.zone();
        let report = parse_lines(&zone.lines, doc.today);
        let report = match report {
            Ok(r) => r,
            Err(e) => return Err(TestCaseError::fail(format!("{:?}: {e}", zone.lines))),
        };
        prop_assert!(report.valid, "{:?}: {:?}", zone.lines, report.errors);
        prop_assert!(report.checks.iter().all(|c| c.passed));
        prop_assert_eq!(report.format, doc.format);
        let read = &report.document;
        prop_assert_eq!(&read.document_code, &doc.code);
        prop_assert_eq!(read.document_type, Some(doc.document_type()));
        prop_assert_eq!(&read.issuing_state, &doc.state);
        prop_assert_eq!(&read.nationality, &doc.nationality);
        prop_assert_eq!(&read.document_number, &doc.number, "{:?}", zone.lines);
        prop_assert_eq!(&read.optional_data, &doc.optional_data(), "{:?}", zone.lines);
        prop_assert_eq!(read.date_of_birth, Some(doc.born));
        prop_assert_eq!(read.expiry_date, Some(doc.expires));
        prop_assert_eq!(read.sex, Some(doc.sex));
        prop_assert_eq!(&read.surname, &doc.surname.join(" "));
        prop_assert_eq!(&read.given_names, &doc.given.join(" "));
        prop_assert!(!read.name_truncated);
        // A Kosovo document's ten-digit optional data is its personal number.
        let personal = (doc.state == "RKS")
            .then(|| {
                doc.optional_data()
                    .into_iter()
                    .find(|o| o.len() == 10 && o.bytes().all(|b| b.is_ascii_digit()))
            })
            .flatten();
        prop_assert_eq!(&read.personal_number, &personal);
    }

    #[test]
    fn a_corrupted_check_digit_is_always_reported_at_its_place(
        doc in valid_doc(),
        which in any::<prop::sample::Index>(),
        replacement in select(('0'..='9').chain('A'..='Z').collect::<Vec<char>>()),
    ) {
        let zone = doc.zone();
        let (line, col) = zone.checks[which.index(zone.checks.len())];
        let original = zone.lines[line].chars().nth(col).unwrap_or('<');
        prop_assume!(replacement != original);
        let mut lines = zone.lines.clone();
        lines[line] = lines[line]
            .chars()
            .enumerate()
            .map(|(i, c)| if i == col { replacement } else { c })
            .collect();
        let report = match parse_lines(&lines, doc.today) {
            Ok(r) => r,
            Err(e) => return Err(TestCaseError::fail(format!("{lines:?}: {e}"))),
        };
        prop_assert!(!report.valid, "{:?}", lines);
        let place = Position { line: line + 1, column: col + 1 };
        prop_assert!(
            report.errors.iter().any(|e| e.position() == Some(place)
                && matches!(
                    e,
                    IdCheckError::CheckDigitFailed { .. }
                        | IdCheckError::CompositeCheckFailed { .. }
                        | IdCheckError::LikelyMisread { .. }
                )),
            "{:?} at {:?}: {:?}", lines, place, report.errors
        );
        prop_assert!(report.checks.iter().any(|c| c.position == place && !c.passed));
    }
}

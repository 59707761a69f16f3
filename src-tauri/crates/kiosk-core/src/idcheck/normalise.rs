//! Scanner input as a keyboard-wedge scanner types it: lines ended by Enter (`\r`, `\n` or both),
//! stray spaces and tabs, lower case when Caps Lock or the keyboard layout gets in the way, and
//! sometimes a whole zone on one line. Also the confusable characters of OCR: a letter O, I, B or S
//! where a digit belongs is a likely misread of 0, 1, 8 or 5 (and the other way round where a
//! letter belongs).

use super::{IdCheckError, Position, Warning};

/// The lengths of the lines of TD1, TD2 and TD3 zones with their line counts.
const LAYOUTS: [(usize, usize); 3] = [(3, 30), (2, 36), (2, 44)];

/// Zone lines ready for parsing: upper case, only `A`–`Z`, `0`–`9` and `<`, and what was tidied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NormalisedInput {
    pub lines: Vec<String>,
    pub warnings: Vec<Warning>,
}

/// Tidies scanner input into zone lines and refuses input that cannot be a zone.
pub fn normalise(input: &str) -> Result<NormalisedInput, IdCheckError> {
    let mut spaces = 0usize;
    let mut lowered = 0usize;
    let mut lines: Vec<String> = Vec::new();
    for raw in input.split(['\r', '\n']) {
        let mut line = String::with_capacity(raw.len());
        for c in raw.chars() {
            if c.is_whitespace() || c == '\u{feff}' {
                spaces += 1;
            } else if c.is_ascii_lowercase() {
                lowered += 1;
                line.push(c.to_ascii_uppercase());
            } else {
                line.push(c);
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    if lines.is_empty() {
        return Err(IdCheckError::EmptyInput);
    }
    // A scanner set to send no line ends types the whole zone as one line.
    if lines.len() == 1 {
        let len = lines[0].chars().count();
        if let Some((count, width)) = LAYOUTS.iter().find(|(n, w)| n * w == len) {
            let chars: Vec<char> = lines[0].chars().collect();
            lines = (0..*count)
                .map(|i| chars[i * width..(i + 1) * width].iter().collect())
                .collect();
        }
    }
    for (l, line) in lines.iter().enumerate() {
        for (c, ch) in line.chars().enumerate() {
            if !(ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '<') {
                return Err(IdCheckError::InvalidCharacter {
                    position: Position {
                        line: l + 1,
                        column: c + 1,
                    },
                    found: ch,
                });
            }
        }
    }
    let lengths: Vec<usize> = lines.iter().map(String::len).collect();
    let fits = LAYOUTS
        .iter()
        .any(|(n, w)| lines.len() == *n && lengths.iter().all(|l| l == w));
    if !fits {
        let found = format!(
            "{} line(s) of {} characters",
            lines.len(),
            lengths
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        );
        return Err(IdCheckError::UnrecognisedLayout { found });
    }
    let mut warnings = Vec::new();
    let mut what = Vec::new();
    if spaces > 0 {
        what.push(format!("removed {spaces} space(s)"));
    }
    if lowered > 0 {
        what.push(format!(
            "turned {lowered} lower-case letter(s) into capitals"
        ));
    }
    if !what.is_empty() {
        warnings.push(Warning::InputNormalised {
            what: what.join(", "),
        });
    }
    Ok(NormalisedInput { lines, warnings })
}

/// The digit an OCR-confusable letter most likely was.
pub fn digit_for_letter(c: char) -> Option<char> {
    match c {
        'O' | 'Q' | 'D' => Some('0'),
        'I' | 'L' => Some('1'),
        'B' => Some('8'),
        'S' => Some('5'),
        'Z' => Some('2'),
        'G' => Some('6'),
        _ => None,
    }
}

/// The letter an OCR-confusable digit most likely was.
pub fn letter_for_digit(c: char) -> Option<char> {
    match c {
        '0' => Some('O'),
        '1' => Some('I'),
        '8' => Some('B'),
        '5' => Some('S'),
        '2' => Some('Z'),
        '6' => Some('G'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TD1: [&str; 3] = [
        "I<UTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ];

    #[test]
    fn scanner_typing_with_carriage_returns_lower_case_and_stray_spaces_is_tidied() {
        let typed = format!(
            "  i<utoD231458907<<<<<<<<<<<<<<<\r\n7408122F 1204159UTO<<<<<<<<<<<6\r\r\n{}\t\r\n\n",
            TD1[2].to_lowercase()
        );
        let out = normalise(&typed);
        let Ok(out) = out else {
            panic!("{out:?}");
        };
        assert_eq!(out.lines, TD1.map(str::to_owned).to_vec());
        let [Warning::InputNormalised { what }] = out.warnings.as_slice() else {
            panic!("{:?}", out.warnings);
        };
        assert!(what.contains("removed 4 space(s)"), "{what}");
        assert!(what.contains("lower-case"), "{what}");
    }

    #[test]
    fn a_zone_typed_on_one_line_is_split_into_its_lines() {
        let out = normalise(&TD1.concat()).map(|n| n.lines);
        assert_eq!(out, Ok(TD1.map(str::to_owned).to_vec()));
        let clean = normalise(&TD1.join("\n"));
        assert_eq!(clean.map(|n| n.warnings), Ok(vec![]));
    }

    #[test]
    fn unusable_input_is_refused_with_what_was_found() {
        assert_eq!(normalise(" \r\n\t"), Err(IdCheckError::EmptyInput));
        let err = normalise("I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<6");
        let Err(IdCheckError::UnrecognisedLayout { found }) = err else {
            panic!("{err:?}");
        };
        assert_eq!(found, "2 line(s) of 30, 29 characters");
        let err = normalise(&format!(
            "{}\n{}\n{}",
            TD1[0], TD1[1], "ERIKSSON<<ANNA<MARÍA<<<<<<<<<<"
        ));
        assert_eq!(
            err,
            Err(IdCheckError::InvalidCharacter {
                position: Position {
                    line: 3,
                    column: 19
                },
                found: 'Í'
            })
        );
        assert!(err.is_err_and(|e| e.is_unusable_input()));
    }

    #[test]
    fn confusable_characters_map_both_ways() {
        for (letter, digit) in [('O', '0'), ('I', '1'), ('B', '8'), ('S', '5')] {
            assert_eq!(digit_for_letter(letter), Some(digit));
            assert_eq!(letter_for_digit(digit), Some(letter));
        }
        assert_eq!(digit_for_letter('K'), None);
        assert_eq!(letter_for_digit('7'), None);
    }
}

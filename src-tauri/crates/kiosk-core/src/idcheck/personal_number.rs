//! The Kosovo personal number: ten digits. Its last digit is believed to be a mod-11 check digit
//! over the first nine with weights 4, 3, 2, 7, 6, 5, 4, 3, 2; no official text confirms the rule,
//! so a number that breaks it gets a warning and is never refused.

use super::{IdCheckError, Warning};

const WEIGHTS: [u32; 9] = [4, 3, 2, 7, 6, 5, 4, 3, 2];

/// The expected last digit for the first nine, or `None` when the rule gives 10 (such numbers
/// should not exist).
pub fn expected_check_digit(first_nine: &[u32; 9]) -> Option<u32> {
    let sum: u32 = first_nine.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    let check = (11 - sum % 11) % 11;
    (check < 10).then_some(check)
}

/// A personal number as typed or read: spaces, dots and dashes removed.
pub fn tidy(input: &str) -> String {
    input
        .chars()
        .filter(|c| !(c.is_whitespace() || *c == '-' || *c == '.'))
        .collect()
}

/// Checks the format (an error when not ten digits) and the mod-11 rule (a warning only).
/// Returns the tidied number and the warnings.
pub fn check(input: &str) -> Result<(String, Vec<Warning>), IdCheckError> {
    let number = tidy(input);
    if number.is_empty() {
        return Err(IdCheckError::InvalidPersonalNumber {
            reason: "is empty".into(),
        });
    }
    if let Some((i, c)) = number
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_digit())
    {
        return Err(IdCheckError::InvalidPersonalNumber {
            reason: format!("has {c:?} at character {}, where only digits belong", i + 1),
        });
    }
    let digits: Vec<u32> = number.chars().filter_map(|c| c.to_digit(10)).collect();
    let Ok(first_nine) = <[u32; 9]>::try_from(&digits[..digits.len().min(9)]) else {
        return Err(IdCheckError::InvalidPersonalNumber {
            reason: format!("has {} digits", digits.len()),
        });
    };
    if digits.len() != 10 {
        return Err(IdCheckError::InvalidPersonalNumber {
            reason: format!("has {} digits", digits.len()),
        });
    }
    let mut warnings = Vec::new();
    if expected_check_digit(&first_nine) != digits.get(9).copied() {
        warnings.push(Warning::PersonalNumberCheckDigit);
    }
    Ok((number, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mod_11_rule_only_ever_warns() {
        // 1·4 + 2·3 + 3·2 + 4·7 + 5·6 + 6·5 + 7·4 + 8·3 + 9·2 = 174; 174 mod 11 = 9; 11 − 9 = 2.
        assert_eq!(check("1234567892"), Ok(("1234567892".into(), vec![])));
        assert_eq!(
            check("1234567893"),
            Ok(("1234567893".into(), vec![Warning::PersonalNumberCheckDigit]))
        );
        assert_eq!(
            check("123 456 789-2").map(|(n, _)| n),
            Ok("1234567892".into())
        );
        // A body whose rule gives 10 has no valid last digit; still only a warning.
        let ten = (0..10_000u32)
            .map(|n| format!("10000{n:04}"))
            .find(|body| {
                let d: Vec<u32> = body.chars().filter_map(|c| c.to_digit(10)).collect();
                <[u32; 9]>::try_from(d.as_slice()).is_ok_and(|a| expected_check_digit(&a).is_none())
            })
            .unwrap_or_default();
        assert!(!ten.is_empty());
        assert_eq!(
            check(&format!("{ten}0")).map(|(_, w)| w),
            Ok(vec![Warning::PersonalNumberCheckDigit])
        );
    }

    #[test]
    fn a_number_that_is_not_ten_digits_is_refused_with_the_reason() {
        let err = |s: &str| check(s).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err("123456789").contains("has 9 digits"));
        assert!(err("12345678901").contains("has 11 digits"));
        assert!(err("12345O7892").contains("'O' at character 6"));
        assert!(err("").contains("is empty"));
        assert_eq!(
            check("123").map_err(|e| e.code()),
            Err("invalid_personal_number")
        );
    }
}

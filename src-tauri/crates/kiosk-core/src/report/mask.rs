//! What a printout that leaves the store hides: most of an identity number, and the last three
//! digits of the other party's number in traffic data (unless the customer explicitly asks for the
//! full numbers).

/// The character printed in place of a hidden one.
pub const MASK: char = '•';

/// An identity number (personal number, document number) with only its first two and last two
/// characters shown: `1642879258` → `16••••••58`. Shorter values show less: five to seven characters
/// only the last two, four or fewer nothing. White space is dropped.
pub fn mask_personal_number(number: &str) -> String {
    let chars: Vec<char> = number.chars().filter(|c| !c.is_whitespace()).collect();
    let n = chars.len();
    let (head, tail) = match n {
        0..=4 => (0, 0),
        5..=7 => (0, 2),
        _ => (2, 2),
    };
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| if i < head || i >= n - tail { c } else { MASK })
        .collect()
}

/// The other party's number with its last three digits hidden: `+38349574102` → `+38349574•••`.
/// Separators stay; a number of three digits or fewer (an emergency or service number) is hidden
/// whole.
pub fn mask_counterpart(number: &str) -> String {
    let mut digits_left = 3;
    let mut out: Vec<char> = Vec::with_capacity(number.len());
    for c in number.chars().rev() {
        if digits_left > 0 && c.is_ascii_digit() {
            out.push(MASK);
            digits_left -= 1;
        } else {
            out.push(c);
        }
    }
    out.reverse();
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_personal_number_shows_its_first_and_last_two_digits_only() {
        assert_eq!(mask_personal_number("1642879258"), "16••••••58");
        assert_eq!(mask_personal_number(" 1642 879 258 "), "16••••••58");
        assert_eq!(mask_personal_number("P1234567"), "P1••••67");
        assert_eq!(mask_personal_number("12345"), "•••45");
        assert_eq!(mask_personal_number("1234"), "••••");
        assert_eq!(mask_personal_number(""), "");
        // Never more than four characters of the original survive.
        for n in ["1642879258", "123456789012345", "ABCDEFG"] {
            let masked = mask_personal_number(n);
            assert!(
                masked.chars().filter(|&c| c != MASK).count() <= 4,
                "{masked}"
            );
            assert_eq!(masked.chars().count(), n.chars().count());
        }
    }

    #[test]
    fn a_counterpart_loses_its_last_three_digits() {
        assert_eq!(mask_counterpart("+38349574102"), "+38349574•••");
        assert_eq!(mask_counterpart("044 123 456"), "044 123 •••");
        assert_eq!(mask_counterpart("044 123 4-56"), "044 123 •-••");
        assert_eq!(mask_counterpart("112"), "•••");
        assert_eq!(mask_counterpart("19"), "••");
        assert_eq!(mask_counterpart("+383 49 ABC"), "+38• •• ABC");
    }
}

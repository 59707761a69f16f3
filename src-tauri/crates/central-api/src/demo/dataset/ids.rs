//! Invented identifiers in the shapes real ones have, so that the kiosk's checks (personal-number
//! check digit, Luhn on IMEIs and SIM serials) meet valid values, while the values themselves stay
//! obviously fictional: addresses come from the documentation ranges and MAC addresses are locally
//! administered.

use std::collections::BTreeSet;

use super::rng::Rng;

/// Values already handed out, so that no two customers share a number. A `BTreeSet` keeps the whole
/// dataset independent of hashing seeds.
#[derive(Debug, Default)]
pub(super) struct Unique {
    used: BTreeSet<String>,
}

impl Unique {
    /// Draws until `draw` yields a value not handed out before. The spaces drawn from (millions of
    /// numbers) dwarf the few hundred values the demo needs, so this ends after a draw or two.
    pub(super) fn take(
        &mut self,
        rng: &mut Rng,
        mut draw: impl FnMut(&mut Rng) -> String,
    ) -> String {
        loop {
            let value = draw(rng);
            if self.used.insert(value.clone()) {
                return value;
            }
        }
    }
}

const PERSONAL_NUMBER_WEIGHTS: [u32; 9] = [4, 3, 2, 7, 6, 5, 4, 3, 2];

/// The check digit of a Kosovo personal number's first nine digits, or `None` when the rule gives 10
/// (such numbers are not issued). The rule is the one the kiosk warns on; it is not confirmed as the
/// civil registry's, so the demo only makes sure its own numbers pass it.
fn personal_number_check_digit(first_nine: &[u32]) -> Option<u32> {
    if first_nine.len() != PERSONAL_NUMBER_WEIGHTS.len() {
        return None;
    }
    let sum: u32 = first_nine
        .iter()
        .zip(PERSONAL_NUMBER_WEIGHTS)
        .map(|(d, w)| d * w)
        .sum();
    let check = (11 - sum % 11) % 11;
    (check < 10).then_some(check)
}

/// Ten digits whose last is the mod-11 check digit of the first nine. The generator computes the
/// digit directly; this is the check the tests hold its numbers to.
#[cfg(test)]
pub(super) fn personal_number_is_valid(number: &str) -> bool {
    let Some(digits) = decimal_digits(number) else {
        return false;
    };
    match digits.split_last() {
        Some((last, first_nine)) if digits.len() == 10 => {
            personal_number_check_digit(first_nine) == Some(*last)
        }
        _ => false,
    }
}

/// A fictional personal number. Real ones start with 1; so do these, to look right on screen.
pub(super) fn personal_number(rng: &mut Rng) -> String {
    loop {
        let body = format!("1{}", rng.digits(8));
        let Some(digits) = decimal_digits(&body) else {
            continue;
        };
        if let Some(check) = personal_number_check_digit(&digits) {
            return format!("{body}{check}");
        }
    }
}

fn decimal_digits(s: &str) -> Option<Vec<u32>> {
    s.chars().map(|c| c.to_digit(10)).collect()
}

/// The Luhn check digit for `body` (all decimal digits).
pub(super) fn luhn_check_digit(body: &str) -> u32 {
    let sum: u32 = body
        .chars()
        .rev()
        .filter_map(|c| c.to_digit(10))
        .enumerate()
        .map(|(i, d)| {
            // Counting from the right of the body, every first digit is doubled: the check digit
            // that follows takes the undoubled position.
            if i % 2 == 0 {
                let doubled = d * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

#[cfg(test)]
pub(super) fn luhn_is_valid(number: &str) -> bool {
    if number.len() < 2 || !number.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    let (body, check) = number.split_at(number.len() - 1);
    check.chars().next().and_then(|c| c.to_digit(10)) == Some(luhn_check_digit(body))
}

fn with_luhn(body: String) -> String {
    let check = luhn_check_digit(&body);
    format!("{body}{check}")
}

/// 15 digits: an 8-digit type allocation code, a 6-digit serial and the Luhn digit.
pub(super) fn imei(rng: &mut Rng, tac: &str) -> String {
    with_luhn(format!("{tac}{}", rng.digits(6)))
}

/// A 19-digit ICCID: `89` (telecom), `383` (Kosovo), `03` (the issuer as the demo numbers it), eleven
/// digits of serial and the Luhn digit.
pub(super) fn iccid(rng: &mut Rng) -> String {
    with_luhn(format!("8938303{}", rng.digits(11)))
}

/// A mobile number `+383 4x xxx xxx` with one of the given operator prefixes.
pub(super) fn msisdn(rng: &mut Rng, prefixes: &[&str]) -> String {
    let prefix = rng.pick(prefixes);
    format!("+383{prefix}{}", rng.digits(6))
}

/// A unicast, locally administered MAC address: the kind no manufacturer owns.
pub(super) fn mac(rng: &mut Rng) -> String {
    let mut octets = [0u8; 6];
    for o in &mut octets {
        *o = u8::try_from(rng.below(256)).unwrap_or(0);
    }
    octets[0] = (octets[0] & 0b1111_1100) | 0b0000_0010;
    octets
        .iter()
        .map(|o| format!("{o:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// A public IPv4 address from the documentation ranges (RFC 5737).
pub(super) fn public_ipv4(rng: &mut Rng) -> String {
    let net = rng.pick(&["192.0.2", "198.51.100", "203.0.113"]);
    format!("{net}.{}", rng.range(2, 254))
}

/// An IPv6 /56 prefix from the documentation range `2001:db8::/32` (RFC 3849).
pub(super) fn ipv6_prefix(rng: &mut Rng) -> String {
    format!(
        "2001:db8:{:x}:{:x}00::/56",
        rng.range(0x1000, 0xffff),
        rng.range(0x10, 0xff)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_number_check_follows_the_mod_11_rule() {
        // 1·4 + 2·3 + 3·2 + 4·7 + 5·6 + 6·5 + 7·4 + 8·3 + 9·2 = 174; 174 mod 11 = 9; 11 − 9 = 2.
        assert!(personal_number_is_valid("1234567892"));
        assert!(!personal_number_is_valid("1234567893"));
        assert!(!personal_number_is_valid("123456789"));
        assert!(!personal_number_is_valid("12345678922"));
        assert!(!personal_number_is_valid("12345678a2"));
        // Sum 0 gives check digit 0, not 11.
        assert!(personal_number_is_valid("0000000000"));
        // A body whose rule gives 10 is never issued: no last digit may make it valid.
        let body = (0..10_000u32)
            .map(|n| format!("10000{n:04}"))
            .find(|b| decimal_digits(b).is_some_and(|d| personal_number_check_digit(&d).is_none()));
        let Some(body) = body else {
            panic!("some body has check value 10")
        };
        for last in 0..10 {
            assert!(
                !personal_number_is_valid(&format!("{body}{last}")),
                "{body}{last}"
            );
        }
    }

    #[test]
    fn generated_personal_numbers_pass_the_check() {
        let mut rng = Rng::stream(3, 3);
        for _ in 0..500 {
            let n = personal_number(&mut rng);
            assert_eq!(n.len(), 10);
            assert!(personal_number_is_valid(&n), "{n}");
        }
    }

    #[test]
    fn luhn_accepts_known_good_numbers_and_refuses_a_typo() {
        assert!(luhn_is_valid("490154203237518")); // an IMEI from 3GPP examples
        assert!(luhn_is_valid("89014103211118510720")); // a published ICCID example
        assert!(!luhn_is_valid("490154203237517"));
        assert!(!luhn_is_valid("49015420323751a"));
        let mut rng = Rng::stream(4, 4);
        let imei = imei(&mut rng, "35332011");
        assert_eq!(imei.len(), 15);
        assert!(luhn_is_valid(&imei));
        let iccid = iccid(&mut rng);
        assert_eq!(iccid.len(), 19);
        assert!(iccid.starts_with("8938303") && luhn_is_valid(&iccid));
    }

    #[test]
    fn macs_are_locally_administered_unicast() {
        let mut rng = Rng::stream(5, 5);
        for _ in 0..200 {
            let m = mac(&mut rng);
            let first = u8::from_str_radix(&m[..2], 16).unwrap_or(0);
            assert_eq!(first & 0b11, 0b10, "{m}");
            assert_eq!(m.len(), 17);
        }
    }

    #[test]
    fn unique_never_hands_out_a_value_twice() {
        let mut rng = Rng::stream(6, 6);
        let mut unique = Unique::default();
        let values: BTreeSet<String> = (0..10)
            .map(|_| unique.take(&mut rng, |r| r.digits(1)))
            .collect();
        assert_eq!(values.len(), 10);
    }
}

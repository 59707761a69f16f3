//! The values a customer may correct, checked and put in one form before the customer signs: an
//! e-mail address, a phone number (Kosovo's or international), a postal address, a name. Each
//! refusal says what is wrong in words a clerk can repeat to the customer.

use super::refused;
use crate::error::Result;

/// Kosovo's country calling code.
const KOSOVO_CC: &str = "383";
/// Digits of a Kosovo number after the country code (or after the leading 0 at home).
const KOSOVO_DIGITS: usize = 8;
/// ITU-T E.164: at most 15 digits, country code included.
const E164_MAX_DIGITS: usize = 15;
/// The shortest international number this kiosk takes (country code included).
const E164_MIN_DIGITS: usize = 8;

/// Spaces of every kind collapsed to one, trimmed.
pub fn tidy(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Characters that change how the text around them is shown without being seen themselves: the
/// bidirectional embeddings, overrides and isolates (a right-to-left override makes `txt.exe` read
/// `exe.txt`), the zero-width characters, and the byte-order mark. A signed record and its receipt
/// must read as what the customer saw.
fn is_invisible_control(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
        || (c.is_control() && !c.is_whitespace())
}

/// Whether `value` holds a control character or an invisible direction mark: refused in every
/// field a person types, short ones (staff ids, store codes, search keys) as well as long ones.
pub fn holds_hidden_characters(value: &str) -> bool {
    value.chars().any(is_invisible_control)
}

/// Text in the customer's words (a reason, what a request asks for): tidied, at most `max`
/// characters, and refused with `code` when it holds control or invisible direction characters. The
/// length is checked before anything else, so a huge value costs no more than its count.
pub fn free_text(value: &str, max: usize, code: &'static str, what: &str) -> Result<String> {
    if value.chars().nth(max.saturating_mul(4)).is_some() {
        return Err(refused(
            code,
            format!("The {what} is longer than {max} characters."),
        ));
    }
    if value.chars().any(is_invisible_control) {
        return Err(refused(
            code,
            format!("The {what} holds a control character or an invisible direction mark; type it again."),
        ));
    }
    let text = tidy(value);
    if text.chars().count() > max {
        return Err(refused(
            code,
            format!("The {what} is longer than {max} characters."),
        ));
    }
    Ok(text)
}

/// An e-mail address as `local@domain`, the domain in lower case.
pub fn email(value: &str) -> Result<String> {
    if value.len() > 4 * 254 {
        return Err(refused(
            "invalid_email",
            "That e-mail address is longer than 254 characters.",
        ));
    }
    let value = value.trim();
    let bad = |why: &str| refused("invalid_email", format!("That e-mail address {why}."));
    if value.is_empty() {
        return Err(bad("is empty"));
    }
    if value.chars().any(char::is_whitespace) {
        return Err(bad("has a space in it"));
    }
    if value.len() > 254 {
        return Err(bad("is longer than 254 characters"));
    }
    let Some((local, domain)) = value.rsplit_once('@') else {
        return Err(bad("has no @"));
    };
    if local.is_empty() || local.len() > 64 || local.contains('@') {
        return Err(bad(
            "needs one name of 1 to 64 characters before a single @",
        ));
    }
    let local_ok = local
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    if !local_ok || local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(bad(
            "has a character that cannot stand before the @ (letters without accents, digits and . _ - + are fine)",
        ));
    }
    let domain = domain.to_ascii_lowercase();
    let labels: Vec<&str> = domain.split('.').collect();
    let labels_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    let tld_ok = labels
        .last()
        .is_some_and(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic()));
    if !labels_ok || !tld_ok {
        return Err(bad(
            "needs a domain after the @ such as example.com (letters, digits and dashes, with a dot)",
        ));
    }
    Ok(format!("{local}@{domain}"))
}

/// A phone number in international form: `+383 49 123 456` for Kosovo, `+` and the digits for
/// other countries. Takes Kosovo's national form (`049 123 456`, `038 123 456`), `00` for `+`, and
/// spaces, dashes, dots and brackets between digits.
pub fn phone(value: &str) -> Result<String> {
    let bad = |why: String| refused("invalid_phone", why);
    if value.len() > 64 {
        return Err(bad("A phone number is not that long.".into()));
    }
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(bad("The phone number is empty.".into()));
    }
    let mut digits = String::new();
    for (i, c) in trimmed.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => {}
            ' ' | '-' | '.' | '(' | ')' | '/' => {}
            _ => {
                return Err(bad(format!(
                "A phone number has only digits, spaces and a leading +; “{c}” is not one of them."
            )))
            }
        }
    }
    let international = if trimmed.starts_with('+') {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_owned()
    } else if let Some(national) = digits.strip_prefix('0') {
        if national.len() != KOSOVO_DIGITS {
            return Err(bad(format!(
                "A Kosovo number has {} digits after the 0 (for example 049 123 456); this one has {}.",
                KOSOVO_DIGITS,
                national.len()
            )));
        }
        format!("{KOSOVO_CC}{national}")
    } else {
        return Err(bad(
            "Write the number with its country code (+383 49 123 456) or as at home with a 0 (049 123 456)."
                .into(),
        ));
    };
    if international.starts_with('0') {
        return Err(bad("A country code does not start with 0.".into()));
    }
    if let Some(national) = international.strip_prefix(KOSOVO_CC) {
        if national.len() != KOSOVO_DIGITS || national.starts_with('0') {
            return Err(bad(format!(
                "A Kosovo number is +383 and {KOSOVO_DIGITS} digits not starting with 0 (for example +383 49 123 456)."
            )));
        }
        return Ok(format!(
            "+{KOSOVO_CC} {} {} {}",
            &national[..2],
            &national[2..5],
            &national[5..]
        ));
    }
    if !(E164_MIN_DIGITS..=E164_MAX_DIGITS).contains(&international.len()) {
        return Err(bad(format!(
            "An international number has {E164_MIN_DIGITS} to {E164_MAX_DIGITS} digits with its country code; this one has {}.",
            international.len()
        )));
    }
    Ok(format!("+{international}"))
}

/// A postal address: street (and number) and place, one line.
pub fn address(value: &str) -> Result<String> {
    let value = free_text(value, 200, "invalid_address", "address")?;
    let bad = |why: &str| refused("invalid_address", format!("The address {why}."));
    if value.chars().count() < 5 || value.split(' ').count() < 2 {
        return Err(bad(
            "is too short: write the street, the number if there is one, and the place",
        ));
    }
    if !value.chars().any(char::is_alphabetic) {
        return Err(bad("has no letters: write the street and the place"));
    }
    Ok(value)
}

/// A first name or surname: letters of any alphabet, spaces, hyphens and apostrophes.
pub fn name(value: &str) -> Result<String> {
    let value = free_text(value, 60, "invalid_name", "name")?;
    let bad = |why: &str| refused("invalid_name", format!("The name {why}."));
    if !value.chars().any(char::is_alphabetic) {
        return Err(bad("is empty"));
    }
    if let Some(c) = value
        .chars()
        .find(|c| !(c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.')))
    {
        return Err(bad(&format!(
            "has “{c}” in it: a name has letters, spaces, hyphens and apostrophes"
        )));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(r: Result<String>) -> &'static str {
        r.err().map_or("ok", |e| e.code())
    }

    #[test]
    fn e_mail_addresses_are_taken_in_their_usual_forms_and_refused_with_the_reason() {
        assert_eq!(
            email(" Arta.B+ipko@Example.COM ").ok().as_deref(),
            Some("Arta.B+ipko@example.com")
        );
        for bad in [
            "",
            "arta",
            "arta@",
            "@example.com",
            "arta@example",
            "ar ta@example.com",
            "arta@@example.com",
            "arta..b@example.com",
            "artë@example.com",
            "arta@ex_ample.com",
            "arta@example.c0m",
            "arta@-example.com",
        ] {
            assert_eq!(code(email(bad)), "invalid_email", "{bad:?} was taken");
        }
    }

    #[test]
    fn kosovo_numbers_take_the_national_and_international_forms() {
        for typed in [
            "049 123 456",
            "+383 49 123 456",
            "00383-49-123-456",
            "(049) 123.456",
            "+38349123456",
        ] {
            assert_eq!(
                phone(typed).ok().as_deref(),
                Some("+383 49 123 456"),
                "{typed}"
            );
        }
        assert_eq!(
            phone("038 200 300").ok().as_deref(),
            Some("+383 38 200 300")
        );
        assert_eq!(
            phone("+49 30 1234 5678").ok().as_deref(),
            Some("+493012345678")
        );
        for bad in [
            "",
            "49 123 456",
            "049 123 45",
            "+383 049 123 456",
            "+383 49 123 4567",
            "0049 3",
            "+1 234",
            "049 12a 456",
            "+0 123 456 789",
            "1234567890123456",
        ] {
            assert_eq!(code(phone(bad)), "invalid_phone", "{bad:?} was taken");
        }
    }

    #[test]
    fn hostile_text_is_refused_quickly_or_kept_as_plain_text() {
        let huge = "A".repeat(10 * 1024 * 1024);
        let started = std::time::Instant::now();
        assert_eq!(code(name(&huge)), "invalid_name");
        assert_eq!(code(address(&huge)), "invalid_address");
        assert_eq!(code(email(&huge)), "invalid_email");
        assert_eq!(code(phone(&huge)), "invalid_phone");
        assert_eq!(
            code(free_text(&huge, 500, "invalid_input", "reason")),
            "invalid_input"
        );
        // Refused by looking at a few thousand characters, not by reading ten megabytes.
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        // A right-to-left override would make a receipt read otherwise than it was signed.
        for sneaky in [
            "Moved\u{202E}gnp.exe",
            "Ar\u{200B}ta",
            "line\u{0007}bell",
            "\u{2066}isolated\u{2069}",
            "\u{FEFF}BOM",
        ] {
            assert_eq!(
                code(free_text(sneaky, 500, "invalid_input", "reason")),
                "invalid_input",
                "{sneaky:?}"
            );
            assert_eq!(
                code(address(&format!("Rr. Agim Ramadani 12 {sneaky}"))),
                "invalid_address"
            );
            assert_eq!(code(name(sneaky)), "invalid_name");
        }
        // SQL and HTML are words like any others: kept as typed (queries are parameterised, the
        // screens set text, never HTML), newlines and tabs folded to spaces.
        for literal in [
            "Robert'); DROP TABLE outbox;--",
            "<script>alert(1)</script> & <b>",
            "Rruga\n12\tPrishtinë",
        ] {
            assert!(
                free_text(literal, 500, "invalid_input", "reason").is_ok(),
                "{literal:?}"
            );
        }
        assert_eq!(
            free_text("Rruga\n12\tPrishtinë", 500, "x", "y")
                .ok()
                .as_deref(),
            Some("Rruga 12 Prishtinë")
        );
        assert_eq!(code(name("<b>Arta</b>")), "invalid_name");
    }

    #[test]
    fn addresses_and_names_are_tidied_and_checked() {
        assert_eq!(
            address("  Rr. Agim  Ramadani 12,\t10000 Prishtinë ")
                .ok()
                .as_deref(),
            Some("Rr. Agim Ramadani 12, 10000 Prishtinë")
        );
        assert_eq!(code(address("12")), "invalid_address");
        assert_eq!(code(address("12 34")), "invalid_address");
        assert_eq!(code(address("Prishtinë")), "invalid_address");
        assert_eq!(
            name(" Dëshira  Çitaku-Krasniqi ").ok().as_deref(),
            Some("Dëshira Çitaku-Krasniqi")
        );
        assert_eq!(name("Ђорђе").ok().as_deref(), Some("Ђорђе"));
        assert_eq!(name("O’Neill").ok().as_deref(), Some("O’Neill"));
        assert_eq!(code(name("Arta2")), "invalid_name");
        assert_eq!(code(name("  ")), "invalid_name");
    }
}

//! Names in the ICAO 9303 part 3 form of a machine-readable zone: upper case A–Z, with the
//! transliterations of Albanian, Serbian Latin and Serbian Cyrillic letters (ë→E, ç→C, č→C, ć→C,
//! đ→DJ, š→S, ž→Z; Љ→LJ, Њ→NJ, Ђ→DJ, Ћ→C, Џ→DZ …), separators (space, hyphen, apostrophe, `<`)
//! as single spaces.
//!
//! Two spellings are produced for comparison: [`to_icao`] is the one Kosovo and Serbian documents
//! print (Cyrillic through Serbian Latin: Ж→Z, Ч→C, Ш→S, Ц→C, Х→H; German Ä→AE), and
//! [`to_icao_alternative`] the other spelling ICAO allows (Ж→ZH, Ч→CH, Ш→SH, Ц→TS, Х→KH, Đ→D,
//! Ä→A …). A name matches when either spelling does.

/// Latin letters with their primary and alternative ICAO forms (upper case keys only; lower case is
/// folded first).
fn latin(c: char) -> Option<(&'static str, &'static str)> {
    Some(match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ā' | 'Ă' | 'Ą' => ("A", "A"),
        'Ä' => ("AE", "A"),
        'Å' => ("AA", "A"),
        'Æ' => ("AE", "AE"),
        'Ç' | 'Ć' | 'Č' | 'Ĉ' | 'Ċ' => ("C", "C"),
        'Ď' => ("D", "D"),
        'Đ' => ("DJ", "D"),
        'Ð' => ("D", "D"),
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' | 'Ĕ' => ("E", "E"),
        'Ğ' | 'Ĝ' | 'Ġ' | 'Ģ' => ("G", "G"),
        'Ĥ' | 'Ħ' => ("H", "H"),
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ĩ' | 'Ī' | 'Į' | 'İ' | 'Ĭ' | 'I' => ("I", "I"),
        'Ĳ' => ("IJ", "IJ"),
        'Ĵ' => ("J", "J"),
        'Ķ' => ("K", "K"),
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' => ("L", "L"),
        'Ñ' | 'Ń' | 'Ņ' | 'Ň' => ("N", "N"),
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ō' | 'Ő' | 'Ŏ' => ("O", "O"),
        'Ö' => ("OE", "O"),
        'Ø' => ("OE", "O"),
        'Œ' => ("OE", "OE"),
        'Ŕ' | 'Ř' | 'Ŗ' => ("R", "R"),
        'Ś' | 'Š' | 'Ş' | 'Ŝ' | 'Ș' => ("S", "S"),
        'ẞ' => ("SS", "SS"),
        'Ť' | 'Ţ' | 'Ț' | 'Ŧ' => ("T", "T"),
        'Þ' => ("TH", "TH"),
        'Ù' | 'Ú' | 'Û' | 'Ũ' | 'Ū' | 'Ů' | 'Ű' | 'Ŭ' | 'Ų' => ("U", "U"),
        'Ü' => ("UE", "U"),
        'Ŵ' => ("W", "W"),
        'Ý' | 'Ÿ' | 'Ŷ' => ("Y", "Y"),
        'Ź' | 'Ż' | 'Ž' => ("Z", "Z"),
        _ => return None,
    })
}

/// Cyrillic letters (upper case), Serbian and Macedonian first, with the Serbian-Latin spelling and
/// the ICAO table spelling.
fn cyrillic(c: char) -> Option<(&'static str, &'static str)> {
    Some(match c {
        'А' => ("A", "A"),
        'Б' => ("B", "B"),
        'В' => ("V", "V"),
        'Г' | 'Ґ' => ("G", "G"),
        'Д' => ("D", "D"),
        'Ђ' => ("DJ", "D"),
        'Ѓ' => ("GJ", "G"),
        'Е' | 'Ё' | 'Э' => ("E", "E"),
        'Є' => ("IE", "IE"),
        'Ж' => ("Z", "ZH"),
        'З' => ("Z", "Z"),
        'Ѕ' => ("DZ", "DZ"),
        'И' | 'І' | 'Ї' | 'Й' => ("I", "I"),
        'Ј' => ("J", "J"),
        'К' => ("K", "K"),
        'Л' => ("L", "L"),
        'Љ' => ("LJ", "LJ"),
        'М' => ("M", "M"),
        'Н' => ("N", "N"),
        'Њ' => ("NJ", "NJ"),
        'О' => ("O", "O"),
        'П' => ("P", "P"),
        'Р' => ("R", "R"),
        'С' => ("S", "S"),
        'Т' => ("T", "T"),
        'Ћ' => ("C", "D"),
        'Ќ' => ("KJ", "K"),
        'У' | 'Ў' => ("U", "U"),
        'Ф' => ("F", "F"),
        'Х' => ("H", "KH"),
        'Ц' => ("C", "TS"),
        'Ч' => ("C", "CH"),
        'Џ' => ("DZ", "DZ"),
        'Ш' => ("S", "SH"),
        'Щ' => ("SHT", "SHCH"),
        'Ъ' => ("", "IE"),
        'Ы' => ("Y", "Y"),
        'Ь' => ("", ""),
        'Ю' => ("JU", "IU"),
        'Я' => ("JA", "IA"),
        _ => return None,
    })
}

fn convert(name: &str, alternative: bool) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_uppercase) {
        let mapped = latin(c).or_else(|| cyrillic(c));
        match mapped {
            Some((primary, alt)) => out.push_str(if alternative { alt } else { primary }),
            None if c.is_ascii_uppercase() => out.push(c),
            // `ß` upper-cases to "SS" above; anything else that is not a letter separates words.
            None => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A name as a Kosovo or Serbian document's zone spells it: "Qëndresa Dërmaku-Çitaku" →
/// "QENDRESA DERMAKU CITAKU", "Љиљана Ђорђевић" → "LJILJANA DJORDJEVIC".
pub fn to_icao(name: &str) -> String {
    convert(name, false)
}

/// The other spelling ICAO 9303 allows: "Ђорђевић" → "DORDEVID", "Жарко" → "ZHARKO",
/// "Müller" → "MULLER".
pub fn to_icao_alternative(name: &str) -> String {
    convert(name, true)
}

/// The words of a name in ICAO form, for comparisons that ignore order.
pub fn words(name: &str) -> Vec<String> {
    to_icao(name)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn albanian_and_serbian_latin_letters_fold_to_their_icao_form() {
        assert_eq!(
            to_icao("ë Ë ç Ç č Č ć Ć đ Đ š Š ž Ž"),
            "E E C C C C C C DJ DJ S S Z Z"
        );
        assert_eq!(to_icao("Qëndresa"), "QENDRESA");
        assert_eq!(to_icao("Dërmaku-Çitaku"), "DERMAKU CITAKU");
        assert_eq!(to_icao("Arbër Zeqiri"), "ARBER ZEQIRI");
        assert_eq!(
            to_icao("Snežana Đurčić-Šćepanović"),
            "SNEZANA DJURCIC SCEPANOVIC"
        );
        assert_eq!(
            to_icao("  o'Brien   van der  Berg "),
            "O BRIEN VAN DER BERG"
        );
        assert_eq!(to_icao("Strauß Müller"), "STRAUSS MUELLER");
        assert_eq!(to_icao_alternative("Müller Đurić"), "MULLER DURIC");
    }

    #[test]
    fn serbian_cyrillic_follows_the_serbian_latin_spelling_with_the_icao_table_as_alternative() {
        assert_eq!(to_icao("Љиљана Ђорђевић"), "LJILJANA DJORDJEVIC");
        assert_eq!(to_icao("љиљана ђорђевић"), "LJILJANA DJORDJEVIC");
        let alphabet = "АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ";
        assert_eq!(to_icao(alphabet), "ABVGDDJEZZIJKLLJMNNJOPRSTCUFHCCDZS");
        assert_eq!(
            to_icao_alternative(alphabet),
            "ABVGDDEZHZIJKLLJMNNJOPRSTDUFKHTSCHDZSH"
        );
        assert_eq!(to_icao("Жарко Чолић"), "ZARKO COLIC");
        assert_eq!(to_icao_alternative("Жарко Шушњар"), "ZHARKO SHUSHNJAR");
    }

    #[test]
    fn words_split_on_every_separator() {
        assert_eq!(
            words("Anna-Maria  Eriksson"),
            vec!["ANNA", "MARIA", "ERIKSSON"]
        );
        assert!(words(" - ").is_empty());
    }
}

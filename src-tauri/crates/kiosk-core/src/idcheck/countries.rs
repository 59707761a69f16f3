//! Issuing-state and nationality codes of ICAO 9303 part 3: every ISO 3166-1 alpha-3 code, the
//! codes ICAO adds (Germany's `D`, the British codes `GBD` …, organisations, stateless persons and
//! refugees), Kosovo's `RKS`, the UNMIK codes `XXK` and `UNK`, and the specimen codes `UTO` and
//! `ZZZ`, which parse with a warning and never identify a real customer.

/// ISO 3166-1 alpha-3 (249 codes).
const ISO_3166_ALPHA3: &str =
    "ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE \
BDI BEL BEN BES BFA BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK \
CHE CHL CHN CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA \
ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ \
GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM \
JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF \
MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL \
NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE \
PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK \
SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI \
URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE";

/// Codes ICAO 9303 part 3 adds to ISO 3166 (Kosovo's and UNMIK's listed separately below).
const ICAO_SPECIAL: &[&str] = &[
    // Germany.
    "D", // British citizens of other kinds.
    "GBD", "GBN", "GBO", "GBP", "GBS", // The European Union.
    "EUE", // The United Nations and its agencies.
    "UNO", "UNA", // Other organisations.
    "XBA", "XIM", "XCC", "XCE", "XCO", "XEC", "XPO", "XES", "XMP", "XOM", "XDC",
    // Stateless persons, refugees, unspecified nationality.
    "XXA", "XXB", "XXC", "XXX",
];

/// Codes of Kosovo documents: the Republic of Kosovo (`RKS`) and UNMIK (`UNK`, `XXK`).
const KOSOVO: &[&str] = &["RKS", "UNK", "XXK"];

/// Specimen and test codes: `UTO` (ICAO's "Utopia") and `ZZZ`, the list the server also applies.
const SPECIMEN: &[&str] = protocol::identity::SPECIMEN_CODES;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeKind {
    /// An ISO 3166-1 alpha-3 country code.
    Iso3166,
    /// Kosovo (`RKS`) or UNMIK (`UNK`, `XXK`).
    Kosovo,
    /// An ICAO addition: Germany's `D`, British nationals, organisations, stateless, refugees.
    IcaoSpecial,
    /// A specimen or test code (`UTO`, `ZZZ`): accepted to read, never to identify a real customer.
    Specimen,
}

/// The kind of a code as it stands in a zone (`D<<` is `D`), or `None` for an unknown code.
pub fn classify(code: &str) -> Option<CodeKind> {
    let code = code.trim_end_matches('<');
    if code.is_empty() {
        return None;
    }
    if KOSOVO.contains(&code) {
        Some(CodeKind::Kosovo)
    } else if SPECIMEN.contains(&code) {
        Some(CodeKind::Specimen)
    } else if ICAO_SPECIAL.contains(&code) {
        Some(CodeKind::IcaoSpecial)
    } else if code.len() == 3 && ISO_3166_ALPHA3.split(' ').any(|c| c == code) {
        Some(CodeKind::Iso3166)
    } else {
        None
    }
}

/// Whether a code is accepted as an issuing state or nationality.
pub fn is_known(code: &str) -> bool {
    classify(code).is_some()
}

/// Every ISO 3166-1 alpha-3 code.
pub fn iso_codes() -> impl Iterator<Item = &'static str> {
    ISO_3166_ALPHA3.split(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_iso_code_is_listed_once() {
        let codes: Vec<&str> = iso_codes().collect();
        assert_eq!(codes.len(), 249);
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, codes, "sorted and unique");
        assert!(codes
            .iter()
            .all(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())));
    }

    #[test]
    fn kosovo_unmik_iso_and_icao_codes_are_accepted_and_others_refused() {
        assert_eq!(classify("RKS"), Some(CodeKind::Kosovo));
        assert_eq!(classify("XXK"), Some(CodeKind::Kosovo));
        assert_eq!(classify("UNK"), Some(CodeKind::Kosovo));
        assert_eq!(classify("DEU"), Some(CodeKind::Iso3166));
        assert_eq!(classify("SRB"), Some(CodeKind::Iso3166));
        assert_eq!(classify("ALB"), Some(CodeKind::Iso3166));
        assert_eq!(classify("D<<"), Some(CodeKind::IcaoSpecial));
        assert_eq!(classify("GBD"), Some(CodeKind::IcaoSpecial));
        assert_eq!(classify("XXA"), Some(CodeKind::IcaoSpecial));
        assert_eq!(classify("UTO"), Some(CodeKind::Specimen));
        assert_eq!(classify("ZZZ"), Some(CodeKind::Specimen));
        for unknown in ["QQQ", "KOS", "YUG", "<<<", "", "DE<"] {
            assert_eq!(classify(unknown), None, "{unknown}");
        }
    }
}

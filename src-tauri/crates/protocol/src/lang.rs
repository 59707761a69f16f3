//! The kiosk's three languages and the one shape every translated label has.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A language of the kiosk's screens, notices and printouts. Albanian is the default.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    Serialize,
    Deserialize,
    ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Albanian (shqip).
    #[default]
    Sq,
    /// English.
    En,
    /// Serbian (српски), written in Cyrillic.
    Sr,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Sq, Lang::En, Lang::Sr];

    /// The ISO 639-1 code used on the wire and in URLs (`?lang=sq`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sq => "sq",
            Lang::En => "en",
            Lang::Sr => "sr",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A short text in each of the kiosk's languages. Labels live beside the vocabulary they name so that
/// the screens, the printouts and the server all say the same thing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Label {
    pub sq: &'static str,
    pub en: &'static str,
    pub sr: &'static str,
}

impl Label {
    pub const fn new(sq: &'static str, en: &'static str, sr: &'static str) -> Label {
        Label { sq, en, sr }
    }

    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Sq => self.sq,
            Lang::En => self.en,
            Lang::Sr => self.sr,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            let json = serde_json::to_string(&lang).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", lang.code()));
        }
        assert_eq!(Lang::from_code(" EN "), Some(Lang::En));
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(Lang::default(), Lang::Sq);
    }
}

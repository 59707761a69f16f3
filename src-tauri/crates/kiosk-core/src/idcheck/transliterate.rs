//! Names in the ICAO 9303 part 3 form of a machine-readable zone (Albanian, Serbian Latin and
//! Serbian Cyrillic letters with the Kosovo / Serbian document spellings, and the ICAO table
//! spellings as the alternative). The rule lives in [`protocol::identity::transliterate`], because
//! the central API applies it too when it completes a match the kiosk recorded offline.

pub use protocol::identity::transliterate::{to_icao, to_icao_alternative, words};

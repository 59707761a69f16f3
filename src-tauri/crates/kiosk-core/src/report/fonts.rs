//! The printouts' typeface: DejaVu Sans and DejaVu Sans Bold (Debian's fonts-dejavu-core 2.37, the
//! Bitstream Vera licence beside them in `fonts/LICENSE`). One face covers every glyph the three
//! languages need: Albanian ë ç, Serbian Latin č ć đ š ž and Serbian Cyrillic.
//!
//! Text is measured with the faces' real advance widths. A document embeds only the glyphs it
//! uses: printpdf embeds whole fonts unless its heavy `text_layout` feature is on (1.4 MB for the
//! two faces), so the subset is cut here with allsorts, the library printpdf itself uses.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use printpdf::ParsedFont;

use super::error::ReportError;

const REGULAR_TTF: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");
const REGULAR_NAME: &str = "DejaVuSans";
const BOLD_NAME: &str = "DejaVuSans-Bold";

/// What a character the face lacks is printed as: visibly wrong rather than silently dropped.
pub(crate) const REPLACEMENT: char = '\u{FFFD}';

/// Characters below this are looked up in a flat table: Latin, Latin Extended and Cyrillic, i.e.
/// nearly every character a report prints, without hashing.
const DENSE: usize = 0x0530;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Face {
    Regular,
    Bold,
}

/// One face's glyph map and advances.
pub(crate) struct FaceMetrics {
    units_per_em: f32,
    /// (glyph id, advance in font units) of the characters below [`DENSE`]; glyph 0 = not mapped.
    dense: Vec<(u16, u16)>,
    sparse: HashMap<char, (u16, u16)>,
}

impl FaceMetrics {
    fn parse(bytes: &[u8]) -> Result<FaceMetrics, ReportError> {
        let mut warnings = Vec::new();
        let font = ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or_else(|| {
            ReportError::Font(format!("the embedded font is unreadable: {warnings:?}"))
        })?;
        let mut dense = vec![(0u16, 0u16); DENSE];
        let mut sparse = HashMap::new();
        for (&cp, &gid) in &font.codepoint_to_glyph {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let advance = font.glyph_widths.get(&gid).copied().unwrap_or(0);
            match dense.get_mut(cp as usize) {
                Some(slot) => *slot = (gid, advance),
                None => {
                    sparse.insert(c, (gid, advance));
                }
            }
        }
        if font.units_per_em == 0 {
            return Err(ReportError::Font(
                "the embedded font has no units per em".into(),
            ));
        }
        Ok(FaceMetrics {
            units_per_em: f32::from(font.units_per_em),
            dense,
            sparse,
        })
    }

    fn glyph(&self, c: char) -> Option<(u16, u16)> {
        let found = match self.dense.get(c as usize) {
            Some(&g) => g,
            None => self.sparse.get(&c).copied()?,
        };
        (found.0 != 0).then_some(found)
    }

    pub(crate) fn has(&self, c: char) -> bool {
        self.glyph(c).is_some()
    }

    /// The width of `text` set at `size` points, in points.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                self.glyph(c)
                    .or_else(|| self.glyph(REPLACEMENT))
                    .map_or(0, |g| u32::from(g.1))
            })
            .sum();
        units as f32 * size / self.units_per_em
    }
}

/// Both faces, parsed once per process.
pub(crate) struct Typeface {
    regular: FaceMetrics,
    bold: FaceMetrics,
}

impl Typeface {
    pub(crate) fn face(&self, face: Face) -> &FaceMetrics {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }
}

/// The typeface, parsed on first use (a few milliseconds) and kept.
pub(crate) fn typeface() -> Result<&'static Typeface, ReportError> {
    static TYPEFACE: OnceLock<Result<Typeface, String>> = OnceLock::new();
    TYPEFACE
        .get_or_init(|| {
            Ok(Typeface {
                regular: FaceMetrics::parse(REGULAR_TTF).map_err(|e| e.to_string())?,
                bold: FaceMetrics::parse(BOLD_TTF).map_err(|e| e.to_string())?,
            })
        })
        .as_ref()
        .map_err(|e| ReportError::Font(e.clone()))
}

/// `face` cut down to the glyphs of `chars`, ready for printpdf: the subset keeps a Unicode cmap, so
/// printpdf maps text to the subset's glyph ids, and its name carries the `ABCDEF+` tag that marks a
/// subset font (ISO 32000-1, 9.6.4). The tag is derived from the glyph set, so the same text gives the
/// same font.
pub(crate) fn subset_face(face: Face, chars: &BTreeSet<char>) -> Result<ParsedFont, ReportError> {
    let (bytes, name) = match face {
        Face::Regular => (REGULAR_TTF, REGULAR_NAME),
        Face::Bold => (BOLD_TTF, BOLD_NAME),
    };
    let metrics = typeface()?.face(face);
    // Glyph 0 (.notdef) first, then the used glyphs in order: allsorts numbers the subset's glyphs
    // by their position in this list.
    let used: BTreeMap<u16, char> = chars
        .iter()
        .filter_map(|&c| metrics.glyph(c).map(|g| (g.0, c)))
        .collect();
    let ids: Vec<u16> = std::iter::once(0).chain(used.keys().copied()).collect();

    let scope = ReadScope::new(bytes);
    let font_data = scope
        .read::<FontData<'_>>()
        .map_err(|e| ReportError::Font(format!("the embedded font is unreadable: {e}")))?;
    let provider = font_data
        .table_provider(0)
        .map_err(|e| ReportError::Font(format!("the embedded font is unreadable: {e}")))?;
    let subset_bytes = subset(&provider, &ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| ReportError::Font(format!("the font cannot be subset: {e}")))?;

    let mut warnings = Vec::new();
    let mut font = ParsedFont::from_bytes(&subset_bytes, 0, &mut warnings)
        .ok_or_else(|| ReportError::Font(format!("the font subset is unreadable: {warnings:?}")))?;
    font.font_name = Some(format!("{}+{name}", subset_tag(&ids)));
    Ok(font)
}

/// Six capital letters from the glyph ids.
fn subset_tag(ids: &[u16]) -> String {
    let bytes: Vec<u8> = ids.iter().flat_map(|g| g.to_be_bytes()).collect();
    let digest = protocol::mutation::sha256_hex(&bytes);
    digest
        .bytes()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn face(f: Face) -> &'static FaceMetrics {
        match typeface() {
            Ok(t) => t.face(f),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn every_letter_of_the_three_languages_has_a_glyph() {
        let letters = "ëËçÇčČćĆđĐšŠžŽ\
            АБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШабвгдђежзијклљмнњопрстћуфхцчџш—–’“”€…·→";
        for f in [Face::Regular, Face::Bold] {
            for c in letters.chars() {
                assert!(face(f).has(c), "{f:?} lacks {c}");
            }
            assert!(face(f).has(REPLACEMENT));
        }
    }

    #[test]
    fn widths_follow_the_font_and_scale_with_size() {
        let regular = face(Face::Regular);
        let w = regular.width("MMMM", 10.0);
        assert!((regular.width("MMMM", 20.0) - 2.0 * w).abs() < 1e-3);
        assert!(regular.width("iiii", 10.0) < w / 2.0);
        assert!(face(Face::Bold).width("MMMM", 10.0) > w);
        assert_eq!(regular.width("", 10.0), 0.0);
    }

    #[test]
    fn a_subset_maps_each_used_character_to_its_own_glyph_with_the_same_advance() {
        let chars: BTreeSet<char> = "Zeqiri Đurčić Љиљана 0123".chars().collect();
        let font = match subset_face(Face::Regular, &chars) {
            Ok(f) => f,
            Err(e) => panic!("{e}"),
        };
        assert!(
            font.original_bytes.len() < 40_000,
            "{}",
            font.original_bytes.len()
        );
        let name = font.font_name.clone().unwrap_or_default();
        assert!(name.ends_with("+DejaVuSans") && name.len() == 7 + REGULAR_NAME.len());
        let full = face(Face::Regular);
        let mut gids = BTreeSet::new();
        let distinct = chars.len();
        for c in chars {
            let gid = font.lookup_glyph_index(c as u32);
            assert!(gid.is_some_and(|g| g != 0), "{c} is unmapped in the subset");
            let gid = gid.unwrap_or_default();
            gids.insert(gid);
            let advance = full.glyph(c).map(|g| g.1);
            assert_eq!(font.get_glyph_width(gid), advance, "{c}");
        }
        assert_eq!(gids.len(), distinct);
    }
}

//! The verification QR code as vector squares: each row's dark modules merged into runs, drawn
//! once as a form XObject that every page places (a 300-page report carries the code once).

use qrcode::{Color, EcLevel, QrCode};

use super::error::ReportError;

/// A QR code as horizontal runs of dark modules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QrRuns {
    /// Modules per side, without a quiet zone.
    pub width: usize,
    /// `(row, first column, length)`, rows counted from the top.
    pub runs: Vec<(usize, usize, usize)>,
}

/// Medium error correction: a creased or smudged printout still scans.
pub(crate) fn qr_runs(payload: &str) -> Result<QrRuns, ReportError> {
    let code =
        QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).map_err(|e| {
            ReportError::invalid("verification code", format!("no QR code holds it: {e}"))
        })?;
    let width = code.width();
    let colors = code.to_colors();
    let mut runs = Vec::new();
    for (row, line) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if line[x] == Color::Dark {
                let start = x;
                while x < width && line[x] == Color::Dark {
                    x += 1;
                }
                runs.push((row, start, x - start));
            } else {
                x += 1;
            }
        }
    }
    Ok(QrRuns { width, runs })
}

impl QrRuns {
    /// The form's content stream in module units, origin at the bottom left: one `re` per run and a
    /// single fill.
    pub(crate) fn content_stream(&self) -> Vec<u8> {
        let mut out = String::with_capacity(self.runs.len() * 14 + 8);
        out.push_str("0 g\n");
        for &(row, x, len) in &self.runs {
            let y = self.width - 1 - row;
            out.push_str(&format!("{x} {y} {len} 1 re\n"));
        }
        out.push_str("f\n");
        out.into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runs_cover_exactly_the_dark_modules() {
        let payload = format!("IPKO-DAR:DEMO-PRISHTINA-2026-7K3QZ9:{}", "ab".repeat(32));
        let qr = match qr_runs(&payload) {
            Ok(q) => q,
            Err(e) => panic!("{e}"),
        };
        let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M);
        let Ok(code) = code else { panic!("no code") };
        let mut drawn = vec![false; qr.width * qr.width];
        for &(row, x, len) in &qr.runs {
            assert!(len > 0 && x + len <= qr.width);
            for cell in &mut drawn[row * qr.width + x..row * qr.width + x + len] {
                assert!(!*cell, "runs overlap");
                *cell = true;
            }
        }
        let dark: Vec<bool> = code.to_colors().iter().map(|c| *c == Color::Dark).collect();
        assert_eq!(drawn, dark);
        // Merging pays: fewer runs than dark modules.
        let dark_modules = drawn.iter().filter(|d| **d).count();
        assert!(
            qr.runs.len() * 4 < dark_modules * 3,
            "{} runs for {dark_modules} modules",
            qr.runs.len()
        );
        let stream = String::from_utf8(qr.content_stream()).unwrap_or_default();
        assert_eq!(stream.matches(" re\n").count(), qr.runs.len());
        assert!(stream.ends_with("f\n"));
    }
}

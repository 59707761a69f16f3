//! Whether a drawn signature can stand for the customer's hand: the kiosk's rule, applied to every
//! signed capture and to what the customer's own window hands in. A tap or a flick is refused
//! with a message; the customer signs again.

use protocol::mutation::{Signature, SIGNATURE_SUBPIXELS};

use super::refused;
use crate::error::Result;

/// Fewer points than this is a tap or a flick (the pad keeps every point it sees, about 60 a
/// second of writing).
pub const MIN_POINTS: usize = 20;
/// The pen's path must be at least this share of the pad's width: a signature crosses a good part
/// of the pad, a dot or a tick does not.
pub const MIN_INK_SHARE_OF_WIDTH: f64 = 0.25;

/// Refuses an empty signature (`signature_empty`), one too short to be a signature
/// (`signature_too_short`), and one the pad could not have drawn (`invalid_input`).
pub fn check(signature: &Signature) -> Result<()> {
    if signature.point_count() == 0 {
        return Err(refused(
            "signature_empty",
            "The customer has not signed yet: ask them to sign on the pad.",
        ));
    }
    if let Some(problem) = signature.problem() {
        return Err(refused("invalid_input", problem));
    }
    let ink = ink_length(signature);
    let needed = f64::from(signature.width) * MIN_INK_SHARE_OF_WIDTH;
    if signature.point_count() < MIN_POINTS || ink < needed {
        return Err(refused(
            "signature_too_short",
            "That is too short to be a signature: ask the customer to clear the pad and sign with their usual signature.",
        ));
    }
    Ok(())
}

/// The length of the pen's path, in pad pixels.
fn ink_length(signature: &Signature) -> f64 {
    let scale = f64::from(SIGNATURE_SUBPIXELS);
    signature
        .strokes
        .iter()
        .flat_map(|stroke| stroke.windows(2))
        .map(|pair| {
            let dx = (f64::from(pair[1].x) - f64::from(pair[0].x)) / scale;
            let dy = (f64::from(pair[1].y) - f64::from(pair[0].y)) / scale;
            dx.hypot(dy)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::mutation::SignaturePoint;

    fn line(points: u32, step_px: u32) -> Signature {
        Signature {
            width: 600,
            height: 200,
            strokes: vec![(0..points)
                .map(|i| SignaturePoint {
                    x: 100 + i * step_px * SIGNATURE_SUBPIXELS,
                    y: 1000,
                    t: i * 16,
                    pressure: None,
                })
                .collect()],
        }
    }

    fn code(s: &Signature) -> &'static str {
        check(s).err().map_or("ok", |e| e.code())
    }

    #[test]
    fn a_tap_a_flick_and_nothing_are_refused_a_signature_is_taken() {
        let empty = Signature {
            width: 600,
            height: 200,
            strokes: vec![vec![]],
        };
        assert_eq!(code(&empty), "signature_empty");
        // A tap: a few points on one spot.
        assert_eq!(code(&line(5, 0)), "signature_too_short");
        // Many points, hardly any ink (a held finger).
        assert_eq!(code(&line(60, 1)), "signature_too_short");
        // A quick flick: long enough, too few points.
        assert_eq!(code(&line(8, 30)), "signature_too_short");
        // Across a third of the pad in 50 points.
        assert_eq!(code(&line(50, 4)), "ok");
        let mut off_pad = line(50, 4);
        off_pad.width = 10;
        assert_eq!(code(&off_pad), "invalid_input");
    }
}

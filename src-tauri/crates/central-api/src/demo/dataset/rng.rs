//! A tiny seeded generator (SplitMix64) for the demo data.
//!
//! Hand-written rather than `rand::rngs::StdRng`: `rand` documents that `StdRng`'s output may change
//! between its versions, and the demo customers must stay the same across builds and days because the
//! README, screenshots and tests quote them.

/// SplitMix64 (Steele, Lea and Flood, 2014): small, fast and good enough for invented data.
#[derive(Debug, Clone)]
pub(super) struct Rng {
    state: u64,
}

impl Rng {
    /// An independent stream for one part of the dataset (one customer, one table), so that changing
    /// how one customer is drawn does not reshuffle all the others.
    pub(super) fn stream(seed: u64, part: u64) -> Rng {
        let mut mixer = Rng {
            state: seed ^ part.wrapping_mul(0xA076_1D64_78BD_642F),
        };
        Rng {
            state: mixer.next_u64(),
        }
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`; 0 when `n` is 0.
    pub(super) fn below(&mut self, n: u64) -> u64 {
        // Lemire's multiply-shift: no modulo bias worth speaking of, and no loop.
        let wide = u128::from(self.next_u64()) * u128::from(n);
        u64::try_from(wide >> 64).unwrap_or(0)
    }

    /// Uniform in `lo..=hi` (`lo` when the range is empty).
    pub(super) fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi.saturating_sub(lo).saturating_add(1))
    }

    pub(super) fn range_i64(&mut self, lo: i64, hi: i64) -> i64 {
        let span = u64::try_from(hi.saturating_sub(lo)).unwrap_or(0);
        lo.saturating_add(i64::try_from(self.range(0, span)).unwrap_or(0))
    }

    pub(super) fn range_u32(&mut self, lo: u32, hi: u32) -> u32 {
        u32::try_from(self.range(u64::from(lo), u64::from(hi))).unwrap_or(lo)
    }

    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// Uniform in `0.0..1.0`.
    pub(super) fn unit(&mut self) -> f64 {
        // 53 random bits fill an f64's mantissa exactly.
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(super) fn index(&mut self, len: usize) -> usize {
        usize::try_from(self.below(len as u64)).unwrap_or(0)
    }

    /// One item of a table; the default value only for an empty table, which the tables never are.
    pub(super) fn pick<T: Copy + Default>(&mut self, items: &[T]) -> T {
        items
            .get(self.index(items.len()))
            .copied()
            .unwrap_or_default()
    }

    /// An index into `weights`, each drawn in proportion to its weight.
    pub(super) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
        let mut roll = self.below(total);
        for (i, w) in weights.iter().enumerate() {
            let w = u64::from(*w);
            if roll < w {
                return i;
            }
            roll -= w;
        }
        0
    }

    /// `n` decimal digits.
    pub(super) fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + u8::try_from(self.below(10)).unwrap_or(0)))
            .collect()
    }

    /// `n` characters of `alphabet` (ASCII).
    pub(super) fn chars(&mut self, alphabet: &str, n: usize) -> String {
        let bytes = alphabet.as_bytes();
        (0..n).map(|_| char::from(self.pick(bytes))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_repeat_and_differ() {
        let a: Vec<u64> = (0..5).map(|_| Rng::stream(7, 1).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]), "same seed, same start");
        let mut s1 = Rng::stream(7, 1);
        let mut s2 = Rng::stream(7, 2);
        assert_ne!(s1.next_u64(), s2.next_u64());
    }

    #[test]
    fn ranges_stay_inside_their_bounds() {
        let mut rng = Rng::stream(1, 1);
        let mut seen = [false; 5];
        for _ in 0..1000 {
            let v = rng.range(10, 14);
            assert!((10..=14).contains(&v));
            seen[usize::try_from(v - 10).unwrap_or(0)] = true;
            let u = rng.unit();
            assert!((0.0..1.0).contains(&u));
        }
        assert!(
            seen.iter().all(|s| *s),
            "every value of a small range shows up"
        );
        assert_eq!(rng.below(0), 0);
        assert_eq!(rng.range(3, 2), 3);
        assert_eq!(rng.weighted(&[0, 5, 0]), 1);
    }
}

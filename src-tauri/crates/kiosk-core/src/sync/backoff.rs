//! When to try again: full-jitter exponential backoff with a cap, `Retry-After` as a floor, and the
//! random delay before the first push after connectivity returns. Pure functions of their inputs
//! (the random source is a parameter), so they are tested without clocks.

use std::time::Duration;

use chrono::{DateTime, Utc};
use rand::Rng;

/// The ceiling of the `failures`-th wait: `base × 2^(failures − 1)`, at most `cap`.
pub fn backoff_ceiling(failures: u32, base: Duration, cap: Duration) -> Duration {
    let exponent = failures.saturating_sub(1).min(30);
    base.saturating_mul(1u32 << exponent).min(cap)
}

/// "Full jitter" (AWS architecture blog, *Exponential Backoff and Jitter*): a uniformly random wait
/// between zero and [`backoff_ceiling`], so that kiosks that failed together do not retry together.
pub fn full_jitter<R: Rng + ?Sized>(
    failures: u32,
    base: Duration,
    cap: Duration,
    rng: &mut R,
) -> Duration {
    uniform(backoff_ceiling(failures, base, cap), rng)
}

/// How long to wait after the `failures`-th failure in a row. A `Retry-After` from the server wins:
/// the wait is never shorter than it (even above `cap`: the server knows its load), plus up to a
/// quarter of it at random so that a crowd told "1 second" does not come back in the same
/// millisecond. Without one, full jitter.
pub fn retry_delay<R: Rng + ?Sized>(
    failures: u32,
    retry_after: Option<Duration>,
    base: Duration,
    cap: Duration,
    rng: &mut R,
) -> Duration {
    match retry_after {
        Some(floor) => floor + uniform(floor / 4, rng),
        None => full_jitter(failures, base, cap, rng),
    }
}

/// The random delay before the first push after connectivity returns, between zero and `max`.
pub fn reconnect_delay<R: Rng + ?Sized>(max: Duration, rng: &mut R) -> Duration {
    uniform(max, rng)
}

fn uniform<R: Rng + ?Sized>(max: Duration, rng: &mut R) -> Duration {
    let max_ms = u64::try_from(max.as_millis()).unwrap_or(u64::MAX);
    if max_ms == 0 {
        return Duration::ZERO;
    }
    Duration::from_millis(rng.gen_range(0..=max_ms))
}

/// Reads a `Retry-After` header: delta-seconds (`"120"`) or an HTTP date, which counts from `now`
/// (a date in the past means "now"). Anything else is ignored. Absurd values are limited to a day.
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    const MAX: Duration = Duration::from_secs(24 * 3600);
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds).min(MAX));
    }
    let at = DateTime::parse_from_rfc2822(value)
        .ok()?
        .with_timezone(&Utc);
    Some((at - now).to_std().unwrap_or(Duration::ZERO).min(MAX))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    const BASE: Duration = Duration::from_secs(1);
    const CAP: Duration = Duration::from_secs(300);

    #[test]
    fn the_ceiling_doubles_from_the_base_and_stops_at_the_cap() {
        let secs = |n| backoff_ceiling(n, BASE, CAP).as_secs();
        assert_eq!(secs(0), 1);
        assert_eq!(secs(1), 1);
        assert_eq!(secs(2), 2);
        assert_eq!(secs(3), 4);
        assert_eq!(secs(9), 256);
        assert_eq!(secs(10), 300);
        assert_eq!(secs(u32::MAX), 300);
    }

    #[test]
    fn full_jitter_stays_under_the_ceiling_and_spreads_out() {
        let mut rng = StdRng::seed_from_u64(7);
        let waits: Vec<Duration> = (0..1000)
            .map(|_| full_jitter(6, BASE, CAP, &mut rng))
            .collect();
        assert!(waits.iter().all(|w| *w <= Duration::from_secs(32)));
        let min = waits.iter().min().copied().unwrap_or_default();
        let max = waits.iter().max().copied().unwrap_or_default();
        // Spread over the whole range, not bunched: that is what breaks the lockstep.
        assert!(min < Duration::from_secs(2), "{min:?}");
        assert!(max > Duration::from_secs(30), "{max:?}");
    }

    #[test]
    fn retry_after_is_a_floor_even_above_the_cap() {
        let mut rng = StdRng::seed_from_u64(1);
        for _ in 0..200 {
            let wait = retry_delay(1, Some(Duration::from_secs(4)), BASE, CAP, &mut rng);
            assert!(wait >= Duration::from_secs(4) && wait <= Duration::from_secs(5));
            let long = retry_delay(1, Some(Duration::from_secs(600)), BASE, CAP, &mut rng);
            assert!(long >= Duration::from_secs(600));
            let plain = retry_delay(1, None, BASE, CAP, &mut rng);
            assert!(plain <= BASE);
        }
    }

    #[test]
    fn the_reconnect_delay_is_random_within_its_window() {
        let mut rng = StdRng::seed_from_u64(3);
        let max = Duration::from_secs(30);
        let waits: Vec<_> = (0..500).map(|_| reconnect_delay(max, &mut rng)).collect();
        assert!(waits.iter().all(|w| *w <= max));
        let distinct: std::collections::HashSet<_> = waits.iter().collect();
        assert!(distinct.len() > 400);
        assert_eq!(reconnect_delay(Duration::ZERO, &mut rng), Duration::ZERO);
    }

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default();
        assert_eq!(parse_retry_after("1", now), Some(Duration::from_secs(1)));
        assert_eq!(
            parse_retry_after(" 120 ", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Sun, 22 Nov 2026 10:00:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Sun, 22 Nov 2026 09:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(
            parse_retry_after("99999999", now),
            Some(Duration::from_secs(86_400))
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-3", now), None);
    }
}

//! Times are stored in UTC and shown in the stores' time zone, Europe/Belgrade (Kosovo's civil time).

use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use chrono_tz::Tz;

use crate::error::{Error, Result};

/// The time zone every screen, printout and `kioskctl` line shows.
pub const DISPLAY_TZ: Tz = chrono_tz::Europe::Belgrade;

/// Now, to the microsecond: stored times are written with six decimals, so a time read back from the
/// database equals the one that was written (and hashes the same).
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// Fixed width, so that SQLite's text ordering is time ordering.
pub(crate) fn to_db(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub(crate) fn from_db(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| Error::corrupt(format!("time {text:?}"), e))
}

/// The calendar day of `at` in the stores' time zone.
pub fn local_date(at: DateTime<Utc>) -> chrono::NaiveDate {
    at.with_timezone(&DISPLAY_TZ).date_naive()
}

/// Today in the stores' time zone: what document expiry and ages are checked against.
pub fn today() -> chrono::NaiveDate {
    local_date(now())
}

/// `2026-05-01 14:03:07 CEST`.
pub fn format_local(at: DateTime<Utc>) -> String {
    at.with_timezone(&DISPLAY_TZ)
        .format("%Y-%m-%d %H:%M:%S %Z")
        .to_string()
}

/// A duration as a person says it, to the two largest units: "3 days 4 hours", "5 minutes",
/// "less than a minute".
pub fn describe_duration(seconds: i64) -> String {
    let seconds = seconds.max(0);
    let amounts = [
        (seconds / 86_400, "day"),
        (seconds % 86_400 / 3_600, "hour"),
        (seconds % 3_600 / 60, "minute"),
    ];
    let Some(first) = amounts.iter().position(|(n, _)| *n > 0) else {
        return "less than a minute".to_owned();
    };
    amounts[first..]
        .iter()
        .take(2)
        .take_while(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n} {unit}{}", if *n == 1 { "" } else { "s" }))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_times_round_trip_exactly() {
        let t = now();
        assert_eq!(from_db(&to_db(t)).ok(), Some(t));
        assert!(from_db("yesterday").is_err());
    }

    #[test]
    fn durations_read_like_speech() {
        assert_eq!(describe_duration(-5), "less than a minute");
        assert_eq!(describe_duration(59), "less than a minute");
        assert_eq!(describe_duration(60), "1 minute");
        assert_eq!(
            describe_duration(2 * 3600 + 5 * 60 + 9),
            "2 hours 5 minutes"
        );
        assert_eq!(
            describe_duration(3 * 86_400 + 4 * 3600 + 59),
            "3 days 4 hours"
        );
        // A zero middle unit ends the phrase rather than skipping to a smaller one.
        assert_eq!(describe_duration(86_400 + 30 * 60), "1 day");
    }

    #[test]
    fn local_times_are_shown_in_belgrade_time() {
        let summer = DateTime::parse_from_rfc3339("2026-07-01T10:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .ok();
        assert_eq!(
            summer.map(format_local).as_deref(),
            Some("2026-07-01 12:00:00 CEST")
        );
    }
}

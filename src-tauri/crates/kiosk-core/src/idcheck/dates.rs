//! Dates of a zone (`YYMMDD`) with the right century, and the validity of a document on a day.
//!
//! Century rules: a date of birth is never in the future, so `YY` is the latest year ending in
//! `YY` that puts the date on or before today (a birth date of today's `YY` but a later month is a
//! century back). An expiry date is taken in the 100-year window that starts 50 years before today
//! (the expiry dates of 1980 and 2070 both read right in 2026).

use chrono::{Datelike, Months, NaiveDate};

use super::{Field, IdCheckError};

/// Reads `YYMMDD` as year-in-century, month and day (`None` when not six digits).
fn split(yymmdd: &str) -> Option<(i32, u32, u32)> {
    if yymmdd.len() != 6 || !yymmdd.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| yymmdd.get(r).and_then(|s| s.parse::<u32>().ok());
    Some((i32::try_from(n(0..2)?).ok()?, n(2..4)?, n(4..6)?))
}

/// A date of birth: the latest century that does not put it after `today`.
pub fn birth_date(yymmdd: &str, today: NaiveDate) -> Option<NaiveDate> {
    let (yy, m, d) = split(yymmdd)?;
    let century = today.year() - today.year().rem_euclid(100);
    [century, century - 100]
        .iter()
        .filter_map(|c| NaiveDate::from_ymd_opt(c + yy, m, d))
        .find(|date| *date <= today)
}

/// An expiry date, in the window from 50 years before `today` to 50 years after.
pub fn expiry_date(yymmdd: &str, today: NaiveDate) -> Option<NaiveDate> {
    let (yy, m, d) = split(yymmdd)?;
    let century = today.year() - today.year().rem_euclid(100);
    let year = [century - 100, century, century + 100]
        .into_iter()
        .map(|c| c + yy)
        .find(|y| (today.year() - 50..today.year() + 50).contains(y))?;
    NaiveDate::from_ymd_opt(year, m, d)
}

/// Whether a `YYMMDD` value is a date at all (any century).
pub fn is_calendar_date(yymmdd: &str) -> bool {
    split(yymmdd).is_some_and(|(yy, m, d)| NaiveDate::from_ymd_opt(2000 + yy, m, d).is_some())
}

/// A document is valid through its expiry day, and no expiry lies further ahead than any document
/// is issued for.
pub fn check_expiry(
    expires_on: NaiveDate,
    today: NaiveDate,
    max_validity_years: u32,
) -> Result<(), IdCheckError> {
    if expires_on < today {
        return Err(IdCheckError::DocumentExpired {
            expired_on: expires_on,
        });
    }
    let latest = today.checked_add_months(Months::new(max_validity_years.saturating_mul(12)));
    if latest.is_some_and(|latest| expires_on > latest) {
        return Err(IdCheckError::ExpiryImplausible {
            expires_on,
            max_years: max_validity_years,
        });
    }
    Ok(())
}

/// An issue date (typed by hand; zones carry none) must not be after today.
pub fn check_issued(issued_on: NaiveDate, today: NaiveDate) -> Result<(), IdCheckError> {
    if issued_on > today {
        return Err(IdCheckError::DocumentNotYetValid {
            valid_from: issued_on,
        });
    }
    Ok(())
}

/// A date of birth must not be after today.
pub fn check_birth(born_on: NaiveDate, today: NaiveDate) -> Result<(), IdCheckError> {
    if born_on > today {
        return Err(IdCheckError::BirthDateInFuture { born_on });
    }
    Ok(())
}

/// Age in whole years on `today`.
pub fn age_on(born_on: NaiveDate, today: NaiveDate) -> u32 {
    today.years_since(born_on).unwrap_or(0)
}

/// An unreadable date of `field`, as an error.
pub(crate) fn invalid(field: Field, value: &str) -> IdCheckError {
    IdCheckError::InvalidDate {
        field,
        value: value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn birth_dates_are_always_in_the_past() {
        let today = d(2026, 11, 22);
        assert_eq!(birth_date("740812", today), Some(d(1974, 8, 12)));
        assert_eq!(birth_date("100101", today), Some(d(2010, 1, 1)));
        assert_eq!(birth_date("261122", today), Some(d(2026, 11, 22)));
        // Later this year: last century.
        assert_eq!(birth_date("261123", today), Some(d(1926, 11, 23)));
        assert_eq!(birth_date("300101", today), Some(d(1930, 1, 1)));
        assert_eq!(birth_date("001301", today), None);
        assert_eq!(birth_date("74O812", today), None);
        // 29 February exists only in leap years: 2000 is one, 1900 was not.
        assert_eq!(birth_date("000229", today), Some(d(2000, 2, 29)));
        assert_eq!(birth_date("000229", d(1999, 1, 1)), None);
    }

    #[test]
    fn expiry_dates_fall_in_the_window_around_today() {
        let today = d(2026, 11, 22);
        assert_eq!(expiry_date("120415", today), Some(d(2012, 4, 15)));
        assert_eq!(expiry_date("360101", today), Some(d(2036, 1, 1)));
        assert_eq!(expiry_date("750101", today), Some(d2(2075)));
        assert_eq!(expiry_date("800101", today), Some(d(1980, 1, 1)));
        assert_eq!(expiry_date("991231", d(2099, 6, 1)), Some(d(2099, 12, 31)));
        assert_eq!(expiry_date("010101", d(2099, 6, 1)), Some(d(2101, 1, 1)));
        assert_eq!(expiry_date("123456", today), None);
    }

    fn d2(y: i32) -> NaiveDate {
        d(y, 1, 1)
    }

    #[test]
    fn a_document_is_valid_through_its_expiry_day_and_not_beyond_its_longest_validity() {
        let today = d(2026, 11, 22);
        assert_eq!(check_expiry(today, today, 11), Ok(()));
        assert_eq!(
            check_expiry(d(2026, 11, 21), today, 11),
            Err(IdCheckError::DocumentExpired {
                expired_on: d(2026, 11, 21)
            })
        );
        assert_eq!(check_expiry(d(2037, 11, 22), today, 11), Ok(()));
        assert_eq!(
            check_expiry(d(2037, 11, 23), today, 11),
            Err(IdCheckError::ExpiryImplausible {
                expires_on: d(2037, 11, 23),
                max_years: 11
            })
        );
        assert_eq!(check_issued(today, today), Ok(()));
        assert!(check_issued(d(2026, 11, 23), today).is_err());
        assert!(check_birth(d(2026, 11, 23), today).is_err());
        assert_eq!(age_on(d(2010, 11, 23), today), 15);
        assert_eq!(age_on(d(2010, 11, 22), today), 16);
    }
}

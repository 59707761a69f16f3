//! Traffic records: calls, messages (without content) and data sessions, with the cell each went
//! through. One customer gets a full year of a busy life; the others a handful of rows.

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, TimeDelta, Utc, Weekday};
use protocol::api::{TrafficKind, TrafficRecord};

use super::ids;
use super::names::{Town, FERIZAJ, GJAKOVE, GJILAN, MITROVICE, PEJE, PRIZREN};
use super::rng::Rng;

/// The traffic a report may show: "in case of submission of traffic and location data the data are
/// stored for a maximum period of 12 months."
pub(super) fn window(as_of: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = as_of
        .checked_sub_months(Months::new(12))
        .unwrap_or(as_of - TimeDelta::days(365));
    (start, as_of)
}

/// How busy each local hour is, midnight first: people call and text in the day and stream in the
/// evening.
const CALL_HOURS: [u32; 24] = [
    1, 1, 0, 0, 0, 0, 1, 3, 6, 8, 9, 9, 9, 9, 9, 9, 9, 9, 8, 8, 7, 6, 4, 2,
];
const DATA_HOURS: [u32; 24] = [
    3, 2, 1, 1, 1, 1, 2, 4, 5, 5, 5, 5, 6, 6, 5, 5, 5, 6, 7, 8, 9, 9, 8, 5,
];

/// Kosovo keeps Central European Time with EU summer time (last Sunday of March to last Sunday of
/// October), so the hours people live by are one or two hours ahead of UTC.
pub(super) fn utc_offset_hours(date: NaiveDate) -> i64 {
    let last_sunday = |month: u32| {
        let first_of_next = NaiveDate::from_ymd_opt(date.year(), month + 1, 1);
        first_of_next
            .and_then(|d| d.checked_sub_days(Days::new(1)))
            .map(|last| {
                let back = u64::from(last.weekday().num_days_from_sunday());
                last.checked_sub_days(Days::new(back)).unwrap_or(last)
            })
    };
    match (last_sunday(3), last_sunday(10)) {
        (Some(start), Some(end)) if date >= start && date < end => 2,
        _ => 1,
    }
}

/// A moment on a local `day` at an hour drawn from `hours`, in UTC.
fn moment(rng: &mut Rng, day: NaiveDate, hours: &[u32; 24]) -> (DateTime<Utc>, u32) {
    let hour = u32::try_from(rng.weighted(hours)).unwrap_or(12);
    let local = day.and_hms_opt(hour, rng.range_u32(0, 59), rng.range_u32(0, 59));
    let local = local.unwrap_or_else(|| day.and_time(chrono::NaiveTime::MIN));
    let utc = local.and_utc() - TimeDelta::hours(utc_offset_hours(day));
    (utc, hour)
}

/// The people someone calls and texts, most frequent first.
fn circle(rng: &mut Rng, size: usize) -> Vec<String> {
    (0..size)
        .map(|i| {
            if i % 9 == 8 {
                // A landline now and then: family home, the dentist.
                format!("+38338{}", rng.digits(6))
            } else {
                ids::msisdn(rng, &["44", "45", "49", "49"])
            }
        })
        .collect()
}

fn counterpart(rng: &mut Rng, circle: &[String]) -> String {
    if circle.is_empty() || rng.chance(10) {
        return ids::msisdn(rng, &["44", "45", "49"]);
    }
    // Squaring a uniform draw favours the front of the list: a few people get most of the calls.
    let u = rng.unit();
    let i = ((u * u) * circle.len() as f64) as usize;
    circle.get(i).cloned().unwrap_or_default()
}

fn record(
    rng: &mut Rng,
    kind: TrafficKind,
    started_at: DateTime<Utc>,
    msisdn: &str,
    circle: &[String],
    cell_location: String,
) -> TrafficRecord {
    let (counterpart, duration_seconds, volume_kb) = match kind {
        TrafficKind::CallOut | TrafficKind::CallIn => {
            // Most calls are short, a few run long: 8 s to 25 min, skewed short.
            let seconds = 8.0 * 190f64.powf(rng.unit() * rng.unit().sqrt());
            (Some(counterpart(rng, circle)), Some(seconds as u32), None)
        }
        TrafficKind::SmsOut | TrafficKind::SmsIn => (Some(counterpart(rng, circle)), None, None),
        TrafficKind::Data => {
            let seconds = rng.range(20, 3600);
            let kb_per_second = 2.0 * 150f64.powf(rng.unit());
            (
                None,
                u32::try_from(seconds).ok(),
                Some((seconds as f64 * kb_per_second) as u64),
            )
        }
    };
    TrafficRecord {
        started_at,
        kind,
        msisdn: msisdn.to_owned(),
        counterpart,
        duration_seconds,
        volume_kb,
        cell_location: Some(cell_location),
    }
}

fn days_of(window: (DateTime<Utc>, DateTime<Utc>)) -> impl Iterator<Item = NaiveDate> {
    let (start, end) = window;
    start
        .date_naive()
        .iter_days()
        .take_while(move |d| *d <= end.date_naive())
}

fn keep_inside(
    mut rows: Vec<TrafficRecord>,
    window: (DateTime<Utc>, DateTime<Utc>),
) -> Vec<TrafficRecord> {
    let (start, end) = window;
    rows.retain(|r| r.started_at >= start && r.started_at < end);
    rows.sort_by_key(|r| r.started_at);
    rows
}

/// A year in the life of a sales agent who works in the centre of the home town and drives to clients
/// across Kosovo: about sixty rows a day, every kind of traffic.
pub(super) fn busy_year(
    rng: &mut Rng,
    msisdn: &str,
    home: &Town,
    home_cell: usize,
    as_of: DateTime<Utc>,
) -> Vec<TrafficRecord> {
    const OFFICE: usize = 0; // every town's first cell is its centre
    let trips = [PRIZREN, PEJE, GJAKOVE, MITROVICE, FERIZAJ, GJILAN];
    let circle = circle(rng, 45);
    let window = window(as_of);
    let mut rows = Vec::with_capacity(23_000);
    for day in days_of(window) {
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let trip: Option<Town> = if rng.chance(if weekend { 10 } else { 9 }) {
            Some(rng.pick(&trips))
        } else {
            None
        };
        let counts: [(TrafficKind, u64, u64); 5] = if weekend {
            [
                (TrafficKind::CallOut, 2, 6),
                (TrafficKind::CallIn, 2, 6),
                (TrafficKind::SmsOut, 2, 6),
                (TrafficKind::SmsIn, 3, 8),
                (TrafficKind::Data, 30, 44),
            ]
        } else {
            [
                (TrafficKind::CallOut, 7, 13),
                (TrafficKind::CallIn, 5, 10),
                (TrafficKind::SmsOut, 3, 7),
                (TrafficKind::SmsIn, 3, 8),
                (TrafficKind::Data, 26, 38),
            ]
        };
        for (kind, lo, hi) in counts {
            for _ in 0..rng.range(lo, hi) {
                let hours = if kind == TrafficKind::Data {
                    &DATA_HOURS
                } else {
                    &CALL_HOURS
                };
                let (at, hour) = moment(rng, day, hours);
                let daytime = (9..=17).contains(&hour);
                let cell = match trip {
                    Some(town) if daytime || (weekend && (10..=20).contains(&hour)) => {
                        town.cell_location(rng.index(town.cells.len()))
                    }
                    _ if daytime && !weekend && rng.chance(85) => home.cell_location(OFFICE),
                    // Nights are spent at home; evenings and weekends now and then elsewhere in town.
                    _ if hour < 7 || rng.chance(80) => home.cell_location(home_cell),
                    _ => home.cell_location(rng.index(home.cells.len())),
                };
                rows.push(record(rng, kind, at, msisdn, &circle, cell));
            }
        }
    }
    keep_inside(rows, window)
}

/// `count` rows spread over the year, around the customer's home town.
pub(super) fn light(
    rng: &mut Rng,
    msisdn: &str,
    home: &Town,
    home_cell: usize,
    count: usize,
    as_of: DateTime<Utc>,
) -> Vec<TrafficRecord> {
    let window = window(as_of);
    let days: Vec<NaiveDate> = days_of(window).collect();
    let circle = circle(rng, 8);
    let kinds = [
        TrafficKind::CallOut,
        TrafficKind::CallIn,
        TrafficKind::SmsOut,
        TrafficKind::SmsIn,
        TrafficKind::Data,
    ];
    let mut rows = Vec::with_capacity(count);
    for _ in 0..count {
        let kind = kinds
            .get(rng.weighted(&[20, 20, 10, 15, 35]))
            .copied()
            .unwrap_or(TrafficKind::Data);
        let day = rng.pick(&days);
        let hours = if kind == TrafficKind::Data {
            &DATA_HOURS
        } else {
            &CALL_HOURS
        };
        let (at, _) = moment(rng, day, hours);
        let cell = if rng.chance(75) {
            home.cell_location(home_cell)
        } else {
            home.cell_location(rng.index(home.cells.len()))
        };
        rows.push(record(rng, kind, at, msisdn, &circle, cell));
    }
    keep_inside(rows, window)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summer_time_follows_the_eu_rule() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        // 2026: summer time from Sunday 29 March to Sunday 25 October.
        assert_eq!(utc_offset_hours(date(2026, 3, 28)), 1);
        assert_eq!(utc_offset_hours(date(2026, 3, 29)), 2);
        assert_eq!(utc_offset_hours(date(2026, 10, 24)), 2);
        assert_eq!(utc_offset_hours(date(2026, 10, 25)), 1);
        assert_eq!(utc_offset_hours(date(2026, 1, 15)), 1);
    }
}

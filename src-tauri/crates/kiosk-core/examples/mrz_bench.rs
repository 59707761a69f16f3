//! Benchmark of MRZ parsing, printed as figures (not a timed test): the time to parse and check one
//! machine-readable zone of each format (every check digit, dates, codes, misread hints), against
//! a baseline measured in the same run on the same input: the ICAO check digit of every line, the
//! cheapest work any MRZ reader must do. Ratios, not absolute times, are what to compare between
//! machines.
//!
//! `cargo run --release -p kiosk-core --example mrz_bench [-- ROUNDS]` (default 200000).

use std::hint::black_box;
use std::time::Instant;

use chrono::NaiveDate;
use kiosk_core::idcheck::{check_digit, parse_mrz};

/// The ICAO 9303 specimens (fictional state UTO), read as a keyboard-wedge scanner types them.
const ZONES: [(&str, &str); 3] = [
    (
        "TD1 (ID card)",
        "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<\n",
    ),
    (
        "TD2",
        "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6\n",
    ),
    (
        "TD3 (passport)",
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n",
    ),
];

fn main() {
    let rounds: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200_000);
    // A day on which the specimens are valid, so that the whole path runs, not an early refusal.
    let Some(today) = NaiveDate::from_ymd_opt(2010, 6, 1) else {
        return;
    };
    println!("mrz_bench: {rounds} rounds per figure");
    for (name, zone) in ZONES {
        match parse_mrz(zone, today) {
            Ok(report) if report.valid => {}
            other => {
                eprintln!("mrz_bench: the {name} specimen does not parse as valid: {other:?}");
                std::process::exit(1);
            }
        }
        let started = Instant::now();
        for _ in 0..rounds {
            black_box(parse_mrz(black_box(zone), today).ok());
        }
        let parse = started.elapsed().as_secs_f64() / f64::from(rounds);

        let started = Instant::now();
        for _ in 0..rounds {
            for line in black_box(zone).lines() {
                black_box(check_digit(line));
            }
        }
        let baseline = started.elapsed().as_secs_f64() / f64::from(rounds);
        println!(
            "{name}: parse and check {:.2} µs per zone ({:.0} zones/s); baseline (check digit of every line) {:.3} µs; ratio {:.1}×",
            parse * 1e6,
            1.0 / parse,
            baseline * 1e6,
            parse / baseline
        );
    }
}

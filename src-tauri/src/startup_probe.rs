//! `IPKO_KIOSK_STARTUP_PROBE=1`: one line on standard error when the first screen asks who is at
//! the counter (the sign-in screen is drawn from that answer), for the start-up benchmark
//! (tests/bench/startup.sh), which times it against an empty Tauri window.

use std::sync::atomic::{AtomicBool, Ordering};

pub const PROBE_ENV: &str = "IPKO_KIOSK_STARTUP_PROBE";
pub const PROBE_LINE: &str = "startup-probe: first screen";

static SAID: AtomicBool = AtomicBool::new(false);

pub fn first_screen() {
    if std::env::var_os(PROBE_ENV).is_some() && !SAID.swap(true, Ordering::SeqCst) {
        eprintln!("{PROBE_LINE}");
    }
}

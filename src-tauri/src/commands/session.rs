//! Sign-in, lock and sign-out at the counter (kiosk_core::counter).

use kiosk_core::counter::{CounterView, LockReason};
use tauri::State;

use crate::error::CommandError;
use crate::kiosk::Kiosk;

/// Who is at the counter; also locks the screen first if the clerk has been idle too long, so the
/// UI's timer only has to ask.
#[tauri::command]
pub fn counter_view(kiosk: State<'_, Kiosk>) -> Result<CounterView, CommandError> {
    crate::startup_probe::first_screen();
    kiosk.with_counter(|store, counter| {
        counter.lock_if_idle(store, kiosk_core::time::now())?;
        Ok(counter.view())
    })
}

#[tauri::command]
pub fn sign_in(
    kiosk: State<'_, Kiosk>,
    staff_id: String,
    pin: String,
) -> Result<CounterView, CommandError> {
    kiosk.with_counter(|store, counter| {
        counter.sign_in(store, &staff_id, &pin, kiosk_core::time::now())?;
        Ok(counter.view())
    })
}

#[tauri::command]
pub fn lock_screen(kiosk: State<'_, Kiosk>) -> Result<CounterView, CommandError> {
    kiosk.with_counter(|store, counter| {
        counter.lock(store, LockReason::ByClerk)?;
        Ok(counter.view())
    })
}

#[tauri::command]
pub fn sign_out(kiosk: State<'_, Kiosk>) -> Result<CounterView, CommandError> {
    kiosk.with_counter(|store, counter| {
        counter.sign_out(store, false)?;
        Ok(counter.view())
    })
}

//! The status bar: online or offline since when, the queue and its oldest change's age; and demo
//! mode's outage switch.

use kiosk_core::store::QueueStatus;
use kiosk_core::sync::SyncStatus;
use serde::Serialize;
use tauri::State;

use crate::error::CommandError;
use crate::kiosk::Kiosk;

#[derive(Debug, Clone, Serialize)]
pub struct KioskStatus {
    /// Read now, so that a change just captured shows at once.
    pub queue: QueueStatus,
    /// `None` until the kiosk is enrolled (the worker starts with the enrolment).
    pub sync: Option<SyncStatus>,
    pub demo: bool,
}

#[tauri::command]
pub fn kiosk_status(kiosk: State<'_, Kiosk>) -> Result<KioskStatus, CommandError> {
    let queue = kiosk.with_counter(|store, _| Ok(store.queue_status()?))?;
    Ok(KioskStatus {
        queue,
        sync: kiosk.sync_status(),
        demo: kiosk.is_demo(),
    })
}

#[tauri::command]
pub fn simulate_outage(kiosk: State<'_, Kiosk>, on: bool) -> Result<(), CommandError> {
    kiosk.simulate_outage(on)
}

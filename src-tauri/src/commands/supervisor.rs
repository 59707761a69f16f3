//! A supervisor's review list of changes the central API rejected or found in conflict, their
//! retry, and the export for support (kiosk_core::store::review, kiosk_core::support). The role is
//! checked here, in Rust, not only by hiding the buttons.

use kiosk_core::store::{OutboxRow, RetriedChange};
use kiosk_core::support::ExportSummary;
use tauri::State;

use crate::error::CommandError;
use crate::kiosk::Kiosk;

#[tauri::command]
pub fn review_list(kiosk: State<'_, Kiosk>) -> Result<Vec<OutboxRow>, CommandError> {
    kiosk.with_counter(|store, counter| {
        counter.supervisor(store, kiosk_core::time::now())?;
        Ok(store.review_rows()?)
    })
}

/// Queues a reviewed change again; a conflicting one only with `rebase` (on the record as the
/// central API reported it).
#[tauri::command]
pub fn retry_change(
    kiosk: State<'_, Kiosk>,
    seq: u64,
    rebase: bool,
) -> Result<RetriedChange, CommandError> {
    kiosk.with_counter(|store, counter| {
        let who = counter.supervisor(store, kiosk_core::time::now())?;
        Ok(store.retry_change(seq, Some(&who.staff_id), rebase)?)
    })
}

/// Writes the queue export into the data folder's `exports` folder, for store IT to collect.
#[tauri::command]
pub fn export_queue(kiosk: State<'_, Kiosk>) -> Result<ExportSummary, CommandError> {
    let dir = kiosk.exports_dir();
    kiosk.with_counter(|store, counter| {
        let now = kiosk_core::time::now();
        let who = counter.supervisor(store, now)?;
        Ok(kiosk_core::support::export_queue(store, &who, &dir, now)?)
    })
}

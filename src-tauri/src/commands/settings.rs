//! The settings screen (a supervisor's) and the first-run enrolment of a new kiosk.

use kiosk_core::config::Config;
use kiosk_core::print::{Cups, PrinterInfo};
use protocol::Lang;
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::error::CommandError;
use crate::kiosk::Kiosk;

/// The settings file and what the screen offers to change.
#[derive(Debug, Clone, Serialize)]
pub struct SettingsView {
    pub path: String,
    pub central_url: Option<String>,
    pub store_code: Option<String>,
    pub printer: Option<String>,
    pub idle_lock_minutes: u32,
    pub idle_lock_range: [u32; 2],
    pub language: Lang,
    /// The computer's printers; empty with `printers_problem` when CUPS cannot be asked.
    pub printers: Vec<PrinterInfo>,
    pub printers_problem: Option<CommandError>,
    /// The enrolment, when there is one.
    pub enrolment: Option<EnrolmentView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EnrolmentView {
    pub store_code: String,
    pub store_name: String,
    pub device_name: String,
    pub central_url: String,
}

fn enrolment_view(e: kiosk_core::store::Enrolment) -> EnrolmentView {
    EnrolmentView {
        store_code: e.store_code,
        store_name: e.store_name,
        device_name: e.device_name,
        central_url: e.central_url,
    }
}

#[tauri::command]
pub async fn settings_view(kiosk: State<'_, Kiosk>) -> Result<SettingsView, CommandError> {
    let enrolment = kiosk.with_counter(|store, counter| {
        counter.supervisor(store, kiosk_core::time::now())?;
        Ok(store.enrolment()?)
    })?;
    // lpstat can take seconds when CUPS is busy: not on the UI's thread.
    let printers = tauri::async_runtime::spawn_blocking(|| Cups::default().list_printers())
        .await
        .map_err(|e| CommandError::new("internal", e.to_string()))?;
    let (printers, printers_problem) = match printers {
        Ok(list) => (list, None),
        Err(e) => (Vec::new(), Some(CommandError::new(e.code(), e.to_string()))),
    };
    let c = kiosk.settings();
    Ok(SettingsView {
        path: kiosk.settings_path().display().to_string(),
        central_url: c.central_url,
        store_code: c.store_code,
        printer: c.printer,
        idle_lock_minutes: c.idle_lock_minutes,
        idle_lock_range: [
            *kiosk_core::config::IDLE_LOCK_MINUTES.start(),
            *kiosk_core::config::IDLE_LOCK_MINUTES.end(),
        ],
        language: c.language,
        printers,
        printers_problem,
        enrolment: enrolment.map(enrolment_view),
    })
}

/// What the settings screen may change; the central API's address is store IT's, in the file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsChange {
    pub printer: Option<String>,
    pub idle_lock_minutes: u32,
    pub language: Lang,
}

#[tauri::command]
pub fn save_settings(kiosk: State<'_, Kiosk>, change: SettingsChange) -> Result<(), CommandError> {
    kiosk.with_counter(|store, counter| {
        let who = counter.supervisor(store, kiosk_core::time::now())?;
        let new = Config {
            printer: change.printer.filter(|p| !p.trim().is_empty()),
            idle_lock_minutes: change.idle_lock_minutes,
            language: change.language,
            ..kiosk.settings()
        };
        kiosk.save_settings(new.clone())?;
        kiosk_core::config::record_saved(store, &who, &new)?;
        Ok(())
    })
}

/// The first-run screen's enrolment (as `kioskctl enroll`): the store's code from the settings
/// file unless typed, the one-time secret IPKO's IT issued.
#[tauri::command]
pub async fn enroll_kiosk(
    kiosk: State<'_, Kiosk>,
    store_code: String,
    secret: String,
    device_name: Option<String>,
) -> Result<EnrolmentView, CommandError> {
    let name = device_name
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(kiosk_core::enrol::default_device_name);
    let enrolment = kiosk.enrol(store_code.trim(), &secret, name.trim()).await?;
    Ok(enrolment_view(enrolment))
}

//! The IPKO privacy kiosk desktop app: a thin Tauri shell. Commands convert arguments, call
//! kiosk-core and convert errors; the kiosk's behaviour lives in the crates under `crates/`.

mod commands;

/// Builds and runs the app until its last window closes.
///
/// # Errors
///
/// When the webview or the window cannot be created, e.g. without a display or without WebKitGTK.
pub fn run() -> Result<(), tauri::Error> {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![commands::app::app_info])
        .run(tauri::generate_context!())
}

//! The IPKO privacy kiosk desktop app: a thin Tauri shell. Commands convert arguments, call
//! kiosk-core and convert errors; the kiosk's behaviour lives in the crates under `crates/`.

#[cfg(test)]
mod acl_check;
mod commands;
mod error;
mod kiosk;
mod startup_probe;

use tauri::Manager;

/// Builds and runs the app until its last window closes.
///
/// # Errors
///
/// When the webview or the window cannot be created, e.g. without a display or without WebKitGTK.
pub fn run() -> Result<(), tauri::Error> {
    init_tracing();
    choose_compositing();
    tauri::Builder::default()
        // First, so that a second start hands over before anything opens the data folder.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .setup(|app| {
            match kiosk_core::paths::resolve_data_dir(None)
                .map_err(error::CommandError::from)
                .and_then(kiosk::Kiosk::start)
            {
                Ok(kiosk) => {
                    if kiosk.settings().is_fullscreen() {
                        if let Some(window) = app.get_webview_window("main") {
                            window.set_fullscreen(true)?;
                        }
                    }
                    kiosk.attach(app.handle().clone());
                    app.manage(kiosk);
                }
                Err(problem) => {
                    tracing::error!(code = %problem.code, "the kiosk could not start");
                    app.manage(kiosk::StartupProblem(problem));
                }
            }
            Ok(())
        })
        // The customer's window goes with the clerk's: the app ends when the counter closes.
        .on_window_event(|window, event| {
            if window.label() == "main" && matches!(event, tauri::WindowEvent::Destroyed) {
                if let Some(customer) = window
                    .app_handle()
                    .get_webview_window(commands::customer_display::CUSTOMER_WINDOW)
                {
                    let _ = customer.destroy();
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::vocabulary,
            commands::session::counter_view,
            commands::session::sign_in,
            commands::session::lock_screen,
            commands::session::sign_out,
            commands::status::kiosk_status,
            commands::status::simulate_outage,
            commands::identity::check_zone,
            commands::identity::check_typed_document,
            commands::identity::search_customer,
            commands::identity::confirm_identity,
            commands::identity::end_customer,
            commands::report::show_report,
            commands::report::traffic_page,
            commands::report::preview_report,
            commands::report::print_report,
            commands::report::print_job_state,
            commands::demo::demo_documents,
            commands::supervisor::review_list,
            commands::supervisor::retry_change,
            commands::supervisor::export_queue,
            commands::settings::settings_view,
            commands::settings::save_settings,
            commands::settings::enroll_kiosk,
            commands::capture::consent_form,
            commands::capture::save_consent,
            commands::capture::correction_form,
            commands::capture::check_correction,
            commands::capture::save_correction,
            commands::capture::rights_request_form,
            commands::capture::check_rights_request,
            commands::capture::save_rights_request,
            commands::capture::preview_receipt,
            commands::capture::print_receipt,
            commands::customer_display::open_customer_display,
            commands::customer_display::offer_to_customer,
            commands::customer_display::customer_display_result,
            commands::customer_display::withdraw_offer,
            commands::customer_display::customer_display_state,
            commands::customer_display::customer_display_progress,
            commands::customer_display::customer_display_submit,
        ])
        .run(tauri::generate_context!())
}

/// Diagnostics go to stderr (the desktop session's journal when the kiosk starts from its
/// autostart entry), at `info` unless `KIOSK_LOG` says otherwise (e.g. `KIOSK_LOG=debug`). The
/// crates log ids, codes and counts, never a customer's data; the app-e2e test checks that.
fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("KIOSK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .try_init();
}

/// WebKitGTK reads this before the first webview exists: set at the very start, while the app is
/// still one thread. An unreadable settings file is reported by the start-up screen, not here.
fn choose_compositing() {
    const WEBKIT_ENV: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if !cfg!(target_os = "linux") || std::env::var_os(WEBKIT_ENV).is_some() {
        return;
    }
    let wanted = kiosk_core::paths::resolve_data_dir(None)
        .ok()
        .and_then(|dir| {
            kiosk_core::config::Config::load(&kiosk_core::config::config_path(&dir)).ok()
        })
        .is_some_and(|c| c.webkit_compositing);
    if !wanted {
        std::env::set_var(WEBKIT_ENV, "1");
    }
}

fn main() {
    // Declaring the app's commands in the manifest makes every one of them need a permission
    // (`allow-<command>`, granted in capabilities/): without it Tauri lets any window call any
    // command. Add each new command of src/commands/ here.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "app_info",
        "vocabulary",
        "counter_view",
        "sign_in",
        "lock_screen",
        "sign_out",
        "kiosk_status",
        "simulate_outage",
        "check_zone",
        "check_typed_document",
        "search_customer",
        "confirm_identity",
        "end_customer",
        "show_report",
        "traffic_page",
        "preview_report",
        "print_report",
        "print_job_state",
        "demo_documents",
        "review_list",
        "retry_change",
        "export_queue",
        "settings_view",
        "save_settings",
        "enroll_kiosk",
        "consent_form",
        "save_consent",
        "correction_form",
        "check_correction",
        "save_correction",
        "rights_request_form",
        "check_rights_request",
        "save_rights_request",
        "preview_receipt",
        "print_receipt",
        "open_customer_display",
        "offer_to_customer",
        "customer_display_result",
        "withdraw_offer",
        "customer_display_state",
        "customer_display_progress",
        "customer_display_submit",
    ]);
    if let Err(error) =
        tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
    {
        // A build script reports failure by panicking; the message names the broken config or file.
        panic!("tauri-build failed: {error:#}");
    }
}

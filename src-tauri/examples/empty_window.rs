//! The baseline of tests/bench/startup.py: an empty Tauri 2 window of the kiosk's size, built with
//! the same crate versions and profile, whose page (an empty document served over a custom scheme,
//! as Tauri serves an app's own files) says on standard error when it has loaded.

fn main() -> Result<(), tauri::Error> {
    let mut context = tauri::generate_context!();
    // The kiosk's own window would load the kiosk's page: the baseline opens an empty one instead.
    context.config_mut().app.windows.clear();
    tauri::Builder::default()
        .register_uri_scheme_protocol("empty", |_, _| {
            tauri::http::Response::builder()
                .header("content-type", "text/html; charset=utf-8")
                .body(b"<!doctype html><meta charset=\"utf-8\"><title>Empty</title>".to_vec())
                .unwrap_or_default()
        })
        .setup(|app| {
            let url = tauri::WebviewUrl::CustomProtocol(
                "empty://localhost/"
                    .parse()
                    .map_err(|e| format!("the empty page: {e}"))?,
            );
            tauri::WebviewWindowBuilder::new(app, "main", url)
                .title("Empty")
                .inner_size(1280.0, 800.0)
                .on_page_load(|_, payload| {
                    if payload.event() == tauri::webview::PageLoadEvent::Finished {
                        eprintln!("startup-probe: first screen");
                    }
                })
                .build()?;
            Ok(())
        })
        .run(context)
}

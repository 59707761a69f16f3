//! Demo mode's documents to try: what a newcomer "scans" to see the identify screen work.

use tauri::State;

use crate::error::CommandError;
use crate::kiosk::Kiosk;

/// How many of the demo's customers offer a document: C-000001 to C-000010 each show one case.
const DEMO_CASES: usize = 10;

#[tauri::command]
pub fn demo_documents(
    kiosk: State<'_, Kiosk>,
) -> Result<Vec<kiosk_core::demo::DemoDocument>, CommandError> {
    if !kiosk.is_demo() {
        return Err(CommandError::new(
            "not_demo",
            "Documents to try exist in demo mode only.",
        ));
    }
    let now = kiosk_core::time::now();
    let customers: Vec<_> = central_api::demo::dataset(central_api::demo::as_of_day(now))
        .customers
        .into_iter()
        .take(DEMO_CASES)
        .map(|c| c.summary)
        .collect();
    Ok(kiosk_core::demo::documents_to_try(
        &customers,
        kiosk_core::time::today(),
    ))
}

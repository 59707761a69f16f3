//! Commands about the app itself, for the start screen and the footer of every screen.

use protocol::Lang;
use serde::Serialize;
use tauri::Manager;

use crate::error::CommandError;
use crate::kiosk::{Kiosk, StartupProblem};

/// What the UI shows as the app's identity and mode (ui/src/app-info.ts parses exactly this shape).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppInfo {
    pub version: String,
    /// True when no central API is configured: everything the kiosk shows is fictional demo data.
    pub demo: bool,
    /// Why the kiosk could not start (a settings file that cannot be used, a database that cannot
    /// be opened); the window stays open to say so.
    pub problem: Option<CommandError>,
    /// The settings' language: the screens start in it.
    pub language: Lang,
    /// False on a new kiosk: the first-run screen enrols it.
    pub enrolled: bool,
    /// The settings file's store code, for the first-run screen.
    pub store_code: Option<String>,
}

#[tauri::command]
pub fn app_info(app: tauri::AppHandle) -> AppInfo {
    let version = app.package_info().version.to_string();
    let problem = app.try_state::<StartupProblem>().map(|p| p.0.clone());
    let kiosk = app.try_state::<Kiosk>();
    let demo = kiosk.as_ref().is_some_and(|k| k.is_demo());
    let settings = kiosk.as_ref().map(|k| k.settings()).unwrap_or_default();
    let (enrolled, problem) = match (&kiosk, problem) {
        (_, Some(p)) => (false, Some(p)),
        (Some(k), None) => match k.is_enrolled() {
            Ok(enrolled) => (enrolled, None),
            Err(e) => (false, Some(e)),
        },
        (None, None) => (false, None),
    };
    AppInfo {
        version,
        demo,
        problem,
        language: settings.language,
        enrolled,
        store_code: settings.store_code,
    }
}

/// The policy's terms with their labels in the three languages (kiosk_core::vocabulary).
#[tauri::command]
pub fn vocabulary() -> kiosk_core::vocabulary::Vocabulary {
    kiosk_core::vocabulary::vocabulary()
}

#[cfg(test)]
mod tests {
    use super::*;

    // The UI rejects any other shape (ui/src/app-info.ts, parseAppInfo): renaming a field here must
    // fail this test, not the screen.
    #[test]
    fn json_shape_matches_the_ui() -> Result<(), serde_json::Error> {
        let info = AppInfo {
            version: "1.2.3".into(),
            demo: true,
            problem: None,
            language: Lang::Sr,
            enrolled: true,
            store_code: None,
        };
        assert_eq!(
            serde_json::to_value(info)?,
            serde_json::json!({ "version": "1.2.3", "demo": true, "problem": null,
                "language": "sr", "enrolled": true, "store_code": null })
        );
        let failed = AppInfo {
            version: "1.2.3".into(),
            demo: false,
            problem: Some(CommandError::new("invalid_input", "The settings file …")),
            language: Lang::Sq,
            enrolled: false,
            store_code: Some("PR-01".into()),
        };
        assert_eq!(
            serde_json::to_value(failed)?["problem"],
            serde_json::json!({ "code": "invalid_input", "message": "The settings file …" })
        );
        Ok(())
    }
}

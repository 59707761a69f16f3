//! Commands about the app itself, for the start screen and the footer of every screen.

use serde::Serialize;

/// Environment variable with the central API's base URL. Until the settings store exists it is the
/// only way to configure one; without it the kiosk runs in demo mode.
pub const CENTRAL_URL_ENV: &str = "KIOSK_CENTRAL_URL";

/// What the UI shows as the app's identity and mode (ui/src/app-info.ts parses exactly this shape).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppInfo {
    pub version: String,
    /// True when no central API is configured: everything the kiosk shows is fictional demo data.
    pub demo: bool,
}

impl AppInfo {
    pub fn new(version: impl Into<String>, central_url: Option<&str>) -> Self {
        // A variable that is set but blank (`KIOSK_CENTRAL_URL=` in a unit file) configures nothing.
        let demo = central_url.is_none_or(|url| url.trim().is_empty());
        Self {
            version: version.into(),
            demo,
        }
    }
}

#[tauri::command]
pub fn app_info(app: tauri::AppHandle) -> AppInfo {
    let central_url = std::env::var(CENTRAL_URL_ENV).ok();
    AppInfo::new(
        app.package_info().version.to_string(),
        central_url.as_deref(),
    )
}

#[cfg(test)]
mod tests {
    use super::AppInfo;

    #[test]
    fn demo_without_a_central_url() {
        assert!(AppInfo::new("0.1.0", None).demo);
        assert!(AppInfo::new("0.1.0", Some("")).demo);
        assert!(AppInfo::new("0.1.0", Some("  \n")).demo);
    }

    #[test]
    fn not_demo_with_a_central_url() {
        let info = AppInfo::new("0.1.0", Some("https://privacy-api.ipko.example/"));
        assert!(!info.demo);
        assert_eq!(info.version, "0.1.0");
    }

    // The UI rejects any other shape (ui/src/app-info.ts, parseAppInfo): renaming a field here must
    // fail this test, not the screen.
    #[test]
    fn json_shape_matches_the_ui() -> Result<(), serde_json::Error> {
        let json = serde_json::to_value(AppInfo::new("1.2.3", None))?;
        assert_eq!(
            json,
            serde_json::json!({ "version": "1.2.3", "demo": true })
        );
        Ok(())
    }
}

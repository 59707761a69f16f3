//! The kiosk's settings file, `kiosk.toml` in the data folder: what store IT sets when installing a
//! counter PC (central API, store, printer) and what the clerks' settings screen changes (idle lock,
//! language). Everything has a default, so a missing file is a demo kiosk in Albanian.
//!
//! ```toml
//! central_url = "https://central.example.invalid"   # none: demo mode with the built-in server
//! store_code = "PR-01"
//! printer = "Counter-1"                             # none: the system's default printer
//! idle_lock_minutes = 3
//! language = "sq"                                   # sq, en or sr
//! fullscreen = true                                 # default: true, except in demo mode
//! webkit_compositing = false                        # WebKitGTK's GL compositing; default off
//! ```

use std::path::{Path, PathBuf};

use protocol::Lang;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The settings file inside the data folder.
pub const CONFIG_FILE_NAME: &str = "kiosk.toml";

/// The idle lock's bounds, in minutes: shorter locks the clerk out mid-sentence, longer leaves a
/// customer's data on an unattended screen.
pub const IDLE_LOCK_MINUTES: std::ops::RangeInclusive<u32> = 1..=30;
pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 3;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The central API's base URL; `None` runs the kiosk in demo mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub central_url: Option<String>,
    /// The store this counter belongs to (used when enrolling from the first-run screen).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store_code: Option<String>,
    /// The CUPS printer for printouts; `None` prints on the default printer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub printer: Option<String>,
    /// Minutes without input after which the screen locks and the customer is cleared.
    pub idle_lock_minutes: u32,
    /// The language screens and printouts start in.
    pub language: Lang,
    /// Whether the window fills the screen; unset: full screen at a live counter, windowed in
    /// demo mode (a newcomer's desktop).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fullscreen: Option<bool>,
    /// Whether WebKitGTK may composite the page in layers with OpenGL. Off by default: the
    /// kiosk's screens draw as well without it, and on a counter PC without a GPU Mesa's software
    /// GL makes the web process a third larger (measured: tests/bench/startup.py).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub webkit_compositing: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            central_url: None,
            store_code: None,
            printer: None,
            idle_lock_minutes: DEFAULT_IDLE_LOCK_MINUTES,
            language: Lang::Sq,
            fullscreen: None,
            webkit_compositing: false,
        }
    }
}

/// The settings file of a data folder.
pub fn config_path(data_dir: &Path) -> PathBuf {
    data_dir.join(CONFIG_FILE_NAME)
}

impl Config {
    /// Whether the window fills the screen.
    pub fn is_fullscreen(&self) -> bool {
        self.fullscreen.unwrap_or(!self.is_demo())
    }

    /// Whether there is no central API to talk to.
    pub fn is_demo(&self) -> bool {
        self.central_url.is_none()
    }

    /// Reads `path`; a missing file gives the defaults. A file that cannot be used is an error
    /// naming the file, the line and the setting, never silently replaced by defaults: a kiosk
    /// that quietly fell back to demo mode would look like it works.
    pub fn load(path: &Path) -> Result<Config> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(invalid(path, &format!("it cannot be read: {e}"))),
        };
        let config: Config =
            toml::from_str(&text).map_err(|e| invalid(path, &describe(&text, &e)))?;
        config.check().map_err(|m| invalid(path, &m))?;
        Ok(config)
    }

    /// Checks every setting, saying which one is wrong and what is allowed.
    pub fn check(&self) -> std::result::Result<(), String> {
        if let Some(url) = &self.central_url {
            crate::enrol::normalise_central_url(url).map_err(|e| format!("central_url: {e}"))?;
        }
        for (key, value) in [("store_code", &self.store_code), ("printer", &self.printer)] {
            if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
                return Err(format!(
                    "{key} is empty: give a value or leave the line out."
                ));
            }
        }
        if let Some(code) = &self.store_code {
            if code.len() > 64 || crate::capture::values::holds_hidden_characters(code) {
                return Err(
                    "store_code is not a store code: at most 64 characters, no control characters."
                        .into(),
                );
            }
        }
        if let Some(printer) = &self.printer {
            if !crate::print::is_printer_name(printer) {
                return Err(
                    "printer is not a printer's name: CUPS names have at most 127 printable characters, without spaces, \"/\" or \"#\"."
                        .into(),
                );
            }
        }
        if !IDLE_LOCK_MINUTES.contains(&self.idle_lock_minutes) {
            return Err(format!(
                "idle_lock_minutes is {}: it must be from {} to {} minutes.",
                self.idle_lock_minutes,
                IDLE_LOCK_MINUTES.start(),
                IDLE_LOCK_MINUTES.end()
            ));
        }
        Ok(())
    }

    /// Writes the settings to `path` whole (a new file renamed over the old one, so that a crash
    /// never leaves half a file), after checking them.
    pub fn save(&self, path: &Path) -> Result<()> {
        self.check().map_err(Error::InvalidInput)?;
        let text = toml::to_string(self)
            .map_err(|e| Error::InvalidInput(format!("the settings cannot be written: {e}")))?;
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".new");
        let tmp = PathBuf::from(tmp);
        let write = || -> std::io::Result<()> {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&tmp, text.as_bytes())?;
            std::fs::File::open(&tmp)?.sync_all()?;
            std::fs::rename(&tmp, path)
        };
        write()
            .map_err(|e| Error::InvalidInput(format!("{} cannot be written: {e}", path.display())))
    }
}

/// Records in the audit chain that `who` saved the settings screen's values.
pub fn record_saved(
    store: &mut crate::Store,
    who: &crate::signin::SignedIn,
    config: &Config,
) -> Result<()> {
    let detail = serde_json::json!({
        "printer": config.printer,
        "idle_lock_minutes": config.idle_lock_minutes,
        "language": config.language,
    });
    store.append_audit(
        Some(&who.staff_id),
        "settings.saved",
        None,
        &detail.to_string(),
    )?;
    Ok(())
}

fn invalid(path: &Path, reason: &str) -> Error {
    Error::InvalidInput(format!(
        "The settings file {} is not usable: {reason}",
        path.display()
    ))
}

/// A TOML error as one line: where it is and what is wrong (toml's own message spans lines).
fn describe(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().trim_end_matches('.');
    match e.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {message}.")
        }
        None => format!("{message}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Config> {
        let dir = tempfile::tempdir().map_err(|e| Error::InvalidInput(e.to_string()))?;
        let path = config_path(dir.path());
        std::fs::write(&path, text).map_err(|e| Error::InvalidInput(e.to_string()))?;
        Config::load(&path)
    }

    #[test]
    fn a_missing_file_is_a_demo_kiosk_in_albanian() {
        let config = Config::load(Path::new("/nonexistent/kiosk.toml")).ok();
        assert_eq!(config, Some(Config::default()));
        assert!(Config::default().is_demo());
        assert_eq!(Config::default().language, Lang::Sq);
    }

    #[test]
    fn a_full_file_is_read() {
        let config = load(
            "central_url = \"https://central.example.invalid\"\nstore_code = \"PR-01\"\n\
             printer = \"Counter-1\"\nidle_lock_minutes = 5\nlanguage = \"sr\"\n",
        )
        .ok();
        assert_eq!(
            config,
            Some(Config {
                central_url: Some("https://central.example.invalid".into()),
                store_code: Some("PR-01".into()),
                printer: Some("Counter-1".into()),
                idle_lock_minutes: 5,
                language: Lang::Sr,
                fullscreen: None,
                webkit_compositing: false,
            })
        );
    }

    #[test]
    fn mistakes_name_the_line_and_the_setting() {
        let cases = [
            ("idle_lock_minutes = 3\nprinter_name = \"x\"\n", "line 2"),
            (
                "idle_lock_minutes = 3\nprinter_name = \"x\"\n",
                "printer_name",
            ),
            ("language = \"de\"\n", "line 1"),
            ("idle_lock_minutes = 0\n", "idle_lock_minutes is 0"),
            ("idle_lock_minutes = \"five\"\n", "line 1"),
            ("central_url = \"central.example\"\n", "central_url"),
            ("printer = \" \"\n", "printer is empty"),
            ("store_code = \n", "line 1"),
        ];
        for (text, expected) in cases {
            let message = load(text).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(message.contains(expected), "{text:?}: {message}");
            assert!(message.contains("kiosk.toml"), "{message}");
        }
    }

    #[test]
    fn saved_settings_read_back_and_bad_ones_are_not_written() {
        let dir = tempfile::tempdir().ok();
        let path = dir
            .as_ref()
            .map(|d| config_path(d.path()))
            .unwrap_or_default();
        let config = Config {
            printer: Some("Counter-1".into()),
            language: Lang::En,
            fullscreen: Some(false),
            ..Config::default()
        };
        assert!(!config.is_fullscreen());
        assert!(!Config::default().is_fullscreen(), "demo mode is windowed");
        assert!(config.save(&path).is_ok());
        assert_eq!(Config::load(&path).ok(), Some(config));

        let bad = Config {
            idle_lock_minutes: 90,
            ..Config::default()
        };
        assert!(bad.save(&path).is_err());
        assert_eq!(
            Config::load(&path).map(|c| c.idle_lock_minutes).ok(),
            Some(3)
        );
    }
}

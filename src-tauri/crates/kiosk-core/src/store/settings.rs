//! Settings of this kiosk: plain key/value text (printer name, queue-age warning threshold, …).
//! Keys are chosen by the callers; values never hold personal data.

use rusqlite::{params, OptionalExtension};

use crate::error::{Error, Result};
use crate::time;

use super::Store;

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        if key.trim().is_empty() {
            return Err(Error::InvalidInput("a setting needs a name".into()));
        }
        self.conn.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            params![key, value, time::to_db(time::now())],
        )?;
        Ok(())
    }

    /// Returns whether the setting existed.
    pub fn remove_setting(&mut self, key: &str) -> Result<bool> {
        Ok(self
            .conn
            .execute("DELETE FROM settings WHERE key = ?1", [key])?
            == 1)
    }
}

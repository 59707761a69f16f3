//! What a store's kiosks download: the staff and the consent notice.

use protocol::api::{ConsentNotice, StaffMember};
use protocol::Lang;
use rusqlite::{params, Connection, OptionalExtension};

use super::{enum_text, parse_enum, parse_ts};

/// The notice whose current version kiosks show before consent choices.
pub const CONSENT_NOTICE_ID: &str = "consent-notice";

pub fn staff(conn: &Connection, store_code: &str) -> rusqlite::Result<Vec<StaffMember>> {
    let mut stmt = conn.prepare(
        "SELECT staff_id, display_name, role, pin_verifier, active FROM staff
         WHERE store_code = ?1 ORDER BY staff_id",
    )?;
    let rows = stmt.query_map([store_code], |r| {
        Ok(StaffMember {
            staff_id: r.get(0)?,
            display_name: r.get(1)?,
            role: parse_enum(&r.get::<_, String>(2)?)?,
            pin_verifier: r.get(3)?,
            active: r.get(4)?,
        })
    })?;
    rows.collect()
}

/// The latest version of the consent notice in a language.
pub fn current_notice(conn: &Connection, lang: Lang) -> rusqlite::Result<Option<ConsentNotice>> {
    conn.query_row(
        "SELECT notice_id, version, title, text, text_sha256, published_at FROM notices
         WHERE notice_id = ?1 AND lang = ?2 ORDER BY version DESC LIMIT 1",
        params![CONSENT_NOTICE_ID, enum_text(&lang)],
        |r| {
            Ok(ConsentNotice {
                notice_id: r.get(0)?,
                version: r.get(1)?,
                lang,
                title: r.get(2)?,
                text: r.get(3)?,
                text_sha256: r.get(4)?,
                published_at: parse_ts(&r.get::<_, String>(5)?)?,
            })
        },
    )
    .optional()
}

/// The hash of a notice version's text, if that version exists in that language.
pub fn notice_sha256(
    conn: &Connection,
    notice_id: &str,
    version: u32,
    lang: Lang,
) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT text_sha256 FROM notices WHERE notice_id = ?1 AND version = ?2 AND lang = ?3",
        params![notice_id, version, enum_text(&lang)],
        |r| r.get(0),
    )
    .optional()
}

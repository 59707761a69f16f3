//! What the kiosk keeps from the central API to work offline: the store's staff (for sign-in) and
//! the consent notices (for the customer to read, and for receipts to quote the version signed).

use chrono::{DateTime, Utc};
use protocol::api::{ConsentNotice, StaffList, StaffMember};
use protocol::mutation::sha256_hex;
use protocol::Lang;
use rusqlite::{params, OptionalExtension};

use crate::error::{Error, Result};
use crate::time;

use super::{enum_from_text, enum_to_text, Store};

fn read_staff(row: &rusqlite::Row<'_>) -> rusqlite::Result<(String, String, String, String, bool)> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
    ))
}

fn to_member(
    (staff_id, display_name, role, pin_verifier, active): (String, String, String, String, bool),
) -> Result<StaffMember> {
    Ok(StaffMember {
        staff_id,
        display_name,
        role: enum_from_text("staff role", &role)?,
        pin_verifier,
        active,
    })
}

/// Checks a notice's text against its SHA-256 (the hash a consent record will cite).
fn check_notice(notice: &ConsentNotice) -> Result<()> {
    let actual = sha256_hex(notice.text.as_bytes());
    if actual.eq_ignore_ascii_case(notice.text_sha256.trim()) {
        Ok(())
    } else {
        Err(Error::NoticeHashMismatch {
            notice_id: notice.notice_id.clone(),
            version: notice.version,
            lang: notice.lang.code().to_owned(),
            claimed: notice.text_sha256.clone(),
            actual,
        })
    }
}

type NoticeRow = (String, u32, String, String, String, String, String);

fn to_notice(
    (notice_id, version, lang, title, text, text_sha256, published_at): NoticeRow,
) -> Result<ConsentNotice> {
    let notice = ConsentNotice {
        notice_id,
        version,
        lang: enum_from_text("notice language", &lang)?,
        title,
        text,
        text_sha256,
        published_at: time::from_db(&published_at)?,
    };
    // A notice edited in the file since it was fetched must not be shown as the one signed.
    check_notice(&notice)?;
    Ok(notice)
}

const NOTICE_COLUMNS: &str = "notice_id, version, lang, title, text, text_sha256, published_at";

impl Store {
    /// Replaces the cached staff with the central API's list, whole: someone removed there must no
    /// longer be able to sign in here.
    pub fn replace_staff(&mut self, list: &StaffList) -> Result<()> {
        if let Some(enrolment) = self.enrolment()? {
            if !enrolment.store_code.eq_ignore_ascii_case(&list.store_code) {
                return Err(Error::StaffStoreMismatch {
                    expected: enrolment.store_code,
                    got: list.store_code.clone(),
                });
            }
        }
        let at = time::to_db(time::now());
        let tx = self.write_tx()?;
        tx.execute("DELETE FROM staff", [])?;
        {
            let mut stmt = tx.prepare(
                "INSERT INTO staff (staff_id, display_name, role, pin_verifier, active, fetched_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for m in &list.staff {
                if m.staff_id.trim().is_empty() {
                    return Err(Error::InvalidInput(
                        "the staff list has a member without an id".into(),
                    ));
                }
                stmt.execute(params![
                    m.staff_id,
                    m.display_name,
                    enum_to_text(&m.role),
                    m.pin_verifier,
                    m.active,
                    at
                ])
                .map_err(|e| match e {
                    rusqlite::Error::SqliteFailure(f, _)
                        if f.code == rusqlite::ErrorCode::ConstraintViolation =>
                    {
                        Error::InvalidInput(format!("the staff list names {} twice", m.staff_id))
                    }
                    e => e.into(),
                })?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The cached staff, by id.
    pub fn staff(&self) -> Result<Vec<StaffMember>> {
        let mut stmt = self.conn.prepare(
            "SELECT staff_id, display_name, role, pin_verifier, active FROM staff ORDER BY staff_id",
        )?;
        let rows = stmt.query_map([], read_staff)?;
        rows.map(|r| to_member(r?)).collect()
    }

    pub fn staff_member(&self, staff_id: &str) -> Result<Option<StaffMember>> {
        self.conn
            .query_row(
                "SELECT staff_id, display_name, role, pin_verifier, active FROM staff WHERE staff_id = ?1",
                [staff_id],
                read_staff,
            )
            .optional()?
            .map(to_member)
            .transpose()
    }

    /// When the staff list was last replaced.
    pub fn staff_fetched_at(&self) -> Result<Option<DateTime<Utc>>> {
        let at: Option<String> =
            self.conn
                .query_row("SELECT max(fetched_at) FROM staff", [], |r| r.get(0))?;
        at.as_deref().map(time::from_db).transpose()
    }

    /// Caches a consent notice after checking that its text hashes to its `text_sha256`; refuses a
    /// mismatch, and refuses a different text under a version already cached (a changed notice needs
    /// a new version, or old consent records would cite a text nobody saw).
    pub fn cache_notice(&mut self, notice: &ConsentNotice) -> Result<()> {
        check_notice(notice)?;
        let sha = notice.text_sha256.trim().to_ascii_lowercase();
        let lang = notice.lang.code();
        let tx = self.write_tx()?;
        let existing: Option<String> = tx
            .query_row(
                "SELECT text_sha256 FROM notices WHERE notice_id = ?1 AND version = ?2 AND lang = ?3",
                params![notice.notice_id, notice.version, lang],
                |r| r.get(0),
            )
            .optional()?;
        match existing {
            Some(stored) if stored != sha => {
                return Err(Error::NoticeChanged {
                    notice_id: notice.notice_id.clone(),
                    version: notice.version,
                    lang: lang.to_owned(),
                })
            }
            Some(_) => {
                tx.execute(
                    "UPDATE notices SET fetched_at = ?4 WHERE notice_id = ?1 AND version = ?2 AND lang = ?3",
                    params![notice.notice_id, notice.version, lang, time::to_db(time::now())],
                )?;
            }
            None => {
                tx.execute(
                    "INSERT INTO notices (notice_id, version, lang, title, text, text_sha256, published_at, fetched_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![
                        notice.notice_id,
                        notice.version,
                        lang,
                        notice.title,
                        notice.text,
                        sha,
                        time::to_db(notice.published_at),
                        time::to_db(time::now()),
                    ],
                )?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The newest cached notice in a language.
    pub fn notice(&self, lang: Lang) -> Result<Option<ConsentNotice>> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {NOTICE_COLUMNS} FROM notices WHERE lang = ?1
                     ORDER BY version DESC, published_at DESC LIMIT 1"
                ),
                [lang.code()],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                    ))
                },
            )
            .optional()?
            .map(to_notice)
            .transpose()
    }

    /// A cached notice by id, version and language (to quote the text a consent was given under).
    pub fn notice_version(
        &self,
        notice_id: &str,
        version: u32,
        lang: Lang,
    ) -> Result<Option<ConsentNotice>> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {NOTICE_COLUMNS} FROM notices WHERE notice_id = ?1 AND version = ?2 AND lang = ?3"
                ),
                params![notice_id, version, lang.code()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
            )
            .optional()?
            .map(to_notice)
            .transpose()
    }
}

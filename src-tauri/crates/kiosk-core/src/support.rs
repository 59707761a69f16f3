//! A supervisor's export of the queue for support: every waiting change and every change the
//! central API rejected or found in conflict, with its payload, in a file only the kiosk's user can
//! read. The export holds personal data, so it is an audit entry (who, when, which file, what).

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;

use crate::error::{Error, Result};
use crate::signin::SignedIn;
use crate::store::Store;

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportSummary {
    pub path: PathBuf,
    pub pending: usize,
    pub review: usize,
    pub bytes: usize,
}

/// Writes the queue export into `dir` (created private if missing) under a name with the time,
/// and records it in the audit chain under `who`.
pub fn export_queue(
    store: &mut Store,
    who: &SignedIn,
    dir: &Path,
    now: DateTime<Utc>,
) -> Result<ExportSummary> {
    let export = store.export_queue()?;
    let text = serde_json::to_vec_pretty(&export)
        .map_err(|e| Error::InvalidInput(format!("the export cannot be written as JSON: {e}")))?;
    let path = dir.join(format!(
        "queue-export-{}.json",
        now.format("%Y%m%dT%H%M%SZ")
    ));
    let unwritable = |e: std::io::Error| {
        Error::InvalidInput(format!(
            "The export cannot be written to {}: {e}",
            path.display()
        ))
    };
    crate::paths::create_private_dir(dir).map_err(unwritable)?;
    crate::paths::write_private(&path, &text).map_err(unwritable)?;
    let detail = json!({
        "file": path.file_name().map(|n| n.to_string_lossy().into_owned()),
        "sha256": protocol::mutation::sha256_hex(&text),
        "pending": export.pending.len(),
        "review": export.review.len(),
    });
    store.append_audit(
        Some(&who.staff_id),
        "queue.exported",
        None,
        &detail.to_string(),
    )?;
    Ok(ExportSummary {
        path,
        pending: export.pending.len(),
        review: export.review.len(),
        bytes: text.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::api::StaffRole;

    #[test]
    fn an_export_is_private_and_audited() -> Result<()> {
        let dir = tempfile::tempdir().map_err(|e| Error::InvalidInput(e.to_string()))?;
        let mut store = Store::open(&dir.path().join("kiosk.sqlite3"))?;
        let who = SignedIn {
            staff_id: "PR-0901".into(),
            display_name: "Supervisor".into(),
            role: StaffRole::Supervisor,
            signed_in_at: crate::time::now(),
        };
        let out = dir.path().join("exports");
        let summary = export_queue(&mut store, &who, &out, crate::time::now())?;
        assert!(summary.path.starts_with(&out));
        let text = std::fs::read_to_string(&summary.path)
            .map_err(|e| Error::InvalidInput(e.to_string()))?;
        assert!(text.contains("\"pending\""));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| {
                std::fs::metadata(p)
                    .map(|m| m.permissions().mode() & 0o777)
                    .ok()
            };
            assert_eq!(mode(&summary.path), Some(0o600));
            assert_eq!(mode(&out), Some(0o700));
        }
        let last = store.recent_audit(1)?.pop().map(|e| e.action);
        assert_eq!(last.as_deref(), Some("queue.exported"));
        Ok(())
    }
}

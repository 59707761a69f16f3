//! Identifying the person at the counter: the document (scanned zone or typed), the records it may
//! belong to, the clerk's confirmation (kiosk_core::counter, kiosk_core::identify).

use kiosk_core::counter::IdentityConfirmation;
use kiosk_core::idcheck::manual::{check_manual, ManualEntry};
use kiosk_core::idcheck::mrz::{parse_mrz_with, MrzReport};
use kiosk_core::idcheck::record::{ActingFor, ClerkJudgement};
use kiosk_core::idcheck::{CheckedDocument, IdCheckConfig};
use kiosk_core::identify::{self, Candidate};
use protocol::api::CustomerQuery;
use protocol::mutation::IdentityVerified;
use serde::Serialize;
use tauri::State;

use crate::error::CommandError;
use crate::kiosk::Kiosk;

/// What the screen shows after a document: each check, and the records it may belong to.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentStep {
    /// The zone's checks, when it was scanned.
    pub zone: Option<MrzReport>,
    pub document: CheckedDocument,
    /// The document passed its checks and is held for the confirmation.
    pub held: bool,
    pub candidates: Vec<Candidate>,
    /// Why no record could be looked up (offline, refused), when it could not.
    pub lookup_failed: Option<CommandError>,
}

/// Holds the document when it passed, then looks up its records (outside the locks: the network
/// may be slow, the counter must not freeze).
async fn step(
    kiosk: &Kiosk,
    zone: Option<MrzReport>,
    document: CheckedDocument,
) -> Result<DocumentStep, CommandError> {
    let now = kiosk_core::time::now();
    let held = document.is_acceptable();
    let enrolment = kiosk.with_counter(|store, counter| {
        if held {
            counter.hold_document(store, document.clone(), now)?;
        } else {
            counter.clerk(store, now)?;
            counter.forget_document();
        }
        Ok(kiosk_core::central::enrolled(store).map_err(CommandError::from))
    })?;
    let (mut candidates, mut lookup_failed) = (Vec::new(), None);
    if held {
        let found = match enrolment {
            Ok(enrolment) => identify::candidates(&kiosk.client, &enrolment, &document.data)
                .await
                .map_err(CommandError::from),
            Err(not_enrolled) => Err(not_enrolled),
        };
        match found {
            Ok(found) => candidates = found,
            Err(e) => lookup_failed = Some(e),
        }
        let records = candidates.iter().map(|c| c.customer.clone()).collect();
        kiosk.with_counter(|_, counter| {
            counter.remember_candidates(records);
            Ok(())
        })?;
    }
    Ok(DocumentStep {
        zone,
        document,
        held,
        candidates,
        lookup_failed,
    })
}

/// A machine-readable zone as the scanner typed it.
#[tauri::command]
pub async fn check_zone(
    kiosk: State<'_, Kiosk>,
    zone: String,
) -> Result<DocumentStep, CommandError> {
    let report = parse_mrz_with(&zone, kiosk_core::time::today(), &IdCheckConfig::default())
        .map_err(|e| CommandError::new(e.code(), e.to_string()))?;
    let document = report.to_checked();
    step(&kiosk, Some(report), document).await
}

/// A document typed by the clerk when no zone can be read.
#[tauri::command]
pub async fn check_typed_document(
    kiosk: State<'_, Kiosk>,
    entry: ManualEntry,
) -> Result<DocumentStep, CommandError> {
    let document = check_manual(&entry, kiosk_core::time::today(), &IdCheckConfig::default());
    step(&kiosk, None, document).await
}

/// The clerk's search by customer number or phone number (a document without a personal number,
/// a person acting for someone else): the records found, compared with the held document.
#[tauri::command]
pub async fn search_customer(
    kiosk: State<'_, Kiosk>,
    query: CustomerQuery,
) -> Result<Vec<Candidate>, CommandError> {
    let now = kiosk_core::time::now();
    let (enrolment, document) = kiosk.with_counter(|store, counter| {
        counter.clerk(store, now)?;
        let enrolment = kiosk_core::central::enrolled(store)?;
        let document = counter.held_document().cloned().ok_or_else(|| {
            CommandError::new("invalid_input", "Scan or type the document first.")
        })?;
        Ok((enrolment, document))
    })?;
    let found = kiosk_core::central::lookup_customer(&kiosk.client, &enrolment, &query).await?;
    let mut candidates: Vec<Candidate> = found
        .customers
        .into_iter()
        .map(|c| identify::compare(&document.data, c))
        .collect();
    identify::best_first(&mut candidates);
    let records = candidates.iter().map(|c| c.customer.clone()).collect();
    kiosk.with_counter(|_, counter| {
        counter.remember_candidates(records);
        Ok(())
    })?;
    Ok(candidates)
}

/// The clerk confirms the photo (and judges a partial match): the identity check is recorded and
/// the customer's session starts.
#[tauri::command]
pub fn confirm_identity(
    kiosk: State<'_, Kiosk>,
    customer_id: String,
    acting: ActingFor,
    photo_confirmed: bool,
    judgement: ClerkJudgement,
) -> Result<IdentityVerified, CommandError> {
    let now = kiosk_core::time::now();
    kiosk.with_counter(|store, counter| {
        let store_code = kiosk_core::central::enrolled(store)?.store_code;
        counter
            .confirm_identity(
                store,
                IdentityConfirmation {
                    customer_id,
                    acting,
                    photo_confirmed,
                    judgement,
                    store_code,
                    today: kiosk_core::time::today(),
                    config: IdCheckConfig::default(),
                },
                now,
            )
            .map_err(|e| CommandError::new(e.code(), e.to_string()))
    })
}

/// "Done": the customer leaves every screen.
#[tauri::command]
pub fn end_customer(kiosk: State<'_, Kiosk>) -> Result<(), CommandError> {
    kiosk.with_counter(|_, counter| {
        counter.end_customer();
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::mutation::MatchVerdict;

    fn io(e: impl std::fmt::Display) -> CommandError {
        CommandError::new("test", e.to_string())
    }

    /// The demo kiosk end to end: a demo customer's card scanned, found by its personal number,
    /// confirmed by the clerk, the customer's session started with the recorded check.
    #[test]
    fn a_scanned_demo_card_identifies_its_customer() -> Result<(), CommandError> {
        let dir = tempfile::tempdir().map_err(io)?;
        let kiosk = Kiosk::start(dir.path().to_path_buf())?;
        let now = kiosk_core::time::now();
        kiosk.with_counter(|store, counter| {
            counter.sign_in(store, "PR-0101", "1111", now)?;
            Ok(())
        })?;
        let enrolment = kiosk.with_counter(|store, _| Ok(kiosk_core::central::enrolled(store)?))?;
        let record = tauri::async_runtime::block_on(kiosk_core::central::fetch_data_report(
            &kiosk.client,
            &enrolment,
            "C-000002",
        ))?
        .customer;
        let expires = kiosk_core::time::today() + chrono::Duration::days(3 * 365);
        let zone = kiosk_core::demo::id_card_zone(&record, "P00000002", expires)
            .ok_or_else(|| io("the demo record has no card"))?;
        // As a scanner types it: lower case and a stray space are normalised away.
        let typed = format!(" {}\n", zone.to_lowercase());

        let report = parse_mrz_with(&typed, kiosk_core::time::today(), &IdCheckConfig::default())
            .map_err(|e| io(e.to_string()))?;
        assert!(report.valid, "{:?}", report.errors);
        let document = report.to_checked();
        let step = tauri::async_runtime::block_on(step(&kiosk, Some(report), document))?;
        assert!(step.held);
        assert_eq!(step.lookup_failed, None);
        let best = step.candidates.first().ok_or_else(|| io("no candidate"))?;
        assert_eq!(best.customer.customer_id, "C-000002");
        assert_eq!(
            best.best().map(|b| b.result.verdict),
            Some(MatchVerdict::Match)
        );

        let verified = kiosk.with_counter(|store, counter| {
            counter
                .confirm_identity(
                    store,
                    IdentityConfirmation {
                        customer_id: "C-000002".into(),
                        acting: ActingFor::Themself,
                        photo_confirmed: true,
                        judgement: ClerkJudgement::NotGiven,
                        store_code: enrolment.store_code.clone(),
                        today: kiosk_core::time::today(),
                        config: IdCheckConfig::default(),
                    },
                    now,
                )
                .map_err(|e| CommandError::new(e.code(), e.to_string()))
        })?;
        assert_eq!(verified.document_number_last4, "0002");
        assert_eq!(verified.customer_id, "C-000002");

        // Only the served customer's report is kept; Done forgets it.
        let other = tauri::async_runtime::block_on(kiosk_core::central::fetch_data_report(
            &kiosk.client,
            &enrolment,
            "C-000003",
        ))?;
        let mine = tauri::async_runtime::block_on(kiosk_core::central::fetch_data_report(
            &kiosk.client,
            &enrolment,
            "C-000002",
        ))?;
        kiosk.with_counter(|store, counter| {
            let refused = counter.keep_report(store, other, now).err();
            assert_eq!(refused.map(|e| e.code()), Some("no_customer_session"));
            counter.keep_report(store, mine, now)?;
            assert!(counter.report(store, now).is_ok());
            counter.end_customer();
            assert!(counter.report(store, now).is_err());
            Ok(())
        })
    }
}

//! Who is at the counter and for whom: the clerk's session (signed out, signed in, locked), the
//! idle lock that clears the customer from the screen, and the customer being served. The desktop
//! app keeps one `Counter` and asks it before every command, so that roles are enforced here, in
//! Rust, and not only by what the screens hide.

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use protocol::api::{ActingCapacity, CustomerSummary, DataReport, StaffRole};
use protocol::mutation::IdentityVerified;
use serde::Serialize;

use crate::capture::{CaptureSession, Captured};
use crate::error::{Error, Result};
use crate::handoff::Offer;
use crate::idcheck::matching::{match_customer, match_representative, MatchResult};
use crate::idcheck::record::{
    record_verification, ActingFor, ClerkJudgement, RecordError, Verification,
};
use crate::idcheck::{capacity_label, CheckedDocument, IdCheckConfig, IdCheckError};
use crate::signin::{self, SignInPolicy, SignedIn};
use crate::store::Store;

/// The customer being served, from identification to "Done".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CustomerSession {
    pub customer: CustomerSummary,
    pub started_at: DateTime<Utc>,
    /// The recorded identity check the session's consents and requests cite.
    pub verification: Option<IdentityVerified>,
}

/// What the clerk confirms to identify the person at the counter with the held document.
#[derive(Debug, Clone)]
pub struct IdentityConfirmation {
    /// One of the customers the counter found for the document ([`Counter::remember_candidates`]).
    pub customer_id: String,
    pub acting: ActingFor,
    /// The clerk looked at the photo and it is the person at the counter.
    pub photo_confirmed: bool,
    pub judgement: ClerkJudgement,
    pub store_code: String,
    pub today: NaiveDate,
    pub config: IdCheckConfig,
}

#[derive(Debug, Clone, PartialEq)]
enum State {
    SignedOut,
    SignedIn {
        who: SignedIn,
        last_activity: DateTime<Utc>,
        // Boxed: a customer record is large, and most states have none.
        customer: Option<Box<CustomerSession>>,
        /// The document of the person at the counter, between its check and the confirmation.
        /// Kept here, not sent back by the screen, so that what is recorded is what was checked.
        document: Option<Box<CheckedDocument>>,
        /// The records found for it, as the central API sent them: a confirmation names one of
        /// these, so the screen cannot hand in a record of its own.
        candidates: Vec<CustomerSummary>,
        /// The data report of the customer being served, in memory only, while it is on screen.
        report: Option<Arc<DataReport>>,
        /// The changes captured for the customer being served, for their receipts.
        captured: Vec<Captured>,
        /// What the customer's own window shows them, if anything.
        offer: Option<Box<Offer>>,
    },
    /// Locked by the clerk or by the idle timer: the clerk's session stays, the customer is gone.
    Locked {
        who: SignedIn,
    },
}

/// What the screens show of the counter (never a PIN or a verifier).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum CounterView {
    SignedOut,
    SignedIn {
        staff: SignedIn,
        customer: Option<Box<CustomerSession>>,
        /// When the screen locks if nothing happens.
        locks_at: DateTime<Utc>,
    },
    Locked {
        staff: SignedIn,
    },
}

/// Why the counter locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LockReason {
    ByClerk,
    Idle,
}

#[derive(Debug)]
pub struct Counter {
    policy: SignInPolicy,
    idle_lock: Duration,
    state: State,
}

impl Counter {
    pub fn new(policy: SignInPolicy, idle_lock: Duration) -> Counter {
        Counter {
            policy,
            idle_lock,
            state: State::SignedOut,
        }
    }

    /// A new idle time from the settings screen; it counts from the clerk's last action.
    pub fn set_idle_lock(&mut self, idle_lock: Duration) {
        self.idle_lock = idle_lock;
    }

    pub fn view(&self) -> CounterView {
        match &self.state {
            State::SignedOut => CounterView::SignedOut,
            State::SignedIn {
                who,
                last_activity,
                customer,
                ..
            } => CounterView::SignedIn {
                staff: who.clone(),
                customer: customer.clone(),
                locks_at: *last_activity + self.idle_lock,
            },
            State::Locked { who } => CounterView::Locked { staff: who.clone() },
        }
    }

    /// Signs a clerk in, or unlocks. Unlocking as someone else ends the locked clerk's session
    /// (audited as their sign-out is not: they left without signing out, which the lock allows).
    pub fn sign_in(
        &mut self,
        store: &mut Store,
        staff_id: &str,
        pin: &str,
        now: DateTime<Utc>,
    ) -> Result<SignedIn> {
        if let State::SignedIn { .. } = self.state {
            return Err(Error::InvalidInput(
                "Someone is signed in at this counter: lock the screen or sign out first.".into(),
            ));
        }
        let who = signin::sign_in(store, &self.policy, staff_id, pin, now)?;
        self.state = State::SignedIn {
            who: who.clone(),
            last_activity: now,
            customer: None,
            document: None,
            candidates: Vec::new(),
            report: None,
            captured: Vec::new(),
            offer: None,
        };
        Ok(who)
    }

    /// Locks the screen now if the clerk has been idle too long; returns whether it did. The app
    /// calls it on a timer and before every command.
    pub fn lock_if_idle(&mut self, store: &mut Store, now: DateTime<Utc>) -> Result<bool> {
        match &self.state {
            State::SignedIn { last_activity, .. } if now - *last_activity >= self.idle_lock => {
                self.lock(store, LockReason::Idle)?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// Locks the screen and clears the customer. Audited, with the customer whose data left the
    /// screen, so that the data-protection office can see how long data stayed up.
    pub fn lock(&mut self, store: &mut Store, reason: LockReason) -> Result<()> {
        let State::SignedIn { who, customer, .. } = &self.state else {
            return Ok(());
        };
        let detail = serde_json::json!({ "reason": reason }).to_string();
        store.append_audit(
            Some(&who.staff_id),
            "session.locked",
            customer.as_ref().map(|c| c.customer.customer_id.as_str()),
            &detail,
        )?;
        self.state = State::Locked { who: who.clone() };
        Ok(())
    }

    /// Signs the clerk out (see [`signin::sign_out`] for when that is refused).
    pub fn sign_out(&mut self, store: &mut Store, queue_exported: bool) -> Result<()> {
        let who = match &self.state {
            State::SignedOut => return Ok(()),
            State::SignedIn { who, .. } | State::Locked { who } => who.clone(),
        };
        signin::sign_out(store, &who, queue_exported)?;
        self.state = State::SignedOut;
        Ok(())
    }

    /// The signed-in staff member for a command a clerk may run, after the idle check; counts as
    /// activity.
    pub fn clerk(&mut self, store: &mut Store, now: DateTime<Utc>) -> Result<SignedIn> {
        self.lock_if_idle(store, now)?;
        match &mut self.state {
            State::SignedIn {
                who, last_activity, ..
            } => {
                *last_activity = now;
                Ok(who.clone())
            }
            State::Locked { .. } => Err(Error::NotSignedIn { locked: true }),
            State::SignedOut => Err(Error::NotSignedIn { locked: false }),
        }
    }

    /// As [`Counter::clerk`], for what only a supervisor may do (the review list, exports, queue
    /// repair).
    pub fn supervisor(&mut self, store: &mut Store, now: DateTime<Utc>) -> Result<SignedIn> {
        let who = self.clerk(store, now)?;
        if who.role != StaffRole::Supervisor {
            return Err(Error::SupervisorOnly);
        }
        Ok(who)
    }

    /// Starts serving a customer (after identification).
    pub fn start_customer(
        &mut self,
        store: &mut Store,
        customer: CustomerSummary,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.clerk(store, now)?;
        if let State::SignedIn { customer: slot, .. } = &mut self.state {
            *slot = Some(Box::new(CustomerSession {
                customer,
                started_at: now,
                verification: None,
            }));
        }
        Ok(())
    }

    /// The customer being served, for a command about them; refuses one about anyone else.
    pub fn customer(
        &mut self,
        store: &mut Store,
        customer_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(SignedIn, CustomerSummary)> {
        let who = self.clerk(store, now)?;
        match &self.state {
            State::SignedIn {
                customer: Some(session),
                ..
            } if session.customer.customer_id == customer_id => Ok((who, session.customer.clone())),
            _ => Err(Error::NoSuchCustomerSession),
        }
    }

    /// "Done": the customer leaves the screen, with the document that identified them.
    pub fn end_customer(&mut self) {
        if let State::SignedIn {
            customer,
            document,
            candidates,
            report,
            captured,
            offer,
            ..
        } = &mut self.state
        {
            *customer = None;
            *document = None;
            *report = None;
            candidates.clear();
            captured.clear();
            *offer = None;
        }
    }

    /// What a signed capture needs: the clerk, the customer being served and the session's
    /// recorded identity check (a capture cites it), and the kept data report if any (its
    /// consents are the customer's current choices). Counts as activity.
    pub fn capture_session(
        &mut self,
        store: &mut Store,
        store_code: &str,
        now: DateTime<Utc>,
    ) -> Result<(CaptureSession, Option<Arc<DataReport>>)> {
        let who = self.clerk(store, now)?;
        let State::SignedIn {
            customer: Some(session),
            report,
            ..
        } = &self.state
        else {
            return Err(Error::NoSuchCustomerSession);
        };
        let verification = session.verification.clone().ok_or_else(|| {
            crate::capture::refused(
                "identity_not_verified",
                "Check the customer's identity document first: a signed record cites the check.",
            )
        })?;
        let report = report
            .as_ref()
            .filter(|r| r.customer.customer_id == session.customer.customer_id)
            .cloned();
        // The freshest record the kiosk has: the report's when it was loaded after the lookup.
        let customer = report
            .as_ref()
            .map_or_else(|| session.customer.clone(), |r| r.customer.clone());
        Ok((
            CaptureSession {
                clerk: who,
                customer,
                verification,
                store_code: store_code.to_owned(),
                now,
            },
            report,
        ))
    }

    /// Keeps a change captured for the customer being served, for its receipt.
    pub fn keep_captured(&mut self, change: Captured) {
        if let State::SignedIn {
            customer: Some(session),
            captured,
            ..
        } = &mut self.state
        {
            if session.customer.customer_id == change.customer.customer_id {
                captured.push(change);
            }
        }
    }

    /// A change captured for the customer being served, by its mutation id; counts as activity.
    pub fn captured(
        &mut self,
        store: &mut Store,
        mutation_id: uuid::Uuid,
        now: DateTime<Utc>,
    ) -> Result<(SignedIn, Captured)> {
        let who = self.clerk(store, now)?;
        match &self.state {
            State::SignedIn { captured, .. } => captured
                .iter()
                .find(|c| c.saved.mutation_id == mutation_id)
                .cloned()
                .map(|c| (who, c))
                .ok_or_else(|| {
                    Error::InvalidInput(
                        "That change was not captured for the customer being served.".into(),
                    )
                }),
            _ => Err(Error::NoSuchCustomerSession),
        }
    }

    /// Offers the customer's window something to read, choose and sign, replacing an earlier
    /// offer. Only while a customer is served.
    pub fn offer(
        &mut self,
        store: &mut Store,
        content: serde_json::Value,
        now: DateTime<Utc>,
    ) -> Result<uuid::Uuid> {
        self.clerk(store, now)?;
        let new = Offer::new(content)?;
        let id = new.offer_id;
        match &mut self.state {
            State::SignedIn {
                customer: Some(_),
                offer,
                ..
            } => {
                *offer = Some(Box::new(new));
                Ok(id)
            }
            _ => Err(Error::NoSuchCustomerSession),
        }
    }

    /// The offer on the customer's window, if any (the customer's window asks without a clerk's
    /// session of its own: a locked or signed-out counter offers nothing).
    pub fn current_offer(&self) -> Option<&Offer> {
        match &self.state {
            State::SignedIn { offer, .. } => offer.as_deref(),
            _ => None,
        }
    }

    /// The offer, for the customer's window to report on or submit to.
    pub fn current_offer_mut(&mut self) -> Result<&mut Offer> {
        match &mut self.state {
            State::SignedIn {
                offer: Some(offer), ..
            } => Ok(offer),
            _ => Err(crate::capture::refused(
                "offer_gone",
                "The clerk has withdrawn the offer.",
            )),
        }
    }

    /// Takes the offer off the customer's window.
    pub fn withdraw_offer(&mut self, store: &mut Store, now: DateTime<Utc>) -> Result<()> {
        self.clerk(store, now)?;
        if let State::SignedIn { offer, .. } = &mut self.state {
            *offer = None;
        }
        Ok(())
    }

    /// The customer being served, if any.
    pub fn serving(&self) -> Option<&CustomerSession> {
        match &self.state {
            State::SignedIn {
                customer: Some(session),
                ..
            } => Some(session),
            _ => None,
        }
    }

    /// Why the data of the customer being served may be shown or printed to the person at the
    /// counter, for the disclosure's audit entry.
    pub fn disclosure_ground(&self) -> Result<crate::disclosure::DisclosureGround> {
        self.serving()
            .map(crate::disclosure::DisclosureGround::of)
            .ok_or(Error::NoSuchCustomerSession)
    }

    /// Keeps the data report of the customer being served (it must be theirs) while it is shown.
    pub fn keep_report(
        &mut self,
        store: &mut Store,
        data: DataReport,
        now: DateTime<Utc>,
    ) -> Result<Arc<DataReport>> {
        self.customer(store, &data.customer.customer_id, now)?;
        let data = Arc::new(data);
        if let State::SignedIn { report, .. } = &mut self.state {
            *report = Some(data.clone());
        }
        Ok(data)
    }

    /// The kept data report, for a command about the customer being served; counts as activity.
    pub fn report(
        &mut self,
        store: &mut Store,
        now: DateTime<Utc>,
    ) -> Result<(SignedIn, Arc<DataReport>)> {
        let who = self.clerk(store, now)?;
        match &self.state {
            State::SignedIn {
                report: Some(report),
                ..
            } => Ok((who, report.clone())),
            _ => Err(Error::InvalidInput(
                "Open the customer's data first.".into(),
            )),
        }
    }

    /// The records found for the held document (by its personal number, or the clerk's search).
    pub fn remember_candidates(&mut self, found: Vec<CustomerSummary>) {
        if let State::SignedIn { candidates, .. } = &mut self.state {
            *candidates = found;
        }
    }

    /// Holds the checked document of the person at the counter (scanned or typed), replacing an
    /// earlier one. A document with errors is not held: it cannot identify anyone.
    pub fn hold_document(
        &mut self,
        store: &mut Store,
        checked: CheckedDocument,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.clerk(store, now)?;
        if !checked.is_acceptable() {
            return Err(Error::InvalidInput(
                IdCheckError::DocumentNotAccepted {
                    count: checked.errors.len(),
                }
                .to_string(),
            ));
        }
        if let State::SignedIn {
            document,
            candidates,
            ..
        } = &mut self.state
        {
            *document = Some(Box::new(checked));
            candidates.clear();
        }
        Ok(())
    }

    /// A new document failed its checks: the earlier one and its records go, so that nothing can
    /// be confirmed against a document no longer at the counter. Not while a customer is served.
    pub fn forget_document(&mut self) {
        if let State::SignedIn {
            customer: None,
            document,
            candidates,
            ..
        } = &mut self.state
        {
            *document = None;
            candidates.clear();
        }
    }

    pub fn held_document(&self) -> Option<&CheckedDocument> {
        match &self.state {
            State::SignedIn {
                document: Some(d), ..
            } => Some(d),
            _ => None,
        }
    }

    /// Records the identity check of the held document against `confirmation.customer` (in the
    /// capacity the person acts in) and starts serving that customer with it. Refused, with the
    /// reason, when the photo was not confirmed, the document does not match, a partial match was
    /// not judged, or the capacity does not fit the record.
    pub fn confirm_identity(
        &mut self,
        store: &mut Store,
        confirmation: IdentityConfirmation,
        now: DateTime<Utc>,
    ) -> std::result::Result<IdentityVerified, RecordError> {
        let who = self.clerk(store, now)?;
        let document = self
            .held_document()
            .cloned()
            .ok_or_else(|| Error::InvalidInput("Scan or type the document first.".into()))?;
        let customer = match &self.state {
            State::SignedIn { candidates, .. } => candidates
                .iter()
                .find(|c| c.customer_id == confirmation.customer_id)
                .cloned(),
            _ => None,
        }
        .ok_or_else(|| {
            Error::InvalidInput("Find the customer's record for this document first.".into())
        })?;
        let match_result = match_for(&document, &customer, &confirmation.acting)?;
        let (payload, _) = record_verification(
            store,
            &who.staff_id,
            &Verification {
                customer: &customer,
                document: &document,
                match_result: &match_result,
                photo_confirmed: confirmation.photo_confirmed,
                judgement: confirmation.judgement,
                acting: confirmation.acting.clone(),
                store_code: &confirmation.store_code,
                today: confirmation.today,
                config: confirmation.config,
            },
        )?;
        self.end_customer();
        if let State::SignedIn { customer: slot, .. } = &mut self.state {
            *slot = Some(Box::new(CustomerSession {
                customer,
                started_at: now,
                verification: Some(payload.clone()),
            }));
        }
        Ok(payload)
    }
}

/// The document against the person the clerk says is acting: the customer, or the best of the
/// people on record in that capacity.
fn match_for(
    document: &CheckedDocument,
    customer: &CustomerSummary,
    acting: &ActingFor,
) -> std::result::Result<MatchResult, IdCheckError> {
    let capacity = acting.capacity();
    if capacity == ActingCapacity::Themself {
        return Ok(match_customer(&document.data, customer));
    }
    MatchResult::best(
        customer
            .representatives
            .iter()
            .filter(|r| r.capacity == capacity)
            .map(|r| match_representative(&document.data, r)),
    )
    .ok_or_else(|| IdCheckError::NotOnRecord {
        capacity: capacity_label(capacity).to_owned(),
    })
}

//! Clerk sign-in at the counter: staff id + PIN checked against the store's staff list cached from
//! the central API (argon2id verifiers), so that it works offline; a pause after repeated wrong
//! PINs that grows with each further failure and survives a restart; every attempt audited.

use std::time::Duration;

use argon2::{Argon2, PasswordHash, PasswordVerifier};
use chrono::{DateTime, Utc};
use protocol::api::StaffRole;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::store::{GuardedAction, Store};
use crate::time;

/// When sign-in pauses and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInPolicy {
    /// Wrong PINs in a row before the first pause.
    pub failures_before_pause: u32,
    /// The first pause; each further failure doubles it.
    pub first_pause: Duration,
    pub longest_pause: Duration,
}

impl Default for SignInPolicy {
    /// Five tries, then 30 s, 1 min, 2 min … up to 15 min: a clerk who mistypes is barely slowed,
    /// guessing a four-digit PIN takes weeks.
    fn default() -> Self {
        SignInPolicy {
            failures_before_pause: 5,
            first_pause: Duration::from_secs(30),
            longest_pause: Duration::from_secs(15 * 60),
        }
    }
}

impl SignInPolicy {
    /// The pause after the `failures`-th failure in a row, if any.
    pub fn pause_after(&self, failures: u32) -> Option<chrono::Duration> {
        let beyond = failures.checked_sub(self.failures_before_pause)?;
        let pause = self
            .first_pause
            .saturating_mul(2u32.saturating_pow(beyond.min(31)))
            .min(self.longest_pause);
        chrono::Duration::from_std(pause).ok()
    }
}

/// A clerk or supervisor signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignedIn {
    pub staff_id: String,
    pub display_name: String,
    pub role: StaffRole,
    pub signed_in_at: DateTime<Utc>,
}

/// Staff ids are typed at the counter: `pr-0101 ` is `PR-0101`.
fn tidy_staff_id(typed: &str) -> String {
    typed.trim().to_uppercase()
}

/// Checks `pin` for `staff_id` at `now`. A paused id is refused without looking at the PIN, so
/// that guesses during a pause teach nothing. Unknown ids, inactive staff and wrong PINs give the
/// same answer, so that the screen does not tell which staff ids exist.
pub fn sign_in(
    store: &mut Store,
    policy: &SignInPolicy,
    staff_id: &str,
    pin: &str,
    now: DateTime<Utc>,
) -> Result<SignedIn> {
    // Lengths first, on the raw text: a pasted 10 MB "staff id" costs nothing and is not stored.
    if staff_id.len() > 256
        || pin.len() > 64
        || crate::capture::values::holds_hidden_characters(staff_id)
        || crate::capture::values::holds_hidden_characters(pin)
    {
        return Err(Error::InvalidInput(
            "Type your staff id and your PIN.".into(),
        ));
    }
    let staff_id = tidy_staff_id(staff_id);
    if staff_id.is_empty() || staff_id.len() > 64 || pin.is_empty() {
        return Err(Error::InvalidInput(
            "Type your staff id and your PIN.".into(),
        ));
    }
    if store.staff_fetched_at()?.is_none() {
        return Err(Error::StaffListMissing);
    }
    if let Some(until) = store
        .sign_in_failures(&staff_id)?
        .and_then(|f| f.locked_until)
        .filter(|until| *until > now)
    {
        return Err(locked(until));
    }
    let member = store.staff_member(&staff_id)?;
    let verified = member
        .as_ref()
        .filter(|m| m.active)
        .is_some_and(|m| pin_matches(&m.pin_verifier, pin));
    match member.filter(|_| verified) {
        Some(m) => {
            store.record_sign_in(&m.staff_id, now)?;
            Ok(SignedIn {
                staff_id: m.staff_id,
                display_name: m.display_name,
                role: m.role,
                signed_in_at: now,
            })
        }
        None => {
            let known = store.staff_member(&staff_id)?.is_some();
            let detail = serde_json::json!({ "typed_staff_id": staff_id }).to_string();
            let record = store.record_sign_in_failure(
                &staff_id,
                known,
                now,
                |n| policy.pause_after(n),
                "staff.sign_in_failed",
                &detail,
            )?;
            match record.locked_until {
                Some(until) => Err(locked(until)),
                None => Err(Error::SignInRejected {
                    attempts_left: policy.failures_before_pause.saturating_sub(record.failures),
                }),
            }
        }
    }
}

fn locked(until: DateTime<Utc>) -> Error {
    Error::SignInLocked {
        until,
        until_local: time::format_local(until),
    }
}

/// A malformed verifier counts as a wrong PIN: nobody signs in on a broken record.
fn pin_matches(verifier: &str, pin: &str) -> bool {
    PasswordHash::new(verifier)
        .map(|hash| {
            Argon2::default()
                .verify_password(pin.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Signs the last clerk out: refused while changes wait for the central API (a signed-out kiosk
/// may be switched off and left), unless a supervisor exported the queue. Locking the screen is
/// always possible and is what a clerk does when the network is down.
pub fn sign_out(store: &mut Store, who: &SignedIn, queue_exported: bool) -> Result<()> {
    if !queue_exported {
        store.ensure_queue_empty(GuardedAction::SignOut)?;
    }
    store.append_audit(Some(&who.staff_id), "staff.signed_out", None, "{}")?;
    Ok(())
}

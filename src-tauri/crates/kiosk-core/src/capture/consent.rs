//! A signed consent record: the customer's choice per purpose and channel under the consent notice
//! they were shown, with the fields of ISO/IEC TS 27560 / Kantara consent receipt 1.1.

use std::collections::{BTreeMap, HashSet};

use protocol::api::{ConsentOnRecord, DataReport};
use protocol::mutation::{ConsentChoice, ConsentRecorded, MutationPayload, Signature};
use protocol::policy::{controller, Channel, ConsentPurpose, ConsentState};
use protocol::Lang;
use serde::Deserialize;
use uuid::Uuid;

use super::{refused, save, signature, CaptureSession, Captured};
use crate::error::Result;
use crate::store::Store;

/// How a record made at the counter was collected (the consent receipt's "collection method").
pub const COLLECTION_METHOD: &str = "in store, clerk assisted, signed";
/// The jurisdiction of the records: Kosovo (ISO 3166 user-assigned code XK).
pub const JURISDICTION: &str = "XK";

/// What the screen hands in: the notice it showed, the choices, the signature.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentDraft {
    pub lang: Lang,
    pub notice_id: String,
    pub notice_version: u32,
    pub notice_sha256: String,
    pub choices: Vec<ConsentChoice>,
    pub signature: Signature,
}

/// The customer's current choice per purpose and channel: the latest on record for each, in the
/// policy's order.
pub fn current_choices(on_record: &[ConsentOnRecord]) -> Vec<ConsentOnRecord> {
    let mut latest: BTreeMap<(ConsentPurpose, Option<Channel>), &ConsentOnRecord> = BTreeMap::new();
    for c in on_record {
        let slot = latest.entry((c.purpose, c.channel)).or_insert(c);
        if c.recorded_at > slot.recorded_at {
            *slot = c;
        }
    }
    latest.into_values().cloned().collect()
}

/// Checks the choices against the policy (each purpose with its own channels, each choice once)
/// and, when the customer's current choices are known, against them: only a consent given can be
/// withdrawn, and a consent given is withdrawn, not refused.
pub fn check_choices(choices: &[ConsentChoice], current: Option<&[ConsentOnRecord]>) -> Result<()> {
    if choices.is_empty() {
        return Err(refused(
            "invalid_input",
            "The consent record has no choice: tick or leave each purpose and channel, then sign.",
        ));
    }
    let mut seen = HashSet::new();
    for c in choices {
        let what = c.purpose.label().en;
        let channel = c.channel.map_or_else(
            || "the purpose as a whole".to_owned(),
            |ch| ch.label().en.to_owned(),
        );
        if !c.purpose.accepts_channel(c.channel) {
            return Err(refused(
                "invalid_input",
                format!("{what} is not chosen through {channel}."),
            ));
        }
        if !seen.insert((c.purpose, c.channel)) {
            return Err(refused(
                "invalid_input",
                format!("{what} through {channel} is chosen twice."),
            ));
        }
        let now = current.and_then(|cur| {
            cur.iter()
                .find(|r| r.purpose == c.purpose && r.channel == c.channel)
                .map(|r| r.state)
        });
        match (c.state, now) {
            (ConsentState::Withdrawn, Some(s)) if s != ConsentState::Given => {
                return Err(refused(
                    "invalid_input",
                    format!(
                        "{what} through {channel} is not given now: there is nothing to withdraw."
                    ),
                ))
            }
            (ConsentState::Withdrawn, None) if current.is_some() => {
                return Err(refused(
                    "invalid_input",
                    format!(
                        "{what} through {channel} was never given: there is nothing to withdraw."
                    ),
                ))
            }
            (ConsentState::Refused, Some(ConsentState::Given)) => {
                return Err(refused(
                    "invalid_input",
                    format!("{what} through {channel} is given now: it is withdrawn, not refused."),
                ))
            }
            _ => {}
        }
    }
    Ok(())
}

/// Checks the draft against the notice the kiosk holds now in its language and against the
/// customer's current choices (from their data report, when it was loaded), then saves the signed
/// record.
pub fn record(
    store: &mut Store,
    session: &CaptureSession,
    report: Option<&DataReport>,
    draft: ConsentDraft,
) -> Result<Captured> {
    let notice = store.notice(draft.lang)?.ok_or_else(|| {
        refused(
            "notice_unavailable",
            format!(
                "This kiosk has no consent notice in {}: it is fetched from the central API when the kiosk is online.",
                draft.lang
            ),
        )
    })?;
    let current = report.map(|r| current_choices(&r.consents));
    let current = current.as_deref();
    if draft.lang != notice.lang
        || draft.notice_id != notice.notice_id
        || draft.notice_version != notice.version
        || !draft
            .notice_sha256
            .eq_ignore_ascii_case(&notice.text_sha256)
    {
        return Err(refused(
            "notice_outdated",
            format!(
                "The consent notice on the screen is not the current one ({} version {} in {}): open the consent again and let the customer read the current notice.",
                notice.notice_id, notice.version, notice.lang
            ),
        ));
    }
    check_choices(&draft.choices, current)?;
    signature::check(&draft.signature)?;
    let record_id = Uuid::now_v7();
    let payload = ConsentRecorded {
        record_id,
        customer_id: session.customer.customer_id.clone(),
        notice_id: notice.notice_id.clone(),
        notice_version: notice.version,
        notice_sha256: notice.text_sha256.to_ascii_lowercase(),
        lang: notice.lang,
        choices: draft.choices,
        collection_method: COLLECTION_METHOD.to_owned(),
        jurisdiction: JURISDICTION.to_owned(),
        controller: controller::CONTROLLER_NAME.to_owned(),
        expressed_by: session.verification.acting.clone(),
        store_code: session.store_code.clone(),
        identity_verification_id: Some(session.verification.verification_id),
        signature_sha256: draft.signature.sha256(),
        signature: draft.signature,
    };
    save(
        store,
        session,
        MutationPayload::ConsentRecorded(payload),
        record_id.to_string(),
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn on_record(
        purpose: ConsentPurpose,
        channel: Option<Channel>,
        state: ConsentState,
        day: u32,
    ) -> ConsentOnRecord {
        ConsentOnRecord {
            purpose,
            channel,
            state,
            recorded_at: Utc
                .with_ymd_and_hms(2026, 3, day, 10, 0, 0)
                .single()
                .unwrap_or_default(),
            method: COLLECTION_METHOD.into(),
            store_code: Some("DEMO-PRISHTINA".into()),
            notice_version: Some(1),
        }
    }

    fn choice(
        purpose: ConsentPurpose,
        channel: Option<Channel>,
        state: ConsentState,
    ) -> ConsentChoice {
        ConsentChoice {
            purpose,
            channel,
            state,
        }
    }

    fn code(r: Result<()>) -> &'static str {
        r.err().map_or("ok", |e| e.code())
    }

    #[test]
    fn the_latest_choice_per_purpose_and_channel_is_the_current_one() {
        use ConsentPurpose::*;
        let current = current_choices(&[
            on_record(CurrentOffers, Some(Channel::Email), ConsentState::Given, 2),
            on_record(
                CurrentOffers,
                Some(Channel::Email),
                ConsentState::Withdrawn,
                9,
            ),
            on_record(CurrentOffers, Some(Channel::SmsMms), ConsentState::Given, 5),
            on_record(HelpUsBeBetter, None, ConsentState::Refused, 1),
        ]);
        assert_eq!(current.len(), 3);
        let email = current.iter().find(|c| c.channel == Some(Channel::Email));
        assert_eq!(email.map(|c| c.state), Some(ConsentState::Withdrawn));
    }

    #[test]
    fn choices_follow_the_policy_and_only_a_given_consent_is_withdrawn() {
        use ConsentPurpose::*;
        use ConsentState::*;
        let current = vec![on_record(CurrentOffers, Some(Channel::Email), Given, 2)];
        let ok = [
            choice(CurrentOffers, Some(Channel::Email), Withdrawn),
            choice(HelpUsBeBetter, None, Given),
        ];
        assert_eq!(code(check_choices(&ok, Some(&current))), "ok");
        assert_eq!(code(check_choices(&[], Some(&current))), "invalid_input");
        // The home visit is not a channel of current offers; "help us be better" takes none.
        assert_eq!(
            code(check_choices(
                &[choice(CurrentOffers, Some(Channel::HomeVisit), Given)],
                None
            )),
            "invalid_input"
        );
        assert_eq!(
            code(check_choices(
                &[choice(HelpUsBeBetter, Some(Channel::Email), Given)],
                None
            )),
            "invalid_input"
        );
        let twice = [
            choice(CurrentOffers, Some(Channel::Email), Given),
            choice(CurrentOffers, Some(Channel::Email), Refused),
        ];
        assert_eq!(code(check_choices(&twice, None)), "invalid_input");
        // Nothing to withdraw, and a given consent is not "refused".
        assert_eq!(
            code(check_choices(
                &[choice(CurrentOffers, Some(Channel::SmsMms), Withdrawn)],
                Some(&current)
            )),
            "invalid_input"
        );
        assert_eq!(
            code(check_choices(
                &[choice(CurrentOffers, Some(Channel::Email), Refused)],
                Some(&current)
            )),
            "invalid_input"
        );
        // Not knowing the current choices, a withdrawal the customer asks for is taken.
        assert_eq!(
            code(check_choices(
                &[choice(CurrentOffers, Some(Channel::SmsMms), Withdrawn)],
                None
            )),
            "ok"
        );
    }
}

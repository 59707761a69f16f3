//! Realistic signed changes for the fictional demo store's customers (`C-000001` … `C-000060`), for
//! `kioskctl capture-demo`, benchmarks and the sync fault tests. Every name, number and stroke here
//! is invented.
//!
//! The mix: consent records (several purposes and channels, given / refused / withdrawn, a signature
//! of a few hundred pad points), corrections (contact details, based on record version 1: once a
//! customer's record was corrected, later demo corrections of that customer come back `conflict`,
//! which exercises the review list), rights requests (access, erasure, restriction, objection,
//! portability, complaint) and identity verifications.

use protocol::api::{ActingCapacity, ConsentNotice, DocumentType};
use protocol::mutation::{
    Actor, ConsentChoice, ConsentRecorded, CorrectableField, CorrectionRequested, IdentityVerified,
    MatchVerdict, MutationPayload, RightsRequestSubmitted, Signature, SignaturePoint,
    VerificationMethod,
};
use protocol::policy::{ConsentPurpose, ConsentState, LegitimateInterestPurpose, RightKind};
use rand::seq::SliceRandom;
use rand::Rng;
use uuid::Uuid;

/// How many demo customers there are: `C-000001` to `C-000060`.
pub const DEMO_CUSTOMERS: u32 = 60;
/// The demo store's clerks.
pub const DEMO_CLERKS: [&str; 4] = ["PR-0101", "PR-0102", "PR-0103", "PR-0104"];

/// The demo customer id of number `n` (1-based).
pub fn customer_id(n: u32) -> String {
    format!("C-{n:06}")
}

/// What every demo change needs from the kiosk: its store and the consent notice shown.
#[derive(Debug, Clone)]
pub struct DemoContext {
    pub store_code: String,
    pub notice: ConsentNotice,
}

/// A demo change and the clerk who captured it.
#[derive(Debug, Clone)]
pub struct DemoChange {
    pub clerk_id: &'static str,
    pub payload: MutationPayload,
}

/// One random, realistic change.
pub fn change<R: Rng + ?Sized>(ctx: &DemoContext, rng: &mut R) -> DemoChange {
    let customer = customer_id(rng.gen_range(1..=DEMO_CUSTOMERS));
    let clerk_id = DEMO_CLERKS[rng.gen_range(0..DEMO_CLERKS.len())];
    let roll = rng.gen_range(0..100);
    let payload = if roll < 45 {
        consent(ctx, customer, rng)
    } else if roll < 60 {
        correction(ctx, customer, rng)
    } else if roll < 90 {
        rights_request(ctx, customer, rng)
    } else {
        identity(ctx, customer, rng)
    };
    DemoChange { clerk_id, payload }
}

fn themself() -> Actor {
    Actor {
        capacity: ActingCapacity::Themself,
        name: None,
        personal_number: None,
        authorisation_reference: None,
    }
}

/// A handwritten-looking signature: 2–4 strokes of 40–120 points, pad positions with tenths of a
/// pixel, pressure, and 8 ms sampling.
pub fn signature<R: Rng + ?Sized>(rng: &mut R) -> Signature {
    let (width, height) = (640u32, 240u32);
    let sub = protocol::mutation::SIGNATURE_SUBPIXELS as f32;
    let strokes = (0..rng.gen_range(2..=4))
        .map(|s| {
            let n = rng.gen_range(40..=120u32);
            let (x0, y0) = (30.0 + s as f32 * 140.0, rng.gen_range(80.0..160.0f32));
            let (fx, amp) = (rng.gen_range(0.05..0.3f32), rng.gen_range(10.0..45.0f32));
            (0..n)
                .map(|i| {
                    let t = i as f32;
                    let x = x0 + t * rng.gen_range(0.9..1.4f32);
                    let y = y0 + (t * fx).sin() * amp + rng.gen_range(-1.5..1.5f32);
                    SignaturePoint {
                        x: ((x * sub).round() as u32).min(width * sub as u32),
                        y: ((y * sub).round().max(0.0) as u32).min(height * sub as u32),
                        t: i * 8,
                        pressure: Some(rng.gen_range(250..950u16)),
                    }
                })
                .collect()
        })
        .collect();
    Signature {
        width,
        height,
        strokes,
    }
}

fn reference(prefix: &str) -> String {
    format!("{prefix}-{}", Uuid::now_v7().simple())
}

fn consent<R: Rng + ?Sized>(ctx: &DemoContext, customer: String, rng: &mut R) -> MutationPayload {
    let mut choices = Vec::new();
    let states = [
        ConsentState::Given,
        ConsentState::Refused,
        ConsentState::Withdrawn,
    ];
    for purpose in ConsentPurpose::ALL {
        if !rng.gen_bool(0.6) {
            continue;
        }
        let state = states[rng.gen_range(0..states.len())];
        let channels = purpose.channels();
        if channels.is_empty() {
            choices.push(ConsentChoice {
                purpose,
                channel: None,
                state,
            });
        } else {
            let k = rng.gen_range(1..=channels.len().min(4));
            for channel in channels.choose_multiple(rng, k) {
                choices.push(ConsentChoice {
                    purpose,
                    channel: Some(*channel),
                    state,
                });
            }
        }
    }
    if choices.is_empty() {
        choices.push(ConsentChoice {
            purpose: ConsentPurpose::HelpUsBeBetter,
            channel: None,
            state: ConsentState::Refused,
        });
    }
    let signature = signature(rng);
    MutationPayload::ConsentRecorded(ConsentRecorded {
        record_id: Uuid::now_v7(),
        customer_id: customer,
        notice_id: ctx.notice.notice_id.clone(),
        notice_version: ctx.notice.version,
        notice_sha256: ctx.notice.text_sha256.clone(),
        lang: ctx.notice.lang,
        choices,
        collection_method: "in store, clerk assisted, signed".into(),
        jurisdiction: "XK".into(),
        controller: "IPKO Telecommunications LLC".into(),
        expressed_by: themself(),
        store_code: ctx.store_code.clone(),
        identity_verification_id: None,
        signature_sha256: signature.sha256(),
        signature,
    })
}

fn correction<R: Rng + ?Sized>(
    ctx: &DemoContext,
    customer: String,
    rng: &mut R,
) -> MutationPayload {
    let streets = [
        "Rr. Nënë Tereza",
        "Rr. Agim Ramadani",
        "Bul. Bill Clinton",
        "Rr. UÇK",
    ];
    let (field, old_value, new_value) = match rng.gen_range(0..3) {
        0 => (
            CorrectableField::Address,
            "(as on record)".to_owned(),
            format!(
                "{} {}, 10000 Prishtinë (demo)",
                streets[rng.gen_range(0..streets.len())],
                rng.gen_range(1..120)
            ),
        ),
        1 => (
            CorrectableField::Email,
            "(as on record)".to_owned(),
            format!("demo.{}@example.invalid", rng.gen_range(1000..9999)),
        ),
        _ => (
            CorrectableField::ContactNumber,
            "(as on record)".to_owned(),
            format!(
                "+383 49 {:03} {:03}",
                rng.gen_range(0..1000),
                rng.gen_range(0..1000)
            ),
        ),
    };
    let signature = signature(rng);
    MutationPayload::CorrectionRequested(CorrectionRequested {
        reference: reference("DEMO-COR"),
        customer_id: customer,
        field,
        old_value,
        new_value,
        reason: "The customer moved / changed contact details (demo).".into(),
        base_record_version: 1,
        expressed_by: themself(),
        store_code: ctx.store_code.clone(),
        signature_sha256: signature.sha256(),
        signature,
    })
}

fn rights_request<R: Rng + ?Sized>(
    ctx: &DemoContext,
    customer: String,
    rng: &mut R,
) -> MutationPayload {
    let kinds = [
        (
            RightKind::Access,
            "A printed copy of all data, traffic included.",
        ),
        (
            RightKind::Erasure,
            "Delete the marketing profile and old contact details.",
        ),
        (
            RightKind::Restriction,
            "Restrict processing while a complaint is examined.",
        ),
        (
            RightKind::Objection,
            "Object to this processing of my data.",
        ),
        (
            RightKind::Portability,
            "My contract data as a CSV file on a USB stick.",
        ),
        (
            RightKind::Complaint,
            "I was called for offers after withdrawing consent.",
        ),
    ];
    let (kind, details) = kinds[rng.gen_range(0..kinds.len())];
    let objection_purpose = (kind == RightKind::Objection).then(|| {
        LegitimateInterestPurpose::ALL[rng.gen_range(0..LegitimateInterestPurpose::ALL.len())]
    });
    let signature = signature(rng);
    MutationPayload::RightsRequestSubmitted(RightsRequestSubmitted {
        reference: reference("DEMO-REQ"),
        customer_id: customer,
        kind,
        objection_purpose,
        details: details.into(),
        expressed_by: themself(),
        store_code: ctx.store_code.clone(),
        signature_sha256: signature.sha256(),
        signature,
    })
}

fn identity<R: Rng + ?Sized>(ctx: &DemoContext, customer: String, rng: &mut R) -> MutationPayload {
    MutationPayload::IdentityVerified(IdentityVerified {
        verification_id: Uuid::now_v7(),
        customer_id: customer,
        document_type: if rng.gen_bool(0.8) {
            DocumentType::IdCard
        } else {
            DocumentType::Passport
        },
        issuing_state: "RKS".into(),
        document_number_last4: format!("{:04}", rng.gen_range(0..10_000)),
        document_expires_on: chrono::NaiveDate::from_ymd_opt(2030, 1 + rng.gen_range(0..12), 15),
        method: if rng.gen_bool(0.7) {
            VerificationMethod::Scanned
        } else {
            VerificationMethod::Typed
        },
        verdict: MatchVerdict::Match,
        photo_confirmed: true,
        acting: themself(),
        store_code: ctx.store_code.clone(),
        holder: None,
    })
}

/// The machine-readable zone (ICAO 9303 TD1, three lines of 30) of a Kosovo identity card for a
/// fictional person on a demo record: what the demo's "documents to try" show and what a scanner
/// would type for them. `None` when the record lacks what a card carries (a personal number, a
/// date of birth: businesses, foreigners).
pub fn id_card_zone(
    person: &protocol::api::CustomerSummary,
    document_number: &str,
    expires_on: chrono::NaiveDate,
) -> Option<String> {
    use crate::idcheck::mrz::check_digit;
    use crate::idcheck::transliterate::to_icao;

    let pad = |s: &str, width: usize| format!("{s:<<width$}");
    let personal_number = person.personal_number.as_deref()?;
    let born = person.date_of_birth?;
    if document_number.len() != 9 || personal_number.len() != 10 {
        return None;
    }
    let line1 = format!(
        "IDRKS{document_number}{}{}",
        check_digit(document_number),
        pad(personal_number, 15)
    );
    let yymmdd = |d: chrono::NaiveDate| d.format("%y%m%d").to_string();
    let (dob, exp) = (yymmdd(born), yymmdd(expires_on));
    // The record does not say; demo cards carry "<" (unspecified), which every check accepts.
    let mut line2 = format!(
        "{dob}{}<{exp}{}RKS{}",
        check_digit(&dob),
        check_digit(&exp),
        pad("", 11)
    );
    let composite = format!(
        "{}{}{}{}",
        &line1[5..30],
        &line2[0..7],
        &line2[8..15],
        &line2[18..29]
    );
    line2.push(check_digit(&composite));
    let name = |s: &str| to_icao(s).split_whitespace().collect::<Vec<_>>().join("<");
    let line3 = pad(
        &format!("{}<<{}", name(&person.last_name), name(&person.first_name)),
        30,
    );
    let line3: String = line3.chars().take(30).collect();
    Some(format!("{line1}\n{line2}\n{line3}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    fn ctx() -> DemoContext {
        DemoContext {
            store_code: "DEMO-PRISHTINA".into(),
            notice: ConsentNotice {
                notice_id: "consent-notice".into(),
                version: 1,
                lang: protocol::Lang::Sq,
                title: "t".into(),
                text: "x".into(),
                text_sha256: protocol::mutation::sha256_hex(b"x"),
                published_at: crate::time::now(),
            },
        }
    }

    #[test]
    fn demo_changes_are_valid_signed_changes_of_every_kind() {
        let mut rng = StdRng::seed_from_u64(11);
        let mut kinds = std::collections::HashSet::new();
        for _ in 0..300 {
            let c = change(&ctx(), &mut rng);
            kinds.insert(c.payload.kind());
            let customer = c.payload.customer_id().unwrap_or_default().to_owned();
            assert!(customer.starts_with("C-0000") && customer.len() == 8);
            if let MutationPayload::ConsentRecorded(p) = &c.payload {
                assert!(!p.choices.is_empty());
                assert!(p
                    .choices
                    .iter()
                    .all(|ch| ch.purpose.accepts_channel(ch.channel)));
                assert_eq!(p.signature.sha256(), p.signature_sha256);
                assert!(p.signature.point_count() >= 80);
            }
            if let MutationPayload::RightsRequestSubmitted(p) = &c.payload {
                assert_eq!(
                    p.objection_purpose.is_some(),
                    p.kind == RightKind::Objection
                );
                assert!(!p.kind.business_only());
            }
        }
        assert_eq!(kinds.len(), 4, "{kinds:?}");
    }

    #[test]
    fn demo_payloads_have_the_same_canonical_json_written_directly_and_through_a_tree() {
        use rand::SeedableRng;
        let mut rng = rand::rngs::StdRng::seed_from_u64(99);
        let ctx = crate::demo::DemoContext {
            store_code: "DEMO-PRISHTINA".into(),
            notice: protocol::api::ConsentNotice {
                notice_id: "consent-notice".into(),
                version: 1,
                lang: protocol::Lang::Sr,
                title: "t".into(),
                text: "ë \" \\ \u{1}".into(),
                text_sha256: "ab".repeat(32),
                published_at: crate::time::now(),
            },
        };
        for _ in 0..400 {
            let payload = crate::demo::change(&ctx, &mut rng).payload;
            let direct = protocol::canonical::to_canonical(&payload).ok();
            assert_eq!(
                direct,
                Some(protocol::mutation::canonical_json(&payload.to_value()))
            );
        }
    }
}

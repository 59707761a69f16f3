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
    AccessItem, Actor, ConsentChoice, ConsentRecorded, CorrectableField, CorrectionRequested,
    IdentityVerified, MatchVerdict, MutationPayload, PortableFormat, RequestParticulars,
    RightsRequestSubmitted, Signature, SignaturePoint, VerificationMethod,
};
use protocol::policy::{
    ConsentPurpose, ConsentState, DataCategory, LegitimateInterestPurpose, RightKind,
};
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
    let particulars = match kind {
        RightKind::Access => RequestParticulars::Access {
            items: vec![AccessItem::FullTrafficData],
            from: None,
            to: None,
        },
        RightKind::Erasure => RequestParticulars::Erasure {
            categories: vec![DataCategory::IdentityContact],
        },
        RightKind::Restriction => RequestParticulars::Restriction {
            categories: vec![DataCategory::MobileServices],
        },
        RightKind::Portability => RequestParticulars::Portability {
            formats: vec![PortableFormat::Csv],
        },
        RightKind::Complaint => RequestParticulars::Complaint {
            supervisory_authority_explained: true,
        },
        _ => RequestParticulars::Objection,
    };
    let signature = signature(rng);
    MutationPayload::RightsRequestSubmitted(RightsRequestSubmitted {
        reference: reference("DEMO-REQ"),
        customer_id: customer,
        kind,
        objection_purpose,
        details: details.into(),
        particulars: Some(particulars),
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

/// Which case of the demo a document to try shows (the screen words it in three languages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DemoCase {
    Adult,
    MinorWithGuardian,
    Business,
    ForeignPassport,
}

/// A document the demo offers to "scan": whose it is, for which customer, and its zone.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DemoDocument {
    /// The customer served with it (for a guardian or representative: the one they act for).
    pub customer_id: String,
    /// Whose document it is.
    pub display_name: String,
    pub document_type: DocumentType,
    pub case: DemoCase,
    pub zone: String,
}

/// Documents to try for the demo's customers: each adult's identity card, the foreign customer's
/// passport, the guardian's card for the minor and a representative's card for the business. All of
/// them pass every check on `today` and expire three years later.
pub fn documents_to_try(
    customers: &[protocol::api::CustomerSummary],
    today: chrono::NaiveDate,
) -> Vec<DemoDocument> {
    use protocol::api::CustomerKind;
    let expires = today + chrono::Duration::days(3 * 365);
    let mut out = Vec::new();
    for (n, c) in customers.iter().enumerate() {
        let number = |letter: char| format!("{letter}{:08}", n + 1);
        let acting = c.representatives.iter().find(|r| {
            r.personal_number.is_some()
                && (c.kind == CustomerKind::Business || r.capacity == ActingCapacity::Guardian)
        });
        let found = if let Some(r) = acting {
            // The record keeps no birth date of a representative; their demo card carries an
            // invented one.
            let born = chrono::NaiveDate::from_ymd_opt(1979, 3, 1 + (n % 28) as u32);
            let holder = Person {
                first_name: &r.first_name,
                last_name: &r.last_name,
                personal_number: r.personal_number.as_deref(),
                date_of_birth: born,
            };
            let case = if c.kind == CustomerKind::Business {
                DemoCase::Business
            } else {
                DemoCase::MinorWithGuardian
            };
            td1(&holder, &number('R'), expires)
                .map(|zone| (holder.name(), DocumentType::IdCard, case, zone))
        } else if let Some(doc) = c.identity_document.as_ref() {
            let nationality = c.nationality.as_deref().unwrap_or(&doc.issuing_state);
            td3(c, doc, nationality, expires).map(|zone| {
                (
                    format!("{} {}", c.first_name, c.last_name),
                    doc.document_type,
                    DemoCase::ForeignPassport,
                    zone,
                )
            })
        } else if c.kind == CustomerKind::Business {
            None
        } else {
            id_card_zone(c, &number('P'), expires).map(|zone| {
                (
                    format!("{} {}", c.first_name, c.last_name),
                    DocumentType::IdCard,
                    DemoCase::Adult,
                    zone,
                )
            })
        };
        if let Some((display_name, document_type, case, zone)) = found {
            out.push(DemoDocument {
                customer_id: c.customer_id.clone(),
                display_name,
                document_type,
                case,
                zone,
            });
        }
    }
    out
}

/// What a card's zone carries of its holder.
struct Person<'a> {
    first_name: &'a str,
    last_name: &'a str,
    personal_number: Option<&'a str>,
    date_of_birth: Option<chrono::NaiveDate>,
}

impl Person<'_> {
    fn name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

fn pad(s: &str, width: usize) -> String {
    let padded = format!("{s:<<width$}");
    padded.chars().take(width).collect()
}

fn yymmdd(d: chrono::NaiveDate) -> String {
    d.format("%y%m%d").to_string()
}

/// The name field of a zone: surname, `<<`, given names, in ICAO's Latin letters.
fn zone_name(last: &str, first: &str) -> String {
    use crate::idcheck::transliterate::to_icao;
    let name = |s: &str| to_icao(s).split_whitespace().collect::<Vec<_>>().join("<");
    format!("{}<<{}", name(last), name(first))
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
    td1(
        &Person {
            first_name: &person.first_name,
            last_name: &person.last_name,
            personal_number: person.personal_number.as_deref(),
            date_of_birth: person.date_of_birth,
        },
        document_number,
        expires_on,
    )
}

fn td1(
    person: &Person<'_>,
    document_number: &str,
    expires_on: chrono::NaiveDate,
) -> Option<String> {
    use crate::idcheck::mrz::check_digit;

    let personal_number = person.personal_number?;
    let born = person.date_of_birth?;
    if document_number.len() != 9 || personal_number.len() != 10 {
        return None;
    }
    let line1 = format!(
        "IDRKS{document_number}{}{}",
        check_digit(document_number),
        pad(personal_number, 15)
    );
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
    let line3 = pad(&zone_name(person.last_name, person.first_name), 30);
    Some(format!("{line1}\n{line2}\n{line3}"))
}

/// The zone of a passport (ICAO 9303 TD3, two lines of 44) as the record describes it.
fn td3(
    person: &protocol::api::CustomerSummary,
    doc: &protocol::api::RecordedDocument,
    nationality: &str,
    expires_on: chrono::NaiveDate,
) -> Option<String> {
    use crate::idcheck::mrz::check_digit;

    let born = person.date_of_birth?;
    if doc.document_type != DocumentType::Passport || doc.number.len() > 9 {
        return None;
    }
    let line1 = pad(
        &format!(
            "P<{}{}",
            doc.issuing_state,
            zone_name(&person.last_name, &person.first_name)
        ),
        44,
    );
    let number = pad(&doc.number, 9);
    let (dob, exp) = (yymmdd(born), yymmdd(expires_on));
    let optional = pad("", 14);
    let mut line2 = format!(
        "{number}{}{nationality}{dob}{}<{exp}{}{optional}{}",
        check_digit(&number),
        check_digit(&dob),
        check_digit(&exp),
        check_digit(&optional),
    );
    let composite = format!("{}{}{}", &line2[0..10], &line2[13..20], &line2[21..43]);
    line2.push(check_digit(&composite));
    Some(format!("{line1}\n{line2}"))
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

    /// Every document to try passes every check of the zone on the day, in its own format.
    #[test]
    fn documents_to_try_pass_their_checks() {
        use crate::idcheck::mrz::parse_mrz_with;
        use crate::idcheck::IdCheckConfig;
        let today = crate::time::today();
        let customers: Vec<_> = central_api::demo::dataset(crate::time::now())
            .customers
            .into_iter()
            .take(10)
            .map(|c| c.summary)
            .collect();
        let docs = documents_to_try(&customers, today);
        let cases: std::collections::HashSet<_> = docs.iter().map(|d| d.case).collect();
        assert_eq!(cases.len(), 4, "{docs:?}");
        for d in &docs {
            let report = parse_mrz_with(&d.zone, today, &IdCheckConfig::default());
            let report = report.unwrap_or_else(|e| panic!("{}: {e}", d.customer_id));
            assert!(report.valid, "{}: {:?}", d.customer_id, report.errors);
        }
        assert!(docs.iter().any(|d| d.zone.lines().all(|l| l.len() == 44)));
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

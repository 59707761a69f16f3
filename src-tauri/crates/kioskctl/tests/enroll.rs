//! `kioskctl enroll` against the real reference server, embedded, and the store's queue pushed to it
//! as the sync worker will: the enrolment, the wire numbering and the payload hashes must be what
//! the central API accepts.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::kioskctl;

use std::path::Path;
use std::process::Output;

use central_api::demo::{DEMO_ENROLMENT_SECRET, DEMO_STORE_CODE};
use central_api::{spawn_background, BackgroundServer, ServerConfig};
use kiosk_core::Store;
use protocol::api::{ActingCapacity, ConsentNotice};
use protocol::mutation::{
    Actor, ConsentChoice, ConsentRecorded, MutationPayload, PushOutcome, PushRequest, PushResponse,
    Signature, SignaturePoint,
};
use protocol::policy::{Channel, ConsentPurpose, ConsentState};
use protocol::Lang;

fn server(dir: &Path) -> BackgroundServer {
    spawn_background(
        ServerConfig::demo(dir.join("central.sqlite3")),
        "127.0.0.1:0".parse().unwrap(),
    )
    .unwrap()
}

fn enroll(data_dir: &Path, url: &str, secret: &str) -> Output {
    kioskctl(
        data_dir,
        &[
            "enroll",
            "--url",
            url,
            "--store",
            DEMO_STORE_CODE,
            "--secret",
            secret,
            "--name",
            "Counter 2",
        ],
    )
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Pushes everything pending, as the sync worker will, and records the answer.
fn push_all(runtime: &tokio::runtime::Runtime, store: &mut Store) -> Vec<PushOutcome> {
    let enrolment = store.enrolment().unwrap().unwrap();
    let batch = store.pending_batch(500, usize::MAX).unwrap();
    let client =
        kiosk_core::enrol::http_client(&kiosk_core::trust::CentralTrust::public_roots()).unwrap();
    let url = kiosk_core::enrol::api_url(
        &enrolment.central_url,
        &format!("/devices/{}/push", enrolment.device_id),
    );
    let response: PushResponse = runtime.block_on(async {
        let answer = client
            .post(url)
            .bearer_auth(&enrolment.token)
            .json(&PushRequest { mutations: batch })
            .send()
            .await
            .unwrap();
        assert!(
            answer.status().is_success(),
            "push answered {}",
            answer.status()
        );
        answer.json().await.unwrap()
    });
    store.apply_push_response(&response).unwrap();
    response.results.into_iter().map(|r| r.outcome).collect()
}

fn consent(customer_id: &str, notice: &ConsentNotice) -> MutationPayload {
    let strokes = vec![(0..60)
        .map(|i| SignaturePoint {
            x: 123 + i * 14,
            y: 800 + i * 3 % 219,
            t: i * 9,
            pressure: Some(310 + (i % 5) as u16 * 91),
        })
        .collect()];
    let signature = Signature {
        width: 640,
        height: 240,
        strokes,
    };
    MutationPayload::ConsentRecorded(ConsentRecorded {
        record_id: uuid::Uuid::now_v7(),
        customer_id: customer_id.into(),
        notice_id: notice.notice_id.clone(),
        notice_version: notice.version,
        notice_sha256: notice.text_sha256.clone(),
        lang: notice.lang,
        choices: vec![ConsentChoice {
            purpose: ConsentPurpose::CurrentOffers,
            channel: Some(Channel::SmsMms),
            state: ConsentState::Given,
        }],
        collection_method: "in store, clerk assisted, signed".into(),
        jurisdiction: "XK".into(),
        controller: "IPKO Telecommunications LLC".into(),
        expressed_by: Actor {
            capacity: ActingCapacity::Themself,
            name: None,
            personal_number: None,
            authorisation_reference: None,
        },
        store_code: DEMO_STORE_CODE.into(),
        identity_verification_id: None,
        signature_sha256: signature.sha256(),
        signature,
    })
}

#[test]
fn a_wrong_secret_is_refused_with_a_clear_message() {
    let tmp = tempfile::tempdir().unwrap();
    let server = server(tmp.path());
    let kiosk = tmp.path().join("kiosk");
    let o = enroll(&kiosk, &server.url(), "not-the-secret");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stdout));
    let err = text(&o.stderr);
    assert!(
        err.starts_with("The central API refused the enrolment: "),
        "{err}"
    );
    assert!(err.contains("enrolment secret is wrong"), "{err}");
    assert!(
        !err.contains("not-the-secret"),
        "the secret must not be echoed"
    );
    assert!(!err.contains("panicked"));
    let store = Store::open_in(&kiosk).unwrap();
    assert!(store.enrolment().unwrap().is_none());

    // A store code the server does not know is refused the same way.
    let o = kioskctl(
        &kiosk,
        &[
            "enroll",
            "--url",
            &server.url(),
            "--store",
            "NO-SUCH-STORE",
            "--secret",
            DEMO_ENROLMENT_SECRET,
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).starts_with("The central API refused the enrolment"));
    server.shutdown().unwrap();
}

#[test]
fn enrol_push_and_enrol_again_against_the_reference_server() {
    let tmp = tempfile::tempdir().unwrap();
    let server = server(tmp.path());
    let kiosk = tmp.path().join("kiosk");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();

    let o = enroll(&kiosk, &server.url(), DEMO_ENROLMENT_SECRET);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let mut store = Store::open_in(&kiosk).unwrap();
    let first = store.enrolment().unwrap().unwrap();
    assert!(
        out.contains(&format!("device {}", first.device_id)) && out.contains(DEMO_STORE_CODE),
        "{out}"
    );
    assert!(!out.contains(&first.token), "the token must not be printed");
    assert_eq!(first.central_url, server.url());

    // A signed consent for a demo customer, under the notice the server serves.
    let notice: ConsentNotice = runtime.block_on(async {
        kiosk_core::enrol::http_client(&kiosk_core::trust::CentralTrust::public_roots())
            .unwrap()
            .get(kiosk_core::enrol::api_url(
                &first.central_url,
                "/notices/consent?lang=sq",
            ))
            .bearer_auth(&first.token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    });
    assert_eq!(notice.lang, Lang::Sq);
    store.cache_notice(&notice).unwrap();
    let customers =
        central_api::admin::demo_customers(&tmp.path().join("central.sqlite3")).unwrap();
    for c in customers.iter().take(3) {
        store
            .capture("PR-0107", &consent(&c.customer_id, &notice))
            .unwrap();
    }

    // While the enrolment's own audit entry and the captures wait, enrolling again is refused.
    let o = enroll(&kiosk, &server.url(), DEMO_ENROLMENT_SECRET);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("7 change(s) captured at this kiosk have not reached"),
        "{}",
        text(&o.stderr)
    );

    let outcomes = push_all(&runtime, &mut store);
    assert_eq!(outcomes.len(), 7);
    assert!(
        outcomes.iter().all(|o| *o == PushOutcome::Applied),
        "{outcomes:?}"
    );
    assert_eq!(store.queue_status().unwrap().pending, 0);
    assert_eq!(store.enrolment().unwrap().unwrap().applied_through_seq, 7);

    let o = kioskctl(&kiosk, &["queue", "status", "--json"]);
    let status: serde_json::Value = serde_json::from_str(text(&o.stdout).trim()).unwrap();
    assert_eq!(
        (status["pending"].as_u64(), status["acknowledged"].as_u64()),
        (Some(0), Some(7))
    );

    // Nothing pending: enrolling again works, as a new device whose numbering starts at 1.
    drop(store);
    let o = enroll(&kiosk, &server.url(), DEMO_ENROLMENT_SECRET);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let mut store = Store::open_in(&kiosk).unwrap();
    let second = store.enrolment().unwrap().unwrap();
    assert_ne!(second.device_id, first.device_id);
    store
        .append_audit(
            Some("PR-0107"),
            "report.printed",
            Some(&customers[0].customer_id),
            "{}",
        )
        .unwrap();
    let outcomes = push_all(&runtime, &mut store);
    assert_eq!(outcomes, vec![PushOutcome::Applied, PushOutcome::Applied]);
    assert_eq!(store.enrolment().unwrap().unwrap().applied_through_seq, 2);

    let o = kioskctl(&kiosk, &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    assert!(
        text(&o.stdout).starts_with("Audit chain intact: 6 entries"),
        "{}",
        text(&o.stdout)
    );
    server.shutdown().unwrap();
}

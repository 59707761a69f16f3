//! `kioskctl report render` and `kioskctl receipt …`, the real binary on files as support staff
//! would give it: reports assembled from the reference server's fictional demo dataset, receipts of
//! demo changes; the PDFs read back with poppler's pdftotext (required: `.dev/setup` installs it).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{kioskctl, stderr, stdout};

use std::path::Path;
use std::process::Command;

use chrono::Utc;
use kiosk_core::demo::{self, DemoContext};
use protocol::api::{CategoryReport, DataReport};
use protocol::mutation::{Mutation, MutationPayload};
use protocol::policy::DataCategory;
use rand::rngs::StdRng;
use rand::SeedableRng;

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed; `.dev/setup` installs it");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The demo customers' data reports as the central API builds them, from the same dataset.
fn demo_reports() -> &'static [DataReport] {
    static REPORTS: std::sync::OnceLock<Vec<DataReport>> = std::sync::OnceLock::new();
    REPORTS.get_or_init(|| {
        let now = Utc::now();
        central_api::demo::dataset(central_api::demo::as_of_day(now))
            .customers
            .into_iter()
            .map(|c| report_of(c, now))
            .collect()
    })
}

/// The data report of demo customer `n` (1-based).
fn demo_report(n: usize) -> DataReport {
    demo_reports()[n - 1].clone()
}

fn report_of(customer: central_api::demo::DemoCustomer, now: chrono::DateTime<Utc>) -> DataReport {
    let categories = DataCategory::ALL
        .into_iter()
        .map(|category| {
            let p = category.processing();
            CategoryReport {
                category,
                records: customer
                    .records
                    .iter()
                    .filter(|(c, _)| *c == category)
                    .map(|(_, r)| r.clone())
                    .collect(),
                purposes: p.purposes.to_vec(),
                legal_bases: p.legal_bases.to_vec(),
                recipients: p.recipients.to_vec(),
                sources: p.sources.to_vec(),
                retention: p.retention.to_vec(),
            }
        })
        .collect();
    DataReport {
        report_id: uuid::Uuid::now_v7(),
        generated_at: now,
        demo: customer.summary.demo,
        customer: customer.summary,
        categories,
        traffic: customer.traffic,
        automated_processing: Vec::new(),
        consents: customer.consents,
        open_requests: customer.requests,
    }
}

fn write_json<T: serde::Serialize>(dir: &Path, name: &str, value: &T) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec(value).unwrap()).unwrap();
    path
}

#[test]
fn a_saved_data_report_prints_in_each_language() {
    let dir = tempfile::tempdir().unwrap();
    let report = demo_report(3);
    let data = write_json(dir.path(), "report.json", &report);
    for (lang, page_one, store_line) in [
        (
            "sq",
            "Faqja 1 nga",
            "Dyqani DEMO-PRISHTINA · Punonjësi PR-0103",
        ),
        ("en", "Page 1 of", "Store DEMO-PRISHTINA · Clerk PR-0103"),
        (
            "sr",
            "Страна 1 од",
            "Продавница DEMO-PRISHTINA · Службеник PR-0103",
        ),
    ] {
        let out = dir.path().join(format!("report-{lang}.pdf"));
        let o = kioskctl(
            dir.path(),
            &[
                "report",
                "render",
                "--data",
                data.to_str().unwrap(),
                "--lang",
                lang,
                "--out",
                out.to_str().unwrap(),
                "--reference",
                "DEMO-REF-1",
                "--store",
                "DEMO-PRISHTINA",
                "--clerk",
                "PR-0103",
            ],
        );
        assert!(o.status.success(), "{lang}: {}", stderr(&o));
        assert!(
            stdout(&o).starts_with(&format!("Wrote {}: ", out.display())),
            "{}",
            stdout(&o)
        );
        assert!(stdout(&o).contains("verification code "));
        let text = pdftotext(&out);
        assert!(text.contains(page_one), "{lang}");
        assert!(text.contains(store_line), "{lang}");
        assert!(text.contains("DEMO-REF-1"), "{lang}");
        let name = format!(
            "{} {}",
            report.customer.first_name, report.customer.last_name
        );
        assert!(text.contains(&name), "{lang}: {name}");
        // No temporary file left beside the PDF.
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}

#[test]
fn full_numbers_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let report = demo_reports()
        .iter()
        .find(|r| {
            (50..3000).contains(&r.traffic.len())
                && r.traffic.iter().any(|t| t.counterpart.is_some())
        })
        .unwrap()
        .clone();
    let counterpart = report
        .traffic
        .iter()
        .find_map(|t| t.counterpart.clone())
        .unwrap();
    let data = write_json(dir.path(), "report.json", &report);
    let out = dir.path().join("r.pdf");
    let render = |extra: &[&str]| {
        let mut args = vec![
            "report",
            "render",
            "--data",
            data.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let o = kioskctl(dir.path(), &args);
        assert!(o.status.success(), "{}", stderr(&o));
        pdftotext(&out)
    };
    let masked = render(&[]);
    assert!(!masked.contains(&counterpart));
    assert!(masked.contains(&kiosk_core::report::mask_counterpart(&counterpart)));
    // Without --store and --clerk, and no enrolled kiosk, the footer says they were not given.
    assert!(masked.contains("Dyqani — · Punonjësi —"), "{masked}");
    let full = render(&["--full-numbers"]);
    assert!(full.contains(&counterpart));
}

#[test]
fn unusable_input_is_named_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.pdf");
    let run = |data: &Path| {
        kioskctl(
            dir.path(),
            &[
                "report",
                "render",
                "--data",
                data.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
        )
    };

    let o = run(&dir.path().join("missing.json"));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("missing.json cannot be read"),
        "{}",
        stderr(&o)
    );

    let not_json = dir.path().join("not.json");
    std::fs::write(&not_json, "%PDF-1.7 this is not JSON").unwrap();
    let o = run(&not_json);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is not JSON"), "{}", stderr(&o));

    let mut value = serde_json::to_value(demo_report(2)).unwrap();
    value["customer"]["kind"] = "alien".into();
    let wrong = write_json(dir.path(), "wrong.json", &value);
    let o = run(&wrong);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is not a data report: field `customer.kind`"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists(), "nothing is written for bad input");

    let o = kioskctl(
        dir.path(),
        &[
            "report", "render", "--data", "x", "--out", "y", "--lang", "de",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("use sq, en or sr"), "{}", stderr(&o));

    let data = write_json(dir.path(), "ok.json", &demo_report(2));
    let o = kioskctl(
        dir.path(),
        &[
            "report",
            "render",
            "--data",
            data.to_str().unwrap(),
            "--out",
            "/nonexistent-dir/r.pdf",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("/nonexistent-dir/r.pdf cannot be written"),
        "{}",
        stderr(&o)
    );
}

/// A demo change of `kind` as the kiosk queues it.
fn demo_change(kind: protocol::mutation::MutationKind) -> Mutation {
    let notice = protocol::api::ConsentNotice {
        notice_id: "consent-notice".into(),
        version: 1,
        lang: protocol::Lang::Sq,
        title: "Pëlqimi".into(),
        text: "tekst".into(),
        text_sha256: protocol::mutation::sha256_hex(b"tekst"),
        published_at: Utc::now(),
    };
    let ctx = DemoContext {
        store_code: "DEMO-PRISHTINA".into(),
        notice,
    };
    let mut rng = StdRng::seed_from_u64(3);
    loop {
        let c = demo::change(&ctx, &mut rng);
        if c.payload.kind() == kind {
            return Mutation::new(7, uuid::Uuid::now_v7(), Utc::now(), c.clerk_id, &c.payload);
        }
    }
}

#[test]
fn receipts_print_from_a_queued_change_or_its_payload() {
    use protocol::mutation::MutationKind as K;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("receipt.pdf");
    for (command, kind) in [
        ("consent", K::ConsentRecorded),
        ("correction", K::CorrectionRequested),
        ("request", K::RightsRequestSubmitted),
    ] {
        let change = demo_change(kind);
        let data = write_json(dir.path(), "change.json", &change);
        let o = kioskctl(
            dir.path(),
            &[
                "receipt",
                command,
                "--data",
                data.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--lang",
                "en",
            ],
        );
        assert!(o.status.success(), "{command}: {}", stderr(&o));
        // The receipt's code is the queued change's own hash.
        let code = kiosk_core::report::verification_code(&change.payload_sha256);
        assert!(stdout(&o).contains(&code), "{command}: {}", stdout(&o));
        let text = pdftotext(&out);
        assert!(text.contains("The customer's signature"), "{command}");
        assert!(
            text.contains(&format!("Clerk {}", change.clerk_id)),
            "{command}"
        );
        assert!(text.contains("DEMO — fictional data"), "{command}");
        assert!(
            text.contains(&kiosk_core::time::format_local(change.captured_at)),
            "{command}"
        );

        // The bare payload needs the clerk and the time from the command line.
        let payload = write_json(dir.path(), "payload.json", &change.payload);
        let o = kioskctl(
            dir.path(),
            &[
                "receipt",
                command,
                "--data",
                payload.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(o.status.code(), Some(2), "{command}");
        assert!(stderr(&o).contains("--clerk"), "{}", stderr(&o));
        let o = kioskctl(
            dir.path(),
            &[
                "receipt",
                command,
                "--data",
                payload.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--clerk",
                "PR-0104",
                "--signed-at",
                "2026-02-01T08:00:00Z",
            ],
        );
        assert!(o.status.success(), "{command}: {}", stderr(&o));
        let text = pdftotext(&out);
        assert!(text.contains("Punonjësi PR-0104"), "{command}");
        assert!(text.contains("2026-02-01 09:00:00 CET"), "{command}");
    }

    // A change of another kind is refused by name.
    let change = demo_change(K::ConsentRecorded);
    let data = write_json(dir.path(), "change.json", &change);
    let o = kioskctl(
        dir.path(),
        &[
            "receipt",
            "request",
            "--data",
            data.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("field `kind`"), "{}", stderr(&o));

    // A signature that does not match its hash is refused.
    let MutationPayload::ConsentRecorded(mut consent) = change.decode().unwrap() else {
        unreachable!()
    };
    consent.signature.strokes[0][0].y += 1;
    let data = write_json(dir.path(), "tampered.json", &consent);
    let o = kioskctl(
        dir.path(),
        &[
            "receipt",
            "consent",
            "--data",
            data.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--clerk",
            "PR-0101",
            "--signed-at",
            "2026-02-01T08:00:00Z",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("signature_sha256"), "{}", stderr(&o));
}

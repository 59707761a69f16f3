//! The printouts read back as a customer, a clerk and IPKO's data-protection officer would check
//! them: the data reports of the reference server's demo customers (fetched over its real
//! `GET /v1/customers/{id}/data-report`) and receipts of demo changes, rendered to PDF and read with
//! poppler (`pdftotext`, `pdfinfo`, `pdffonts`, `pdftoppm`) and `qpdf --check`. Those tools are
//! required: `.dev/setup` installs them, and a test without them fails rather than skips.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use central_api::demo::{DEMO_ENROLMENT_SECRET, DEMO_STORE_CODE};
use central_api::{spawn_background, ServerConfig};
use chrono::{TimeZone, Utc};
use kiosk_core::demo::{self, DemoContext};
use kiosk_core::report::{
    mask_counterpart, mask_personal_number, render_consent_receipt, render_correction_receipt,
    render_data_report, render_rights_request_receipt, verification_code, ReceiptContext,
    RenderedPdf, ReportContext, ReportError,
};
use kiosk_core::Store;
use protocol::api::DataReport;
use protocol::mutation::{Mutation, MutationPayload};
use protocol::Lang;
use rand::rngs::StdRng;
use rand::SeedableRng;

/// The demo customers whose reports the tests read, fetched once per test run.
struct Reports {
    busy: DataReport,
    albanian: DataReport,
    serbian_latin: DataReport,
    cyrillic: DataReport,
    business: DataReport,
    open_request: DataReport,
    notice: protocol::api::ConsentNotice,
}

fn reports() -> &'static Reports {
    static REPORTS: OnceLock<Reports> = OnceLock::new();
    REPORTS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let server = spawn_background(
            ServerConfig::demo(dir.path().join("central.sqlite3")),
            "127.0.0.1:0".parse().unwrap(),
        )
        .unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let reports = rt.block_on(async {
            let mut store = Store::open_in(&dir.path().join("kiosk")).unwrap();
            let enrolment = kiosk_core::enrol::enrol(
                &mut store,
                &server.url(),
                DEMO_STORE_CODE,
                DEMO_ENROLMENT_SECRET,
                "Report tests",
            )
            .await
            .unwrap();
            let client = kiosk_core::sync::http_client(&Default::default()).unwrap();
            let fetch = |id: &'static str| {
                let (client, enrolment) = (&client, &enrolment);
                async move {
                    kiosk_core::central::fetch_data_report(client, enrolment, id)
                        .await
                        .unwrap_or_else(|e| panic!("{id}: {e}"))
                }
            };
            Reports {
                busy: fetch("C-000001").await,
                albanian: fetch("C-000002").await,
                serbian_latin: fetch("C-000003").await,
                cyrillic: fetch("C-000004").await,
                business: fetch("C-000005").await,
                open_request: fetch("C-000010").await,
                notice: kiosk_core::central::fetch_consent_notice(&client, &enrolment, Lang::Sq)
                    .await
                    .unwrap(),
            }
        });
        server.shutdown().unwrap();
        reports
    })
}

fn ctx(lang: Lang) -> ReportContext {
    ReportContext {
        lang,
        store_code: DEMO_STORE_CODE.into(),
        clerk_id: "PR-0101".into(),
        printed_at: Utc.with_ymd_and_hms(2026, 3, 2, 9, 15, 0).unwrap(),
        request_reference: "DEMO-PRISHTINA-2026-TEST01".into(),
        full_counterpart_numbers: false,
    }
}

fn render(report: &DataReport, ctx: &ReportContext) -> (RenderedPdf, tempfile::NamedTempFile) {
    let pdf = render_data_report(report, ctx).unwrap();
    let file = tempfile::Builder::new().suffix(".pdf").tempfile().unwrap();
    std::fs::write(file.path(), &pdf.bytes).unwrap();
    (pdf, file)
}

/// Runs a tool of poppler or qpdf; a missing tool fails the test with what to install.
fn tool(program: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(program)
        .args(args)
        .arg(pdf)
        .args(if program == "pdftotext" { vec!["-"] } else { vec![] })
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} is needed (Debian: poppler-utils, qpdf; `.dev/setup` installs them): {e}")
        });
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The text as pdftotext reads it, white space collapsed (a heading may be read as one line or two).
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn page_count(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[], pdf);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .unwrap()
}

const SECTIONS: [(&str, &str, &str); 10] = [
    (
        "1. Kontrolluesi i të dhënave",
        "1. The data controller",
        "1. Руковалац подацима",
    ),
    (
        "2. Identifikimi juaj",
        "2. Your identification",
        "2. Ваша идентификација",
    ),
    (
        "3. Të dhënat që IPKO mban për ju",
        "3. The data IPKO holds about you",
        "3. Подаци које IPKO чува о вама",
    ),
    (
        "4. Të dhënat e trafikut",
        "4. Traffic data",
        "4. Подаци о саобраћају",
    ),
    (
        "5. Si i përpunon IPKO",
        "5. How IPKO processes each category",
        "5. Како IPKO обрађује",
    ),
    (
        "6. Vendimmarrja e automatizuar",
        "6. Automated decision-making and profiling",
        "6. Аутоматизовано одлучивање",
    ),
    (
        "7. Pëlqimet në regjistër",
        "7. Consents on record",
        "7. Евидентиране сагласности",
    ),
    (
        "8. Kërkesat e hapura",
        "8. Open requests",
        "8. Отворени захтеви",
    ),
    (
        "9. Të drejtat tuaja",
        "9. Your rights and how to exercise them",
        "9. Ваша права",
    ),
    (
        "10. E drejta për ankesë",
        "10. The right to complain",
        "10. Право на жалбу",
    ),
];

fn section(lang: Lang, i: usize) -> &'static str {
    let (sq, en, sr) = SECTIONS[i];
    match lang {
        Lang::Sq => sq,
        Lang::En => en,
        Lang::Sr => sr,
    }
}

#[test]
fn every_section_is_there_in_order_in_every_language_and_the_file_is_sound() {
    let report = &reports().open_request;
    for lang in Lang::ALL {
        let (pdf, file) = render(report, &ctx(lang));
        let text = flat(&tool("pdftotext", &["-enc", "UTF-8"], file.path()));
        let mut last = 0;
        for i in 0..SECTIONS.len() {
            let heading = section(lang, i);
            let at = text
                .find(heading)
                .unwrap_or_else(|| panic!("{lang}: no section {heading:?}"));
            assert!(at > last, "{lang}: {heading:?} is out of order");
            last = at;
        }
        // The policy is quoted: the controller, the right of access, the complaint to the authority.
        for quote in [
            "the controller of personal data shall be IPKO TELECOMMUNICATIONS LLC.",
            "Printout or access to data, by which they can become informed on their personal data",
            "Users can also lodge a complaint with the supervisory authority for personal data protection.",
            "as a rule within a period of one month, however, not later than within three months.",
        ] {
            assert!(text.contains(quote), "{lang}: the quote {quote:?} is missing");
        }
        // The open portability request with its due dates.
        let request = &report.open_requests[0];
        let layout = tool("pdftotext", &["-enc", "UTF-8", "-layout"], file.path());
        assert!(layout.contains(&request.reference), "{lang}");
        for due in [request.due_at, request.latest_due_at] {
            let day = due
                .with_timezone(&kiosk_core::time::DISPLAY_TZ)
                .format("%Y-%m-%d")
                .to_string();
            assert!(layout.contains(&day), "{lang}: due {day}");
        }

        let check = tool("qpdf", &["--check"], file.path());
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{check}"
        );
        assert_eq!(page_count(file.path()), pdf.pages);

        // Both faces embedded, subset, with a Unicode map; nothing else.
        let fonts = tool("pdffonts", &[], file.path());
        let faces: Vec<&str> = fonts.lines().skip(2).collect();
        assert_eq!(faces.len(), 2, "{fonts}");
        for face in faces {
            let cols: Vec<&str> = face.split_whitespace().collect();
            assert!(
                cols[0].contains('+') && cols[0].contains("DejaVuSans"),
                "{face}"
            );
            assert_eq!(
                cols[cols.len() - 5..cols.len() - 2],
                ["yes", "yes", "yes"],
                "{face}"
            );
        }
    }
}

#[test]
fn albanian_serbian_latin_and_cyrillic_names_survive() {
    let r = reports();
    let mut letters = String::new();
    for report in [&r.albanian, &r.serbian_latin, &r.cyrillic] {
        let c = &report.customer;
        letters.push_str(&c.first_name);
        letters.push_str(&c.last_name);
        for lang in [Lang::Sq, Lang::Sr] {
            let (_, file) = render(report, &ctx(lang));
            let text = flat(&tool("pdftotext", &["-enc", "UTF-8"], file.path()));
            let name = format!("{} {}", c.first_name, c.last_name);
            assert!(text.contains(&name), "{lang}: {name:?} did not survive");
            assert!(text.contains(&c.address), "{lang}: {:?}", c.address);
        }
    }
    // The three customers between them spell every letter the test is about.
    for letter in "ëçčćđšž".chars() {
        assert!(
            letters.to_lowercase().contains(letter),
            "no {letter} in {letters}"
        );
    }
    assert!(letters
        .chars()
        .any(|c| ('\u{400}'..='\u{4ff}').contains(&c)));
}

#[test]
fn the_other_partys_number_loses_its_last_three_digits_unless_asked() {
    let report = &reports().busy;
    let own: BTreeSet<&str> = report.customer.msisdns.iter().map(String::as_str).collect();
    let others: BTreeSet<&str> = report
        .traffic
        .iter()
        .filter_map(|t| t.counterpart.as_deref())
        .filter(|c| !own.contains(c))
        .collect();
    assert!(others.len() > 50, "{}", others.len());
    let personal = report.customer.personal_number.clone().unwrap();

    let (_, file) = render(report, &ctx(Lang::Sq));
    let text = tool("pdftotext", &["-enc", "UTF-8"], file.path());
    for number in &others {
        assert!(!text.contains(number), "{number} printed in full");
        assert!(
            text.contains(&mask_counterpart(number)),
            "{number} not printed masked"
        );
    }
    assert!(
        !text.contains(&personal),
        "the personal number printed in full"
    );
    assert!(text.contains(&mask_personal_number(&personal)));

    let full = ReportContext {
        full_counterpart_numbers: true,
        ..ctx(Lang::Sq)
    };
    let (_, file) = render(report, &full);
    let text = tool("pdftotext", &["-enc", "UTF-8"], file.path());
    for number in &others {
        assert!(
            text.contains(number),
            "{number} missing although asked for in full"
        );
    }
    assert!(
        !text.contains(&personal),
        "the personal number stays masked"
    );
}

#[test]
fn a_twenty_thousand_row_report_numbers_every_page_and_holds_every_row() {
    let report = &reports().busy;
    assert!(report.traffic.len() >= 20_000, "{}", report.traffic.len());
    let (pdf, file) = render(report, &ctx(Lang::Sq));
    let pages = page_count(file.path());
    assert_eq!(pdf.pages, pages);
    assert!(
        pages > 250,
        "{pages} pages for {} rows",
        report.traffic.len()
    );

    let text = tool("pdftotext", &["-enc", "UTF-8", "-layout"], file.path());
    let page_texts: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(page_texts.len(), pages);
    for (i, page) in page_texts.iter().enumerate() {
        // Exactly one "page X of Y" line per page, in order, with the right total.
        let marks: Vec<&str> = page
            .lines()
            .filter(|l| l.trim().starts_with("Faqja "))
            .collect();
        assert_eq!(marks.len(), 1, "page {}: {marks:?}", i + 1);
        let mark = format!("Faqja {} nga {pages}", i + 1);
        if i + 1 < pages {
            assert_eq!(marks[0].trim(), mark);
        } else {
            assert_eq!(marks[0].trim(), format!("{mark} · Fundi i raportit"));
        }
        // Every page is demo-marked and carries its verification code and the print's details.
        assert!(page.contains("DEMO — të dhëna fiktive"), "page {}", i + 1);
        assert!(page.contains(&format!("Kodi i verifikimit {}", pdf.verification_code)));
        assert!(page.contains("Dyqani DEMO-PRISHTINA · Punonjësi PR-0101"));
        assert!(page.contains("Shtypur 2026-03-02 10:15:00 CET"));
    }

    // Every traffic row is printed, and every page of the traffic tables repeats the heading row.
    let start = text.find(section(Lang::Sq, 3)).unwrap();
    let end = text.find(section(Lang::Sq, 4)).unwrap();
    let is_row = |l: &&str| {
        let l = l.trim_start().as_bytes();
        l.len() > 19
            && l[4] == b'-'
            && l[7] == b'-'
            && l[10] == b' '
            && l[13] == b':'
            && l[16] == b':'
    };
    let mut traffic_rows = 0;
    let mut table_pages = 0;
    for page in text[start..end].split('\u{c}') {
        let rows = page.lines().filter(is_row).count();
        if rows > 0 {
            table_pages += 1;
            assert!(
                page.lines().any(|l| l.trim_start().starts_with("Koha ")),
                "a page with {rows} rows but no heading row"
            );
        }
        traffic_rows += rows;
    }
    assert_eq!(traffic_rows, report.traffic.len());
    assert!(
        table_pages * 70 > traffic_rows && table_pages > 200,
        "{table_pages} pages"
    );
    assert!(text.contains("Thirrjet (vazhdim)"));
    assert!(text.contains("Seancat e të dhënave (vazhdim)"));
}

#[test]
fn a_page_renders_as_an_image() {
    let (_, file) = render(&reports().cyrillic, &ctx(Lang::Sr));
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("page");
    let out = Command::new("pdftoppm")
        .args(["-r", "40", "-png", "-f", "1", "-l", "1"])
        .arg(file.path())
        .arg(&prefix)
        .output()
        .expect("pdftoppm (poppler-utils) is needed; `.dev/setup` installs it");
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read_dir(dir.path())
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    assert!(png.metadata().unwrap().len() > 5_000);
}

/// The QR code of a page, read back as a phone would read it: the request reference and the
/// report's full hash, the same as the verification code's. 150 dpi: the code must not need a
/// sharp scan.
#[test]
fn the_qr_code_carries_the_reference_and_the_hash() {
    let ctx = ctx(Lang::Sq);
    let (pdf, file) = render(&reports().albanian, &ctx);
    let dir = tempfile::tempdir().unwrap();
    for page in ["1", &pdf.pages.to_string()] {
        let prefix = dir.path().join(format!("qr-{page}"));
        let out = Command::new("pdftoppm")
            .args(["-r", "150", "-png", "-singlefile", "-f", page, "-l", page])
            .arg(file.path())
            .arg(&prefix)
            .output()
            .expect("pdftoppm (poppler-utils) is needed; `.dev/setup` installs it");
        assert!(out.status.success());
        let out = Command::new("zbarimg")
            .args(["--raw", "-q"])
            .arg(prefix.with_extension("png"))
            .output()
            .expect("zbarimg (zbar-tools) is needed; `.dev/setup` installs it");
        let decoded = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            decoded.trim(),
            format!("IPKO-DAR:{}:{}", ctx.request_reference, pdf.sha256).to_uppercase(),
            "page {page}"
        );
        let short: String = pdf
            .sha256
            .chars()
            .filter(char::is_ascii_hexdigit)
            .take(12)
            .collect();
        assert_eq!(
            pdf.verification_code.replace('-', "").to_lowercase(),
            short.to_lowercase()
        );
    }
}

#[test]
fn real_data_has_no_demo_mark_and_the_code_is_the_hash_of_the_data() {
    let mut report = reports().serbian_latin.clone();
    report.demo = false;
    report.customer.demo = false;
    let (pdf, file) = render(&report, &ctx(Lang::En));
    let text = tool("pdftotext", &["-enc", "UTF-8"], file.path());
    assert!(!text.contains("DEMO —"), "real data carries no demo mark");
    assert!(
        !text.contains("fictional"),
        "real data carries no demo mark"
    );
    assert!(text.contains(&format!("Verification code {}", pdf.verification_code)));

    // Over the data, not the print: another language, clerk and time give the same code …
    let other = ReportContext {
        clerk_id: "PR-0104".into(),
        printed_at: Utc::now(),
        ..ctx(Lang::Sr)
    };
    let again = render_data_report(&report, &other).unwrap();
    assert_eq!(again.sha256, pdf.sha256);
    assert_eq!(again.verification_code, verification_code(&pdf.sha256));
    // … and other data another one.
    report.customer.address.push_str(" 1");
    assert_ne!(
        render_data_report(&report, &other).unwrap().sha256,
        pdf.sha256
    );
    let expected = protocol::mutation::sha256_hex(&protocol::mutation::canonical_json(
        &serde_json::to_value(&reports().serbian_latin).unwrap(),
    ));
    let original = render_data_report(&reports().serbian_latin, &other).unwrap();
    assert_eq!(original.sha256, expected);
}

#[test]
fn a_business_report_names_its_suspension_right() {
    let (_, file) = render(&reports().business, &ctx(Lang::En));
    let text = flat(&tool("pdftotext", &["-enc", "UTF-8"], file.path()));
    assert!(text.contains("Suspension of direct marketing (businesses) (business customers only)"));
    assert!(text.contains("Within fifteen (15) days of such request"));
    let (_, file) = render(&reports().albanian, &ctx(Lang::En));
    let text = flat(&tool("pdftotext", &["-enc", "UTF-8"], file.path()));
    assert!(!text.contains("Suspension of direct marketing"));
}

#[test]
fn an_empty_reference_is_refused_by_name() {
    let bad = ReportContext {
        request_reference: " ".into(),
        ..ctx(Lang::Sq)
    };
    let err = render_data_report(&reports().albanian, &bad).unwrap_err();
    assert!(matches!(err, ReportError::InvalidInput { .. }), "{err}");
    assert!(err.to_string().contains("request reference"), "{err}");
}

fn receipt_ctx(lang: Lang) -> ReceiptContext {
    ReceiptContext {
        lang,
        clerk_id: "PR-0102".into(),
        signed_at: Utc.with_ymd_and_hms(2026, 1, 31, 9, 30, 0).unwrap(),
        printed_at: Utc.with_ymd_and_hms(2026, 1, 31, 9, 31, 0).unwrap(),
        customer: Some(reports().cyrillic.customer.clone()),
        identity: None,
        demo: true,
    }
}

/// Demo changes of each kind, for the customer of the Cyrillic report.
fn demo_payloads() -> Vec<MutationPayload> {
    let ctx = DemoContext {
        store_code: DEMO_STORE_CODE.into(),
        notice: reports().notice.clone(),
    };
    let mut rng = StdRng::seed_from_u64(5);
    let mut found: Vec<MutationPayload> = Vec::new();
    while found.len() < 3 {
        let mut p = demo::change(&ctx, &mut rng).payload;
        let customer = reports().cyrillic.customer.customer_id.clone();
        match &mut p {
            MutationPayload::ConsentRecorded(c) => c.customer_id = customer,
            MutationPayload::CorrectionRequested(c) => c.customer_id = customer,
            MutationPayload::RightsRequestSubmitted(c) => c.customer_id = customer,
            _ => continue,
        }
        if !found.iter().any(|f| f.kind() == p.kind()) {
            found.push(p);
        }
    }
    found
}

#[test]
fn receipts_show_what_was_signed_with_the_changes_own_hash() {
    for lang in Lang::ALL {
        for payload in demo_payloads() {
            let c = receipt_ctx(lang);
            let pdf = match &payload {
                MutationPayload::ConsentRecorded(p) => render_consent_receipt(p, &c),
                MutationPayload::CorrectionRequested(p) => render_correction_receipt(p, &c),
                MutationPayload::RightsRequestSubmitted(p) => render_rights_request_receipt(p, &c),
                _ => unreachable!(),
            }
            .unwrap();
            // The code is the queued change's own payload hash.
            let queued = Mutation::new(1, uuid::Uuid::now_v7(), c.signed_at, "PR-0102", &payload);
            assert_eq!(pdf.sha256, queued.payload_sha256, "{:?}", payload.kind());

            let file = tempfile::Builder::new().suffix(".pdf").tempfile().unwrap();
            std::fs::write(file.path(), &pdf.bytes).unwrap();
            let text = tool("pdftotext", &["-enc", "UTF-8", "-layout"], file.path());
            let name = &reports().cyrillic.customer.first_name;
            assert!(
                text.contains(name.as_str()),
                "{lang} {:?}: {name}",
                payload.kind()
            );
            let (signature, when, clerk) = match lang {
                Lang::Sq => (
                    "Nënshkrimi i klientit",
                    "Nënshkruar më",
                    "Punonjësi PR-0102",
                ),
                Lang::En => ("The customer's signature", "Signed at", "Clerk PR-0102"),
                Lang::Sr => ("Потпис клијента", "Потписано", "Службеник PR-0102"),
            };
            for needle in [
                signature,
                when,
                "2026-01-31 10:30:00 CET",
                clerk,
                &pdf.verification_code,
            ] {
                assert!(
                    text.contains(needle),
                    "{lang} {:?}: no {needle:?}",
                    payload.kind()
                );
            }
            match &payload {
                MutationPayload::ConsentRecorded(p) => {
                    assert!(text.contains(&p.notice_sha256), "the notice's hash");
                    assert!(
                        flat(&text).contains("Users can withdraw their consent"),
                        "how to withdraw"
                    );
                    for choice in &p.choices {
                        assert!(text.contains(choice.purpose.label().get(lang)));
                    }
                }
                MutationPayload::CorrectionRequested(p) => {
                    assert!(text.contains(&p.new_value), "{}", p.new_value);
                    // One month as a rule, three at most: January 31st gives the last days of
                    // February and April.
                    assert!(text.contains("2026-02-28 10:30:00 CET"), "{text}");
                    assert!(text.contains("2026-04-30 11:30:00 CEST"), "{text}");
                }
                MutationPayload::RightsRequestSubmitted(p) => {
                    assert!(text.contains(&p.reference));
                    assert!(text.contains(p.kind.label().get(lang)));
                    assert!(text.contains("2026-02-28 10:30:00 CET"));
                }
                _ => unreachable!(),
            }
            let check = tool("qpdf", &["--check"], file.path());
            assert!(
                check.contains("No syntax or stream encoding errors"),
                "{check}"
            );
        }
    }
}

#[test]
fn a_receipt_whose_signature_was_altered_is_refused() {
    let payloads = demo_payloads();
    let Some(MutationPayload::ConsentRecorded(mut consent)) = payloads
        .into_iter()
        .find(|p| matches!(p, MutationPayload::ConsentRecorded(_)))
    else {
        panic!("no consent among the demo changes")
    };
    consent.signature.strokes[0][0].x += 10;
    let err = render_consent_receipt(&consent, &receipt_ctx(Lang::Sq)).unwrap_err();
    assert!(err.to_string().contains("signature_sha256"), "{err}");
    let mut other_customer = receipt_ctx(Lang::Sq);
    other_customer.customer = Some(reports().albanian.customer.clone());
    consent.signature.strokes[0][0].x -= 10;
    let err = render_consent_receipt(&consent, &other_customer).unwrap_err();
    assert!(err.to_string().contains("customer"), "{err}");
}

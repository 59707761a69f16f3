//! The rest of the contract against a real server: bad input, enrolment and tokens, the store's
//! data, customers and their data report, the documents, and the command line.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use argon2::{Argon2, PasswordHash, PasswordVerifier};
use common::*;
use protocol::mutation::{sha256_hex, MAX_PUSH_BODY_BYTES};
use protocol::policy::{DataCategory, RightKind};
use serde_json::{json, Value};

const NAME: &str = "http";

#[test]
fn bad_input_gets_a_clear_4xx_and_changes_nothing() {
    let server = TestServer::start(NAME);
    let mut kiosk = server.enroll();
    let customer = server.individual();
    let m = kiosk.change(&rights_request(&customer.customer_id, RightKind::Access));
    let client = client();
    let path = kiosk.push_path();

    let malformed = client
        .post(&path)
        .bearer_auth(&kiosk.token)
        .header("content-type", "application/json")
        .body("{\"mutations\": [")
        .send()
        .unwrap();
    assert_eq!(status_code(malformed), (400, "malformed_json".to_owned()));

    let mut with_unknown = serde_json::to_value(&m).unwrap();
    with_unknown["colour"] = json!("red");
    let unknown = client
        .post(&path)
        .bearer_auth(&kiosk.token)
        .json(&json!({ "mutations": [with_unknown] }))
        .send()
        .unwrap();
    let (status, code, message) = error_of(unknown);
    assert_eq!((status, code.as_str()), (422, "invalid_request"));
    assert!(message.contains("colour"), "{message}");

    let wrong_type = client
        .post(&path)
        .bearer_auth(&kiosk.token)
        .json(&json!({ "mutations": [{ "seq": "first" }] }))
        .send()
        .unwrap();
    let (status, _, message) = error_of(wrong_type);
    assert_eq!(status, 422);
    assert!(message.contains("mutations[0].seq"), "{message}");

    let other = server.enroll();
    let wrong_device = client
        .post(other.push_path())
        .bearer_auth(&kiosk.token)
        .json(&json!({ "mutations": [m] }))
        .send()
        .unwrap();
    assert_eq!(status_code(wrong_device), (403, "wrong_device".to_owned()));

    let oversized = client
        .post(&path)
        .bearer_auth(&kiosk.token)
        .header("content-type", "application/json")
        .body(vec![b' '; MAX_PUSH_BODY_BYTES + 1])
        .send()
        .unwrap();
    assert_eq!(
        status_code(oversized),
        (413, "payload_too_large".to_owned())
    );
    // Without a Content-Length (chunked), the limit is found while reading.
    let chunked = client
        .post(&path)
        .bearer_auth(&kiosk.token)
        .header("content-type", "application/json")
        .body(reqwest::blocking::Body::new(std::io::Cursor::new(vec![
            b' ';
            MAX_PUSH_BODY_BYTES + 1
        ])))
        .send()
        .unwrap();
    assert_eq!(status_code(chunked), (413, "payload_too_large".to_owned()));

    let not_json = client
        .post(&path)
        .bearer_auth(&kiosk.token)
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .unwrap();
    assert_eq!(
        status_code(not_json),
        (415, "unsupported_media_type".to_owned())
    );

    let bad_token = client
        .post(&path)
        .bearer_auth("not-a-token")
        .json(&json!({ "mutations": [m] }))
        .send()
        .unwrap();
    assert!(bad_token.headers().contains_key("www-authenticate"));
    assert_eq!(status_code(bad_token), (401, "unauthorized".to_owned()));
    let no_token = client
        .post(&path)
        .json(&json!({ "mutations": [m] }))
        .send()
        .unwrap();
    assert_eq!(status_code(no_token).0, 401);

    let too_many = client
        .post(&path)
        .bearer_auth(&kiosk.token)
        .json(&json!({ "mutations": vec![m.clone(); protocol::mutation::MAX_BATCH_ITEMS + 1] }))
        .send()
        .unwrap();
    assert_eq!(status_code(too_many), (413, "batch_too_large".to_owned()));

    assert_eq!(server.count("SELECT COUNT(*) FROM mutations", []), 0);
    assert_eq!(
        server.count("SELECT MAX(applied_through_seq) FROM devices", []),
        0
    );
    assert_eq!(server.metric("central_api_mutations_applied_total"), 0);

    // Unknown paths and methods answer JSON too.
    let (status, code, _) = error_of(server.get("/v1/nothing-here"));
    assert_eq!((status, code.as_str()), (404, "not_found"));
    let wrong_method = client
        .delete(format!("{}/v1/staff", server.url))
        .send()
        .unwrap();
    assert_eq!(
        status_code(wrong_method),
        (405, "method_not_allowed".to_owned())
    );

    // The change itself was fine all along.
    let body: Value = kiosk.push(&[m]).json().unwrap();
    assert_eq!(statuses(&body), ["applied"]);
}

#[test]
fn enrolment_needs_the_right_secret_and_one_time_secrets_are_consumed() {
    let server = TestServer::start_with(NAME, |c| {
        c.token_lifetime = Some(chrono::Duration::milliseconds(1500))
    });
    let client = client();
    let enroll = |store: &str, secret: &str| {
        client
            .post(format!("{}/v1/devices/enroll", server.url))
            .json(&json!({ "store_code": store, "enrolment_secret": secret, "device_name": "Counter 9" }))
            .send()
            .unwrap()
    };
    assert_eq!(
        status_code(enroll(STORE, "wrong-secret")),
        (403, "enrolment_refused".to_owned())
    );
    assert_eq!(
        status_code(enroll("NO-SUCH-STORE", SECRET)).1,
        "enrolment_refused"
    );
    assert_eq!(server.count("SELECT COUNT(*) FROM devices", []), 0);
    let (status, code, message) = error_of(enroll(STORE, ""));
    assert_eq!((status, code.as_str()), (422, "invalid_request"));
    assert!(message.contains("enrolment_secret"), "{message}");

    // The demo secret is reusable.
    assert_eq!(enroll(STORE, SECRET).status(), 201);
    assert_eq!(enroll(STORE, SECRET).status(), 201);

    let secret =
        central_api::admin::issue_enrolment_secret(&server.db_path, "PEJA-01", "IPKO Pejë")
            .unwrap();
    let first = enroll("PEJA-01", &secret);
    assert_eq!(first.status(), 201);
    let enrolled: Value = first.json().unwrap();
    assert_eq!(enrolled["store_code"], "PEJA-01");
    assert_eq!(enrolled["applied_through_seq"], 0);
    assert!(!enrolled["token_expires_at"].is_null());
    assert_eq!(error_of(enroll("PEJA-01", &secret)).1, "enrolment_refused");
    // Only hashes are stored.
    assert_eq!(
        server.count(
            "SELECT COUNT(*) FROM enrolment_secrets WHERE secret_sha256 = ?1",
            [sha256_hex(secret.as_bytes())]
        ),
        1
    );
    let token = enrolled["token"].as_str().unwrap();
    assert_eq!(
        server.count(
            "SELECT COUNT(*) FROM device_tokens WHERE token_sha256 = ?1",
            [token]
        ),
        0
    );

    // The other store's device sees its own (empty) staff list, not the demo store's.
    let staff = client
        .get(format!("{}/v1/staff", server.url))
        .bearer_auth(token)
        .send()
        .unwrap();
    let staff: Value = staff.json().unwrap();
    assert_eq!(staff["store_code"], "PEJA-01");
    assert_eq!(staff["staff"].as_array().unwrap().len(), 0);

    // Revoked and expired tokens are told apart.
    let device_id: uuid::Uuid = enrolled["device_id"].as_str().unwrap().parse().unwrap();
    central_api::admin::revoke_device(&server.db_path, device_id).unwrap();
    let revoked = client
        .get(format!("{}/v1/staff", server.url))
        .bearer_auth(token)
        .send()
        .unwrap();
    assert_eq!(status_code(revoked), (401, "token_revoked".to_owned()));

    let demo: Value = enroll(STORE, SECRET).json().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1600));
    let expired = client
        .get(format!("{}/v1/staff", server.url))
        .bearer_auth(demo["token"].as_str().unwrap())
        .send()
        .unwrap();
    assert_eq!(status_code(expired), (401, "token_expired".to_owned()));
    assert!(server.metric("central_api_enrolments_refused_total") >= 3);
}

#[test]
fn the_store_data_and_customer_lookup() {
    let server = TestServer::start(NAME);
    let kiosk = server.enroll();

    let staff = kiosk.get_json("/v1/staff");
    assert_eq!(staff["store_code"], STORE);
    let members = staff["staff"].as_array().unwrap();
    assert!(!members.is_empty());
    let verifier = members[0]["pin_verifier"].as_str().unwrap();
    assert!(verifier.starts_with("$argon2id$"), "{verifier}");
    let hash = PasswordHash::new(verifier).unwrap();
    assert!(Argon2::default()
        .verify_password(b"definitely not the pin 0000000", &hash)
        .is_err());

    for lang in ["sq", "en", "sr"] {
        let notice = kiosk.notice(lang);
        assert_eq!(notice.lang.code(), lang);
        assert_eq!(notice.text_sha256, sha256_hex(notice.text.as_bytes()));
        assert_eq!(notice.version, 1);
    }
    assert_eq!(kiosk.notice("sq"), {
        let r = kiosk.get("/v1/notices/consent");
        r.json::<protocol::api::ConsentNotice>().unwrap()
    });
    assert_eq!(error_of(kiosk.get("/v1/notices/consent?lang=de")).0, 400);

    let customer = server.individual();
    let by_number = kiosk.get_json(&format!(
        "/v1/customers?personal_number={}",
        customer.personal_number.clone().unwrap()
    ));
    assert_eq!(
        by_number["customers"][0]["customer_id"],
        customer.customer_id.as_str()
    );
    assert_eq!(by_number["customers"][0]["demo"], true);
    let msisdn = customer.msisdn.clone().unwrap();
    let digits: String = msisdn.chars().filter(|c| c.is_ascii_digit()).collect();
    let national = format!("0{}", digits.strip_prefix("383").unwrap());
    for form in [format!("+{digits}"), format!("00{digits}"), national] {
        let found = kiosk.get_json(&format!(
            "/v1/customers?msisdn={}",
            form.replace('+', "%2B")
        ));
        let ids: Vec<&str> = found["customers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["customer_id"].as_str().unwrap())
            .collect();
        assert!(
            ids.contains(&customer.customer_id.as_str()),
            "{form}: {ids:?}"
        );
    }
    let none = kiosk.get_json("/v1/customers?customer_no=NO-SUCH");
    assert_eq!(none["customers"].as_array().unwrap().len(), 0);
    let (status, code, _) = error_of(kiosk.get("/v1/customers"));
    assert_eq!((status, code.as_str()), (400, "invalid_request"));
    assert_eq!(
        error_of(kiosk.get(&format!(
            "/v1/customers?customer_no={}&personal_number=1",
            customer.customer_no
        )))
        .0,
        400
    );
    assert_eq!(error_of(kiosk.get("/v1/customers")).0, 400);
    assert_eq!(error_of(server.get("/v1/customers?customer_no=1")).0, 401);
    assert_eq!(error_of(kiosk.get("/v1/requests/NO-SUCH-REF")).0, 404);
    assert_eq!(
        error_of(kiosk.get("/v1/customers/C-NO-SUCH/data-report")).0,
        404
    );
}

#[test]
fn the_data_report_has_every_category_and_a_year_of_traffic() {
    let server = TestServer::start(NAME);
    let kiosk = server.enroll();
    let busiest = server
        .demo_customers()
        .into_iter()
        .max_by_key(|c| c.traffic_rows)
        .unwrap();
    assert!(busiest.traffic_rows >= 20_000, "{busiest:?}");

    let started = std::time::Instant::now();
    let report = kiosk.get_json(&format!(
        "/v1/customers/{}/data-report",
        busiest.customer_id
    ));
    let elapsed = started.elapsed();
    let traffic = report["traffic"].as_array().unwrap();
    assert!(traffic.len() >= 20_000, "{} rows", traffic.len());
    assert_eq!(traffic.len() as u64, busiest.traffic_rows);
    let cutoff = chrono::Utc::now() - chrono::Duration::days(367);
    for t in [&traffic[0], &traffic[traffic.len() - 1]] {
        let at = chrono::DateTime::parse_from_rfc3339(t["started_at"].as_str().unwrap()).unwrap();
        assert!(at > cutoff, "traffic older than a year: {at}");
    }
    let categories: Vec<DataCategory> = serde_json::from_value(json!(report["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["category"].clone())
        .collect::<Vec<_>>()))
    .unwrap();
    assert_eq!(categories, DataCategory::ALL.to_vec());
    for c in report["categories"].as_array().unwrap() {
        for key in [
            "purposes",
            "legal_bases",
            "recipients",
            "sources",
            "retention",
        ] {
            assert!(
                !c[key].as_array().unwrap().is_empty(),
                "{key} of {}",
                c["category"]
            );
        }
    }
    assert!(!report["automated_processing"]
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(report["demo"], true);
    assert_eq!(
        report["customer"]["customer_id"],
        busiest.customer_id.as_str()
    );
    assert!(elapsed.as_secs() < 10, "the report took {elapsed:?}");
}

#[test]
fn the_documents_and_metrics_are_served() {
    let server = TestServer::start(NAME);
    let health: Value = server.get("/v1/health").json().unwrap();
    assert_eq!(health["status"], "ok");
    let doc = server.get("/v1/openapi.json");
    assert_eq!(doc.headers()["content-type"], "application/json");
    assert_eq!(doc.text().unwrap(), protocol::openapi::openapi_json());
    let metrics = server.get("/metrics");
    assert!(metrics.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    let text = metrics.text().unwrap();
    for name in [
        "central_api_mutations_applied_total",
        "central_api_mutations_duplicate_total",
        "central_api_mutations_rejected_total",
        "central_api_mutations_conflict_total",
        "central_api_push_throttled_total",
    ] {
        assert!(text.contains(&format!("# TYPE {name} counter")), "{name}");
    }
}

/// The two documents the server serves besides the contract (they are not in the OpenAPI document
/// itself): without a token, with 200 and their content types, even while faults are injected.
#[test]
fn the_openapi_document_and_the_metrics_answer_200_with_their_content_types() {
    let server = TestServer::start(NAME);
    server
        .faults()
        .set(central_api::Faults {
            error_rate: 1.0,
            ..central_api::Faults::none()
        })
        .unwrap();
    for _ in 0..2 {
        let doc = server.get("/v1/openapi.json");
        assert_eq!(doc.status(), 200);
        assert_eq!(doc.headers()["content-type"], "application/json");
        let doc: Value = doc.json().unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        assert!(doc["paths"]["/v1/devices/{device_id}/push"].is_object());

        let metrics = server.get("/metrics");
        assert_eq!(metrics.status(), 200);
        assert_eq!(
            metrics.headers()["content-type"],
            "text/plain; version=0.0.4; charset=utf-8"
        );
        let text = metrics.text().unwrap();
        assert!(text.contains("# TYPE central_api_mutations_applied_total counter"));
    }
}

#[test]
fn the_command_line_serves_and_lists_the_demo_customers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    let list = Command::new(env!("CARGO_BIN_EXE_central-api"))
        .args(["demo", "list", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        list.status.success(),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
    let lines: Vec<Value> = String::from_utf8(list.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() >= 50, "{} customers", lines.len());
    for line in &lines {
        for key in [
            "customer_id",
            "personal_number",
            "name",
            "traffic_rows",
            "kind",
            "case",
        ] {
            assert!(line.get(key).is_some(), "{key} missing in {line}");
        }
    }
    assert!(lines
        .iter()
        .any(|l| l["traffic_rows"].as_u64() >= Some(20_000)));

    let mut child = Command::new(env!("CARGO_BIN_EXE_central-api"))
        .args(["--demo-data", "--listen", "127.0.0.1:0", "--db"])
        .arg(&db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first_line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first_line)
        .unwrap();
    let url = first_line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {first_line:?}"))
        .to_owned();
    assert!(!url.ends_with(":0"), "{url}");
    let health = client().get(format!("{url}/v1/health")).send();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(health.unwrap().status(), 200);

    let help = Command::new(env!("CARGO_BIN_EXE_central-api"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    for flag in [
        "--db",
        "--listen",
        "--demo-data",
        "--max-concurrent-pushes",
        "--fault-error-rate",
        "--fault-latency-ms",
        "--fault-reset-rate",
        "--fault-drop-response-rate",
    ] {
        assert!(help.contains(flag), "{flag} missing from --help");
    }
    let bad = Command::new(env!("CARGO_BIN_EXE_central-api"))
        .args([
            "--db",
            "x",
            "--listen",
            "127.0.0.1:0",
            "--fault-error-rate",
            "2",
        ])
        .output()
        .unwrap();
    assert!(!bad.status.success());
}

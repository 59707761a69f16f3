//! A real server on 127.0.0.1:0 with the demo data, and a kiosk-like client for it.
#![allow(dead_code)] // Each test binary uses a different part of this module.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use central_api::admin::{self, DemoCustomerListing};
use central_api::{spawn_background, BackgroundServer, ServerConfig};
use chrono::{DateTime, Utc};
use protocol::api::{ActingCapacity, ConsentNotice, EnrollResponse};
use protocol::mutation::{
    Actor, AuditEvent, ConsentChoice, ConsentRecorded, CorrectableField, CorrectionRequested,
    Mutation, MutationPayload, PushRequest, RightsRequestSubmitted, Signature, SignaturePoint,
    AUDIT_GENESIS_HASH,
};
use protocol::policy::{Channel, ConsentPurpose, ConsentState, RightKind};
use reqwest::blocking::{Client, Response};
use serde_json::Value;
use uuid::Uuid;

pub const STORE: &str = central_api::demo::DEMO_STORE_CODE;
pub const SECRET: &str = central_api::demo::DEMO_ENROLMENT_SECRET;

/// The demo database, seeded once per test binary and copied for each test: seeding hashes PINs
/// and writes tens of thousands of traffic rows, which every test need not wait for.
fn template(name: &str) -> &'static Result<PathBuf, String> {
    static TEMPLATE: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let path = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("central-api-template-{name}.sqlite3"));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        admin::demo_customers(&path).map_err(|e| e.to_string())?;
        let conn = rusqlite::Connection::open(&path).map_err(|e| e.to_string())?;
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .map_err(|e| e.to_string())?;
        Ok(path)
    })
}

pub struct TestServer {
    pub server: Option<BackgroundServer>,
    pub url: String,
    pub db_path: PathBuf,
    _dir: tempfile::TempDir,
}

impl TestServer {
    pub fn start(name: &str) -> TestServer {
        TestServer::start_with(name, |_| {})
    }

    pub fn start_with(name: &str, adjust: impl FnOnce(&mut ServerConfig)) -> TestServer {
        let template = match template(name) {
            Ok(p) => p,
            Err(e) => panic!("seeding the demo template failed: {e}"),
        };
        let dir = tempfile::tempdir().unwrap();
        let db_path = dir.path().join("central.sqlite3");
        std::fs::copy(template, &db_path).unwrap();
        let mut config = ServerConfig::demo(&db_path);
        adjust(&mut config);
        let server = spawn_background(config, "127.0.0.1:0".parse().unwrap()).unwrap();
        TestServer {
            url: server.url(),
            server: Some(server),
            db_path,
            _dir: dir,
        }
    }

    pub fn faults(&self) -> central_api::FaultsHandle {
        self.server.as_ref().unwrap().faults_handle()
    }

    /// A second connection to the server's database, to see what a push really changed.
    pub fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db_path).unwrap()
    }

    pub fn count(&self, sql: &str, params: impl rusqlite::Params) -> i64 {
        self.db().query_row(sql, params, |r| r.get(0)).unwrap()
    }

    pub fn demo_customers(&self) -> Vec<DemoCustomerListing> {
        admin::demo_customers(&self.db_path).unwrap()
    }

    /// An individual customer of the demo (not a minor, not a business).
    pub fn individual(&self) -> DemoCustomerListing {
        self.demo_customers()
            .into_iter()
            .find(|c| {
                c.kind == protocol::api::CustomerKind::Individual && c.personal_number.is_some()
            })
            .unwrap()
    }

    pub fn client(&self) -> Client {
        client()
    }

    pub fn get(&self, path: &str) -> Response {
        client().get(format!("{}{path}", self.url)).send().unwrap()
    }

    /// The value of one line of `/metrics`.
    pub fn metric(&self, name: &str) -> u64 {
        let text = self.get("/metrics").text().unwrap();
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{name} ")))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("{name} not in /metrics:\n{text}"))
    }

    pub fn enroll(&self) -> Kiosk {
        let response = client()
            .post(format!("{}/v1/devices/enroll", self.url))
            .json(&serde_json::json!({
                "store_code": STORE,
                "enrolment_secret": SECRET,
                "device_name": "Counter 1",
            }))
            .send()
            .unwrap();
        assert_eq!(response.status(), 201);
        let enrolled: EnrollResponse = response.json().unwrap();
        Kiosk {
            url: self.url.clone(),
            device_id: enrolled.device_id,
            token: enrolled.token,
            next_seq: 1,
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            let _ = server.shutdown();
        }
    }
}

pub fn client() -> Client {
    Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// An enrolled device, numbering its changes as a kiosk does.
pub struct Kiosk {
    pub url: String,
    pub device_id: Uuid,
    pub token: String,
    pub next_seq: u64,
}

impl Kiosk {
    pub fn change(&mut self, payload: &MutationPayload) -> Mutation {
        self.change_at(payload, Utc::now())
    }

    /// A change captured at `captured_at` by the kiosk's clock.
    pub fn change_at(&mut self, payload: &MutationPayload, captured_at: DateTime<Utc>) -> Mutation {
        let m = Mutation::new(
            self.next_seq,
            Uuid::now_v7(),
            captured_at,
            "PR-0107",
            payload,
        );
        self.next_seq += 1;
        m
    }

    pub fn push_path(&self) -> String {
        format!("{}/v1/devices/{}/push", self.url, self.device_id)
    }

    pub fn push(&self, mutations: &[Mutation]) -> Response {
        self.push_with(&client(), mutations).unwrap()
    }

    pub fn push_with(&self, client: &Client, mutations: &[Mutation]) -> reqwest::Result<Response> {
        client
            .post(self.push_path())
            .bearer_auth(&self.token)
            .json(&PushRequest {
                mutations: mutations.to_vec(),
            })
            .send()
    }

    pub fn get(&self, path: &str) -> Response {
        client()
            .get(format!("{}{path}", self.url))
            .bearer_auth(&self.token)
            .send()
            .unwrap()
    }

    pub fn get_json(&self, path: &str) -> Value {
        let response = self.get(path);
        assert_eq!(response.status(), 200, "GET {path}");
        response.json().unwrap()
    }

    pub fn notice(&self, lang: &str) -> ConsentNotice {
        let response = self.get(&format!("/v1/notices/consent?lang={lang}"));
        assert_eq!(response.status(), 200);
        response.json().unwrap()
    }
}

/// The status and the error code of an error answer.
pub fn error_of(response: Response) -> (u16, String, String) {
    let status = response.status().as_u16();
    let body: Value = response.json().unwrap_or(Value::Null);
    (
        status,
        body["code"].as_str().unwrap_or("").to_owned(),
        body["message"].as_str().unwrap_or("").to_owned(),
    )
}

pub fn signature() -> Signature {
    Signature {
        width: 400,
        height: 150,
        strokes: vec![vec![
            SignaturePoint {
                x: 100,
                y: 200,
                t: 0,
                pressure: Some(500),
            },
            SignaturePoint {
                x: 605,
                y: 423,
                t: 16,
                pressure: None,
            },
        ]],
    }
}

pub fn themself() -> Actor {
    Actor {
        capacity: ActingCapacity::Themself,
        name: None,
        personal_number: None,
        authorisation_reference: None,
    }
}

pub fn reference() -> String {
    format!("{STORE}-TEST-{}", Uuid::new_v4().simple())
}

pub fn rights_request(customer_id: &str, kind: RightKind) -> MutationPayload {
    let signature = signature();
    MutationPayload::RightsRequestSubmitted(RightsRequestSubmitted {
        reference: reference(),
        customer_id: customer_id.to_owned(),
        kind,
        objection_purpose: None,
        details: "Please send me a copy of my data.".to_owned(),
        particulars: None,
        expressed_by: themself(),
        store_code: STORE.to_owned(),
        signature_sha256: signature.sha256(),
        signature,
    })
}

pub fn correction(
    customer_id: &str,
    field: CorrectableField,
    old_value: &str,
    new_value: &str,
    base_record_version: u64,
) -> MutationPayload {
    let signature = signature();
    MutationPayload::CorrectionRequested(CorrectionRequested {
        reference: reference(),
        customer_id: customer_id.to_owned(),
        field,
        old_value: old_value.to_owned(),
        new_value: new_value.to_owned(),
        reason: "Moved house.".to_owned(),
        base_record_version,
        expressed_by: themself(),
        store_code: STORE.to_owned(),
        signature_sha256: signature.sha256(),
        signature,
    })
}

pub fn consent(customer_id: &str, notice: &ConsentNotice, state: ConsentState) -> MutationPayload {
    let signature = signature();
    MutationPayload::ConsentRecorded(ConsentRecorded {
        record_id: Uuid::now_v7(),
        customer_id: customer_id.to_owned(),
        notice_id: notice.notice_id.clone(),
        notice_version: notice.version,
        notice_sha256: notice.text_sha256.clone(),
        lang: notice.lang,
        choices: vec![
            ConsentChoice {
                purpose: ConsentPurpose::OffersJustForMe,
                channel: Some(Channel::SmsMms),
                state,
            },
            ConsentChoice {
                purpose: ConsentPurpose::HelpUsBeBetter,
                channel: None,
                state,
            },
        ],
        collection_method: "in store, clerk assisted, signed".to_owned(),
        jurisdiction: "XK".to_owned(),
        controller: "IPKO Telecommunications LLC".to_owned(),
        expressed_by: themself(),
        store_code: STORE.to_owned(),
        identity_verification_id: None,
        signature_sha256: signature.sha256(),
        signature,
    })
}

/// An entry of a kiosk's audit chain that follows the entry whose hash is `prev_hash`, sealed
/// with its own hash.
pub fn audit_entry(entry_seq: u64, prev_hash: &str, customer_id: Option<&str>) -> AuditEvent {
    let mut event = AuditEvent {
        entry_seq,
        at: Utc::now(),
        staff_id: Some("PR-0107".to_owned()),
        action: "report.printed".to_owned(),
        customer_id: customer_id.map(str::to_owned),
        detail: "printed".to_owned(),
        prev_hash: prev_hash.to_owned(),
        hash: String::new(),
    };
    event.hash = event.computed_hash();
    event
}

/// A sealed audit entry at the start of a chain.
pub fn audit(entry_seq: u64) -> MutationPayload {
    MutationPayload::AuditEvent(audit_entry(entry_seq, AUDIT_GENESIS_HASH, None))
}

/// The outcome status of each item of a push answer.
pub fn statuses(body: &Value) -> Vec<String> {
    body["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["outcome"]["status"].as_str().unwrap().to_owned())
        .collect()
}

/// The status and the error code of an answer.
pub fn status_code(response: Response) -> (u16, String) {
    let (status, code, _) = error_of(response);
    (status, code)
}

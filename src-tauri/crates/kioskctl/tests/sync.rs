//! `kioskctl sync`, `capture-demo` and the queue's support commands against the embedded reference
//! server, as support staff run them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::kioskctl;

use std::path::Path;
use std::process::Output;

use central_api::demo::{DEMO_ENROLMENT_SECRET, DEMO_STORE_CODE};
use central_api::{spawn_background, BackgroundServer, ServerConfig};

fn server(dir: &Path) -> BackgroundServer {
    spawn_background(
        ServerConfig::demo(dir.join("central.sqlite3")),
        "127.0.0.1:0".parse().unwrap(),
    )
    .unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn enrolled(dir: &Path, url: &str) -> std::path::PathBuf {
    let kiosk = dir.join("kiosk");
    let o = kioskctl(
        &kiosk,
        &[
            "enroll",
            "--url",
            url,
            "--store",
            DEMO_STORE_CODE,
            "--secret",
            DEMO_ENROLMENT_SECRET,
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    kiosk
}

#[test]
fn capture_list_sync_and_export() {
    let tmp = tempfile::tempdir().unwrap();
    let server = server(tmp.path());
    let kiosk = enrolled(tmp.path(), &server.url());

    let o = kioskctl(&kiosk, &["capture-demo", "--count", "5", "--seed", "1"]);
    assert!(o.status.success(), "{}", err(&o));
    let saved: Vec<String> = out(&o).lines().map(str::to_owned).collect();
    assert_eq!(saved.len(), 5, "one line per change: {saved:?}");
    assert!(saved
        .iter()
        .all(|l| l.starts_with("saved ") && l.contains(" C-0000")));

    let o = kioskctl(&kiosk, &["queue", "list"]);
    assert!(o.status.success(), "{}", err(&o));
    // A header, the enrolment's audit entry, and each change with its audit entry.
    assert_eq!(out(&o).lines().count(), 1 + 1 + 10, "{}", out(&o));
    let o = kioskctl(&kiosk, &["queue", "list", "--json"]);
    let first: serde_json::Value = serde_json::from_str(out(&o).lines().next().unwrap()).unwrap();
    assert_eq!(first["state"], "pending");
    assert!(
        first.get("payload").is_none(),
        "the list shows no personal data"
    );

    let export = tmp.path().join("export.json");
    let o = kioskctl(
        &kiosk,
        &["queue", "export", "--out", export.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", err(&o));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&export).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    assert_eq!(json["pending"].as_array().unwrap().len(), 11);
    assert!(json["pending"][1]["payload"]["signature"].is_object());

    let o = kioskctl(&kiosk, &["sync", "--once", "--json"]);
    assert!(o.status.success(), "{}", err(&o));
    let report: serde_json::Value = serde_json::from_str(out(&o).trim()).unwrap();
    assert_eq!(report["results"].as_array().unwrap().len(), 11);
    assert_eq!(report["pending"], 0);
    assert_eq!(
        report["acknowledged"].as_u64().unwrap()
            + report["conflict"].as_u64().unwrap()
            + report["rejected"].as_u64().unwrap(),
        11
    );
    assert!(report["failure"].is_null());

    // Nothing left: a second sync pushes nothing, the list is empty, the export is scrubbed.
    let o = kioskctl(&kiosk, &["sync", "--once"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(out(&o).contains("0 pushes"), "{}", out(&o));
    let o = kioskctl(&kiosk, &["queue", "list"]);
    assert_eq!(out(&o).trim(), "Nothing is waiting to be sent.");
    let o = kioskctl(&kiosk, &["queue", "retry", "2"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("only rejected or conflicting changes"),
        "{}",
        err(&o)
    );
}

#[test]
fn sync_once_with_the_server_down_keeps_the_queue() {
    let tmp = tempfile::tempdir().unwrap();
    let server = server(tmp.path());
    let kiosk = enrolled(tmp.path(), &server.url());
    let o = kioskctl(&kiosk, &["capture-demo", "--count", "2"]);
    assert!(o.status.success(), "{}", err(&o));
    server.shutdown().unwrap();

    let o = kioskctl(&kiosk, &["sync", "--once"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("stay queued"), "{}", err(&o));
    assert!(err(&o).contains("5 waiting change(s)"), "{}", err(&o));
    let o = kioskctl(&kiosk, &["queue", "status", "--json"]);
    let status: serde_json::Value = serde_json::from_str(out(&o).trim()).unwrap();
    assert_eq!(status["pending"], 5);
}

#[test]
fn capture_demo_needs_an_enrolled_kiosk() {
    let tmp = tempfile::tempdir().unwrap();
    drop(kiosk_core::Store::open_in(tmp.path()).unwrap());
    let o = kioskctl(tmp.path(), &["capture-demo", "--count", "1"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("not enrolled"), "{}", err(&o));
    let o = kioskctl(tmp.path(), &["sync", "--once"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("not enrolled"), "{}", err(&o));
}

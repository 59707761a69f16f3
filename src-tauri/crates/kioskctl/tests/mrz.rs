//! `kioskctl mrz parse`: zone lines on stdin → one JSON object on stdout; exit 0 valid, 1 invalid,
//! 2 unusable input. The zones are the ICAO 9303 specimens (fictional Anna Maria Eriksson of Utopia).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

const TD1: &str = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<\n";
const TD3: &str =
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n";

fn mrz_parse(stdin: &str, args: &[&str]) -> (Output, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kioskctl"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["mrz", "parse"])
        .args(args)
        .env_remove("KIOSK_DATA_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    assert_eq!(stdout.lines().count(), 1, "one JSON object: {stdout}");
    let json = serde_json::from_str(&stdout).unwrap();
    // Nothing is written to the data folder: parsing stores nothing.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    (out, json)
}

#[test]
fn a_valid_zone_prints_its_fields_and_checks_and_exits_0() {
    let (out, json) = mrz_parse(TD1, &["--today", "2010-06-01"]);
    assert_eq!(out.status.code(), Some(0), "{json}");
    assert_eq!(json["valid"], true);
    assert_eq!(json["format"], "td1");
    assert_eq!(json["document"]["document_type"], "id_card");
    assert_eq!(json["document"]["document_number"], "D23145890");
    assert_eq!(json["document"]["surname"], "ERIKSSON");
    assert_eq!(json["document"]["given_names"], "ANNA MARIA");
    assert_eq!(json["document"]["date_of_birth"], "1974-08-12");
    assert_eq!(json["document"]["expiry_date"], "2012-04-15");
    let checks = json["checks"].as_array().unwrap();
    assert_eq!(checks.len(), 4);
    assert!(checks.iter().all(|c| c["passed"] == true));
    assert_eq!(json["errors"].as_array().map(Vec::len), Some(0));
    assert_eq!(json["warnings"][0]["code"], "specimen_document");
}

#[test]
fn scanner_typing_is_tidied_before_reading() {
    let typed = TD3
        .to_lowercase()
        .replace('\n', "\r\n")
        .replace("utoerik", "uto erik");
    let (out, json) = mrz_parse(&typed, &["--today", "2010-06-01"]);
    assert_eq!(out.status.code(), Some(0), "{json}");
    assert_eq!(json["format"], "td3");
    assert_eq!(json["document"]["document_number"], "L898902C3");
}

#[test]
fn a_zone_that_fails_a_check_exits_1_naming_the_field() {
    // Expired relative to the day given.
    let (out, json) = mrz_parse(TD3, &["--today", "2026-11-22"]);
    assert_eq!(out.status.code(), Some(1), "{json}");
    assert_eq!(json["valid"], false);
    assert_eq!(json["errors"][0]["code"], "document_expired");
    assert!(json["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("expired on 2012-04-15"));

    // The document number's check digit (line 1, character 15) altered: it and the composite fail.
    let broken = TD1.replacen("D231458907", "D231458903", 1);
    let (out, json) = mrz_parse(&broken, &["--today", "2010-06-01"]);
    assert_eq!(out.status.code(), Some(1), "{json}");
    let first = &json["errors"][0];
    assert_eq!(first["code"], "check_digit_failed");
    assert_eq!(first["field"], "document_number");
    assert_eq!(first["position"]["line"], 1);
    assert_eq!(first["position"]["column"], 15);
    assert!(first["message"]
        .as_str()
        .unwrap()
        .contains("document number"));
    assert_eq!(json["checks"][0]["passed"], false);
    assert_eq!(json["checks"][0]["expected"], "7");

    // A letter O read where a digit belongs.
    let misread = TD1.replacen("7408122F", "74O8122F", 1);
    let (out, json) = mrz_parse(&misread, &["--today", "2010-06-01"]);
    assert_eq!(out.status.code(), Some(1));
    let errors = json["errors"].as_array().unwrap();
    assert!(errors.iter().any(|e| e["code"] == "likely_misread"
        && e["field"] == "date_of_birth"
        && e["position"]["line"] == 2
        && e["position"]["column"] == 3));
}

#[test]
fn input_that_is_not_a_zone_exits_2() {
    for input in ["", "hello world\n", "P<UTOERIKSSON<<ANNA\n", "I<UTO€\n"] {
        let (out, json) = mrz_parse(input, &[]);
        assert_eq!(out.status.code(), Some(2), "{input:?}: {json}");
        assert_eq!(json["usable"], false);
        assert!(json["errors"][0]["code"]
            .as_str()
            .unwrap()
            .starts_with("mrz_"));
        assert!(!out.stderr.is_empty());
    }
}

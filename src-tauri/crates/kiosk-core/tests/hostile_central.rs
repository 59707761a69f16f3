//! A central API that answers badly — the wrong types, truncated JSON, a body far larger than any
//! real answer — costs the kiosk a clear failure, not its memory, and nothing of it is kept.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::thread;

use kiosk_core::store::Enrolment;
use kiosk_core::Store;
use protocol::Lang;

/// A one-shot HTTP server: answers each connection with `head` then `body_len` bytes of `body`
/// (repeated), 200 OK.
fn serve(answers: Vec<(String, Vec<u8>, usize)>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    thread::spawn(move || {
        for (content_length, body, body_len) in answers {
            let Ok((mut stream, _)) = listener.accept() else {
                return;
            };
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let head = format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n{content_length}connection: close\r\n\r\n");
            if stream.write_all(head.as_bytes()).is_err() {
                continue;
            }
            let mut sent = 0;
            while sent < body_len {
                let n = body.len().min(body_len - sent);
                if stream.write_all(&body[..n]).is_err() {
                    break;
                }
                sent += n;
            }
        }
    });
    url
}

fn enrolment(url: &str) -> Enrolment {
    Enrolment {
        device_id: uuid::Uuid::now_v7(),
        device_name: "Test counter".into(),
        store_code: "DEMO-PRISHTINA".into(),
        store_name: "Demo".into(),
        central_url: url.into(),
        token: "t".into(),
        token_expires_at: None,
        enrolled_at: chrono::Utc::now(),
        seq_base: 0,
        applied_through_seq: 0,
    }
}

#[test]
fn wrong_truncated_and_huge_answers_fail_clearly_and_nothing_is_cached() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let wrong = br#"{"notice_id": 7, "version": "one"}"#.to_vec();
    let truncated = br#"{"notice_id": "consent-notice", "version": 3, "lang": "sq", "ti"#.to_vec();
    let filler = vec![b' '; 64 * 1024];
    let huge = kiosk_core::sync::MAX_ANSWER_BYTES + 1024;
    let url = serve(vec![
        (
            format!("content-length: {}\r\n", wrong.len()),
            wrong.clone(),
            wrong.len(),
        ),
        (
            format!("content-length: {}\r\n", truncated.len()),
            truncated.clone(),
            truncated.len(),
        ),
        // Announced as huge: refused before a byte of it is read.
        (format!("content-length: {huge}\r\n"), filler.clone(), 0),
        // Streamed without a length: refused once it passes the limit.
        (String::new(), filler, huge),
    ]);
    let enrolment = enrolment(&url);
    let client = kiosk_core::sync::http_client(&Default::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).unwrap();
    for what in [
        "wrong types",
        "truncated",
        "announced huge",
        "streamed huge",
    ] {
        let failure = rt
            .block_on(kiosk_core::central::fetch_consent_notice(
                &client,
                &enrolment,
                Lang::Sq,
            ))
            .expect_err(what);
        assert_eq!(failure.code, "invalid_response", "{what}: {failure:?}");
        assert!(!failure.message.is_empty());
        if what.ends_with("huge") {
            assert!(
                failure.message.contains("larger than 64 MB"),
                "{what}: {}",
                failure.message
            );
        }
    }
    assert!(store.notice(Lang::Sq).unwrap().is_none());
}

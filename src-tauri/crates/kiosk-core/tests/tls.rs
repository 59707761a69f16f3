//! TLS to the central API: the reference server serves HTTPS with a certificate of a test CA; a
//! kiosk that pins that CA (`central-ca.pem` in its data folder) enrols and syncs over it, and a
//! kiosk that pins another CA, or trusts only the public roots, refuses the server with a message
//! that says why. A pinned file that is not a certificate stops the kiosk instead of being ignored.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use central_api::demo::{DEMO_ENROLMENT_SECRET, DEMO_STORE_CODE};
use central_api::{spawn_background, ServerConfig, TlsFiles};
use kiosk_core::sync::{self, SyncConfig};
use kiosk_core::trust::{CentralTrust, PINNED_CA_FILE};
use kiosk_core::Store;
use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, KeyUsagePurpose, SanType};

struct Ca {
    cert: rcgen::Certificate,
    key: KeyPair,
}

fn ca(name: &str) -> Ca {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.distinguished_name.push(DnType::CommonName, name);
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let cert = params.self_signed(&key).unwrap();
    Ca { cert, key }
}

/// The server's certificate for 127.0.0.1 and localhost, issued by `ca`, and its key (PEM).
fn server_certificate(ca: &Ca) -> (String, String) {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(vec!["localhost".to_owned()]).unwrap();
    params
        .subject_alt_names
        .push(SanType::IpAddress("127.0.0.1".parse().unwrap()));
    params
        .distinguished_name
        .push(DnType::CommonName, "central API (test)");
    let cert = params.signed_by(&key, &ca.cert, &ca.key).unwrap();
    (cert.pem(), key.serialize_pem())
}

fn kiosk_folder(root: &Path, name: &str, pinned: Option<&str>) -> std::path::PathBuf {
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    if let Some(pem) = pinned {
        std::fs::write(dir.join(PINNED_CA_FILE), pem).unwrap();
    }
    dir
}

#[test]
fn the_kiosk_speaks_tls_to_the_central_api_and_trusts_only_the_pinned_ca() {
    let tmp = tempfile::tempdir().unwrap();
    let ipko = ca("IPKO test CA");
    let stranger = ca("Some other CA");
    let (cert, key) = server_certificate(&ipko);
    std::fs::write(tmp.path().join("server.pem"), cert).unwrap();
    std::fs::write(tmp.path().join("server.key"), key).unwrap();
    let server = spawn_background(
        ServerConfig {
            tls: Some(TlsFiles {
                cert_chain: tmp.path().join("server.pem"),
                private_key: tmp.path().join("server.key"),
            }),
            ..ServerConfig::demo(tmp.path().join("central.sqlite3"))
        },
        "127.0.0.1:0".parse().unwrap(),
    )
    .unwrap();
    let url = server.url();
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();

    let enrol = |store: &mut Store| {
        rt.block_on(kiosk_core::enrol::enrol(
            store,
            &url,
            DEMO_STORE_CODE,
            DEMO_ENROLMENT_SECRET,
            "TLS counter",
        ))
    };

    // Pinned to IPKO's CA: enrols, then an authenticated call and a push go through.
    let pinned = kiosk_folder(tmp.path(), "pinned", Some(&ipko.cert.pem()));
    let trust = CentralTrust::for_data_dir(&pinned).unwrap();
    assert_eq!(
        trust.pinned_file(),
        Some(pinned.join(PINNED_CA_FILE).as_path())
    );
    let mut store = Store::open_in(&pinned).unwrap();
    let enrolment = enrol(&mut store).unwrap();
    assert_eq!(enrolment.central_url, url);
    let config = SyncConfig {
        trust,
        ..SyncConfig::fast()
    };
    let client = sync::http_client(&config).unwrap();
    let staff = rt
        .block_on(kiosk_core::central::refresh_staff(&client, &mut store))
        .unwrap();
    assert!(staff > 0);
    assert!(
        store.pending_count().unwrap() > 0,
        "the enrolment is queued"
    );
    let shared = std::sync::Arc::new(std::sync::Mutex::new(store));
    rt.block_on(sync::drain(&shared, &client, &config, |_| {}))
        .unwrap();
    assert_eq!(shared.lock().unwrap().pending_count().unwrap(), 0);

    // Pinned to another CA, or trusting the public roots only: the server is refused, and the
    // message says it is the certificate.
    for (name, pin) in [("stranger", Some(stranger.cert.pem())), ("public", None)] {
        let dir = kiosk_folder(tmp.path(), name, pin.as_deref());
        let mut store = Store::open_in(&dir).unwrap();
        let err = enrol(&mut store).unwrap_err();
        assert_eq!(err.code(), "central_unreachable", "{name}: {err}");
        let message = err.to_string();
        assert!(
            message.contains("TLS certificate is not trusted"),
            "{name}: {message}"
        );
        assert!(message.contains(PINNED_CA_FILE), "{name}: {message}");
        assert!(store.enrolment().unwrap().is_none());
    }

    // A pinned file that is no certificate: an error naming it, not a fallback to the public roots.
    let broken = kiosk_folder(
        tmp.path(),
        "broken",
        Some("-----BEGIN CERTIFICATE-----\nnot base64\n"),
    );
    let err = CentralTrust::for_data_dir(&broken).unwrap_err();
    assert_eq!(err.code(), "central_ca_unusable");
    assert!(err.to_string().contains(PINNED_CA_FILE), "{err}");
    let empty = kiosk_folder(tmp.path(), "empty", Some("just words\n"));
    assert_eq!(
        CentralTrust::for_data_dir(&empty).unwrap_err().code(),
        "central_ca_unusable"
    );
    let mut store = Store::open_in(&broken).unwrap();
    let err = enrol(&mut store).unwrap_err();
    assert_eq!(err.code(), "central_ca_unusable");

    server.shutdown().unwrap();
}

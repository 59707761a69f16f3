//! Enrolling this kiosk with the central API: a store code and a one-time enrolment secret buy a
//! device id and a bearer token (`POST /v1/devices/enroll`).

use std::time::Duration;

use protocol::api::{ApiError, EnrollRequest, EnrollResponse};
use reqwest::Url;

use crate::error::{Error, Result};
use crate::store::{Enrolment, Store};
use crate::trust::CentralTrust;

/// How long to wait for a TCP (and TLS) connection to the central API.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a whole request may take, answer included.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The HTTP client for the central API with the default timeouts and `trust`.
pub fn http_client(trust: &CentralTrust) -> Result<reqwest::Client> {
    crate::sync::http_client(&crate::sync::SyncConfig {
        trust: trust.clone(),
        ..Default::default()
    })
}

/// Checks a central API base URL (`https://privacy.ipko.example`, optionally with a path prefix) and
/// returns it without a trailing slash.
pub fn normalise_central_url(url: &str) -> Result<String> {
    let trimmed = url.trim();
    let parsed = Url::parse(trimmed).map_err(|_| Error::InvalidUrl(trimmed.to_owned()))?;
    if !matches!(parsed.scheme(), "http" | "https")
        || parsed.host_str().is_none()
        || parsed.query().is_some()
        || parsed.fragment().is_some()
        || !parsed.username().is_empty()
    {
        return Err(Error::InvalidUrl(trimmed.to_owned()));
    }
    if parsed.scheme() == "http" && !is_loopback(&parsed) {
        return Err(Error::InsecureUrl(trimmed.to_owned()));
    }
    Ok(parsed.as_str().trim_end_matches('/').to_owned())
}

fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The full URL of an API path (`/devices/enroll`) under a normalised base.
pub fn api_url(base: &str, path: &str) -> String {
    format!("{base}{}{path}", protocol::API_PREFIX)
}

/// A transport failure, in words a support person can act on.
pub(crate) fn unreachable(url: &str, e: &reqwest::Error) -> Error {
    let reason = if e.is_timeout() {
        "it did not answer in time".to_owned()
    } else if e.is_connect() {
        let mut cause = String::new();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            cause = s.to_string();
            source = s.source();
        }
        if cause.is_empty() {
            "no connection could be made".to_owned()
        } else if cause.to_ascii_lowercase().contains("certificate") {
            format!(
                "its TLS certificate is not trusted ({cause}): check the server's certificate, or the pinned CA ({} in the kiosk's data folder)",
                crate::trust::PINNED_CA_FILE
            )
        } else {
            format!("no connection could be made ({cause})")
        }
    } else {
        e.to_string()
    };
    Error::CentralUnreachable {
        url: url.to_owned(),
        reason,
    }
}

/// Asks the central API to enrol a device. Does not touch the store.
pub async fn request_enrolment(
    client: &reqwest::Client,
    central_url: &str,
    request: &EnrollRequest,
) -> Result<EnrollResponse> {
    let base = normalise_central_url(central_url)?;
    let url = api_url(&base, "/devices/enroll");
    let response = client
        .post(&url)
        .json(request)
        .send()
        .await
        .map_err(|e| unreachable(&base, &e))?;
    let status = response.status();
    let body = response.bytes().await.map_err(|e| unreachable(&base, &e))?;
    if status.is_success() {
        let answer: EnrollResponse =
            serde_json::from_slice(&body).map_err(|e| Error::CentralError {
                status: status.as_u16(),
                code: "invalid_response".into(),
                message: format!("the enrolment answer cannot be read: {e}"),
            })?;
        if !answer.store_code.eq_ignore_ascii_case(&request.store_code) {
            return Err(Error::CentralError {
                status: status.as_u16(),
                code: "invalid_response".into(),
                message: format!(
                    "asked to enrol in store {} but the answer is for store {}",
                    request.store_code, answer.store_code
                ),
            });
        }
        return Ok(answer);
    }
    let api_error = serde_json::from_slice::<ApiError>(&body).ok();
    let (code, message) = match api_error {
        Some(e) => (e.code, e.message),
        None => (
            String::from("http_error"),
            format!("HTTP {status} without an explanation"),
        ),
    };
    if status.is_client_error() && status.as_u16() != 429 {
        Err(Error::EnrolmentRefused { code, message })
    } else {
        Err(Error::CentralError {
            status: status.as_u16(),
            code,
            message,
        })
    }
}

/// A name for the device when none is given: the computer's host name.
pub fn default_device_name() -> String {
    let host = std::env::var("HOSTNAME")
        .or_else(|_| std::env::var("COMPUTERNAME"))
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty());
    match host {
        Some(h) => format!("Kiosk {h}"),
        None => "Kiosk".to_owned(),
    }
}

/// Enrols this kiosk: checks that nothing pending would be stranded (before the one-time secret is
/// spent), asks the central API, and stores the answer.
pub async fn enrol(
    store: &mut Store,
    central_url: &str,
    store_code: &str,
    enrolment_secret: &str,
    device_name: &str,
) -> Result<Enrolment> {
    let hidden = crate::capture::values::holds_hidden_characters;
    if [store_code, enrolment_secret, device_name]
        .iter()
        .any(|v| v.len() > 1024 || hidden(v))
    {
        return Err(Error::InvalidInput(
            "the store code, the enrolment secret and the device name are short lines of text, without control characters".into(),
        ));
    }
    let store_code = store_code.trim();
    if store_code.is_empty() || store_code.len() > 64 {
        return Err(Error::InvalidInput(
            "give the store's code, as IPKO's IT issued it (for example DEMO-PRISHTINA)".into(),
        ));
    }
    if enrolment_secret.is_empty() {
        return Err(Error::InvalidInput(
            "give the enrolment secret that IPKO's IT issued for this store".into(),
        ));
    }
    let device_name = device_name.trim();
    if device_name.is_empty() || device_name.chars().count() > 100 {
        return Err(Error::InvalidInput(
            "the device name must be 1 to 100 characters".into(),
        ));
    }
    let base = normalise_central_url(central_url)?;
    store.ensure_can_enrol()?;
    let client = http_client(&CentralTrust::beside(store.path())?)?;
    let request = EnrollRequest {
        store_code: store_code.to_owned(),
        enrolment_secret: enrolment_secret.to_owned(),
        device_name: device_name.to_owned(),
    };
    let answer = request_enrolment(&client, &base, &request).await?;
    store.save_enrolment(&base, device_name, &answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn central_urls_are_checked_and_normalised() {
        assert_eq!(
            normalise_central_url(" http://127.0.0.1:8080/ ")
                .ok()
                .as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(
            normalise_central_url("https://api.example/privacy/")
                .ok()
                .as_deref(),
            Some("https://api.example/privacy")
        );
        for bad in [
            "",
            "127.0.0.1:8080",
            "ftp://x",
            "http://x/?a=1",
            "https://u:p@x",
        ] {
            assert_eq!(
                normalise_central_url(bad).err().map(|e| e.code()),
                Some("invalid_url"),
                "{bad}"
            );
        }
        // The token and customers' data never cross a network in the clear.
        for bad in ["http://10.0.0.5:8080", "http://central.example"] {
            assert_eq!(
                normalise_central_url(bad).err().map(|e| e.code()),
                Some("insecure_url"),
                "{bad}"
            );
        }
        assert_eq!(
            api_url("http://h:1", "/devices/enroll"),
            "http://h:1/v1/devices/enroll"
        );
    }

    #[tokio::test]
    async fn an_unreachable_server_is_reported_as_such() {
        // A port that was free a moment ago: the connection is refused.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or(9);
        let client = http_client(&CentralTrust::public_roots()).ok();
        let request = EnrollRequest {
            store_code: "S".into(),
            enrolment_secret: "x".into(),
            device_name: "d".into(),
        };
        if let Some(client) = client {
            let err = request_enrolment(&client, &format!("http://127.0.0.1:{port}"), &request)
                .await
                .err();
            assert_eq!(err.map(|e| e.code()), Some("central_unreachable"));
        }
    }
}

//! Extractors that answer bad input with the contract's `{code, message}` instead of axum's plain
//! text: 415 for a body that is not JSON, 413 for one that is too large, 400 `malformed_json` for
//! broken JSON, 422 `invalid_request` naming the field for JSON of the wrong shape.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use http_body_util::BodyExt;
use protocol::codes;
use serde::de::DeserializeOwned;

use crate::error::HttpError;

/// Bodies other than a push are small.
pub const DEFAULT_BODY_LIMIT: usize = 64 * 1024;

/// A JSON body of at most `LIMIT` bytes.
pub struct ApiJson<T, const LIMIT: usize = DEFAULT_BODY_LIMIT>(pub T);

impl<T, S, const LIMIT: usize> FromRequest<S> for ApiJson<T, LIMIT>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = HttpError;

    async fn from_request(req: Request, _state: &S) -> Result<Self, HttpError> {
        read_json(req, LIMIT).await.map(ApiJson)
    }
}

fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

fn too_large(limit: usize) -> HttpError {
    HttpError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        codes::PAYLOAD_TOO_LARGE,
        format!("The body is larger than the {limit} bytes this endpoint accepts."),
    )
}

/// Reads and parses a JSON body of at most `limit` bytes.
pub async fn read_json<T: DeserializeOwned>(req: Request, limit: usize) -> Result<T, HttpError> {
    if !is_json(req.headers()) {
        return Err(HttpError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            codes::UNSUPPORTED_MEDIA_TYPE,
            "The body must be JSON, sent with Content-Type: application/json.",
        ));
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let mut body = req.into_body();
    if declared.is_some_and(|n| n > limit as u64) {
        drain(body, limit).await;
        return Err(too_large(limit));
    }
    let mut bytes = Vec::with_capacity(declared.map_or(0, |n| n as usize));
    while let Some(frame) = body.frame().await {
        let frame = frame
            .map_err(|e| HttpError::bad_request(format!("The body could not be read: {e}")))?;
        if let Ok(data) = frame.into_data() {
            if bytes.len() + data.len() > limit {
                drain(body, limit).await;
                return Err(too_large(limit));
            }
            bytes.extend_from_slice(&data);
        }
    }
    parse_json(&bytes)
}

/// Reads and discards the rest of a refused body, within bounds. A server that answers and closes
/// while the client is still sending makes the client fail with a broken pipe before it reads the
/// answer; draining lets it see the 413. Beyond four times the limit, or ten seconds, the client is
/// abusive and gets the broken pipe.
async fn drain(mut body: Body, limit: usize) {
    let cap = limit.saturating_mul(4);
    let read_all = async {
        let mut read = 0usize;
        while let Some(Ok(frame)) = body.frame().await {
            if let Ok(data) = frame.into_data() {
                read += data.len();
                if read > cap {
                    break;
                }
            }
        }
    };
    let _ = tokio::time::timeout(Duration::from_secs(10), read_all).await;
}

/// Parses JSON, telling broken JSON (400) from JSON of the wrong shape (422, naming the field).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, HttpError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => {
                if path == "." || path.is_empty() {
                    HttpError::invalid(format!("The body is not a valid request: {inner}."))
                } else {
                    HttpError::invalid(format!("Field `{path}` is not valid: {inner}."))
                }
            }
            _ => malformed(&inner),
        }
    })?;
    de.end().map_err(|e| malformed(&e))?;
    Ok(value)
}

fn malformed(e: &serde_json::Error) -> HttpError {
    HttpError::new(
        StatusCode::BAD_REQUEST,
        codes::MALFORMED_JSON,
        format!("The body is not well-formed JSON: {e}."),
    )
}

/// Query parameters; a bad one is 400 `invalid_request`.
pub struct ApiQuery<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiQuery<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, HttpError> {
        Query::<T>::try_from_uri(&parts.uri)
            .map(|Query(q)| ApiQuery(q))
            .map_err(|e| HttpError::bad_request(format!("Bad query parameters: {}", e.body_text())))
    }
}

/// Path parameters; a bad one is 400 `invalid_request`.
pub struct ApiPath<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, HttpError> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|Path(p)| ApiPath(p))
            .map_err(|e| HttpError::bad_request(format!("Bad path: {}", e.body_text())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::api::EnrollRequest;

    #[test]
    fn broken_json_is_400_and_wrong_shapes_are_422_naming_the_field() {
        let broken = parse_json::<EnrollRequest>(b"{\"store_code\": ").err();
        assert_eq!(
            broken.map(|e| (e.status, e.code)),
            Some((StatusCode::BAD_REQUEST, codes::MALFORMED_JSON))
        );

        let trailing = parse_json::<serde_json::Value>(b"{} {}").err();
        assert_eq!(trailing.map(|e| e.code), Some(codes::MALFORMED_JSON));

        let unknown = parse_json::<EnrollRequest>(
            br#"{"store_code":"S","enrolment_secret":"x","device_name":"d","colour":"red"}"#,
        )
        .err();
        let Some(unknown) = unknown else {
            panic!("an unknown field was accepted")
        };
        assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(unknown.message.contains("colour"), "{}", unknown.message);

        let wrong_type =
            parse_json::<protocol::mutation::PushRequest>(br#"{"mutations":[{"seq":"one"}]}"#)
                .err();
        let Some(wrong_type) = wrong_type else {
            panic!("a wrong type was accepted")
        };
        assert_eq!(wrong_type.code, codes::INVALID_REQUEST);
        assert!(
            wrong_type.message.contains("mutations[0].seq"),
            "{}",
            wrong_type.message
        );
    }

    #[test]
    fn json_content_types_are_recognised() {
        let mut headers = HeaderMap::new();
        assert!(!is_json(&headers));
        for (value, ok) in [
            ("application/json", true),
            ("Application/JSON; charset=utf-8", true),
            ("application/problem+json", true),
            ("text/plain", false),
            ("application/x-www-form-urlencoded", false),
        ] {
            headers.insert(
                header::CONTENT_TYPE,
                value
                    .parse()
                    .unwrap_or(header::HeaderValue::from_static("x")),
            );
            assert_eq!(is_json(&headers), ok, "{value}");
        }
    }
}

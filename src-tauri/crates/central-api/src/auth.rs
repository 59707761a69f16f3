//! Bearer-token authentication: every call but health, enrolment and the documents is made by an
//! enrolled device and scoped to its store.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use chrono::Utc;
use protocol::codes;

use crate::db::devices::{self, DeviceIdentity, TokenCheck};
use crate::error::HttpError;
use crate::state::AppState;

/// The authenticated device.
pub struct Device(pub DeviceIdentity);

fn bearer_token(parts: &Parts) -> Option<String> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_owned())
}

impl FromRequestParts<AppState> for Device {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, HttpError> {
        let Some(token) = bearer_token(parts) else {
            return Err(HttpError::unauthorized(
                codes::UNAUTHORIZED,
                "This call needs the device's token: Authorization: Bearer <token>.",
            ));
        };
        let now = Utc::now();
        let check = state
            .db
            .call(move |conn| devices::authenticate(conn, &token, now).map_err(HttpError::from))
            .await?;
        match check {
            TokenCheck::Valid(identity) => Ok(Device(identity)),
            TokenCheck::Unknown => Err(HttpError::unauthorized(
                codes::UNAUTHORIZED,
                "The token is not valid; enrol the device again.",
            )),
            TokenCheck::Revoked => Err(HttpError::unauthorized(
                codes::TOKEN_REVOKED,
                "The device's token was revoked; enrol the device again.",
            )),
            TokenCheck::Expired(at) => Err(HttpError::unauthorized(
                codes::TOKEN_EXPIRED,
                format!(
                    "The device's token expired at {}; enrol the device again.",
                    at.format("%Y-%m-%d %H:%M UTC")
                ),
            )),
        }
    }
}

//! Errors: [`ServerError`] for callers of the library, [`HttpError`] for answers on the wire.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use protocol::api::ApiError;
use protocol::codes;

/// Why the server could not start, seed or run.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("invalid configuration: {0}")]
    Config(String),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("cannot compute a PIN verifier: {0}")]
    PinHash(String),
    #[error("a background task failed: {0}")]
    Task(String),
}

/// An error answer: a status, a stable code and a message for people, plus `Retry-After` where the
/// client should come back later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub retry_after_secs: Option<u32>,
}

impl HttpError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> HttpError {
        HttpError {
            status,
            code,
            message: message.into(),
            retry_after_secs: None,
        }
    }

    pub fn with_retry_after(mut self, secs: u32) -> HttpError {
        self.retry_after_secs = Some(secs);
        self
    }

    pub fn invalid(message: impl Into<String>) -> HttpError {
        HttpError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            codes::INVALID_REQUEST,
            message,
        )
    }

    pub fn bad_request(message: impl Into<String>) -> HttpError {
        HttpError::new(StatusCode::BAD_REQUEST, codes::INVALID_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> HttpError {
        HttpError::new(StatusCode::NOT_FOUND, codes::NOT_FOUND, message)
    }

    pub fn unauthorized(code: &'static str, message: impl Into<String>) -> HttpError {
        HttpError::new(StatusCode::UNAUTHORIZED, code, message)
    }

    /// A failure of the server itself. The cause goes to the log; the client learns only that it
    /// may try again, because details of the database are of no use to a kiosk.
    pub fn internal(cause: impl std::fmt::Display) -> HttpError {
        tracing::error!(%cause, "internal error");
        HttpError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            codes::INTERNAL,
            "The central API failed to handle the request; nothing was changed. Try again later.",
        )
    }
}

impl From<rusqlite::Error> for HttpError {
    fn from(e: rusqlite::Error) -> HttpError {
        HttpError::internal(format_args!("database: {e}"))
    }
}

impl From<ServerError> for HttpError {
    fn from(e: ServerError) -> HttpError {
        HttpError::internal(e)
    }
}

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}: {}",
            self.status.as_u16(),
            self.code,
            self.message
        )
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        let status = self.status;
        let retry_after = self.retry_after_secs;
        let mut response = (status, Json(ApiError::new(self.code, self.message))).into_response();
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"ipko-central-api\""),
            );
        }
        response
    }
}

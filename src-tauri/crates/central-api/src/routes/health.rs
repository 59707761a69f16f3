use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use protocol::api::Health;
use protocol::codes;

use crate::error::HttpError;
use crate::state::AppState;

/// `GET /v1/health`: 200 while the database answers.
pub async fn health(State(state): State<AppState>) -> Result<Json<Health>, HttpError> {
    let reachable = state
        .db
        .call(|conn| {
            conn.query_row("SELECT 1", [], |r| r.get::<_, i64>(0))
                .map_err(HttpError::from)
        })
        .await;
    if reachable.is_err() {
        return Err(HttpError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            codes::UNAVAILABLE,
            "The central API cannot reach its database.",
        )
        .with_retry_after(5));
    }
    Ok(Json(Health {
        status: "ok".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        time: Utc::now(),
    }))
}

//! Admission control for pushes: above `max_concurrent_pushes` in flight, a push is refused at once
//! with 429 and `Retry-After`, rather than queued, so that a crowd of kiosks reconnecting after an
//! outage spreads out instead of piling up behind the database.

use std::sync::atomic::Ordering;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use protocol::codes;

use crate::error::HttpError;
use crate::state::AppState;

/// What a throttled client is told to wait, in seconds.
pub const RETRY_AFTER_SECS: u32 = 1;

pub async fn limit_pushes(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let Ok(_slot) = state.push_slots.clone().try_acquire_owned() else {
        state.metrics.push_throttled.fetch_add(1, Ordering::Relaxed);
        tracing::info!("push throttled");
        return HttpError::new(
            StatusCode::TOO_MANY_REQUESTS,
            codes::THROTTLED,
            "Too many kiosks are pushing at once; try again shortly.",
        )
        .with_retry_after(RETRY_AFTER_SECS)
        .into_response();
    };
    let _in_flight = state.metrics.push_started();
    next.run(req).await
}

//! The HTTP surface: one module per area of the contract (DESIGN.md §3, §6).

mod customers;
mod devices;
mod docs;
mod health;
mod requests;
mod store;

use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::StatusCode;
use axum::middleware::{from_fn, from_fn_with_state, Next};
use axum::response::Response;
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use protocol::codes;

use crate::error::HttpError;
use crate::state::AppState;
use crate::{admission, faults};

pub fn router(state: AppState) -> Router {
    // Faults apply to the contract's endpoints, not to health, the documents or the counters, which
    // a test harness reads while the server misbehaves.
    let faulty = |route: MethodRouter<AppState>| {
        route.layer(from_fn_with_state(state.clone(), faults::inject))
    };
    Router::new()
        .route("/v1/health", get(health::health))
        .route("/v1/openapi.json", get(docs::openapi))
        .route("/metrics", get(docs::metrics))
        .route("/v1/devices/enroll", faulty(post(devices::enroll)))
        .route(
            "/v1/devices/{device_id}/push",
            // Admission wraps the faults so that injected latency holds a push slot, as a slow
            // database would.
            faulty(post(devices::push))
                .layer(from_fn_with_state(state.clone(), admission::limit_pushes)),
        )
        .route("/v1/staff", faulty(get(store::staff)))
        .route("/v1/notices/consent", faulty(get(store::consent_notice)))
        .route("/v1/customers", faulty(get(customers::lookup)))
        .route(
            "/v1/customers/{customer_id}/data-report",
            faulty(get(customers::data_report)),
        )
        .route("/v1/requests/{reference}", faulty(get(requests::status)))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn(log_request))
        .with_state(state)
}

async fn not_found() -> HttpError {
    HttpError::not_found("There is no such endpoint; the contract is at /v1/openapi.json.")
}

async fn method_not_allowed() -> HttpError {
    HttpError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        codes::METHOD_NOT_ALLOWED,
        "This endpoint does not take that method; the contract is at /v1/openapi.json.",
    )
}

/// One log line per request with the route's template, never the actual path or query: those
/// carry personal numbers and phone numbers.
async fn log_request(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "(unmatched)".to_owned());
    let response = next.run(req).await;
    tracing::info!(
        %method,
        %route,
        status = response.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
        "request"
    );
    response
}

//! Enrolment and the push of changes.

use std::sync::atomic::Ordering;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use protocol::api::{EnrollRequest, EnrollResponse};
use protocol::codes;
use protocol::mutation::{PushRequest, PushResponse, MAX_PUSH_BODY_BYTES};
use uuid::Uuid;

use crate::auth::Device;
use crate::db::devices;
use crate::error::HttpError;
use crate::extract::{read_json, ApiJson, ApiPath};
use crate::push;
use crate::state::AppState;

const MAX_DEVICE_NAME_CHARS: usize = 100;
const MAX_CODE_CHARS: usize = 64;
const MAX_SECRET_CHARS: usize = 256;

fn check_length(field: &str, value: &str, max: usize) -> Result<(), HttpError> {
    let n = value.trim().chars().count();
    if n == 0 || n > max {
        return Err(HttpError::invalid(format!(
            "Field `{field}` must have 1 to {max} characters."
        )));
    }
    Ok(())
}

/// `POST /v1/devices/enroll`.
pub async fn enroll(
    State(state): State<AppState>,
    ApiJson(req): ApiJson<EnrollRequest>,
) -> Result<(StatusCode, Json<EnrollResponse>), HttpError> {
    check_length("store_code", &req.store_code, MAX_CODE_CHARS)?;
    check_length("enrolment_secret", &req.enrolment_secret, MAX_SECRET_CHARS)?;
    check_length("device_name", &req.device_name, MAX_DEVICE_NAME_CHARS)?;
    let now = Utc::now();
    let lifetime = state.token_lifetime;
    let enrolled = state
        .db
        .call(move |conn| {
            devices::enroll(
                conn,
                req.store_code.trim(),
                &req.enrolment_secret,
                req.device_name.trim(),
                now,
                lifetime,
            )
            .map_err(HttpError::from)
        })
        .await?;
    match enrolled {
        Some(response) => {
            state.metrics.enrolments.fetch_add(1, Ordering::Relaxed);
            tracing::info!(device_id = %response.device_id, store = %response.store_code, "device enrolled");
            Ok((StatusCode::CREATED, Json(response)))
        }
        None => {
            state
                .metrics
                .enrolments_refused
                .fetch_add(1, Ordering::Relaxed);
            tracing::warn!("enrolment refused");
            Err(HttpError::new(
                StatusCode::FORBIDDEN,
                codes::ENROLMENT_REFUSED,
                "The store code or the enrolment secret is wrong, or the secret was already used.",
            ))
        }
    }
}

/// `POST /v1/devices/{device_id}/push`. The device is checked before the body is read, so a
/// device pushing into another's queue learns nothing about its body.
pub async fn push(
    State(state): State<AppState>,
    Device(device): Device,
    ApiPath(device_id): ApiPath<String>,
    req: Request,
) -> Result<Json<PushResponse>, HttpError> {
    let result = handle_push(&state, device, &device_id, req).await;
    if result.is_err() {
        state.metrics.pushes_refused.fetch_add(1, Ordering::Relaxed);
    }
    result
}

async fn handle_push(
    state: &AppState,
    device: devices::DeviceIdentity,
    device_id: &str,
    req: Request,
) -> Result<Json<PushResponse>, HttpError> {
    if Uuid::parse_str(device_id).ok() != Some(device.device_id) {
        return Err(HttpError::new(
            StatusCode::FORBIDDEN,
            codes::WRONG_DEVICE,
            "The token belongs to another device than the one in the path.",
        ));
    }
    let batch: PushRequest = read_json(req, MAX_PUSH_BODY_BYTES).await?;
    let items = batch.mutations.len();
    let now = Utc::now();
    let device_for_log = device.device_id;
    // The counters move inside the blocking task, right after the commit: a client that hangs up
    // mid-push drops this future, but the blocking task runs on and the batch is committed, so
    // counting here keeps the counters equal to what the database holds.
    let metrics = std::sync::Arc::clone(&state.metrics);
    let result = state
        .db
        .call(move |conn| {
            let result = push::apply_batch(conn, &device, &batch, now)?;
            metrics.record_batch(result.counts);
            Ok::<_, HttpError>(result)
        })
        .await?;
    tracing::info!(
        device_id = %device_for_log,
        items,
        applied = result.counts.applied,
        duplicate = result.counts.duplicate,
        rejected = result.counts.rejected,
        conflict = result.counts.conflict,
        applied_through_seq = result.response.applied_through_seq,
        "push"
    );
    Ok(Json(result.response))
}

use axum::extract::State;
use axum::Json;
use protocol::api::RequestStatus;

use crate::auth::Device;
use crate::db::requests;
use crate::error::HttpError;
use crate::extract::ApiPath;
use crate::state::AppState;

/// `GET /v1/requests/{reference}`: any store's request, since a customer may ask at any store.
pub async fn status(
    State(state): State<AppState>,
    Device(_device): Device,
    ApiPath(reference): ApiPath<String>,
) -> Result<Json<RequestStatus>, HttpError> {
    let found = state
        .db
        .call(move |conn| requests::get(conn, &reference).map_err(HttpError::from))
        .await?;
    found
        .map(Json)
        .ok_or_else(|| HttpError::not_found("There is no request with that reference."))
}

//! What a store's kiosks download for offline work: the staff and the consent notice.

use axum::extract::State;
use axum::Json;
use protocol::api::{ConsentNotice, NoticeQuery, StaffList};

use crate::auth::Device;
use crate::db::store;
use crate::error::HttpError;
use crate::extract::ApiQuery;
use crate::state::AppState;

/// `GET /v1/staff`: the device's store only.
pub async fn staff(
    State(state): State<AppState>,
    Device(device): Device,
) -> Result<Json<StaffList>, HttpError> {
    let store_code = device.store_code;
    let list = state
        .db
        .call(move |conn| {
            let staff = store::staff(conn, &store_code)?;
            Ok::<_, HttpError>(StaffList { store_code, staff })
        })
        .await?;
    Ok(Json(list))
}

/// `GET /v1/notices/consent?lang=sq|en|sr`.
pub async fn consent_notice(
    State(state): State<AppState>,
    Device(_device): Device,
    ApiQuery(query): ApiQuery<NoticeQuery>,
) -> Result<Json<ConsentNotice>, HttpError> {
    let lang = query.lang.unwrap_or_default();
    let notice = state
        .db
        .call(move |conn| store::current_notice(conn, lang).map_err(HttpError::from))
        .await?;
    notice.map(Json).ok_or_else(|| {
        HttpError::not_found(format!(
            "No consent notice is published in language {lang}."
        ))
    })
}

//! Customer lookup and the data report. Customers are IPKO's, not a store's: a customer may come to
//! any store.

use axum::extract::State;
use axum::Json;
use chrono::Utc;
use protocol::api::{CustomerLookup, CustomerQuery, DataReport};

use crate::auth::Device;
use crate::db::customers::{self, normalize_msisdn, LookupKey};
use crate::db::report;
use crate::error::HttpError;
use crate::extract::{ApiPath, ApiQuery};
use crate::state::AppState;

fn lookup_key(query: CustomerQuery) -> Result<LookupKey, HttpError> {
    let keys = [
        query.personal_number.map(LookupKey::PersonalNumber),
        query.customer_no.map(LookupKey::CustomerNo),
        query.msisdn.map(LookupKey::Msisdn),
    ];
    let mut given = keys.into_iter().flatten();
    let (Some(key), None) = (given.next(), given.next()) else {
        return Err(HttpError::bad_request(
            "Give exactly one of personal_number, customer_no and msisdn.",
        ));
    };
    let empty = || HttpError::bad_request("The search value is empty.");
    Ok(match key {
        LookupKey::PersonalNumber(n) => {
            let n = n.trim().to_owned();
            if n.is_empty() {
                return Err(empty());
            }
            LookupKey::PersonalNumber(n)
        }
        LookupKey::CustomerNo(n) => {
            let n = n.trim().to_owned();
            if n.is_empty() {
                return Err(empty());
            }
            LookupKey::CustomerNo(n)
        }
        LookupKey::Msisdn(n) => LookupKey::Msisdn(normalize_msisdn(&n).ok_or_else(|| {
            HttpError::bad_request(
                "msisdn is not a phone number; use +383…, 00383… or the national 0… form.",
            )
        })?),
    })
}

/// `GET /v1/customers?personal_number=…|customer_no=…|msisdn=…`.
pub async fn lookup(
    State(state): State<AppState>,
    Device(_device): Device,
    ApiQuery(query): ApiQuery<CustomerQuery>,
) -> Result<Json<CustomerLookup>, HttpError> {
    let key = lookup_key(query)?;
    let found = state
        .db
        .call(move |conn| customers::lookup(conn, &key).map_err(HttpError::from))
        .await?;
    Ok(Json(CustomerLookup { customers: found }))
}

/// `GET /v1/customers/{customer_id}/data-report`.
pub async fn data_report(
    State(state): State<AppState>,
    Device(_device): Device,
    ApiPath(customer_id): ApiPath<String>,
) -> Result<Json<DataReport>, HttpError> {
    let now = Utc::now();
    let found = state
        .db
        .call(move |conn| report::data_report(conn, &customer_id, now).map_err(HttpError::from))
        .await?;
    found
        .map(Json)
        .ok_or_else(|| HttpError::not_found("There is no customer with that id."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exactly_one_search_key_is_accepted() {
        let none = CustomerQuery::default();
        assert!(lookup_key(none).is_err());
        let two = CustomerQuery {
            personal_number: Some("1234567890".into()),
            msisdn: Some("044123456".into()),
            ..CustomerQuery::default()
        };
        assert!(lookup_key(two).is_err());
        let phone = CustomerQuery {
            msisdn: Some("00383 44 123 456".into()),
            ..CustomerQuery::default()
        };
        assert_eq!(
            lookup_key(phone).ok(),
            Some(LookupKey::Msisdn("38344123456".into()))
        );
        let blank = CustomerQuery {
            customer_no: Some("  ".into()),
            ..CustomerQuery::default()
        };
        assert!(lookup_key(blank).is_err());
    }
}

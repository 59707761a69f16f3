//! The central API's read calls a kiosk makes for its screens: the store's staff (cached for offline
//! sign-in), the consent notice (cached for offline consent), customer lookup, a customer's data
//! report and a request's status. Failures are [`SyncFailure`]s, so that the screens tell
//! "offline" from "refused" the way the sync worker does.

use protocol::api::{
    ConsentNotice, CustomerLookup, CustomerQuery, DataReport, RequestStatus, StaffList,
};
use protocol::Lang;

use crate::store::{Enrolment, Store};
use crate::sync::push::read_answer;
use crate::sync::SyncFailure;

/// `GET {path}` with the device's token, read as `T`.
async fn get<T: serde::de::DeserializeOwned>(
    client: &reqwest::Client,
    enrolment: &Enrolment,
    path: &str,
    query: &[(&str, &str)],
) -> Result<T, SyncFailure> {
    let url = crate::enrol::api_url(&enrolment.central_url, path);
    let response = client
        .get(&url)
        .query(query)
        .bearer_auth(&enrolment.token)
        .send()
        .await
        .map_err(|e| SyncFailure::transport(&e))?;
    read_answer(response).await
}

/// An id or reference as a path segment. They are letters, digits, `-` and `_`; anything else
/// (a slash, `..`, a space) could make the URL name another resource, so it is refused.
fn segment<'a>(what: &str, value: &'a str) -> Result<&'a str, SyncFailure> {
    let value = value.trim();
    let fits = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if value.is_empty() || value.len() > 64 || !value.chars().all(fits) {
        return Err(SyncFailure::local(
            "invalid_input",
            format!("That is not a {what}: use letters, digits and dashes."),
        ));
    }
    Ok(value)
}

/// `GET /v1/notices/consent?lang=`: the current consent notice, to cache for offline work.
pub async fn fetch_consent_notice(
    client: &reqwest::Client,
    enrolment: &Enrolment,
    lang: Lang,
) -> Result<ConsentNotice, SyncFailure> {
    get(
        client,
        enrolment,
        "/notices/consent",
        &[("lang", lang.code())],
    )
    .await
}

/// `GET /v1/staff`: the store's staff with their PIN verifiers.
pub async fn fetch_staff(
    client: &reqwest::Client,
    enrolment: &Enrolment,
) -> Result<StaffList, SyncFailure> {
    get(client, enrolment, "/staff", &[]).await
}

/// Fetches the staff list and replaces the cache with it whole (someone removed centrally can no
/// longer sign in here). Returns how many staff members the store has.
pub async fn refresh_staff(
    client: &reqwest::Client,
    store: &mut Store,
) -> Result<usize, SyncFailure> {
    let enrolment = enrolled(store)?;
    let list = fetch_staff(client, &enrolment).await?;
    store
        .replace_staff(&list)
        .map_err(|e| SyncFailure::local(e.code(), e.to_string()))?;
    Ok(list.staff.len())
}

/// `GET /v1/customers?…`: exactly one of the query's keys.
pub async fn lookup_customer(
    client: &reqwest::Client,
    enrolment: &Enrolment,
    query: &CustomerQuery,
) -> Result<CustomerLookup, SyncFailure> {
    let keys = [
        ("personal_number", query.personal_number.as_deref()),
        ("customer_no", query.customer_no.as_deref()),
        ("msisdn", query.msisdn.as_deref()),
    ];
    let given: Vec<(&str, &str)> = keys
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v.trim())))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    if given.len() != 1 {
        return Err(SyncFailure::local(
            "invalid_input",
            "Search by one of personal number, customer number or phone number.",
        ));
    }
    // Checked here, not left to the central API: a pasted page of text would otherwise travel in
    // the request's URL.
    if given.iter().any(|(_, v)| {
        v.chars().nth(SEARCH_KEY_MAX_CHARS).is_some()
            || crate::capture::values::holds_hidden_characters(v)
    }) {
        return Err(SyncFailure::local(
            "invalid_input",
            "A personal number, customer number or phone number has at most 64 characters, none of them control characters.",
        ));
    }
    get(client, enrolment, "/customers", &given).await
}

/// The longest search key the kiosk sends (personal numbers have 10 digits, phone numbers 15).
const SEARCH_KEY_MAX_CHARS: usize = 64;

/// `GET /v1/customers/{id}/data-report`: everything IPKO holds about one customer.
pub async fn fetch_data_report(
    client: &reqwest::Client,
    enrolment: &Enrolment,
    customer_id: &str,
) -> Result<DataReport, SyncFailure> {
    let path = format!(
        "/customers/{}/data-report",
        segment("customer id", customer_id)?
    );
    get(client, enrolment, &path, &[]).await
}

/// `GET /v1/requests/{reference}`: where a rights request stands and when it is due.
pub async fn request_status(
    client: &reqwest::Client,
    enrolment: &Enrolment,
    reference: &str,
) -> Result<RequestStatus, SyncFailure> {
    let path = format!("/requests/{}", segment("request reference", reference)?);
    get(client, enrolment, &path, &[]).await
}

/// The store's enrolment, or the refusal a screen shows before the kiosk is enrolled.
pub fn enrolled(store: &Store) -> Result<Enrolment, SyncFailure> {
    store
        .enrolment()
        .map_err(|e| SyncFailure::local(e.code(), e.to_string()))?
        .ok_or_else(|| {
            let e = crate::Error::NotEnrolled;
            SyncFailure::local(e.code(), e.to_string())
        })
}

#[cfg(test)]
mod tests {
    use super::segment;

    #[test]
    fn ids_that_could_name_another_resource_are_refused() {
        assert_eq!(segment("customer id", " C-000001 ").ok(), Some("C-000001"));
        assert_eq!(
            segment("request reference", "DEMO-PRISHTINA-2026-7K3QZ9").ok(),
            Some("DEMO-PRISHTINA-2026-7K3QZ9")
        );
        for bad in [
            "",
            "..",
            "../staff",
            "a b",
            "C-1?x=1",
            "C-1#",
            "Ë",
            &"9".repeat(65),
        ] {
            assert!(segment("customer id", bad).is_err(), "{bad:?}");
        }
    }
}

//! The central API's OpenAPI 3 document, generated from the wire types. The committed copy,
//! `openapi.json` beside this crate's manifest, is what other teams read; a test keeps them equal.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, HeaderBuilder, ObjectBuilder, Ref, RefOr, Response, Type};
use utoipa::{Modify, OpenApi};

use crate::api::*;
use crate::mutation::*;

/// The marker functions below carry the paths of the contract; the reference server implements them.
#[allow(dead_code)]
mod paths {
    use crate::api::*;
    use crate::mutation::*;

    /// Liveness of the central API.
    #[utoipa::path(get, path = "/v1/health", tag = "system", security(()),
        responses((status = 200, body = Health), (status = 503, body = ApiError)))]
    fn health() {}

    /// Enrols a kiosk in a store with a one-time secret (the demo store's secret is reusable).
    #[utoipa::path(post, path = "/v1/devices/enroll", tag = "devices", security(()),
        request_body = EnrollRequest,
        responses(
            (status = 201, body = EnrollResponse),
            (status = 400, body = ApiError), (status = 403, body = ApiError),
            (status = 413, body = ApiError), (status = 415, body = ApiError),
            (status = 422, body = ApiError)))]
    fn enroll() {}

    /// The staff of the device's store, with PIN verifiers for offline sign-in.
    #[utoipa::path(get, path = "/v1/staff", tag = "store",
        responses((status = 200, body = StaffList), (status = 401, body = ApiError)))]
    fn staff() {}

    /// The current consent notice in a language.
    #[utoipa::path(get, path = "/v1/notices/consent", tag = "store", params(NoticeQuery),
        responses((status = 200, body = ConsentNotice), (status = 400, body = ApiError),
            (status = 401, body = ApiError), (status = 404, body = ApiError)))]
    fn consent_notice() {}

    /// Finds customers by exactly one of personal number, customer number or phone number.
    #[utoipa::path(get, path = "/v1/customers", tag = "customers", params(CustomerQuery),
        responses((status = 200, body = CustomerLookup), (status = 400, body = ApiError),
            (status = 401, body = ApiError)))]
    fn customers() {}

    /// Everything IPKO holds about one customer, for the right of access.
    #[utoipa::path(get, path = "/v1/customers/{customer_id}/data-report", tag = "customers",
        params(("customer_id" = String, Path, description = "Customer id, e.g. C-000001")),
        responses((status = 200, body = DataReport), (status = 400, body = ApiError),
            (status = 401, body = ApiError), (status = 404, body = ApiError)))]
    fn data_report() {}

    /// Pushes an ordered batch of the device's queued changes. Applied in `seq` order in one
    /// transaction; deduplicated forever on (device, mutation_id).
    #[utoipa::path(post, path = "/v1/devices/{device_id}/push", tag = "devices",
        params(("device_id" = uuid::Uuid, Path, description = "The enrolled device")),
        request_body = PushRequest,
        responses(
            (status = 200, body = PushResponse),
            (status = 400, body = ApiError), (status = 401, body = ApiError),
            (status = 403, body = ApiError), (status = 409, body = ApiError),
            (status = 413, body = ApiError), (status = 415, body = ApiError),
            (status = 422, body = ApiError),
            (status = 429, body = ApiError, headers(("Retry-After" = u32, description = "Seconds to wait"))),
            (status = 503, body = ApiError, headers(("Retry-After" = u32, description = "Seconds to wait")))))]
    fn push() {}

    /// Where a request (correction or other right) stands.
    #[utoipa::path(get, path = "/v1/requests/{reference}", tag = "requests",
        params(("reference" = String, Path, description = "The reference printed on the receipt")),
        responses((status = 200, body = RequestStatus), (status = 400, body = ApiError),
            (status = 401, body = ApiError), (status = 404, body = ApiError)))]
    fn request_status() {}
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "device_token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// What every answer of a status means, for the responses the paths leave undescribed.
fn status_description(status: &str) -> &'static str {
    match status {
        "200" => "OK.",
        "201" => "Created.",
        "400" => "Broken JSON (`malformed_json`) or bad parameters (`invalid_request`); nothing changed.",
        "401" => "No token, or a token that is unknown (`unauthorized`), expired (`token_expired`) or revoked (`token_revoked`).",
        "403" => "Refused: wrong enrolment secret (`enrolment_refused`), or a token of another device (`wrong_device`).",
        "404" => "Not found (`not_found`).",
        "409" => "`seq_gap`: changes are missing before this batch; nothing was applied.",
        "413" => "The body is too large (`payload_too_large`) or the batch has too many changes (`batch_too_large`); nothing changed.",
        "415" => "The body is not `application/json` (`unsupported_media_type`).",
        "422" => "JSON of the wrong shape (`invalid_request`, naming the field) or a batch out of order (`seq_order`); nothing changed.",
        "429" => "`throttled`: too many pushes at once; retry after `Retry-After` seconds.",
        "500" => "`internal`: the server failed; nothing was changed; retry later.",
        "503" => "`unavailable`: retry after `Retry-After` seconds.",
        _ => "",
    }
}

/// Every operation may answer 500 and 503 (and 503 always with `Retry-After`), and every answer
/// gets a description.
struct CommonResponses;

impl Modify for CommonResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let error_body = || Content::new(Some(RefOr::Ref(Ref::from_schema_name("ApiError"))));
        let retry_after = || {
            HeaderBuilder::new()
                .schema(
                    ObjectBuilder::new()
                        .schema_type(Type::Integer)
                        .minimum(Some(0)),
                )
                .description(Some("Seconds to wait before trying again"))
                .build()
        };
        for item in openapi.paths.paths.values_mut() {
            for operation in [&mut item.get, &mut item.post].into_iter().flatten() {
                let responses = &mut operation.responses.responses;
                for status in ["500", "503"] {
                    responses.entry(status.to_owned()).or_insert_with(|| {
                        let mut response = Response::new("");
                        response
                            .content
                            .insert("application/json".to_owned(), error_body());
                        RefOr::T(response)
                    });
                }
                for (status, response) in responses.iter_mut() {
                    let RefOr::T(response) = response else {
                        continue;
                    };
                    if response.description.is_empty() {
                        response.description = status_description(status).to_owned();
                    }
                    if status == "503" || status == "429" {
                        response
                            .headers
                            .entry("Retry-After".to_owned())
                            .or_insert_with(retry_after);
                    }
                }
            }
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "IPKO central privacy API",
        description = "What the IPKO privacy kiosks of the stores call: enrolment, staff, consent notices, customers and their data reports, and the push of changes captured at the counter.",
        version = "1.0.0"
    ),
    paths(
        paths::health,
        paths::enroll,
        paths::staff,
        paths::consent_notice,
        paths::customers,
        paths::data_report,
        paths::push,
        paths::request_status
    ),
    components(schemas(
        ApiError, MutationKind, ConsentRecorded, CorrectionRequested, RightsRequestSubmitted,
        IdentityVerified, AuditEvent
    )),
    modifiers(&BearerAuth, &CommonResponses),
    security(("device_token" = []))
)]
pub struct ApiDoc;

/// The document as pretty JSON with a final newline, exactly as committed.
pub fn openapi_json() -> String {
    let doc = ApiDoc::openapi();
    let mut text = doc
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regenerate with `UPDATE_OPENAPI=1 cargo test -p protocol committed_openapi`.
    #[test]
    fn committed_openapi_document_matches_the_types() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi.json");
        let generated = openapi_json();
        if std::env::var_os("UPDATE_OPENAPI").is_some() {
            if let Err(e) = std::fs::write(&path, &generated) {
                panic!("cannot write {}: {e}", path.display());
            }
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} differs from the types; regenerate it with UPDATE_OPENAPI=1 cargo test -p protocol committed_openapi",
            path.display()
        );
    }

    /// The contract's paths, and nothing else: the reference server also serves the document itself
    /// (`/v1/openapi.json`) and its counters (`/metrics`), which are not part of the contract; the
    /// central API's own tests check that those two answer.
    #[test]
    fn every_contract_path_is_documented() {
        let doc = ApiDoc::openapi();
        let expected = [
            "/v1/health",
            "/v1/devices/enroll",
            "/v1/staff",
            "/v1/notices/consent",
            "/v1/customers",
            "/v1/customers/{customer_id}/data-report",
            "/v1/devices/{device_id}/push",
            "/v1/requests/{reference}",
        ];
        for path in expected {
            assert!(doc.paths.paths.contains_key(path), "{path} missing");
        }
        for path in doc.paths.paths.keys() {
            assert!(
                expected.contains(&path.as_str()),
                "{path} is documented but not in the list"
            );
        }
    }
}

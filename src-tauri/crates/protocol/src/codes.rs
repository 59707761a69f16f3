//! Stable error codes of the central API (`ApiError::code`). Programs branch on these; people read
//! the message.

pub const UNAUTHORIZED: &str = "unauthorized";
pub const TOKEN_EXPIRED: &str = "token_expired";
pub const TOKEN_REVOKED: &str = "token_revoked";
pub const FORBIDDEN: &str = "forbidden";
pub const WRONG_DEVICE: &str = "wrong_device";
/// A change names a store other than the one the pushing device is enrolled in.
pub const WRONG_STORE: &str = "wrong_store";
pub const NOT_FOUND: &str = "not_found";
pub const METHOD_NOT_ALLOWED: &str = "method_not_allowed";
pub const INVALID_REQUEST: &str = "invalid_request";
pub const MALFORMED_JSON: &str = "malformed_json";
pub const UNSUPPORTED_MEDIA_TYPE: &str = "unsupported_media_type";
pub const PAYLOAD_TOO_LARGE: &str = "payload_too_large";
pub const BATCH_TOO_LARGE: &str = "batch_too_large";
pub const SEQ_GAP: &str = "seq_gap";
pub const SEQ_ORDER: &str = "seq_order";
pub const SEQ_REUSED: &str = "seq_reused";
/// A change's `mutation_id` is already known to the server with a different payload: a mutation id
/// names one change for ever.
pub const MUTATION_ID_REUSED: &str = "mutation_id_reused";
/// A change's `captured_at` is too far in the past or in the future to be believed (a kiosk clock
/// gone wrong); the server does not count deadlines from it.
pub const CAPTURED_AT_OUT_OF_RANGE: &str = "captured_at_out_of_range";
pub const PAYLOAD_HASH_MISMATCH: &str = "payload_hash_mismatch";
pub const INVALID_PAYLOAD: &str = "invalid_payload";
pub const UNKNOWN_CUSTOMER: &str = "unknown_customer";
pub const DUPLICATE_REFERENCE: &str = "duplicate_reference";
/// An audit event's `hash` is not the hash of its fields, or its `prev_hash` is not the hash of the
/// device's previous audit event the server accepted.
pub const AUDIT_CHAIN_BROKEN: &str = "audit_chain_broken";
/// A correction was based on a record version that is no longer current (the code of a `conflict`
/// outcome on the review list; on the wire, a conflict is its own outcome).
pub const CONFLICT: &str = "conflict";
/// A verification recorded offline (`pending`) was completed by the server: the document does not
/// match the customer's record (or a specimen document was used for a real customer). The
/// verification is not kept; a person reviews it.
pub const IDENTITY_MISMATCH: &str = "identity_mismatch";
/// A verification recorded offline (`pending`) was completed by the server: the document matches
/// the record only in part (a married name, a renewed passport …), which needs a person's
/// judgement. The verification is not kept; a person reviews it.
pub const IDENTITY_NEEDS_REVIEW: &str = "identity_needs_review";
pub const ENROLMENT_REFUSED: &str = "enrolment_refused";
pub const THROTTLED: &str = "throttled";
pub const UNAVAILABLE: &str = "unavailable";
pub const INTERNAL: &str = "internal";

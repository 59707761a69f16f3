//! How a printout can be checked against IPKO's records: the SHA-256 of the canonical JSON of what
//! was printed (the data report, or the signed change's payload), shown short on every page and
//! carried whole in a QR code.
//!
//! The hash is over the data, not the PDF: the PDF holds the print time, the language and the clerk,
//! which change from one printout of the same data to the next. For a receipt it is the same hash as
//! the queued change's `payload_sha256`, so a receipt names the exact change the central API holds.

use serde::Serialize;

use super::error::ReportError;

/// Lower-case hex SHA-256 of the canonical JSON of `value` (keys sorted at every depth, no white
/// space: [`protocol::canonical`]).
pub(crate) fn content_sha256<T: Serialize>(
    value: &T,
    what: &'static str,
) -> Result<String, ReportError> {
    let bytes = match protocol::canonical::to_canonical(value) {
        Ok(bytes) => bytes,
        Err(_) => {
            let tree = serde_json::to_value(value).map_err(|e| {
                ReportError::invalid(what, format!("it cannot be written as JSON: {e}"))
            })?;
            protocol::mutation::canonical_json(&tree)
        }
    };
    Ok(protocol::mutation::sha256_hex(&bytes))
}

/// The short form printed on every page: the first twelve hex digits in three groups, upper case
/// (`3FA9-0C1D-77B2`), enough to tell printouts apart and short enough to read out on the phone.
pub fn verification_code(sha256_hex: &str) -> String {
    let head: Vec<char> = sha256_hex
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(12)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    head.chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// What the QR code of a printout says: `IPKO-<KIND>:<REFERENCE>:<SHA256>`, in upper case. Upper
/// case keeps the whole text in the QR code's alphanumeric mode (5.5 bits a character instead of 8),
/// so that the code printed in the corner has fewer, larger modules and scans from a creased page;
/// a reader compares the hash and a UUID reference without regard to case.
pub(crate) fn qr_payload(kind: &str, reference: &str, sha256_hex: &str) -> String {
    format!("IPKO-{kind}:{reference}:{sha256_hex}").to_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_payload_stays_alphanumeric_and_small() {
        let sha = "3fa90c1d77b2e4ab00000000000000000000000000000000000000000000ffff";
        let reference = "019ab2c4-77d1-7f00-8000-0123456789ab";
        let payload = qr_payload("DAR", reference, sha);
        assert_eq!(
            payload,
            format!("IPKO-DAR:{reference}:{sha}").to_uppercase()
        );
        let code =
            qrcode::QrCode::with_error_correction_level(payload.as_bytes(), qrcode::EcLevel::M);
        // Version 5 (37 modules) where the lower-case text needs version 7 (45).
        assert_eq!(code.map(|c| c.width()).ok(), Some(37));
    }

    #[test]
    fn the_code_is_the_hash_head_in_three_groups() {
        let sha = "3fa90c1d77b2e4ab00000000000000000000000000000000000000000000ffff";
        assert_eq!(verification_code(sha), "3FA9-0C1D-77B2");
        assert_eq!(verification_code("abc"), "ABC");
    }

    #[test]
    fn the_hash_is_over_canonical_json_so_field_order_does_not_matter() {
        let a = serde_json::json!({"b": 1, "a": {"y": "ë", "x": [1, 2]}});
        let b: serde_json::Value =
            serde_json::from_str(r#"{"a":{"x":[1,2],"y":"ë"},"b":1}"#).unwrap_or_default();
        let (ha, hb) = (content_sha256(&a, "t").ok(), content_sha256(&b, "t").ok());
        assert!(ha.is_some());
        assert_eq!(ha, hb);
        assert_eq!(
            ha,
            Some(protocol::mutation::sha256_hex(
                r#"{"a":{"x":[1,2],"y":"ë"},"b":1}"#.as_bytes()
            ))
        );
        let c = serde_json::json!({"b": 2, "a": {"y": "ë", "x": [1, 2]}});
        assert_ne!(content_sha256(&c, "t").ok(), ha);
    }
}
